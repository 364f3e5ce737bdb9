//! The statements of a `send_with_response` that build the request: the path with its
//! parameters, the query, headers and body.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::params;
use super::syntax::{self, Piece};
use super::types::{ident, text_ref, to_text};
use crate::ir::{Api, Operation, ParamLocation, TypeRef};

/// `let path = [..].concat();`: the path template with each parameter percent-encoded.
pub(super) fn path(op: &Operation, api: &Api) -> Result<syn::Stmt, String> {
    let mut pieces = Vec::new();
    let mut rest = op.path.as_str();
    for var in op.path_vars() {
        let marker = format!("{{{var}}}");
        let Some((literal, after)) = rest.split_once(&marker) else {
            continue;
        };
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal.to_owned()));
        }
        rest = after;
        let Some(p) = op
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == var)
        else {
            continue;
        };
        let field = ident(&p.name);
        if !params::is_plain(p) {
            let param = params::descriptor(p);
            pieces.push(Piece::Code(
                quote!(&#param.segment(&OPERATION, &self.#field)?),
            ));
            continue;
        }
        let text = text_ref(&quote!(self.#field), &p.ty, api);
        pieces.push(Piece::Code(
            quote!(&crate::runtime::http::encode_path_segment(#text)),
        ));
    }
    if pieces.is_empty() {
        return syntax::owned(&op.path);
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_owned()));
    }
    syntax::joined(pieces)
}

/// Statements that make `request` and add query pairs, headers and the body to it, in
/// runs (one a parameter).
pub(super) fn parts(op: &Operation, api: &Api) -> Vec<TokenStream> {
    let mut stmts = Vec::new();
    for p in op.params.iter().filter(|p| !p.is_idempotency_key()) {
        // Plain text goes into `request.query` or `request.header`; every other style,
        // cookies and `content` into `request.param`.
        let method = match p.location {
            ParamLocation::Path => continue,
            ParamLocation::Cookie => format_ident!("param"),
            _ if !params::is_plain(p) => format_ident!("param"),
            ParamLocation::Query => format_ident!("query"),
            ParamLocation::Header => format_ident!("header"),
        };
        let field = ident(&p.name);
        let wire = &p.wire_name;
        let binding = match &p.ty {
            _ if method == "param" => {
                let param = params::descriptor(p);
                quote!(request.param(&OPERATION, &#param, value)?;)
            }
            TypeRef::Array(item) if p.location == ParamLocation::Query => {
                let text = to_text(&quote!(item), item, api);
                quote! {
                    for item in value {
                        request.#method(#wire, #text);
                    }
                }
            }
            ty => {
                let text = to_text(&quote!(value), ty, api);
                quote!(request.#method(#wire, #text);)
            }
        };
        if p.required {
            stmts.push(quote! {
                let value = &self.#field;
                #binding
            });
        } else {
            stmts.push(quote! {
                if let Some(value) = &self.#field {
                    #binding
                }
            });
        }
    }
    stmts.extend(super::body::statements(op, api));
    let make = if stmts.is_empty() {
        quote!(let request = crate::runtime::http::Request::new(path);)
    } else {
        quote!(let mut request = crate::runtime::http::Request::new(path);)
    };
    stmts.insert(0, make);
    stmts
}
