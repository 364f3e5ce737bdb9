//! `models.rs`: a struct, enum or alias per named type.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::syntax;
use super::types::{allow_operator_name, ident, rust_type, Scope};
use super::unions;
use super::usage::{Usage, ROUND_TRIP};
use super::Part;
use crate::ir::{unalias, Api, Enum, Field, IntEnum, Struct, TypeDef, TypeKind, TypeRef};

/// Types made together: the tokens of a large API's models, all at once, took GitHub's
/// run 170 MB at its peak.
const TYPES_A_PART: usize = 64;

/// The whole `models.rs` module, in parts that follow each other at item boundaries: its
/// documentation and imports, then the types, [`TYPES_A_PART`] at a time. Each part is
/// made when the one before has been taken, so that `format` prints and drops it first.
pub fn parts<'a>(api: &'a Api, usage: &'a Usage) -> impl Iterator<Item = Part> + 'a {
    let types: Vec<&TypeDef> = api.types.values().collect();
    let count = types.len();
    let types = (0..count).step_by(TYPES_A_PART).flat_map(move |start| {
        let part = types.get(start..count.min(start + TYPES_A_PART));
        let mut parts = Vec::new();
        for def in part.into_iter().flatten() {
            for made in type_def(api, usage, def) {
                Part::push(&mut parts, made);
            }
        }
        parts
    });
    std::iter::once(Part::Tokens(head(api))).chain(types)
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

/// The type: a struct, with the `impl` block of its constructor and setters, as syntax
/// trees ([`syntax`]); any other as tokens.
fn type_def(api: &Api, usage: &Usage, def: &TypeDef) -> Vec<Part> {
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
    let doc = || docs::outer(&text);
    let tokens = match &def.kind {
        TypeKind::Struct(s) => {
            let serde = Serde::of(usage, &def.name, s);
            let builder_cfg = usage.builder_cfg(&def.name);
            let mut parts = vec![match struct_def(api, &def.name, &text, cfg, &serde, s) {
                Ok(items) => Part::Items(items),
                Err(why) => Part::Invalid(format!("the struct `{}`: {why}", def.name)),
            }];
            parts.extend(constructor(api, &def.name, s, builder_cfg));
            return parts;
        }
        TypeKind::Enum(e) => enum_def(&def.name, &doc(), &cfg, e),
        TypeKind::IntEnum(e) => int_enum_def(&def.name, &doc(), &cfg, e),
        TypeKind::Union(u) => {
            unions::union_def(api, &def.name, &text, &cfg, usage.directions(&def.name), u)
        }
        TypeKind::Alias(target) => {
            let name = ident(&def.name);
            let target = rust_type(target, Scope::Models);
            let doc = doc();
            quote! {
                #doc
                #cfg
                pub type #name = #target;
            }
        }
    };
    vec![Part::Tokens(tokens)]
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
    fn field_attr(&self, args: &[TokenStream]) -> Result<Option<syn::Attribute>, String> {
        match (args.is_empty(), self.always.is_empty()) {
            (true, _) => Ok(None),
            (false, false) => syntax::list_attr("serde", quote!(#(#args),*)).map(Some),
            (false, true) => {
                syntax::list_attr("cfg_attr", quote!(feature = #ROUND_TRIP, serde(#(#args),*)))
                    .map(Some)
            }
        }
    }

    /// The `#[cfg_attr]` deriving what `round-trip` adds.
    fn round_trip_attr(&self) -> Result<Option<syn::Attribute>, String> {
        let derives = &self.round_trip;
        if derives.is_empty() {
            return Ok(None);
        }
        let derive = quote!(feature = #ROUND_TRIP, derive(#(#derives),*));
        syntax::list_attr("cfg_attr", derive).map(Some)
    }
}

/// Whether a struct's `Deserialize` is the runtime's `deserialize_struct!`, which reads
/// each field by its type alone: not for flattened members, nor for fields that tell
/// `null` from absent.
fn decodes_by_macro(s: &Struct) -> bool {
    s.additional.is_none() && s.flattened.is_none() && !s.fields.iter().any(|f| f.explicit_null)
}

/// `deserialize_struct! { Name { field: Type, "wire-name" => other: Type } optional { .. } }`,
/// under `cfg`: each field with its type (`types`, in the order of the fields), after
/// `optional` those that a missing value leaves `None`.
fn deserialize_struct(
    api: &Api,
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    s: &Struct,
    types: &[TokenStream],
) -> TokenStream {
    let (mut required, mut optional) = (Vec::new(), Vec::new());
    for (f, ty) in s.fields.iter().zip(types) {
        let field = ident(&f.name);
        // The macro reads a field without a wire name by `stringify!`, so by the
        // identifier's text.
        let listed = if field == f.wire_name {
            quote!(#field: #ty)
        } else {
            let wire = &f.wire_name;
            quote!(#wire => #field: #ty)
        };
        if reads_missing(&api.types, f) {
            optional.push(listed);
        } else {
            required.push(listed);
        }
    }
    let optional = (!optional.is_empty()).then(|| quote!(optional { #(#optional),* }));
    quote! {
        #cfg
        deserialize_struct! {
            #name { #(#required),* }
            #optional
        }
    }
}

/// Whether a field's Rust type is an `Option`: it may be missing or `null`.
fn is_option(f: &Field) -> bool {
    f.explicit_null || !f.required || f.nullable || matches!(f.ty, TypeRef::Nullable(_))
}

/// Whether a field left out of an object is `None` rather than an error, as serde decides
/// it: its type is an `Option`, itself or through an alias (not inside a `Box`).
fn reads_missing(types: &BTreeMap<String, TypeDef>, f: &Field) -> bool {
    is_option(f) || (!f.boxed && matches!(unalias(types, &f.ty).0, TypeRef::Nullable(_)))
}

/// The Rust type of a field: `Option` when it may be missing or `null`, `Box` when the
/// type contains itself through it.
fn field_type(f: &Field) -> TokenStream {
    let inner = match &f.ty {
        TypeRef::Nullable(inner) => inner.as_ref(),
        other => other,
    };
    let mut ty = rust_type(inner, Scope::Models);
    if f.boxed {
        ty = quote!(Box<#ty>);
    }
    if f.explicit_null {
        quote!(Option<Option<#ty>>)
    } else if is_option(f) {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

/// The doc text of a field: its description, and notes on how it is sent.
fn field_doc(f: &Field) -> String {
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
    text
}

/// The struct, and the `deserialize_struct!` call that decodes it where there is one, as
/// syntax trees: a large API's models are mostly structs, and their fields many.
fn struct_def(
    api: &Api,
    name: &str,
    doc: &str,
    cfg: TokenStream,
    serde: &Serde,
    s: &Struct,
) -> Result<Vec<syn::Item>, String> {
    let name = ident(name);
    let types: Vec<TokenStream> = s.fields.iter().map(field_type).collect();
    let mut fields = Vec::with_capacity(s.fields.len() + 2);
    for (f, ty) in s.fields.iter().zip(&types) {
        let mut attrs = syntax::doc_attrs(&field_doc(f))?;
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
        attrs.extend(serde.field_attr(&serde_args)?);
        fields.push((attrs, ident(&f.name), syntax::ty(ty.clone())?));
    }
    let flatten = || syntax::list_attr("serde", quote!(flatten));
    if let Some((field, ty)) = &s.flattened {
        let mut attrs = doc_lines(&[
            " What else the value is, beside the fields above: its properties are this",
            " struct's own.",
        ])?;
        attrs.push(flatten()?);
        let ty = syntax::ty(rust_type(ty, Scope::Models))?;
        fields.push((attrs, ident(field), ty));
    }
    if let Some(ty) = &s.additional {
        let mut attrs = doc_lines(&[" Properties not listed above, by name."])?;
        attrs.push(flatten()?);
        let ty = rust_type(ty, Scope::Models);
        let ty = syntax::ty(quote!(std::collections::BTreeMap<String, #ty>))?;
        fields.push((attrs, ident("additional_properties"), ty));
    }
    let mut attrs = syntax::doc_attrs(doc)?;
    attrs.extend(syntax::parse_outer(cfg)?);
    // With nothing required, `..Default::default()` fills in what the caller leaves out.
    let default = has_default(s).then(|| quote!(Default,));
    let derives = &serde.always;
    attrs.push(syntax::list_attr(
        "derive",
        quote!(Debug, Clone, PartialEq, #default #(#derives),*),
    )?);
    attrs.extend(serde.round_trip_attr()?);
    let mut items = vec![syntax::structure(attrs, name.clone(), fields, false)?];
    if let Some(cfg) = &serde.by_macro {
        items.push(syntax::parse(deserialize_struct(
            api, &name, cfg, s, &types,
        ))?);
    }
    Ok(items)
}

/// Outer doc attributes, one a line, each line as it is (as `///` lines in `quote!`).
fn doc_lines(lines: &[&str]) -> Result<Vec<syn::Attribute>, String> {
    lines
        .iter()
        .map(|line| syntax::doc(proc_macro2::Literal::string(line)))
        .collect()
}

/// `new` with the required fields (for a struct that has some), and a chainable setter
/// per optional field, so that code written against today's fields keeps compiling when
/// the API adds optional ones, in an `impl` block under `cfg`; `None` for a struct with
/// neither. The block is a syntax tree: setters are most of a large API's methods.
fn constructor(api: &Api, name: &str, s: &Struct, cfg: TokenStream) -> Option<Part> {
    let name = ident(name);
    let name = &name;
    let optional: Vec<&Field> = s.fields.iter().filter(|f| !f.required).collect();
    let new = has_constructor(api, s).then(|| new(api, name, s));
    let setters = optional.iter().map(|f| setter(f));
    let setters: Result<Vec<syn::ImplItem>, String> = setters.collect();
    // A struct whose fields are all fixed has nothing to construct or set.
    if new.is_none() && setters.as_ref().is_ok_and(Vec::is_empty) {
        return None;
    }
    let block = || {
        let mut items = match new {
            Some(new) => vec![new?],
            None => Vec::new(),
        };
        items.extend(setters?);
        syntax::inherent_impl(syntax::parse_outer(cfg)?, name.clone(), items)
    };
    Some(match block() {
        Ok(block) => Part::Items(vec![block]),
        Err(why) => Part::Invalid(format!("the constructor of `{name}`: {why}")),
    })
}

/// `new`, with a parameter per field [`constructor_fields`] gives, and one for the
/// flattened union: it is required too, the value being one of its variants.
fn new(api: &Api, name: &proc_macro2::Ident, s: &Struct) -> Result<syn::ImplItem, String> {
    let required = constructor_fields(api, s);
    let mut params = Vec::new();
    for f in &required {
        let (ty, _) = accept(f);
        params.push((param_ident(&f.name), syntax::ty(ty)?));
    }
    let mut inits = Vec::new();
    for f in &s.fields {
        let field = ident(&f.name);
        let param = param_ident(&f.name);
        inits.push(match fixed_value(api, f) {
            Some(value) if f.required => syntax::Init::Value(field, syntax::parse(value)?),
            _ if f.required => match accept(f) {
                (_, Stored::AsIs) if param == field => syntax::Init::Shorthand(field),
                (_, store) => syntax::Init::Param {
                    field,
                    param,
                    into: matches!(store, Stored::Into),
                },
            },
            _ => syntax::Init::None(field),
        });
    }
    if s.additional.is_some() {
        let empty = syntax::parse(quote!(std::collections::BTreeMap::new()))?;
        inits.push(syntax::Init::Value(ident("additional_properties"), empty));
    }
    if let Some((field, ty)) = &s.flattened {
        let field = ident(field);
        let ty = rust_type(ty, Scope::Models);
        params.push((field.clone(), syntax::ty(quote!(impl Into<#ty>))?));
        inits.push(syntax::Init::Param {
            field: field.clone(),
            param: field,
            into: true,
        });
    }
    let names: Vec<String> = required
        .iter()
        .map(|f| f.name.as_str())
        .chain(s.flattened.iter().map(|(field, _)| field.as_str()))
        .map(|name| format!("`{name}`"))
        .collect();
    let doc = format!(
        "{} `{name}` with its required fields ({}); set the others with the methods below.",
        docs::article(&name.to_string()),
        names.join(", ")
    );
    let mut attrs = syntax::doc_attrs(&doc)?;
    if names.len() > 7 {
        // Clippy's limit; a constructor takes what the API requires.
        attrs.extend(syntax::parse_outer(
            quote!(#[allow(clippy::too_many_arguments)]),
        )?);
    }
    syntax::maker(syntax::Maker {
        attrs,
        name: ident("new"),
        on_self: false,
        params,
        made: None,
        inits,
    })
}

/// The chainable setter of the optional field `f`.
fn setter(f: &Field) -> Result<syn::ImplItem, String> {
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
    let (ty, store, doc) = if f.explicit_null {
        let ty = rust_type(&strip_nullable(&f.ty), Scope::Models);
        let ty = if f.boxed { quote!(Box<#ty>) } else { ty };
        let doc = format!("Sets `{}`{about}. `None` sends `null`.", f.name);
        (quote!(Option<#ty>), Stored::AsIs, doc)
    } else {
        let (ty, store) = accept(f);
        (ty, store, format!("Sets `{}`{about}.", f.name))
    };
    let mut attrs = syntax::doc_attrs(&doc)?;
    attrs.extend(syntax::parse_outer(
        allow_operator_name(&setter).unwrap_or_default(),
    )?);
    let param = (param_ident(&f.name), syntax::ty(ty)?);
    let into = matches!(store, Stored::Into);
    syntax::setter(attrs, setter, param, field, into)
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
