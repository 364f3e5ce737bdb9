//! Request bodies and responses: which of the declared media types the client uses, and
//! how each is given, encoded and read.
//!
//! A request body offered in several media types is sent in the first supported one of:
//! JSON (`application/json`, then other `…+json` types, then a range such as `*/*` with a
//! JSON schema), `application/x-www-form-urlencoded`, `multipart/form-data`, text
//! (`text/*`), XML, and bytes (anything else). A response is read as JSON, then text or
//! XML, then bytes, in the same way (`text/event-stream` is bytes, to be streamed).

use indexmap::IndexMap;
use openapiv3::{
    MediaType, QueryStyle, ReferenceOr, RequestBody as OaRequestBody, Response as OaResponse,
    Schema, SchemaKind, StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::schema::Sref;
use super::Resolver;
use crate::ir::{
    essence, is_json, is_text, is_wildcard, is_xml, BodyKind, Content, FormBody, FormField,
    FormStyle, MultipartBody, Part, PartKind, RequestBody, Response, ResponseBody, StatusMatch,
    TypeRef,
};
use crate::naming::{camel, snake, Names};
use crate::normalise::CONTENT_MEDIA_TYPE;
use crate::pointer::join;

/// The JSON entry of a `content` map, else its first entry (a webhook's payload).
pub(super) fn pick_content(content: &IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    content
        .iter()
        .find(|(k, _)| is_json(k))
        .or_else(|| content.first())
        .map(|(k, v)| (k.as_str(), v))
}

/// How a request body of `media_type` is sent, by preference (lower is better), before
/// its schema is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sent {
    /// `application/json` itself.
    Json,
    /// Another JSON media type.
    OtherJson,
    /// A range (`*/*`, `application/*`) whose schema describes JSON.
    RangeJson,
    Form,
    Multipart,
    Text,
    Xml,
    Binary,
}

/// How a response body is read, by preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Read {
    Json,
    OtherJson,
    RangeJson,
    Text,
    Xml,
    Binary,
}

/// What a schema says of the bytes it describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// No schema.
    None,
    /// `type: string` with `format: binary` (or a 3.1 `contentMediaType`).
    Binary,
    /// Any other string.
    String,
    /// Anything else: JSON.
    Structured,
}

/// Whether `schema` is a string of raw bytes; with the media type a 3.1
/// `contentMediaType` gave it.
fn binary_string(schema: &Schema) -> Option<Option<&str>> {
    let binary = match &schema.schema_kind {
        SchemaKind::Type(Type::String(t)) => {
            matches!(
                t.format,
                VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
            )
        }
        SchemaKind::Any(a) => {
            matches!(a.typ.as_deref(), None | Some("string"))
                && a.format.as_deref() == Some("binary")
        }
        _ => false,
    };
    binary.then(|| {
        schema
            .schema_data
            .extensions
            .get(CONTENT_MEDIA_TYPE)
            .and_then(|v| v.as_str())
    })
}

fn is_string(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => true,
        SchemaKind::Any(a) => a.typ.as_deref() == Some("string"),
        _ => false,
    }
}

/// One media type, when `list` (an `encoding.contentType`: a media type, a range, or a
/// comma-separated list of them) names exactly one.
fn single_media_type(list: &str) -> Option<String> {
    let list = list.trim();
    (!list.is_empty() && !list.contains(',') && !is_wildcard(list)).then(|| list.to_owned())
}

