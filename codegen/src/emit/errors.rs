//! `error.rs`: [`ErrorBody`], the typed bodies of error responses, beside the runtime's `Error`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ident, rust_type, Scope};
use crate::ir::{Api, ErrorBodyVariant, TypeRef};

/// The whole `error.rs` module.
pub fn emit(api: &Api) -> TokenStream {
    let variants = api
        .error_bodies
        .iter()
        .map(|ErrorBodyVariant { name, ty }| {
            let doc = match ty {
                TypeRef::Named(n) => format!("The body as a [`{n}`](crate::models::{n})."),
                _ => "A body of this shape.".to_owned(),
            };
            let doc = docs::outer(&doc);
            let name = ident(name);
            let ty = rust_type(ty, Scope::Crate);
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
