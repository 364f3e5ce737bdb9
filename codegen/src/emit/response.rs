//! How a `send_with_response` reads the response, as [`Outcomes`] decided.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::types::{ident, rust_type, Scope};
use crate::ir::{ErrorArm, Outcomes, StatusMatch, SuccessBody};

/// The success type and the `RawResponse` method that decodes it.
pub(super) fn success(outcomes: &Outcomes) -> (TokenStream, Ident) {
    match &outcomes.success {
        SuccessBody::Json(ty) => (rust_type(ty, Scope::Crate), format_ident!("json")),
        SuccessBody::Text => (quote!(String), format_ident!("text")),
        SuccessBody::Empty => (quote!(()), format_ident!("empty")),
    }
}

/// The expression (ending the function) that turns a non-success response into an error.
pub(super) fn failure(outcomes: &Outcomes) -> TokenStream {
    let fallback = api_error(outcomes.fallback.as_deref());
    if outcomes.error_arms.is_empty() {
        return quote!(Err(#fallback));
    }
    let arms = outcomes
        .error_arms
        .iter()
        .map(|ErrorArm { statuses, body }| {
            let patterns = statuses.iter().map(|s| status_pattern(*s));
            let error = api_error(body.as_deref());
            quote!(#(#patterns)|* => #error,)
        });
    quote! {
        Err(match response.status().as_u16() {
            #(#arms)*
            _ => #fallback,
        })
    }
}

/// A `match` pattern of the status codes of `status`.
fn status_pattern(status: StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        StatusMatch::Range(class) => {
            let lo = Literal::u16_unsuffixed(class * 100);
            let hi = Literal::u16_unsuffixed(class * 100 + 99);
            quote!(#lo..=#hi)
        }
        // Resolve puts `default` in the fallback, never in an arm.
        StatusMatch::Default => quote!(_),
    }
}

/// The error of a status whose body decodes as the `ErrorBody` variant `body`.
fn api_error(body: Option<&str>) -> TokenStream {
    match body {
        Some(variant) => {
            let variant = ident(variant);
            quote!(response.api_error(crate::ErrorBody::#variant))
        }
        None => quote!(response.api_error_without_body()),
    }
}
