//! End-to-end tests of authentication, against the crate generated from
//! `tests/fixtures/security.yaml` (`tests/security-client/`): every kind of security
//! scheme, the shapes of security requirements (AND, OR, optional, none, an operation's
//! own over the document's), token providers, the built-in OAuth 2 client credentials
//! grant (caching, expiry, a `401`, single flight under concurrency), redaction of every
//! secret, and a request hook that signs requests with HMAC-SHA256.
//!
//! Each test checks the exact bytes a wiremock server received.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::HeaderValue;
use security_client::models::Echo;
use security_client::{Client, ClientBuilder, ClientCredentials, Error};
use serde_json::json;
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

// ---------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------

/// Recognisable secrets, so that a leak into any output is easy to spot.
const API_KEY: &str = "key-SECRET-0a1b2c";
const QUERY_KEY: &str = "query-SECRET-3d4e5f";
const SESSION: &str = "session-SECRET-6a7b8c";
const USERNAME: &str = "aladdin";
const PASSWORD: &str = "open sesame-SECRET";
const JWT: &str = "jwt-SECRET-9d0e1f";
const DIGEST: &str = "username=\"a\", response=\"SECRET-digest\"";
const CLIENT_ID: &str = "client-42";
const CLIENT_SECRET: &str = "client-SECRET-2a3b4c";
const SIGNING_KEY: &[u8] = b"signing-SECRET-5d6e7f";

/// Every secret above, as text.
fn secrets() -> Vec<String> {
    vec![
        API_KEY.to_owned(),
        QUERY_KEY.to_owned(),
        SESSION.to_owned(),
        PASSWORD.to_owned(),
        JWT.to_owned(),
        DIGEST.to_owned(),
        CLIENT_SECRET.to_owned(),
        "access-SECRET".to_owned(),
        "SECRET".to_owned(),
    ]
}

/// A builder for `server`, retries off.
fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder().base_url(server.uri()).max_retries(0)
}

/// A `200` with an `Echo` body.
fn echo() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "message": "ok" }))
}

/// A server answering `200` (an `Echo`) to every request.
async fn echo_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(echo())
        .mount(&server)
        .await;
    server
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

/// A header of a received request, as text (`None` when absent).
fn header_of(request: &Request, name: &str) -> Option<String> {
    let values: Vec<&HeaderValue> = request.headers.get_all(name).iter().collect();
    assert!(values.len() <= 1, "{name} sent {} times", values.len());
    values.first().map(|v| v.to_str().expect("text").to_owned())
}

/// The credentials a received request carried: `Authorization`, `X-Api-Key`, `Cookie`
/// and the query string.
fn credentials_of(request: &Request) -> [Option<String>; 4] {
    [
        header_of(request, "authorization"),
        header_of(request, "x-api-key"),
        header_of(request, "cookie"),
        request.url.query().map(str::to_owned),
    ]
}

