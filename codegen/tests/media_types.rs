//! Which media type the generator picks for a request body or a response, what it
//! generates for it, and what it still refuses. (`tests/tests/media.rs` checks the
//! generated client on the wire.)

use std::collections::BTreeMap;

mod common;
use common::assert_has;

/// A one-operation document: `POST /x` (`operationId: op`) with `operation` inside it.
fn document(operation: &str) -> String {
    format!(
        "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /x:\n    post:\n      operationId: op\n{operation}"
    )
}

fn generate(spec: &str) -> Result<BTreeMap<String, String>, String> {
    codegen::generate(spec, &codegen::Options::default())
        .map(|g| g.files)
        .map_err(|d| d.render("spec.yaml"))
}

fn operation(operation: &str) -> String {
    let files = generate(&document(operation)).unwrap_or_else(|e| panic!("{e}"));
    files["src/operations/op.rs"].clone()
}

const NO_CONTENT: &str = "      responses:\n        '204': {description: done}\n";

#[test]
fn the_best_offered_body_is_sent_and_the_others_are_named() {
    let op = operation(&format!(
        "      requestBody:\n        required: true\n        content:\n          application/octet-stream: {{}}\n          text/plain: {{schema: {{type: string}}}}\n          multipart/form-data:\n            schema: {{type: object, properties: {{a: {{type: string}}}}}}\n{NO_CONTENT}"
    ));
    assert_has!(
        op,
        "body: impl Into<crate::operations::OpMultipart>",
        "Sent as `multipart/form-data`, a part per field. The API also accepts \
         `application/octet-stream`, `text/plain`, which this client does not send.",
        "request.multipart(form);",
    );
    let op = operation(&format!(
        "      requestBody:\n        content:\n          application/octet-stream: {{}}\n          text/plain: {{schema: {{type: string}}}}\n{NO_CONTENT}"
    ));
    assert_has!(
        op,
        "pub fn body(mut self, body: impl Into<String>) -> Self",
        "if let Some(body) = self.body { request.text(\"text/plain\", body); }",
    );
}

#[test]
fn a_range_with_a_json_schema_is_json_and_without_one_bytes() {
    let json = operation(&format!(
        "      requestBody:\n        required: true\n        content:\n          '*/*': {{schema: {{type: object, properties: {{a: {{type: integer}}}}}}}}\n{NO_CONTENT}"
    ));
    assert_has!(json, "request.json(&OPERATION, &self.body)?;");
    let bytes = operation(&format!(
        "      requestBody:\n        required: true\n        content:\n          '*/*': {{schema: {{type: string, format: binary}}}}\n{NO_CONTENT}"
    ));
    assert_has!(
        bytes,
        "body: impl Into<crate::Body>",
        "request.upload(&OPERATION, self.body, \"application/octet-stream\")?;",
    );
}

#[test]
fn success_statuses_with_the_same_body_share_one_type() {
    let op = operation(
        "      responses:\n        '200': {description: a, content: {application/json: {schema: {type: string}}}}\n        '201': {description: b, content: {application/json: {schema: {type: string}}}}\n",
    );
    assert_has!(
        op,
        "pub fn send(self) -> impl std::future::Future<Output = Result<String, crate::Error>>",
        "return response.json();",
    );
    assert!(!op.contains("pub enum"), "{op}");
}

#[test]
fn success_statuses_with_different_bodies_make_an_enum() {
    let op = operation(
        "      responses:\n        '200': {description: a, content: {text/csv: {schema: {type: string}}}}\n        '2XX': {description: b, content: {application/zip: {}}}\n        '206': {description: c}\n",
    );
    assert_has!(
        op,
        "pub enum OpResponse {",
        "Ok(String),",
        "PartialContent,",
        "Success(bytes::Bytes),",
        "200 => response.text_into(OpResponse::Ok),",
        "206 => response.empty_as(OpResponse::PartialContent),",
        "_ => response.binary_into(OpResponse::Success),",
        "accept: \"text/csv, application/zip\"",
    );
    // A `2XX` range catches every other success: no `Other`.
    assert!(!op.contains("Other(String)"), "{op}");
}

#[test]
fn a_default_response_is_the_success_only_without_2xx_responses() {
    let only = operation(
        "      responses:\n        default: {description: d, content: {application/json: {schema: {type: integer}}}}\n",
    );
    assert_has!(
        only,
        "Result<i64, crate::Error>",
        "Err(response.api_error_without_body())"
    );
    let with_2xx = operation(
        "      responses:\n        '204': {description: ok}\n        default: {description: d, content: {application/json: {schema: {type: integer}}}}\n",
    );
    assert_has!(
        with_2xx,
        "Result<(), crate::Error>",
        "Err(response.api_error(crate::ErrorBody::I64))"
    );
}

#[test]
fn only_apis_that_need_them_get_the_optional_runtime() {
    let plain = generate(&document(NO_CONTENT)).expect("generates");
    let manifest = &plain["Cargo.toml"];
    assert!(!manifest.contains("bytes") && !manifest.contains("form_urlencoded"));
    assert!(
        manifest.contains(r#"features = ["rustls-tls", "http2"]"#),
        "{manifest}"
    );
    assert!(!plain.contains_key("src/runtime/body.rs"));
    assert!(!plain.contains_key("src/runtime/form.rs"));
    assert!(!plain.contains_key("src/runtime/multipart.rs"));

    let form = generate(&document(&format!(
        "      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema: {{type: object, properties: {{a: {{type: string}}}}}}\n{NO_CONTENT}"
    )))
    .expect("generates");
    assert!(form.contains_key("src/runtime/form.rs"));
    assert!(!form.contains_key("src/runtime/body.rs"));
    assert!(form["Cargo.toml"].contains("form_urlencoded = "));
    assert!(form["src/runtime/mod.rs"].contains("pub(crate) mod form;"));
}

#[test]
fn a_form_body_that_is_not_an_object_is_taken_encoded() {
    let spec = document(&format!(
        "      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema: {{type: array, items: {{type: string}}}}\n{NO_CONTENT}"
    ));
    let generated = codegen::generate(&spec, &codegen::Options::default())
        .unwrap_or_else(|d| panic!("generated despite the flaw:\n{d}"));
    let warnings = generated.warnings.render("spec.yaml");
    assert!(
        warnings.contains("body must be an object")
            && warnings.contains("the client takes the form already encoded")
            && warnings.contains(
                "#/paths/~1x/post/requestBody/content/application~1x-www-form-urlencoded"
            ),
        "{warnings}"
    );
    let op = &generated.files["src/operations/op.rs"];
    assert_has!(
        op,
        "pub fn body(mut self, body: impl Into<crate::Body>) -> Self",
        "request.upload(&OPERATION, body, \"application/x-www-form-urlencoded\")?;",
        "give the form already encoded",
    );
}

#[test]
fn an_event_stream_is_bytes_to_stream() {
    let op = operation(
        "      responses:\n        '200': {description: events, content: {text/event-stream: {schema: {type: string}}}}\n",
    );
    assert_has!(
        op,
        "pub fn send(self) -> impl std::future::Future<Output = Result<bytes::Bytes, crate::Error>>",
        "pub fn send_streaming( mut self, ) -> impl std::future::Future<Output = Result<crate::Response<crate::ByteStream>, crate::Error>>",
        "accept: \"text/event-stream\"",
    );
}
