//! What the generator makes of `fixtures/edge-cases.yaml`: names, nullability,
//! composition, requests and docs. (`.ci/run` also builds that crate with clippy.)

use std::collections::BTreeMap;

mod common;
use common::{assert_has, file};

/// The generator config of the fixture (`.ci/run` builds the crate with it too).
const CONFIG: &str = include_str!("fixtures/edge-cases.codegen.yaml");

fn generated() -> BTreeMap<String, String> {
    let spec = include_str!("fixtures/edge-cases.yaml");
    let mut options = codegen::Options::default();
    options.crate_name = "edge-cases".to_owned();
    options.config = codegen::config::Config::parse(CONFIG, "edge-cases.codegen.yaml")
        .unwrap_or_else(|d| panic!("{d}"));
    codegen::generate(spec, &options)
        .unwrap_or_else(|d| panic!("{d}"))
        .files
}

#[test]
fn keywords_digits_and_acronyms_in_names() {
    let files = generated();
    let models = file(&files, "src/models.rs");
    assert_has!(
        models,
        // Received: the wire name is in `Deserialize` (the runtime's `deserialize_struct!`)
        // and, for `round-trip`'s `Serialize`, in the field's attribute.
        "#[cfg_attr(feature = \"round-trip\", serde(rename = \"type\"))] pub type_: Kind,",
        "\"type\" => type_: Kind,",
        "#[serde(rename = \"self\")] pub self_: String,",
        "#[serde(rename = \"2fa\")] pub _2fa: bool,",
        // Optional and nullable in a request body: absent, `null` and a value all differ.
        "#[serde(rename = \"async\", default, skip_serializing_if = \"Option::is_none\", deserialize_with = \"explicit_null\")] pub async_: Option<Option<String>>,",
        "pub required: Option<bool>,",
    );
    assert!(
        files.contains_key("src/operations/get_thing_part_by_id.rs"),
        "getThingPARTByID → get_thing_part_by_id"
    );
    let op = file(&files, "src/operations/get_thing_part_by_id.rs");
    assert_has!(
        op,
        "pub struct GetThingPartById",
        "pub fn type_(mut self, type_: impl Into<crate::models::Kind>) -> Self"
    );
}

#[test]
fn enum_values_that_are_hard_to_name() {
    let models = file(&generated(), "src/models.rs");
    assert_has!(
        models,
        "use crate::runtime::open_enum::{open_enum, open_int_enum};",
        "pub enum Kind {",
        "/// `Billing Manager`\nBillingManager,",
        "/// `parent-suspended`\nParentSuspended,",
        "/// `true`\nTrue,",
        "/// `1`\nN1,",
        "/// `unknown`\nUnknown,",
        "/// `Unknown`\nUnknown2,",
        // The fallback steps aside for the listed value `unknown`.
        "/// A value this version of the client does not know, kept as received.\nUnknownValue(String),\n}",
        // Each variant with its wire value, and the fallback, for the runtime's impls.
        "open_enum!(Kind { BillingManager(\"Billing Manager\"), ParentSuspended(\"parent-suspended\"), \
         True(\"true\"), False(\"false\"), N1(\"1\"), Value(\"\"), Unknown(\"unknown\"), \
         Unknown2(\"Unknown\"), Type(\"type\") } else UnknownValue);",
    );
}

#[test]
fn nullability_recursion_maps_and_formats() {
    let models = file(&generated(), "src/models.rs");
    assert_has!(
        models,
        // Required but nullable: always present, may be null.
        "Always sent; `None` is sent as `null`. pub nullable_required: Option<String>,",
        // Recursion through an optional field is boxed; through a Vec it needn't be.
        "pub parent: Option<Box<Node>>,",
        "pub children: Option<Vec<Node>>,",
        "pub labels: Option<std::collections::BTreeMap<String, String>>,",
        "pub extras: Option<std::collections::BTreeMap<String, serde_json::Value>>,",
        "pub matrix: Option<Vec<Vec<f64>>>,",
        "pub created: Option<chrono::DateTime<chrono::Utc>>,",
        "pub day: Option<chrono::NaiveDate>,",
        "pub mode: Option<ThingMode>,",
        "The API may send `null` wherever this type is used",
        "pub type Alias = Problem;",
        "pub type Strings = Vec<String>;",
    );
}

