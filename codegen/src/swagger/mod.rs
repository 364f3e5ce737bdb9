//! Phase 1a: a Swagger 2.0 document rewritten, in place, as the OpenAPI 3.0.3 document
//! that says the same, by the two specifications side by side. Any other document passes
//! through untouched (`normalise` explains a version it can't read).
//!
//! | Swagger 2.0                                   | OpenAPI 3.0.3                                     |
//! |-----------------------------------------------|---------------------------------------------------|
//! | `swagger: "2.0"`                              | `openapi: 3.0.3`                                  |
//! | `host`, `basePath`, `schemes`                 | `servers` (one per scheme; relative without host) |
//! | `definitions`, `parameters`, `responses`      | `components/schemas`, `parameters`, `responses`   |
//! | a `body` parameter (`#/parameters/X` too)     | `requestBody` (`components/requestBodies/X`)      |
//! | `formData` parameters                         | a form or `multipart/form-data` body              |
//! | `consumes`, `produces` (global, operation)    | the media types of bodies and responses           |
//! | type keywords of a parameter or header        | its `schema`                                      |
//! | `collectionFormat`                            | `style` and `explode` (see `params`)              |
//! | `securityDefinitions`                         | `components/securitySchemes` (see `security`)     |
//! | `type: file`                                  | `type: string`, `format: binary`                  |
//! | `x-nullable`                                  | `nullable`                                        |
//! | `discriminator: name`                         | `discriminator: {propertyName: name}`             |
//! | `$ref: '#/definitions/X'` (and the others)    | `$ref: '#/components/schemas/X'` (…)              |
//!
//! Vendor extensions stay where they are; `x-ms-paths` holds path items, converted as
//! `paths` are. A media type list that is absent means `application/json`.
//!
//! What moved is recorded in [`Moves`], so that a diagnostic a later phase raises at a
//! pointer of the converted document is shown at the place it was written in the 2.0
//! text. Diagnostics of this phase name the 2.0 document's pointers directly. Parts of
//! other files that the description refers to are 2.0 too: `bundle` has them converted
//! ([`Conversion`]) as it copies them in.

mod body;
mod operation;
mod params;
mod schema;
mod security;

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::bundle;
use crate::diagnostics::{Ctxt, Diagnostic};
use crate::pointer::{self, Moves};
use crate::tree::Object;

/// The OpenAPI version a Swagger 2.0 document becomes.
const OPENAPI_VERSION: &str = "3.0.3";

/// The media type of bodies and responses whose `consumes` or `produces` is absent.
const DEFAULT_MEDIA_TYPE: &str = "application/json";

/// The extension that keeps an operation's `produces` (its own or the document's) as the
/// `Accept` it sends when no response has a body to carry the media types (a 2.0 response
/// without `schema` returns no content): `["text/plain", "text/html"]`.
pub(crate) const PRODUCES: &str = "x-codegen-produces";

/// What a converted document leaves to the later phases.
pub(crate) struct Conversion {
    /// Where each moved part was written.
    pub(crate) moves: Moves,
    /// The document's `consumes`, when it has one.
    consumes: Option<Vec<String>>,
    /// The document's `produces`, when it has one.
    produces: Option<Vec<String>>,
}

