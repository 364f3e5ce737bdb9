//! `operations/*.rs`: per operation, a `Client` method and its request builder.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::syntax::Piece;
use super::types::{allow_operator_name, ident, rust_type, takes_into, Scope};
use super::usage::Usage;
use super::{body, docs, example, params, request, response, syntax, Part};
use crate::ir::{Api, Operation, Param, StatusMatch, SuccessBody, TypeRef};
use crate::Options;

/// `operations/mod.rs`: the modules and their builders.
pub fn emit_mod(api: &Api, usage: &Usage) -> TokenStream {
    let mods = api.operations.iter().map(|op| {
        let cfg = usage.operation_cfg(op);
        let module = ident(&op.fn_name);
        let builder = ident(&op.builder_name);
        let types = body::own_type(op)
            .into_iter()
            .chain(match &op.outcomes.success {
                SuccessBody::Statuses(e) => Some(e.name.as_str()),
                _ => None,
            })
            .map(ident)
            .collect::<Vec<_>>();
        if types.is_empty() {
            quote! {
                #cfg
                mod #module;
                #cfg
                pub use #module::#builder;
            }
        } else {
            quote! {
                #cfg
                mod #module;
                #cfg
                pub use #module::{#builder, #(#types),*};
            }
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
    /// Its Rust type.
    rust: TokenStream,
    /// Its type in the IR, unless it is a body of another kind than JSON or a form.
    ty: Option<&'a TypeRef>,
    required: bool,
    doc: Option<String>,
    param: Option<&'a Param>,
}

impl Input<'_> {
    /// Whether the value is taken as `impl Into<T>`.
    fn converts(&self) -> bool {
        !self.required || self.ty.is_none_or(takes_into)
    }

    /// The parameter type and the expression that stores it. Setters take `impl Into<T>`;
    /// required arguments do too where conversions are common (strings, named and
    /// collection types, bodies) and take `T` itself otherwise (e.g. `uuid::Uuid`).
    fn accept(&self) -> (TokenStream, TokenStream) {
        let field = &self.field;
        let ty = &self.rust;
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
            rust: rust_type(&p.ty, Scope::Crate),
            ty: Some(&p.ty),
            required: p.required,
            doc: param_doc(p),
            param: Some(p),
        })
        .collect();
    if let Some(body) = &op.body {
        let (rust, ty) = body::input_type(body);
        all.push(Input {
            field: format_ident!("body"),
            rust,
            ty,
            required: body.required,
            doc: Some(body::input_doc(body)),
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
    notes.extend(params::wire_note(p));
    if !notes.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&notes.join(" "));
    }
    (!text.is_empty()).then_some(text)
}

/// The doc comment of the `Client` method.
fn method_doc(
    op: &Operation,
    required: &[Input<'_>],
    optional: &[Input<'_>],
    example: Option<String>,
) -> String {
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
                let mut first_line = i
                    .doc
                    .as_deref()
                    .and_then(|d| d.lines().next())
                    .map_or_else(String::new, |l| l.trim().to_owned());
                // How the argument is sent, unless that is the line already.
                if let Some(note) = i.param.and_then(params::wire_note) {
                    if !first_line.contains(&note) {
                        if !first_line.is_empty() {
                            first_line.push(' ');
                        }
                        first_line.push_str(&note);
                    }
                }
                match first_line.as_str() {
                    "" => format!("- `{}`", i.field),
                    first_line => format!("- `{}`: {first_line}", i.field),
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
    parts.extend(body::method_doc(op));
    parts.extend(response::method_doc(op));
    if op.pagination.is_some() {
        parts.push(format!(
            "The list is paginated: [`{builder}::items`](crate::operations::{builder}::items) and \
             [`{builder}::pages`](crate::operations::{builder}::pages) stream all of it."
        ));
    }
    parts.extend(super::auth::operation_doc(op));
    let failures: Vec<String> = op
        .failures()
        .map(|r| {
            let status = match r.status {
                StatusMatch::Code(c) => c.to_string(),
                StatusMatch::Range(n) => format!("{n}XX"),
                StatusMatch::Default => "any other".to_owned(),
            };
            let description = r.description.lines().next().unwrap_or("").trim();
            let body = match r.body.as_ref().and_then(|b| b.json_type()) {
                Some(TypeRef::Named(n)) => format!(" ([`{n}`](crate::models::{n}))"),
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
    parts.extend(example);
    parts.join("\n\n")
}

/// The file of one operation: its `OPERATION` info, its `Client` method, and its request
/// builder.
pub fn emit_operation(api: &Api, op: &Operation, options: &Options) -> Vec<Part> {
    let (required, optional) = inputs(op);
    let builder_doc = format!(
        "Request builder for [`Client::{0}`](crate::Client::{0}): `{1} {2}`.",
        op.fn_name,
        op.method.as_str(),
        op.path
    );
    let module_doc: Result<Vec<syn::Attribute>, String> = docs::inner_lines(&builder_doc)
        .into_iter()
        .map(syntax::inner_doc)
        .collect();
    let example = example::operation_section(api, op, options);
    let builder_name = ident(&op.builder_name);
    let multipart = body::multipart_struct(op);
    let status_enum = response::status_enum(api, op);
    // The module's documentation, `OPERATION`, the builder and its methods, as syntax
    // trees: most are alike in every operation.
    let methods = || {
        let info = operation_info(op)?;
        let method = client_method(op, &required, &optional, example)?;
        let builder = builder_struct(op, &builder_doc, &required, &optional)?;
        let mut items = setters(&optional)?;
        items.extend(syntax::parse_impl_items(options_setters(op))?);
        items.extend(send_fns(api, op)?);
        let block = syntax::inherent_impl(Vec::new(), builder_name.clone(), items)?;
        Ok::<_, String>((module_doc?, vec![info, method, builder], block))
    };
    match methods() {
        Ok((module_doc, head, block)) => vec![
            Part::Inner(module_doc),
            Part::Items(head),
            Part::Tokens(quote! {
                #multipart

                #status_enum
            }),
            Part::Items(vec![block]),
        ],
        Err(why) => vec![Part::Invalid(format!(
            "the builder of `{}`: {why}",
            op.fn_name
        ))],
    }
}

/// `static OPERATION`: what the runtime needs to know of the operation.
fn operation_info(op: &Operation) -> Result<syn::Item, String> {
    let method = format_ident!("{}", op.method.as_str());
    let alternatives = op.security.alternatives.iter().map(|a| {
        let keys = a.schemes.iter().map(|u| &u.scheme);
        quote!(&[#(#keys),*])
    });
    let idempotency_key = op.idempotency_key;
    let rate_class = match &op.rate_class {
        Some(class) => quote!(Some(#class)),
        None => quote!(None),
    };
    let mut info = INFO.with(Clone::clone)?;
    syntax::fill_static(
        &mut info,
        vec![
            ("id", Piece::Text(op.id.clone())),
            ("method", Piece::Code(quote!(reqwest::Method::#method))),
            ("path", Piece::Text(op.path.clone())),
            ("security", Piece::Code(quote!(&[#(#alternatives),*]))),
            ("accept", Piece::Text(op.outcomes.accept.clone())),
            ("idempotency_key", Piece::Code(quote!(#idempotency_key))),
            ("rate_class", Piece::Code(rate_class)),
        ],
    )?;
    Ok(info)
}

thread_local! {
    /// `OPERATION` with a placeholder for each field's value ([`operation_info`]): parsed
    /// once, copied for each.
    static INFO: Result<syn::Item, String> = syntax::parse(quote! {
        static OPERATION: crate::runtime::http::OperationInfo = crate::runtime::http::OperationInfo {
            id: "",
            method: reqwest::Method::GET,
            path: "",
            security: &[],
            accept: "",
            idempotency_key: false,
            rate_class: None,
        };
    });
}

/// Clippy's `too_many_arguments` threshold.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// The `Client` method that starts a request: required inputs are its arguments.
fn client_method(
    op: &Operation,
    required: &[Input<'_>],
    optional: &[Input<'_>],
    example: Option<String>,
) -> Result<syn::Item, String> {
    let mut attrs = syntax::doc_attrs(&method_doc(op, required, optional, example))?;
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    // Every required input is an argument, however many the description requires
    // (clippy's limit, 7, counts `&self`).
    let allow = (required.len() + 1 > CLIPPY_MAX_ARGUMENTS)
        .then(|| quote!(#[allow(clippy::too_many_arguments)]));
    attrs.extend(syntax::parse_outer(quote!(#deprecated #allow))?);
    let mut params = Vec::new();
    for i in required {
        let (ty, _) = i.accept();
        params.push((i.field.clone(), syntax::ty(ty)?));
    }
    let (client_path, client, options) = BUILDER_INITS.with(Clone::clone)?;
    let inits = std::iter::once(syntax::Init::Value(format_ident!("client"), client))
        .chain(required.iter().map(|i| match i.converts() {
            true => syntax::Init::Param {
                field: i.field.clone(),
                param: i.field.clone(),
                into: true,
            },
            false => syntax::Init::Shorthand(i.field.clone()),
        }))
        .chain(optional.iter().map(|i| syntax::Init::None(i.field.clone())))
        .chain([syntax::Init::Value(format_ident!("options"), options)])
        .collect();
    let method = syntax::maker(syntax::Maker {
        attrs,
        name: ident(&op.fn_name),
        on_self: true,
        params,
        made: Some(ident(&op.builder_name)),
        inits,
    })?;
    syntax::inherent_impl(Vec::new(), client_path, vec![method])
}

thread_local! {
    /// `crate::Client`, whose `impl` block holds the method, and how the method fills in
    /// a builder's `client` and `options`.
    static BUILDER_INITS: Result<(syn::Path, syn::Expr, syn::Expr), String> = Ok((
        syntax::parse(quote!(crate::Client))?,
        syntax::parse(quote!(self.clone()))?,
        syntax::parse(quote!(crate::runtime::http::RequestOptions::default()))?,
    ));
}

/// The request builder's struct: the client, every input, the per-request options.
fn builder_struct(
    op: &Operation,
    builder_doc: &str,
    required: &[Input<'_>],
    optional: &[Input<'_>],
) -> Result<syn::Item, String> {
    let doc = format!(
        "{builder_doc}\n\n\
         Set optional parameters and per-request options (`timeout`, `max_retries`, \
         `retry_statuses`, `header`) with its methods, then call [`send`](Self::send) or \
         [`send_with_response`](Self::send_with_response)."
    );
    let mut attrs = syntax::doc_attrs(&doc)?;
    attrs.extend(syntax::parse_outer(quote! {
        #[derive(Debug, Clone)]
        #[must_use = "a request builder does nothing until `.send()` is awaited"]
    })?);
    let mut fields = vec![(
        Vec::new(),
        format_ident!("client"),
        syntax::ty(quote!(crate::Client))?,
    )];
    for i in required {
        fields.push((Vec::new(), i.field.clone(), syntax::ty(i.rust.clone())?));
    }
    for i in optional {
        let ty = &i.rust;
        fields.push((
            Vec::new(),
            i.field.clone(),
            syntax::ty(quote!(Option<#ty>))?,
        ));
    }
    let options = syntax::ty(quote!(crate::runtime::http::RequestOptions))?;
    fields.push((Vec::new(), format_ident!("options"), options));
    syntax::structure(attrs, ident(&op.builder_name), fields, true)
}

/// A setter per optional input.
fn setters(optional: &[Input<'_>]) -> Result<Vec<syn::ImplItem>, String> {
    optional
        .iter()
        .map(|i| {
            let field = &i.field;
            let mut attrs = syntax::doc_attrs(i.doc.as_deref().unwrap_or_default())?;
            let deprecated = i
                .param
                .is_some_and(|p| p.deprecated)
                .then(|| quote!(#[deprecated]));
            let allow = allow_operator_name(field);
            attrs.extend(syntax::parse_outer(quote!(#deprecated #allow))?);
            let (ty, _) = i.accept();
            let param = (field.clone(), syntax::ty(ty)?);
            syntax::setter(attrs, field.clone(), param, field.clone(), i.converts())
        })
        .collect()
}

/// `send` and `send_with_response` (and `send_streaming` for a body of bytes), with the
/// builder's private `request` and `decode`.
///
/// The sending methods are plain functions that return the future of one generic
/// `async fn` of the runtime (`call`), which every operation shares: a state machine per
/// operation made up most of a large crate's type checking and borrow checking.
fn send_fns(api: &Api, op: &Operation) -> Result<Vec<syn::ImplItem>, String> {
    let (success_ty, decode) = response::success(&op.outcomes);
    let path = request::path(op, api)?;
    let request_parts = request::parts(op, api);
    let failure = response::failure(&op.outcomes);
    let streaming = response::streams(op).then(|| {
        quote! {
            /// Sends the request; returns a successful response with its body unread, as a
            /// [`ByteStream`](crate::ByteStream) of chunks read as they arrive, so that a
            /// large download is never held in memory whole. The timeout of the attempt
            /// covers reading the stream too: raise it with [`timeout`](Self::timeout) for
            /// large bodies.
            ///
            /// # Errors
            ///
            /// As [`send`](Self::send); an error while reading the body comes from the stream.
            pub fn send_streaming(
                mut self,
            ) -> impl std::future::Future<Output = Result<crate::Response<crate::ByteStream>, crate::Error>> {
                let options = std::mem::take(&mut self.options);
                let core = std::sync::Arc::clone(&self.client.core);
                crate::runtime::http::call_streaming(core, &OPERATION, self.request(), options, Self::decode_stream)
            }

            fn decode_stream(
                response: crate::runtime::http::RawResponse,
            ) -> Result<crate::Response<crate::ByteStream>, crate::Error> {
                if response.status().is_success() {
                    return response.stream();
                }
                #failure
            }
        }
    });
    let success = syntax::ty(success_ty.clone())?;
    let mut items = SENDING.with(Clone::clone)?;
    for item in &mut items {
        syntax::put_type(item, SUCCESS, &success);
    }
    let mut decode_fn = items.pop();
    items.extend(syntax::parse_impl_items(quote!(#streaming))?);
    let mut request = syntax::parse_impl_items(quote! {
        /// The request as the description says to send it, without the per-request options.
        fn request(self) -> Result<crate::runtime::http::Request, crate::Error> {
            Ok(request)
        }
    })?;
    // Its statements before `Ok(request)`, each run parsed on its own: most are alike in
    // many operations.
    if let Some(syn::ImplItem::Fn(f)) = request.first_mut() {
        let ok = f.block.stmts.pop();
        // The path is the operation's own.
        f.block.stmts.push(path);
        for run in request_parts {
            f.block.stmts.extend(syntax::stmts(run)?);
        }
        f.block.stmts.extend(ok);
    }
    items.extend(request);
    // `decode`'s body, parsed on its own: alike in operations with the same responses.
    if let Some(syn::ImplItem::Fn(f)) = decode_fn.as_mut() {
        f.block.stmts = syntax::stmts(quote! {
            if response.status().is_success() {
                return #decode;
            }
            #failure
        })?;
    }
    items.extend(decode_fn);
    Ok(items)
}

/// The name `SENDING` stands for the type of a successful response's body with.
const SUCCESS: &str = "SuccessBody";

thread_local! {
    /// `send` and `send_with_response`, alike in every operation but for the type of a
    /// successful response's body ([`SUCCESS`] here), and `decode` without its body:
    /// parsed once, copied for each.
    static SENDING: Result<Vec<syn::ImplItem>, String> = {
        let success = format_ident!("{SUCCESS}");
        syntax::parse_impl_items(quote! {
            /// Sends the request; returns the body of a successful response.
            ///
            /// # Errors
            ///
            /// [`Error::Api`](crate::Error::Api) for a status that is not a success (with the
            /// body decoded where the API declares one), [`Error::Transport`](crate::Error::Transport)
            /// when no whole response arrives, and [`Error::Decode`](crate::Error::Decode) when the
            /// body does not match the API description.
            pub fn send(self) -> impl std::future::Future<Output = Result<#success, crate::Error>> {
                crate::runtime::http::body_of(self.send_with_response())
            }

            /// Sends the request; returns the status, headers and body of a successful response.
            ///
            /// # Errors
            ///
            /// As [`send`](Self::send).
            pub fn send_with_response(
                mut self,
            ) -> impl std::future::Future<Output = Result<crate::Response<#success>, crate::Error>> {
                let options = std::mem::take(&mut self.options);
                let core = std::sync::Arc::clone(&self.client.core);
                crate::runtime::http::call(core, &OPERATION, self.request(), options, Self::decode)
            }

            /// The result of a call from its response.
            fn decode(
                response: crate::runtime::http::RawResponse,
            ) -> Result<crate::Response<#success>, crate::Error> {}
        })
    };
}

/// The per-request options of a builder: the runtime's `request_options!` (`timeout`,
/// `max_retries`, `retry_statuses`, `header`, `query_pair`), and `idempotency_key` on
/// operations that declare the `Idempotency-Key` header. (Resolve keeps parameters off
/// these names.)
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
        crate::runtime::http::request_options!();

        #key
    }
}
