//! What the generator makes of `fixtures/webhooks.yaml`, a webhooks-only document: the
//! `WebhookEvent` enum with its event types, the verifier runtime and its dependencies,
//! and the warnings. (`.ci/run` also builds that crate with clippy.)

mod common;
use common::{assert_has, file};

fn generate(spec: &str) -> codegen::Generated {
    let mut options = codegen::Options::default();
    options.crate_name = "hook-events".to_owned();
    codegen::generate(spec, &options).unwrap_or_else(|d| panic!("{}", d.render("spec.yaml")))
}

fn generated() -> codegen::Generated {
    generate(include_str!("fixtures/webhooks.yaml"))
}

#[test]
fn one_variant_per_event_with_its_payload_type() {
    let webhooks = file(&generated().files, "src/webhooks.rs");
    assert_has!(
        webhooks,
        "pub enum WebhookEvent {",
        // A shared base narrowed by allOf, through a $ref and through components/requestBodies.
        "OrderCreated(crate::models::OrderCreatedPayload),",
        // An inline body that only narrows `type` is the base type itself.
        "OrderCancelled(crate::models::OrderPayload),",
        // `const`, on an inline payload.
        "InvoicePaid(crate::models::InvoicePaidPayloadBody),",
        "ParcelMoved(crate::models::ParcelPayload),",
        // `Unknown` is the fallback's name, so an event called `unknown` gets another.
        "Unknown2(crate::models::UnknownPayloadBody),",
        "Ping(crate::models::PingPayloadBody),",
        "Unknown {\n/// The payload's `type`.\nevent_type: String,\n/// The whole payload.\npayload: serde_json::Value }",
    );
    // The webhook whose event type another already took has no variant.
    assert!(!webhooks.contains("OrderCreatedAgain"), "{webhooks}");
}

#[test]
fn parsing_dispatches_on_the_type_and_keeps_unknown_types() {
    let webhooks = file(&generated().files, "src/webhooks.rs");
    assert_has!(
        webhooks,
        "let event_type = webhooks::event_type(&payload)?;",
        "\"order.created\" => Self::OrderCreated(webhooks::payload(&event_type, payload)?),",
        "\"order.cancelled\" => Self::OrderCancelled(webhooks::payload(&event_type, payload)?),",
        "\"invoice.paid\" => Self::InvoicePaid(webhooks::payload(&event_type, payload)?),",
        // The deprecated alias parses into the canonical event's variant.
        "\"parcel.moved\" | \"parcel.shipped\" => Self::ParcelMoved(webhooks::payload(&event_type, payload)?),",
        "\"unknown\" => Self::Unknown2(webhooks::payload(&event_type, payload)?),",
        "\"ping\" => Self::Ping(webhooks::payload(&event_type, payload)?),",
        "_ => Self::Unknown { event_type, payload }",
        "pub fn from_slice(body: &[u8]) -> Result<Self, ParseError>",
        "impl std::str::FromStr for WebhookEvent",
        "impl<'de> serde::Deserialize<'de> for WebhookEvent",
    );
    assert_has!(
        webhooks,
        "pub fn event_type(&self) -> &str { match self {",
        "Self::ParcelMoved(_) => \"parcel.moved\",",
        "Self::Unknown2(_) => \"unknown\",",
        "Self::Unknown { event_type, .. } => event_type",
    );
}

#[test]
fn variants_are_documented_from_the_webhook() {
    let webhooks = file(&generated().files, "src/webhooks.rs");
    assert_has!(
        webhooks,
        "/// Order created\n///\n/// Sent when an order is placed.",
        // A code block of the description does not become a doctest.
        "/// ```text",
        "/// Event type `order.created`.",
        "/// Event type `parcel.moved`. The deprecated event type `parcel.shipped` is parsed into this variant too;",
    );
}