/// `Basic base64(user:password)`, computed independently of the client.
fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", base64(format!("{user}:{password}").as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let mut n = 0u32;
        for (i, b) in chunk.iter().enumerate() {
            n |= u32::from(*b) << (16 - 8 * i);
        }
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn config_message(error: &Error) -> &str {
    match error {
        Error::Config(message) => message,
        other => panic!("expected Error::Config, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Each kind of scheme, exactly as sent
// ---------------------------------------------------------------------------------------

mod schemes {
    use super::*;

    #[tokio::test]
    async fn api_key_in_a_header_from_the_document_security() {
        let server = echo_server().await;
        let client = builder(&server).api_key_header(API_KEY).build().unwrap();
        client.global_security().send().await.expect("sent");
        let requests = received(&server).await;
        assert_eq!(
            credentials_of(&requests[0]),
            [None, Some(API_KEY.to_owned()), None, None]
        );
    }

    #[tokio::test]
    async fn basic_and_a_query_key_together() {
        let server = echo_server().await;
        let client = builder(&server)
            .basic_auth(USERNAME, PASSWORD)
            .api_key_query(QUERY_KEY)
            .build()
            .unwrap();
        client.both_schemes().limit(5).send().await.expect("sent");
        let requests = received(&server).await;
        assert_eq!(
            basic(USERNAME, PASSWORD),
            "Basic YWxhZGRpbjpvcGVuIHNlc2FtZS1TRUNSRVQ="
        );
        assert_eq!(
            credentials_of(&requests[0]),
            [
                Some(basic(USERNAME, PASSWORD)),
                None,
                None,
                Some(format!("limit=5&api_key={QUERY_KEY}"))
            ]
        );
    }

    #[tokio::test]
    async fn a_cookie_a_bearer_token_and_another_http_scheme() {
        let server = echo_server().await;
        let cookie = builder(&server)
            .session_cookie_key(SESSION)
            .build()
            .unwrap();
        cookie.either_scheme().send().await.expect("sent");
        let digest = builder(&server).digest_credential(DIGEST).build().unwrap();
        digest.either_scheme().send().await.expect("sent");
        let openid = builder(&server)
            .openid_token("access-SECRET")
            .build()
            .unwrap();
        openid.get_profile().send().await.expect("sent");

        let requests = received(&server).await;
        assert_eq!(
            credentials_of(&requests[0]),
            [None, None, Some(format!("session={SESSION}")), None]
        );
        assert_eq!(
            credentials_of(&requests[1]),
            [Some(format!("Digest {DIGEST}")), None, None, None]
        );
        assert_eq!(
            credentials_of(&requests[2]),
            [Some("Bearer access-SECRET".to_owned()), None, None, None]
        );
    }
}

// ---------------------------------------------------------------------------------------
// Security requirements: OR, AND, optional, none, the operation's own
// ---------------------------------------------------------------------------------------

mod requirements {
    use super::*;

    #[tokio::test]
    async fn the_first_configured_alternative_is_used() {
        let server = echo_server().await;
        // All three alternatives configured: the first (bearer) alone is sent.
        let all = builder(&server)
            .digest_credential(DIGEST)
            .session_cookie_key(SESSION)
            .bearer_jwt_token(JWT)
            .build()
            .unwrap();
        all.either_scheme().send().await.expect("sent");
        // Without the bearer token: the cookie, the second.
        let two = builder(&server)
            .digest_credential(DIGEST)
            .session_cookie_key(SESSION)
            .build()
            .unwrap();
        two.either_scheme().send().await.expect("sent");

        let requests = received(&server).await;
        assert_eq!(
            credentials_of(&requests[0]),
            [Some(format!("Bearer {JWT}")), None, None, None]
        );
        assert_eq!(
            credentials_of(&requests[1]),
            [None, None, Some(format!("session={SESSION}")), None]
        );
    }

    #[tokio::test]
    async fn a_requirement_of_two_schemes_needs_both_and_fails_before_sending() {
        let server = echo_server().await;
        let client = builder(&server)
            .basic_auth(USERNAME, PASSWORD)
            .build()
            .unwrap();
        let error = client.both_schemes().send().await.unwrap_err();
        let message = config_message(&error);
        assert!(
            message.contains("bothSchemes") && message.contains("`basic_auth` and `api_key_query`"),
            "{message}"
        );
        assert_eq!(error.attempts(), 0);

        let none = builder(&server).build().unwrap();
        let error = none.either_scheme().send().await.unwrap_err();
        let message = config_message(&error);
        assert!(
            message.contains("`bearer_jwt`, or `session_cookie`, or `digest`"),
            "{message}"
        );
        assert!(received(&server).await.is_empty(), "nothing was sent");
    }

    #[tokio::test]
    async fn optional_security_is_sent_without_credentials_or_with_them() {
        let server = echo_server().await;
        builder(&server)
            .build()
            .unwrap()
            .optional_security()
            .send()
            .await
            .expect("anonymous is allowed");
        builder(&server)
            .api_key_header(API_KEY)
            .build()
            .unwrap()
            .optional_security()
            .send()
            .await
            .expect("sent");
        let requests = received(&server).await;
        assert_eq!(credentials_of(&requests[0]), [None, None, None, None]);
        assert_eq!(
            credentials_of(&requests[1]),
            [None, Some(API_KEY.to_owned()), None, None]
        );
    }

    #[tokio::test]
    async fn empty_security_sends_nothing_and_own_security_replaces_the_document_s() {
        let server = echo_server().await;
        let client = builder(&server)
            .api_key_header(API_KEY)
            .basic_auth(USERNAME, PASSWORD)
            .api_key_query(QUERY_KEY)
            .session_cookie_key(SESSION)
            .build()
            .unwrap();
        client.public_operation().send().await.expect("sent");
        client.own_security().send().await.expect("sent");
        let requests = received(&server).await;
        assert_eq!(credentials_of(&requests[0]), [None, None, None, None]);
        assert_eq!(
            credentials_of(&requests[1]),
            [Some(basic(USERNAME, PASSWORD)), None, None, None]
        );
    }
}

// ---------------------------------------------------------------------------------------
// Token providers and the client credentials grant
// ---------------------------------------------------------------------------------------

mod tokens {
    use super::*;

    /// A token response.
    fn token(access_token: &str, expires_in: Option<u64>) -> ResponseTemplate {
        let mut body = json!({ "access_token": access_token, "token_type": "Bearer" });
        if let Some(seconds) = expires_in {
            body["expires_in"] = json!(seconds);
        }
        ResponseTemplate::new(200).set_body_json(body)
    }

    /// Mounts the token endpoint `/oauth/token`, answering `responses` in turn (the last
    /// one again after that), expecting exactly `times` requests.
    async fn token_endpoint(server: &MockServer, responses: Vec<ResponseTemplate>, times: u64) {
        let responses = Arc::new(responses);
        let next = Arc::new(AtomicUsize::new(0));
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(move |_: &Request| {
                let i = next.fetch_add(1, Ordering::SeqCst);
                responses[i.min(responses.len() - 1)].clone()
            })
            .expect(times)
            .mount(server)
            .await;
    }

    /// Answers `POST /pets` with `201` when it carries `Bearer {token}`.
    async fn pets_accepting(server: &MockServer, token: &str) {
        Mock::given(method("POST"))
            .and(path("/pets"))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "message": "ok" })))
            .with_priority(1)
            .mount(server)
            .await;
    }

    /// Answers `POST /pets` without a match above with `401`.
    async fn pets_rejecting(server: &MockServer) {
        Mock::given(method("POST"))
            .and(path("/pets"))
            .respond_with(
                ResponseTemplate::new(401).set_body_json(json!({ "error": "invalid_token" })),
            )
            .with_priority(10)
            .mount(server)
            .await;
    }

    fn pet() -> Echo {
        Echo {
            message: "rex".to_owned(),
        }
    }

    fn client_credentials(server: &MockServer) -> Client {
        builder(server)
            .petstore_auth_client_credentials(
                ClientCredentials::new(CLIENT_ID, CLIENT_SECRET).scopes(["write:pets"]),
            )
            .build()
            .unwrap()
    }

    fn api_calls(requests: &[Request]) -> Vec<&Request> {
        requests
            .iter()
            .filter(|r| r.url.path() == "/pets")
            .collect()
    }

    #[tokio::test]
    async fn a_provider_is_asked_before_every_request() {
        let server = echo_server().await;
        let calls = Arc::new(AtomicU64::new(0));
        let counter = calls.clone();
        let client = builder(&server)
            .openid_token_provider(move || {
                let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
                async move { Ok(format!("access-{n}")) }
            })
            .build()
            .unwrap();
        for _ in 0..3 {
            client.get_profile().send().await.expect("sent");
        }
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        let sent: Vec<Option<String>> = received(&server)
            .await
            .iter()
            .map(|r| header_of(r, "authorization"))
            .collect();
        assert_eq!(
            sent,
            ["Bearer access-1", "Bearer access-2", "Bearer access-3"].map(|s| Some(s.to_owned()))
        );
    }

    /// A provider written as a type: a new token each time it is told of a rejection.
    struct Rotating {
        generation: AtomicU64,
        invalidated: Mutex<Vec<String>>,
    }

    impl security_client::TokenProvider for Rotating {
        fn token(&self) -> security_client::TokenFuture<'_> {
            let n = self.generation.load(Ordering::SeqCst);
            Box::pin(async move { Ok(format!("access-{n}")) })
        }

        fn invalidate(&self, rejected: &str) -> bool {
            self.invalidated.lock().unwrap().push(rejected.to_owned());
            self.generation.fetch_add(1, Ordering::SeqCst);
            true
        }
    }

    #[tokio::test]
    async fn a_provider_told_of_a_401_gives_a_new_token_for_one_resend() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/profile"))
            .and(header("authorization", "Bearer access-1"))
            .respond_with(echo())
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/profile"))
            .respond_with(ResponseTemplate::new(401))
            .with_priority(10)
            .mount(&server)
            .await;
        let provider = Arc::new(Rotating {
            generation: AtomicU64::new(0),
            invalidated: Mutex::new(Vec::new()),
        });
        let shared = provider.clone();
        let client = builder(&server)
            .openid_token_provider(move || {
                let shared = shared.clone();
                async move { security_client::TokenProvider::token(&*shared).await }
            })
            .build()
            .unwrap();
        // A closure does not hear of rejections (its `invalidate` is the default): the
        // 401 is returned as it is.
        let error = client.get_profile().send().await.unwrap_err();
        assert_eq!(error.status(), Some(reqwest::StatusCode::UNAUTHORIZED));
        assert!(provider.invalidated.lock().unwrap().is_empty());

        let client = builder(&server)
            .openid_token_provider(Rotating {
                generation: AtomicU64::new(0),
                invalidated: Mutex::new(Vec::new()),
            })
            .build()
            .unwrap();
        let response = client
            .get_profile()
            .send_with_response()
            .await
            .expect("resent");
        assert_eq!(response.attempts(), 2);
        let sent: Vec<Option<String>> = received(&server)
            .await
            .iter()
            .skip(1)
            .map(|r| header_of(r, "authorization"))
            .collect();
        assert_eq!(
            sent,
            ["Bearer access-0", "Bearer access-1"].map(|s| Some(s.to_owned()))
        );
    }

    #[tokio::test]
    async fn a_failing_provider_fails_the_call_before_sending() {
        let server = echo_server().await;
        let client = builder(&server)
            .openid_token_provider(|| async { Err("the vault is sealed".into()) })
            .build()
            .unwrap();
        let error = client.get_profile().send().await.unwrap_err();
        assert!(
            matches!(&error, Error::Auth { operation: "getProfile", message } if message.contains("`openid`") && message.contains("the vault is sealed")),
            "{error:?}"
        );
        assert!(received(&server).await.is_empty());
    }

    #[tokio::test]
    async fn client_credentials_are_fetched_once_and_sent_exactly() {
        let server = MockServer::start().await;
        token_endpoint(&server, vec![token("access-SECRET-1", Some(3600))], 1).await;
        pets_accepting(&server, "access-SECRET-1").await;
        pets_rejecting(&server).await;

        let client = client_credentials(&server);
        for _ in 0..3 {
            client.create_pet(pet()).send().await.expect("created");
        }

        let requests = received(&server).await;
        let token_request = &requests[0];
        assert_eq!(token_request.method.as_str(), "POST");
        assert_eq!(token_request.url.path(), "/oauth/token");
        assert_eq!(
            header_of(token_request, "content-type").as_deref(),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(
            header_of(token_request, "authorization"),
            Some(basic(CLIENT_ID, CLIENT_SECRET))
        );
        assert_eq!(
            String::from_utf8_lossy(&token_request.body),
            "grant_type=client_credentials&scope=write%3Apets"
        );
        let calls = api_calls(&requests);
        assert_eq!(calls.len(), 3);
        for call in calls {
            assert_eq!(
                header_of(call, "authorization").as_deref(),
                Some("Bearer access-SECRET-1")
            );
        }
    }

    #[tokio::test]
    async fn client_credentials_can_go_in_the_body_to_another_token_url() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/partner/token"))
            .and(body_string(format!(
                "grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"
            )))
            .respond_with(token("access-SECRET-p", None))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/pets"))
            .and(header("authorization", "Bearer access-SECRET-p"))
            .respond_with(echo())
            .expect(2)
            .mount(&server)
            .await;
        let client = builder(&server)
            .partner_auth_client_credentials(
                ClientCredentials::new(CLIENT_ID, CLIENT_SECRET)
                    .credentials_in_body()
                    .token_url(format!("{}/partner/token", server.uri())),
            )
            .build()
            .unwrap();
        client.list_pets().send().await.expect("listed");
        client.list_pets().send().await.expect("listed");
        let requests = received(&server).await;
        assert_eq!(header_of(&requests[0], "authorization"), None);
    }

    #[tokio::test]
    async fn an_expiring_token_is_fetched_anew() {
        let server = MockServer::start().await;
        // A token of 1 s is replaced after half its life.
        token_endpoint(
            &server,
            vec![
                token("access-SECRET-1", Some(1)),
                token("access-SECRET-2", Some(1)),
            ],
            2,
        )
        .await;
        pets_accepting(&server, "access-SECRET-1").await;
        pets_accepting(&server, "access-SECRET-2").await;
        pets_rejecting(&server).await;

        let client = client_credentials(&server);
        client.create_pet(pet()).send().await.expect("created");
        client.create_pet(pet()).send().await.expect("cached");
        tokio::time::sleep(Duration::from_millis(700)).await;
        client.create_pet(pet()).send().await.expect("renewed");

        let sent: Vec<Option<String>> = api_calls(&received(&server).await)
            .iter()
            .map(|r| header_of(r, "authorization"))
            .collect();
        assert_eq!(
            sent,
            ["access-SECRET-1", "access-SECRET-1", "access-SECRET-2"]
                .map(|t| Some(format!("Bearer {t}")))
        );
    }

    #[tokio::test]
    async fn a_401_renews_the_token_once_and_resends() {
        let server = MockServer::start().await;
        token_endpoint(
            &server,
            vec![
                token("access-SECRET-old", Some(3600)),
                token("access-SECRET-new", Some(3600)),
            ],
            2,
        )
        .await;
        pets_accepting(&server, "access-SECRET-new").await;
        pets_rejecting(&server).await;

        let client = client_credentials(&server);
        let response = client
            .create_pet(pet())
            .send_with_response()
            .await
            .expect("renewed and resent");
        assert_eq!(response.attempts(), 2);
        let sent: Vec<Option<String>> = api_calls(&received(&server).await)
            .iter()
            .map(|r| header_of(r, "authorization"))
            .collect();
        assert_eq!(
            sent,
            ["access-SECRET-old", "access-SECRET-new"].map(|t| Some(format!("Bearer {t}")))
        );
    }

    #[tokio::test]
    async fn a_token_rejected_again_is_not_renewed_twice() {
        let server = MockServer::start().await;
        token_endpoint(
            &server,
            vec![
                token("access-SECRET-a", None),
                token("access-SECRET-b", None),
            ],
            2,
        )
        .await;
        pets_rejecting(&server).await;

        let client = client_credentials(&server);
        let error = client.create_pet(pet()).send().await.unwrap_err();
        assert_eq!(error.status(), Some(reqwest::StatusCode::UNAUTHORIZED));
        assert_eq!(api_calls(&received(&server).await).len(), 2);
    }

    #[tokio::test]
    async fn fifty_concurrent_calls_make_one_token_request() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(
                token("access-SECRET-1", Some(3600)).set_delay(Duration::from_millis(300)),
            )
            .expect(1)
            .mount(&server)
            .await;
        pets_accepting(&server, "access-SECRET-1").await;
        pets_rejecting(&server).await;

        let client = client_credentials(&server);
        let calls = (0..50).map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.create_pet(pet()).send().await })
        });
        for result in futures::future::join_all(calls).await {
            result.expect("no panic").expect("created");
        }
        assert_eq!(api_calls(&received(&server).await).len(), 50);
        // `.expect(1)` on the token endpoint is checked when the server drops.
    }

    #[tokio::test]
    async fn a_token_endpoint_failure_is_shared_and_names_no_secret() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(
                ResponseTemplate::new(401)
                    .set_body_json(
                        json!({ "error": "invalid_client", "error_description": "unknown client" }),
                    )
                    .set_delay(Duration::from_millis(200)),
            )
            .expect(1)
            .mount(&server)
            .await;
        let client = client_credentials(&server);
        let calls = (0..5).map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.create_pet(pet()).send().await })
        });
        for result in futures::future::join_all(calls).await {
            let error = result.expect("no panic").unwrap_err();
            let text = format!("{error} {error:?}");
            assert!(
                matches!(&error, Error::Auth { .. })
                    && text.contains("invalid_client: unknown client"),
                "{text}"
            );
            for secret in secrets() {
                assert!(!text.contains(&secret), "{text}");
            }
        }
        assert!(api_calls(&received(&server).await).is_empty());
    }
}

