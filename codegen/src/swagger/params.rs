//! Parameters other than bodies, and response headers: their type keywords move into a
//! `schema`, and `collectionFormat` becomes `style` and `explode`:
//!
//! | `collectionFormat` | query, form field                | path, header             |
//! |--------------------|----------------------------------|--------------------------|
//! | `csv` (default)    | `form`, `explode: false`         | `simple`                 |
//! | `ssv`              | `spaceDelimited`                 | — (`simple`, a warning)  |
//! | `pipes`            | `pipeDelimited`                  | — (`simple`, a warning)  |
//! | `multi`            | `form`, `explode: true`          | — (`simple`, a warning)  |
//! | `tsv`              | — (`form`, `explode: false`, a warning) | — (`simple`, a warning) |
//!
//! OpenAPI 3.0 has no tab-separated style, so `tsv` is sent comma-separated, as `csv`,
//! with a warning that says so.

use serde_json::{Map, Value};

use super::{schema, Converter};
use crate::diagnostics::{Ctxt, Diagnostic};
use crate::pointer;

/// The fields of a 2.0 parameter, header or items object that are its schema's in 3.0.
const SCHEMA_FIELDS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

/// Where a parameter is sent, for its `collectionFormat`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// The query string, or a field of a URL-encoded form.
    Query,
    /// The path or a header.
    Simple,
}

impl Converter<'_> {
    /// The 3.0 form of the non-body parameter `p` (written at `from`, now at `to`); `None`
    /// (with a warning) when it has no place 3.0 knows.
    pub(super) fn parameter(&mut self, p: Value, to: &str, from: &str) -> Option<Value> {
        let Value::Object(mut p) = p else {
            return Some(p);
        };
        self.moves.record(to, from);
        if p.contains_key("$ref") {
            return Some(Value::Object(p));
        }
        let place = match p.get("in").and_then(Value::as_str) {
            Some("query") => Place::Query,
            Some("path" | "header") => Place::Simple,
            other => {
                let shown = other.map_or_else(|| "absent".to_owned(), |o| format!("`{o}`"));
                self.cx.push(
                    Diagnostic::warning(
                        pointer::join(from, "in"),
                        format!("the parameter's location is {shown}: the parameter is left out"),
                    )
                    .help("set `in` to `query`, `header`, `path`, `formData` or `body`"),
                );
                return None;
            }
        };
        if place == Place::Simple {
            p.remove("allowEmptyValue");
        }
        let collection = p.remove("collectionFormat");
        let s = self.schema_of(&mut p, from);
        let is_array = s.get("type").and_then(Value::as_str) == Some("array");
        if is_array {
            let (style, explode) = self.style(collection.as_ref(), place, from);
            p.insert("style".to_owned(), Value::String(style.to_owned()));
            p.insert("explode".to_owned(), Value::Bool(explode));
        }
        p.insert("schema".to_owned(), Value::Object(s));
        // The schema's keywords were written on the parameter itself.
        self.moves.record(pointer::join(to, "schema"), from);
        Some(Value::Object(p))
    }

    /// Takes the schema fields out of `p` (a parameter, header or items object written at
    /// `at`) as a schema; their `items` recursively.
    pub(super) fn schema_of(&mut self, p: &mut Map<String, Value>, at: &str) -> Map<String, Value> {
        let mut s = Map::new();
        for field in SCHEMA_FIELDS {
            if let Some(value) = p.remove(*field) {
                s.insert((*field).to_owned(), value);
            }
        }
        if let Some(Value::Object(mut items)) = s.remove("items") {
            let items_at = pointer::join(at, "items");
            if let Some(format) = items.remove("collectionFormat") {
                if format.as_str() != Some("csv") {
                    self.cx.push(
                        Diagnostic::warning(
                            pointer::join(&items_at, "collectionFormat"),
                            format!("an array in an array has no `collectionFormat` in OpenAPI 3.0: {format} is ignored"),
                        )
                        .help("describe the inner array as a string, in the format it is sent"),
                    );
                }
            }
            let items_schema = self.schema_of(&mut items, &items_at);
            // Anything else an items object holds (`$ref`, extensions) stays on it.
            let mut merged = items;
            merged.extend(items_schema);
            s.insert("items".to_owned(), Value::Object(merged));
        }
        if !s.contains_key("type") && !p.contains_key("schema") {
            self.cx.push(
                Diagnostic::warning(at, "no `type` is given: any value is accepted")
                    .help("give it a `type` (`string`, `integer`, `number`, `boolean`, `array` or `file`)"),
            );
        }
        schema::keywords(&mut s, at, self.cx);
        s
    }

    /// `style` and `explode` of an array sent at `place` in `collection` format (written
    /// on the parameter at `at`).
    pub(super) fn style(
        &mut self,
        collection: Option<&Value>,
        place: Place,
        at: &str,
    ) -> (&'static str, bool) {
        let format = collection.map(|c| c.as_str().unwrap_or("?"));
        let at = pointer::join(at, "collectionFormat");
        match (place, format) {
            (Place::Query, None | Some("csv")) => ("form", false),
            (Place::Query, Some("ssv")) => ("spaceDelimited", false),
            (Place::Query, Some("pipes")) => ("pipeDelimited", false),
            (Place::Query, Some("multi")) => ("form", true),
            (Place::Query, Some(other)) => {
                unsupported(self.cx, &at, other, "sent comma-separated, as `csv`");
                ("form", false)
            }
            (Place::Simple, None | Some("csv")) => ("simple", false),
            (Place::Simple, Some(other)) => {
                unsupported(self.cx, &at, other, "sent comma-separated (`simple`), the one style OpenAPI 3.0 has for paths and headers");
                ("simple", false)
            }
        }
    }

    /// The 3.0 form of a response header written at `from` (now at `to`).
    pub(super) fn header(&mut self, h: &mut Value, to: &str, from: &str) {
        let Some(object) = h.as_object_mut() else {
            return;
        };
        self.moves.record(to, from);
        if object.contains_key("$ref") {
            return;
        }
        let collection = object.remove("collectionFormat");
        let s = self.schema_of(object, from);
        if s.get("type").and_then(Value::as_str) == Some("array") {
            // `simple` is a header's one style, and its default.
            self.style(collection.as_ref(), Place::Simple, from);
        }
        object.insert("schema".to_owned(), Value::Object(s));
        self.moves.record(pointer::join(to, "schema"), from);
    }
}

/// Warns of a `collectionFormat` with no 3.0 equivalent at its place.
fn unsupported(cx: &mut Ctxt, at: &str, format: &str, instead: &str) {
    cx.push(
        Diagnostic::warning(
            at,
            format!("`collectionFormat: {format}` has no OpenAPI 3.0 equivalent here: the array is {instead}"),
        )
        .help("use `csv` (or, in a query, `ssv`, `pipes` or `multi`), as the server accepts"),
    );
}
