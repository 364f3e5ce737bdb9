//! Between phases 2 and 3: the normalised JSON typed as an `openapiv3` document.
//!
//! `openapiv3` has no `webhooks` (an OpenAPI 3.1 field), so they are typed here too, as
//! path items. Type errors name the JSON pointer of the node that failed.

use std::sync::{Mutex, PoisonError};

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, PathItem, ReferenceOr};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

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
///
/// One broken part should not cost the user the whole API, so each costs only its place,
/// with a warning: a schema that does not fit (a `type` that is not a type name, a
/// `required` that is not a list, ...) becomes any JSON value; an operation without
/// `responses` gets none described; a parameter, operation, path item, response, media
/// type, header or security scheme that does not fit otherwise is left out (a part inside
/// one of them: the innermost that holds it). Anything else that does not fit (the
/// document's own fields) is an error.
///
/// The component schemas (in runs of [`SCHEMAS_A_RUN`]), the other components and the
/// path items (in runs of [`PATHS_A_RUN`]) are typed on two threads, each taking the next
/// piece left, the schemas first. Their diagnostics follow the rest's, the paths' then
/// the schemas' then the other components', as they would if typed in one piece (a
/// failure is looked for in the order of [`crate::tree`]'s tables).
pub fn type_document(mut value: Value, cx: &mut Ctxt) -> Option<Typed> {
    let mut webhooks = take(&mut value, "webhooks");
    let mut components = take(&mut value, "components");
    // Where each piece's diagnostics go: the paths' first, then the component schemas',
    // then the other components' (the order of `crate::tree`'s tables).
    let mut pieces: Vec<(Order, Piece)> = schema_runs(&mut components)
        .into_iter()
        .enumerate()
        .map(|(i, run)| ((1, i), Piece::Schemas(run)))
        .collect();
    pieces.push(((2, 0), Piece::Components(components)));
    pieces.extend(
        path_runs(&mut value)
            .into_iter()
            .enumerate()
            .map(|(i, run)| ((0, i), Piece::Paths(run))),
    );
    let count = pieces.len();
    let pieces = Mutex::new(pieces.into_iter());
    let done: Mutex<Vec<(Order, Option<Part>, Ctxt)>> = Mutex::new(Vec::with_capacity(count));
    let work = || loop {
        let next = pieces.lock().unwrap_or_else(PoisonError::into_inner).next();
        let Some((i, piece)) = next else {
            break;
        };
        let (part, own) = piece.typed();
        let mut done = done.lock().unwrap_or_else(PoisonError::into_inner);
        done.push((i, part, own));
    };
    // The document's own fields here, pieces on both threads. (`typed` catches what
    // `openapiv3` may panic with: a panic that gets out of it is a bug, passed on.)
    let (rest, ()) = crate::parallel::join(
        || {
            let doc = own_fields(&mut value, &mut webhooks, cx);
            work();
            doc
        },
        work,
    );
    let mut done = done.into_inner().unwrap_or_else(PoisonError::into_inner);
    done.sort_by_key(|(order, _, _)| *order);
    let (mut paths, mut schemas) = (IndexMap::new(), IndexMap::new());
    let (mut components, mut complete) = (None, true);
    for (_, part, own) in done {
        cx.append(own);
        match part {
            Some(Part::Paths(run)) => paths.extend(run),
            Some(Part::Schemas(run)) => schemas.extend(run),
            Some(Part::Components(typed)) => components = typed.map(|c| *c),
            None => complete = false,
        }
    }
    let (mut doc, webhooks) = rest?;
    complete.then_some(())?;
    doc.paths.paths = paths;
    if let Some(components) = &mut components {
        // Those typed in runs; it holds none of its own then.
        components.schemas.extend(schemas);
    }
    doc.components = components;
    Some(Typed { doc, webhooks })
}

/// The document's own fields, and its paths' `x-` keys, typed, with its `webhooks`.
fn own_fields(
    value: &mut Value,
    webhooks: &mut Value,
    cx: &mut Ctxt,
) -> Option<(OpenAPI, IndexMap<String, ReferenceOr<PathItem>>)> {
    let webhooks = if webhooks.is_null() {
        IndexMap::new()
    } else {
        typed::<IndexMap<String, ReferenceOr<PathItem>>>(
            webhooks,
            Object::Callback,
            "/webhooks",
            cx,
        )?
    };
    Some((typed::<OpenAPI>(value, Object::Document, "", cx)?, webhooks))
}

