//! Type references as Rust tokens, and identifiers.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, TypeKind, TypeRef};
use crate::naming;

/// An identifier for a name the naming module produced. Names are ASCII letters, digits
/// and `_`, not starting with a digit; anything else is renamed rather than panicking.
pub fn ident(name: &str) -> Ident {
    let valid = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_";
    if valid {
        Ident::new(name, Span::call_site())
    } else {
        Ident::new(&naming::snake(name), Span::call_site())
    }
}

/// Where the tokens will be placed: inside `models.rs` types are named bare.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Inside the `models` module.
    Models,
    /// Anywhere else in the crate.
    Crate,
}

/// The Rust type of `ty`.
pub fn rust_type(ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Uuid => quote!(uuid::Uuid),
        TypeRef::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        TypeRef::Date => quote!(chrono::NaiveDate),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F64 => quote!(f64),
        TypeRef::Bool => quote!(bool),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Named(name) => {
            let name = ident(name);
            match scope {
                Scope::Models => quote!(#name),
                Scope::Crate => quote!(crate::models::#name),
            }
        }
        TypeRef::Array(inner) => {
            let inner = rust_type(inner, scope);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner, scope);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner, scope);
            quote!(Option<#inner>)
        }
    }
}

/// An expression turning `value` (a reference to a value of `ty`) into the `String` that
/// goes into a URL or header.
pub fn to_text(value: &TokenStream, ty: &TypeRef, api: &Api) -> TokenStream {
    match ty {
        TypeRef::String => quote!(#value.clone()),
        TypeRef::DateTime => quote!(#value.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
        TypeRef::Named(name) => match api.types.get(name).map(|d| &d.kind) {
            Some(TypeKind::Alias(inner)) => to_text(value, inner, api),
            Some(TypeKind::Enum(_)) => quote!(#value.as_str().to_owned()),
            _ => quote!(#value.to_string()),
        },
        _ => quote!(#value.to_string()),
    }
}
