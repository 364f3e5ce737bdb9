//! What the generated clients report to `tracing`: one span per attempt, with the
//! operation, the path template and the outcome, and never a secret.
//!
//! These tests live in a binary of their own, one test per generated crate. Whether a
//! `tracing` callsite is enabled is cached for the whole process when the callsite is
//! first reached; a test in a shared binary that reaches the same callsite on another
//! thread, with no subscriber, at the moment this test installs its own, can leave it
//! cached as disabled. Each test here is the only one to reach its crate's callsites.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[allow(dead_code)]
mod common;
use common::{credential, credentials_path, page, ACCOUNT};

// ---------------------------------------------------------------------------------------
// A recording subscriber
// ---------------------------------------------------------------------------------------

/// A span or event as recorded: its name, target and fields as text.
#[derive(Debug, Clone)]
struct Recorded {
    name: &'static str,
    target: String,
    fields: BTreeMap<String, String>,
}

/// A subscriber that keeps every span and event.
#[derive(Default, Clone)]
struct Recorder {
    next: Arc<AtomicU64>,
    spans: Arc<Mutex<Vec<Recorded>>>,
    events: Arc<Mutex<Vec<Recorded>>>,
}

impl Recorder {
    /// The spans recorded from `crate_name`'s code.
    fn spans_of(&self, crate_name: &str) -> Vec<Recorded> {
        of(&self.spans.lock().unwrap(), crate_name)
    }

    /// The events recorded from `crate_name`'s code.
    fn events_of(&self, crate_name: &str) -> Vec<Recorded> {
        of(&self.events.lock().unwrap(), crate_name)
    }

    /// Everything recorded, from any crate, as text.
    fn everything(&self) -> String {
        format!(
            "{:?}{:?}",
            self.spans.lock().unwrap(),
            self.events.lock().unwrap()
        )
    }
}

