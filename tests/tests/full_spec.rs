//! The complete AhaSend API description (`../shared/specs/ahasend-openapi.yaml`, not
//! vendored) generated in memory, and its shape checked construct by construct. The
//! contract suite (`contract.rs`) compiles the same output and runs it against Prism; this
//! file pins down the choices a reviewer cares about without a build.

use std::collections::BTreeMap;
use std::sync::OnceLock;

// The generator's tests' `file` and `assert_has!`, shared rather than copied.
#[path = "../../codegen/tests/common/mod.rs"]
mod common;
use common::assert_has;

fn generated() -> &'static BTreeMap<String, String> {
    static FILES: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    FILES.get_or_init(|| {
        let path = tests::root().join("../shared/specs/ahasend-openapi.yaml");
        let spec = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; the shared specs must sit beside the checkout",
                path.display()
            )
        });
        let mut options = tests::root_options();
        options.crate_name = "ahasend".to_owned();
        let generated = codegen::generate(&spec, &options).unwrap_or_else(|d| panic!("{d}"));
        assert!(
            generated.warnings.0.is_empty(),
            "unexpected warnings:\n{}",
            generated.warnings
        );
        generated.files
    })
}

fn file(name: &str) -> String {
    common::file(generated(), name)
}

fn operation_files() -> Vec<&'static str> {
    generated()
        .keys()
        .filter_map(|k| k.strip_prefix("src/operations/"))
        .filter(|k| *k != "mod.rs")
        .collect()
}

#[test]
fn every_operation_gets_a_module_with_an_idiomatic_name() {
    let ops = operation_files();
    assert_eq!(ops.len(), 56, "{ops:?}");
    for expected in [
        "get_api_keys.rs",
        "check_domain_dns.rs",
        "create_smtp_credential.rs",
        "get_sub_accounts_usage.rs",
    ] {
        assert!(ops.contains(&expected), "{expected} missing from {ops:?}");
    }
}

#[test]
fn builders_do_not_collide_with_request_and_response_schemas() {
    // 18 schemas are already called `*Request`/`*Response`; builders are named after the
    // operation and inline bodies after the builder, so none of them is renamed.
    let models = file("src/models.rs");
    for schema in [
        "CreateMessageRequest",
        "CreateMessageResponse",
        "UpdateApiKeyRequest",
        "SubAccountUsageResponse",
    ] {
        assert_has!(models, &format!("pub struct {schema} {{"));
        assert!(
            !models.contains(&format!("pub struct {schema}2")),
            "{schema} was renamed"
        );
    }
    assert_has!(
        file("src/operations/create_message.rs"),
        "pub struct CreateMessage {"
    );
    // The one inline success body is `{Operation}ResponseBody`, not named by its status;
    // `create_sub_account_api_key` has the same, so the one type is named for the path
    // both end with (`…/api-keys`), not after either operation.
    assert_has!(
        models,
        "pub type CreateApiKeyResponseBody = ApiKeysResponseBody;",
        "pub type CreateSubAccountApiKeyResponseBody = ApiKeysResponseBody;",
        "pub struct ApiKeysResponseBody {",
        "pub secret_key: String,"
    );
    assert!(
        !models.contains("N201"),
        "status codes should not leak into type names"
    );
}

#[test]
fn arguments_are_required_path_parameters_then_the_body() {
    assert_has!(
        file("src/operations/update_webhook.rs"),
        "pub fn update_webhook(&self, account_id: uuid::Uuid, webhook_id: uuid::Uuid, body: impl Into<crate::models::UpdateWebhookRequest>) -> UpdateWebhook",
    );
    // A required query parameter is an argument too; optional ones are setters.
    assert_has!(
        file("src/operations/delete_suppression.rs"),
        "pub fn delete_suppression(&self, account_id: uuid::Uuid, email: impl Into<String>) -> DeleteSuppression",
        "pub fn domain(mut self, domain: impl Into<String>) -> Self",
    );
    // Message IDs hold `<`, `>` and `@`: they go through the strict segment encoder.
    assert_has!(
        file("src/operations/get_message.rs"),
        "crate::runtime::http::encode_path_segment(&self.message_id",
    );
}

#[test]
fn nullability_follows_references_and_required() {
    let models = file("src/models.rs");
    assert_has!(
        models,
        // Required and nullable: always present, may be `null`.
        "Always sent; `None` is sent as `null`. pub tracking_subdomain: Option<String>,",
        // Optional and nullable in a request: absent, `null` and a value differ.
        "deserialize_with = \"explicit_null\")] pub tracking: Option<Option<Tracking>>,",
        "deserialize_with = \"explicit_null\")] pub scope: Option<Option<UpdateWebhookRequestScope>>,",
        // A whole schema made nullable (`type: [object, 'null']`) says so.
        "The API may send `null` wherever this type is used",
    );
}