/// Converts `doc` if it is a Swagger 2.0 document (`None` if it is not).
pub(crate) fn convert(doc: &mut Value, cx: &mut Ctxt) -> Option<Conversion> {
    let root = doc.as_object_mut()?;
    if !is_swagger_2(root) {
        return None;
    }
    let old = std::mem::take(root);
    let mut converter = Converter {
        cx,
        moves: Moves::default(),
        consumes: media_types(old.get("consumes")),
        produces: media_types(old.get("produces")),
        parameters: old
            .get("parameters")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        server_urls: Vec::new(),
    };
    converter.check_media_types(&old, "");
    let keys = |section: &str| -> BTreeSet<String> {
        old.get(section)
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    let sections = [
        ("definitions", keys("definitions")),
        ("parameters", keys("parameters")),
        ("responses", keys("responses")),
    ];
    *root = converter.document(old);
    let mut rewritten = Value::Object(std::mem::take(root));
    let defined = |section: &str, key: &str| {
        sections
            .iter()
            .any(|(s, keys)| *s == section && keys.contains(key))
    };
    let broken = schema::rewrite_refs(&mut rewritten, &defined);
    if let Value::Object(map) = rewritten {
        *root = map;
    }
    // A body's schema is under each media type: one report per place written.
    let mut reported = BTreeSet::new();
    for (at, reference) in broken {
        let at = converter.moves.original(&at);
        if !reported.insert(at.clone()) {
            continue;
        }
        let section = reference.split('/').nth(1).unwrap_or("definitions");
        converter.cx.push(
            Diagnostic::error(at, format!("unresolvable $ref `{reference}`")).help(format!(
                "define it under `{section}`, or correct the reference"
            )),
        );
    }
    Some(Conversion {
        moves: converter.moves,
        consumes: converter.consumes,
        produces: converter.produces,
    })
}

/// A part of another file a 2.0 description refers to is 2.0 too: converted as it is
/// copied in (with the document's media types). A body or form parameter can't be: it
/// is not a parameter in 3.0, and it is reported.
impl bundle::Fragments for Conversion {
    fn convert(&self, kind: Object, part: &mut Value, at: &str, cx: &mut Ctxt) {
        if kind == Object::Schema {
            schema::convert(part, at, cx);
            return;
        }
        let location = part.get("in").and_then(Value::as_str);
        if kind == Object::Parameter && matches!(location, Some("body" | "formData")) {
            cx.push(
                Diagnostic::error(at, "a body or form parameter in another file can't be converted from Swagger 2.0: OpenAPI 3.0 describes it as the operation's request body")
                    .help("define it in the description itself, under `parameters`, and refer to it there"),
            );
            return;
        }
        let mut converter = Converter {
            cx,
            moves: Moves::default(),
            consumes: self.consumes.clone(),
            produces: self.produces.clone(),
            parameters: Map::new(),
            server_urls: Vec::new(),
        };
        match kind {
            Object::Parameter => {
                if let Some(p) = converter.parameter(part.clone(), at, at) {
                    *part = p;
                }
            }
            Object::Response => {
                let produces = self.produces.clone();
                converter.response(part, produces.as_deref(), at, at);
            }
            Object::Header => converter.header(part, at, at),
            _ => {}
        }
    }
}

/// Whether the document declares `swagger: "2.0"` (and no `openapi` version).
fn is_swagger_2(root: &Map<String, Value>) -> bool {
    let two = match root.get("swagger") {
        Some(Value::String(v)) => v == "2.0",
        // `swagger: 2.0` unquoted in YAML is a number.
        Some(Value::Number(n)) => n.as_f64() == Some(2.0),
        _ => false,
    };
    two && !root.contains_key("openapi")
}

/// A `consumes` or `produces` list, or `None` when absent (then the default applies).
fn media_types(value: Option<&Value>) -> Option<Vec<String>> {
    let list = value?.as_array()?;
    Some(
        list.iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
    )
}

struct Converter<'c> {
    cx: &'c mut Ctxt,
    moves: Moves,
    /// The document's `consumes`, when it has one.
    consumes: Option<Vec<String>>,
    /// The document's `produces`, when it has one.
    produces: Option<Vec<String>>,
    /// The document's `parameters` as written, to tell body and form parameters that are
    /// referred to from those that stay parameters.
    parameters: Map<String, Value>,
    /// The servers' URLs without their scheme (`//host/base`, or `/base`), for operations
    /// with schemes of their own.
    server_urls: Vec<String>,
}

