//! Schema objects: the 2.0 keywords 3.0 spells otherwise, and the references that name
//! 2.0 sections.

use serde_json::{Map, Value};

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::pointer;

/// Rewrites the schema `s` (written at `at`) and every schema in it: `type: file`,
/// `x-nullable` and a string `discriminator`.
pub(super) fn convert(s: &mut Value, at: &str, cx: &mut Ctxt) {
    let Some(object) = s.as_object_mut() else {
        return;
    };
    keywords(object, at, cx);
    for field in ["properties", "patternProperties"] {
        if let Some(Value::Object(map)) = object.get_mut(field) {
            for (name, child) in map.iter_mut() {
                let child_at = pointer::join(&pointer::join(at, field), name);
                convert(child, &child_at, cx);
            }
        }
    }
    for field in ["items", "additionalProperties", "not"] {
        match object.get_mut(field) {
            Some(child @ Value::Object(_)) => convert(child, &pointer::join(at, field), cx),
            Some(Value::Array(_)) if field == "items" => cx.push(
                Diagnostic::warning(
                    pointer::join(at, field),
                    "`items` is a list of schemas (a tuple), which OpenAPI does not describe",
                )
                .help("give `items` one schema that every item matches"),
            ),
            _ => {}
        }
    }
    for field in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(list)) = object.get_mut(field) {
            for (i, child) in list.iter_mut().enumerate() {
                convert(
                    child,
                    &pointer::join_index(&pointer::join(at, field), i),
                    cx,
                );
            }
        }
    }
}

/// The rewrites of one schema object, not of its subschemas.
pub(super) fn keywords(s: &mut Map<String, Value>, at: &str, cx: &mut Ctxt) {
    if s.get("type").and_then(Value::as_str) == Some("file") {
        binary(s);
    }
    if let Some(nullable) = s.remove("x-nullable") {
        match nullable {
            Value::Bool(b) => {
                s.insert("nullable".to_owned(), Value::Bool(b));
            }
            other => cx.push(
                Diagnostic::warning(
                    pointer::join(at, "x-nullable"),
                    format!("`x-nullable` is {other}, not a boolean: it is ignored"),
                )
                .help("write `x-nullable: true` or `false`"),
            ),
        }
    }
    match s.get("discriminator") {
        Some(Value::String(name)) => {
            let mut d = Map::new();
            d.insert("propertyName".to_owned(), Value::String(name.clone()));
            s.insert("discriminator".to_owned(), Value::Object(d));
        }
        Some(Value::Object(_)) | None => {}
        Some(other) => {
            cx.push(
                Diagnostic::warning(
                    pointer::join(at, "discriminator"),
                    format!("`discriminator` is {other}, not a property name: it is ignored"),
                )
                .help("name the property that tells the subtypes apart"),
            );
            s.remove("discriminator");
        }
    }
}

/// `type: file` as 3.0 says it: a string of raw bytes.
pub(super) fn binary(s: &mut Map<String, Value>) {
    s.insert("type".to_owned(), Value::String("string".to_owned()));
    s.insert("format".to_owned(), Value::String("binary".to_owned()));
}

/// Points every local reference to a 2.0 section at its 3.0 place: `#/definitions/X` at
/// `#/components/schemas/X`, `#/parameters/X` at `#/components/parameters/X` (body and
/// form parameters were replaced where they were referred to), `#/responses/X` at
/// `#/components/responses/X`. Values that are data (examples, defaults, enums) are left.
/// References to other files stay: what they refer to is converted as it is copied in.
///
/// Returns the references to nothing: their place (in `value`) and what they name, for
/// an error in 2.0's terms. `defined` tells whether a 2.0 section (`definitions`, …) has
/// a key.
pub(super) fn rewrite_refs(
    value: &mut Value,
    defined: &dyn Fn(&str, &str) -> bool,
) -> Vec<(String, String)> {
    let mut refs = Refs {
        defined,
        at: String::new(),
        broken: Vec::new(),
    };
    refs.walk(value, false);
    refs.broken
}

/// The fields whose keys are names (a property, a status code such as `default`, a
/// media type) rather than keywords.
const NAME_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "definitions",
    "schemas",
    "parameters",
    "responses",
    "requestBodies",
    "headers",
    "securitySchemes",
    "content",
    "encoding",
    "paths",
    "x-ms-paths",
];

struct Refs<'d> {
    defined: &'d dyn Fn(&str, &str) -> bool,
    /// The pointer of the value being walked.
    at: String,
    broken: Vec<(String, String)>,
}

impl Refs<'_> {
    /// [`rewrite_refs`] on `value`, whose keys are names when `names`.
    fn walk(&mut self, value: &mut Value, names: bool) {
        let len = self.at.len();
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    self.at.push('/');
                    self.at.push_str(&pointer::escape(key));
                    match (key.as_str(), child) {
                        ("$ref", Value::String(reference)) if !names => {
                            if let Some(new) = self.rewritten(reference) {
                                *reference = new;
                            }
                        }
                        ("example" | "examples" | "x-example" | "default" | "enum", _)
                            if !names => {}
                        (_, child) => {
                            let names = !names && NAME_MAPS.contains(&key.as_str());
                            self.walk(child, names);
                        }
                    }
                    self.at.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.at.push('/');
                    self.at.push_str(&i.to_string());
                    self.walk(item, false);
                    self.at.truncate(len);
                }
            }
            _ => {}
        }
    }

    /// The 3.0 form of a 2.0 local reference, if it changes; one to nothing is recorded.
    fn rewritten(&mut self, reference: &str) -> Option<String> {
        for (section, new) in [
            ("definitions", "#/components/schemas/"),
            ("parameters", "#/components/parameters/"),
            ("responses", "#/components/responses/"),
        ] {
            let Some(rest) = reference
                .strip_prefix("#/")
                .and_then(|r| r.strip_prefix(section))
                .and_then(|r| r.strip_prefix('/'))
            else {
                continue;
            };
            let key = rest.split('/').next().unwrap_or("");
            let key = pointer::percent_decode(key).map(|k| pointer::unescape(&k));
            if !key.is_some_and(|k| (self.defined)(section, &k)) {
                self.broken.push((self.at.clone(), reference.to_owned()));
            }
            return Some(format!("{new}{rest}"));
        }
        None
    }
}
