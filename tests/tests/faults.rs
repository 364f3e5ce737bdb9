//! Fault injection: the generated clients' retries, idempotency keys, rate limits,
//! timeouts, cancellation and environment settings, driven over loopback HTTP (tracing
//! is `tests/tracing.rs`).
//!
//! Servers are `wiremock` mocks (response sequences: a mock that answers `up_to_n_times`
//! gives way to the next one mounted) or, for connection resets and requests that never
//! get an answer, [`RawServer`], a small TCP server with a script. The seed client
//! (`ahasend_client`, one paginated GET) covers GETs; `runtime_client`, generated from
//! `tests/fixtures/runtime.yaml`, has a POST with an `Idempotency-Key`, a POST without,
//! and a GET in the `statistics` rate-limit class (1 request per second).
//!
//! Timing assertions are lower bounds only. Waits that could hang on a regression are
//! bounded, so that it fails instead.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use ahasend_client::{Client, Error};
use futures::StreamExt;
use runtime_client::models::NewMessage;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use uuid::Uuid;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod common;
use common::{config_message, credential, credentials_path, ACCOUNT};

const API_KEY: &str = "aha-sk-faults-SECRET-0f1e2d3c4b5a69788796a5b4c3d2e1f0";
/// Backoff short enough that tests that are not about it do not wait for it.
const QUICK: Duration = Duration::from_millis(5);

// ---------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------

/// A seed client for `url` with a quick backoff (and otherwise the defaults).
fn seed_client(url: &str) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(url)
        .retry_backoff(QUICK, QUICK)
        .build()
        .expect("the client builds")
}

/// A runtime-fixture client for `url` with a quick backoff.
fn fixture_client(url: &str) -> runtime_client::Client {
    runtime_client::Client::builder()
        .base_url(url)
        .retry_backoff(QUICK, QUICK)
        .build()
        .expect("the client builds")
}

/// A page of one credential, numbered `n`, followed by the page at `next`.
fn page(n: u128, next: Option<&str>) -> Value {
    common::page(vec![credential(n)], next.is_some(), next)
}

fn ok_page() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(page(1, None))
}

fn status(code: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(json!({ "message": message }))
}

fn created(id: &str) -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_json(json!({ "id": id }))
}

fn message(text: &str) -> NewMessage {
    NewMessage {
        text: text.to_owned(),
    }
}

/// Mounts `response` for `method path`, answering at most `times` requests when given;
/// mocks mounted earlier answer first, so a sequence is mounted in order.
async fn then(
    server: &MockServer,
    verb: &str,
    at: &str,
    response: ResponseTemplate,
    times: Option<u64>,
) {
    let mock = Mock::given(method(verb))
        .and(path(at))
        .respond_with(response);
    match times {
        Some(n) => mock.up_to_n_times(n).mount(server).await,
        None => mock.mount(server).await,
    }
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

fn idempotency_keys(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| {
            let all: Vec<_> = r.headers.get_all("idempotency-key").iter().collect();
            assert_eq!(
                all.len(),
                1,
                "exactly one Idempotency-Key header: {:?}",
                r.headers
            );
            all[0].to_str().expect("text").to_owned()
        })
        .collect()
}

