//! Phase 2b: every `allOf` of inline schemas merged into one schema, with the semantics
//! of an intersection, before any type is built.
//!
//! A value valid against an `allOf` is valid against each branch, so the branches merge
//! keyword by keyword into the one schema that allows exactly those values:
//!
//! | keyword                                   | merged                                   |
//! |-------------------------------------------|------------------------------------------|
//! | `type`                                    | the same type; `integer` ∩ `number` = `integer` |
//! | `nullable`                                | only when every branch that has a type allows `null` (or `nullable: true` is beside `allOf`, 3.0's idiom) |
//! | `enum`                                    | the values both allow (an enum ∩ a plain string = the enum) |
//! | `properties`                              | all of them, those in several branches merged the same way |
//! | `required`                                | every name any branch requires           |
//! | `items`, `additionalProperties` (schemas) | merged the same way; `false` wins        |
//! | `minimum`, `minLength`, `minItems`, …     | the largest                              |
//! | `maximum`, `maxLength`, `maxItems`, …     | the smallest                             |
//! | `format`                                  | the narrower (`int32` ∩ `int64` = `int32`), else the first |
//! | `readOnly`, `writeOnly`, `deprecated`, `uniqueItems` | either                        |
//! | anything else (`description`, `example`, …) | the first written (the keywords beside `allOf` first) |
//!
//! An `allOf` with a `$ref` to an object is left to [`crate::resolve`], which makes a
//! struct that has the referenced one's fields (a `$ref` to a scalar, an array or an enum
//! is merged like an inline branch); so is one whose branches both hold a `oneOf`,
//! `anyOf` or `not`. A merge that no value satisfies (`type: string` ∩ `type: object`)
//! is left as it is written (`resolve` makes what it can of it, `serde_json::Value` when
//! nothing), with a warning that names the two places that disagree.

use serde_json::{Map, Value};

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::pointer::{component_key, join, join_index};
use crate::tree::{self, Object, Order};

/// Merges every `allOf` of `doc` that can be (innermost first).
pub(crate) fn merge(doc: &mut Value, cx: &mut Ctxt) {
    let components = Components::of(doc);
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    tree::walk(root, Order::Post, cx, &mut |kind, value, pointer, cx| {
        if let (Object::Schema, Some(schema)) = (kind, value.as_object_mut()) {
            all_of(schema, pointer, &components, cx);
        }
    });
}

/// The component schemas as written before merging, to follow `$ref`s in: those a branch
/// can merge with, each copied; in place of one that describes an object or holds an
/// `allOf` (a branch that names one is not merged), `null`, so that no large schema is
/// copied.
pub(crate) struct Components(Map<String, Value>);

