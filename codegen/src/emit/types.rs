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

/// Whether a required argument or constructor parameter of type `ty` is taken as `impl
/// Into<T>`: where conversions are common (strings, bytes, named and collection types);
/// else as `T` (e.g. `uuid::Uuid`, `i64`). Setters of optional values take `impl Into<T>`
/// of any type.
pub fn takes_into(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String | TypeRef::Base64 | TypeRef::Named(_) | TypeRef::Array(_) | TypeRef::Map(_)
    )
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
        TypeRef::Base64 => quote!(crate::Base64Bytes),
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
        TypeRef::Tuple(items) => {
            let items = items.iter().map(|item| rust_type(item, scope));
            quote!((#(#items,)*))
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner, scope);
            quote!(Option<#inner>)
        }
    }
}

/// The `#[allow(clippy::large_enum_variant)]` of an enum whose variants hold `types`,
/// where one holds a struct or a union in place (not behind a `Vec`, map or `Box`): such
/// variants may differ in size by more than clippy's limit, and are kept so, since boxing
/// them would put a `Box` in every construction and match of the API's types.
pub fn allow_large_variants<'t>(
    api: &Api,
    mut types: impl Iterator<Item = &'t TypeRef>,
) -> Option<TokenStream> {
    fn in_place(api: &Api, ty: &TypeRef) -> bool {
        match crate::ir::unalias(&api.types, ty) {
            (TypeRef::Nullable(inner), _) => in_place(api, inner),
            (_, kind) => matches!(kind, Some(TypeKind::Struct(_) | TypeKind::Union(_))),
        }
    }
    types
        .any(|ty| in_place(api, ty))
        .then(|| quote!(#[allow(clippy::large_enum_variant)]))
}

/// The `#[allow(clippy::should_implement_trait)]` of a setter, `fn name(mut self, value:
/// T) -> Self`, named as a binary operator's trait method (a property or parameter called
/// `add`, `sub`, …): clippy would take it for one, but the setter is named after its
/// field, as every other one is.
pub fn allow_operator_name(setter: &syn::Ident) -> Option<TokenStream> {
    const OPERATORS: &[&str] = &[
        "add", "sub", "mul", "div", "rem", "shl", "shr", "bitand", "bitor", "bitxor",
    ];
    let name = setter.to_string();
    OPERATORS
        .contains(&name.as_str())
        .then(|| quote!(#[allow(clippy::should_implement_trait)]))
}

/// A `&str` (or `&String`) expression of the text of `value`, a `ty`: borrowed where the
/// value holds its text (a string, an enum), else of the text [`to_text`] makes.
pub fn text_ref(value: &TokenStream, ty: &TypeRef, api: &Api) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&#value),
        TypeRef::Named(name) => match api.types.get(name).map(|d| &d.kind) {
            Some(TypeKind::Alias(inner)) => text_ref(value, inner, api),
            Some(TypeKind::Enum(_)) => quote!(#value.as_str()),
            _ => {
                let owned = to_text(value, ty, api);
                quote!(&#owned)
            }
        },
        _ => {
            let owned = to_text(value, ty, api);
            quote!(&#owned)
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
