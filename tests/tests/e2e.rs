//! End-to-end tests of the generated `ahasend-client` crate: every test drives the real
//! client over loopback HTTP against an in-process `wiremock::MockServer` and checks what
//! the server received and what the client made of the answer.
//!
//! Sections: request shape (auth, user agent, query, path), pagination (`items()` /
//! `pages()`, laziness, stop conditions, repeated cursors), errors (API, decode,
//! transport), model decoding (unknown enum values and fields, date-times), successful
//! responses with headers, configuration (`Client::new`, the builder, `Client::from_env`)
//! and the documented user-facing contract.
//!
//! Streams that a bug could make endless are bounded with `.take(..)`, so a regression
//! fails instead of hanging.

use ahasend_client::models::{
    ErrorResponse, PaginatedSmtpCredentialsResponse, PaginatedSmtpCredentialsResponseObject,
    SmtpCredential, SmtpCredentialObject, SmtpCredentialScope,
};
use ahasend_client::{Client, DecodeError, Error, ErrorBody, DEFAULT_BASE_URL};
use futures::{Stream, StreamExt, TryStreamExt};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request, ResponseTemplate};

mod common;
use common::{config_message, credential, credential_id, credentials_path, page, ACCOUNT};

// ---------------------------------------------------------------------------------------
// Fixtures and helpers
// ---------------------------------------------------------------------------------------

/// A recognisable key, so that a leak into `Debug`/`Display` output is easy to spot.
const API_KEY: &str = "aha-sk-e2e-SECRET-7f3a9c0d1e2b4a5968778695a4b3c2d1";
const OPERATION_ID: &str = "getSMTPCredentials";

/// A client for `base_url` that authenticates with [`API_KEY`]. Retries are off: each
/// test here checks one exchange (`faults.rs` tests retries).
fn client_at(base_url: impl Into<String>) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(base_url)
        .max_retries(0)
        .build()
        .expect("the client builds")
}

/// A client for `server` that authenticates with [`API_KEY`].
fn client_for(server: &MockServer) -> Client {
    client_at(server.uri())
}

/// [`client_for`] with strict decoding: a body that breaks the description fails.
fn strict_client_for(server: &MockServer) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(0)
        .strict_decoding(true)
        .build()
        .expect("the client builds")
}

/// A mock of `GET /v2/accounts/{ACCOUNT}/smtp-credentials`; add matchers to narrow it.
fn list_credentials() -> MockBuilder {
    Mock::given(method("GET")).and(path(credentials_path(ACCOUNT)))
}

/// [`list_credentials`] narrowed to the page at cursor `after`: `None` is the first page,
/// requested without an `after` parameter.
fn page_at(after: Option<&str>) -> MockBuilder {
    match after {
        None => list_credentials().and(query_param_is_missing("after")),
        Some(cursor) => list_credentials().and(query_param("after", cursor)),
    }
}

/// Matches an `Authorization: Bearer {key}` header.
fn bearer(key: &str) -> impl Match {
    header("authorization", format!("Bearer {key}").as_str())
}

/// Mounts `mock` on `server`, answering `response`; the server checks, when dropped, that
/// it matched exactly `times` requests.
async fn serve(server: &MockServer, mock: MockBuilder, response: ResponseTemplate, times: u64) {
    mock.respond_with(response)
        .expect(times)
        .mount(server)
        .await;
}

/// Serves `response` for the page at cursor `after` (see [`page_at`]) to exactly `times`
/// requests.
async fn serve_page(
    server: &MockServer,
    after: Option<&str>,
    response: ResponseTemplate,
    times: u64,
) {
    serve(server, page_at(after), response, times).await;
}

/// A new server that answers exactly one [`list_credentials`] request with `response`,
/// and a client for it.
async fn server_answering(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    serve(&server, list_credentials(), response, 1).await;
    let client = client_for(&server);
    (server, client)
}

/// The first page as `client` fetches it, with no optional parameters.
async fn first_page(client: &Client) -> Result<PaginatedSmtpCredentialsResponse, Error> {
    client.get_smtp_credentials(ACCOUNT).send().await
}

/// Everything `stream` yields, successes and errors alike, cut off after ten.
async fn collect_bounded<T>(stream: impl Stream<Item = Result<T, Error>>) -> Vec<Result<T, Error>> {
    stream.take(10).collect().await
}

/// Everything `stream` yields, cut off after twenty; panics on the first error.
async fn try_collect_bounded<T>(stream: impl Stream<Item = Result<T, Error>>) -> Vec<T> {
    stream
        .take(20)
        .try_collect()
        .await
        .expect("all pages decode")
}

/// `credential(n)` with some fields replaced or added.
fn credential_with(n: u128, changes: Value) -> Value {
    let mut value = credential(n);
    let object = value.as_object_mut().expect("credential is an object");
    for (key, field) in changes.as_object().expect("changes are an object") {
        object.insert(key.clone(), field.clone());
    }
    value
}

/// A page followed by the page at `cursor`.
fn page_then(items: Vec<Value>, cursor: &str) -> Value {
    page(items, true, Some(cursor))
}

/// The last page.
fn last_page(items: Vec<Value>) -> Value {
    page(items, false, None)
}

fn ok_json(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

fn ok_raw(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json")
}

/// A `status` response whose JSON body is an `ErrorResponse` with `message`.
fn error_json(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({ "message": message }))
}

