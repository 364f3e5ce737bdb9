//! Between phases 2 and 3: the normalised JSON typed as an `openapiv3` document.
//!
//! `openapiv3` has no `webhooks` (an OpenAPI 3.1 field), so they are typed here too, as
//! path items. Type errors name the JSON pointer of the node that failed.

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, ReferenceOr};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::locate::escape_segment;

/// A typed document.
#[derive(Debug)]
pub struct Typed {
    /// Everything `openapiv3` models.
    pub doc: OpenAPI,
    /// The document's `webhooks`, in order.
    pub webhooks: IndexMap<String, ReferenceOr<PathItem>>,
}

/// Types `value`, reporting where it does not fit the OpenAPI model.
pub fn type_document(mut value: Value, cx: &mut Ctxt) -> Option<Typed> {
    let webhooks = value
        .as_object_mut()
        .and_then(|root| root.remove("webhooks"))
        .unwrap_or(Value::Null);
    let webhooks = if webhooks.is_null() {
        IndexMap::new()
    } else {
        match deserialize::<IndexMap<String, ReferenceOr<PathItem>>>(&webhooks) {
            Ok(w) => w,
            Err(e) => {
                report(cx, Kind::Webhooks, &webhooks, "/webhooks", e);
                return None;
            }
        }
    };
    match deserialize::<OpenAPI>(&value) {
        Ok(doc) => Some(Typed { doc, webhooks }),
        Err(e) => {
            report(cx, Kind::Document, &value, "", e);
            None
        }
    }
}

/// Deserialises `value` as `T`. `openapiv3` has an `expect` in an error path; a panic
/// there must not escape, so it becomes an error too.
fn deserialize<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| T::deserialize(value))) {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("the OpenAPI model could not read it".to_owned()),
    }
}

/// Reports a type error at the deepest node that fails on its own.
fn report(cx: &mut Ctxt, kind: Kind, value: &Value, pointer: &str, error: String) {
    let (pointer, message) =
        deepest_failure(kind, value, pointer.to_owned()).unwrap_or((pointer.to_owned(), error));
    cx.push(
        Diagnostic::error(
            pointer,
            format!("this does not fit the OpenAPI model: {message}"),
        )
        .help("compare it with the OpenAPI specification's object of this place"),
    );
}

/// The OpenAPI objects that errors are narrowed down through.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Document,
    Webhooks,
    Components,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    MediaType,
    Header,
    Schema,
    SecurityScheme,
    Info,
    Server,
}

/// How a child appears under its key.
#[derive(Clone, Copy)]
enum Shape {
    One,
    Map,
    List,
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl Kind {
    /// Whether `value` types as this kind.
    fn fits(self, value: &Value) -> Result<(), String> {
        use openapiv3::*;
        fn ok<T: DeserializeOwned>(v: &Value) -> Result<(), String> {
            deserialize::<T>(v).map(drop)
        }
        match self {
            Kind::Document => ok::<OpenAPI>(value),
            Kind::Webhooks => ok::<IndexMap<String, ReferenceOr<PathItem>>>(value),
            Kind::Components => ok::<Components>(value),
            Kind::PathItem => ok::<ReferenceOr<PathItem>>(value),
            Kind::Operation => ok::<Operation>(value),
            Kind::Parameter => ok::<ReferenceOr<Parameter>>(value),
            Kind::RequestBody => ok::<ReferenceOr<RequestBody>>(value),
            Kind::Response => ok::<ReferenceOr<Response>>(value),
            Kind::MediaType => ok::<MediaType>(value),
            Kind::Header => ok::<ReferenceOr<Header>>(value),
            Kind::Schema => ok::<ReferenceOr<Schema>>(value),
            Kind::SecurityScheme => ok::<ReferenceOr<SecurityScheme>>(value),
            Kind::Info => ok::<Info>(value),
            Kind::Server => ok::<Server>(value),
        }
    }

    /// The children that are OpenAPI objects of their own.
    fn children(self) -> Vec<(&'static str, Shape, Kind)> {
        use Kind::*;
        use Shape::*;
        match self {
            Document => vec![
                ("info", One, Info),
                ("servers", List, Server),
                ("paths", Map, PathItem),
                ("components", One, Components),
            ],
            Webhooks => Vec::new(),
            Components => vec![
                ("schemas", Map, Schema),
                ("parameters", Map, Parameter),
                ("responses", Map, Response),
                ("requestBodies", Map, RequestBody),
                ("headers", Map, Header),
                ("securitySchemes", Map, SecurityScheme),
            ],
            PathItem => {
                let mut c = vec![("parameters", List, Parameter), ("servers", List, Server)];
                c.extend(METHODS.iter().map(|m| (*m, One, Operation)));
                c
            }
            Operation => vec![
                ("parameters", List, Parameter),
                ("requestBody", One, RequestBody),
                ("responses", Map, Response),
            ],
            Parameter | Header => vec![("schema", One, Schema), ("content", Map, MediaType)],
            RequestBody => vec![("content", Map, MediaType)],
            Response => vec![("headers", Map, Header), ("content", Map, MediaType)],
            MediaType => vec![("schema", One, Schema)],
            Schema => vec![
                ("properties", Map, Schema),
                ("items", One, Schema),
                ("additionalProperties", One, Schema),
                ("allOf", List, Schema),
                ("anyOf", List, Schema),
                ("oneOf", List, Schema),
                ("not", One, Schema),
            ],
            SecurityScheme | Info | Server => Vec::new(),
        }
    }
}

/// The deepest node under `value` (itself included) that fails to type, with the error.
fn deepest_failure(kind: Kind, value: &Value, pointer: String) -> Option<(String, String)> {
    let own = kind.fits(value).err();
    // The webhooks map is a map of path items.
    let map_children: Vec<(&str, Shape, Kind)> = match kind {
        Kind::Webhooks => vec![("", Shape::Map, Kind::PathItem)],
        _ => kind.children(),
    };
    for (key, shape, child_kind) in map_children {
        let (node, base) = if key.is_empty() {
            (Some(value), pointer.clone())
        } else {
            (value.get(key), format!("{pointer}/{}", escape_segment(key)))
        };
        let Some(node) = node else { continue };
        let entries: Vec<(String, &Value)> = match (shape, node) {
            (Shape::One, v) => vec![(base, v)],
            (Shape::Map, Value::Object(m)) => m
                .iter()
                .filter(|(k, _)| !k.starts_with("x-"))
                .map(|(k, v)| (format!("{base}/{}", escape_segment(k)), v))
                .collect(),
            (Shape::List, Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{base}/{i}"), v))
                .collect(),
            _ => continue,
        };
        for (at, v) in entries {
            // `additionalProperties: true` is not a schema object; it is valid as it is.
            if matches!(child_kind, Kind::Schema) && v.is_boolean() {
                continue;
            }
            if child_kind.fits(v).is_err() {
                return deepest_failure(child_kind, v, at);
            }
        }
    }
    own.map(|message| (pointer, message))
}