/// How many path items make a piece of work for either thread.
const PATHS_A_RUN: usize = 128;

/// Where a piece's diagnostics go among the others': by which kind of piece, then by its
/// place among those.
type Order = (u8, usize);

/// How many component schemas make a piece of work for either thread.
const SCHEMAS_A_RUN: usize = 256;

/// A part of the document typed on its own.
enum Piece {
    /// The components (`null`: there are none), without the schemas taken out in runs.
    Components(Value),
    /// A run of the component schemas, as components that hold only them.
    Schemas(Value),
    /// A run of the paths' items, as a map of them.
    Paths(Value),
}

/// A piece typed.
enum Part {
    Components(Option<Box<Components>>),
    Schemas(IndexMap<String, ReferenceOr<openapiv3::Schema>>),
    Paths(IndexMap<String, ReferenceOr<PathItem>>),
}

impl Piece {
    /// The piece typed (`None` where it can't be), with what typing it reported.
    fn typed(self) -> (Option<Part>, Ctxt) {
        let mut own = Ctxt::new();
        let part = match self {
            Piece::Components(Value::Null) => Some(Part::Components(None)),
            Piece::Components(mut components) => {
                typed::<Components>(&mut components, Object::Components, "/components", &mut own)
                    .map(|c| Part::Components(Some(Box::new(c))))
            }
            Piece::Schemas(mut run) => {
                typed::<Components>(&mut run, Object::Components, "/components", &mut own)
                    .map(|c| Part::Schemas(c.schemas))
            }
            // A map of path items is typed as a callback's.
            Piece::Paths(mut run) => typed::<IndexMap<String, ReferenceOr<PathItem>>>(
                &mut run,
                Object::Callback,
                "/paths",
                &mut own,
            )
            .map(Part::Paths),
        };
        (part, own)
    }
}

/// The field `field` of the document, taken out of it (`null` where there is none).
fn take(value: &mut Value, field: &str) -> Value {
    value
        .as_object_mut()
        .and_then(|root| root.remove(field))
        .unwrap_or(Value::Null)
}

/// The schemas of `components`, taken out of it in runs of [`SCHEMAS_A_RUN`], each as
/// components that hold only them; `components` keeps an empty map of them. None where
/// `schemas` is not a map.
fn schema_runs(components: &mut Value) -> Vec<Value> {
    let Some(Value::Object(schemas)) = components.get_mut("schemas") else {
        return Vec::new();
    };
    let mut schemas = std::mem::take(schemas).into_iter().peekable();
    let mut runs = Vec::new();
    while schemas.peek().is_some() {
        let run: serde_json::Map<String, Value> = schemas.by_ref().take(SCHEMAS_A_RUN).collect();
        let mut holder = serde_json::Map::new();
        holder.insert("schemas".to_owned(), Value::Object(run));
        runs.push(Value::Object(holder));
    }
    runs
}

/// The path items of the document, taken out of it in runs of [`PATHS_A_RUN`] (each a
/// map of them): the entries whose key starts with `/`, the only ones `openapiv3` takes
/// for paths. The others (`x-` keys) stay. None where `paths` is not a map.
fn path_runs(value: &mut Value) -> Vec<Value> {
    let Some(Value::Object(paths)) = value.get_mut("paths") else {
        return Vec::new();
    };
    let (others, items): (serde_json::Map<String, Value>, Vec<(String, Value)>) =
        std::mem::take(paths).into_iter().fold(
            (serde_json::Map::new(), Vec::new()),
            |(mut others, mut items), (key, item)| {
                if key.starts_with('/') {
                    items.push((key, item));
                } else {
                    others.insert(key, item);
                }
                (others, items)
            },
        );
    *paths = others;
    let mut runs = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        let run: serde_json::Map<String, Value> = items.by_ref().take(PATHS_A_RUN).collect();
        runs.push(Value::Object(run));
    }
    runs
}