// ---------------------------------------------------------------------------------------
// Redaction
// ---------------------------------------------------------------------------------------

mod redaction {
    use super::*;

    fn every_credential(base_url: &str) -> ClientBuilder {
        Client::builder()
            .base_url(base_url)
            .max_retries(0)
            .api_key_header(API_KEY)
            .api_key_query(QUERY_KEY)
            .session_cookie_key(SESSION)
            .basic_auth(USERNAME, PASSWORD)
            .bearer_jwt_token(JWT)
            .digest_credential(DIGEST)
            .openid_token("access-SECRET-o")
            .partner_auth_token_provider(|| async { Ok("access-SECRET-p".to_owned()) })
            .petstore_auth_client_credentials(ClientCredentials::new(CLIENT_ID, CLIENT_SECRET))
            .request_hook(|_| Ok(()))
    }

    fn assert_clean(what: &str, text: &str) {
        for secret in secrets() {
            assert!(!text.contains(&secret), "{what} leaks {secret:?}: {text}");
        }
    }

    #[tokio::test]
    async fn debug_and_errors_show_no_secret() {
        let builder = every_credential("http://127.0.0.1:9");
        assert_clean("Debug of the builder", &format!("{builder:?}"));
        let client = builder.build().expect("builds");
        let debug = format!("{client:?}");
        assert_clean("Debug of the client", &debug);
        assert!(debug.contains("petstore_auth"), "{debug}");
        assert_clean(
            "Debug of a request builder",
            &format!("{:?}", client.both_schemes()),
        );
        assert_clean(
            "Debug of client credentials",
            &format!("{:?}", ClientCredentials::new(CLIENT_ID, CLIENT_SECRET)),
        );

        // A transport error of a request with a key in its query (nothing listens on
        // port 9): its URL shows the key redacted.
        let error = client.both_schemes().send().await.unwrap_err();
        assert!(error.is_transport(), "{error:?}");
        let text = format!("{error} {error:?} {:?}", std::error::Error::source(&error));
        assert_clean("a transport error", &text);

        // Credentials that can't be sent are refused without being echoed.
        for builder in [
            Client::builder().api_key_header(format!("{API_KEY}\n")),
            Client::builder().bearer_jwt_token(format!("{JWT}\r\nX: y")),
            Client::builder().digest_credential(format!("{DIGEST}\n")),
            Client::builder().basic_auth(format!("{USERNAME}:{PASSWORD}"), PASSWORD),
        ] {
            let error = builder.build().unwrap_err();
            assert_clean("a configuration error", &format!("{error} {error:?}"));
        }
    }
}