#[test]
fn the_verifier_is_re_exported_and_its_runtime_copied() {
    let files = generated().files;
    let webhooks = file(&files, "src/webhooks.rs");
    assert_has!(
        webhooks,
        "pub use crate::runtime::webhooks::{ParseError, SecretEncoding, SignatureHeaders, Verifier, VerifyError, WebhookError, WebhookHeaders, DEFAULT_TOLERANCE, HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP};",
        "impl Verifier {",
        "pub fn verify_and_parse(&self, headers: &impl SignatureHeaders, body: &[u8]) -> Result<WebhookEvent, WebhookError> {",
        "pub fn verify_and_parse_at(",
    );
    let runtime = file(&files, "src/runtime/webhooks.rs");
    assert!(
        runtime.ends_with(include_str!("../runtime/webhooks.rs")),
        "copied verbatim"
    );
    assert!(file(&files, "src/runtime/mod.rs").ends_with("pub(crate) mod webhooks;\n"));
    assert_has!(file(&files, "src/lib.rs"), "pub mod webhooks;");
    let manifest = file(&files, "Cargo.toml");
    for dep in ["base64 = ", "hmac = ", "sha2 = "] {
        assert!(manifest.contains(dep), "{dep} in:\n{manifest}");
    }
}

#[test]
fn warnings_say_which_webhooks_are_matched_how() {
    let warnings = generated().warnings.render("webhooks.yaml");
    assert!(
        warnings.contains("the payload of webhook `ping` lists no values of its `type` field; `WebhookEvent` takes `ping` as its event type"),
        "{warnings}"
    );
    assert!(
        warnings.contains("event type `order.created` of webhook `order.created.again` is also that of webhook `order.created`"),
        "{warnings}"
    );
    assert_eq!(generated().warnings.warnings().count(), 2, "{warnings}");
}

#[test]
fn an_api_without_webhooks_gets_none_of_it() {
    let spec = "\
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '204': {description: ok}
";
    let files = generate(spec).files;
    // The crate is there, with its operation, ...
    assert_has!(file(&files, "src/operations/ping.rs"), "pub struct Ping {");
    // ... but without the webhook files,
    assert!(files.contains_key("src/runtime/http.rs"));
    assert!(!files.contains_key("src/webhooks.rs"));
    assert!(!files.contains_key("src/runtime/webhooks.rs"));
    // their modules,
    let runtime = file(&files, "src/runtime/mod.rs");
    assert_has!(runtime, "pub(crate) mod http;");
    assert!(!runtime.contains("webhooks"), "{runtime}");
    let lib = file(&files, "src/lib.rs");
    assert_has!(lib, "pub mod operations;");
    assert!(!lib.contains("webhooks"), "{lib}");
    // and their dependencies.
    let manifest = file(&files, "Cargo.toml");
    assert_has!(manifest, "[dependencies]", "reqwest = ");
    for dep in ["hmac", "sha2", "base64"] {
        assert!(!manifest.contains(dep), "{dep} in:\n{manifest}");
    }
}

#[test]
fn output_is_deterministic() {
    assert_eq!(generated().files, generated().files);
}

/// A webhook whose payload is `Payload`, with `schemas` as the components.
fn one_webhook(schemas: &str) -> String {
    format!(
        "\
openapi: 3.1.0
info: {{title: T, version: '1'}}
webhooks:
  a.b:
    post:
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Payload'}}
      responses:
        '200': {{description: ok}}
components:
  schemas:
{schemas}"
    )
}

#[test]
fn a_payload_schema_made_of_itself_ends_in_a_warning() {
    let cyclic = one_webhook(
        "    Payload:
      allOf:
        - $ref: '#/components/schemas/Payload'
        - type: object
          properties:
            type: {type: string, enum: [a.b]}
",
    );
    // It ends, and the cycle is reported (by the type resolution) as a flaw of that
    // schema only.
    let generated = codegen::generate(&cyclic, &codegen::Options::default())
        .unwrap_or_else(|d| panic!("a cycle costs only its place: {d}"));
    let warnings = generated.warnings.to_string();
    assert!(
        warnings.contains("refers to itself") && warnings.contains("#/components/schemas/Payload"),
        "{warnings}"
    );
    assert!(generated.files["src/models.rs"].contains("Payload"));
}
