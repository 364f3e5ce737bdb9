//! Request bodies: the type a builder takes, the statements that encode it, and the
//! struct of a multipart body.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::types::{ident, rust_type, to_text, Scope};
use crate::ir::{
    Api, BodyKind, FormBody, FormStyle, MultipartBody, Operation, PartKind, RequestBody,
};

/// The type a builder takes its body as, and whether its argument or setter takes
/// `impl Into<..>` of it.
pub(super) fn input_type(body: &RequestBody) -> (TokenStream, Option<&crate::ir::TypeRef>) {
    match &body.kind {
        BodyKind::Json(ty) | BodyKind::Form(FormBody { ty, .. }) => {
            (rust_type(ty, Scope::Crate), Some(ty))
        }
        BodyKind::Text | BodyKind::Xml => (quote!(String), None),
        BodyKind::Binary => (quote!(crate::Body), None),
        BodyKind::Multipart(Some(m)) => {
            let name = ident(&m.name);
            (quote!(crate::operations::#name), None)
        }
        BodyKind::Multipart(None) => (quote!(crate::Multipart), None),
    }
}

/// The documentation of the body argument or setter.
pub(super) fn input_doc(body: &RequestBody) -> String {
    let mut doc = body
        .doc
        .clone()
        .unwrap_or_else(|| "The request body.".to_owned());
    let note = match &body.kind {
        BodyKind::Json(_) | BodyKind::Form(_) | BodyKind::Multipart(Some(_)) => None,
        BodyKind::Text => Some("Sent as it is.".to_owned()),
        BodyKind::Xml => Some(
            "The XML document as text, sent as it is: this client does not build or check XML."
                .to_owned(),
        ),
        BodyKind::Binary => Some(format!(
            "Bytes, or a stream for a large upload ([`Body::from_stream`](crate::Body::from_stream)), \
             sent as `{}` unless the body sets its own [`content_type`](crate::Body::content_type). \
             A call with a stream body is not retried.",
            body.content_type()
        )),
        BodyKind::Multipart(None) => Some(
            "The API describes no fields of this form: add its parts to the \
             [`Multipart`](crate::Multipart)."
                .to_owned(),
        ),
    };
    if let Some(note) = note {
        doc.push_str("\n\n");
        doc.push_str(&note);
    }
    doc
}

/// The "Request body" section of the method's documentation: the media type sent, and
/// those the API also accepts (none for a body the API takes only as `application/json`).
pub(super) fn method_doc(op: &Operation) -> Option<String> {
    let body = op.body.as_ref()?;
    let plain_json =
        matches!(body.kind, BodyKind::Json(_)) && body.media_type == "application/json";
    if plain_json && body.others.is_empty() {
        return None;
    }
    let declared = &body.media_type;
    let sent = body.content_type();
    let how = match &body.kind {
        BodyKind::Json(_) => format!("Sent as `{sent}`, as JSON."),
        BodyKind::Form(_) => format!("Sent as `{sent}`, a form of the struct's fields."),
        BodyKind::Multipart(_) => format!("Sent as `{sent}`, a part per field."),
        BodyKind::Text => format!("Sent as `{sent}`, the text as it is."),
        BodyKind::Xml => format!(
            "Sent as `{sent}`: the XML document, given as text (this client does not build or \
             check XML)."
        ),
        BodyKind::Binary if declared.as_str() != sent => format!(
            "Bytes or a stream ([`Body`](crate::Body)) of `{declared}`: set its type with \
             [`Body::content_type`](crate::Body::content_type), else it is sent as `{sent}`. \
             A call with a stream body makes one attempt: it is not retried."
        ),
        BodyKind::Binary => format!(
            "Bytes or a stream ([`Body`](crate::Body)), sent as `{sent}` unless the body sets \
             its own [`content_type`](crate::Body::content_type). A call with a stream body \
             makes one attempt: it is not retried."
        ),
    };
    let mut doc = format!("# Request body\n\n{how}");
    if !body.others.is_empty() {
        let others: Vec<String> = body.others.iter().map(|m| format!("`{m}`")).collect();
        doc.push_str(&format!(
            " The API also accepts {}, which this client does not send.",
            others.join(", ")
        ));
    }
    Some(doc)
}

/// The statements that set the body on `request` (the last of the request's parts).
pub(super) fn statements(op: &Operation, api: &Api) -> Option<TokenStream> {
    let body = op.body.as_ref()?;
    let content_type = body.content_type();
    // JSON and forms are serialised from a reference; the rest is moved into the request.
    let by_ref = matches!(body.kind, BodyKind::Json(_) | BodyKind::Form(_));
    let value = match (body.required, by_ref) {
        (true, true) => quote!(&self.body),
        (true, false) => quote!(self.body),
        (false, _) => quote!(body),
    };
    let set = match &body.kind {
        BodyKind::Json(_) if content_type == "application/json" => {
            quote!(request.json(&OPERATION, #value)?;)
        }
        BodyKind::Json(_) => quote!(request.json_as(&OPERATION, #content_type, #value)?;),
        BodyKind::Form(form) => {
            let encodings = form.fields.iter().map(|f| {
                let name = &f.wire_name;
                let style = format_ident!(
                    "{}",
                    match f.style {
                        FormStyle::Form => "Form",
                        FormStyle::SpaceDelimited => "SpaceDelimited",
                        FormStyle::PipeDelimited => "PipeDelimited",
                        FormStyle::DeepObject => "DeepObject",
                    }
                );
                let explode = f.explode;
                let json = f.json;
                quote! {
                    crate::runtime::form::Encoding {
                        name: #name,
                        style: crate::runtime::form::Style::#style,
                        explode: #explode,
                        json: #json,
                    }
                }
            });
            quote!(request.form(&OPERATION, #value, &[#(#encodings),*])?;)
        }
        BodyKind::Text | BodyKind::Xml => quote!(request.text(#content_type, #value);),
        BodyKind::Binary => quote!(request.upload(&OPERATION, #value, #content_type)?;),
        BodyKind::Multipart(None) => quote!(request.multipart(#value);),
        BodyKind::Multipart(Some(m)) => {
            let parts = multipart_parts(m, api);
            if body.required {
                quote! {
                    let body = self.body;
                    #parts
                }
            } else {
                parts
            }
        }
    };
    Some(if body.required {
        set
    } else {
        let binding = if by_ref {
            quote!(&self.body)
        } else {
            quote!(self.body)
        };
        quote! {
            if let Some(body) = #binding {
                #set
            }
        }
    })
}

/// The statements that add each field of `body` (a multipart struct) to a form.
fn multipart_parts(m: &MultipartBody, api: &Api) -> TokenStream {
    let parts = m.parts.iter().map(|p| {
        let field = ident(&p.name);
        let wire = &p.wire_name;
        // `value` is a field value: moved for files, borrowed for the rest.
        let push = match &p.kind {
            PartKind::File => {
                let content_type = p
                    .content_type
                    .as_deref()
                    .unwrap_or("application/octet-stream");
                quote!(form.push_file(#wire, value, #content_type);)
            }
            PartKind::Text(ty) => {
                let text = to_text(&quote!(value), ty, api);
                let content_type = match &p.content_type {
                    Some(c) => quote!(Some(#c)),
                    None => quote!(None),
                };
                quote!(form.push_text(#wire, #text, #content_type);)
            }
            PartKind::Json(_) => {
                let content_type = p.content_type.as_deref().unwrap_or("application/json");
                quote!(form.push_json(&OPERATION, #wire, value, #content_type)?;)
            }
        };
        let by_ref = (!matches!(p.kind, PartKind::File)).then(|| quote!(&));
        match (p.required, p.repeated) {
            (true, false) => quote! {
                let value = #by_ref body.#field;
                #push
            },
            (true, true) => quote! {
                for value in #by_ref body.#field {
                    #push
                }
            },
            (false, false) => quote! {
                if let Some(value) = #by_ref body.#field {
                    #push
                }
            },
            (false, true) => {
                let items = match by_ref {
                    Some(_) => quote!(body.#field.iter().flatten()),
                    None => quote!(body.#field.into_iter().flatten()),
                };
                quote! {
                    for value in #items {
                        #push
                    }
                }
            }
        }
    });
    quote! {
        let mut form = crate::runtime::multipart::Multipart::new();
        #(#parts)*
        request.multipart(form);
    }
}

/// The struct of an operation's multipart body, with a constructor of its required
/// fields.
pub(super) fn multipart_struct(op: &Operation) -> Option<TokenStream> {
    let Some(BodyKind::Multipart(Some(m))) = op.body.as_ref().map(|b| &b.kind) else {
        return None;
    };
    let name = ident(&m.name);
    let doc = docs::outer(&format!(
        "The `multipart/form-data` body of [`Client::{0}`](crate::Client::{0}): a part per \
         field, sent in this order (an optional field that is `None` is left out, and each \
         item of a list is a part of its own).",
        op.fn_name
    ));
    let mut fields = Vec::new();
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &m.parts {
        let field = ident(&p.name);
        let item = match &p.kind {
            PartKind::File => quote!(crate::FilePart),
            PartKind::Text(ty) | PartKind::Json(ty) => rust_type(ty, Scope::Crate),
        };
        let ty = if p.repeated { quote!(Vec<#item>) } else { item };
        let what = match (&p.kind, p.repeated) {
            (PartKind::File, false) => "A file part".to_owned(),
            (PartKind::File, true) => "File parts, one per file".to_owned(),
            (PartKind::Text(_), false) => "A text part".to_owned(),
            (PartKind::Text(_), true) => "Text parts, one per item".to_owned(),
            (PartKind::Json(_), _) => "A JSON part".to_owned(),
        };
        let content_type = p
            .content_type
            .as_deref()
            .map(|c| format!(" (`{c}`)"))
            .unwrap_or_default();
        let mut text = format!("{what} `{}`{content_type}.", p.wire_name);
        if let Some(d) = &p.doc {
            text = format!("{}\n\n{text}", d.trim());
        }
        let doc = docs::outer(&text);
        if p.required {
            fields.push(quote!(#doc pub #field: #ty,));
            args.push(quote!(#field: #ty));
            inits.push(quote!(#field));
        } else {
            fields.push(quote!(#doc pub #field: Option<#ty>,));
            inits.push(quote!(#field: None));
        }
    }
    let default = m
        .parts
        .iter()
        .all(|p| !p.required)
        .then(|| quote!(Default,));
    Some(quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// The body with its required fields, and no optional ones.
            pub fn new(#(#args),*) -> Self {
                #name { #(#inits),* }
            }
        }
    })
}

/// The name of the type an operation's module defines for its body (a multipart struct).
pub(super) fn own_type(op: &Operation) -> Option<&str> {
    match op.body.as_ref().map(|b| &b.kind) {
        Some(BodyKind::Multipart(Some(m))) => Some(&m.name),
        _ => None,
    }
}
