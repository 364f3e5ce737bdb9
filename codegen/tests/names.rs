//! What the generator makes of `fixtures/names.yaml`: names that collide with the
//! prelude, the crate's own names and each other, and names that are not ASCII. Each is
//! fixed deterministically (see the README's "Names"); `.ci/run` builds the crate with
//! clippy.

use std::collections::BTreeMap;

mod common;
use common::{assert_has, file};

fn generated() -> BTreeMap<String, String> {
    let spec = include_str!("fixtures/names.yaml");
    codegen::generate(spec, &codegen::Options::default())
        .unwrap_or_else(|d| panic!("{d}"))
        .files
}

#[test]
fn models_named_like_prelude_or_crate_types_get_a_model_suffix() {
    let models = file(&generated(), "src/models.rs");
    assert_has!(
        models,
        "pub struct StringModel {",
        "pub struct OptionModel {",
        "pub some: Option<BoxModel>,",
        "pub struct ResultModel {",
        "pub err: Option<VecModel>,",
        "pub type VecModel = Vec<String>;",
        "pub struct ClientModel {",
        "pub error: Option<ErrorModel>,",
        "pub response: Option<ResponseModel>,",
    );
    assert!(!models.contains("pub struct String {"), "{models}");
}

#[test]
fn names_that_collide_after_casing_are_numbered_in_document_order() {
    let models = file(&generated(), "src/models.rs");
    assert_has!(
        models,
        "pub type Foo = String;",
        "pub type Foo2 = i64;",
        "pub type FooBar = bool;",
        "pub type FooBar2 = f64;",
        "#[serde(rename = \"fooBar\")] pub foo_bar: String,",
        "#[serde(rename = \"foo_bar\", skip_serializing_if = \"Option::is_none\")] pub foo_bar2: Option<String>,",
        "#[serde(rename = \"FooBar\", skip_serializing_if = \"Option::is_none\")] pub foo_bar3: Option<String>,",
    );
}

#[test]
fn names_that_are_not_ascii_are_transliterated() {
    let files = generated();
    let models = file(&files, "src/models.rs");
    assert_has!(
        models,
        "pub enum Uber {",
        "pub struct Donnees {",
        "#[serde(rename = \"名前\", skip_serializing_if = \"Option::is_none\")] pub ming_qian: Option<String>,",
        // Sent, so decoded only under `round-trip`, by the same wire names.
        "\"名前\" => ming_qian: Option<String>,",
        "SlightSmile(\"🙂\")",
    );
    assert_has!(
        file(&files, "src/operations/creer_utilisateur.rs"),
        "pub fn creer_utilisateur(&self, body: impl Into<crate::models::Donnees>)",
    );
    assert!(files.contains_key("src/operations/huo_qu_yong_hu.rs"));
}

#[test]
fn operation_ids_with_punctuation_and_reserved_names() {
    let files = generated();
    for (module, method) in [
        ("users_get", "users_get"),
        ("users_list", "users_list"),
        ("get_users", "get_users"),
        ("get_user", "get_user"),
        ("get_user2", "get_user2"),
        // `Client::new` and `Client::builder` are the client's own.
        ("new2", "new2"),
        ("builder2", "builder2"),
    ] {
        let op = file(&files, &format!("src/operations/{module}.rs"));
        assert_has!(op, &format!("pub fn {method}(&self"));
    }
}

#[test]
fn titles_and_versions_of_any_shape_make_a_valid_manifest() {
    let manifest = file(&generated(), "Cargo.toml");
    assert!(
        manifest.contains(
            r#"description = "Client for the Names \"that\" survive anything \\ at all, generated from its OpenAPI description""#
        ),
        "{manifest}"
    );
    assert!(manifest.contains("version = \"0.1.0\""), "{manifest}");
}

/// Two operations that share component parameters, a request body and a response.
const SHARED: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    post:
      operationId: firstOp
      parameters:
        - $ref: '#/components/parameters/direction'
        - $ref: '#/components/parameters/visibility'
      requestBody: {$ref: '#/components/requestBodies/note'}
      responses:
        '200': {description: ok}
        '503': {$ref: '#/components/responses/service_unavailable'}
  /b:
    post:
      operationId: secondOp
      parameters:
        - $ref: '#/components/parameters/direction'
        - $ref: '#/components/parameters/visibility'
      requestBody: {$ref: '#/components/requestBodies/note'}
      responses:
        '200': {description: ok}
        '503': {$ref: '#/components/responses/service_unavailable'}
