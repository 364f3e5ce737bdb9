//! Path items and operations: parameters sorted into parameters and a request body,
//! `consumes` and `produces` made media types, responses' schemas and headers moved.

use serde_json::{json, Map, Value};

use super::body::Field;
use super::{media_types, or_default, schema, server, Converter};
use crate::diagnostics::Diagnostic;
use crate::pointer;

/// The operations of a 2.0 path item.
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// A parameter as written, and its pointer in the 2.0 document.
type Written = (Value, String);

impl Converter<'_> {
    /// `paths` (or `x-ms-paths`, the document's field `field`), converted.
    pub(super) fn paths(&mut self, value: Value, field: &str) -> Value {
        let base = pointer::join("", field);
        let Value::Object(map) = value else {
            self.warn_not_mapping(&base);
            return value;
        };
        let mut out = Map::new();
        for (path, item) in map {
            let converted = if path.starts_with("x-") {
                item
            } else {
                self.path_item(item, &pointer::join(&base, &path))
            };
            out.insert(path, converted);
        }
        Value::Object(out)
    }

    /// The path item `item` at `at` (where it stays).
    fn path_item(&mut self, item: Value, at: &str) -> Value {
        let Value::Object(mut item) = item else {
            return item;
        };
        // Bodies and form fields of the path item belong to each of its operations.
        let mut inherited: Vec<Written> = Vec::new();
        if let Some(parameters) = item.get_mut("parameters") {
            if let Value::Array(list) = std::mem::take(parameters) {
                let base = pointer::join(at, "parameters");
                let mut kept = Vec::new();
                for (j, p) in list.into_iter().enumerate() {
                    let from = pointer::join_index(&base, j);
                    if matches!(self.location(&p), Some("body" | "formData")) {
                        inherited.push((p, from));
                    } else if let Some(p) =
                        self.parameter(p, &pointer::join_index(&base, kept.len()), &from)
                    {
                        kept.push(p);
                    }
                }
                *parameters = Value::Array(kept);
            }
        }
        for method in METHODS {
            if let Some(op) = item.get_mut(*method) {
                self.operation(op, &pointer::join(at, method), &inherited);
            }
        }
        Value::Object(item)
    }

    /// Where the parameter `p` is sent, following a reference to `#/parameters/X`.
    fn location<'v>(&'v self, p: &'v Value) -> Option<&'v str> {
        self.referred(p).unwrap_or(p).get("in")?.as_str()
    }

    /// The parameter a `$ref: '#/parameters/X'` refers to, and its pointer.
    fn referred(&self, p: &Value) -> Option<&Value> {
        let name = referred_name(p)?;
        self.parameters.get(&name)
    }

    /// The operation `op` at `at`, which inherits the body or form parameters `inherited`
    /// of its path item.
    fn operation(&mut self, op: &mut Value, at: &str, inherited: &[Written]) {
        let Some(op) = op.as_object_mut() else {
            return;
        };
        self.check_media_types(op, at);
        let own_consumes = media_types(op.get("consumes"));
        let consumes = own_consumes.clone().or_else(|| self.consumes.clone());
        let produces = media_types(op.get("produces")).or_else(|| self.produces.clone());
        op.remove("consumes");
        op.remove("produces");
        if let Some(produces) = &produces {
            op.insert(super::PRODUCES.to_owned(), json!(produces));
        }
        if let Some(schemes) = op.remove("schemes") {
            let schemes = self.schemes(Some(&schemes), &pointer::join(at, "schemes"));
            let servers: Vec<Value> = schemes
                .iter()
                .flat_map(|s| {
                    self.server_urls
                        .iter()
                        .filter(|u| u.starts_with("//"))
                        .map(move |u| server(&format!("{s}:{u}")))
                })
                .collect();
            if !servers.is_empty() {
                op.insert("servers".to_owned(), Value::Array(servers));
                self.moves
                    .record(pointer::join(at, "servers"), pointer::join(at, "schemes"));
            }
        }

        let base = pointer::join(at, "parameters");
        let own: Vec<Written> = match op.get_mut("parameters") {
            Some(Value::Array(list)) => std::mem::take(list)
                .into_iter()
                .enumerate()
                .map(|(j, p)| (p, pointer::join_index(&base, j)))
                .collect(),
            _ => Vec::new(),
        };
        let own_body = own.iter().any(|(p, _)| self.location(p) == Some("body"));
        let own_fields: Vec<String> = own
            .iter()
            .filter(|(p, _)| self.location(p) == Some("formData"))
            .filter_map(|(p, _)| self.name(p))
            .collect();
        let from_path = inherited.iter().filter(|(p, _)| match self.location(p) {
            Some("body") => !own_body,
            _ => self.name(p).is_none_or(|n| !own_fields.contains(&n)),
        });
        let all: Vec<Written> = own.iter().cloned().chain(from_path.cloned()).collect();

        let mut kept = Vec::new();
        let mut body: Option<Written> = None;
        let mut fields: Vec<Field> = Vec::new();
        for (p, from) in all {
            match self.location(&p) {
                Some("body") if body.is_some() => self.cx.push(
                    Diagnostic::warning(&from, "a second body parameter: it is left out")
                        .help("an operation has one body: describe it with one parameter"),
                ),
                Some("body") => body = Some((p, from)),
                Some("formData") => {
                    if let Some(field) = self.field(p, from) {
                        fields.push(field);
                    }
                }
                _ => {
                    let to = pointer::join_index(&base, kept.len());
                    if let Some(p) = self.parameter(p, &to, &from) {
                        kept.push(p);
                    }
                }
            }
        }
        if let Some(parameters) = op.get_mut("parameters") {
            *parameters = Value::Array(kept);
        }

        let to = pointer::join(at, "requestBody");
        let request = match (body, fields.first()) {
            (Some((p, from)), first) => {
                if let Some((_, field_at)) = first {
                    self.cx.push(
                        Diagnostic::warning(field_at, "the operation has a body parameter and form parameters: the form parameters are left out")
                            .help("send either a body or a form"),
                    );
                }
                let same_media = own_consumes.is_none() || own_consumes == self.consumes;
                match referred_name(&p) {
                    Some(name) if same_media && self.parameters.contains_key(&name) => {
                        let from = pointer::join("/parameters", &name);
                        self.moves.record(to.clone(), from);
                        let mut r = Map::new();
                        let target = pointer::join("#/components/requestBodies", &name);
                        r.insert("$ref".to_owned(), Value::String(target));
                        Some(Value::Object(r))
                    }
                    Some(name) => match self.parameters.get(&name).cloned() {
                        Some(p) => {
                            let from = pointer::join("/parameters", &name);
                            self.body(p, consumes.as_deref(), &to, &from)
                        }
                        None => {
                            self.cx.push(
                                Diagnostic::error(
                                    pointer::join(&from, "$ref"),
                                    format!("unresolvable $ref `#/parameters/{name}`"),
                                )
                                .help("define it under `parameters`, or correct the reference"),
                            );
                            None
                        }
                    },
                    None => self.body(p, consumes.as_deref(), &to, &from),
                }
            }
            (None, Some(_)) => Some(self.form(fields, consumes.as_deref(), &to)),
            (None, None) => None,
        };
        if let Some(request) = request {
            op.insert("requestBody".to_owned(), request);
        }

        if let Some(Value::Object(responses)) = op.get_mut("responses") {
            let base = pointer::join(at, "responses");
            for (code, r) in responses.iter_mut().filter(|(k, _)| !k.starts_with("x-")) {
                let at = pointer::join(&base, code);
                self.response(r, produces.as_deref(), &at, &at);
            }
        }
    }

    /// The name of the parameter `p`, following a reference.
    fn name(&self, p: &Value) -> Option<String> {
        let p = self.referred(p).unwrap_or(p);
        Some(p.get("name")?.as_str()?.to_owned())
    }

    /// The form parameter `p` written at `from`, with a reference followed.
    fn field(&mut self, p: Value, from: String) -> Option<Field> {
        let (p, from) = match referred_name(&p) {
            Some(name) => (
                self.parameters.get(&name).cloned()?,
                pointer::join("/parameters", &name),
            ),
            None => (p, from),
        };
        match p {
            Value::Object(map) => Some((map, from)),
            _ => None,
        }
    }

    /// The response `r` written at `from` (now at `to`), its schema under each media type
    /// of `produces`.
    pub(super) fn response(
        &mut self,
        r: &mut Value,
        produces: Option<&[String]>,
        to: &str,
        from: &str,
    ) {
        let Some(r) = r.as_object_mut() else {
            return;
        };
        self.moves.record(to, from);
        if r.contains_key("$ref") {
            return;
        }
        let examples = r.remove("examples");
        if let Some(mut s) = r.remove("schema") {
            let schema_at = pointer::join(from, "schema");
            schema::convert(&mut s, &schema_at, self.cx);
            let mut content = Map::new();
            for media in or_default(produces) {
                let media_at = pointer::join(&pointer::join(to, "content"), &media);
                let mut m = Map::new();
                m.insert("schema".to_owned(), s.clone());
                self.moves
                    .record(pointer::join(&media_at, "schema"), schema_at.clone());
                if let Some(example) = examples.as_ref().and_then(|e| e.get(&media)) {
                    m.insert("example".to_owned(), example.clone());
                    let example_at = pointer::join(&pointer::join(from, "examples"), &media);
                    self.moves
                        .record(pointer::join(&media_at, "example"), example_at);
                }
                content.insert(media, Value::Object(m));
            }
            r.insert("content".to_owned(), Value::Object(content));
        }
        if let Some(Value::Object(headers)) = r.get_mut("headers") {
            // Every key is a header's name (`X-Next` too): 2.0's headers have no extensions.
            for (name, h) in headers.iter_mut() {
                let to = pointer::join(&pointer::join(to, "headers"), name);
                let from = pointer::join(&pointer::join(from, "headers"), name);
                self.header(h, &to, &from);
            }
        }
    }
}

/// `X` of a parameter that is `$ref: '#/parameters/X'`.
fn referred_name(p: &Value) -> Option<String> {
    let reference = p.get("$ref")?.as_str()?;
    let rest = reference.strip_prefix("#/parameters/")?;
    if rest.contains('/') {
        return None;
    }
    Some(pointer::unescape(&pointer::percent_decode(rest)?))
}
