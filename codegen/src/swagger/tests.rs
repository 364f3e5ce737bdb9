use serde_json::{json, Value};

use super::*;

/// `doc` converted, what moved, and the diagnostics as text.
fn converted(doc: Value) -> (Value, Moves, String) {
    let mut doc = doc;
    let mut cx = Ctxt::new();
    let moves = convert(&mut doc, &mut cx)
        .map(|c| c.moves)
        .unwrap_or_default();
    let d = cx.finish("");
    assert!(!d.has_errors(), "{d}");
    (doc, moves, d.to_string())
}

/// A 2.0 document with `fields` beside `swagger` and `info`.
fn swagger(fields: Value) -> Value {
    let mut doc = json!({ "swagger": "2.0", "info": { "title": "t", "version": "1" } });
    if let (Some(doc), Value::Object(fields)) = (doc.as_object_mut(), fields) {
        doc.extend(fields);
    }
    doc
}

/// A document whose one operation, `POST /a`, has `op`'s fields.
fn operation(op: Value) -> Value {
    swagger(json!({ "paths": { "/a": { "post": op } } }))
}

fn op_of(doc: &Value) -> &Value {
    &doc["paths"]["/a"]["post"]
}

#[test]
fn other_versions_are_untouched() {
    for doc in [
        json!({ "openapi": "3.0.3", "paths": {}, "definitions": {} }),
        json!({ "swagger": "1.2", "paths": {} }),
        json!({ "swagger": "2.0", "openapi": "3.1.0", "paths": {} }),
    ] {
        let (out, moves, warnings) = converted(doc.clone());
        assert_eq!(out, doc);
        assert_eq!(moves, Moves::default());
        assert_eq!(warnings, "");
    }
}

#[test]
fn version_info_and_extensions() {
    let (doc, moves, _) = converted(swagger(json!({
        "paths": {}, "x-logo": { "url": "l" }, "tags": [{ "name": "t" }]
    })));
    assert_eq!(
        doc,
        json!({
            "openapi": "3.0.3", "info": { "title": "t", "version": "1" },
            "paths": {}, "x-logo": { "url": "l" }, "tags": [{ "name": "t" }]
        })
    );
    assert_eq!(moves.original("/openapi"), "/swagger");
    // Unquoted in YAML, the version is a number.
    let (doc, _, _) = converted(json!({ "swagger": 2.0, "paths": {} }));
    assert_eq!(doc["openapi"], "3.0.3");
}

#[test]
fn host_base_path_and_schemes_are_servers() {
    let servers = |fields| converted(swagger(fields)).0["servers"].clone();
    assert_eq!(
        servers(
            json!({ "host": "api.example.com:8443", "basePath": "/v2", "schemes": ["http", "https"], "paths": {} })
        ),
        json!([{ "url": "http://api.example.com:8443/v2" }, { "url": "https://api.example.com:8443/v2" }])
    );
    // No scheme: the one the document was read with, which is unknown; HTTPS.
    assert_eq!(
        servers(json!({ "host": "h", "basePath": "/", "paths": {} })),
        json!([{ "url": "https://h" }])
    );
    // No host: where the document is served, a relative URL.
    assert_eq!(
        servers(json!({ "basePath": "/api/", "paths": {} })),
        json!([{ "url": "/api" }])
    );
    assert_eq!(servers(json!({ "paths": {} })), Value::Null);
    let (doc, moves, warnings) = converted(swagger(
        json!({ "host": "h", "schemes": ["wss", "https"], "paths": {} }),
    ));
    assert_eq!(doc["servers"], json!([{ "url": "https://h" }]));
    assert!(warnings.contains("#/schemes/0"), "{warnings}");
    assert_eq!(moves.original("/servers/0/url"), "/host");
    assert_eq!(moves.original("/servers"), "/host");
}

#[test]
fn operation_schemes_are_its_servers() {
    let (doc, _, _) = converted(swagger(json!({
        "host": "h", "basePath": "/b",
        "paths": { "/a": { "get": { "schemes": ["http"], "responses": {} } } }
    })));
    assert_eq!(
        doc["paths"]["/a"]["get"],
        json!({ "responses": {}, "servers": [{ "url": "http://h/b" }] })
    );
}

