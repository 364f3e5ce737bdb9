//! Phase 2: OpenAPI 3.1 constructs rewritten into the 3.0 form that `openapiv3` types.
//! (A Swagger 2.0 document reaches this phase converted to 3.0 by `swagger`.)
//!
//! 3.0 documents pass through unchanged (every schema rewrite here is a no-op on valid
//! 3.0, and writing out `explode` defaults changes no meaning), so both versions take one
//! path. Rewrites, on every schema object of the document:
//!
//! | 3.1 (JSON Schema 2020-12)              | 3.0 form                                        |
//! |----------------------------------------|-------------------------------------------------|
//! | `type: [X, 'null']`                    | `type: X`, `nullable: true`                     |
//! | `type: 'null'`                         | `nullable: true`                                |
//! | `type: [X, Y]`                         | `anyOf: [{type: X, ..}, {type: Y, ..}]`         |
//! | `enum: [.., null]`                     | `enum: [..]`, `nullable: true`                  |
//! | `const: V`                             | `enum: [V]`                                     |
//! | `examples: [V, ..]`                    | `example: V`                                    |
//! | `exclusiveMinimum: N` (a number)       | `minimum: N`, `exclusiveMinimum: true`          |
//! | `exclusiveMaximum: N` (a number)       | `maximum: N`, `exclusiveMaximum: true`          |
//! | `$ref` with sibling keywords           | `allOf: [{$ref}]` beside the siblings           |
//! | `true` / `false` as a schema           | `{}` / `{not: {}}`                              |
//! | `contentMediaType: M` (no encoding)    | `type: string`, `format: binary` (`M` kept)     |
//! | `prefixItems` that no item may follow  | `x-codegen-tuple` (the item schemas), no `items`|
//!
//! And on every media type object, each `encoding` entry without `explode` gets its
//! default written out (`true` for `style: form`), which `openapiv3` would read as `false`.
//!
//! At the top level a document may have `webhooks` and no `paths` (3.1); `paths` is then
//! filled in as empty so that `openapiv3` accepts it. Webhooks themselves are typed later.

use serde_json::{json, Map, Value};

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::tree::{self, Object, Order};

/// The extension that keeps a 3.1 schema's `contentMediaType` (see [`rewrite_schema`]).
pub(crate) const CONTENT_MEDIA_TYPE: &str = "x-codegen-content-media-type";

/// The extension that keeps the item schemas of a 3.1 tuple (see [`tuple`]).
pub(crate) const TUPLE: &str = "x-codegen-tuple";

/// Rewrites `doc` in place. Reports documents that are not OpenAPI 3.0 or 3.1.
pub fn normalise(doc: &mut Value, cx: &mut Ctxt) {
    let Some(root) = doc.as_object_mut() else {
        cx.error("", "the document is not a mapping");
        return;
    };
    if !check_version(root, cx) {
        return;
    }
    let has_paths = root.get("paths").is_some_and(|p| !p.is_null());
    let has_webhooks = root.get("webhooks").is_some_and(|w| !w.is_null());
    if !has_paths && !has_webhooks {
        cx.push(
            Diagnostic::error("", "the document has neither `paths` nor `webhooks`").help(
                "describe at least one operation under `paths` or one event under `webhooks`",
            ),
        );
        return;
    }
    if !has_paths {
        root.insert("paths".to_owned(), Value::Object(Map::new()));
    }
    let mut tuples = false;
    tree::walk(
        root,
        Order::Pre,
        cx,
        &mut |kind, value, pointer, cx| match kind {
            Object::Schema => {
                match value {
                    Value::Bool(true) => *value = json!({}),
                    Value::Bool(false) => *value = json!({ "not": {} }),
                    _ => {}
                }
                if let Some(s) = value.as_object_mut() {
                    tuples |= s.contains_key("prefixItems");
                    rewrite_schema(s, pointer, cx);
                }
            }
            Object::MediaType => {
                if let Some(object) = value.as_object_mut() {
                    explode_defaults(object);
                }
            }
            _ => {}
        },
    );
    // A tuple's items are rewritten above, before their parent takes them.
    if tuples {
        tree::walk(root, Order::Post, cx, &mut |kind, value, _, _| {
            if let (Object::Schema, Some(s)) = (kind, value.as_object_mut()) {
                tuple(s);
            }
        });
    }
}