#[test]
fn all_of_merges_branches_and_required_narrowing() {
    let models = file(&generated(), "src/models.rs");
    assert_has!(
        models,
        "pub struct Detailed { #[cfg_attr(feature = \"round-trip\", serde(skip_serializing_if = \"Option::is_none\"))] pub title: Option<String>, pub detail: String, }",
        "deserialize_struct! { Detailed { detail: String, } optional { title: Option<String>, } }",
        // A branch that only narrows `required` makes no new type.
        "pub type Narrowed = Problem;",
    );
}

#[test]
fn requests_encode_every_parameter_kind() {
    let files = generated();
    let op = file(&files, "src/operations/get_thing_part_by_id.rs");
    assert_has!(
        op,
        "&crate::runtime::http::encode_path_segment(&self.thing_id.to_string()),",
        "&crate::runtime::http::encode_path_segment(&self.part),",
        "request.query(\"type\", value.as_str().to_owned());",
        "request.query(\"since\", value.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));",
        "for item in value { request.query(\"tags\", item.clone()); }",
        "request.header(\"X-Trace\", value.clone());",
        // A required query parameter is an argument.
        "page_size: i32) -> GetThingPartById",
        // A code declared without a body keeps its own arm ahead of its range's.
        "404 => response.api_error_without_body(), 400..=499 => response.api_error(crate::ErrorBody::Problem),",
        "_ => response.api_error(crate::ErrorBody::GetThingPartByIdDefaultResponseBody),",
        "security: &[&[\"Token\"]],",
    );
    let post = file(&files, "src/operations/post_things_thing_id_parts_part.rs");
    assert_has!(
        post,
        "part: impl Into<String>, body: impl Into<crate::models::PostThingsThingIdPartsPartBody>) -> PostThingsThingIdPartsPart",
        "request.json(&OPERATION, &self.body)?;",
        "pub fn send(self) -> impl std::future::Future<Output = Result<(), crate::Error>>",
        "return response.empty();",
        // `security: []` on the operation overrides the document's.
        "security: &[],",
    );
    let ping = file(&files, "src/operations/ping.rs");
    assert_has!(
        ping,
        "#[deprecated] pub fn ping(&self) -> Ping",
        "return response.text();",
        "accept: \"text/plain\","
    );
}

#[test]
fn server_variables_and_docs() {
    let files = generated();
    let client = file(&files, "src/client.rs");
    assert_has!(
        client,
        "pub const DEFAULT_BASE_URL: &str = \"https://eu.example.com/api\";",
        "env_prefix: \"EDGE\""
    );
    let lib = file(&files, "src/lib.rs");
    assert_has!(
        lib,
        "//! ```text\n//! curl https://example.com\n//! ```",
        "//!    indented text"
    );
    assert!(
        !lib.contains("//!     indented"),
        "four spaces would start a doctest:\n{lib}"
    );
}

#[test]
fn all_of_reuses_the_types_of_the_schema_it_extends() {
    let models = file(&generated(), "src/models.rs");
    assert_has!(
        models,
        // `Extended` is listed first, yet its inherited enum is `Base`'s own type.
        "pub struct Extended { #[cfg_attr(feature = \"round-trip\", serde(skip_serializing_if = \"Option::is_none\"))] pub state: Option<BaseState>,",
        "pub owner: Option<Problem>, pub secret: String, }",
        // An inline `allOf` that only narrows `required` is the referenced type.
        "pub struct Base { #[cfg_attr(feature = \"round-trip\", serde(skip_serializing_if = \"Option::is_none\"))] pub state: Option<BaseState>, #[cfg_attr(feature = \"round-trip\", serde(skip_serializing_if = \"Option::is_none\"))] pub owner: Option<Problem>, }",
        // A branch that narrows an enum the base defines is validation, not a new type.
        "pub type OnlyOn = Base;",
    );
    for absent in ["ExtendedState", "BaseOwner", "OnlyOnState"] {
        assert!(
            !models.contains(absent),
            "`{absent}` should not exist:\n{models}"
        );
    }
}

