//! `operations/*.rs`: per operation, a `Client` method and its request builder.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::errors::variant_for;
use super::types::{ident, rust_type, to_text, Scope};
use crate::ir::{Api, Operation, Param, ParamLocation, StatusMatch, TypeRef};
use crate::resolve::{is_json, template_vars};

/// `operations/mod.rs`: the modules and their builders.
pub fn emit_mod(api: &Api) -> TokenStream {
    let mods = api.operations.iter().map(|op| {
        let module = ident(&op.fn_name);
        let builder = ident(&op.builder_name);
        quote! {
            mod #module;
            pub use #module::#builder;
        }
    });
    quote! {
        #![doc = " Request builders, one per operation."]
        #![doc = ""]
        #![doc = " Methods of [`Client`](crate::Client) create them; set optional parameters on them,"]
        #![doc = " then `.send().await`."]

        #(#mods)*
    }
}

/// What a parameter or the body looks like as a builder field.
struct Input<'a> {
    field: proc_macro2::Ident,
    ty: &'a TypeRef,
    required: bool,
    doc: Option<String>,
    param: Option<&'a Param>,
}

impl Input<'_> {
    /// Whether the value is taken as `impl Into<T>`.
    fn converts(&self) -> bool {
        !self.required
            || matches!(
                self.ty,
                TypeRef::String | TypeRef::Named(_) | TypeRef::Array(_) | TypeRef::Map(_)
            )
    }

    /// The parameter type and the expression that stores it. Setters take `impl Into<T>`;
    /// required arguments do too where conversions are common (strings, named and
    /// collection types) and take `T` itself otherwise (e.g. `uuid::Uuid`).
    fn accept(&self) -> (TokenStream, TokenStream) {
        let field = &self.field;
        let ty = rust_type(self.ty, Scope::Crate);
        if self.converts() {
            (quote!(impl Into<#ty>), quote!(#field.into()))
        } else {
            (quote!(#ty), quote!(#field))
        }
    }
}

/// The inputs of `op`: required ones (in argument order: path parameters in path order,
/// then other required parameters, then a required body) and optional ones.
fn inputs(op: &Operation) -> (Vec<Input<'_>>, Vec<Input<'_>>) {
    let mut all: Vec<Input<'_>> = op
        .params
        .iter()
        // The client sends the idempotency key itself; see `options_setters`.
        .filter(|p| !p.is_idempotency_key())
        .map(|p| Input {
            field: ident(&p.name),
            ty: &p.ty,
            required: p.required,
            doc: param_doc(p),
            param: Some(p),
        })
        .collect();
    if let Some(body) = &op.body {
        all.push(Input {
            field: format_ident!("body"),
            ty: &body.ty,
            required: body.required,
            doc: Some(
                body.doc
                    .clone()
                    .unwrap_or_else(|| "The request body.".to_owned()),
            ),
            param: None,
        });
    }
    all.into_iter().partition(|i| i.required)
}

fn param_doc(p: &Param) -> Option<String> {
    let mut text = p.doc.clone().unwrap_or_default();
    let mut notes = Vec::new();
    if p.deprecated {
        notes.push("**Deprecated.**".to_owned());
    }
    if let Some(default) = &p.default {
        notes.push(format!("Default: `{default}`."));
    }
    if !notes.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&notes.join(" "));
    }
    (!text.is_empty()).then_some(text)
}

/// The doc comment of the `Client` method.
fn method_doc(op: &Operation, required: &[Input<'_>], optional: &[Input<'_>]) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(op.summary.clone());
    if op.description.as_deref().map(str::trim) != op.summary.as_deref().map(str::trim) {
        parts.extend(op.description.clone());
    }
    let id_note = if op.id_derived {
        String::from("the spec gives it no `operationId`")
    } else {
        format!("operation `{}`", op.id)
    };
    parts.push(format!("`{} {}` ({id_note})", op.method.as_str(), op.path));
    if !required.is_empty() {
        let lines: Vec<String> = required
            .iter()
            .map(|i| {
                match i
                    .doc
                    .as_deref()
                    .and_then(|d| d.lines().next())
                    .map(str::trim)
                {
                    Some(first_line) if !first_line.is_empty() => {
                        format!("- `{}`: {first_line}", i.field)
                    }
                    _ => format!("- `{}`", i.field),
                }
            })
            .collect();
        parts.push(format!("# Arguments\n\n{}", lines.join("\n")));
    }
    let builder = &op.builder_name;
    if !optional.is_empty() {
        let setters: Vec<String> = optional
            .iter()
            .map(|i| format!("[`{0}`](crate::operations::{builder}::{0})", i.field))
            .collect();
        parts.push(format!(
            "Optional parameters are set on the returned [`{builder}`](crate::operations::{builder}): {}.",
            setters.join(", ")
        ));
    }
    if op.pagination.is_some() {
        parts.push(format!(
            "The list is paginated: [`{builder}::items`](crate::operations::{builder}::items) and \
             [`{builder}::pages`](crate::operations::{builder}::pages) stream all of it."
        ));
    }
    let failures: Vec<String> = op
        .failures()
        .map(|r| {
            let status = match r.status {
                StatusMatch::Code(c) => c.to_string(),
                StatusMatch::Range(n) => format!("{n}XX"),
                StatusMatch::Default => "any other".to_owned(),
            };
            let description = r.description.lines().next().unwrap_or("").trim();
            let body = match r.body.as_ref().map(|b| &b.ty) {
                Some(TypeRef::Named(n))
                    if r.body.as_ref().is_some_and(|b| is_json(&b.media_type)) =>
                {
                    format!(" ([`{n}`](crate::models::{n}))")
                }
                _ => String::new(),
            };
            format!("- `{status}`: {description}{body}")
        })
        .collect();
    if !failures.is_empty() {
        parts.push(format!(
            "# Error responses\n\nAs declared by the API; `send` returns them as \
             [`Error::Api`](crate::Error::Api), with the body, where one is declared, in \
             [`Error::body`](crate::Error::body):\n\n{}",
            failures.join("\n")
        ));
    }
    parts.join("\n\n")
}