// ---------------------------------------------------------------------------------------
// The request hook: HMAC signing
// ---------------------------------------------------------------------------------------

mod signing {
    use super::*;

    /// The string the hook signs: method, path and query, and body, one per line.
    fn string_to_sign(method: &str, path_and_query: &str, body: &[u8]) -> Vec<u8> {
        let mut text = format!("{method}\n{path_and_query}\n").into_bytes();
        text.extend_from_slice(body);
        text
    }

    fn path_and_query(url: &reqwest::Url) -> String {
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    #[tokio::test]
    async fn a_hook_signs_the_final_request_on_every_attempt() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/signed"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/signed"))
            .respond_with(echo())
            .with_priority(2)
            .mount(&server)
            .await;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let client = Client::builder()
            .base_url(server.uri())
            .retry_backoff(Duration::from_millis(1), Duration::from_millis(1))
            .api_key_header(API_KEY)
            .request_hook(move |request| {
                // The credentials are applied before the hook runs.
                assert_eq!(request.headers()["x-api-key"], API_KEY);
                let signature = hex(&hmac_sha256(
                    SIGNING_KEY,
                    &string_to_sign(
                        request.method().as_str(),
                        &path_and_query(request.url()),
                        request.body(),
                    ),
                ));
                log.lock().unwrap().push(request.operation());
                request
                    .headers_mut()
                    .insert("x-signature", signature.parse()?);
                Ok(())
            })
            .build()
            .unwrap();

        let response = client
            .signed_upload(Echo {
                message: "hello \"world\"".to_owned(),
            })
            .tag("a b")
            .send_with_response()
            .await
            .expect("retried, then accepted");
        assert_eq!(response.attempts(), 2);
        assert_eq!(*seen.lock().unwrap(), ["signedUpload", "signedUpload"]);

        let requests = received(&server).await;
        assert_eq!(requests.len(), 2);
        for request in &requests {
            let expected = hex(&hmac_sha256(
                SIGNING_KEY,
                &string_to_sign(
                    request.method.as_str(),
                    &path_and_query(&request.url),
                    &request.body,
                ),
            ));
            assert_eq!(header_of(request, "x-signature"), Some(expected));
            assert_eq!(
                String::from_utf8_lossy(&request.body),
                r#"{"message":"hello \"world\""}"#
            );
            assert_eq!(request.url.query(), Some("tag=a%20b"));
        }
    }

    #[tokio::test]
    async fn a_failing_hook_fails_the_call_before_sending() {
        let server = echo_server().await;
        let client = builder(&server)
            .request_hook(|_| Err("no signing key".into()))
            .build()
            .unwrap();
        let error = client.public_operation().send().await.unwrap_err();
        assert!(
            matches!(&error, Error::Auth { message, .. } if message.contains("no signing key")),
            "{error:?}"
        );
        assert!(received(&server).await.is_empty());
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// HMAC-SHA256 (RFC 2104), small and slow, for the test only.
    fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
        let mut block = [0u8; 64];
        if key.len() > 64 {
            block[..32].copy_from_slice(&sha256(key));
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let pad = |byte: u8| block.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
        let mut inner = pad(0x36);
        inner.extend_from_slice(message);
        let mut outer = pad(0x5c);
        outer.extend_from_slice(&sha256(&inner));
        sha256(&outer)
    }

    /// SHA-256 (FIPS 180-4).
    fn sha256(message: &[u8]) -> [u8; 32] {
        const K: [u32; 64] = [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
            0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
            0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
            0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
            0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
            0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
            0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
            0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
            0xc67178f2,
        ];
        let mut h: [u32; 8] = [
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
            0x5be0cd19,
        ];
        let mut data = message.to_vec();
        data.push(0x80);
        while data.len() % 64 != 56 {
            data.push(0);
        }
        data.extend_from_slice(&((message.len() as u64) * 8).to_be_bytes());
        for chunk in data.chunks(64) {
            let mut w = [0u32; 64];
            for (i, word) in chunk.chunks(4).enumerate() {
                w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
            }
            for i in 16..64 {
                let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
                let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16]
                    .wrapping_add(s0)
                    .wrapping_add(w[i - 7])
                    .wrapping_add(s1);
            }
            let mut v = h;
            for i in 0..64 {
                let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
                let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
                let t1 = v[7]
                    .wrapping_add(s1)
                    .wrapping_add(ch)
                    .wrapping_add(K[i])
                    .wrapping_add(w[i]);
                let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
                let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
                let t2 = s0.wrapping_add(maj);
                v = [
                    t1.wrapping_add(t2),
                    v[0],
                    v[1],
                    v[2],
                    v[3].wrapping_add(t1),
                    v[4],
                    v[5],
                    v[6],
                ];
            }
            for (hi, vi) in h.iter_mut().zip(v) {
                *hi = hi.wrapping_add(vi);
            }
        }
        let mut out = [0u8; 32];
        for (i, word) in h.iter().enumerate() {
            out[4 * i..4 * i + 4].copy_from_slice(&word.to_be_bytes());
        }
        out
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The environment
// ---------------------------------------------------------------------------------------

mod environment {
    use super::*;
    use tests::RestoreEnv;

    const VARS: [&str; 5] = [
        "SECURITY_API_KEY_HEADER",
        "SECURITY_BASIC_AUTH",
        "SECURITY_PETSTORE_AUTH_CLIENT_ID",
        "SECURITY_PETSTORE_AUTH_CLIENT_SECRET",
        "SECURITY_BASE_URL",
    ];

    /// The only test of this binary that touches the process environment.
    #[tokio::test]
    async fn from_env_reads_one_variable_per_scheme() {
        let _restore = RestoreEnv::save(&VARS);
        for var in VARS {
            std::env::remove_var(var);
        }
        let message = match Client::from_env() {
            Err(Error::Config(message)) => message,
            other => panic!("expected Error::Config, got {other:?}"),
        };
        assert!(
            message.contains("SECURITY_API_KEY_HEADER") && message.contains("SECURITY_OPENID"),
            "{message}"
        );

        let server = echo_server().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .and(header(
                "authorization",
                basic(CLIENT_ID, CLIENT_SECRET).as_str(),
            ))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({ "access_token": "access-SECRET-e" })),
            )
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/pets"))
            .and(header("authorization", "Bearer access-SECRET-e"))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "message": "ok" })))
            .expect(1)
            .mount(&server)
            .await;
        std::env::set_var("SECURITY_BASE_URL", server.uri());
        std::env::set_var("SECURITY_API_KEY_HEADER", API_KEY);
        std::env::set_var("SECURITY_BASIC_AUTH", format!("{USERNAME}:{PASSWORD}"));
        std::env::set_var("SECURITY_PETSTORE_AUTH_CLIENT_ID", CLIENT_ID);
        std::env::set_var("SECURITY_PETSTORE_AUTH_CLIENT_SECRET", CLIENT_SECRET);
        let client = Client::from_env().expect("configured");
        client.global_security().send().await.expect("sent");
        client.own_security().send().await.expect("sent");
        client
            .create_pet(Echo {
                message: "rex".to_owned(),
            })
            .send()
            .await
            .expect("sent");
        let requests = received(&server).await;
        assert_eq!(
            header_of(&requests[0], "x-api-key").as_deref(),
            Some(API_KEY)
        );
        assert_eq!(
            header_of(&requests[1], "authorization"),
            Some(basic(USERNAME, PASSWORD))
        );

        std::env::set_var("SECURITY_BASIC_AUTH", "no-colon");
        let message = match Client::from_env() {
            Err(Error::Config(message)) => message,
            other => panic!("expected Error::Config, got {other:?}"),
        };
        assert!(message.contains("SECURITY_BASIC_AUTH"), "{message}");
        assert!(!message.contains("no-colon"), "{message}");
    }
}