#[test]
fn sections_move_into_components_and_references_follow() {
    let (doc, moves, _) = converted(swagger(json!({
        "paths": { "/a": { "get": {
            "parameters": [{ "$ref": "#/parameters/limit" }],
            "responses": {
                "200": { "description": "ok", "schema": { "$ref": "#/definitions/A/properties/b" } },
                "default": { "$ref": "#/responses/Error" }
            }
        } } },
        "definitions": {
            "A": { "type": "object", "properties": {
                "b": { "type": "string" },
                "default": { "$ref": "#/definitions/A" },
                "example": { "$ref": "#/definitions/A" }
            }, "example": { "$ref": "#/definitions/A" } }
        },
        "parameters": { "limit": { "name": "limit", "in": "query", "type": "integer" } },
        "responses": { "Error": { "description": "e" } }
    })));
    let a = &doc["components"]["schemas"]["A"];
    assert_eq!(a["properties"]["default"]["$ref"], "#/components/schemas/A");
    assert_eq!(a["properties"]["example"]["$ref"], "#/components/schemas/A");
    // Examples are data: left as written.
    assert_eq!(a["example"]["$ref"], "#/definitions/A");
    let op = &doc["paths"]["/a"]["get"];
    assert_eq!(
        op["parameters"][0],
        json!({ "$ref": "#/components/parameters/limit" })
    );
    assert_eq!(
        op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/A/properties/b"
    );
    assert_eq!(
        op["responses"]["default"],
        json!({ "$ref": "#/components/responses/Error" })
    );
    assert_eq!(
        doc["components"]["parameters"]["limit"],
        json!({ "name": "limit", "in": "query", "schema": { "type": "integer" } })
    );
    assert_eq!(
        doc["components"]["responses"]["Error"],
        json!({ "description": "e" })
    );
    assert!(doc.get("definitions").is_none() && doc.get("parameters").is_none());
    assert_eq!(
        moves.original("/components/schemas/A/properties/b"),
        "/definitions/A/properties/b"
    );
    assert_eq!(
        moves.original("/components/parameters/limit/schema/type"),
        "/parameters/limit/type"
    );
    assert_eq!(
        moves.original("/components/responses/Error"),
        "/responses/Error"
    );
}

#[test]
fn a_body_parameter_with_a_type_instead_of_a_schema_reads_it_as_its_schema() {
    let (doc, _, warnings) = converted(operation(json!({
        "consumes": ["text/plain"],
        "parameters": [
            { "name": "text", "in": "body", "type": "string", "default": "hi" }
        ],
        "responses": {}
    })));
    assert_eq!(
        op_of(&doc)["requestBody"]["content"]["text/plain"]["schema"],
        json!({ "type": "string", "default": "hi" })
    );
    assert!(warnings.contains("read as its schema"), "{warnings}");
}