impl Converter<'_> {
    /// The converted document, its fields in the order written.
    fn document(&mut self, old: Map<String, Value>) -> Map<String, Value> {
        let mut new = Map::new();
        let mut components = Map::new();
        let servers = self.servers(&old);
        let mut servers = Some(servers);
        for (key, value) in old {
            match key.as_str() {
                "swagger" => {
                    new.insert(
                        "openapi".to_owned(),
                        Value::String(OPENAPI_VERSION.to_owned()),
                    );
                    self.moves.record("/openapi", "/swagger");
                }
                "host" | "basePath" | "schemes" => {
                    if let Some(Some((list, from))) = servers.take() {
                        // Each server's URL is made of the field.
                        for i in 0..list.len() {
                            let at = pointer::join_index("/servers", i);
                            self.moves.record(pointer::join(&at, "url"), from);
                            self.moves.record(at, from);
                        }
                        self.moves.record("/servers", from);
                        new.insert("servers".to_owned(), Value::Array(list));
                    }
                }
                "consumes" | "produces" => {}
                "paths" | "x-ms-paths" => {
                    let value = self.paths(value, &key);
                    new.insert(key, value);
                }
                "definitions" => {
                    components.insert("schemas".to_owned(), self.definitions(value));
                }
                "parameters" => self.component_parameters(value, &mut components),
                "responses" => {
                    components.insert("responses".to_owned(), self.component_responses(value));
                }
                "securityDefinitions" => {
                    let schemes = self.security_definitions(value);
                    components.insert("securitySchemes".to_owned(), schemes);
                }
                _ => {
                    new.insert(key, value);
                }
            }
        }
        if !components.is_empty() {
            new.insert("components".to_owned(), Value::Object(components));
        }
        new
    }

    /// `host`, `basePath` and `schemes` as a server list, with the field it came from.
    fn servers(&mut self, old: &Map<String, Value>) -> Option<(Vec<Value>, &'static str)> {
        let host = old.get("host").and_then(Value::as_str);
        let base = old.get("basePath").and_then(Value::as_str);
        if host.is_none() && base.is_none() {
            return None;
        }
        let base = base.unwrap_or("").trim_end_matches('/');
        let Some(host) = host else {
            // Without a host, the API is where the document is served: a relative URL.
            let url = if base.is_empty() { "/" } else { base };
            self.server_urls.push(url.to_owned());
            return Some((vec![server(url)], "/basePath"));
        };
        let without_scheme = format!("//{host}{base}");
        self.server_urls.push(without_scheme.clone());
        let schemes = self.schemes(old.get("schemes"), "/schemes");
        let list = schemes
            .iter()
            .map(|s| server(&format!("{s}:{without_scheme}")))
            .collect();
        Some((list, "/host"))
    }

    /// The HTTP schemes of a `schemes` list (`https` when it names none); `ws` and `wss`
    /// are not HTTP and are left out with a warning.
    fn schemes(&mut self, value: Option<&Value>, at: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, scheme) in value
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            match scheme.as_str() {
                Some(s @ ("http" | "https")) => out.push(s.to_owned()),
                _ => self.cx.push(
                    Diagnostic::warning(
                        pointer::join_index(at, i),
                        format!("the scheme {scheme} is not HTTP: no server is made of it"),
                    )
                    .help("list `http` or `https`"),
                ),
            }
        }
        if out.is_empty() {
            // Swagger 2.0: the scheme the document was read with, which the generator
            // can't know; HTTPS is the safe guess.
            out.push("https".to_owned());
        }
        out
    }

    /// Warns of a `consumes` or `produces` that is not a list of strings.
    fn check_media_types(&mut self, object: &Map<String, Value>, at: &str) {
        for field in ["consumes", "produces"] {
            let Some(value) = object.get(field) else {
                continue;
            };
            let ok = value
                .as_array()
                .is_some_and(|list| list.iter().all(Value::is_string));
            if !ok {
                self.cx.push(
                    Diagnostic::warning(
                        pointer::join(at, field),
                        format!(
                            "`{field}` is not a list of media types: its strings are used, if any"
                        ),
                    )
                    .help("write a list of media types, e.g. `[application/json]`"),
                );
            }
        }
    }

    /// `definitions`, as `components/schemas`.
    fn definitions(&mut self, value: Value) -> Value {
        let Value::Object(map) = value else {
            self.warn_not_mapping("/definitions");
            return value;
        };
        let mut out = Map::new();
        for (name, mut s) in map {
            let old_at = pointer::join("/definitions", &name);
            self.moves
                .record(pointer::join("/components/schemas", &name), old_at.clone());
            schema::convert(&mut s, &old_at, self.cx);
            out.insert(name, s);
        }
        Value::Object(out)
    }

    /// `parameters`: body parameters become `components/requestBodies`, form parameters
    /// are copied into the forms of the operations that refer to them, and the others
    /// become `components/parameters`.
    fn component_parameters(&mut self, value: Value, components: &mut Map<String, Value>) {
        let Value::Object(map) = value else {
            self.warn_not_mapping("/parameters");
            return;
        };
        let mut parameters = Map::new();
        let mut bodies = Map::new();
        for (name, p) in map {
            let old_at = pointer::join("/parameters", &name);
            match p.get("in").and_then(Value::as_str) {
                Some("body") => {
                    let to = pointer::join("/components/requestBodies", &name);
                    let consumes = self.consumes.clone();
                    if let Some(request) = self.body(p, consumes.as_deref(), &to, &old_at) {
                        bodies.insert(name, request);
                    }
                }
                Some("formData") => {}
                _ => {
                    let to = pointer::join("/components/parameters", &name);
                    if let Some(p) = self.parameter(p, &to, &old_at) {
                        parameters.insert(name, p);
                    }
                }
            }
        }
        if !parameters.is_empty() {
            components.insert("parameters".to_owned(), Value::Object(parameters));
        }
        if !bodies.is_empty() {
            components.insert("requestBodies".to_owned(), Value::Object(bodies));
        }
    }

    /// `responses`, as `components/responses`.
    fn component_responses(&mut self, value: Value) -> Value {
        let Value::Object(map) = value else {
            self.warn_not_mapping("/responses");
            return value;
        };
        let produces = self.produces.clone();
        let mut out = Map::new();
        for (name, mut r) in map {
            let old_at = pointer::join("/responses", &name);
            let to = pointer::join("/components/responses", &name);
            self.response(&mut r, produces.as_deref(), &to, &old_at);
            out.insert(name, r);
        }
        Value::Object(out)
    }

    fn warn_not_mapping(&mut self, at: &str) {
        self.cx.push(
            Diagnostic::warning(at, "this is not a mapping: it is left as written")
                .help("write a mapping from names to objects"),
        );
    }
}

/// A server object of `url`.
fn server(url: &str) -> Value {
    let mut s = Map::new();
    s.insert("url".to_owned(), Value::String(url.to_owned()));
    Value::Object(s)
}

/// `list`, or the default media type when it is absent or empty.
fn or_default(list: Option<&[String]>) -> Vec<String> {
    match list {
        Some(list) if !list.is_empty() => list.to_vec(),
        _ => vec![DEFAULT_MEDIA_TYPE.to_owned()],
    }
}

#[cfg(test)]
mod tests;