#[test]
fn all_of_inherits_and_narrowing_makes_no_types() {
    let models = file("src/models.rs");
    // Message = MessageSummary + content.
    let message = models
        .split("pub struct Message {")
        .nth(1)
        .expect("Message is a struct");
    let message = &message[..message.find("\n}\n").expect("struct ends")];
    for field in [
        "pub id: Option<uuid::Uuid>",
        "pub direction: MessageSummaryDirection",
        "pub content: Option<String>",
    ] {
        assert_has!(message, field);
    }
    // Branches that only add `required` reuse the referenced type.
    assert_has!(
        models,
        "pub recipient: Recipient,",
        "pub parent: SubAccountUsageBreakdown,"
    );
    for absent in [
        "CreateSingleMessageResponseRecipient",
        "SubAccountUsageResponseParent",
        "CreatedWebhookScope",
        "MessageDirection ",
    ] {
        assert!(
            !models.contains(absent),
            "`{absent}` should not be generated"
        );
    }
    // `if`/`then` with `const` is validation only: no type, no warning (checked above).
    assert!(!models.contains("pub struct CreateWebhookRequestThen"));
}

#[test]
fn enums_are_open_and_keep_awkward_values() {
    let models = file("src/models.rs");
    assert_has!(
        models,
        "/// `Billing Manager` BillingManager,",
        "/// `parent-suspended` ParentSuspended,",
        "BillingManager(\"Billing Manager\"),",
    );
    let enums = models.matches("\npub enum ").count();
    let open = models
        .matches("/// A value this version of the client does not know, kept as received.")
        .count();
    let impls = models.matches("\nopen_enum!(").count();
    assert!(enums > 10, "{enums} enums");
    assert_eq!(enums, open, "every enum has an unknown-value fallback");
    assert_eq!(enums, impls, "every enum has the impls of open_enum!");
}

#[test]
fn maps_and_closed_objects() {
    let models = file("src/models.rs");
    assert_has!(
        models,
        "pub headers: Option<std::collections::BTreeMap<String, String>>,",
        "std::collections::BTreeMap<String, Vec<String>>",
        "std::collections::BTreeMap<String, serde_json::Value>",
    );
    // `additionalProperties: false` must not make a newer server's fields an error.
    assert!(!models.contains("deny_unknown_fields"));
}

#[test]
fn cursor_paginated_lists_and_only_they_get_items_and_pages() {
    let pagination = file("src/pagination.rs");
    let pages: Vec<&str> = pagination
        .lines()
        .filter_map(|l| l.strip_prefix("impl Page for crate::models::"))
        .collect();
    // Eight page types: API keys and sub-account API keys share one.
    assert_eq!(pages.len(), 8, "{pages:?}");
    let items = pagination.matches("pub fn items(self)").count();
    assert_eq!(items, 9, "one items() per cursor-paginated operation");
    for envelope in [
        "AccountMembersResponse",
        "BounceStatisticsResponse",
        "SubAccountUsageResponse",
    ] {
        assert!(
            !pagination.contains(envelope),
            "{envelope} has no `pagination` object"
        );
    }
}

#[test]
fn idempotency_key_is_a_setter_on_the_operations_that_declare_it() {
    let with_key: Vec<&str> = operation_files()
        .into_iter()
        .filter(|f| file(&format!("src/operations/{f}")).contains("pub fn idempotency_key("))
        .collect();
    assert_eq!(with_key.len(), 11, "{with_key:?}");
    assert!(
        with_key
            .iter()
            .all(|f| f.starts_with("create_") || f.starts_with("add_")),
        "{with_key:?}"
    );
    // Exactly those get automatic keys from the runtime; the POSTs that do not declare the
    // header get none.
    let automatic: Vec<&str> = operation_files()
        .into_iter()
        .filter(|f| file(&format!("src/operations/{f}")).contains("idempotency_key: true,"))
        .collect();
    assert_eq!(automatic, with_key);
    for post in [
        "check_domain_dns.rs",
        "suspend_sub_account.rs",
        "unsuspend_sub_account.rs",
    ] {
        let op = file(&format!("src/operations/{post}"));
        assert_has!(
            op,
            "method: reqwest::Method::POST,",
            "idempotency_key: false,"
        );
    }
}

#[test]
fn statistics_operations_get_the_statistics_rate_limit_class() {
    assert_has!(
        file("src/client.rs"),
        "name: \"general\", per_second: 100.0, burst: 200,",
        "name: \"statistics\", per_second: 1.0, burst: 1,",
    );
    let statistics: Vec<&str> = operation_files()
        .into_iter()
        .filter(|f| {
            file(&format!("src/operations/{f}")).contains("rate_class: Some(\"statistics\"),")
        })
        .collect();
    assert_eq!(
        statistics,
        [
            "get_bounce_statistics.rs",
            "get_deliverability_statistics.rs",
            "get_delivery_time_statistics.rs"
        ]
    );
}

#[test]
fn error_responses_are_documented_and_decoded_per_status() {
    let op = file("src/operations/create_domain.rs");
    assert_has!(
        op,
        "- `409`:",
        "- `422`:",
        "response.api_error(crate::ErrorBody::ErrorResponse)"
    );
}
