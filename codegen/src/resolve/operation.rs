//! Operations: parameters, bodies and responses (their security is in `security.rs`).

use indexmap::IndexMap;
use openapiv3::{
    MediaType, ReferenceOr, RequestBody as OaRequestBody, Response as OaResponse, StatusCode,
};

use super::Resolver;
use crate::diagnostics::Diagnostic;
use crate::ir::{is_json, Outcomes};
use crate::ir::{
    Method, Operation, Param, RequestBody, Response, ResponseBody, StatusMatch, TypeRef,
};
use crate::naming::{camel, snake, Names};
use crate::pointer::join;
use crate::reserved;

/// The JSON entry of a `content` map, else its first entry.
pub(super) fn pick_content(content: &IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    content
        .iter()
        .find(|(k, _)| is_json(k))
        .or_else(|| content.first())
        .map(|(k, v)| (k.as_str(), v))
}

impl<'a> Resolver<'a, '_> {
    /// Every operation of `paths`, in document order.
    pub(crate) fn operations(&mut self) -> Vec<Operation> {
        let mut fn_names = Names::new();
        for m in reserved::CLIENT_METHODS {
            fn_names.reserve(m);
        }
        let mut builder_names = Names::new();
        let mut out = Vec::new();
        for (path, item) in &self.doc.paths.paths {
            let pointer = join("/paths", path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    self.cx.push(
                        Diagnostic::error(
                            &pointer,
                            format!("path item `$ref` `{reference}` is not supported"),
                        )
                        .help("write the path item inline"),
                    );
                    continue;
                }
            };
            for (method_name, op) in item.iter() {
                let Some(method) = Method::from_field(method_name) else {
                    continue;
                };
                let op_pointer = join(&pointer, method_name);
                let (id, id_derived) = match &op.operation_id {
                    Some(id) if !id.trim().is_empty() => (id.clone(), false),
                    _ => (snake(&format!("{method_name} {path}")), true),
                };
                let fn_name = fn_names.claim(&snake(&id));
                if id_derived {
                    self.cx.push(
                        Diagnostic::warning(
                            &op_pointer,
                            format!(
                                "{} {path} has no operationId; its method is named `{fn_name}`",
                                method.as_str()
                            ),
                        )
                        .help("add an `operationId` to choose the name"),
                    );
                }
                let builder_name = builder_names.claim(&camel(&id));
                let params = self.params(item, &pointer, op, &op_pointer, path, &builder_name);
                let body = op.request_body.as_ref().and_then(|b| {
                    self.request_body(b, &builder_name, &join(&op_pointer, "requestBody"))
                });
                let responses = self.responses(op, &builder_name, &op_pointer);
                let security = self.security(op.security.as_ref(), &op_pointer);
                let rate_class = self.rate_class(&id, &op.tags, &op.extensions, &op_pointer);
                let idempotency_key = params.iter().any(Param::is_idempotency_key);
                out.push(Operation {
                    id,
                    id_derived,
                    fn_name,
                    builder_name,
                    method,
                    path: path.clone(),
                    pointer: op_pointer,
                    summary: op.summary.clone(),
                    description: op.description.clone(),
                    deprecated: op.deprecated,
                    params,
                    body,
                    responses,
                    security,
                    pagination: None,
                    idempotency_key,
                    rate_class,
                    outcomes: Outcomes::default(),
                });
            }
        }
        out
    }

    pub(super) fn request_body(
        &mut self,
        b: &'a ReferenceOr<OaRequestBody>,
        builder_name: &str,
        at: &str,
    ) -> Option<RequestBody> {
        let (body, at) = self.deref(b, at, "requestBodies", |c| &c.request_bodies)?;
        let (media_type, media) = pick_content(&body.content)?;
        let schema_at = join(&join(&join(&at, "content"), media_type), "schema");
        let ty = match &media.schema {
            Some(s) => self.type_ref(s.into(), &format!("{builder_name}Body"), &schema_at),
            None => TypeRef::Json,
        };
        Some(RequestBody {
            media_type: media_type.to_owned(),
            ty,
            required: body.required,
            doc: body.description.clone(),
            pointer: at,
        })
    }

    fn responses(
        &mut self,
        op: &'a openapiv3::Operation,
        builder_name: &str,
        op_pointer: &str,
    ) -> Vec<Response> {
        let base = join(op_pointer, "responses");
        let mut entries: Vec<(StatusMatch, String, &'a ReferenceOr<OaResponse>)> = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| {
                let (status, key) = match code {
                    StatusCode::Code(c) => (StatusMatch::Code(*c), c.to_string()),
                    StatusCode::Range(r) => (StatusMatch::Range(*r), format!("{r}XX")),
                };
                (status, key, r)
            })
            .collect();
        if let Some(d) = &op.responses.default {
            entries.push((StatusMatch::Default, "default".to_owned(), d));
        }
        let mut out = Vec::new();
        let mut success_named = false;
        for (status, key, r) in entries {
            let at = join(&base, &key);
            let Some((response, at)) = self.deref(r, &at, "responses", |c| &c.responses) else {
                continue;
            };
            // The first success is "the" response body; others are named by status.
            let hint = if status.is_success() && !success_named {
                success_named = true;
                format!("{builder_name}ResponseBody")
            } else if key.starts_with(|c: char| c.is_ascii_digit()) {
                format!("{builder_name}{key}ResponseBody")
            } else {
                format!("{builder_name}{}ResponseBody", camel(&key))
            };
            let body = pick_content(&response.content).map(|(media_type, media)| {
                let schema_at = join(&join(&join(&at, "content"), media_type), "schema");
                let ty = match &media.schema {
                    Some(s) if is_json(media_type) => self.type_ref(s.into(), &hint, &schema_at),
                    _ if media_type.starts_with("text/") => TypeRef::String,
                    _ => TypeRef::Json,
                };
                ResponseBody {
                    media_type: media_type.to_owned(),
                    ty,
                }
            });
            out.push(Response {
                status,
                description: response.description.clone(),
                body,
                pointer: at,
            });
        }
        out
    }
}