/// `value` (at `pointer`) typed as `T`, the OpenAPI object `kind`; each schema in it that
/// does not fit is replaced by an empty one (any value) and reported as a warning, until
/// it types or something else does not fit (an error).
fn typed<T: DeserializeOwned>(
    value: &mut Value,
    kind: Object,
    pointer: &str,
    cx: &mut Ctxt,
) -> Option<T> {
    loop {
        let error = match deserialize::<T>(value) {
            Ok(t) => return Some(t),
            Err(e) => e,
        };
        let mut path = Vec::new();
        let (at, object, message) = deepest_failure(kind, value, pointer.to_owned(), &mut path)
            .unwrap_or((pointer.to_owned(), kind, error));
        // The innermost object on the way to the failure that can be left out.
        let enclosing = path
            .iter()
            .rev()
            .find(|(_, object)| LEFT_OUT.contains(object))
            .map(|(at, _)| at.clone());
        let node = at.strip_prefix(pointer).and_then(|r| value.pointer_mut(r));
        match node {
            Some(node) if object == Object::Schema && !is_any(node) => {
                *node = any_schema(node);
                cx.push(
                    Diagnostic::warning(
                        &at,
                        format!(
                            "this schema does not fit the OpenAPI model ({message}); it is \
                             typed as any JSON value (`serde_json::Value`)"
                        ),
                    )
                    .help("correct the schema to type its values"),
                );
                continue;
            }
            Some(node) if object == Object::Operation && lacks_responses(node) => {
                node["responses"] = Value::Object(serde_json::Map::new());
                cx.push(
                    Diagnostic::warning(
                        &at,
                        "this operation has no `responses`, which the specification requires; \
                         the client describes no response of it: `send()` gives no body, and \
                         `send_with_response()` the status and headers",
                    )
                    .help("add the responses the operation gives"),
                );
                continue;
            }
            _ => {}
        }
        // A parameter is an item of a list: it gives its place to a stand-in that resolve
        // skips, so its siblings keep their pointers and the operation stays.
        let parameter = path
            .iter()
            .rev()
            .find(|(_, object)| *object == Object::Parameter)
            .map(|(at, _)| at.clone());
        if let Some(place) = parameter {
            let stand_in = place
                .strip_prefix(pointer)
                .and_then(|relative| value.pointer_mut(relative));
            // (A stand-in that does not fit either is an error below, not a loop.)
            if let Some(node) = stand_in.filter(|n| n.get(LEFT_OUT_PARAMETER).is_none()) {
                *node =
                    json!({ "name": "", "in": "query", "schema": {}, LEFT_OUT_PARAMETER: true });
                cx.push(
                    Diagnostic::warning(
                        &at,
                        format!(
                            "this does not fit the OpenAPI model ({message}); the parameter \
                             `#{place}` is left out of the client"
                        ),
                    )
                    .help(
                        "correct the parameter; until then, send it with `.query_pair(name, \
                         value)` or `.header(name, value)` on the call",
                    ),
                );
                continue;
            }
        }
        let left_out = enclosing.filter(|place| {
            place
                .strip_prefix(pointer)
                .is_some_and(|relative| leave_out(value, relative))
        });
        match left_out {
            Some(place) => {
                let what = if place == at {
                    "it is left out of the client".to_owned()
                } else {
                    format!("`#{place}`, which holds it, is left out of the client")
                };
                cx.push(
                    Diagnostic::warning(
                        &at,
                        format!("this does not fit the OpenAPI model ({message}); {what}"),
                    )
                    .help("compare it with the OpenAPI specification's object of this place"),
                );
            }
            None => {
                cx.push(
                    Diagnostic::error(
                        at,
                        format!("this does not fit the OpenAPI model: {message}"),
                    )
                    .help("compare it with the OpenAPI specification's object of this place"),
                );
                return None;
            }
        }
    }
}

/// The extension of the stand-in for a parameter that does not fit the OpenAPI model,
/// which resolve leaves out.
pub(crate) const LEFT_OUT_PARAMETER: &str = "x-codegen-left-out";

/// The objects that are left out when they do not fit: each is an entry of a map (paths,
/// a path item's operations, responses, content, headers, security schemes), so leaving
/// it out moves no other node's pointer.
const LEFT_OUT: &[Object] = &[
    Object::PathItem,
    Object::Operation,
    Object::Response,
    Object::MediaType,
    Object::Header,
    Object::SecurityScheme,
];

/// Whether `node`, an operation, has no `responses` field (the one fault mended in place).
fn lacks_responses(node: &Value) -> bool {
    node.as_object()
        .is_some_and(|operation| !operation.contains_key("responses"))
}

/// Removes the node at `relative` (a JSON pointer under `value`) from the object that
/// holds it; `false` when it is not an object's entry (the root, or a list's item).
fn leave_out(value: &mut Value, relative: &str) -> bool {
    let Some((parent, key)) = relative.rsplit_once('/') else {
        return false;
    };
    let Some(Value::Object(map)) = value.pointer_mut(parent) else {
        return false;
    };
    map.shift_remove(&pointer::unescape(key)).is_some()
}

