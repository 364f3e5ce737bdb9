//! `models.rs`: a struct, enum or alias per named type.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ident, rust_type, Scope};
use super::unions;
use crate::ir::{Api, Enum, Field, Struct, TypeDef, TypeKind, TypeRef};

/// The whole `models.rs` module.
pub fn emit(api: &Api) -> TokenStream {
    let types = api.types.values().map(|d| type_def(api, d));
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
    let helper = uses_explicit_null.then(|| {
        quote! {
            /// Reads a field that can be left out (`None`, through `#[serde(default)]`),
            /// `null` (`Some(None)`) or a value (`Some(Some(value))`).
            fn explicit_null<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
            where
                D: serde::Deserializer<'de>,
                T: serde::Deserialize<'de>,
            {
                <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
            }
        }
    });
    let has_enums = api
        .types
        .values()
        .any(|d| matches!(d.kind, TypeKind::Enum(_)));
    let use_open_enum = has_enums.then(|| {
        quote!(
            use crate::runtime::open_enum::open_enum;
        )
    });
    let use_unions = unions::imports(api);
    quote! {
        #doc

        #use_open_enum
        #use_unions

        #(#types)*

        #helper
    }
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
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
        TypeKind::Struct(s) => struct_def(&def.name, &doc, s),
        TypeKind::Enum(e) => enum_def(&def.name, &doc, e),
        TypeKind::Union(u) => unions::union_def(api, &def.name, &text, u),
        TypeKind::Alias(target) => {
            let name = ident(&def.name);
            let target = rust_type(target, Scope::Models);
            quote! {
                #doc
                pub type #name = #target;
            }
        }
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

fn struct_def(name: &str, doc: &TokenStream, s: &Struct) -> TokenStream {
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
            serde_args.push(quote!(default, skip_serializing_if = "Option::is_none"));
        }
        if f.explicit_null {
            serde_args.push(quote!(deserialize_with = "explicit_null"));
        }
        let serde_attr = if serde_args.is_empty() {
            quote!()
        } else {
            quote!(#[serde(#(#serde_args),*)])
        };
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
    let default =
        (s.fields.iter().all(|f| !f.required) && s.flattened.is_none()).then(|| quote!(Default,));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            #flattened
            #additional
        }
    }
}

/// The enum, declared as it is, and its impls by the runtime's `open_enum!`.
fn enum_def(name: &str, doc: &TokenStream, e: &Enum) -> TokenStream {
    let name = ident(name);
    let fallback = ident(&e.fallback);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = values.iter().map(|v| docs::outer(&format!("`{v}`")));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this version of the client does not know, kept as received.
            #fallback(String),
        }

        open_enum!(#name { #( #variants(#values) ),* } else #fallback);
    }
}