impl Components {
    /// Those of `doc`.
    pub(crate) fn of(doc: &Value) -> Components {
        let schemas = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|schemas| {
                schemas
                    .iter()
                    .map(|(name, schema)| {
                        let mergeable = schema
                            .as_object()
                            .is_some_and(|s| !is_object_like(s) && !s.contains_key("allOf"));
                        let written = if mergeable {
                            schema.clone()
                        } else {
                            Value::Null
                        };
                        (name.clone(), written)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Components(schemas)
    }

    /// The schema a `$ref` names, following chains of `$ref`s, with its pointer; `None`
    /// when it names none, or one that describes an object or holds an `allOf`.
    fn target(&self, reference: &str) -> Option<(&Map<String, Value>, String)> {
        let mut reference = reference;
        // A chain visits each schema at most once: one longer than the section loops.
        for _ in 0..=self.0.len() {
            let key = component_key(reference, "schemas")?;
            let schema = self.0.get(&key)?.as_object()?;
            match schema.get("$ref").and_then(Value::as_str) {
                Some(next) if schema.len() == 1 => reference = next,
                _ => return Some((schema, join("/components/schemas", &key))),
            }
        }
        None
    }
}

/// Why two schemas were not merged.
#[derive(Debug)]
enum Unmerged {
    /// Left to `resolve` (a `$ref` to an object, or two unions).
    Kept,
    /// No value satisfies both: the two places, and what differs.
    Conflict { a: String, b: String, what: String },
}

/// Merges the `allOf` of `schema` (at `pointer`), whose subschemas are merged already.
pub(crate) fn all_of(
    schema: &mut Map<String, Value>,
    pointer: &str,
    components: &Components,
    cx: &mut Ctxt,
) {
    let Some(Value::Array(branches)) = schema.get("allOf") else {
        return;
    };
    let mut siblings = schema.clone();
    siblings.remove("allOf");
    let list = join(pointer, "allOf");
    let mut merged = siblings;
    let mut from = pointer.to_owned();
    for (i, branch) in branches.iter().enumerate() {
        let at = join_index(&list, i);
        let Some((branch, at)) = inline(branch, &at, components) else {
            return;
        };
        match intersect(&merged, &from, &branch, &at, components) {
            Ok(m) => {
                if !has_type(&merged) && has_type(&branch) {
                    from = at;
                }
                merged = m;
            }
            Err(Unmerged::Kept) => return,
            Err(Unmerged::Conflict { a, b, what }) => {
                cx.push(
                    Diagnostic::warning(
                        &list,
                        format!(
                            "the branches of `allOf` contradict each other ({what}: `#{a}` against `#{b}`): no value satisfies them all, and they are not merged"
                        ),
                    )
                    .help("correct one of the two places so that a value can satisfy both"),
                );
                return;
            }
        }
    }
    // `nullable: true` beside `allOf` is OpenAPI 3.0's way to let `null` in whatever the
    // branches say (3.0 has no `null` type to write as a branch).
    if schema.get("nullable").and_then(Value::as_bool) == Some(true) {
        merged.insert("nullable".to_owned(), Value::Bool(true));
    }
    *schema = merged;
}

/// A branch as it merges: an inline schema, or the one a `$ref` names when that is no
/// object and holds no `allOf` (`None`: the branch is a reference to one, or no mapping).
fn inline(
    branch: &Value,
    at: &str,
    components: &Components,
) -> Option<(Map<String, Value>, String)> {
    let map = branch.as_object()?;
    match map.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let (target, pointer) = components.target(reference)?;
            Some((target.clone(), pointer))
        }
        None => Some((map.clone(), at.to_owned())),
    }
}

/// Whether a schema describes an object (or may: its shape comes from elsewhere).
fn is_object_like(s: &Map<String, Value>) -> bool {
    s.get("type").and_then(Value::as_str) == Some("object")
        || [
            "properties",
            "additionalProperties",
            "oneOf",
            "anyOf",
            "discriminator",
        ]
        .iter()
        .any(|k| s.contains_key(*k))
}

/// Whether a schema says what JSON type its values are.
fn has_type(s: &Map<String, Value>) -> bool {
    ["type", "enum", "properties", "items", "$ref"]
        .iter()
        .any(|k| s.contains_key(*k))
}

/// Whether `null` satisfies `s` as far as the merge is concerned: it says so, or it says
/// nothing of the value's type (a branch that only narrows).
fn allows_null(s: &Map<String, Value>) -> bool {
    s.get("nullable").and_then(Value::as_bool) == Some(true) || !has_type(s)
}

/// The intersection of schemas `a` (at `pa`) and `b` (at `pb`).
fn intersect(
    a: &Map<String, Value>,
    pa: &str,
    b: &Map<String, Value>,
    pb: &str,
    components: &Components,
) -> Result<Map<String, Value>, Unmerged> {
    if a.contains_key("$ref") || b.contains_key("$ref") {
        return Err(Unmerged::Kept);
    }
    for keyword in ["oneOf", "anyOf", "not", "allOf"] {
        if a.contains_key(keyword) && b.contains_key(keyword) {
            return Err(Unmerged::Kept);
        }
    }
    let conflict = |what: String| Unmerged::Conflict {
        a: pa.to_owned(),
        b: pb.to_owned(),
        what,
    };
    let mut out = a.clone();
    // type
    let ta = a.get("type").and_then(Value::as_str);
    let tb = b.get("type").and_then(Value::as_str);
    let typ = match (ta, tb) {
        (Some(x), Some(y)) if x == y => Some(x),
        (Some("integer"), Some("number")) | (Some("number"), Some("integer")) => Some("integer"),
        (Some(x), Some(y)) => return Err(conflict(format!("`type: {x}` and `type: {y}`"))),
        (x, y) => x.or(y),
    };
    if let Some(t) = typ {
        out.insert("type".to_owned(), Value::String(t.to_owned()));
    }
    // nullable
    let nullable = allows_null(a) && allows_null(b);
    if nullable && (a.contains_key("nullable") || b.contains_key("nullable")) {
        out.insert("nullable".to_owned(), Value::Bool(true));
    } else {
        out.remove("nullable");
    }
    // enum
    let values = match (a.get("enum"), b.get("enum")) {
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            Some(x.iter().filter(|v| y.contains(v)).cloned().collect())
        }
        (Some(Value::Array(x)), _) | (_, Some(Value::Array(x))) => Some(x.clone()),
        _ => None,
    };
    if let Some(values) = values {
        let values: Vec<Value> = values
            .into_iter()
            .filter(|v| of_type(v, typ) || v.is_null() && nullable)
            .collect();
        if values.iter().all(Value::is_null) {
            return Err(conflict("`enum`s with no value in common".to_owned()));
        }
        out.insert("enum".to_owned(), Value::Array(values));
    }
    // format
    match (
        a.get("format").and_then(Value::as_str),
        b.get("format").and_then(Value::as_str),
    ) {
        (Some("int64"), Some("int32")) | (None, Some(_)) => {
            out.insert("format".to_owned(), b["format"].clone());
        }
        _ => {}
    }
    // properties
    if let Some(Value::Object(bp)) = b.get("properties") {
        let mut props = match a.get("properties") {
            Some(Value::Object(ap)) => ap.clone(),
            _ => Map::new(),
        };
        for (name, sb) in bp {
            let at_b = join(&join(pb, "properties"), name);
            let merged = match props.get(name) {
                Some(sa) => {
                    let at_a = join(&join(pa, "properties"), name);
                    merge_subschemas(sa, &at_a, sb, &at_b, components)?
                }
                None => sb.clone(),
            };
            props.insert(name.clone(), merged);
        }
        out.insert("properties".to_owned(), Value::Object(props));
    }
    // required
    if let Some(Value::Array(rb)) = b.get("required") {
        let mut required = match a.get("required") {
            Some(Value::Array(ra)) => ra.clone(),
            _ => Vec::new(),
        };
        for name in rb {
            if !required.contains(name) {
                required.push(name.clone());
            }
        }
        out.insert("required".to_owned(), Value::Array(required));
    }
    // items and additionalProperties
    for keyword in ["items", "additionalProperties"] {
        let merged = match (a.get(keyword), b.get(keyword)) {
            (Some(Value::Bool(false)), _) | (_, Some(Value::Bool(false))) => Value::Bool(false),
            (Some(x @ Value::Object(_)), Some(y @ Value::Object(_))) => {
                merge_subschemas(x, &join(pa, keyword), y, &join(pb, keyword), components)?
            }
            (Some(Value::Bool(true)) | None, Some(y)) => y.clone(),
            (Some(x), _) => x.clone(),
            (None, None) => continue,
        };
        out.insert(keyword.to_owned(), merged);
    }
    // constraints: the stricter bound
    for keyword in [
        "minimum",
        "minLength",
        "minItems",
        "minProperties",
        "maximum",
        "maxLength",
        "maxItems",
        "maxProperties",
    ] {
        let (Some(x), Some(y)) = (
            a.get(keyword).and_then(Value::as_f64),
            b.get(keyword).and_then(Value::as_f64),
        ) else {
            if let (None, Some(y)) = (a.get(keyword), b.get(keyword)) {
                out.insert(keyword.to_owned(), y.clone());
            }
            continue;
        };
        let b_stricter = if keyword.starts_with("min") {
            y > x
        } else {
            y < x
        };
        if b_stricter {
            out.insert(keyword.to_owned(), b[keyword].clone());
        }
    }
    for keyword in ["readOnly", "writeOnly", "deprecated", "uniqueItems"] {
        if b.get(keyword).and_then(Value::as_bool) == Some(true) {
            out.insert(keyword.to_owned(), Value::Bool(true));
        }
    }
    // The rest: the first written.
    for (k, v) in b {
        if !out.contains_key(k) && k != "nullable" {
            out.insert(k.clone(), v.clone());
        }
    }
    Ok(out)
}