/// The decoded form of an [`error_json`] body.
fn error_response(message: &str) -> ErrorBody {
    ErrorBody::ErrorResponse(ErrorResponse {
        message: message.into(),
    })
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

/// The decoded query pairs of a request, in order.
fn query_pairs(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// `pairs` as owned strings, to compare with [`query_pairs`].
fn owned_pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The decoded value of query parameter `name`, if present.
fn query_value(request: &Request, name: &str) -> Option<String> {
    query_pairs(request)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

fn ids(credentials: &[SmtpCredential]) -> Vec<Uuid> {
    credentials.iter().map(|c| c.id).collect()
}

fn fixture_ids(ns: impl IntoIterator<Item = u128>) -> Vec<Uuid> {
    ns.into_iter().map(credential_id).collect()
}

/// The `Decode` variant's details, or a panic naming what came instead.
fn expect_decode_error(
    result: Result<PaginatedSmtpCredentialsResponse, Error>,
) -> Box<DecodeError> {
    match result {
        Err(Error::Decode(decode)) => decode,
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

/// Asserts that `error` is an API error with `status` whose body was not decoded, and
/// whose raw body contains `raw`.
fn assert_undecoded_api_error(error: &Error, status: StatusCode, raw: &str) {
    assert_eq!(error.status(), Some(status));
    assert_eq!(error.body(), None);
    assert!(error.api_error().unwrap().raw_body().contains(raw));
}

/// Decodes one credential through the client: the server answers a single page holding it.
async fn decode_via_client(item: Value) -> SmtpCredential {
    let (_server, client) = server_answering(ok_json(last_page(vec![item]))).await;
    let mut page = first_page(&client).await.expect("the page decodes");
    assert_eq!(page.data.len(), 1);
    page.data.remove(0)
}

/// `User-Agent` the client should send: `<name>/<version>` from the generated crate's manifest.
fn expected_user_agent() -> String {
    const MANIFEST: &str = include_str!("../../generated-client/Cargo.toml");
    let package: Vec<&str> = MANIFEST
        .lines()
        .skip_while(|line| line.trim() != "[package]")
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with('['))
        .collect();
    let field = |key: &str| -> String {
        package
            .iter()
            .find_map(|line| {
                let (k, v) = line.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
            })
            .unwrap_or_else(|| panic!("generated-client/Cargo.toml has no package.{key}"))
    };
    format!("{}/{}", field("name"), field("version"))
}

// ---------------------------------------------------------------------------------------
// Request shape
// ---------------------------------------------------------------------------------------

mod request {
    use super::*;

    #[tokio::test]
    async fn sends_bearer_token_user_agent_and_accept() {
        let user_agent = expected_user_agent();
        assert_eq!(user_agent, "ahasend-client/0.1.0");

        let server = MockServer::start().await;
        let mock = list_credentials()
            .and(bearer(API_KEY))
            .and(header("user-agent", user_agent.as_str()))
            .and(header("accept", "application/json"));
        serve(&server, mock, ok_json(last_page(vec![credential(1)])), 1).await;

        let page = first_page(&client_for(&server))
            .await
            .expect("the request matched the header matchers");
        assert_eq!(ids(&page.data), fixture_ids([1]));

        let received = requests(&server).await;
        assert_eq!(received.len(), 1);
        let authorization = received[0].headers.get_all("authorization");
        assert_eq!(
            authorization.iter().count(),
            1,
            "exactly one Authorization header"
        );
    }

    #[tokio::test]
    async fn default_headers_go_on_every_request_and_secrets_stay_out_of_debug() {
        const SESSION: &str = "session-secret-42";
        const SIGNED: &str = "signed-secret-43";
        let server = MockServer::start().await;
        serve(&server, list_credentials(), ok_json(last_page(vec![])), 2).await;
        let builder = Client::builder()
            .base_url(server.uri())
            .api_key(API_KEY)
            .default_header("X-GitHub-Api-Version", "2022-11-28")
            .default_header("User-Agent", "my-app/1.0")
            // The credential's `Authorization` wins over a default one.
            .default_header("Authorization", "Bearer not-sent")
            .default_header("X-Session-Id", SESSION)
            .default_sensitive_header("X-Signed", SIGNED)
            // Set again: the later value replaces the first.
            .default_header("x-github-api-version", "2026-03-10");
        let shown = format!("{builder:?}");
        let client = builder.build().expect("valid default headers");
        first_page(&client).await.expect("first call");
        first_page(&client).await.expect("second call");

        for request in requests(&server).await {
            let values = |name: &str| -> Vec<String> {
                request
                    .headers
                    .get_all(name)
                    .iter()
                    .map(|v| v.to_str().unwrap().to_owned())
                    .collect()
            };
            assert_eq!(values("x-github-api-version"), ["2026-03-10"]);
            assert_eq!(values("user-agent"), ["my-app/1.0"]);
            assert_eq!(values("authorization"), [format!("Bearer {API_KEY}")]);
            assert_eq!(values("x-session-id"), [SESSION]);
            assert_eq!(values("x-signed"), [SIGNED]);
        }
        let shown = format!("{shown} {client:?}");
        for secret in [SESSION, SIGNED, "not-sent", API_KEY] {
            assert!(!shown.contains(secret), "{secret} shown: {shown}");
        }
        assert!(shown.contains("2026-03-10"), "{shown}");
    }

    #[test]
    fn an_invalid_default_header_fails_the_build_without_showing_its_value() {
        let error = Client::builder()
            .default_header("X-Token", "line\nbreak-secret")
            .build()
            .unwrap_err();
        let message = error.to_string();
        assert!(matches!(error, Error::Config(_)), "{error:?}");
        assert!(message.contains("`X-Token`"), "{message}");
        assert!(!message.contains("break-secret"), "{message}");
    }

    #[tokio::test]
    async fn no_api_key_fails_before_sending() {
        let server = MockServer::start().await;
        serve(&server, list_credentials(), error_json(401, "no key"), 0).await;
        let client = Client::builder()
            .base_url(server.uri())
            .build()
            .expect("a client without a key builds");

        let error = first_page(&client).await.unwrap_err();
        match &error {
            Error::Config(message) => {
                assert!(message.contains(OPERATION_ID), "{message}");
                assert!(message.contains("`BearerAuth`"), "{message}");
            }
            other => panic!("expected Error::Config, got {other:?}"),
        }
        assert_eq!(error.attempts(), 0);
        assert!(requests(&server).await.is_empty(), "nothing was sent");
    }

    #[tokio::test]
    async fn encodes_limit_after_and_before() {
        let after = "a+b/c=";
        let before = "x y&z?#%=";
        let server = MockServer::start().await;
        let mock = list_credentials()
            .and(query_param("limit", "25"))
            .and(query_param("after", after))
            .and(query_param("before", before));
        serve(&server, mock, ok_json(last_page(vec![])), 1).await;

        client_for(&server)
            .get_smtp_credentials(ACCOUNT)
            .limit(25)
            .after(after)
            .before(before)
            .send()
            .await
            .expect("the query matched");

        let received = requests(&server).await;
        assert_eq!(
            query_pairs(&received[0]),
            owned_pairs(&[("limit", "25"), ("after", after), ("before", before)])
        );
        // `+` must be escaped: sent literally, a form decoder reads it as a space.
        let raw = received[0].url.query().expect("a query string");
        assert!(
            raw.contains("after=a%2Bb%2Fc%3D"),
            "`+`, `/`, `=` are escaped in {raw}"
        );
    }

    #[tokio::test]
    async fn omits_unset_optional_params() {
        let server = MockServer::start().await;
        // Neither request sends `after` or `before`.
        let first_page_without_before = || page_at(None).and(query_param_is_missing("before"));
        let bare = first_page_without_before().and(query_param_is_missing("limit"));
        serve(&server, bare, ok_json(last_page(vec![])), 1).await;
        let limited = first_page_without_before().and(query_param("limit", "7"));
        serve(&server, limited, ok_json(last_page(vec![])), 1).await;

        let client = client_for(&server);
        first_page(&client).await.expect("bare request");
        client
            .get_smtp_credentials(ACCOUNT)
            .limit(7)
            .send()
            .await
            .expect("limit only");

        let received = requests(&server).await;
        assert_eq!(received.len(), 2);
        assert_eq!(received[0].url.query(), None, "no query string at all");
        assert_eq!(received[1].url.query(), Some("limit=7"));
    }

    #[tokio::test]
    async fn path_is_exact_with_hyphenated_account_id() {
        const EXACT_PATH: &str =
            "/v2/accounts/01234567-89ab-cdef-fedc-ba9876543210/smtp-credentials";
        let server = MockServer::start().await;
        let mock = Mock::given(method("GET")).and(path(EXACT_PATH));
        serve(&server, mock, ok_json(last_page(vec![])), 1).await;

        first_page(&client_for(&server))
            .await
            .expect("the exact path matched");

        let received = requests(&server).await;
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].method, wiremock::http::Method::GET);
        assert_eq!(received[0].url.path(), EXACT_PATH);
    }

    #[tokio::test]
    async fn trailing_slash_in_base_url_is_ignored() {
        let server = MockServer::start().await;
        serve(&server, list_credentials(), ok_json(last_page(vec![])), 1).await;
        let client = client_at(format!("{}/", server.uri()));
        assert_eq!(client.base_url(), server.uri());

        first_page(&client).await.expect("no `//` in the path");
        assert_eq!(
            requests(&server).await[0].url.path(),
            credentials_path(ACCOUNT)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------------------

mod pagination {
    use super::*;

    /// Three pages of `limit=2`: items 1–2 (→ `c1`), 3–4 (→ `c2`), 5 (last). Each page
    /// is served only for `limit=2` and must be fetched exactly once.
    async fn mount_three_pages(server: &MockServer) {
        for (after, body) in [
            (None, page_then(vec![credential(1), credential(2)], "c1")),
            (
                Some("c1"),
                page_then(vec![credential(3), credential(4)], "c2"),
            ),
            (Some("c2"), last_page(vec![credential(5)])),
        ] {
            let mock = page_at(after).and(query_param("limit", "2"));
            serve(server, mock, ok_json(body), 1).await;
        }
    }

    /// The server saw exactly the three page requests, in order, each with `limit=2`.
    async fn assert_three_page_requests(server: &MockServer) {
        let received = requests(server).await;
        assert_eq!(received.len(), 3);
        for request in &received {
            assert_eq!(query_value(request, "limit").as_deref(), Some("2"));
            assert_eq!(request.url.path(), credentials_path(ACCOUNT));
        }
        let afters: Vec<Option<String>> =
            received.iter().map(|r| query_value(r, "after")).collect();
        assert_eq!(afters, [None, Some("c1".to_owned()), Some("c2".to_owned())]);
    }

    #[tokio::test]
    async fn items_follow_cursors_across_three_pages_keeping_limit() {
        let server = MockServer::start().await;
        mount_three_pages(&server).await;

        let request = client_for(&server).get_smtp_credentials(ACCOUNT).limit(2);
        let all: Vec<SmtpCredential> = try_collect_bounded(request.items()).await;

        assert_eq!(ids(&all), fixture_ids(1..=5));
        assert_eq!(all[4].name, "credential-5");
        assert_three_page_requests(&server).await;
    }

    #[tokio::test]
    async fn pages_yields_every_page() {
        let server = MockServer::start().await;
        mount_three_pages(&server).await;

        let request = client_for(&server).get_smtp_credentials(ACCOUNT).limit(2);
        let pages: Vec<PaginatedSmtpCredentialsResponse> =
            try_collect_bounded(request.pages()).await;

        assert_eq!(pages.len(), 3);
        assert_eq!(ids(&pages[0].data), fixture_ids([1, 2]));
        assert_eq!(ids(&pages[1].data), fixture_ids([3, 4]));
        assert_eq!(ids(&pages[2].data), fixture_ids([5]));
        let cursors: Vec<Option<&str>> = pages
            .iter()
            .map(|p| p.pagination.next_cursor.as_deref())
            .collect();
        assert_eq!(cursors, [Some("c1"), Some("c2"), None]);
        assert!(!pages[2].pagination.has_more);
        assert_three_page_requests(&server).await;
    }

    #[tokio::test]
    async fn before_applies_to_the_first_page_only() {
        let server = MockServer::start().await;
        mount_three_pages(&server).await;

        let request = client_for(&server)
            .get_smtp_credentials(ACCOUNT)
            .limit(2)
            .before("b0");
        let all: Vec<SmtpCredential> = try_collect_bounded(request.items()).await;

        assert_eq!(ids(&all), fixture_ids(1..=5));
        let befores: Vec<Option<String>> = requests(&server)
            .await
            .iter()
            .map(|r| query_value(r, "before"))
            .collect();
        assert_eq!(befores, [Some("b0".to_owned()), None, None]);
    }

    #[tokio::test]
    async fn items_are_fetched_lazily() {
        let server = MockServer::start().await;
        let first = ok_json(page_then(vec![credential(1), credential(2)], "c1"));
        serve_page(&server, None, first, 1).await;
        let second = ok_json(last_page(vec![credential(3)]));
        serve_page(&server, Some("c1"), second, 1).await;

        let mut items = client_for(&server).get_smtp_credentials(ACCOUNT).items();
        assert!(
            requests(&server).await.is_empty(),
            "creating the stream sends nothing"
        );

        // Item 2 still comes from page one; item 3 needs page two.
        for (n, requests_so_far) in [(1, 1), (2, 1), (3, 2)] {
            let item = items.next().await.expect("an item").expect("it decodes");
            assert_eq!(item.id, credential_id(n));
            assert_eq!(
                requests(&server).await.len(),
                requests_so_far,
                "after item {n}"
            );
        }

        drop(items);
        assert_eq!(requests(&server).await.len(), 2);
    }

    #[tokio::test]
    async fn pages_are_fetched_lazily() {
        let server = MockServer::start().await;
        let first = ok_json(page_then(vec![credential(1)], "c1"));
        let never_fetched = ok_json(last_page(vec![credential(2)]));
        serve_page(&server, None, first, 1).await;
        serve_page(&server, Some("c1"), never_fetched, 0).await;

        let mut pages = client_for(&server).get_smtp_credentials(ACCOUNT).pages();
        assert!(
            requests(&server).await.is_empty(),
            "creating the stream sends nothing"
        );
        let first = pages.next().await.expect("a page").expect("it decodes");
        assert_eq!(ids(&first.data), fixture_ids([1]));
        drop(pages);
        assert_eq!(requests(&server).await.len(), 1);
    }

    #[tokio::test]
    async fn stream_ends_after_a_page_that_names_no_next_page() {
        let cases = [
            (
                "has_more without next_cursor",
                page(vec![credential(1)], true, None),
            ),
            (
                "has_more with empty next_cursor",
                page(vec![credential(1)], true, Some("")),
            ),
            (
                "next_cursor without has_more",
                page(vec![credential(1)], false, Some("c1")),
            ),
        ];
        for (case, body) in cases {
            let server = MockServer::start().await;
            serve_page(&server, None, ok_json(body), 1).await;

            let pages =
                collect_bounded(client_for(&server).get_smtp_credentials(ACCOUNT).pages()).await;

            assert_eq!(pages.len(), 1, "{case}: one page, then the end");
            let only = pages.into_iter().next().unwrap().expect("the page decodes");
            assert_eq!(ids(&only.data), fixture_ids([1]), "{case}");
            assert_eq!(
                requests(&server).await.len(),
                1,
                "{case}: no second request"
            );
        }
    }

    #[tokio::test]
    async fn repeated_cursor_ends_stream_with_error() {
        let server = MockServer::start().await;
        // Each page is served twice: once for `pages()`, once for `items()`.
        let first = ok_json(page_then(vec![credential(1)], "same"));
        let second = ok_json(page_then(vec![credential(2)], "same"));
        serve_page(&server, None, first, 2).await;
        serve_page(&server, Some("same"), second, 2).await;
        let client = client_for(&server);

        let pages = collect_bounded(client.get_smtp_credentials(ACCOUNT).pages()).await;

        assert_eq!(
            pages.len(),
            3,
            "two pages, then the error, then the end: {pages:?}"
        );
        assert_eq!(ids(&pages[0].as_ref().unwrap().data), fixture_ids([1]));
        assert_eq!(ids(&pages[1].as_ref().unwrap().data), fixture_ids([2]));
        match &pages[2] {
            Err(Error::RepeatedCursor { operation, cursor }) => {
                assert_eq!(*operation, OPERATION_ID);
                assert_eq!(cursor, "same");
            }
            other => panic!("expected Error::RepeatedCursor, got {other:?}"),
        }
        assert_eq!(requests(&server).await.len(), 2);

        // `items()` yields the items it got, then the same error.
        let items = collect_bounded(client.get_smtp_credentials(ACCOUNT).items()).await;
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(items[0].as_ref().unwrap().id, credential_id(1));
        assert_eq!(items[1].as_ref().unwrap().id, credential_id(2));
        assert!(matches!(&items[2], Err(Error::RepeatedCursor { cursor, .. }) if cursor == "same"));
        let error = items.into_iter().nth(2).unwrap().unwrap_err();
        assert_eq!(error.operation(), Some(OPERATION_ID));
        assert!(error.to_string().contains("same"), "{error}");
        assert_eq!(
            requests(&server).await.len(),
            4,
            "two more requests, no loop"
        );
    }

    #[tokio::test]
    async fn starting_cursor_counts_as_seen() {
        let server = MockServer::start().await;
        let mock = page_at(Some("start")).and(query_param("limit", "3"));
        let back_to_start = ok_json(page_then(vec![credential(1)], "start"));
        serve(&server, mock, back_to_start, 1).await;

        let request = client_for(&server)
            .get_smtp_credentials(ACCOUNT)
            .limit(3)
            .after("start");
        let pages = collect_bounded(request.pages()).await;

        assert_eq!(pages.len(), 2, "{pages:?}");
        assert_eq!(ids(&pages[0].as_ref().unwrap().data), fixture_ids([1]));
        assert!(
            matches!(&pages[1], Err(Error::RepeatedCursor { cursor, .. }) if cursor == "start"),
            "{:?}",
            pages[1]
        );
        assert_eq!(requests(&server).await.len(), 1);
    }

    #[tokio::test]
    async fn error_on_a_later_page_ends_the_stream() {
        let server = MockServer::start().await;
        let first = ok_json(page_then(vec![credential(1)], "c1"));
        serve_page(&server, None, first, 1).await;
        serve_page(&server, Some("c1"), error_json(500, "boom"), 1).await;

        let items =
            collect_bounded(client_for(&server).get_smtp_credentials(ACCOUNT).items()).await;

        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(items[0].as_ref().unwrap().id, credential_id(1));
        let error = items[1].as_ref().unwrap_err();
        assert_eq!(error.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
        assert_eq!(requests(&server).await.len(), 2);
    }
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

mod errors {
    use super::*;

    #[tokio::test]
    async fn unauthorized_decodes_error_response_and_hides_the_key() {
        let (_server, client) = server_answering(error_json(401, "Invalid API key")).await;

        let error = first_page(&client).await.unwrap_err();

        assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
        assert_eq!(error.operation(), Some(OPERATION_ID));
        match error.body() {
            Some(ErrorBody::ErrorResponse(ErrorResponse { message })) => {
                assert_eq!(message, "Invalid API key");
            }
            other => panic!("expected an ErrorResponse body, got {other:?}"),
        }
        let api = error.api_error().expect("an API error");
        assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
        assert!(api.raw_body().contains("Invalid API key"));
        assert!(error.headers().is_some());

        let display = error.to_string();
        assert!(display.contains(OPERATION_ID), "{display}");
        assert!(display.contains("401"), "{display}");
        for (what, text) in [
            ("Display", display),
            ("Debug of the error", format!("{error:?}")),
            ("Debug of the client", format!("{client:?}")),
            (
                "Debug of a builder",
                format!("{:?}", Client::builder().api_key(API_KEY)),
            ),
            (
                "Debug of a request builder",
                format!("{:?}", client.get_smtp_credentials(ACCOUNT)),
            ),
        ] {
            assert!(!text.contains(API_KEY), "{what} leaks the API key: {text}");
            assert!(
                !text.contains("SECRET"),
                "{what} leaks part of the API key: {text}"
            );
        }
    }

    #[tokio::test]
    async fn declared_statuses_decode_their_error_body() {
        for status in [400, 403, 500] {
            let (_server, client) = server_answering(error_json(status, "nope")).await;

            let error = first_page(&client).await.unwrap_err();

            assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
            assert_eq!(
                error.body(),
                Some(&error_response("nope")),
                "status {status}"
            );
        }
    }

    #[tokio::test]
    async fn undeclared_status_keeps_only_the_raw_body() {
        let response = error_json(404, "not found").insert_header("x-request-id", "req-404");
        let (_server, client) = server_answering(response).await;

        let error = first_page(&client).await.unwrap_err();

        assert_undecoded_api_error(&error, StatusCode::NOT_FOUND, "not found");
        assert_eq!(
            error.headers().unwrap().get("x-request-id").unwrap(),
            "req-404"
        );
    }

    #[tokio::test]
    async fn server_error_with_html_body_keeps_the_raw_body() {
        let html = "<html><body>Internal error</body></html>";
        let (_server, client) =
            server_answering(ResponseTemplate::new(500).set_body_raw(html, "text/html")).await;

        let error = first_page(&client).await.unwrap_err();

        assert!(matches!(error, Error::Api(_)), "{error:?}");
        assert_undecoded_api_error(&error, StatusCode::INTERNAL_SERVER_ERROR, html);
        assert!(error.to_string().contains("500"), "{error}");
    }

    #[tokio::test]
    async fn error_body_of_the_wrong_shape_is_not_decoded() {
        let (_server, client) = server_answering(
            ResponseTemplate::new(401).set_body_json(json!({ "error": "denied" })),
        )
        .await;

        let error = first_page(&client).await.unwrap_err();

        assert_undecoded_api_error(&error, StatusCode::UNAUTHORIZED, "denied");
    }

    #[tokio::test]
    async fn malformed_json_in_a_success_is_a_decode_error() {
        let body = r#"{"object": "list", "data": ["#;
        let (_server, client) = server_answering(ok_raw(body)).await;

        let decode = expect_decode_error(first_page(&client).await);

        assert_eq!(decode.status(), StatusCode::OK);
        assert_eq!(decode.operation(), OPERATION_ID);
        assert_eq!(decode.raw_body(), body);
        assert!(!decode.message().is_empty());
    }

    #[tokio::test]
    async fn decode_errors_keep_status_and_headers() {
        let server = MockServer::start().await;
        let response = ok_raw("{}").insert_header("x-request-id", "req-42");
        serve(&server, list_credentials(), response, 1).await;
        // Strict: a tolerant client decodes `{}` as an empty page (see `tolerant`).
        let client = strict_client_for(&server);

        let error = first_page(&client)
            .await
            .expect_err("a body without the required fields does not decode");

        assert!(matches!(error, Error::Decode(_)), "{error:?}");
        assert_eq!(error.status(), Some(StatusCode::OK));
        let request_id = error.headers().and_then(|h| h.get("x-request-id"));
        assert_eq!(request_id.and_then(|v| v.to_str().ok()), Some("req-42"));
        assert!(error.to_string().contains("missing field"), "{error}");
    }

    #[tokio::test]
    async fn trailing_garbage_after_the_json_is_a_decode_error() {
        let body = format!("{} trailing", last_page(vec![]));
        let (_server, client) = server_answering(ok_raw(&body)).await;

        let decode = expect_decode_error(first_page(&client).await);
        assert_eq!(decode.status(), StatusCode::OK);
    }

    /// With strict decoding (a client tolerating deviations decodes `sandbox: "yes"` as
    /// `false`; see `tolerant`).
    #[tokio::test]
    async fn schema_mismatch_names_the_json_path() {
        let cases = [
            (
                "id is not a uuid",
                json!({ "id": "not-a-uuid" }),
                "data[0].id",
            ),
            (
                "created_at is a number",
                json!({ "created_at": 42 }),
                "data[0].created_at",
            ),
            (
                "sandbox is a string",
                json!({ "sandbox": "yes" }),
                "data[0].sandbox",
            ),
        ];
        for (case, changes, expected_path) in cases {
            let body = last_page(vec![credential(1), credential_with(2, changes)]);
            // The second item is the bad one, so the path must name index 1.
            let expected_path = expected_path.replace("[0]", "[1]");
            let server = MockServer::start().await;
            serve(&server, list_credentials(), ok_json(body), 1).await;
            let client = strict_client_for(&server);

            let decode = expect_decode_error(first_page(&client).await);

            assert_eq!(decode.status(), StatusCode::OK, "{case}");
            assert_eq!(decode.operation(), OPERATION_ID, "{case}");
            assert!(
                decode.path().contains(&expected_path),
                "{case}: path {:?} should name {expected_path}",
                decode.path()
            );
            let display = Error::Decode(decode).to_string();
            assert!(display.contains(&expected_path), "{case}: {display}");
        }
    }

    #[tokio::test]
    async fn transport_error_on_a_closed_port() {
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
            listener.local_addr().unwrap().port()
        };
        let client = client_at(format!("http://127.0.0.1:{port}"));

        let error = first_page(&client).await.unwrap_err();

        assert!(error.is_transport(), "{error:?}");
        assert!(!error.is_timeout());
        assert!(std::error::Error::source(&error).is_some());
        assert_eq!(error.status(), None);
        assert_eq!(error.operation(), Some(OPERATION_ID));
        assert!(error.to_string().contains(OPERATION_ID), "{error}");
        assert!(!format!("{error:?}").contains(API_KEY));
    }
}

// ---------------------------------------------------------------------------------------
// Responses that break the description
// ---------------------------------------------------------------------------------------

mod tolerant {
    use super::*;
    use ahasend_client::{Deviation, Substitution};

    /// A page whose second credential lacks the required `name`, has `null` for the
    /// required `sandbox` and a number for the string `username`, and whose pagination
    /// lacks `has_more`.
    fn deviating_page() -> Value {
        let mut second = credential_with(2, json!({ "sandbox": null, "username": 42 }));
        second.as_object_mut().unwrap().remove("name");
        json!({ "object": "list", "data": [credential(1), second], "pagination": {} })
    }

    /// Path, deviation and value of each, by path (the order the decoding meets them
    /// follows the order of JSON keys, which serde_json's `preserve_order` changes).
    fn described(substitutions: &[Substitution]) -> Vec<(String, Deviation, Value)> {
        let mut all: Vec<(String, Deviation, Value)> = substitutions
            .iter()
            .map(|s| {
                (
                    s.path().to_owned(),
                    s.deviation().clone(),
                    s.value().clone(),
                )
            })
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }

    #[tokio::test]
    async fn missing_null_and_mistyped_fields_decode_to_empty_values_each_listed() {
        let (_server, client) = server_answering(ok_json(deviating_page())).await;

        let response = client
            .get_smtp_credentials(ACCOUNT)
            .send_with_response()
            .await
            .expect("the deviating page decodes");

        let page = response.body();
        assert_eq!(
            page.data[0],
            decode_via_client(credential(1)).await,
            "the first is intact"
        );
        let second = &page.data[1];
        assert_eq!(
            (
                second.name.as_str(),
                second.sandbox,
                second.username.as_str()
            ),
            ("", false, "")
        );
        assert_eq!(second.id, credential_id(2), "what the server sent is kept");
        assert!(!page.pagination.has_more);
        assert_eq!(
            described(response.substitutions()),
            [
                ("data[1].name".to_owned(), Deviation::Missing, json!("")),
                ("data[1].sandbox".to_owned(), Deviation::Null, json!(false)),
                (
                    "data[1].username".to_owned(),
                    Deviation::WrongType {
                        found: "an integer".to_owned()
                    },
                    json!("")
                ),
                (
                    "pagination.has_more".to_owned(),
                    Deviation::Missing,
                    json!(false)
                ),
            ]
        );
        let sandbox = response
            .substitutions()
            .iter()
            .find(|s| s.path() == "data[1].sandbox");
        assert_eq!(
            sandbox.map(ToString::to_string).as_deref(),
            Some("`data[1].sandbox` was null; decoded as false")
        );
    }

    #[tokio::test]
    async fn a_body_that_matches_has_no_substitutions() {
        let (_server, client) = server_answering(ok_json(last_page(vec![credential(1)]))).await;
        let response = client
            .get_smtp_credentials(ACCOUNT)
            .send_with_response()
            .await
            .unwrap();
        assert!(response.substitutions().is_empty());
    }

    #[tokio::test]
    async fn strict_decoding_fails_on_the_same_body_with_the_path() {
        let server = MockServer::start().await;
        serve(&server, list_credentials(), ok_json(deviating_page()), 1).await;
        let client = strict_client_for(&server);

        let decode = expect_decode_error(first_page(&client).await);

        // The first deviation the decoding meets: which one depends on the order of keys.
        assert!(decode.path().starts_with("data[1]"), "{}", decode.path());
    }

    #[tokio::test]
    async fn a_value_of_the_right_type_that_does_not_parse_still_fails_with_the_path() {
        // A string that is no date-time: not a deviation an empty value stands in for.
        let body = last_page(vec![credential_with(
            1,
            json!({ "created_at": "yesterday" }),
        )]);
        let (_server, client) = server_answering(ok_json(body)).await;

        let decode = expect_decode_error(first_page(&client).await);

        assert_eq!(decode.path(), "data[0].created_at");
    }
}

// ---------------------------------------------------------------------------------------
// Model decoding
// ---------------------------------------------------------------------------------------

mod models {
    use super::*;

    #[tokio::test]
    async fn unknown_enum_values_are_kept_and_round_trip() {
        let item = decode_via_client(credential_with(
            1,
            json!({ "scope": "team-wide", "object": "credential_smtp_v2" }),
        ))
        .await;

        assert_eq!(item.scope, SmtpCredentialScope::Unknown("team-wide".into()));
        assert_eq!(
            item.object,
            SmtpCredentialObject::Unknown("credential_smtp_v2".into())
        );
        assert_eq!(
            serde_json::to_value(&item.scope).unwrap(),
            json!("team-wide")
        );
        assert_eq!(
            serde_json::to_value(&item.object).unwrap(),
            json!("credential_smtp_v2")
        );
        let whole = serde_json::to_value(&item).unwrap();
        assert_eq!(whole["scope"], json!("team-wide"));
        assert_eq!(whole["object"], json!("credential_smtp_v2"));
    }

    #[tokio::test]
    async fn known_values_decode_and_unknown_fields_are_ignored() {
        let mut body = last_page(vec![credential_with(
            1,
            json!({
                "scope": "scoped",
                "sandbox": true,
                "domains": ["example.com", "mail.example.org"],
                "brand_new_field": { "nested": [1, 2, 3] },
            }),
        )]);
        body["pagination"]["previous_cursor"] = json!("p0");
        body["pagination"]["total"] = json!(99);
        body["request_id"] = json!("unknown top-level field");
        let (_server, client) = server_answering(ok_json(body)).await;

        let page = first_page(&client)
            .await
            .expect("unknown fields are ignored");

        assert_eq!(page.object, PaginatedSmtpCredentialsResponseObject::List);
        assert_eq!(page.pagination.previous_cursor.as_deref(), Some("p0"));
        assert!(!page.pagination.has_more);
        let item = &page.data[0];
        assert_eq!(item.object, SmtpCredentialObject::CredentialSmtp);
        assert_eq!(item.scope, SmtpCredentialScope::Scoped);
        assert!(item.sandbox);
        assert_eq!(item.username, "user-1");
        assert_eq!(
            item.domains.as_deref(),
            Some(&["example.com".to_owned(), "mail.example.org".to_owned()][..])
        );

        // Without `domains`, the optional field is `None` and is not serialized back.
        let plain = decode_via_client(credential(2)).await;
        assert_eq!(plain.scope, SmtpCredentialScope::Global);
        assert_eq!(plain.domains, None);
        assert!(serde_json::to_value(&plain)
            .unwrap()
            .get("domains")
            .is_none());
    }

    #[tokio::test]
    async fn date_times_with_an_offset_become_the_same_utc_instant() {
        use chrono::TimeZone;

        let item = decode_via_client(credential_with(
            1,
            json!({
                "created_at": "2024-05-01T12:00:00+02:00",
                "updated_at": "2024-05-01T12:00:00.250-05:30",
            }),
        ))
        .await;

        assert_eq!(
            item.created_at,
            chrono::Utc.with_ymd_and_hms(2024, 5, 1, 10, 0, 0).unwrap()
        );
        let updated = chrono::Utc.with_ymd_and_hms(2024, 5, 1, 17, 30, 0).unwrap()
            + chrono::Duration::milliseconds(250);
        assert_eq!(item.updated_at, updated);
    }
}

// ---------------------------------------------------------------------------------------
// Successful responses
// ---------------------------------------------------------------------------------------

mod responses {
    use super::*;

    #[tokio::test]
    async fn send_with_response_exposes_status_and_headers() {
        let (_server, client) = server_answering(
            ok_json(last_page(vec![credential(1)]))
                .insert_header("x-request-id", "req-123")
                .insert_header("x-ratelimit-remaining", "99"),
        )
        .await;

        let response = client
            .get_smtp_credentials(ACCOUNT)
            .send_with_response()
            .await
            .expect("the request succeeds");

        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers().get("x-request-id").unwrap(), "req-123");
        assert_eq!(
            response.headers().get("x-ratelimit-remaining").unwrap(),
            "99"
        );
        assert_eq!(ids(&response.body().data), fixture_ids([1]));

        let (status, headers, body) = response.into_parts();
        assert_eq!(status, StatusCode::OK);
        assert!(headers.contains_key("x-request-id"));
        assert_eq!(ids(&body.data), fixture_ids([1]));
    }
}

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

mod config {
    use super::*;

    const KEY_VAR: &str = "AHASEND_API_KEY";
    const URL_VAR: &str = "AHASEND_BASE_URL";

    use tests::RestoreEnv;

    /// The only test that touches the process environment (tests run in parallel).
    #[tokio::test]
    async fn from_env_reads_key_and_optional_base_url() {
        let _restore = RestoreEnv::save(&[KEY_VAR, URL_VAR]);

        std::env::remove_var(KEY_VAR);
        std::env::remove_var(URL_VAR);
        let message = config_message(Client::from_env());
        assert!(message.contains(KEY_VAR), "{message}");

        std::env::set_var(KEY_VAR, "   ");
        let message = config_message(Client::from_env());
        assert!(
            message.contains(KEY_VAR),
            "a blank key counts as unset: {message}"
        );

        std::env::set_var(KEY_VAR, API_KEY);
        let client = Client::from_env().expect("a key is enough");
        assert_eq!(client.base_url(), DEFAULT_BASE_URL);

        std::env::set_var(URL_VAR, "not a url");
        let message = config_message(Client::from_env());
        assert!(!message.contains(API_KEY), "{message}");

        let server = MockServer::start().await;
        let mock = list_credentials()
            .and(bearer(API_KEY))
            .and(query_param("limit", "50"));
        serve(&server, mock, ok_json(last_page(vec![credential(1)])), 2).await;
        std::env::set_var(URL_VAR, format!("{}/", server.uri()));
        let client = Client::from_env().expect("key and base URL from the environment");
        assert_eq!(client.base_url(), server.uri());
        let page = client
            .get_smtp_credentials(ACCOUNT)
            .limit(50)
            .send()
            .await
            .expect("the call is authenticated and reaches the mock");
        assert_eq!(ids(&page.data), fixture_ids([1]));

        // The contract's `Client::from_env()?` line, run for real.
        let page = contract::documented_from_env(ACCOUNT)
            .await
            .expect("from_env in the documented form");
        assert_eq!(ids(&page.data), fixture_ids([1]));
        assert_eq!(requests(&server).await.len(), 2);
    }

    #[test]
    fn client_new_uses_the_first_server() {
        assert_eq!(DEFAULT_BASE_URL, "https://api.ahasend.com");
        assert_eq!(Client::new("k").base_url(), "https://api.ahasend.com");
        let built = Client::builder()
            .api_key("k")
            .build()
            .expect("defaults build");
        assert_eq!(built.base_url(), DEFAULT_BASE_URL);
    }

    #[test]
    fn builder_rejects_bad_settings_without_echoing_the_key() {
        for url in ["not a url", "ftp://example.com", "/relative/path"] {
            let message = config_message(Client::builder().api_key(API_KEY).base_url(url).build());
            assert!(message.contains("base URL"), "{url}: {message}");
        }

        let bad_key = format!("{API_KEY}\nInjected: header");
        let message = config_message(Client::builder().api_key(bad_key).build());
        assert!(!message.contains(API_KEY), "{message}");
    }
}

// ---------------------------------------------------------------------------------------
// The documented user-facing contract
// ---------------------------------------------------------------------------------------

mod contract {
    use super::*;
    use ahasend_client::models::{PaginatedSmtpCredentialsResponse, SmtpCredential};
    use ahasend_client::{Client, Error};
    use futures::TryStreamExt;

    /// What the documented snippet produced, for the test to check.
    pub(super) struct Outcome {
        pub(super) page: PaginatedSmtpCredentialsResponse,
        pub(super) next: PaginatedSmtpCredentialsResponse,
        pub(super) all: Vec<SmtpCredential>,
        pub(super) pages: Vec<PaginatedSmtpCredentialsResponse>,
        pub(super) failure: Option<(Option<reqwest::StatusCode>, Option<ErrorBody>)>,
    }

    /// The documented usage, as written, except that the builder points at `base_url` and
    /// the `Client::from_env()?` line lives in [`documented_from_env`] (the environment is
    /// process-wide, so only `config::from_env_reads_key_and_optional_base_url` uses it).
    pub(super) async fn documented_usage(
        base_url: &str,
        account_id: Uuid,
    ) -> Result<Outcome, Error> {
        let client = Client::new("aha-sk-..."); // base URL from servers[0]
        assert_eq!(client.base_url(), "https://api.ahasend.com");
        let client = Client::builder()
            .api_key("aha-sk-...")
            .base_url(base_url)
            .build()?;
        let page: PaginatedSmtpCredentialsResponse = client
            .get_smtp_credentials(account_id /* uuid::Uuid */)
            .limit(50)
            .send()
            .await?;
        let next = client
            .get_smtp_credentials(account_id)
            .after(page.pagination.next_cursor.clone().unwrap())
            .send()
            .await?;
        let all: Vec<SmtpCredential> = client
            .get_smtp_credentials(account_id)
            .limit(100)
            .items()
            .try_collect()
            .await?;
        let pages: Vec<PaginatedSmtpCredentialsResponse> = client
            .get_smtp_credentials(account_id)
            .pages()
            .try_collect()
            .await?;
        let mut failure = None;
        if let Err(e) = client.get_smtp_credentials(account_id).send().await {
            let status: Option<reqwest::StatusCode> = e.status(); // and the decoded ErrorResponse body
            failure = Some((status, e.body().cloned()));
        }
        Ok(Outcome {
            page,
            next,
            all,
            pages,
            failure,
        })
    }

    /// The contract's `Client::from_env()?` line (AHASEND_API_KEY, optional AHASEND_BASE_URL).
    pub(super) async fn documented_from_env(
        account_id: Uuid,
    ) -> Result<PaginatedSmtpCredentialsResponse, Error> {
        let client = Client::from_env()?;
        let page: PaginatedSmtpCredentialsResponse = client
            .get_smtp_credentials(account_id)
            .limit(50)
            .send()
            .await?;
        Ok(page)
    }

    #[tokio::test]
    async fn documented_usage_compiles_and_runs() {
        let key = "aha-sk-...";
        let server = MockServer::start().await;
        // Page one serves the first three requests without `after`; the fourth falls
        // through to the 401 below, which the snippet's `if let Err(e)` branch sees.
        page_at(None)
            .and(bearer(key))
            .respond_with(ok_json(page_then(vec![credential(1), credential(2)], "c1")))
            .up_to_n_times(3)
            .expect(3)
            .with_priority(1)
            .mount(&server)
            .await;
        page_at(Some("c1"))
            .and(bearer(key))
            .respond_with(ok_json(last_page(vec![credential(3)])))
            .expect(3)
            .with_priority(1)
            .mount(&server)
            .await;
        list_credentials()
            .respond_with(error_json(401, "Invalid API key"))
            .expect(1)
            .with_priority(10)
            .mount(&server)
            .await;

        let outcome = documented_usage(&server.uri(), ACCOUNT)
            .await
            .expect("the documented calls succeed");

        assert_eq!(ids(&outcome.page.data), fixture_ids([1, 2]));
        assert_eq!(outcome.page.pagination.next_cursor.as_deref(), Some("c1"));
        assert_eq!(ids(&outcome.next.data), fixture_ids([3]));
        assert_eq!(ids(&outcome.all), fixture_ids(1..=3));
        assert_eq!(outcome.pages.len(), 2);
        assert_eq!(ids(&outcome.pages[1].data), fixture_ids([3]));
        let (status, body) = outcome.failure.expect("the last call fails");
        assert_eq!(status, Some(StatusCode::UNAUTHORIZED));
        assert_eq!(body, Some(error_response("Invalid API key")));

        let queries: Vec<Vec<(String, String)>> =
            requests(&server).await.iter().map(query_pairs).collect();
        let expected: Vec<Vec<(String, String)>> = [
            &[("limit", "50")][..],               // .limit(50).send()
            &[("after", "c1")],                   // .after(next_cursor).send()
            &[("limit", "100")],                  // .limit(100).items(): page 1
            &[("limit", "100"), ("after", "c1")], // page 2 keeps the limit
            &[],                                  // .pages(): page 1
            &[("after", "c1")],                   // page 2
            &[],                                  // the failing .send()
        ]
        .iter()
        .map(|pairs| owned_pairs(pairs))
        .collect();
        assert_eq!(queries, expected);
    }
}