/// `required: true` on a property (JSON Schema draft 3, which some Swagger 2.0 documents
/// still write) means the object requires that property: its name joins the object's
/// `required` list, with a warning. A boolean `required` anywhere else says nothing and
/// goes (`openapiv3` would refuse the schema for it). Runs on the object before its
/// properties, so their booleans are read here first.
fn draft3_required(s: &mut Map<String, Value>, pointer: &str, cx: &mut Ctxt) {
    if matches!(s.get("required"), Some(Value::Bool(_))) {
        s.remove("required");
    }
    let Some(Value::Object(properties)) = s.get_mut("properties") else {
        return;
    };
    let mut named = Vec::new();
    let mut any = false;
    for (name, property) in properties.iter_mut() {
        let Some(property) = property.as_object_mut() else {
            continue;
        };
        if let Some(Value::Bool(required)) = property.get("required") {
            any = true;
            if *required {
                named.push(name.clone());
            }
            property.remove("required");
        }
    }
    if !any {
        return;
    }
    let list = s
        .entry("required")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = list {
        for name in &named {
            if !list.iter().any(|n| n.as_str() == Some(name)) {
                list.push(Value::String(name.clone()));
            }
        }
    }
    let names = named
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    cx.push(
        Diagnostic::warning(
            pointer,
            format!(
                "its properties say `required` with a boolean (JSON Schema draft 3); read as \
                 the object's `required` list{}",
                if names.is_empty() {
                    String::new()
                } else {
                    format!(": {names}")
                }
            ),
        )
        .help("list the required properties' names in the object's `required`"),
    );
}

/// A 3.1 array whose `prefixItems` no other item may follow (`items: false`, or a
/// `maxItems` of their number), as FastAPI writes `tuple[float, float]`: the item schemas
/// move to [`TUPLE`], which `openapiv3` keeps, and `items` goes. An array that more items
/// may follow holds items of the prefix's types and of `items`' together: it loses
/// `items`, and is an array of any JSON values.
fn tuple(s: &mut Map<String, Value>) {
    let Some(Value::Array(prefix)) = s.get("prefixItems") else {
        return;
    };
    let count = prefix.len() as u64;
    let closed = s.get("items") == Some(&json!({ "not": {} }))
        || s.get("maxItems").and_then(Value::as_u64) == Some(count);
    let Some(prefix) = s.remove("prefixItems") else {
        return;
    };
    s.remove("items");
    if closed && count > 0 {
        s.insert(TUPLE.to_owned(), prefix);
    }
}

/// Accepts `openapi: 3.0.x` and `3.1.x`; explains anything else.
fn check_version(root: &Map<String, Value>, cx: &mut Ctxt) -> bool {
    match root.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.0") || v.starts_with("3.1") => true,
        Some(Value::String(v)) => {
            cx.push(
                Diagnostic::error("/openapi", format!("OpenAPI version {v} is not supported"))
                    .help("this generator reads OpenAPI 3.0.x and 3.1.x documents"),
            );
            false
        }
        Some(other) => {
            cx.push(
                Diagnostic::error(
                    "/openapi",
                    format!("`openapi` must be a version string, not {other}"),
                )
                .help("write it as a string, e.g. `openapi: 3.1.0`"),
            );
            false
        }
        // A Swagger 2.0 document was converted by `swagger`: any other is not read.
        None if root.contains_key("swagger") => {
            let version = match root.get("swagger") {
                Some(Value::String(v)) => v.clone(),
                Some(other) => other.to_string(),
                None => String::new(),
            };
            cx.push(
                Diagnostic::error(
                    "/swagger",
                    format!("Swagger version {version} is not supported"),
                )
                .help("this generator reads Swagger 2.0 and OpenAPI 3.0.x and 3.1.x documents: write `swagger: \"2.0\"` if it is 2.0"),
            );
            false
        }
        None => {
            cx.push(
                Diagnostic::error("", "the document has no `openapi` version field")
                    .help("start the document with `openapi: 3.1.0` (or 3.0.x)"),
            );
            false
        }
    }
}