/// Whether `node` is already the schema of any value that [`any_schema`] makes.
fn is_any(node: &Value) -> bool {
    node.as_object()
        .is_some_and(|o| o.keys().all(|k| k == "description"))
}

/// The schema of any value, keeping `schema`'s description where it has a textual one.
fn any_schema(schema: &Value) -> Value {
    let mut any = serde_json::Map::new();
    if let Some(text) = schema.get("description").filter(|d| d.is_string()) {
        any.insert("description".to_owned(), text.clone());
    }
    Value::Object(any)
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

/// The deepest node under `value` (itself included) that fails to type: its pointer, its
/// kind and the error. `path` gets the nodes on the way, `value` first, the failing one
/// last.
fn deepest_failure(
    object: Object,
    value: &Value,
    pointer: String,
    path: &mut Vec<(String, Object)>,
) -> Option<(String, Object, String)> {
    let own = fits(object, value).err();
    path.push((pointer.clone(), object));
    for (at, child, node) in children(object, value, &pointer) {
        // `additionalProperties: true` is not a schema object; it is valid as it is.
        if child == Object::Schema && node.is_boolean() {
            continue;
        }
        if fits(child, node).is_err() {
            return deepest_failure(child, node, at, path);
        }
    }
    own.map(|message| (pointer, object, message))
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

#[cfg(test)]
mod tests {
    use crate::Options;

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
servers: [{url: 'https://x.test'}]
paths:
  /things:
    get:
      operationId: getThing
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: string}
        kind:
          description: What it is.
          type: {enum: [a, b]}
"#;

    #[test]
    fn a_schema_that_does_not_fit_is_any_value_with_a_warning() {
        let generated =
            crate::generate(SPEC, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
        let warnings = generated.warnings.to_string();
        assert!(
            warnings.contains("this schema does not fit the OpenAPI model")
                && warnings.contains("#/components/schemas/Thing/properties/kind"),
            "{warnings}"
        );
        let models = &generated.files["src/models.rs"];
        // The broken property is any value; its sibling keeps its type.
        assert!(
            models.contains("pub kind: Option<serde_json::Value>,"),
            "{models}"
        );
        assert!(models.contains("pub id: String,"), "{models}");
        assert!(models.contains("/// What it is."), "{models}");
    }

    #[test]
    fn a_response_that_does_not_fit_is_left_out_with_a_warning() {
        let spec = SPEC.replace(
            "          description: ok\n",
            "          description: [ok]\n",
        );
        let generated =
            crate::generate(&spec, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
        let warnings = generated.warnings.to_string();
        assert!(
            warnings.contains("this does not fit the OpenAPI model")
                && warnings.contains("it is left out of the client")
                && warnings.contains("#/paths/~1things/get/responses/200"),
            "{warnings}"
        );
        assert!(generated.files.contains_key("src/operations/get_thing.rs"));
    }

    #[test]
    fn paths_typed_in_runs_keep_their_order_their_extensions_and_their_warnings() {
        let count = 3 * super::PATHS_A_RUN + 5;
        let mut paths = serde_json::Map::new();
        for i in 0..count {
            let mut responses = serde_json::json!({"204": {"description": "none"}});
            if i == 2 * super::PATHS_A_RUN + 1 {
                // Not a response object: the operation is kept without it.
                responses = serde_json::json!({"204": {"description": ["none"]}});
            }
            let item = serde_json::json!({"get": {"operationId": format!("op{i}"), "responses": responses}});
            paths.insert(format!("/p{i}"), item);
            if i == 7 {
                paths.insert("x-note".to_owned(), serde_json::json!("kept"));
                // Not a path: `openapiv3` passes over it, as before.
                paths.insert("not-a-path".to_owned(), serde_json::json!({"get": 1}));
            }
        }
        let doc = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1"},
            "paths": paths,
        });
        let mut cx = crate::diagnostics::Ctxt::new();
        let typed = super::type_document(doc, &mut cx).expect("types");
        let keys: Vec<String> = typed.doc.paths.paths.keys().cloned().collect();
        let expected: Vec<String> = (0..count).map(|i| format!("/p{i}")).collect();
        assert_eq!(keys, expected);
        assert!(typed.doc.paths.extensions.contains_key("x-note"));
        let warnings = cx.check().expect("no errors");
        let pointers: Vec<&str> = warnings.warnings().map(|w| w.pointer.as_str()).collect();
        let broken = format!("/paths/~1p{}/get/responses/204", 2 * super::PATHS_A_RUN + 1);
        assert_eq!(pointers, [broken.as_str()]);
    }

    #[test]
    fn schemas_typed_in_runs_keep_their_order_and_their_warnings_before_the_others() {
        let count = 2 * super::SCHEMAS_A_RUN + 3;
        let mut schemas = serde_json::Map::new();
        for i in 0..count {
            let schema = if i == 3 || i == super::SCHEMAS_A_RUN + 7 {
                // Does not fit the model: typed as any value, with a warning.
                serde_json::json!({"type": "object", "required": "id"})
            } else {
                serde_json::json!({"type": "string"})
            };
            schemas.insert(format!("S{i}"), schema);
        }
        let doc = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1"},
            "paths": {},
            "components": {
                // Before the schemas in the document, after them in the table.
                "responses": {"Bad": {"description": ["no"]}},
                "schemas": schemas,
            },
        });
        let mut cx = crate::diagnostics::Ctxt::new();
        let typed = super::type_document(doc, &mut cx).expect("types");
        let components = typed.doc.components.expect("components");
        let keys: Vec<String> = components.schemas.keys().cloned().collect();
        let expected: Vec<String> = (0..count).map(|i| format!("S{i}")).collect();
        assert_eq!(keys, expected);
        let warnings = cx.check().expect("no errors");
        let pointers: Vec<&str> = warnings.warnings().map(|w| w.pointer.as_str()).collect();
        let second = format!("/components/schemas/S{}", super::SCHEMAS_A_RUN + 7);
        assert_eq!(
            pointers,
            [
                "/components/schemas/S3",
                second.as_str(),
                "/components/responses/Bad"
            ]
        );
    }

    #[test]
    fn the_paths_warnings_come_before_the_components_typed_beside_them() {
        // The components written first make no difference: the table's order is kept.
        let (head, components) = SPEC.split_at(SPEC.find("paths:").expect("paths"));
        let (paths, components) = components.split_at(components.find("components:").expect("c"));
        let spec = format!("{head}{components}{paths}").replace(
            "          description: ok\n",
            "          description: [ok]\n",
        );
        let generated =
            crate::generate(&spec, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
        let pointers: Vec<&str> = generated
            .warnings
            .warnings()
            .map(|w| w.pointer.as_str())
            .collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1things/get/responses/200",
                "/components/schemas/Thing/properties/kind"
            ]
        );
    }

    #[test]
    fn a_broken_parameter_costs_only_itself() {
        let spec = SPEC
            .replace(
                "      operationId: getThing\n",
                "      operationId: getThing\n      parameters: [{name: q, schema: {type: string}}]\n",
            )
            .replace(
                "components:\n",
                "  /others:\n    get:\n      operationId: listOthers\n      responses:\n        '204': {description: none}\ncomponents:\n",
            );
        let generated =
            crate::generate(&spec, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
        let warnings = generated.warnings.to_string();
        assert!(
            warnings.contains("the parameter `#/paths/~1things/get/parameters/0` is left out"),
            "{warnings}"
        );
        let op = &generated.files["src/operations/get_thing.rs"];
        assert!(op.contains("pub fn get_thing(&self)"), "{op}");
        assert!(generated
            .files
            .contains_key("src/operations/list_others.rs"));
    }

    #[test]
    fn an_operation_without_responses_is_kept_with_a_warning() {
        let spec = SPEC.replace(
            "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Thing'}\n",
            "",
        );
        assert!(!spec.contains("responses:"), "{spec}");
        let generated =
            crate::generate(&spec, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
        let warnings = generated.warnings.to_string();
        assert!(
            warnings.contains("this operation has no `responses`")
                && warnings.contains("#/paths/~1things/get"),
            "{warnings}"
        );
        assert!(generated.files.contains_key("src/operations/get_thing.rs"));
    }

    #[test]
    fn what_holds_the_document_together_is_still_an_error() {
        let spec = SPEC.replace(
            "info: {title: T, version: '1'}",
            "info: {title: [T], version: '1'}",
        );
        let errors = crate::generate(&spec, &Options::default())
            .map(|_| ())
            .expect_err("an info whose title is a list is refused")
            .to_string();
        assert!(
            errors.contains("error: this does not fit the OpenAPI model")
                && errors.contains("#/info"),
            "{errors}"
        );
    }
}
