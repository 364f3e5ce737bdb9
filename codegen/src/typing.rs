//! Between phases 2 and 3: the normalised JSON typed as an `openapiv3` document.
//!
//! `openapiv3` has no `webhooks` (an OpenAPI 3.1 field), so they are typed here too, as
//! path items. Type errors name the JSON pointer of the node that failed.

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, ReferenceOr};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::pointer;
use crate::tree::{Object, Shape};

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
                report(cx, Object::Callback, &webhooks, "/webhooks", e);
                return None;
            }
        }
    };
    match deserialize::<OpenAPI>(&value) {
        Ok(doc) => Some(Typed { doc, webhooks }),
        Err(e) => {
            report(cx, Object::Document, &value, "", e);
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
fn report(cx: &mut Ctxt, kind: Object, value: &Value, pointer: &str, error: String) {
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

/// Whether `value` types as `object`.
fn fits(object: Object, value: &Value) -> Result<(), String> {
    use openapiv3::*;
    fn ok<T: DeserializeOwned>(v: &Value) -> Result<(), String> {
        deserialize::<T>(v).map(drop)
    }
    match object {
        Object::Document => ok::<OpenAPI>(value),
        Object::Components => ok::<Components>(value),
        Object::PathItem => ok::<ReferenceOr<PathItem>>(value),
        Object::Operation => ok::<Operation>(value),
        Object::Callback => ok::<IndexMap<String, ReferenceOr<PathItem>>>(value),
        Object::Parameter => ok::<ReferenceOr<Parameter>>(value),
        Object::RequestBody => ok::<ReferenceOr<RequestBody>>(value),
        Object::Response => ok::<ReferenceOr<Response>>(value),
        Object::MediaType => ok::<MediaType>(value),
        Object::Header => ok::<ReferenceOr<Header>>(value),
        Object::Schema => ok::<ReferenceOr<Schema>>(value),
        Object::SecurityScheme => ok::<ReferenceOr<SecurityScheme>>(value),
        Object::Info => ok::<Info>(value),
        Object::Server => ok::<Server>(value),
    }
}

/// The deepest node under `value` (itself included) that fails to type, with the error.
fn deepest_failure(object: Object, value: &Value, pointer: String) -> Option<(String, String)> {
    let own = fits(object, value).err();
    for (at, child, node) in children(object, value, &pointer) {
        // `additionalProperties: true` is not a schema object; it is valid as it is.
        if child == Object::Schema && node.is_boolean() {
            continue;
        }
        if fits(child, node).is_err() {
            return deepest_failure(child, node, at);
        }
    }
    own.map(|message| (pointer, message))
}

/// The children of `value` that `openapiv3` types, with their pointers and kinds.
fn children<'v>(
    object: Object,
    value: &'v Value,
    pointer: &str,
) -> Vec<(String, Object, &'v Value)> {
    let entries = |map: &'v Value, base: &str, kind: Object| -> Vec<(String, Object, &'v Value)> {
        map.as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| !k.starts_with("x-"))
            .map(|(k, v)| (pointer::join(base, k), kind, v))
            .collect()
    };
    if object == Object::Callback {
        return entries(value, pointer, Object::PathItem);
    }
    let mut out = Vec::new();
    for child in object.children().filter(|c| c.typed) {
        let Some(node) = value.get(child.field) else {
            continue;
        };
        let base = pointer::join(pointer, child.field);
        match (child.shape, node) {
            (Shape::One, v) => out.push((base, child.object, v)),
            (Shape::Map, map) => out.extend(entries(map, &base, child.object)),
            (Shape::List, Value::Array(items)) => out.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (pointer::join_index(&base, i), child.object, v)),
            ),
            (Shape::List, _) => {}
        }
    }
    out
}
