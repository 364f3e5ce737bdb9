//! Parameter styles: what the generator accepts and refuses, the code it emits for each,
//! and the documentation that says how a parameter is sent. (The bytes on the wire are
//! checked by `tests/tests/params.rs` and the runtime's own unit tests.)

mod common;
use common::assert_has;

/// A one-operation document with the path template `path` and `params` (each a
/// parameter object in YAML flow style).
fn spec(path: &str, params: &[&str]) -> String {
    let params: String = params.iter().map(|p| format!("        - {p}\n")).collect();
    format!(
        "\
openapi: 3.1.0
info: {{title: T, version: '1'}}
paths:
  {path}:
    get:
      operationId: op
      parameters:
{params}      responses:
        '204': {{description: ok}}
components:
  schemas:
    Rgb:
      type: object
      properties:
        R: {{type: integer}}
        G: {{type: integer}}
    Nested:
      type: object
      properties:
        tags: {{type: array, items: {{type: string}}}}
"
    )
}

/// The operation's file, or the errors.
fn op_file(spec: &str) -> Result<String, codegen::Diagnostics> {
    let generated = codegen::generate(spec, &codegen::Options::default())?;
    Ok(generated.files["src/operations/op.rs"].clone())
}

#[test]
fn every_style_cookies_and_content_generate() {
    let params = [
        "{name: id, in: path, required: true, style: matrix, explode: true, schema: {type: array, items: {type: string}}}",
        "{name: rgb, in: query, style: deepObject, explode: true, schema: {$ref: '#/components/schemas/Rgb'}}",
        "{name: deep, in: query, style: deepObject, schema: {$ref: '#/components/schemas/Nested'}}",
        "{name: tags, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}",
        "{name: q, in: query, allowReserved: true, schema: {type: string}}",
        "{name: session, in: cookie, required: true, schema: {type: string}}",
        "{name: X-Rgb, in: header, explode: true, schema: {$ref: '#/components/schemas/Rgb'}}",
        "{name: filter, in: query, content: {application/json: {schema: {$ref: '#/components/schemas/Nested'}}}}",
    ];
    let op = op_file(&spec("/things/{id}", &params)).unwrap_or_else(|d| panic!("{d}"));
    assert_has!(
        op,
        "Param::path(\"id\").style(crate::runtime::params::Style::Matrix).explode(true).segment(&OPERATION,&self.id)?",
        "Param::query(\"rgb\").style(crate::runtime::params::Style::DeepObject)",
        "Param::query(\"tags\").style(crate::runtime::params::Style::PipeDelimited).explode(false)",
        "Param::query(\"q\").allow_reserved()",
        "Param::cookie(\"session\")",
        "Param::header(\"X-Rgb\").explode(true)",
        "Param::query(\"filter\").json()",
        // Documentation of what is not plain `name=value`.
        // Of an argument, in the method's list of them.
        "///-`id`:Sentas`;id=a;id=b`for`[a,b]`(style`matrix`,`explode:true`).",
        "///Sentas`tags=a|b`for`[a,b]`(style`pipeDelimited`,`explode:false`).",
        "///Sentas`x=1,y=2`for`{x:1,y:2}`(style`simple`,`explode:true`).",
        "///-`session`:Sentinthe`Cookie`headeras`session=v`(style`form`,`explode:true`).",
        "///SentinthequeryasitsJSONtext(content`application/json`),e.g.`filter={\"x\":1}`beforepercent-encoding.",
    );
}

#[test]
fn primitives_in_the_default_style_stay_plain() {
    let params = [
        "{name: id, in: path, required: true, schema: {type: integer}}",
        "{name: limit, in: query, explode: false, schema: {type: integer}}",
        "{name: ids, in: query, schema: {type: array, items: {type: integer}}}",
        "{name: X-Trace, in: header, schema: {type: string}}",
    ];
    let op = op_file(&spec("/things/{id}", &params)).unwrap_or_else(|d| panic!("{d}"));
    assert_has!(
        op,
        "crate::runtime::http::encode_path_segment(&self.id.to_string())",
        "request.query(\"limit\",value.to_string());",
        "foriteminvalue{request.query(\"ids\",item.to_string());}",
        "request.header(\"X-Trace\",value.clone());",
    );
    assert!(!op.contains("runtime::params"), "{op}");
    assert!(!op.contains("Sent "), "no note for the usual cases:\n{op}");
}

#[test]
fn what_no_style_can_write_is_sent_as_json_text_with_a_located_warning() {
    let params = [
        "{name: id, in: path, required: true, schema: {type: array, items: {$ref: '#/components/schemas/Rgb'}}}",
        "{name: nested, in: query, schema: {$ref: '#/components/schemas/Nested'}}",
        "{name: X-Nested, in: header, schema: {$ref: '#/components/schemas/Nested'}}",
        "{name: note, in: query, content: {text/plain: {schema: {$ref: '#/components/schemas/Rgb'}}}}",
    ];
    let generated = codegen::generate(&spec("/things/{id}", &params), &codegen::Options::default())
        .unwrap_or_else(|d| panic!("generated despite the flaws:\n{d}"));
    let rendered = generated.warnings.render("spec.yaml");
    for expected in [
        "path parameter `id` holds arrays or objects inside an array or object, which style `simple` can't write; the client sends it as its JSON text",
        "spec.yaml:8:9",
        "#/paths/~1things~1{id}/get/parameters/0",
        "query parameter `nested` holds arrays or objects inside an array or object, which style `form` can't write; the client sends it as its JSON text, as `content: application/json` would; to send it otherwise, leave it unset and add the pairs with `.query_pair(name, value)`",
        "describe it with `style: deepObject`",
        "header parameter `X-Nested` holds arrays or objects inside an array or object, which style `simple` can't write; the client sends it as its JSON text, as `content: application/json` would; to send it otherwise, leave it unset and add the header with `.header(name, value)`",
        "query parameter `note` is given as `text/plain` content, which can only be sent for a string; the client takes it as text already written in `text/plain`",
    ] {
        assert!(rendered.contains(expected), "expected `{expected}` in:\n{rendered}");
    }
    assert_eq!(generated.warnings.0.len(), 4, "{rendered}");
    assert!(
        generated.warnings.0.iter().all(|d| d.help.is_some()),
        "every warning says what to do:\n{rendered}"
    );
    let op = &generated.files["src/operations/op.rs"];
    assert_has!(
        op,
        "Param::path(\"id\").json()",
        "Param::query(\"nested\").json()",
        "Param::header(\"X-Nested\").json()",
        "Param::query(\"note\")",
        "pub fn note(mut self, note: impl Into<String>) -> Self",
        "Style `form` can't write the arrays or objects this value holds: the client sends it as its JSON text instead.",
    );
}

#[test]
fn union_parameters_are_written_by_their_shape() {
    // A union of scalars is written as its value, like any scalar; a union that may be
    // an array is decided when sent.
    let params = [
        "{name: id, in: path, required: true, schema: {oneOf: [{type: integer}, {type: string}]}}",
        "{name: cwes, in: query, schema: {oneOf: [{type: string}, {type: array, items: {type: string}}]}}",
    ];
    let op = op_file(&spec("/things/{id}", &params)).unwrap_or_else(|d| panic!("{d}"));
    assert_has!(
        op,
        "&crate::runtime::http::encode_path_segment(&self.id.to_string()),",
        "Param::query(\"cwes\"), value, )?",
    );
}