/// An IMF-fixdate (the HTTP-date format) `ahead` from now.
fn http_date(ahead: Duration) -> String {
    chrono::DateTime::<chrono::Utc>::from(SystemTime::now() + ahead)
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

// ---------------------------------------------------------------------------------------
// A scripted TCP server, for what wiremock can't do
// ---------------------------------------------------------------------------------------

/// What [`RawServer`] does with one request.
enum Act {
    /// Answers with this whole response, keeping the connection open.
    Respond(String),
    /// Sends these bytes of a response, then resets the connection.
    ResetAfter(&'static str),
    /// Never answers, and notes when the client closes the connection.
    Hold,
}

#[derive(Default)]
struct RawState {
    script: Mutex<VecDeque<Act>>,
    /// The request heads, in arrival order.
    heads: Mutex<Vec<String>>,
    connections: AtomicUsize,
    /// Connections of held requests that the client closed.
    closed_by_client: AtomicUsize,
}

struct RawServer {
    url: String,
    state: Arc<RawState>,
}

impl RawServer {
    /// Serves `script`, one act per request across connections; then answers 404.
    async fn start(script: Vec<Act>) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(RawState {
            script: Mutex::new(script.into()),
            ..RawState::default()
        });
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                shared.connections.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve_connection(stream, shared.clone()));
            }
        });
        RawServer { url, state }
    }

    fn heads(&self) -> Vec<String> {
        self.state.heads.lock().expect("lock").clone()
    }

    fn connections(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }
}

