//! Pagination is recognised by the shape of an operation, whatever it is called: an
//! `after` cursor parameter, and a response with an array `data` and a `pagination`
//! object holding `has_more` and `next_cursor`.

fn spec(params: &str, envelope: &str) -> String {
    format!(
        "\
openapi: 3.1.0
info: {{title: T, version: '1'}}
servers: [{{url: 'https://example.com'}}]
paths:
  /widgets:
    get:
      operationId: fetchWidgetCollection
      parameters: {params}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Envelope'}}
components:
  schemas:
    Widget:
      type: object
      properties:
        id: {{type: string}}
    Envelope: {envelope}
"
    )
}

const CURSORS: &str = "[{name: after, in: query, schema: {type: string}}, {name: limit, in: query, schema: {type: integer}}]";
const PAGED: &str = "{type: object, required: [data, pagination], properties: {data: {type: array, items: {$ref: '#/components/schemas/Widget'}}, pagination: {type: object, required: [has_more], properties: {has_more: {type: boolean}, next_cursor: {type: [string, 'null']}}}}}";

mod common;
use common::{assert_has, file};

/// The generated `pagination.rs`, after checking that the operation and its response type
/// were generated (so a test that finds no paging has not just found nothing at all).
fn pagination_rs(params: &str, envelope: &str) -> String {
    let generated = codegen::generate(&spec(params, envelope), &codegen::Options::default())
        .unwrap_or_else(|d| panic!("{d}"));
    let files = generated.files;
    assert_has!(
        file(&files, "src/operations/fetch_widget_collection.rs"),
        "pub struct FetchWidgetCollection {",
        "pub fn send(self) -> impl std::future::Future<Output = Result<crate::models::Envelope, crate::Error>>",
    );
    assert_has!(file(&files, "src/models.rs"), "pub struct Envelope {");
    let pagination = file(&files, "src/pagination.rs");
    assert_has!(
        pagination,
        "pub use crate::runtime::pagination::{Items, Page, Pages};"
    );
    pagination
}

#[test]
fn the_shape_pages_whatever_the_operation_is_called() {
    let out = pagination_rs(CURSORS, PAGED);
    assert_has!(
        out,
        "impl Page for crate::models::Envelope",
        "impl crate::operations::FetchWidgetCollection",
        "type Item = crate::models::Widget;",
        // A nullable cursor and an inline pagination object work too.
        "self.pagination.next_cursor.as_deref()",
        "pub fn pages(self) -> Pages<crate::models::Envelope>",
    );
}

#[test]
fn an_envelope_without_pagination_does_not_page() {
    let envelope = "{type: object, properties: {data: {type: array, items: {$ref: '#/components/schemas/Widget'}}}}";
    let out = pagination_rs(CURSORS, envelope);
    assert!(!out.contains("impl Page for"), "{out}");
    assert!(!out.contains("fn pages"), "{out}");
}

#[test]
fn no_cursor_parameter_no_paging() {
    let params = "[{name: limit, in: query, schema: {type: integer}}]";
    let out = pagination_rs(params, PAGED);
    assert!(!out.contains("impl Page for"), "{out}");
    assert!(!out.contains("fn pages"), "{out}");
}

#[test]
fn a_pagination_object_without_has_more_does_not_page() {
    let envelope = PAGED
        .replace("has_more: {type: boolean}, ", "")
        .replace("required: [has_more]", "required: []");
    let out = pagination_rs(CURSORS, &envelope);
    assert!(!out.contains("impl Page for"), "{out}");
    assert!(!out.contains("fn pages"), "{out}");
}
