//! Request bodies: a `body` parameter, or an operation's `formData` parameters.
//!
//! A body parameter's schema goes under each media type the operation `consumes`; its
//! `description`, `required` and extensions stay on the request body. Form parameters
//! become the properties of one object schema, sent as `multipart/form-data` when the
//! operation consumes it or any field is a file, else URL-encoded (with each array's
//! `collectionFormat` as its `encoding`).

use serde_json::{Map, Value};

use super::params::Place;
use super::{or_default, schema, Converter};
use crate::diagnostics::Diagnostic;
use crate::pointer;

const MULTIPART: &str = "multipart/form-data";
const URL_ENCODED: &str = "application/x-www-form-urlencoded";

/// A form parameter as written, and its pointer in the 2.0 document.
pub(super) type Field = (Map<String, Value>, String);

impl Converter<'_> {
    /// The body parameter `p`, written at `from`, as a request body at `to` of the media
    /// types `consumes`.
    pub(super) fn body(
        &mut self,
        p: Value,
        consumes: Option<&[String]>,
        to: &str,
        from: &str,
    ) -> Option<Value> {
        let Value::Object(mut p) = p else {
            self.cx.push(
                Diagnostic::warning(from, "the body parameter is not a mapping: it is left out")
                    .help("describe the body with `in: body` and a `schema`"),
            );
            return None;
        };
        self.moves.record(to, from);
        let schema_at = pointer::join(from, "schema");
        let mut s = match p.remove("schema") {
            Some(s) => s,
            // The fields of other parameters (`type: string`) where `schema` belongs: the
            // schema they describe.
            None if p.contains_key("type") => {
                self.cx.push(
                    Diagnostic::warning(
                        from,
                        "the body parameter has no `schema`, but a `type` as other parameters \
                         have: read as its schema",
                    )
                    .help("move `type` and its fields under `schema`"),
                );
                Value::Object(self.schema_of(&mut p, from))
            }
            None => {
                self.cx.push(
                    Diagnostic::warning(
                        from,
                        "the body parameter has no `schema`: any body is accepted",
                    )
                    .help("describe the body with a `schema`"),
                );
                Value::Object(Map::new())
            }
        };
        schema::convert(&mut s, &schema_at, self.cx);
        let mut request = Map::new();
        for (key, value) in p {
            if key == "description" || key == "required" || key.starts_with("x-") {
                request.insert(key, value);
            }
        }
        let mut content = Map::new();
        for media in or_default(consumes) {
            let at = pointer::join(&pointer::join(to, "content"), &media);
            self.moves
                .record(pointer::join(&at, "schema"), schema_at.clone());
            content.insert(media, media_type(s.clone(), None));
        }
        request.insert("content".to_owned(), Value::Object(content));
        Some(Value::Object(request))
    }

    /// The form parameters `fields` as a request body at `to`, of the media types
    /// `consumes`.
    pub(super) fn form(
        &mut self,
        fields: Vec<Field>,
        consumes: Option<&[String]>,
        to: &str,
    ) -> Value {
        let consumes = consumes.unwrap_or_default();
        let any_file = fields
            .iter()
            .any(|(f, _)| f.get("type").and_then(Value::as_str) == Some("file"));
        let multipart = any_file || consumes.iter().any(|m| essence(m) == MULTIPART);
        let media = if multipart { MULTIPART } else { URL_ENCODED };
        let media_at = pointer::join(&pointer::join(to, "content"), media);
        let schema_at = pointer::join(&media_at, "schema");
        if let Some((_, first)) = fields.first() {
            self.moves.record(to, first.clone());
        }
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut encoding = Map::new();
        for (mut field, from) in fields {
            let Some(name) = field.get("name").and_then(Value::as_str).map(str::to_owned) else {
                self.cx.push(
                    Diagnostic::warning(from, "the form parameter has no `name`: it is left out")
                        .help("name the form field"),
                );
                continue;
            };
            let property_at = pointer::join(&pointer::join(&schema_at, "properties"), &name);
            self.moves.record(property_at, from.clone());
            if field.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(Value::String(name.clone()));
            }
            let collection = field.remove("collectionFormat");
            let mut s = self.schema_of(&mut field, &from);
            if let Some(description) = field.remove("description") {
                s.insert("description".to_owned(), description);
            }
            let is_array = s.get("type").and_then(Value::as_str) == Some("array");
            if is_array && !multipart {
                let (style, explode) = self.style(collection.as_ref(), Place::Query, &from);
                let mut e = Map::new();
                e.insert("style".to_owned(), Value::String(style.to_owned()));
                e.insert("explode".to_owned(), Value::Bool(explode));
                self.moves.record(
                    pointer::join(&pointer::join(&media_at, "encoding"), &name),
                    from.clone(),
                );
                encoding.insert(name.clone(), Value::Object(e));
            } else if is_array
                && collection
                    .as_ref()
                    .is_some_and(|c| c.as_str() != Some("multi"))
            {
                self.cx.push(
                    Diagnostic::warning(
                        pointer::join(&from, "collectionFormat"),
                        "in a multipart body, OpenAPI 3.0 sends an array as one part per item: this `collectionFormat` is not followed",
                    )
                    .help("use `collectionFormat: multi`, or describe the field as a string in the format it is sent"),
                );
            }
            properties.insert(name, Value::Object(s));
        }
        let mut object = Map::new();
        object.insert("type".to_owned(), Value::String("object".to_owned()));
        object.insert("properties".to_owned(), Value::Object(properties));
        let any_required = !required.is_empty();
        if any_required {
            object.insert("required".to_owned(), Value::Array(required));
        }
        let encoding = (!encoding.is_empty()).then_some(encoding);
        let mut content = Map::new();
        content.insert(
            media.to_owned(),
            media_type(Value::Object(object), encoding),
        );
        let mut request = Map::new();
        if any_required {
            request.insert("required".to_owned(), Value::Bool(true));
        }
        request.insert("content".to_owned(), Value::Object(content));
        Value::Object(request)
    }
}

/// A media type object of `schema`.
fn media_type(schema: Value, encoding: Option<Map<String, Value>>) -> Value {
    let mut m = Map::new();
    m.insert("schema".to_owned(), schema);
    if let Some(encoding) = encoding {
        m.insert("encoding".to_owned(), Value::Object(encoding));
    }
    Value::Object(m)
}

/// A media type without its parameters, lower-cased: `Multipart/Form-Data; x=y` is
/// `multipart/form-data`.
fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}