fn of(recorded: &[Recorded], crate_name: &str) -> Vec<Recorded> {
    recorded
        .iter()
        .filter(|r| r.target.starts_with(crate_name))
        .cloned()
        .collect()
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let mut fields = BTreeMap::new();
        attrs.record(&mut Fields(&mut fields));
        let mut spans = self.spans.lock().unwrap();
        spans.push(Recorded {
            name: attrs.metadata().name(),
            target: attrs.metadata().target().to_owned(),
            fields,
        });
        self.next.fetch_add(1, Ordering::SeqCst);
        Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        let index = usize::try_from(span.into_u64()).unwrap() - 1;
        values.record(&mut Fields(&mut spans[index].fields));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.events.lock().unwrap().push(Recorded {
            name: event.metadata().name(),
            target: event.metadata().target().to_owned(),
            fields,
        });
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn assert_clean(everything: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !everything.contains(secret),
            "{secret} leaks into tracing: {everything}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The seed client: a span per attempt, a retry event
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn each_attempt_has_a_span_with_the_template_and_no_secrets() {
    const API_KEY: &str = "aha-sk-tracing-SECRET-0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    const QUICK: Duration = Duration::from_millis(5);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(credentials_path(ACCOUNT)))
        .respond_with(ResponseTemplate::new(503).set_body_json(json!({ "message": "busy" })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(credentials_path(ACCOUNT)))
        // `sandbox: null` breaks the description: decoded as `false`, with a warning.
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            vec![{
                let mut item = credential(1);
                item["sandbox"] = json!(null);
                item["name"] = json!(42);
                item
            }],
            false,
            None,
        )))
        .mount(&server)
        .await;
    let client = ahasend_client::Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .retry_backoff(QUICK, QUICK)
        .build()
        .expect("the client builds");
    let recorder = Recorder::default();

    let _guard = tracing::subscriber::set_default(recorder.clone());
    client
        .get_smtp_credentials(ACCOUNT)
        .after("cursor-PRIVATE")
        .send()
        .await
        .expect("the retry succeeds");

    let spans = recorder.spans_of("ahasend_client");
    assert_eq!(spans.len(), 2, "{spans:?}");
    for (i, (span, status)) in spans.iter().zip(["503", "200"]).enumerate() {
        assert_eq!(span.name, "request");
        let f = &span.fields;
        assert_eq!(f["operation"], "getSMTPCredentials");
        assert_eq!(f["method"], "GET");
        assert_eq!(f["path"], "/v2/accounts/{account_id}/smtp-credentials");
        assert_eq!(f["attempt"], (i + 1).to_string());
        assert_eq!(f["status"], status);
        assert!(f["elapsed_ms"].parse::<u64>().is_ok(), "{f:?}");
    }
    let events = recorder.events_of("ahasend_client");
    assert!(
        events
            .iter()
            .any(|e| e.fields.get("message").is_some_and(|m| m == "retrying")),
        "{events:?}"
    );
    let substituted = events.iter().find(|e| {
        e.fields.get("message").is_some_and(|m| {
            m == "the response breaks the API description; decoded with substitutions"
        })
    });
    let fields = &substituted.expect("a warning of the substitutions").fields;
    assert_eq!(fields["operation"], "getSMTPCredentials");
    assert_eq!(fields["status"], "200");
    let substitutions = &fields["substitutions"];
    for expected in [
        "`data[0].sandbox` was null; decoded as false",
        "`data[0].name` was an integer; decoded as \"\"",
    ] {
        assert!(substitutions.contains(expected), "{substitutions}");
    }
    assert_clean(
        &format!("{spans:?}{events:?}"),
        &[
            API_KEY,
            "SECRET",
            "cursor-PRIVATE",
            "busy",
            &ACCOUNT.to_string(),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// The security fixture: no credential of any scheme
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn no_credential_of_any_scheme_reaches_tracing() {
    use security_client::{Client, ClientCredentials};
    const SECRETS: [&str; 8] = [
        "key-SECRET",
        "query-SECRET",
        "session-SECRET",
        "open sesame-SECRET",
        "jwt-SECRET",
        "SECRET-digest",
        "client-SECRET",
        "access-SECRET",
    ];
    let echo = || ResponseTemplate::new(200).set_body_json(json!({ "message": "ok" }));
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "access_token": "access-SECRET-t", "expires_in": 3600 })),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(header("authorization", "Bearer access-SECRET-t"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "message": "ok" })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(echo())
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .api_key_header("key-SECRET-0a1b2c")
        .api_key_query("query-SECRET-3d4e5f")
        .session_cookie_key("session-SECRET-6a7b8c")
        .basic_auth("aladdin", "open sesame-SECRET")
        .bearer_jwt_token("jwt-SECRET-9d0e1f")
        .digest_credential("username=\"a\", response=\"SECRET-digest\"")
        .openid_token("access-SECRET-o")
        .partner_auth_token_provider(|| async { Ok("access-SECRET-p".to_owned()) })
        .petstore_auth_client_credentials(ClientCredentials::new(
            "client-42",
            "client-SECRET-2a3b4c",
        ))
        .request_hook(|_| Ok(()))
        .build()
        .unwrap();
    let recorder = Recorder::default();

    let _guard = tracing::subscriber::set_default(recorder.clone());
    client.both_schemes().send().await.expect("sent");
    client.either_scheme().send().await.expect("sent");
    client
        .create_pet(security_client::models::Echo {
            message: "rex".to_owned(),
        })
        .send()
        .await
        .expect("sent");

    let operations: Vec<String> = recorder
        .spans_of("security_client")
        .iter()
        .map(|s| s.fields["operation"].clone())
        .collect();
    assert_eq!(
        operations,
        ["bothSchemes", "eitherScheme", "createPet"],
        "{}",
        recorder.everything()
    );
    assert_clean(&recorder.everything(), &SECRETS);
}