#[test]
fn parameters_give_way_to_per_request_options() {
    let files = generated();
    let op = file(&files, "src/operations/get_thing_part_by_id.rs");
    assert_has!(
        op,
        "pub fn timeout2(mut self, timeout2: impl Into<i64>) -> Self",
        "request.query(\"timeout\", value.to_string());",
        "pub fn header2(mut self, header2: impl Into<String>) -> Self",
        "request.query(\"header\", value.clone());",
        // The builder's `timeout` and `header` are the runtime's.
        "crate::runtime::http::request_options!();",
        "idempotency_key: false,",
        // By the config's `tags` rule.
        "rate_class: Some(\"general\"),",
    );
    let http = file(&files, "src/runtime/http.rs");
    assert_has!(
        http,
        "macro_rules! request_options",
        "pub fn timeout(mut self, timeout: std::time::Duration) -> Self",
        "pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self",
    );
}

#[test]
fn a_declared_idempotency_key_becomes_the_idempotency_option() {
    let files = generated();
    let post = file(&files, "src/operations/post_things_thing_id_parts_part.rs");
    assert_has!(
        post,
        "idempotency_key: true,",
        "pub fn idempotency_key(mut self, key: impl Into<String>) -> Self",
        // From `x-rate-limit-class: slow`.
        "rate_class: Some(\"slow\"),",
    );
    // Required in the spec, but not an argument: the client makes one when unset. The
    // header is sent by the runtime, never by the generated code.
    assert!(!post.contains("\"Idempotency-Key\""), "{post}");
    assert!(!post.contains("idempotency_key: impl"), "{post}");
    let ping = file(&files, "src/operations/ping.rs");
    assert!(!ping.contains("pub fn idempotency_key"), "{ping}");
    // No rule assigns `ping` a class, and the config has no default.
    assert_has!(ping, "rate_class: None,");
    let client = file(&files, "src/client.rs");
    assert_has!(
        client,
        "name: \"general\", per_second: 0.5, burst: 3,",
        "name: \"slow\", per_second: 2.0, burst: 1,"
    );
}

#[test]
fn an_undefined_rate_limit_class_is_an_error() {
    let spec = include_str!("fixtures/edge-cases.yaml")
        .replace("x-rate-limit-class: slow", "x-rate-limit-class: nope");
    let mut options = codegen::Options::default();
    options.config =
        codegen::config::Config::parse(CONFIG, "edge-cases.codegen.yaml").expect("valid");
    let errors = codegen::generate(&spec, &options).expect_err("an unknown class");
    let text = errors.render("edge-cases.yaml");
    assert!(
        text.contains("`x-rate-limit-class` names the class `nope`"),
        "{text}"
    );
    assert!(
        text.contains("use one of the classes of the codegen config: general, slow"),
        "{text}"
    );
    // Without any config the extension names no class either.
    let errors = codegen::generate(
        include_str!("fixtures/edge-cases.yaml"),
        &codegen::Options::default(),
    )
    .expect_err("no classes");
    assert!(
        errors.render("x").contains("define rate-limit classes"),
        "{errors}"
    );
}

#[test]
fn all_of_branches_that_disagree_merge_as_an_intersection() {
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /jobs:
    get:
      operationId: getJob
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Event'}
components:
  schemas:
    Event:
      type: object
      properties:
        job:
          allOf:
            - type: object
              required: [id]
              properties:
                id: {type: integer}
                run_id: {type: number}
                conclusion: {type: string, nullable: true, enum: [success, failure, null]}
                status: {type: string, enum: [queued, completed]}
            - type: object
              required: [conclusion]
              properties:
                id: {type: integer}
                run_id: {type: integer}
                conclusion: {type: string, enum: [success, failure, skipped]}
                status: {type: string}
        broken:
          allOf:
            - {type: string}
            - {type: object, properties: {a: {type: string}}}
"#;
    let generated =
        codegen::generate(spec, &codegen::Options::default()).unwrap_or_else(|d| panic!("{d}"));
    let models = &generated.files["src/models.rs"];
    let job = models
        .split("pub struct EventJob {")
        .nth(1)
        .unwrap_or_else(|| panic!("`job` is a struct:\n{models}"));
    let job = &job[..job.find('}').expect("ends")];
    for field in [
        "pub id: i64,",
        "pub run_id: Option<i64>,",
        "pub conclusion: EventJobConclusion,",
        "pub status: Option<EventJobStatus>,",
    ] {
        assert!(job.contains(field), "{field} missing:{job}");
    }
    let conclusion = models
        .split("pub enum EventJobConclusion {")
        .nth(1)
        .expect("an enum");
    let conclusion = &conclusion[..conclusion.find('}').expect("ends")];
    assert!(conclusion.contains("Success") && conclusion.contains("Failure"));
    assert!(!conclusion.contains("Skipped"), "{conclusion}");
    // An unsatisfiable merge is left as written, with a warning naming both places.
    let warnings = generated.warnings.to_string();
    assert!(
        warnings.contains(
            "`#/components/schemas/Event/properties/broken/allOf/0` against `#/components/schemas/Event/properties/broken/allOf/1`"
        ),
        "{warnings}"
    );
}

