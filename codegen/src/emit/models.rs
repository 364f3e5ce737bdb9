//! `models.rs`: a struct, enum or alias per named type.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{allow_operator_name, ident, rust_type, Scope};
use super::unions;
use super::usage::{Usage, ROUND_TRIP};
use crate::ir::{Api, Enum, Field, IntEnum, Struct, TypeDef, TypeKind, TypeRef};

/// Types printed together: the tokens of a large API's models, all at once, took GitHub's
/// run 170 MB at its peak.
const TYPES_A_PART: usize = 64;

/// The whole `models.rs` module, in parts that follow each other at item boundaries: its
/// documentation and imports, then the types, [`TYPES_A_PART`] at a time. Each part is
/// made when the one before has been taken, so that `format` prints and drops it first.
pub fn parts<'a>(api: &'a Api, usage: &'a Usage) -> impl Iterator<Item = TokenStream> + 'a {
    let types: Vec<&TypeDef> = api.types.values().collect();
    let count = types.len();
    let types = (0..count).step_by(TYPES_A_PART).map(move |start| {
        let part = types.get(start..count.min(start + TYPES_A_PART));
        let defs = part.into_iter().flatten();
        defs.map(|def| type_def(api, usage, def))
            .collect::<TokenStream>()
    });
    std::iter::once(head(api)).chain(types)
}