/// The file of one operation.
pub fn emit_operation(
    api: &Api,
    op: &Operation,
    error_variants: &[(TypeRef, String)],
) -> TokenStream {
    let (required, optional) = inputs(op);
    let fn_name = ident(&op.fn_name);
    let builder = ident(&op.builder_name);
    let method_doc = docs::outer(&method_doc(op, &required, &optional));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));

    let args = required.iter().map(|i| {
        let field = &i.field;
        let (ty, _) = i.accept();
        quote!(#field: #ty)
    });
    let inits = required
        .iter()
        .map(|i| {
            let field = &i.field;
            if i.converts() {
                quote!(#field: #field.into())
            } else {
                quote!(#field)
            }
        })
        .chain(optional.iter().map(|i| {
            let field = &i.field;
            quote!(#field: None)
        }));

    let fields = required
        .iter()
        .map(|i| {
            let field = &i.field;
            let ty = rust_type(i.ty, Scope::Crate);
            quote!(pub(crate) #field: #ty,)
        })
        .chain(optional.iter().map(|i| {
            let field = &i.field;
            let ty = rust_type(i.ty, Scope::Crate);
            quote!(pub(crate) #field: Option<#ty>,)
        }));

    let setters = optional.iter().map(|i| {
        let field = &i.field;
        let doc = docs::outer_opt(i.doc.as_deref());
        let (ty, store) = i.accept();
        let deprecated = i
            .param
            .is_some_and(|p| p.deprecated)
            .then(|| quote!(#[deprecated]));
        quote! {
            #doc
            #deprecated
            pub fn #field(mut self, #field: #ty) -> Self {
                self.#field = Some(#store);
                self
            }
        }
    });

    let options_setters = options_setters(op);

    let (success_ty, decode) = success(op);
    let success_ty_tokens = success_ty;
    let path = build_path(op, api);
    let request_parts = request_parts(op, api);
    let failure = failure(op, error_variants);

    let id = &op.id;
    let method = format_ident!("{}", op.method.as_str());
    let template = &op.path;
    let bearer = op.uses_bearer();
    let accept = op
        .successes()
        .find_map(|r| r.body.as_ref())
        .map(|b| b.media_type.as_str())
        // `HeaderValue::from_static` takes visible ASCII only.
        .filter(|m| m.bytes().all(|b| (0x20..0x7f).contains(&b)))
        .unwrap_or("application/json");
    let idempotency_key = op.idempotency_key;
    let rate_class = match op
        .rate_class
        .as_ref()
        .and_then(|class| api.rate_classes.iter().position(|c| &c.name == class))
    {
        Some(index) => {
            let index = Literal::usize_unsuffixed(index);
            quote!(Some(#index))
        }
        None => quote!(None),
    };
    let builder_doc = format!(
        " Request builder for [`Client::{}`](crate::Client::{}): `{} {}`.",
        op.fn_name,
        op.fn_name,
        op.method.as_str(),
        op.path
    );

    quote! {
        #![doc = #builder_doc]

        static OPERATION: crate::runtime::http::OperationInfo = crate::runtime::http::OperationInfo {
            id: #id,
            method: reqwest::Method::#method,
            path: #template,
            bearer: #bearer,
            accept: #accept,
            idempotency_key: #idempotency_key,
            rate_class: #rate_class,
        };

        impl crate::Client {
            #method_doc
            #deprecated
            pub fn #fn_name(&self, #(#args),*) -> #builder {
                #builder {
                    client: self.clone(),
                    #(#inits,)*
                    options: crate::runtime::http::RequestOptions::default(),
                }
            }
        }

        #[doc = #builder_doc]
        ///
        /// Set optional parameters and per-request options (`timeout`, `max_retries`,
        /// `retry_statuses`, `header`) with its methods, then call [`send`](Self::send) or
        /// [`send_with_response`](Self::send_with_response).
        #[derive(Debug, Clone)]
        #[must_use = "a request builder does nothing until `.send()` is awaited"]
        pub struct #builder {
            pub(crate) client: crate::Client,
            #(#fields)*
            pub(crate) options: crate::runtime::http::RequestOptions,
        }

        impl #builder {
            #(#setters)*

            #options_setters

            /// Sends the request; returns the body of a successful response.
            ///
            /// # Errors
            ///
            /// [`Error::Api`](crate::Error::Api) for a status that is not a success (with the
            /// body decoded where the API declares one), [`Error::Transport`](crate::Error::Transport)
            /// when no whole response arrives, and [`Error::Decode`](crate::Error::Decode) when the
            /// body does not match the API description.
            pub async fn send(self) -> Result<#success_ty_tokens, crate::Error> {
                self.send_with_response().await.map(crate::Response::into_body)
            }

            /// Sends the request; returns the status, headers and body of a successful response.
            ///
            /// # Errors
            ///
            /// As [`send`](Self::send).
            pub async fn send_with_response(self) -> Result<crate::Response<#success_ty_tokens>, crate::Error> {
                #path
                #request_parts
                let response = self.client.core.send(&OPERATION, request, self.options).await?;
                if response.status().is_success() {
                    return response.#decode();
                }
                #failure
            }
        }
    }
}

/// The per-request options of a builder: `timeout`, `max_retries`, `header`, and
/// `idempotency_key` on operations that declare the `Idempotency-Key` header. (Resolve
/// keeps parameters off these names.)
fn options_setters(op: &Operation) -> TokenStream {
    let key = op.params.iter().find(|p| p.is_idempotency_key()).map(|p| {
        let mut doc = String::from(
            "The `Idempotency-Key` of this call, instead of the random UUID (v4) the client \
             makes otherwise. Every attempt, retries included, sends the same key, so the \
             server runs the request at most once; the key sent is \
             [`Response::idempotency_key`](crate::Response::idempotency_key).",
        );
        if let Some(spec_doc) = p.doc.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            doc.push_str("\n\nThe API says: ");
            doc.push_str(spec_doc);
        }
        let doc = docs::outer(&doc);
        quote! {
            #doc
            pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
                self.options.idempotency_key = Some(key.into());
                self
            }
        }
    });
    quote! {
        /// The timeout of each attempt of this call, instead of the client's
        /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout), default 60 s).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = Some(timeout);
            self
        }

        /// How many times a failed attempt of this call is retried, instead of the
        /// client's ([`ClientBuilder::max_retries`](crate::ClientBuilder::max_retries), default 2).
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.options.max_retries = Some(retries);
            self
        }

        /// The statuses retried for this call, instead of the client's
        /// ([`ClientBuilder::retry_statuses`](crate::ClientBuilder::retry_statuses)).
        pub fn retry_statuses(mut self, statuses: impl IntoIterator<Item = u16>) -> Self {
            self.options.retry_statuses = Some(statuses.into_iter().collect());
            self
        }

        /// Adds a header to this call; it replaces a header of the same name that the
        /// client would set (the `Idempotency-Key` has its own option where the operation
        /// takes one). `send` fails with [`Error::Config`](crate::Error::Config) if it is
        /// not a valid HTTP header.
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.options.headers.push((name.into(), value.into()));
            self
        }

        #key
    }
}