components:
  schemas:
    Visibility: {type: object, properties: {public: {type: boolean}}}
  parameters:
    direction:
      {name: direction, in: query, schema: {type: string, enum: [asc, desc]}}
    visibility:
      {name: visibility, in: query, schema: {type: string, enum: [public, private]}}
  requestBodies:
    note:
      content:
        application/json:
          schema: {type: object, properties: {text: {type: string}}}
  responses:
    service_unavailable:
      description: down
      content:
        application/json:
          schema: {type: object, properties: {message: {type: string}}}
"#;

#[test]
fn types_of_shared_components_are_named_after_the_component() {
    let generated = codegen::generate(SHARED, &codegen::Options::default())
        .unwrap_or_else(|d| panic!("{d}"))
        .files;
    let models = file(&generated, "src/models.rs");
    assert_has!(
        models,
        "pub enum Direction {",
        // A schema took `Visibility`: the parameter's type says what it is.
        "pub enum VisibilityParameter {",
        "pub struct NoteBody {",
        "pub struct ServiceUnavailableResponse {"
    );
    assert!(!models.contains("FirstOp"), "{models}");
}

/// Two operations of one path share a path-level parameter with an inline enum, and
/// another path has one of the same name; two operations of another path have the same
/// inline body and enum, written twice.
const PATH_LEVEL: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /items:
    parameters:
      - {name: direction, in: query, schema: {type: string, enum: [asc, desc]}}
    get:
      operationId: listItems
      responses: {'200': {description: ok}}
    delete:
      operationId: deleteItems
      responses: {'204': {description: gone}}
  /items/{id}/notes:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
      - {name: direction, in: query, schema: {type: string, enum: [up, down]}}
    get:
      operationId: listNotes
      responses: {'200': {description: ok}}
  /issues/{id}/comments:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
    post:
      operationId: issuesCreateComment
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [text]
              properties:
                text: {type: string}
                mood: {type: string, enum: [happy, sad]}
      responses: {'201': {description: ok}}
    patch:
      operationId: issuesUpdateComment
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [text]
              properties:
                text: {type: string}
                mood: {type: string, enum: [happy, sad]}
      responses: {'200': {description: ok}}
"#;

#[test]
fn a_path_level_parameter_is_named_after_itself_not_an_operation() {
    let generated = codegen::generate(PATH_LEVEL, &codegen::Options::default())
        .unwrap_or_else(|d| panic!("{d}"))
        .files;
    let models = file(&generated, "src/models.rs");
    // Another path's `direction`, taken by then, is qualified by its path.
    assert_has!(
        models,
        "pub enum Direction {",
        "pub enum ItemsNotesDirection {"
    );
    for op in ["ListItems", "DeleteItems", "ListNotes"] {
        assert!(!models.contains(op), "{op} names a shared type:\n{models}");
    }
    for op in ["list_items", "delete_items"] {
        let ops = file(&generated, &format!("src/operations/{op}.rs"));
        assert_has!(ops, "crate::models::Direction");
    }
}

#[test]
fn copies_in_several_operations_are_one_type_named_for_what_they_share() {
    let generated = codegen::generate(PATH_LEVEL, &codegen::Options::default())
        .unwrap_or_else(|d| panic!("{d}"))
        .files;
    let models = file(&generated, "src/models.rs");
    // The one type takes what the operations' names have in common; each operation
    // keeps its own name, an alias of it.
    assert_has!(
        models,
        "pub struct IssuesCommentBody {",
        "pub mood: Option<IssuesCommentBodyMood>,",
        "pub type IssuesCreateCommentBody = IssuesCommentBody;",
        "pub type IssuesUpdateCommentBody = IssuesCommentBody;",
        "pub enum IssuesCommentBodyMood {",
        "pub type IssuesCreateCommentBodyMood = IssuesCommentBodyMood;",
        "pub type IssuesUpdateCommentBodyMood = IssuesCommentBodyMood;",
    );
    for op in ["issues_create_comment", "issues_update_comment"] {
        let code = file(&generated, &format!("src/operations/{op}.rs"));
        let other = if op.contains("create") {
            "IssuesUpdateComment"
        } else {
            "IssuesCreateComment"
        };
        assert!(!code.contains(other), "{op} names {other}:\n{code}");
    }
}