#[test]
fn body_parameter_is_the_request_body() {
    let (doc, moves, _) = converted(swagger(json!({
        "definitions": { "Pet": {} },
        "consumes": ["application/json", "application/xml"],
        "paths": { "/a": { "post": {
            "parameters": [
                { "name": "q", "in": "query", "type": "string" },
                { "name": "pet", "in": "body", "required": true, "description": "The pet.",
                  "x-ms-client-flatten": true, "schema": { "$ref": "#/definitions/Pet" } }
            ],
            "responses": {}
        } } }
    })));
    let op = op_of(&doc);
    assert_eq!(
        op["requestBody"],
        json!({
            "required": true, "description": "The pet.", "x-ms-client-flatten": true,
            "content": {
                "application/json": { "schema": { "$ref": "#/components/schemas/Pet" } },
                "application/xml": { "schema": { "$ref": "#/components/schemas/Pet" } }
            }
        })
    );
    assert_eq!(op["parameters"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        moves.original("/paths/~1a/post/requestBody"),
        "/paths/~1a/post/parameters/1"
    );
    assert_eq!(
        moves.original("/paths/~1a/post/requestBody/content/application~1xml/schema/x"),
        "/paths/~1a/post/parameters/1/schema/x"
    );
}

#[test]
fn media_types_default_to_json_and_operations_override() {
    let (doc, _, _) = converted(operation(json!({
        "parameters": [{ "name": "b", "in": "body", "schema": { "type": "string" } }],
        "responses": { "200": { "description": "ok", "schema": { "type": "string" } } }
    })));
    let op = op_of(&doc);
    assert_eq!(
        op["requestBody"]["content"],
        json!({ "application/json": { "schema": { "type": "string" } } })
    );
    assert_eq!(
        op["responses"]["200"]["content"],
        json!({ "application/json": { "schema": { "type": "string" } } })
    );
    let (doc, _, _) = converted(swagger(json!({
        "produces": ["application/xml"],
        "paths": { "/a": { "post": {
            "consumes": ["text/plain"], "produces": ["text/csv"],
            "parameters": [{ "name": "b", "in": "body", "schema": { "type": "string" } }],
            "responses": { "200": { "description": "ok", "schema": { "type": "string" },
                "examples": { "text/csv": "a,b", "text/html": "<p>" } } }
        } } }
    })));
    let op = op_of(&doc);
    assert!(op.get("consumes").is_none() && op.get("produces").is_none());
    assert_eq!(
        op["requestBody"]["content"],
        json!({ "text/plain": { "schema": { "type": "string" } } })
    );
    assert_eq!(
        op["responses"]["200"],
        json!({ "description": "ok", "content": { "text/csv": { "schema": { "type": "string" }, "example": "a,b" } } })
    );
}

#[test]
fn referred_body_is_a_component_request_body() {
    let doc = |op_consumes: Value| {
        let mut op = json!({ "parameters": [{ "$ref": "#/parameters/Pet" }], "responses": {} });
        if !op_consumes.is_null() {
            op["consumes"] = op_consumes;
        }
        swagger(json!({
            "paths": { "/a": { "post": op } },
            "parameters": { "Pet": { "name": "pet", "in": "body", "required": true, "schema": { "type": "object" } } }
        }))
    };
    let (same, moves, _) = converted(doc(Value::Null));
    assert_eq!(
        op_of(&same)["requestBody"],
        json!({ "$ref": "#/components/requestBodies/Pet" })
    );
    assert_eq!(op_of(&same)["parameters"], json!([]));
    assert_eq!(
        same["components"]["requestBodies"]["Pet"],
        json!({ "required": true, "content": { "application/json": { "schema": { "type": "object" } } } })
    );
    assert!(same["components"].get("parameters").is_none());
    assert_eq!(
        moves.original("/paths/~1a/post/requestBody"),
        "/parameters/Pet"
    );
    // Other media types than the document's: a copy with them.
    let (other, _, _) = converted(doc(json!(["application/xml"])));
    assert_eq!(
        op_of(&other)["requestBody"],
        json!({ "required": true, "content": { "application/xml": { "schema": { "type": "object" } } } })
    );
}

#[test]
fn form_fields_are_a_url_encoded_body() {
    let (doc, moves, _) = converted(swagger(json!({
        "paths": { "/a": { "post": {
            "consumes": ["application/x-www-form-urlencoded"],
            "parameters": [
                { "name": "name", "in": "formData", "required": true, "type": "string", "description": "d" },
                { "name": "tags", "in": "formData", "type": "array", "items": { "type": "string" }, "collectionFormat": "multi" },
                { "name": "ids", "in": "formData", "type": "array", "items": { "type": "integer" } },
                { "$ref": "#/parameters/shared" }
            ],
            "responses": {}
        } } },
        "parameters": { "shared": { "name": "shared", "in": "formData", "type": "boolean" } }
    })));
    assert_eq!(
        op_of(&doc)["requestBody"],
        json!({ "required": true, "content": { "application/x-www-form-urlencoded": {
            "schema": { "type": "object", "properties": {
                "name": { "type": "string", "description": "d" },
                "tags": { "type": "array", "items": { "type": "string" } },
                "ids": { "type": "array", "items": { "type": "integer" } },
                "shared": { "type": "boolean" }
            }, "required": ["name"] },
            "encoding": {
                "tags": { "style": "form", "explode": true },
                "ids": { "style": "form", "explode": false }
            }
        } } })
    );
    assert!(doc.get("components").is_none());
    let schema = "/paths/~1a/post/requestBody/content/application~1x-www-form-urlencoded/schema";
    assert_eq!(
        moves.original(&format!("{schema}/properties/tags/items")),
        "/paths/~1a/post/parameters/1/items"
    );
    assert_eq!(
        moves.original(&format!("{schema}/properties/shared")),
        "/parameters/shared"
    );
}

#[test]
fn a_file_field_makes_a_multipart_body() {
    let (doc, _, _) = converted(operation(json!({
        "consumes": ["application/x-www-form-urlencoded"],
        "parameters": [
            { "name": "file", "in": "formData", "type": "file", "required": true },
            { "name": "note", "in": "formData", "type": "string" }
        ],
        "responses": { "200": { "description": "ok", "schema": { "type": "file" } } }
    })));
    let op = op_of(&doc);
    assert_eq!(
        op["requestBody"],
        json!({ "required": true, "content": { "multipart/form-data": { "schema": {
            "type": "object",
            "properties": { "file": { "type": "string", "format": "binary" }, "note": { "type": "string" } },
            "required": ["file"]
        } } } })
    );
    assert_eq!(
        op["responses"]["200"]["content"]["application/json"]["schema"],
        json!({ "type": "string", "format": "binary" })
    );
    // `consumes: multipart/form-data` alone makes one too.
    let (doc, _, _) = converted(operation(json!({
        "consumes": ["multipart/form-data"],
        "parameters": [{ "name": "note", "in": "formData", "type": "string" }],
        "responses": {}
    })));
    assert!(op_of(&doc)["requestBody"]["content"]["multipart/form-data"].is_object());
}

#[test]
fn collection_formats_are_styles() {
    let param = |place: &str, format: Value| {
        let mut p =
            json!({ "name": "p", "in": place, "type": "array", "items": { "type": "string" } });
        if !format.is_null() {
            p["collectionFormat"] = format;
        }
        if place == "path" {
            p["required"] = json!(true);
        }
        let (doc, _, warnings) =
            converted(operation(json!({ "parameters": [p], "responses": {} })));
        let p = &op_of(&doc)["parameters"][0];
        assert_eq!(p["schema"]["type"], "array");
        assert!(p.get("collectionFormat").is_none());
        ((p["style"].clone(), p["explode"].clone()), warnings)
    };
    for (place, format, style, explode, warns) in [
        ("query", Value::Null, "form", false, false),
        ("query", json!("csv"), "form", false, false),
        ("query", json!("ssv"), "spaceDelimited", false, false),
        ("query", json!("pipes"), "pipeDelimited", false, false),
        ("query", json!("multi"), "form", true, false),
        ("query", json!("tsv"), "form", false, true),
        ("path", Value::Null, "simple", false, false),
        ("path", json!("ssv"), "simple", false, true),
        ("header", json!("csv"), "simple", false, false),
        ("header", json!("multi"), "simple", false, true),
    ] {
        let ((s, e), warnings) = param(place, format.clone());
        assert_eq!((s, e), (json!(style), json!(explode)), "{place} {format}");
        assert_eq!(
            warnings.contains("#/paths/~1a/post/parameters/0/collectionFormat"),
            warns,
            "{place} {format}: {warnings}"
        );
    }
}

#[test]
fn parameter_keywords_move_into_the_schema() {
    let (doc, _, warnings) = converted(operation(json!({
        "parameters": [
            { "name": "n", "in": "query", "description": "d", "required": true, "allowEmptyValue": true,
              "type": "integer", "format": "int32", "default": 3, "minimum": 1, "maximum": 9,
              "exclusiveMaximum": true, "multipleOf": 2, "enum": [2, 4], "x-nullable": true, "x-ext": 1 },
            { "name": "m", "in": "query", "type": "array", "collectionFormat": "multi",
              "items": { "type": "array", "collectionFormat": "pipes", "items": { "type": "string", "pattern": "^a" } } },
            { "name": "h", "in": "header", "type": "string", "allowEmptyValue": true, "maxLength": 3 }
        ],
        "responses": {}
    })));
    let params = &op_of(&doc)["parameters"];
    assert_eq!(
        params[0],
        json!({ "name": "n", "in": "query", "description": "d", "required": true, "allowEmptyValue": true,
                "x-ext": 1, "schema": { "type": "integer", "format": "int32", "default": 3, "maximum": 9,
                "exclusiveMaximum": true, "minimum": 1, "enum": [2, 4], "multipleOf": 2, "nullable": true } })
    );
    assert_eq!(
        params[1]["schema"],
        json!({ "type": "array", "items": { "type": "array", "items": { "type": "string", "pattern": "^a" } } })
    );
    assert!(
        warnings.contains("#/paths/~1a/post/parameters/1/items/collectionFormat"),
        "{warnings}"
    );
    assert_eq!(
        params[2],
        json!({ "name": "h", "in": "header", "schema": { "type": "string", "maxLength": 3 } })
    );
}

#[test]
fn schemas_nullable_file_and_discriminator() {
    let (doc, _, _) = converted(swagger(json!({
        "paths": {},
        "definitions": {
            "Pet": { "type": "object", "discriminator": "kind", "required": ["kind"], "x-nullable": true,
                "properties": {
                    "kind": { "type": "string" },
                    "photo": { "type": "file" },
                    "owner": { "$ref": "#/definitions/Owner", "x-nullable": true },
                    "tags": { "type": "array", "items": { "type": "string", "x-nullable": true } },
                    "extra": { "additionalProperties": { "type": "integer", "x-nullable": false } }
                } },
            "Cat": { "allOf": [{ "$ref": "#/definitions/Pet" }, { "properties": { "n": { "type": "string", "x-nullable": true } } }] },
            "Owner": {}
        }
    })));
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["Pet"]["discriminator"],
        json!({ "propertyName": "kind" })
    );
    assert_eq!(schemas["Pet"]["nullable"], true);
    let props = &schemas["Pet"]["properties"];
    assert_eq!(
        props["photo"],
        json!({ "type": "string", "format": "binary" })
    );
    assert_eq!(
        props["owner"],
        json!({ "$ref": "#/components/schemas/Owner", "nullable": true })
    );
    assert_eq!(
        props["tags"]["items"],
        json!({ "type": "string", "nullable": true })
    );
    assert_eq!(
        props["extra"]["additionalProperties"],
        json!({ "type": "integer", "nullable": false })
    );
    assert_eq!(
        schemas["Cat"]["allOf"][1]["properties"]["n"]["nullable"],
        true
    );
}