/// The success type and the `RawResponse` method that decodes it.
fn success(op: &Operation) -> (TokenStream, proc_macro2::Ident) {
    let body = op.successes().find_map(|r| r.body.as_ref());
    match body {
        Some(b) if is_json(&b.media_type) => {
            (rust_type(&b.ty, Scope::Crate), format_ident!("json"))
        }
        Some(_) => (quote!(String), format_ident!("text")),
        None => (quote!(()), format_ident!("empty")),
    }
}

/// Statements that build `path`, percent-encoding each parameter.
fn build_path(op: &Operation, api: &Api) -> TokenStream {
    let mut stmts = Vec::new();
    let mut rest = op.path.as_str();
    let vars = template_vars(&op.path);
    for var in vars {
        let marker = format!("{{{var}}}");
        let Some((literal, after)) = rest.split_once(&marker) else {
            continue;
        };
        if !literal.is_empty() {
            stmts.push(quote!(path.push_str(#literal);));
        }
        if let Some(p) = op
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == var)
        {
            let field = ident(&p.name);
            let text = match &p.ty {
                TypeRef::String => quote!(&self.#field),
                ty => {
                    let owned = to_text(&quote!(self.#field), ty, api);
                    quote!(&#owned)
                }
            };
            stmts.push(quote!(crate::runtime::http::push_path_segment(&mut path, #text);));
        }
        rest = after;
    }
    if !rest.is_empty() {
        stmts.push(quote!(path.push_str(#rest);));
    }
    if stmts.is_empty() {
        return quote!(let path = String::new(););
    }
    let capacity = Literal::usize_unsuffixed(op.path.len() + 32);
    quote! {
        let mut path = String::with_capacity(#capacity);
        #(#stmts)*
    }
}

/// Statements that add query pairs, headers and the body to `request`.
fn request_parts(op: &Operation, api: &Api) -> TokenStream {
    let mut stmts = Vec::new();
    for p in op.params.iter().filter(|p| !p.is_idempotency_key()) {
        let method = match p.location {
            ParamLocation::Query => format_ident!("query"),
            ParamLocation::Header => format_ident!("header"),
            ParamLocation::Path | ParamLocation::Cookie => continue,
        };
        let field = ident(&p.name);
        let wire = &p.wire_name;
        let binding = match &p.ty {
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
    if let Some(body) = &op.body {
        if body.required {
            stmts.push(quote!(request.json(&OPERATION, &self.body)?;));
        } else {
            stmts.push(quote! {
                if let Some(body) = &self.body {
                    request.json(&OPERATION, body)?;
                }
            });
        }
    }
    if stmts.is_empty() {
        quote!(let request = crate::runtime::http::Request::new(path);)
    } else {
        quote! {
            let mut request = crate::runtime::http::Request::new(path);
            #(#stmts)*
        }
    }
}

/// The expression (ending the function) that turns a non-success response into an error.
///
/// Each declared status decodes the body type it declares (an `ErrorBody` variant, or
/// none). Exact codes come first, grouped by outcome, then `4XX`-style ranges, then
/// `default` as the fallback. A code whose outcome is the fallback's needs no arm of its
/// own, unless a range would otherwise catch it.
fn failure(op: &Operation, error_variants: &[(TypeRef, String)]) -> TokenStream {
    let outcome = |r: &crate::ir::Response| {
        r.body
            .as_ref()
            .filter(|b| is_json(&b.media_type))
            .and_then(|b| variant_for(error_variants, &b.ty))
    };
    let default = op
        .failures()
        .find(|r| r.status == StatusMatch::Default)
        .and_then(&outcome);
    let ranges: Vec<(u16, Option<&str>)> = op
        .failures()
        .filter_map(|r| match r.status {
            StatusMatch::Range(n) => Some((n, outcome(r))),
            _ => None,
        })
        .collect();
    let mut code_arms: Vec<(Vec<TokenStream>, Option<&str>)> = Vec::new();
    for r in op.failures() {
        let StatusMatch::Code(code) = r.status else {
            continue;
        };
        let variant = outcome(r);
        let in_range = ranges.iter().any(|(n, _)| *n == code / 100);
        if variant == default && !in_range {
            continue;
        }
        let pattern = {
            let c = Literal::u16_unsuffixed(code);
            quote!(#c)
        };
        match code_arms.iter_mut().find(|(_, v)| *v == variant) {
            Some((patterns, _)) => patterns.push(pattern),
            None => code_arms.push((vec![pattern], variant)),
        }
    }
    let range_arms = ranges.iter().filter(|(_, v)| *v != default).map(|(n, v)| {
        let lo = Literal::u16_unsuffixed(n * 100);
        let hi = Literal::u16_unsuffixed(n * 100 + 99);
        (vec![quote!(#lo..=#hi)], *v)
    });
    let arms: Vec<(Vec<TokenStream>, Option<&str>)> =
        code_arms.into_iter().chain(range_arms).collect();
    let error_of = |variant: Option<&str>| match variant {
        Some(v) => {
            let v = ident(v);
            quote!(response.api_error(crate::ErrorBody::#v))
        }
        None => quote!(response.api_error_without_body()),
    };
    let fallback = error_of(default);
    let arms: Vec<TokenStream> = arms
        .into_iter()
        .map(|(patterns, v)| {
            let e = error_of(v);
            quote!(#(#patterns)|* => #e,)
        })
        .collect();
    if arms.is_empty() {
        quote!(Err(#fallback))
    } else {
        quote! {
            Err(match response.status().as_u16() {
                #(#arms)*
                _ => #fallback,
            })
        }
    }
}