/// The module's documentation and imports.
fn head(api: &Api) -> TokenStream {
    let uses_explicit_null = api.types.values().any(|d| match &d.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| f.explicit_null),
        _ => false,
    });
    let mut doc = String::from(
        "Request and response bodies of the API and the types they are made of.\n\n\
         Structs ignore JSON fields they don't know, and enums keep values they don't know, \
         so a newer server does not break this client.",
    );
    if uses_explicit_null {
        doc.push_str(
            "\n\nOptional fields of request bodies that may be `null` are `Option<Option<T>>`: \
             `None` leaves the field out and `Some(None)` sends `null`.",
        );
    }
    let doc = docs::inner(&doc);
    let use_explicit_null = uses_explicit_null.then(|| {
        quote! {
            // Unused when no struct that reads it is received, or compiled.
            #[allow(unused_imports)]
            use crate::runtime::object::explicit_null;
        }
    });
    let has = |f: fn(&TypeKind) -> bool| api.types.values().any(|d| f(&d.kind));
    let mut macros = Vec::new();
    if has(|k| matches!(k, TypeKind::Enum(_))) {
        macros.push(quote!(open_enum));
    }
    if has(|k| matches!(k, TypeKind::IntEnum(_))) {
        macros.push(quote!(open_int_enum));
    }
    let use_open_enum = match macros.as_slice() {
        [] => None,
        [one] => Some(quote!(use crate::runtime::open_enum::#one;)),
        many => Some(quote!(use crate::runtime::open_enum::{#(#many),*};)),
    };
    let use_unions = unions::imports(api);
    let use_deserialize_struct = api
        .types
        .values()
        .any(|d| matches!(&d.kind, TypeKind::Struct(s) if decodes_by_macro(s)))
        .then(|| {
            quote! {
                // Unused when no struct it decodes is compiled (the client only sends them).
                #[allow(unused_imports)]
                use crate::runtime::object::deserialize_struct;
            }
        });
    quote! {
        #doc

        #use_open_enum
        #use_unions
        #use_deserialize_struct
        #use_explicit_null
    }
}

fn type_def(api: &Api, usage: &Usage, def: &TypeDef) -> TokenStream {
    let cfg = usage.type_cfg(&def.name);
    let mut doc = def.doc.clone().unwrap_or_default();
    if def.nullable {
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(
            "The API may send `null` wherever this type is used; such places are `Option`s.",
        );
    }
    let text = doc;
    let doc = docs::outer(&text);
    match &def.kind {
        TypeKind::Struct(s) => {
            let serde = Serde::of(usage, &def.name, s);
            let builder_cfg = usage.builder_cfg(&def.name);
            struct_def(api, &def.name, &doc, (&cfg, &builder_cfg), &serde, s)
        }
        TypeKind::Enum(e) => enum_def(&def.name, &doc, &cfg, e),
        TypeKind::IntEnum(e) => int_enum_def(&def.name, &doc, &cfg, e),
        TypeKind::Union(u) => {
            unions::union_def(api, &def.name, &text, &cfg, usage.directions(&def.name), u)
        }
        TypeKind::Alias(target) => {
            let name = ident(&def.name);
            let target = rust_type(target, Scope::Models);
            quote! {
                #doc
                #cfg
                pub type #name = #target;
            }
        }
    }
}

/// How a struct gets serde's traits: `Serialize` where it is sent and `Deserialize` where
/// it is received, each always, the other under the feature `round-trip`; `Deserialize`
/// of a struct [`decodes_by_macro`] through the runtime's `deserialize_struct!`, the other
/// derived.
struct Serde {
    /// Derives that go in `#[derive(...)]`, after the others.
    always: Vec<TokenStream>,
    /// Derives under `round-trip`.
    round_trip: Vec<TokenStream>,
    /// The `#[cfg]` of the `deserialize_struct!` call, when there is one.
    by_macro: Option<TokenStream>,
}

impl Serde {
    fn of(usage: &Usage, name: &str, s: &Struct) -> Serde {
        let ways = usage.directions(name);
        let (mut always, mut round_trip) = (Vec::new(), Vec::new());
        let mut put = |on: bool, derive: TokenStream| {
            if on {
                always.push(derive);
            } else {
                round_trip.push(derive);
            }
        };
        put(ways.sent, quote!(serde::Serialize));
        let by_macro = decodes_by_macro(s).then(|| usage.deserialize_cfg(name));
        if by_macro.is_none() {
            put(ways.received, quote!(serde::Deserialize));
        }
        Serde {
            always,
            round_trip,
            by_macro,
        }
    }

    /// A field's `#[serde(...)]` of `args`: under `round-trip` when nothing is derived
    /// without it.
    fn field_attr(&self, args: &[TokenStream]) -> TokenStream {
        match (args.is_empty(), self.always.is_empty()) {
            (true, _) => quote!(),
            (false, false) => quote!(#[serde(#(#args),*)]),
            (false, true) => quote!(#[cfg_attr(feature = #ROUND_TRIP, serde(#(#args),*))]),
        }
    }

    /// The `#[cfg_attr]` deriving what `round-trip` adds.
    fn round_trip_attr(&self) -> TokenStream {
        let derives = &self.round_trip;
        if derives.is_empty() {
            quote!()
        } else {
            quote!(#[cfg_attr(feature = #ROUND_TRIP, derive(#(#derives),*))])
        }
    }
}

/// Whether a struct's `Deserialize` is the runtime's `deserialize_struct!`, which reads
/// each field by its type alone: not for flattened members, nor for fields that tell
/// `null` from absent.
fn decodes_by_macro(s: &Struct) -> bool {
    s.additional.is_none() && s.flattened.is_none() && !s.fields.iter().any(|f| f.explicit_null)
}

/// `deserialize_struct!(Name { field, other: "wire-name" });`, under `cfg`.
fn deserialize_struct(name: &proc_macro2::Ident, cfg: &TokenStream, s: &Struct) -> TokenStream {
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        // The macro reads a field written alone by `stringify!`, so by the identifier's text.
        if field == f.wire_name {
            quote!(#field)
        } else {
            let wire = &f.wire_name;
            quote!(#field: #wire)
        }
    });
    quote! {
        #cfg
        deserialize_struct!(#name { #(#fields),* });
    }
}

/// The Rust type of a field: `Option` when it may be missing or `null`, `Box` when the
/// type contains itself through it.
fn field_type(f: &Field) -> TokenStream {
    let (inner, nullable) = match &f.ty {
        TypeRef::Nullable(inner) => (inner.as_ref(), true),
        other => (other, f.nullable),
    };
    let mut ty = rust_type(inner, Scope::Models);
    if f.boxed {
        ty = quote!(Box<#ty>);
    }
    if f.explicit_null {
        quote!(Option<Option<#ty>>)
    } else if !f.required || nullable {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

fn field_doc(f: &Field) -> TokenStream {
    let mut text = f.doc.clone().unwrap_or_default();
    let mut notes = Vec::new();
    if f.deprecated {
        notes.push("**Deprecated.**".to_owned());
    }
    if let Some(default) = &f.default {
        notes.push(format!("Default: `{default}`."));
    }
    if f.required && f.nullable {
        notes.push("Always sent; `None` is sent as `null`.".to_owned());
    }
    if f.explicit_null {
        notes.push("`None` leaves the field out; `Some(None)` sends `null`.".to_owned());
    }
    if !notes.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&notes.join(" "));
    }
    docs::outer(&text)
}

fn struct_def(
    api: &Api,
    name: &str,
    doc: &TokenStream,
    (cfg, builder_cfg): (&TokenStream, &TokenStream),
    serde: &Serde,
    s: &Struct,
) -> TokenStream {
    let name = ident(name);
    let fields = s.fields.iter().map(|f| {
        let doc = field_doc(f);
        let fname = ident(&f.name);
        let ty = field_type(f);
        let mut serde_args = Vec::new();
        if f.name != f.wire_name {
            let wire = &f.wire_name;
            serde_args.push(quote!(rename = #wire));
        }
        if !f.required {
            // `deserialize_struct!` makes a missing `Option` `None` itself.
            if serde.by_macro.is_none() {
                serde_args.push(quote!(default));
            }
            serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        if f.explicit_null {
            serde_args.push(quote!(deserialize_with = "explicit_null"));
        }
        let serde_attr = serde.field_attr(&serde_args);
        quote! {
            #doc
            #serde_attr
            pub #fname: #ty,
        }
    });
    let additional = s.additional.as_ref().map(|ty| {
        let ty = rust_type(ty, Scope::Models);
        quote! {
            /// Properties not listed above, by name.
            #[serde(flatten)]
            pub additional_properties: std::collections::BTreeMap<String, #ty>,
        }
    });
    let flattened = s.flattened.as_ref().map(|(field, ty)| {
        let field = ident(field);
        let ty = rust_type(ty, Scope::Models);
        quote! {
            /// What else the value is, beside the fields above: its properties are this
            /// struct's own.
            #[serde(flatten)]
            pub #field: #ty,
        }
    });
    // With nothing required, `..Default::default()` fills in what the caller leaves out.
    let default = has_default(s).then(|| quote!(Default,));
    let constructor = constructor(api, &name, s).map(|c| quote!(#builder_cfg #c));
    let derives = &serde.always;
    let round_trip = serde.round_trip_attr();
    let deserialize = serde
        .by_macro
        .as_ref()
        .map(|cfg| deserialize_struct(&name, cfg, s));
    quote! {
        #doc
        #cfg
        #[derive(Debug, Clone, PartialEq, #default #(#derives),*)]
        #round_trip
        pub struct #name {
            #(#fields)*
            #flattened
            #additional
        }

        #deserialize

        #constructor
    }
}

/// `new` with the required fields (for a struct that has some), and a chainable setter
/// per optional field, so that code written against today's fields keeps compiling when
/// the API adds optional ones; `None` for a struct with neither.
fn constructor(api: &Api, name: &proc_macro2::Ident, s: &Struct) -> Option<TokenStream> {
    let fixed = |f: &Field| fixed_value(api, f);
    let required = constructor_fields(api, s);
    let optional: Vec<&Field> = s.fields.iter().filter(|f| !f.required).collect();
    // A flattened union is required too: the value is one of its variants.
    let flattened = s.flattened.as_ref().map(|(field, ty)| {
        let field = ident(field);
        let ty = rust_type(ty, Scope::Models);
        (
            quote!(#field: impl Into<#ty>),
            quote!(#field: #field.into(),),
        )
    });
    let new = has_constructor(api, s).then(|| {
        let params = required
            .iter()
            .map(|f| {
                let param = param_ident(&f.name);
                let (ty, _) = accept(f);
                quote!(#param: #ty)
            })
            .chain(flattened.iter().map(|(param, _)| param.clone()));
        let flattened_init = flattened.as_ref().map(|(_, init)| init.clone());
        let inits = s.fields.iter().map(|f| {
            let field = ident(&f.name);
            let param = param_ident(&f.name);
            match fixed(f) {
                Some(value) if f.required => quote!(#field: #value),
                _ if f.required => match accept(f) {
                    (_, Stored::AsIs) if param == field => quote!(#field),
                    (_, store) => {
                        let store = store.expr(&param);
                        quote!(#field: #store)
                    }
                },
                _ => quote!(#field: None),
            }
        });
        let additional = s
            .additional
            .as_ref()
            .map(|_| quote!(additional_properties: std::collections::BTreeMap::new(),));
        let names: Vec<String> = required
            .iter()
            .map(|f| f.name.as_str())
            .chain(s.flattened.iter().map(|(field, _)| field.as_str()))
            .map(|name| format!("`{name}`"))
            .collect();
        let doc = docs::outer(&format!(
            "{} `{name}` with its required fields ({}); set the others with the methods \
             below.",
            docs::article(&name.to_string()),
            names.join(", ")
        ));
        // Clippy's limit; a constructor takes what the API requires.
        let allow = (names.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            #doc
            #allow
            pub fn new(#(#params),*) -> Self {
                Self {
                    #(#inits,)*
                    #additional
                    #flattened_init
                }
            }
        }
    });
    let setters = optional.iter().map(|f| {
        let field = ident(&f.name);
        // `new` is the constructor's.
        let setter = if f.name == "new" {
            ident("set_new")
        } else {
            field.clone()
        };
        let first_line = f
            .doc
            .as_deref()
            .and_then(|d| d.lines().next())
            .map(str::trim);
        let about = first_line
            .filter(|l| !l.is_empty())
            .map(|l| format!(": {}", l.trim_end_matches('.')))
            .unwrap_or_default();
        if f.explicit_null {
            let ty = rust_type(&strip_nullable(&f.ty), Scope::Models);
            let ty = if f.boxed { quote!(Box<#ty>) } else { ty };
            let doc = docs::outer(&format!("Sets `{}`{about}. `None` sends `null`.", f.name));
            let param = param_ident(&f.name);
            let allow = allow_operator_name(&setter);
            quote! {
                #doc
                #allow
                pub fn #setter(mut self, #param: Option<#ty>) -> Self {
                    self.#field = Some(#param);
                    self
                }
            }
        } else {
            let (ty, store) = accept(f);
            let param = param_ident(&f.name);
            let store = store.expr(&param);
            let doc = docs::outer(&format!("Sets `{}`{about}.", f.name));
            let allow = allow_operator_name(&setter);
            quote! {
                #doc
                #allow
                pub fn #setter(mut self, #param: #ty) -> Self {
                    self.#field = Some(#store);
                    self
                }
            }
        }
    });
    let setters: Vec<TokenStream> = setters.collect();
    // A struct whose fields are all fixed has nothing to construct or set.
    (new.is_some() || !setters.is_empty()).then(|| {
        quote! {
            impl #name {
                #new
                #(#setters)*
            }
        }
    })
}

/// The value a required field with one possible value (a `const`, a one-value enum) is
/// filled in with, so that the constructor does not ask for it. A field that may be `null`
/// is an `Option`, given by the caller.
fn fixed_value(api: &Api, f: &Field) -> Option<TokenStream> {
    let TypeRef::Named(n) = &f.ty else {
        return None;
    };
    if f.nullable || f.boxed || api.types.get(n).is_some_and(|d| d.nullable) {
        return None;
    }
    let only = match api.types.get(n).map(|d| &d.kind) {
        Some(TypeKind::Enum(e)) => match e.variants.as_slice() {
            [only] => &only.name,
            _ => return None,
        },
        Some(TypeKind::IntEnum(e)) => match e.variants.as_slice() {
            [only] => &only.name,
            _ => return None,
        },
        _ => return None,
    };
    let (ty, variant) = (ident(n), ident(only));
    Some(quote!(#ty::#variant))
}

/// The fields `new` takes, in order (a flattened union comes after them).
pub(super) fn constructor_fields<'s>(api: &Api, s: &'s Struct) -> Vec<&'s Field> {
    s.fields
        .iter()
        .filter(|f| f.required && fixed_value(api, f).is_none())
        .collect()
}

/// Whether the struct has `new` (else, when nothing is required, it has `Default`).
pub(super) fn has_constructor(api: &Api, s: &Struct) -> bool {
    !constructor_fields(api, s).is_empty() || s.flattened.is_some()
}

/// Whether the struct implements `Default`: nothing in it is required.
pub(super) fn has_default(s: &Struct) -> bool {
    s.fields.iter().all(|f| !f.required) && s.flattened.is_none()
}

/// The parameter that takes the field `name`: the field's name, unless it is only
/// underscores and digits (`_1`, from a property `+1`), which says nothing as a parameter.
fn param_ident(name: &str) -> proc_macro2::Ident {
    if name.chars().all(|c| c == '_' || c.is_ascii_digit()) {
        ident(&format!("value{name}"))
    } else {
        ident(name)
    }
}

/// `T` of a field whose type is `Nullable(T)`.
fn strip_nullable(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Nullable(inner) => inner.as_ref().clone(),
        other => other.clone(),
    }
}

/// How a constructor or setter stores what it is given.
enum Stored {
    /// As it is.
    AsIs,
    /// Through `Into`.
    Into,
}

impl Stored {
    /// The expression that stores `value`.
    fn expr(&self, value: &proc_macro2::Ident) -> TokenStream {
        match self {
            Stored::AsIs => quote!(#value),
            Stored::Into => quote!(#value.into()),
        }
    }
}

/// How a constructor or setter takes a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Takes {
    /// `T` itself.
    Exact,
    /// `impl Into<T>`, where conversions are common (strings, named and collection types).
    Into,
    /// `Option<T>`: a required field that may be `null`.
    Option,
}

/// How `f` is taken (without the `Option` an optional field's setter adds).
pub(super) fn takes(f: &Field) -> Takes {
    let (inner, nullable) = match &f.ty {
        TypeRef::Nullable(inner) => (inner.as_ref(), true),
        other => (other, f.nullable),
    };
    if f.required && nullable {
        Takes::Option
    } else if f.boxed || super::types::takes_into(inner) {
        Takes::Into
    } else {
        Takes::Exact
    }
}

/// The parameter type a constructor or setter takes for `f` (see [`takes`]), and how it
/// is stored.
fn accept(f: &Field) -> (TokenStream, Stored) {
    let inner = match &f.ty {
        TypeRef::Nullable(inner) => inner.as_ref(),
        other => other,
    };
    let ty = rust_type(inner, Scope::Models);
    let ty = if f.boxed { quote!(Box<#ty>) } else { ty };
    match takes(f) {
        Takes::Option => (quote!(Option<#ty>), Stored::AsIs),
        Takes::Into => (quote!(impl Into<#ty>), Stored::Into),
        Takes::Exact => (ty, Stored::AsIs),
    }
}

/// The enum, declared as it is, and its impls by the runtime's `open_enum!`.
/// An integer enum: the Rust enum, and the `open_int_enum!` line that gives it its impls.
fn int_enum_def(name: &str, doc: &TokenStream, cfg: &TokenStream, e: &IntEnum) -> TokenStream {
    let name = ident(name);
    let fallback = ident(&e.fallback);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = e
        .variants
        .iter()
        .map(|v| proc_macro2::Literal::i64_unsuffixed(v.value))
        .collect();
    let variant_docs = e
        .variants
        .iter()
        .map(|v| docs::outer(&format!("`{}`", v.value)));
    quote! {
        #doc
        #cfg
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this version of the client does not know, kept as received.
            #fallback(i64),
        }

        #cfg
        open_int_enum!(#name { #( #variants(#values) ),* } else #fallback);
    }
}

fn enum_def(name: &str, doc: &TokenStream, cfg: &TokenStream, e: &Enum) -> TokenStream {
    let name = ident(name);
    let fallback = ident(&e.fallback);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = values.iter().map(|v| docs::outer(&format!("`{v}`")));
    quote! {
        #doc
        #cfg
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this version of the client does not know, kept as received.
            #fallback(String),
        }

        #cfg
        open_enum!(#name { #( #variants(#values) ),* } else #fallback);
    }
}