/// A whole HTTP/1.1 response with a JSON body.
fn raw_response(status_line: &str, body: &Value) -> String {
    let body = body.to_string();
    format!(
        "HTTP/1.1 {status_line}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// The start of a 200 response that promises more body than it sends.
const CUT_OFF: &str =
    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 400\r\n\r\n{\"object\":";

async fn serve_connection(mut stream: TcpStream, state: Arc<RawState>) {
    while let Some(head) = read_request(&mut stream).await {
        state.heads.lock().expect("lock").push(head);
        let act = state.script.lock().expect("lock").pop_front();
        match act {
            Some(Act::Respond(text)) => {
                if stream.write_all(text.as_bytes()).await.is_err() {
                    return;
                }
            }
            Some(Act::ResetAfter(bytes)) => {
                let _ = stream.write_all(bytes.as_bytes()).await;
                let _ = stream.flush().await;
                // SO_LINGER 0: closing sends a reset, not a FIN.
                let _ = stream.set_zero_linger();
                return;
            }
            Some(Act::Hold) => {
                let mut byte = [0u8; 1];
                // Returns when the client closes the connection (0 bytes or an error).
                let _ = stream.read(&mut byte).await;
                state.closed_by_client.fetch_add(1, Ordering::SeqCst);
                return;
            }
            None => {
                let text = raw_response("404 Not Found", &json!({ "message": "no more script" }));
                let _ = stream.write_all(text.as_bytes()).await;
            }
        }
    }
}

/// Reads one request (head and `content-length` body); `None` at the end of the stream.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).into_owned();
            let length = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            while buf.len() < end + 4 + length {
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Some(head);
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Waits (at most 10 s) until `done` holds.
async fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

// ---------------------------------------------------------------------------------------
// Retries of a GET
// ---------------------------------------------------------------------------------------

mod retries {
    use super::*;

    #[tokio::test]
    async fn two_503s_then_200_succeeds_after_two_retries() {
        let server = MockServer::start().await;
        then(
            &server,
            "GET",
            &credentials_path(ACCOUNT),
            status(503, "busy"),
            Some(2),
        )
        .await;
        then(&server, "GET", &credentials_path(ACCOUNT), ok_page(), None).await;

        let response = seed_client(&server.uri())
            .get_smtp_credentials(ACCOUNT)
            .send_with_response()
            .await
            .expect("the third attempt succeeds");

        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.attempts(), 3);
        assert_eq!(received(&server).await.len(), 3);
    }

    #[tokio::test]
    async fn three_503s_fail_after_two_retries_with_the_last_response() {
        let server = MockServer::start().await;
        then(
            &server,
            "GET",
            &credentials_path(ACCOUNT),
            status(503, "first"),
            Some(1),
        )
        .await;
        then(
            &server,
            "GET",
            &credentials_path(ACCOUNT),
            status(503, "second"),
            Some(1),
        )
        .await;
        then(
            &server,
            "GET",
            &credentials_path(ACCOUNT),
            status(503, "third"),
            Some(1),
        )
        .await;
        then(&server, "GET", &credentials_path(ACCOUNT), ok_page(), None).await;

        let error = seed_client(&server.uri())
            .get_smtp_credentials(ACCOUNT)
            .send()
            .await
            .expect_err("retries run out");

        assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
        assert_eq!(error.attempts(), 3);
        assert_eq!(error.api_error().expect("an API error").attempts(), 3);
        assert!(
            error.api_error().unwrap().raw_body().contains("third"),
            "the last attempt's error: {error}"
        );
        assert!(error.to_string().contains("after 3 attempts"), "{error}");
        assert_eq!(received(&server).await.len(), 3);
    }

    #[tokio::test]
    async fn retries_and_statuses_are_configurable_per_client_and_per_request() {
        let server = MockServer::start().await;
        then(
            &server,
            "GET",
            &credentials_path(ACCOUNT),
            status(503, "busy"),
            None,
        )
        .await;
        let client = Client::builder()
            .api_key(API_KEY)
            .base_url(server.uri())
            .retry_backoff(QUICK, QUICK)
            .max_retries(4)
            .build()
            .expect("builds");

        let error = client
            .get_smtp_credentials(ACCOUNT)
            .send()
            .await
            .expect_err("503s");
        assert_eq!(error.attempts(), 5);
        let error = client
            .get_smtp_credentials(ACCOUNT)
            .max_retries(0)
            .send()
            .await
            .expect_err("503");
        assert_eq!(error.attempts(), 1);
        assert_eq!(received(&server).await.len(), 6);

        // 503 taken off the retried statuses.
        let client = Client::builder()
            .api_key(API_KEY)
            .base_url(server.uri())
            .retry_statuses([429])
            .build()
            .expect("builds");
        let error = client
            .get_smtp_credentials(ACCOUNT)
            .send()
            .await
            .expect_err("503");
        assert_eq!(error.attempts(), 1);
        assert_eq!(received(&server).await.len(), 7);
        // ... and put back for one request.
        let error = client
            .get_smtp_credentials(ACCOUNT)
            .retry_statuses([503])
            .max_retries(1)
            .send()
            .await
            .expect_err("503");
        assert_eq!(error.attempts(), 2);
        assert_eq!(received(&server).await.len(), 9);
    }

    #[tokio::test]
    async fn an_undeclared_client_error_is_not_retried() {
        let server = MockServer::start().await;
        then(
            &server,
            "GET",
            &credentials_path(ACCOUNT),
            status(404, "missing"),
            None,
        )
        .await;
        let error = seed_client(&server.uri())
            .get_smtp_credentials(ACCOUNT)
            .send()
            .await
            .expect_err("404");
        assert_eq!(error.attempts(), 1);
        assert_eq!(received(&server).await.len(), 1);
    }

    #[tokio::test]
    async fn retry_after_in_seconds_is_waited_for() {
        let server = MockServer::start().await;
        let busy = status(429, "slow down").insert_header("retry-after", "1");
        then(&server, "GET", &credentials_path(ACCOUNT), busy, Some(1)).await;
        then(&server, "GET", &credentials_path(ACCOUNT), ok_page(), None).await;

        let started = Instant::now();
        let response = seed_client(&server.uri())
            .get_smtp_credentials(ACCOUNT)
            .send_with_response()
            .await
            .expect("the retry succeeds");

        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(response.attempts(), 2);
    }

    #[tokio::test]
    async fn retry_after_as_an_http_date_is_waited_for() {
        let server = MockServer::start().await;
        // Whole seconds: the date is between 2 and 3 seconds ahead.
        let busy = status(503, "maintenance")
            .insert_header("retry-after", http_date(Duration::from_secs(3)).as_str());
        then(&server, "GET", &credentials_path(ACCOUNT), busy, Some(1)).await;
        then(&server, "GET", &credentials_path(ACCOUNT), ok_page(), None).await;

        let started = Instant::now();
        let response = seed_client(&server.uri())
            .get_smtp_credentials(ACCOUNT)
            .send_with_response()
            .await
            .expect("the retry succeeds");

        assert!(
            started.elapsed() >= Duration::from_millis(1500),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(response.attempts(), 2);
    }

    #[tokio::test]
    async fn a_connection_reset_mid_response_on_a_get_is_retried() {
        let retry = raw_response("200 OK", &page(7, None));
        let server = RawServer::start(vec![Act::ResetAfter(CUT_OFF), Act::Respond(retry)]).await;

        let response = seed_client(&server.url)
            .get_smtp_credentials(ACCOUNT)
            .send_with_response()
            .await
            .expect("the retry succeeds");

        assert_eq!(response.attempts(), 2);
        assert_eq!(response.body().data.len(), 1);
        assert_eq!(server.heads().len(), 2);
        assert_eq!(
            server.connections(),
            2,
            "the reset connection is not reused"
        );
    }

    #[tokio::test]
    async fn a_slow_server_trips_the_timeout_and_timeouts_are_retried() {
        let server = MockServer::start().await;
        then(
            &server,
            "GET",
            &credentials_path(ACCOUNT),
            ok_page().set_delay(Duration::from_secs(5)),
            None,
        )
        .await;
        let client = seed_client(&server.uri());

        let error = client
            .get_smtp_credentials(ACCOUNT)
            .timeout(Duration::from_millis(200))
            .max_retries(0)
            .send()
            .await
            .expect_err("the server is too slow");
        assert!(error.is_timeout(), "{error:?}");
        assert_eq!(error.attempts(), 1);

        let error = client
            .get_smtp_credentials(ACCOUNT)
            .timeout(Duration::from_millis(200))
            .max_retries(1)
            .send()
            .await
            .expect_err("too slow twice");
        assert!(error.is_timeout(), "{error:?}");
        assert_eq!(error.attempts(), 2);
        assert!(error.to_string().contains("after 2 attempts"), "{error}");

        // The client-wide timeout applies when the request sets none.
        let client = Client::builder()
            .api_key(API_KEY)
            .base_url(server.uri())
            .timeout(Duration::from_millis(200))
            .max_retries(0)
            .build()
            .expect("builds");
        let error = client
            .get_smtp_credentials(ACCOUNT)
            .send()
            .await
            .expect_err("too slow");
        assert!(error.is_timeout(), "{error:?}");
    }

    #[tokio::test]
    async fn request_id_is_surfaced_in_errors() {
        let server = MockServer::start().await;
        let failing = status(400, "bad").insert_header("x-request-id", "req-8f2c");
        then(&server, "GET", &credentials_path(ACCOUNT), failing, None).await;

        let error = seed_client(&server.uri())
            .get_smtp_credentials(ACCOUNT)
            .send()
            .await
            .expect_err("400");

        assert_eq!(error.request_id(), Some("req-8f2c"));
        assert_eq!(error.api_error().unwrap().request_id(), Some("req-8f2c"));
        assert!(error.to_string().contains("req-8f2c"), "{error}");
        // GETs take no key.
        assert_eq!(error.idempotency_key(), None);
    }

    #[tokio::test]
    async fn extra_headers_are_sent_and_bad_ones_rejected() {
        let server = MockServer::start().await;
        then(&server, "GET", &credentials_path(ACCOUNT), ok_page(), None).await;
        let client = seed_client(&server.uri());

        client
            .get_smtp_credentials(ACCOUNT)
            .header("x-correlation-id", "abc-123")
            .send()
            .await
            .expect("sent");
        let requests = received(&server).await;
        assert_eq!(
            requests[0].headers.get("x-correlation-id").unwrap(),
            "abc-123"
        );

        let error = client
            .get_smtp_credentials(ACCOUNT)
            .header("bad header", "v")
            .send()
            .await
            .expect_err("not a header name");
        assert!(
            matches!(&error, Error::Config(m) if m.contains("bad header")),
            "{error:?}"
        );
        assert_eq!(received(&server).await.len(), 1, "nothing is sent");
    }
}

// ---------------------------------------------------------------------------------------
// POSTs and idempotency keys
// ---------------------------------------------------------------------------------------

mod idempotency {
    use super::*;

    #[tokio::test]
    async fn a_500_is_retried_with_the_same_automatic_key() {
        let server = MockServer::start().await;
        then(&server, "POST", "/messages", status(500, "oops"), Some(1)).await;
        then(&server, "POST", "/messages", created("m1"), None).await;

        let response = fixture_client(&server.uri())
            .create_message(message("hello"))
            .send_with_response()
            .await
            .expect("the retry succeeds");

        let requests = received(&server).await;
        assert_eq!(requests.len(), 2, "exactly two attempts");
        let keys = idempotency_keys(&requests);
        assert_eq!(keys[0], keys[1], "one key for both attempts");
        let key = Uuid::parse_str(&keys[0]).expect("the automatic key is a UUID");
        assert_eq!(key.get_version_num(), 4);
        assert_eq!(response.idempotency_key(), Some(keys[0].as_str()));
        assert_eq!(response.attempts(), 2);
        assert!(!response.replayed());
        assert_eq!(requests[0].body, requests[1].body);
    }

    #[tokio::test]
    async fn each_call_gets_its_own_key_and_the_callers_key_is_sent_verbatim() {
        let server = MockServer::start().await;
        then(&server, "POST", "/messages", created("m1"), None).await;
        let client = fixture_client(&server.uri());

        client
            .create_message(message("a"))
            .send()
            .await
            .expect("sent");
        client
            .create_message(message("b"))
            .send()
            .await
            .expect("sent");
        let response = client
            .create_message(message("c"))
            .idempotency_key("order-42")
            .send_with_response()
            .await
            .expect("sent");

        let keys = idempotency_keys(&received(&server).await);
        assert_ne!(keys[0], keys[1]);
        assert_eq!(keys[2], "order-42");
        assert_eq!(response.idempotency_key(), Some("order-42"));
    }

    #[tokio::test]
    async fn an_in_progress_conflict_is_retried_after_retry_after_and_the_replay_is_reported() {
        let server = MockServer::start().await;
        let in_progress = status(409, "in progress")
            .insert_header("idempotent-replayed", "false")
            .insert_header("retry-after", "1");
        then(&server, "POST", "/messages", in_progress, Some(1)).await;
        let replayed = created("m1").insert_header("idempotent-replayed", "true");
        then(&server, "POST", "/messages", replayed, None).await;

        let started = Instant::now();
        let response = fixture_client(&server.uri())
            .create_message(message("hello"))
            .send_with_response()
            .await
            .expect("the replay");

        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(response.status().as_u16(), 201);
        assert!(response.replayed());
        assert_eq!(response.body().id, "m1");
        let keys = idempotency_keys(&received(&server).await);
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0], keys[1]);
    }

    #[tokio::test]
    async fn other_conflicts_are_not_retried_and_keep_the_key() {
        let server = MockServer::start().await;
        // A 409 without `Idempotent-Replayed: false` is a real conflict.
        then(
            &server,
            "POST",
            "/messages",
            status(409, "duplicate").insert_header("retry-after", "1"),
            None,
        )
        .await;

        let error = fixture_client(&server.uri())
            .create_message(message("hello"))
            .idempotency_key("k-1")
            .send()
            .await
            .expect_err("a conflict");

        assert_eq!(error.status().map(|s| s.as_u16()), Some(409));
        assert_eq!(error.attempts(), 1);
        assert_eq!(error.idempotency_key(), Some("k-1"));
        assert!(!error.api_error().unwrap().replayed());
        assert_eq!(received(&server).await.len(), 1);
    }

    #[tokio::test]
    async fn a_post_without_a_key_is_not_retried_after_a_503() {
        let server = MockServer::start().await;
        then(&server, "POST", "/notes", status(503, "busy"), None).await;

        let error = fixture_client(&server.uri())
            .create_note(message("once"))
            .send()
            .await
            .expect_err("503");

        assert_eq!(error.attempts(), 1);
        let requests = received(&server).await;
        assert_eq!(requests.len(), 1, "a POST without a key is sent once");
        assert!(requests[0].headers.get("idempotency-key").is_none());
    }

    #[tokio::test]
    async fn a_post_without_a_key_is_not_retried_after_a_reset() {
        let server = RawServer::start(vec![
            Act::ResetAfter(CUT_OFF),
            Act::Respond(raw_response("201 Created", &json!({ "id": "n1" }))),
        ])
        .await;

        let error = fixture_client(&server.url)
            .create_note(message("once"))
            .send()
            .await
            .expect_err("the connection was reset");

        assert!(error.is_transport(), "{error:?}");
        assert_eq!(error.attempts(), 1);
        assert_eq!(
            server.heads().len(),
            1,
            "the note could have been created: not sent again"
        );
    }

    #[tokio::test]
    async fn a_post_with_a_key_is_retried_after_a_reset() {
        let server = RawServer::start(vec![
            Act::ResetAfter(CUT_OFF),
            Act::Respond(raw_response("201 Created", &json!({ "id": "m1" }))),
        ])
        .await;

        let response = fixture_client(&server.url)
            .create_message(message("hello"))
            .send_with_response()
            .await
            .expect("the retry succeeds");

        assert_eq!(response.attempts(), 2);
        let heads = server.heads();
        assert_eq!(heads.len(), 2);
        let key = response.idempotency_key().expect("a key");
        for head in &heads {
            assert!(
                head.to_ascii_lowercase()
                    .contains(&format!("idempotency-key: {key}")),
                "{head}"
            );
        }
    }

    #[tokio::test]
    async fn a_post_without_a_key_is_retried_when_nothing_was_sent() {
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
            listener.local_addr().unwrap().port()
        };

        let error = fixture_client(&format!("http://127.0.0.1:{port}"))
            .create_note(message("never sent"))
            .send()
            .await
            .expect_err("nothing listens");

        assert!(error.is_transport(), "{error:?}");
        assert_eq!(
            error.attempts(),
            3,
            "a refused connection sent nothing, so it is retried"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Rate limits and cancellation
// ---------------------------------------------------------------------------------------

mod rate_limits {
    use super::*;

    #[tokio::test]
    async fn the_statistics_class_lets_three_calls_through_in_no_less_than_two_seconds() {
        let server = MockServer::start().await;
        then(
            &server,
            "GET",
            "/stats",
            ResponseTemplate::new(200).set_body_json(json!({ "id": "s" })),
            None,
        )
        .await;
        let client = fixture_client(&server.uri());

        let started = Instant::now();
        for _ in 0..3 {
            client.get_stats().send().await.expect("stats");
        }

        assert!(
            started.elapsed() >= Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(received(&server).await.len(), 3);
    }

    #[test]
    fn classes_can_be_set_and_unknown_ones_are_rejected() {
        let error = runtime_client::Client::builder()
            .rate_limit("nope", 1.0, 1)
            .build()
            .expect_err("no such class");
        assert!(
            matches!(&error, runtime_client::Error::Config(m) if m.contains("nope") && m.contains("statistics")),
            "{error}"
        );
        let error = runtime_client::Client::builder()
            .rate_limit("general", 0.0, 1)
            .build()
            .expect_err("a zero rate");
        assert!(
            matches!(&error, runtime_client::Error::Config(m) if m.contains("general")),
            "{error}"
        );
        runtime_client::Client::builder()
            .rate_limit("statistics", 50.0, 10)
            .rate_limits_enabled(false)
            .build()
            .expect("valid");
    }

    #[tokio::test]
    async fn a_cancelled_rate_limit_wait_sends_nothing() {
        let server = MockServer::start().await;
        then(&server, "GET", &credentials_path(ACCOUNT), ok_page(), None).await;
        let client = Client::builder()
            .api_key(API_KEY)
            .base_url(server.uri())
            .rate_limit("general", 1.0, 1)
            .build()
            .expect("builds");

        client
            .get_smtp_credentials(ACCOUNT)
            .send()
            .await
            .expect("the first call has a token");
        let waiting = tokio::time::timeout(
            Duration::from_millis(200),
            client.get_smtp_credentials(ACCOUNT).send(),
        )
        .await;
        assert!(waiting.is_err(), "the second call waits for a token");
        // Long enough for the token the cancelled call was waiting for.
        tokio::time::sleep(Duration::from_millis(1200)).await;
        assert_eq!(
            received(&server).await.len(),
            1,
            "the cancelled call never went out"
        );

        client
            .get_smtp_credentials(ACCOUNT)
            .send()
            .await
            .expect("the next call goes");
        assert_eq!(received(&server).await.len(), 2);
    }

    #[tokio::test]
    async fn a_paginated_stream_dropped_part_way_stops_its_request() {
        let first = raw_response("200 OK", &page(1, Some("c1")));
        let server = RawServer::start(vec![Act::Respond(first), Act::Hold]).await;
        let client = seed_client(&server.url);

        let mut items = client.get_smtp_credentials(ACCOUNT).items();
        items
            .next()
            .await
            .expect("an item")
            .expect("the first page");
        let pending = tokio::time::timeout(Duration::from_millis(300), items.next()).await;
        assert!(pending.is_err(), "the second page never comes");
        assert_eq!(server.heads().len(), 2);
        drop(items);

        // The client drops the connection of the abandoned request: nothing is left
        // reading from it, and nothing more is sent.
        let state = server.state.clone();
        eventually("the client closes the held connection", || {
            state.closed_by_client.load(Ordering::SeqCst) == 1
        })
        .await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(server.heads().len(), 2);
    }
}

// ---------------------------------------------------------------------------------------
// The environment
// ---------------------------------------------------------------------------------------

mod environment {
    use super::*;

    const VARS: [&str; 4] = [
        "AHASEND_API_KEY",
        "AHASEND_BASE_URL",
        "AHASEND_MAX_RETRIES",
        "AHASEND_TIMEOUT",
    ];

    use tests::RestoreEnv;

    /// The only test of this binary that touches the process environment.
    #[tokio::test]
    async fn from_env_reads_retries_and_timeout_and_names_a_malformed_variable() {
        let _restore = RestoreEnv::save(&VARS);
        let server = MockServer::start().await;
        then(
            &server,
            "GET",
            &credentials_path(ACCOUNT),
            ok_page().set_delay(Duration::from_secs(5)),
            None,
        )
        .await;
        std::env::set_var("AHASEND_API_KEY", API_KEY);
        std::env::set_var("AHASEND_BASE_URL", server.uri());

        std::env::set_var("AHASEND_MAX_RETRIES", "two");
        let message = config_message(Client::from_env());
        assert!(
            message.contains("AHASEND_MAX_RETRIES") && message.contains("two"),
            "{message}"
        );
        std::env::set_var("AHASEND_MAX_RETRIES", "1");

        for bad in ["soon", "0", "-3"] {
            std::env::set_var("AHASEND_TIMEOUT", bad);
            let message = config_message(Client::from_env());
            assert!(message.contains("AHASEND_TIMEOUT"), "{message}");
        }
        std::env::set_var("AHASEND_TIMEOUT", "0.2");

        let client = Client::from_env().expect("valid settings");
        let error = client
            .get_smtp_credentials(ACCOUNT)
            .send()
            .await
            .expect_err("too slow");
        assert!(error.is_timeout(), "{error:?}");
        assert_eq!(error.attempts(), 2, "AHASEND_MAX_RETRIES=1");
    }
}