impl<'a> Resolver<'a, '_> {
    fn shape(&self, media: &'a MediaType) -> Shape {
        let Some(s) = &media.schema else {
            return Shape::None;
        };
        match self.schema_behind(s.into()) {
            Some(schema) if binary_string(schema).is_some() => Shape::Binary,
            Some(schema) if is_string(schema) => Shape::String,
            _ => Shape::Structured,
        }
    }

    fn sent(&self, media_type: &str, media: &'a MediaType) -> Sent {
        let essence = essence(media_type);
        if essence == "application/json" {
            Sent::Json
        } else if is_json(&essence) {
            Sent::OtherJson
        } else if essence == "application/x-www-form-urlencoded" {
            Sent::Form
        } else if essence == "multipart/form-data" {
            Sent::Multipart
        } else if is_xml(&essence) {
            Sent::Xml
        } else if is_text(&essence) {
            Sent::Text
        } else if matches!(essence.as_str(), "*/*" | "application/*")
            && self.shape(media) == Shape::Structured
        {
            Sent::RangeJson
        } else {
            Sent::Binary
        }
    }

    fn read(&self, media_type: &str, media: &'a MediaType) -> Read {
        let essence = essence(media_type);
        if essence == "application/json" {
            Read::Json
        } else if is_json(&essence) {
            Read::OtherJson
        } else if is_xml(&essence) {
            Read::Xml
        } else if essence == "text/event-stream" {
            // Events arrive as long as the connection lasts: read as a stream of bytes.
            Read::Binary
        } else if is_text(&essence) {
            Read::Text
        } else if matches!(essence.as_str(), "*/*" | "application/*") {
            match self.shape(media) {
                Shape::Structured => Read::RangeJson,
                Shape::String => Read::Text,
                Shape::None | Shape::Binary => Read::Binary,
            }
        } else {
            Read::Binary
        }
    }

    /// The request body of an operation (or webhook): the media type sent, and how.
    pub(super) fn request_body(
        &mut self,
        b: &'a ReferenceOr<OaRequestBody>,
        builder_name: &str,
        at: &str,
    ) -> Option<RequestBody> {
        let (body, at) = self.deref(b, at, "requestBodies", |c| &c.request_bodies)?;
        let (index, sent) = body
            .content
            .iter()
            .enumerate()
            .map(|(i, (k, v))| (i, self.sent(k, v)))
            .min_by_key(|&(i, sent)| (sent, i))?;
        let (media_type, media) = body.content.get_index(index)?;
        let media_at = join(&join(&at, "content"), media_type);
        let schema_at = join(&media_at, "schema");
        let hint = format!("{builder_name}Body");
        let schema_type = |r: &mut Self| match &media.schema {
            Some(s) => r.value_type(s.into(), &hint, &schema_at),
            None => TypeRef::Json,
        };
        let kind = match sent {
            Sent::Json | Sent::OtherJson | Sent::RangeJson => BodyKind::Json(schema_type(self)),
            Sent::Form => BodyKind::Form(FormBody {
                ty: schema_type(self),
                fields: form_fields(media),
            }),
            Sent::Multipart => BodyKind::Multipart(self.multipart(media, builder_name, &schema_at)),
            Sent::Text => BodyKind::Text,
            Sent::Xml => BodyKind::Xml,
            Sent::Binary => BodyKind::Binary,
        };
        let example = self.example(&media.example, &media.examples, &media_at);
        Some(RequestBody {
            media_type: media_type.clone(),
            kind,
            required: body.required,
            doc: body.description.clone(),
            pointer: media_at,
            others: body
                .content
                .keys()
                .filter(|k| *k != media_type)
                .cloned()
                .collect(),
            example,
        })
    }

    /// The parts of a `multipart/form-data` body: one per property of its object schema
    /// (`None` when it lists none). The struct is named once every operation is known.
    fn multipart(
        &mut self,
        media: &'a MediaType,
        builder_name: &str,
        schema_at: &str,
    ) -> Option<MultipartBody> {
        let schema = media.schema.as_ref()?;
        let props = self.object_properties(schema.into(), schema_at)?;
        if props.is_empty() {
            return None;
        }
        let mut names = Names::new();
        let mut parts = Vec::with_capacity(props.len());
        for (wire_name, s, at, required) in props {
            let hint = format!("{builder_name}{}", camel(wire_name));
            let declared = media
                .encoding
                .get(wire_name)
                .and_then(|e| e.content_type.as_deref())
                .and_then(single_media_type);
            let (kind, repeated, media_type) = self.part(s, &hint, &at);
            let doc = self.schema_behind(s).and_then(|schema| {
                super::doc_text(
                    schema.schema_data.title.as_deref(),
                    schema.schema_data.description.as_deref(),
                )
            });
            parts.push(Part {
                name: names.claim(&snake(wire_name)),
                wire_name: wire_name.to_owned(),
                kind,
                repeated,
                required,
                content_type: declared.or(media_type),
                doc,
            });
        }
        Some(MultipartBody {
            name: String::new(),
            parts,
        })
    }

    /// What a multipart property holds, whether it is an array sent as one part per
    /// item, and the media type a 3.1 `contentMediaType` gives a file.
    fn part(&mut self, s: Sref<'a>, hint: &str, at: &str) -> (PartKind, bool, Option<String>) {
        let schema = self.non_null_schema(s);
        if let Some(media_type) = schema.and_then(binary_string) {
            return (PartKind::File, false, media_type.map(str::to_owned));
        }
        let items = schema.and_then(|schema| match &schema.schema_kind {
            SchemaKind::Type(Type::Array(a)) => a.items.as_ref(),
            SchemaKind::Any(a) if a.typ.as_deref() == Some("array") => a.items.as_ref(),
            _ => None,
        });
        if let Some(items) = items {
            let item: Sref<'a> = items.into();
            if let Some(media_type) = self.non_null_schema(item).and_then(binary_string) {
                return (PartKind::File, true, media_type.map(str::to_owned));
            }
            let item_ty = self.type_ref(item, &format!("{hint}Item"), &join(at, "items"));
            if self.is_text_scalar(&item_ty) {
                return (PartKind::Text(item_ty), true, None);
            }
        }
        let ty = self.type_ref(s, hint, at);
        if self.is_text_scalar(&ty) {
            (PartKind::Text(ty), false, None)
        } else {
            (PartKind::Json(ty), false, None)
        }
    }

    /// Whether values of `ty` are written as plain text (scalars and enums).
    fn is_text_scalar(&self, ty: &TypeRef) -> bool {
        match crate::ir::unalias(&self.types, ty) {
            (_, Some(crate::ir::TypeKind::Enum(_) | crate::ir::TypeKind::IntEnum(_))) => true,
            (scalar, _) => scalar.is_scalar(),
        }
    }

    /// The declared responses, in order (`default` last), each with the representation
    /// the client reads.
    pub(super) fn responses(
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
        // `default` is the success of an operation without 2xx responses.
        let default_succeeds = !entries.iter().any(|(s, _, _)| s.is_success());
        let mut out = Vec::new();
        let mut success_named = false;
        for (status, key, r) in entries {
            let at = join(&base, &key);
            let Some((response, at)) = self.deref(r, &at, "responses", |c| &c.responses) else {
                continue;
            };
            let success = status.is_success() || default_succeeds && status == StatusMatch::Default;
            // The first success is "the" response body; others are named by status.
            let hint = if success && !success_named {
                success_named = true;
                format!("{builder_name}ResponseBody")
            } else if key.starts_with(|c: char| c.is_ascii_digit()) {
                format!("{builder_name}{key}ResponseBody")
            } else {
                format!("{builder_name}{}ResponseBody", camel(&key))
            };
            let body = self.response_body(&response.content, &hint, &at);
            out.push(Response {
                status,
                description: response.description.clone(),
                body,
            });
        }
        out
    }

    /// The representation of a response the client reads, of those `content` declares.
    fn response_body(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        hint: &str,
        at: &str,
    ) -> Option<ResponseBody> {
        let (index, read) = content
            .iter()
            .enumerate()
            .map(|(i, (k, v))| (i, self.read(k, v)))
            .min_by_key(|&(i, read)| (read, i))?;
        let (media_type, media) = content.get_index(index)?;
        let content = match read {
            Read::Json | Read::OtherJson | Read::RangeJson => {
                let schema_at = join(&join(&join(at, "content"), media_type), "schema");
                Content::Json(match &media.schema {
                    Some(s) => self.value_type(s.into(), hint, &schema_at),
                    None => TypeRef::Json,
                })
            }
            Read::Text | Read::Xml => Content::Text,
            Read::Binary => Content::Binary,
        };
        Some(ResponseBody {
            media_type: media_type.clone(),
            content,
        })
    }
}

/// How the properties of a form body are written, where `encoding` says otherwise than
/// the default (`style: form`, `explode: true`, not JSON).
fn form_fields(media: &MediaType) -> Vec<FormField> {
    media
        .encoding
        .iter()
        .map(|(name, e)| FormField {
            wire_name: name.clone(),
            style: match e.style {
                None | Some(QueryStyle::Form) => FormStyle::Form,
                Some(QueryStyle::SpaceDelimited) => FormStyle::SpaceDelimited,
                Some(QueryStyle::PipeDelimited) => FormStyle::PipeDelimited,
                Some(QueryStyle::DeepObject) => FormStyle::DeepObject,
            },
            // `normalise` wrote out the default where `explode` was left out.
            explode: e.explode,
            json: e.content_type.as_deref().is_some_and(is_json),
        })
        .filter(|f| f.style != FormStyle::Form || !f.explode || f.json)
        .collect()
}
