//! `error.rs`: [`ErrorBody`], the typed bodies of error responses, beside the runtime's `Error`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ident, rust_type, Scope};
use crate::ir::{Api, TypeRef};
use crate::naming::{camel, Names};
use crate::resolve::is_json;

/// The distinct JSON body types of error responses across the API, in order of first
/// use, each with its `ErrorBody` variant name.
pub fn error_variants(api: &Api) -> Vec<(TypeRef, String)> {
    let mut names = Names::new();
    let mut out: Vec<(TypeRef, String)> = Vec::new();
    for op in &api.operations {
        for r in op.failures() {
            let Some(body) = &r.body else { continue };
            if !is_json(&body.media_type) || out.iter().any(|(t, _)| *t == body.ty) {
                continue;
            }
            let base = match &body.ty {
                TypeRef::Named(n) => n.clone(),
                TypeRef::Array(inner) => match inner.as_ref() {
                    TypeRef::Named(n) => format!("{n}List"),
                    _ => "List".to_owned(),
                },
                TypeRef::Map(_) => "Map".to_owned(),
                TypeRef::Json => "Json".to_owned(),
                other => camel(&format!("{other:?}")),
            };
            out.push((body.ty.clone(), names.claim(&base)));
        }
    }
    out
}

/// The `ErrorBody` variant for error bodies of type `ty`.
pub fn variant_for<'v>(variants: &'v [(TypeRef, String)], ty: &TypeRef) -> Option<&'v str> {
    variants
        .iter()
        .find(|(t, _)| t == ty)
        .map(|(_, n)| n.as_str())
}

/// The whole `error.rs` module.
pub fn emit(api: &Api) -> TokenStream {
    let variants = error_variants(api).into_iter().map(|(ty, name)| {
        let doc = match &ty {
            TypeRef::Named(n) => format!("The body as a [`{n}`](crate::models::{n})."),
            _ => "A body of this shape.".to_owned(),
        };
        let doc = docs::outer(&doc);
        let name = ident(&name);
        let ty = rust_type(&ty, Scope::Crate);
        quote! {
            #doc
            #name(#ty),
        }
    });
    quote! {
        //! Errors: the one [`Error`] type of every call, and the typed bodies of error responses.

        pub use crate::runtime::error::{ApiError, DecodeError, Error};

        /// The body of an error response, decoded as the type the API declares for its status.
        ///
        /// Read it with [`Error::body`] or [`ApiError::body`]; the raw text is always kept too
        /// ([`ApiError::raw_body`]).
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum ErrorBody {
            #(#variants)*
        }
    }
}
