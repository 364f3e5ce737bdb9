//! Every operation of the full AhaSend API, called through the generated client against
//! `prism mock --errors` on the description: each request must pass Prism's validation,
//! each response (the description's examples) must decode into the generated types.

use std::collections::BTreeSet;
use std::path::Path;

use contract::{calls, explain, operation_ids, spec, Mode, Prism};

/// Rounds of `calls::all`: required arguments only, then everything set (twice, paging
/// forwards and backwards).
const ROUNDS: usize = 3;

#[test]
fn the_calls_cover_every_operation_exactly_once() {
    let spec_ids = operation_ids(&spec("ahasend-openapi.yaml"));
    assert_eq!(spec_ids.len(), 56, "the description has 56 operations");
    let client = ahasend::Client::new("unused");
    let called: Vec<&str> = calls::all(&client, 0).iter().map(|c| c.operation).collect();
    let unique: BTreeSet<&str> = called.iter().copied().collect();
    assert_eq!(
        unique.len(),
        called.len(),
        "an operation is called twice: {called:?}"
    );
    let expected: BTreeSet<&str> = spec_ids.iter().map(String::as_str).collect();
    let missing: Vec<_> = expected.difference(&unique).collect();
    let unknown: Vec<_> = unique.difference(&expected).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "not called: {missing:?}; not in the description: {unknown:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_passes_prism_validation_and_decodes() {
    let prism = Prism::start(
        &spec("ahasend-openapi.yaml"),
        Mode::Static,
        Path::new(env!("CARGO_TARGET_TMPDIR")),
    );
    let client = prism.client();
    prism_reports_violations(&client).await;
    let mut failures = Vec::new();
    let mut sent = 0;
    for round in 0..ROUNDS {
        for call in calls::all(&client, round) {
            sent += 1;
            if let Err(error) = call.future.await {
                failures.push(format!(
                    "round {round}: {}",
                    explain(call.operation, &error)
                ));
            }
        }
    }
    println!("{sent} calls to Prism (static), {} failed", failures.len());
    assert!(
        failures.is_empty(),
        "{} of {sent} calls failed:\n{}\nPrism's log {}",
        failures.len(),
        failures.join("\n"),
        prism.log_tail()
    );
}

/// The suite's premise: Prism answers a request that breaks the description with an
/// error, and `explain` names the violation.
async fn prism_reports_violations(client: &ahasend::Client) {
    let error = client
        .get_api_keys(uuid::Uuid::nil())
        .limit(0)
        .send()
        .await
        .expect_err("Prism rejects limit=0 (minimum 1)");
    let text = explain("getAPIKeys", &error);
    assert!(text.contains("limit"), "the violation is named: {text}");
    println!("as expected, {text}");

    let mut body = ahasend::models::CreateSuppressionRequest {
        email: "not an address".to_owned(),
        domain: None,
        reason: Some("x".repeat(300)),
        expires_at: chrono::Utc::now(),
    };
    let error = client
        .create_suppression(uuid::Uuid::nil(), body.clone())
        .send()
        .await
        .expect_err("Prism rejects a bad email and a 300-character reason");
    let text = explain("createSuppression", &error);
    assert!(
        text.contains("email") && text.contains("reason"),
        "the violations are named: {text}"
    );
    println!("as expected, {text}");
    body.email = "ok@example.com".to_owned();
    body.reason = None;
    client
        .create_suppression(uuid::Uuid::nil(), body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{}", explain("createSuppression", &e)));
}