/// The config's `security_schemes`: a scheme the description lacks, applied to the
/// operation it names as one more (optional) alternative, and a variable of its own for
/// the description's scheme.
#[test]
fn security_schemes_of_the_config() {
    let files = generated();
    let auth = file(&files, "src/auth.rs");
    assert_has!(
        auth,
        "Scheme { key: \"Token\", kind: SchemeKind::Http { scheme: \"Bearer\" }, env_var: \"EDGE_TOKEN\", }",
        "Scheme { key: \"ping_key\", kind: SchemeKind::ApiKey { location: KeyLocation::Query, name: \"key\" }, env_var: \"EDGE_PING_KEY\", }",
        "pub fn ping_key(self, secret: impl Into<String>) -> Self",
    );
    // `ping` had the document's `Token`; the config adds its key, and makes both optional.
    let ping = file(&files, "src/operations/ping.rs");
    assert_has!(ping, "security: &[&[\"Token\"], &[\"ping_key\"], &[]],");
    // Other operations keep theirs.
    let op = file(&files, "src/operations/get_thing_part_by_id.rs");
    assert_has!(op, "security: &[&[\"Token\"]],");
    let readme = file(&files, "README.md");
    assert!(
        readme.contains("- `ping_key`: an API key (`apiKey`), sent as the `key` query parameter. Set with `ClientBuilder::ping_key`, or by `EDGE_PING_KEY` for `Client::from_env()`."),
        "{readme}"
    );
}

/// `uniqueItems: true` stays a `Vec` whose rustdoc says its items are unique.
#[test]
fn a_set_is_a_vec_documented_as_unique() {
    let files = generated();
    let models = file(&files, "src/models.rs");
    assert_has!(
        models,
        "/// Labels, each at most once.\n///\n/// Its items are unique (`uniqueItems`): the client does not check it.\n#[cfg(feature = \"unused-models\")]\npub type Labels = Vec<String>;",
    );
}

/// An integer enum is an open enum of integers: named variants where `x-enum-varnames`
/// names them, `Value{n}` where not, and a fallback that keeps other values.
#[test]
fn integer_enums_keep_unknown_values() {
    let files = generated();
    let models = file(&files, "src/models.rs");
    assert_has!(
        models,
        "pub enum Priority {\n/// `1`\nLow,\n/// `2`\nMedium,\n/// `3`\nHigh,\n/// A value this version of the client does not know, kept as received.\nUnknown(i64),\n}",
        "open_int_enum!(Priority { Low(1), Medium(2), High(3) } else Unknown);",
        "open_int_enum!(ThingLevel { ValueMinus1(-1), Value0(0), Value2(2) } else Unknown);",
        "pub priority: Option<Priority>,",
        "pub level: Option<ThingLevel>,",
    );
}

/// A closed 3.1 `prefixItems` of scalars is a Rust tuple.
#[test]
fn closed_prefix_items_are_a_tuple() {
    let models = file(&generated(), "src/models.rs");
    assert_has!(models, "pub position: Option<(f64, i32)>,");
}

/// A struct whose only field has one possible value has no constructor and no setters:
/// no `impl` block is emitted for it, rather than an empty one.
#[test]
fn a_struct_whose_fields_are_all_fixed_has_no_empty_impl_block() {
    let spec = r#"openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /rules:
    post:
      operationId: createRule
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Creation'}
      responses:
        '204': {description: ok}
components:
  schemas:
    Creation:
      type: object
      required: [type]
      properties:
        type: {type: string, enum: [creation]}
"#;
    let files = codegen::generate(spec, &codegen::Options::default())
        .unwrap_or_else(|d| panic!("{d}"))
        .files;
    let models = file(&files, "src/models.rs");
    assert!(models.contains("pub struct Creation {"), "{models}");
    assert!(!models.contains("impl Creation {"), "{models}");
}