#[test]
fn response_headers_are_header_objects() {
    let (doc, moves, warnings) = converted(operation(json!({
        "responses": { "200": { "description": "ok", "headers": {
            "X-Rate": { "type": "integer", "description": "d" },
            "x-next": { "type": "string" },
            "X-List": { "type": "array", "items": { "type": "string" }, "collectionFormat": "pipes" }
        } } }
    })));
    let headers = &op_of(&doc)["responses"]["200"]["headers"];
    assert_eq!(
        headers,
        &json!({
            "X-Rate": { "description": "d", "schema": { "type": "integer" } },
            "x-next": { "schema": { "type": "string" } },
            "X-List": { "schema": { "type": "array", "items": { "type": "string" } } }
        })
    );
    assert!(
        warnings.contains("headers/X-List/collectionFormat"),
        "{warnings}"
    );
    assert_eq!(
        moves.original("/paths/~1a/post/responses/200/headers/X-Rate/schema/type"),
        "/paths/~1a/post/responses/200/headers/X-Rate/type"
    );
}

#[test]
fn security_definitions_are_security_schemes() {
    let (doc, moves, _) = converted(swagger(json!({
        "paths": {},
        "security": [{ "key": [] }],
        "securityDefinitions": {
            "basic": { "type": "basic", "description": "d" },
            "key": { "type": "apiKey", "name": "X-Key", "in": "header", "x-ext": true },
            "implicit": { "type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a", "scopes": { "r": "read" } },
            "password": { "type": "oauth2", "flow": "password", "tokenUrl": "https://t", "scopes": {} },
            "application": { "type": "oauth2", "flow": "application", "tokenUrl": "https://t" },
            "accessCode": { "type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {} }
        }
    })));
    assert_eq!(doc["security"], json!([{ "key": [] }]));
    assert_eq!(
        doc["components"]["securitySchemes"],
        json!({
            "basic": { "type": "http", "scheme": "basic", "description": "d" },
            "key": { "type": "apiKey", "name": "X-Key", "in": "header", "x-ext": true },
            "implicit": { "type": "oauth2", "flows": { "implicit": { "authorizationUrl": "https://a", "scopes": { "r": "read" } } } },
            "password": { "type": "oauth2", "flows": { "password": { "tokenUrl": "https://t", "scopes": {} } } },
            "application": { "type": "oauth2", "flows": { "clientCredentials": { "tokenUrl": "https://t", "scopes": {} } } },
            "accessCode": { "type": "oauth2", "flows": { "authorizationCode": { "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {} } } }
        })
    );
    assert_eq!(
        moves.original("/components/securitySchemes/implicit/flows/implicit/authorizationUrl"),
        "/securityDefinitions/implicit/authorizationUrl"
    );
}

#[test]
fn path_item_bodies_reach_each_operation_and_x_ms_paths_convert() {
    let (doc, moves, _) = converted(swagger(json!({
        "paths": { "/a": {
            "parameters": [
                { "name": "id", "in": "path", "required": true, "type": "string" },
                { "name": "b", "in": "body", "schema": { "type": "string" } }
            ],
            "put": { "responses": {} },
            "post": { "parameters": [{ "name": "own", "in": "body", "schema": { "type": "integer" } }], "responses": {} }
        } },
        "x-ms-paths": { "/a?op=x": { "get": { "parameters": [{ "name": "q", "in": "query", "type": "string" }], "responses": {} } } }
    })));
    let item = &doc["paths"]["/a"];
    assert_eq!(
        item["parameters"],
        json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }])
    );
    assert_eq!(
        item["put"]["requestBody"]["content"]["application/json"]["schema"],
        json!({ "type": "string" })
    );
    assert_eq!(
        item["post"]["requestBody"]["content"]["application/json"]["schema"],
        json!({ "type": "integer" })
    );
    assert_eq!(
        moves.original("/paths/~1a/put/requestBody"),
        "/paths/~1a/parameters/1"
    );
    assert_eq!(
        doc["x-ms-paths"]["/a?op=x"]["get"]["parameters"][0],
        json!({ "name": "q", "in": "query", "schema": { "type": "string" } })
    );
}

#[test]
fn flaws_cost_their_place_only() {
    let (doc, _, warnings) = converted(swagger(json!({
        "paths": {
            "/a": { "get": {
                "parameters": [
                    { "name": "c", "in": "cookie", "type": "string" },
                    { "name": "x", "in": "query" },
                    "not a parameter",
                    { "name": "b1", "in": "body", "schema": {} },
                    { "name": "b2", "in": "body", "schema": {} }
                ],
                "responses": { "200": "not a response" }
            } },
            "/b": "not a path item"
        },
        "definitions": { "A": { "x-nullable": "yes", "discriminator": 3, "items": [{}] } },
        "securityDefinitions": { "s": { "type": "digest" }, "o": { "type": "oauth2", "flow": "magic" } },
        "responses": []
    })));
    for at in [
        "#/paths/~1a/get/parameters/0/in",
        "#/paths/~1a/get/parameters/1",
        "#/paths/~1a/get/parameters/4",
        "#/definitions/A/x-nullable",
        "#/definitions/A/discriminator",
        "#/definitions/A/items",
        "#/securityDefinitions/s/type",
        "#/securityDefinitions/o/flow",
        "#/responses",
    ] {
        assert!(warnings.contains(&format!("{at}\n")), "{at} in {warnings}");
    }
    let op = &doc["paths"]["/a"]["get"];
    assert_eq!(
        op["parameters"],
        json!([{ "name": "x", "in": "query", "schema": {} }, "not a parameter"])
    );
    assert_eq!(
        op["requestBody"]["content"]["application/json"]["schema"],
        json!({})
    );
    assert_eq!(doc["paths"]["/b"], "not a path item");
    assert_eq!(doc["components"]["securitySchemes"], json!({}));
}

#[test]
fn references_to_nothing_are_errors_in_2_0_terms() {
    let mut doc = swagger(json!({
        "consumes": ["application/json", "application/xml"],
        "paths": { "/a": { "post": {
            "parameters": [
                { "$ref": "#/parameters/nope" },
                { "name": "b", "in": "body", "schema": { "$ref": "#/definitions/Gone/properties/x" } }
            ],
            "responses": { "200": { "$ref": "#/responses/Missing" }, "201": { "$ref": "#/responses/Here" } }
        } } },
        "responses": { "Here": { "description": "ok" } }
    }));
    let mut cx = Ctxt::new();
    let _ = convert(&mut doc, &mut cx);
    let d = cx.finish("").to_string();
    for (reference, at) in [
        ("#/parameters/nope", "#/paths/~1a/post/parameters/0/$ref"),
        (
            "#/definitions/Gone/properties/x",
            "#/paths/~1a/post/parameters/1/schema/$ref",
        ),
        ("#/responses/Missing", "#/paths/~1a/post/responses/200/$ref"),
    ] {
        assert!(
            d.contains(&format!("unresolvable $ref `{reference}`")),
            "{d}"
        );
        assert!(d.contains(&format!("{at}\n")), "{at} in {d}");
    }
    assert_eq!(d.matches("unresolvable").count(), 3, "{d}");
}

#[test]
fn produces_is_the_accept_of_an_operation_whose_responses_have_no_body() {
    let spec = serde_json::to_string(&swagger(json!({
        "host": "x.test",
        "paths": { "/message": { "get": {
            "operationId": "getMessage",
            "produces": ["text/plain"],
            "responses": { "200": { "description": "OK" } }
        } } }
    })))
    .unwrap();
    let generated =
        crate::generate(&spec, &crate::Options::default()).unwrap_or_else(|d| panic!("{d}"));
    let op = &generated.files["src/operations/get_message.rs"];
    assert!(op.contains("accept: \"text/plain\","), "{op}");
}