/// Merges two subschemas (properties, items): inline ones keyword by keyword; where a
/// `$ref` names an object, the `allOf` of both, for `resolve` to judge.
fn merge_subschemas(
    a: &Value,
    pa: &str,
    b: &Value,
    pb: &str,
    components: &Components,
) -> Result<Value, Unmerged> {
    if a == b {
        return Ok(a.clone());
    }
    match (inline(a, pa, components), inline(b, pb, components)) {
        (Some((x, px)), Some((y, py))) => match intersect(&x, &px, &y, &py, components) {
            Ok(m) => Ok(Value::Object(m)),
            Err(Unmerged::Kept) => Ok(serde_json::json!({ "allOf": [a, b] })),
            Err(conflict) => Err(conflict),
        },
        _ => Ok(serde_json::json!({ "allOf": [a, b] })),
    }
}

/// Whether an `enum` value fits `type`.
fn of_type(v: &Value, typ: Option<&str>) -> bool {
    match typ {
        None => !v.is_null(),
        Some("string") => v.is_string(),
        Some("integer") => v.is_i64() || v.is_u64(),
        Some("number") => v.is_number(),
        Some("boolean") => v.is_boolean(),
        Some("array") => v.is_array(),
        Some("object") => v.is_object(),
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The schema `allOf` merges into, and the warnings.
    fn merged(schema: Value) -> (Value, Vec<String>) {
        let doc = json!({"components": {"schemas": {
            "Id": {"type": "integer", "format": "int64"},
            "Pet": {"type": "object", "properties": {"id": {"type": "integer"}}}
        }}});
        let components = Components::of(&doc);
        let mut cx = Ctxt::new();
        let mut map = schema.as_object().cloned().unwrap();
        all_of(&mut map, "/s", &components, &mut cx);
        let warnings = cx.finish("").0.into_iter().map(|d| d.message).collect();
        (Value::Object(map), warnings)
    }

    #[test]
    fn disagreeing_branches_intersect() {
        let (m, warnings) = merged(json!({"description": "d", "allOf": [
            {"type": "object", "required": ["a"], "properties": {
                "n": {"type": "number"},
                "c": {"type": "string", "nullable": true, "enum": ["x", null, "y"]},
                "s": {"type": "string", "enum": ["q", "r"]},
                "l": {"type": "array", "items": {"type": "string"}}
            }},
            {"type": "object", "required": ["c"], "properties": {
                "n": {"type": "integer", "nullable": true},
                "c": {"type": "string", "enum": ["y", "x", "z"]},
                "s": {"type": "string"},
                "l": {"type": "array", "items": {"type": "string", "nullable": true}},
                "e": {"type": "boolean"}
            }}
        ]}));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            m,
            json!({"description": "d", "type": "object", "required": ["a", "c"], "properties": {
                "n": {"type": "integer"},
                "c": {"type": "string", "enum": ["x", "y"]},
                "s": {"type": "string", "enum": ["q", "r"]},
                "l": {"type": "array", "items": {"type": "string"}},
                "e": {"type": "boolean"}
            }})
        );
    }

    #[test]
    fn enums_keep_common_values_and_constraints_the_stricter() {
        let (m, _) = merged(json!({"allOf": [
            {"type": "string", "enum": ["a", "b", "c"], "maxLength": 9},
            {"enum": ["c", "a"], "maxLength": 4, "minLength": 1},
            {"$ref": "#/components/schemas/Id"}
        ]}));
        // A string enum against an integer: nothing satisfies both.
        assert_eq!(m["allOf"].as_array().map(Vec::len), Some(3));
        let (m, _) = merged(json!({"allOf": [
            {"type": "string", "enum": ["a", "b", "c"], "maxLength": 9},
            {"enum": ["c", "a"], "maxLength": 4, "minLength": 1}
        ]}));
        assert_eq!(
            m,
            json!({"type": "string", "enum": ["a", "c"], "maxLength": 4, "minLength": 1})
        );
        let (m, _) = merged(json!({"allOf": [
            {"$ref": "#/components/schemas/Id"},
            {"type": "number", "format": "int32", "minimum": 1}
        ]}));
        assert_eq!(
            m,
            json!({"type": "integer", "format": "int32", "minimum": 1})
        );
    }

    #[test]
    fn an_unsatisfiable_merge_is_left_with_a_warning_naming_both_places() {
        let schema =
            json!({"allOf": [{"type": "string"}, {"properties": {"a": {}}, "type": "object"}]});
        let (m, warnings) = merged(schema.clone());
        assert_eq!(m, schema);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains("`#/s/allOf/0` against `#/s/allOf/1`"),
            "{warnings:?}"
        );
    }

    #[test]
    fn nullable_beside_all_of_lets_null_in() {
        let (m, _) =
            merged(json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/Id"}]}));
        assert_eq!(
            m,
            json!({"type": "integer", "format": "int64", "nullable": true})
        );
    }

    #[test]
    fn references_to_objects_are_left_to_resolve() {
        let schema = json!({"allOf": [
            {"$ref": "#/components/schemas/Pet"},
            {"properties": {"b": {"type": "string"}}}
        ]});
        let (m, warnings) = merged(schema.clone());
        assert_eq!(m, schema);
        assert!(warnings.is_empty());
    }
}