/// Writes out the default `explode` of each `encoding` entry of a media type object
/// (`true` for `style: form`, the default style; `false` for the others), which
/// `openapiv3` would read as `false` whenever it is left out.
fn explode_defaults(media_type: &mut Map<String, Value>) {
    let Some(Value::Object(encodings)) = media_type.get_mut("encoding") else {
        return;
    };
    for encoding in encodings.values_mut() {
        let Some(encoding) = encoding.as_object_mut() else {
            continue;
        };
        if !encoding.contains_key("explode") {
            let form = encoding
                .get("style")
                .is_none_or(|style| style.as_str() == Some("form"));
            encoding.insert("explode".to_owned(), Value::Bool(form));
        }
    }
}

/// The JSON Schema keywords that apply to one `type` only, used to split `type: [X, Y]`.
fn keyword_type(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "format" | "pattern" | "minLength" | "maxLength" => "string",
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => "number",
        "items" | "minItems" | "maxItems" | "uniqueItems" | "prefixItems" | "contains" => "array",
        "properties"
        | "required"
        | "additionalProperties"
        | "minProperties"
        | "maxProperties"
        | "patternProperties"
        | "propertyNames" => "object",
        _ => return None,
    })
}

/// The rewrites of the module table, on one schema object (not its subschemas).
fn rewrite_schema(s: &mut Map<String, Value>, pointer: &str, cx: &mut Ctxt) {
    draft3_required(s, pointer, cx);
    // `$ref` beside other keywords: 3.1 allows it, `openapiv3` would drop the siblings.
    if s.contains_key("$ref") && s.len() > 1 {
        if let Some(reference) = s.remove("$ref") {
            let branch = json!({ "$ref": reference });
            match s.get_mut("allOf") {
                Some(Value::Array(all)) => all.insert(0, branch),
                _ => {
                    s.insert("allOf".to_owned(), Value::Array(vec![branch]));
                }
            }
        }
    }

    match s.get("type").cloned() {
        Some(Value::Array(types)) => {
            let mut names = Vec::new();
            for t in &types {
                match t.as_str() {
                    Some("null") => {
                        s.insert("nullable".to_owned(), Value::Bool(true));
                    }
                    Some(name) => {
                        if !names.contains(&name) {
                            names.push(name);
                        }
                    }
                    None => cx.push(
                        Diagnostic::error(
                            format!("{pointer}/type"),
                            format!("`type` lists {t}, which is not a type name"),
                        )
                        .help("list type names such as `string` or `null`"),
                    ),
                }
            }
            match names.as_slice() {
                [] => {
                    s.remove("type");
                }
                [one] => {
                    s.insert("type".to_owned(), Value::String((*one).to_owned()));
                }
                many => {
                    // An integer is a number: keep `number` keywords on both.
                    let mut branches = Vec::new();
                    for name in many {
                        let mut branch = Map::new();
                        branch.insert("type".to_owned(), Value::String((*name).to_owned()));
                        for (k, v) in s.iter() {
                            let owner = keyword_type(k);
                            let applies = owner == Some(name)
                                || (owner == Some("number") && *name == "integer")
                                || (k == "enum");
                            if applies {
                                branch.insert(k.clone(), v.clone());
                            }
                        }
                        branches.push(Value::Object(branch));
                    }
                    s.retain(|k, _| k != "type" && k != "enum" && keyword_type(k).is_none());
                    s.insert("anyOf".to_owned(), Value::Array(branches));
                }
            }
        }
        Some(Value::String(t)) if t == "null" => {
            s.remove("type");
            s.insert("nullable".to_owned(), Value::Bool(true));
        }
        _ => {}
    }

    if let Some(value) = s.remove("const") {
        if !s.contains_key("enum") {
            s.insert("enum".to_owned(), Value::Array(vec![value]));
        }
    }

    if let Some(Value::Array(values)) = s.get_mut("enum") {
        let before = values.len();
        values.retain(|v| !v.is_null());
        if values.len() != before {
            s.insert("nullable".to_owned(), Value::Bool(true));
            if s.get("enum")
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty)
            {
                s.remove("enum");
            }
        }
    }

    if let Some(examples) = s.remove("examples") {
        if !s.contains_key("example") {
            let first = match examples {
                Value::Array(mut items) if !items.is_empty() => Some(items.swap_remove(0)),
                Value::Array(_) => None,
                other => Some(other),
            };
            if let Some(first) = first {
                s.insert("example".to_owned(), first);
            }
        }
    }

    // 3.1's string contents (JSON Schema's `contentMediaType` and `contentEncoding`) in
    // 3.0's words. Bytes written as base64 text (`contentEncoding: base64`, whatever the
    // media type) are `format: byte`. Raw bytes (a `contentMediaType` that is not text,
    // without `contentEncoding`) are `format: binary`, the media type kept as an extension
    // for the default content type of a file part. Text of a text media type stays text.
    let untyped_or_string = s.get("type").is_none_or(|t| t.as_str() == Some("string"));
    // `format: base64` (pydantic's `Base64Bytes`) is 3.0's `byte` by another name.
    if s.get("format").and_then(Value::as_str) == Some("base64") {
        s.insert("format".to_owned(), Value::String("byte".to_owned()));
    }
    let base64 = s
        .get("contentEncoding")
        .and_then(Value::as_str)
        .is_some_and(|e| e.eq_ignore_ascii_case("base64"));
    let media_type = match s.remove("contentMediaType") {
        Some(Value::String(media_type)) => Some(media_type),
        _ => None,
    };
    if untyped_or_string && !s.contains_key("format") {
        let format = match &media_type {
            _ if base64 => Some("byte"),
            Some(_) if s.contains_key("contentEncoding") => None,
            Some(m) if crate::ir::is_text(m) || crate::ir::is_json(m) => None,
            Some(_) => Some("binary"),
            None => None,
        };
        if let Some(format) = format {
            s.insert("type".to_owned(), Value::String("string".to_owned()));
            s.insert("format".to_owned(), Value::String(format.to_owned()));
        }
        if let (Some("binary"), Some(media_type)) = (format, media_type) {
            s.insert(CONTENT_MEDIA_TYPE.to_owned(), Value::String(media_type));
        }
    }

    for (exclusive, inclusive) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(bound)) = s.get(exclusive).cloned() {
            s.insert(inclusive.to_owned(), Value::Number(bound));
            s.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalised(doc: Value) -> Value {
        let mut doc = doc;
        let mut cx = Ctxt::new();
        normalise(&mut doc, &mut cx);
        let d = cx.finish("");
        assert!(!d.has_errors(), "{d}");
        doc
    }

    fn schema_doc(schema: Value) -> Value {
        json!({ "openapi": "3.1.0", "paths": {}, "components": { "schemas": { "S": schema } } })
    }

    fn schema_of(doc: &Value) -> &Value {
        &doc["components"]["schemas"]["S"]
    }

    #[test]
    fn draft3_required_booleans_join_the_objects_required_list() {
        let doc = normalised(schema_doc(json!({
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": { "type": "string" },
                "name": { "type": "string", "required": true },
                "note": { "type": "string", "required": false }
            }
        })));
        assert_eq!(
            schema_of(&doc),
            &json!({
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": { "type": "string" },
                    "name": { "type": "string" },
                    "note": { "type": "string" }
                }
            })
        );
    }

    #[test]
    fn content_media_type_is_a_binary_string() {
        let doc = normalised(schema_doc(json!({ "contentMediaType": "image/png" })));
        assert_eq!(
            schema_of(&doc),
            &json!({ "type": "string", "format": "binary", CONTENT_MEDIA_TYPE: "image/png" })
        );
        // Base64 text is `format: byte`, with a media type or without.
        for encoded in [
            json!({ "type": "string", "contentMediaType": "image/png", "contentEncoding": "base64" }),
            json!({ "contentEncoding": "base64" }),
        ] {
            let doc = normalised(schema_doc(encoded));
            assert_eq!(
                schema_of(&doc),
                &json!({ "type": "string", "format": "byte", "contentEncoding": "base64" })
            );
        }
        // pydantic's `Base64Bytes` says it with a format of its own.
        let pydantic = json!({ "type": "string", "format": "base64", "contentMediaType": "application/octet-stream" });
        let doc = normalised(schema_doc(pydantic));
        assert_eq!(
            schema_of(&doc),
            &json!({ "type": "string", "format": "byte" })
        );
        // Text of a text media type stays text.
        for text in ["text/plain", "application/json", "application/vnd.api+json"] {
            let doc = normalised(schema_doc(
                json!({ "type": "string", "contentMediaType": text }),
            ));
            assert_eq!(schema_of(&doc), &json!({ "type": "string" }), "{text}");
        }
    }

    #[test]
    fn encoding_explode_defaults_are_written_out() {
        let doc = normalised(json!({
            "openapi": "3.0.3",
            "paths": { "/f": { "post": {
                "requestBody": { "content": { "application/x-www-form-urlencoded": {
                    "schema": { "type": "object" },
                    "encoding": {
                        "a": {},
                        "b": { "style": "form" },
                        "c": { "style": "deepObject" },
                        "d": { "style": "form", "explode": false }
                    }
                } } },
                "responses": {}
            } } }
        }));
        let encoding = &doc["paths"]["/f"]["post"]["requestBody"]["content"]
            ["application/x-www-form-urlencoded"]["encoding"];
        assert_eq!(
            encoding,
            &json!({
                "a": { "explode": true },
                "b": { "style": "form", "explode": true },
                "c": { "style": "deepObject", "explode": false },
                "d": { "style": "form", "explode": false }
            })
        );
    }

    #[test]
    fn closed_prefix_items_become_a_tuple_and_open_ones_any_json() {
        let closed = normalised(schema_doc(json!({
            "type": "array",
            "prefixItems": [{ "type": ["number", "null"] }, { "type": "integer" }],
            "items": false
        })));
        assert_eq!(
            schema_of(&closed),
            &json!({ "type": "array", TUPLE: [
                { "type": "number", "nullable": true }, { "type": "integer" }
            ] })
        );
        let by_max = normalised(schema_doc(json!({
            "type": "array", "prefixItems": [{ "type": "number" }], "maxItems": 1
        })));
        assert_eq!(schema_of(&by_max)[TUPLE], json!([{ "type": "number" }]));
        let open = normalised(schema_doc(json!({
            "type": "array", "prefixItems": [{ "type": "string" }], "items": { "type": "integer" }
        })));
        assert_eq!(schema_of(&open), &json!({ "type": "array" }));
    }

    #[test]
    fn type_array_with_null_becomes_nullable() {
        let doc = normalised(schema_doc(
            json!({ "type": ["string", "null"], "format": "uuid" }),
        ));
        assert_eq!(
            schema_of(&doc),
            &json!({ "type": "string", "format": "uuid", "nullable": true })
        );
    }

    #[test]
    fn null_first_in_type_array() {
        let doc = normalised(schema_doc(json!({ "type": ["null", "boolean"] })));
        assert_eq!(
            schema_of(&doc),
            &json!({ "type": "boolean", "nullable": true })
        );
    }

    #[test]
    fn type_null_alone() {
        let doc = normalised(schema_doc(json!({ "type": "null" })));
        assert_eq!(schema_of(&doc), &json!({ "nullable": true }));
    }

    #[test]
    fn two_types_become_any_of_with_their_keywords() {
        let doc = normalised(schema_doc(json!({
            "type": ["string", "integer", "null"], "maxLength": 3, "minimum": 1, "description": "d"
        })));
        assert_eq!(
            schema_of(&doc),
            &json!({
                "nullable": true,
                "description": "d",
                "anyOf": [
                    { "type": "string", "maxLength": 3 },
                    { "type": "integer", "minimum": 1 }
                ]
            })
        );
    }

    #[test]
    fn const_becomes_single_enum() {
        let doc = normalised(schema_doc(
            json!({ "type": "string", "const": "message.opened" }),
        ));
        assert_eq!(
            schema_of(&doc),
            &json!({ "type": "string", "enum": ["message.opened"] })
        );
    }

    #[test]
    fn const_does_not_override_enum() {
        let doc = normalised(schema_doc(json!({ "enum": ["a", "b"], "const": "a" })));
        assert_eq!(schema_of(&doc), &json!({ "enum": ["a", "b"] }));
    }

    #[test]
    fn null_enum_member_becomes_nullable() {
        let doc = normalised(schema_doc(
            json!({ "type": ["string", "null"], "enum": ["a", null] }),
        ));
        assert_eq!(
            schema_of(&doc),
            &json!({ "type": "string", "enum": ["a"], "nullable": true })
        );
    }

    #[test]
    fn examples_and_numeric_exclusive_bounds() {
        let doc = normalised(schema_doc(json!({
            "type": "integer", "examples": [5, 6], "exclusiveMinimum": 0, "exclusiveMaximum": 10
        })));
        assert_eq!(
            schema_of(&doc),
            &json!({
                "type": "integer", "example": 5,
                "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true
            })
        );
    }

    #[test]
    fn ref_with_siblings_keeps_them() {
        let doc = normalised(schema_doc(
            json!({ "$ref": "#/components/schemas/T", "description": "d" }),
        ));
        assert_eq!(
            schema_of(&doc),
            &json!({ "description": "d", "allOf": [{ "$ref": "#/components/schemas/T" }] })
        );
    }

    #[test]
    fn nested_schemas_everywhere_are_rewritten() {
        let doc = normalised(json!({
            "openapi": "3.1.0",
            "paths": { "/a": {
                "parameters": [{ "name": "p", "in": "query", "schema": { "type": ["boolean", "null"] } }],
                "get": { "responses": { "200": { "description": "ok", "content": { "application/json": {
                    "schema": { "type": "object", "properties": {
                        "x": { "type": "array", "items": { "type": ["integer", "null"] } },
                        "y": { "allOf": [{ "const": 1 }] },
                        "z": true
                    } }
                } } } } }
            } }
        }));
        let path = &doc["paths"]["/a"];
        assert_eq!(
            path["parameters"][0]["schema"],
            json!({ "type": "boolean", "nullable": true })
        );
        let props =
            &path["get"]["responses"]["200"]["content"]["application/json"]["schema"]["properties"];
        assert_eq!(
            props["x"]["items"],
            json!({ "type": "integer", "nullable": true })
        );
        assert_eq!(props["y"]["allOf"][0], json!({ "enum": [1] }));
        assert_eq!(props["z"], json!({}));
    }

    #[test]
    fn three_zero_documents_are_unchanged() {
        let original = json!({
            "openapi": "3.0.3",
            "paths": {},
            "components": { "schemas": { "S": {
                "type": "object", "nullable": true, "example": { "a": 1 },
                "properties": { "a": { "type": "integer", "minimum": 0, "exclusiveMinimum": true } }
            } } }
        });
        assert_eq!(normalised(original.clone()), original);
    }

    #[test]
    fn webhooks_only_document_gets_empty_paths() {
        let doc = normalised(json!({ "openapi": "3.1.0", "webhooks": { "e": {} } }));
        assert_eq!(doc["paths"], json!({}));
    }

    #[test]
    fn versions_and_empty_documents_are_reported() {
        for (doc, expected) in [
            (
                json!({ "swagger": "1.2", "paths": {} }),
                "Swagger version 1.2 is not supported",
            ),
            (
                json!({ "openapi": "4.0.0", "paths": {} }),
                "4.0.0 is not supported",
            ),
            (
                json!({ "openapi": 3.1, "paths": {} }),
                "must be a version string",
            ),
            (
                json!({ "openapi": "3.1.0", "info": {} }),
                "neither `paths` nor `webhooks`",
            ),
        ] {
            let mut doc = doc;
            let mut cx = Ctxt::new();
            normalise(&mut doc, &mut cx);
            let d = cx.finish("");
            assert!(d.has_errors() && d.to_string().contains(expected), "{d}");
        }
    }
}
