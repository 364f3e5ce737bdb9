//! How a `send_with_response` reads the response, as [`Outcomes`] decided: the success
//! type (and the enum of an operation whose success statuses differ), and the errors.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::types::{allow_large_variants, ident, rust_type, Scope};
use crate::ir::{Api, ErrorArm, Operation, Outcomes, StatusMatch, SuccessBody};

/// The success type, and the expression that decodes a successful `response` into a
/// `Result<crate::Response<_>, crate::Error>`.
pub(super) fn success(outcomes: &Outcomes) -> (TokenStream, TokenStream) {
    match &outcomes.success {
        SuccessBody::Statuses(e) => {
            let name = ident(&e.name);
            let arms = e.variants.iter().map(|v| {
                let variant = ident(&v.name);
                let pattern = match v.status {
                    StatusMatch::Code(code) => {
                        let code = Literal::u16_unsuffixed(code);
                        quote!(#code)
                    }
                    StatusMatch::Range(_) | StatusMatch::Default => quote!(_),
                };
                // The `RawResponse` method that reads the body as the variant.
                let method = match v.body {
                    SuccessBody::Empty => format_ident!("empty_as"),
                    _ => format_ident!("{}_into", decode(&v.body)),
                };
                quote!(#pattern => response.#method(#name::#variant),)
            });
            let other = e.other.as_ref().map(|other| {
                let other = ident(other);
                quote!(_ => response.text_into(#name::#other),)
            });
            (
                quote!(#name),
                quote! {
                    match response.status().as_u16() {
                        #(#arms)*
                        #other
                    }
                },
            )
        }
        body => {
            let ty = leaf_type(body);
            let decode = decode(body);
            (ty, quote!(response.#decode()))
        }
    }
}

/// The Rust type of a body that is not an enum.
fn leaf_type(body: &SuccessBody) -> TokenStream {
    match body {
        SuccessBody::Json(ty) => rust_type(ty, Scope::Crate),
        SuccessBody::Text => quote!(String),
        SuccessBody::Binary => quote!(bytes::Bytes),
        SuccessBody::Empty => quote!(()),
        SuccessBody::Statuses(e) => {
            let name = ident(&e.name);
            quote!(#name)
        }
    }
}

/// The `RawResponse` method that decodes a body that is not an enum.
fn decode(body: &SuccessBody) -> proc_macro2::Ident {
    let name = match body {
        SuccessBody::Json(_) => "json",
        SuccessBody::Text => "text",
        SuccessBody::Binary => "binary",
        SuccessBody::Empty | SuccessBody::Statuses(_) => "empty",
    };
    proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
}

/// The enum of an operation whose success statuses have different bodies.
pub(super) fn status_enum(api: &Api, op: &Operation) -> Option<TokenStream> {
    let SuccessBody::Statuses(e) = &op.outcomes.success else {
        return None;
    };
    let name = ident(&e.name);
    let doc = docs::outer(&format!(
        "The body of a successful [`Client::{0}`](crate::Client::{0}), by status: the API \
         declares a different one for each.",
        op.fn_name
    ));
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = docs::outer(&v.doc);
        match &v.body {
            SuccessBody::Empty => quote!(#doc #variant,),
            body => {
                let ty = leaf_type(body);
                quote!(#doc #variant(#ty),)
            }
        }
    });
    let other = e.other.as_ref().map(|other| {
        let other = ident(other);
        quote! {
            /// A success status the API does not declare, with its body as text.
            #other(String),
        }
    });
    let allow_large = allow_large_variants(
        api,
        e.variants.iter().filter_map(|v| match &v.body {
            SuccessBody::Json(ty) => Some(ty),
            _ => None,
        }),
    );
    Some(quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #allow_large
        pub enum #name {
            #(#variants)*
            #other
        }
    })
}

/// Whether the operation gets `send_streaming`: its success body is bytes.
pub(super) fn streams(op: &Operation) -> bool {
    op.outcomes.success == SuccessBody::Binary
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
            let patterns = status_patterns(statuses);
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

/// The `match` patterns of `statuses`, three or more consecutive codes written as one
/// range (`403..=405`, as clippy's `manual_range_patterns` asks).
fn status_patterns(statuses: &[StatusMatch]) -> Vec<TokenStream> {
    /// Runs of consecutive codes shorter than this stay single codes.
    const MIN_RANGE: usize = 3;
    let mut out = Vec::new();
    let mut run: Vec<u16> = Vec::new();
    let flush = |run: &mut Vec<u16>, out: &mut Vec<TokenStream>| {
        if run.len() >= MIN_RANGE {
            let lo = Literal::u16_unsuffixed(run[0]);
            let hi = Literal::u16_unsuffixed(run[run.len() - 1]);
            out.push(quote!(#lo..=#hi));
        } else {
            out.extend(run.iter().map(|c| status_pattern(StatusMatch::Code(*c))));
        }
        run.clear();
    };
    for status in statuses {
        match *status {
            StatusMatch::Code(code) => {
                if run
                    .last()
                    .is_some_and(|last| last.checked_add(1) != Some(code))
                {
                    flush(&mut run, &mut out);
                }
                run.push(code);
            }
            other => {
                flush(&mut run, &mut out);
                out.push(status_pattern(other));
            }
        }
    }
    flush(&mut run, &mut out);
    out
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

/// The "Response" section of the method's documentation, for bodies other than JSON.
pub(super) fn method_doc(op: &Operation) -> Option<String> {
    let builder = &op.builder_name;
    let media_type = op
        .successes()
        .find_map(|r| r.body.as_ref())
        .map(|b| b.media_type.as_str())
        .unwrap_or_default();
    let text = match &op.outcomes.success {
        SuccessBody::Json(_) | SuccessBody::Empty => return None,
        SuccessBody::Text if crate::ir::is_xml(media_type) => {
            format!(
                "The body is the `{media_type}` document as text: this client does not parse XML."
            )
        }
        SuccessBody::Text => format!("The body is `{media_type}` text."),
        SuccessBody::Binary => format!(
            "The body is bytes (`{media_type}`); \
             [`{builder}::send_streaming`](crate::operations::{builder}::send_streaming) reads a \
             large one as a stream instead."
        ),
        SuccessBody::Statuses(e) => format!(
            "The body depends on the status: [`{0}`](crate::operations::{0}) has a variant \
             for each.",
            e.name
        ),
    };
    Some(format!("# Response\n\n{text}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_or_more_consecutive_codes_are_one_range() {
        let patterns: Vec<String> = status_patterns(&[
            StatusMatch::Code(400),
            StatusMatch::Code(401),
            StatusMatch::Code(403),
            StatusMatch::Code(404),
            StatusMatch::Code(405),
            StatusMatch::Range(5),
        ])
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(patterns, ["400", "401", "403 ..= 405", "500 ..= 599"]);
    }
}
