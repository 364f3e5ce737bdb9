// @generated: copied by codegen from codegen/runtime/http.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Sending a request (with retries, rate limits and timeouts) and reading its response.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, COOKIE, USER_AGENT,
};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::Instrument;

use super::auth::{self, Auth};
use super::decode::{self, Substitution};
use super::error::{ApiError, DecodeError, Error};
use super::ratelimit::Bucket;
use super::retry::{self, Decision, Failure, RetryPolicy};
use crate::error::ErrorBody;

/// The header that makes a retried request take effect once.
pub(crate) const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// The header that says a response is a stored one, replayed for a repeated key.
const IDEMPOTENT_REPLAYED: &str = "idempotent-replayed";
/// The header with the server's id of the request, for support.
const REQUEST_ID: &str = "x-request-id";

/// `User-Agent` of every request: this crate's name and version.
const USER_AGENT_VALUE: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// What the generator knows about an operation, fixed when the client was generated.
#[derive(Debug)]
pub(crate) struct OperationInfo {
    /// The `operationId`.
    pub(crate) id: &'static str,
    /// The HTTP method.
    pub(crate) method: Method,
    /// The path template, e.g. `/v2/accounts/{account_id}/smtp-credentials`.
    pub(crate) path: &'static str,
    /// Its security requirements, by scheme key: any one alternative (OR) of all the
    /// schemes in it (AND); an empty alternative means none are needed, and no
    /// alternatives mean the operation takes no credentials.
    pub(crate) security: &'static [&'static [&'static str]],
    /// The `Accept` header: the media types the operation's success responses are read
    /// in (JSON first), then those of its JSON error bodies.
    pub(crate) accept: &'static str,
    /// Whether the operation declares the `Idempotency-Key` header: every call then
    /// sends a key (the caller's, or a random UUID), the same on each attempt.
    pub(crate) idempotency_key: bool,
    /// The name of the operation's rate-limit class, one of the client's.
    pub(crate) rate_class: Option<&'static str>,
}

/// Options of one call, set on its request builder.
#[derive(Clone, Default)]
pub(crate) struct RequestOptions {
    /// Overrides the client's timeout of each attempt.
    pub(crate) timeout: Option<Duration>,
    /// Overrides the client's number of retries.
    pub(crate) max_retries: Option<u32>,
    /// Overrides the client's retried statuses.
    pub(crate) retry_statuses: Option<Vec<u16>>,
    /// Extra headers, added after the generated ones.
    pub(crate) headers: Vec<(String, String)>,
    /// Extra query pairs, added after the generated ones.
    pub(crate) query: Vec<(String, String)>,
    /// The `Idempotency-Key` to send instead of a random one.
    pub(crate) idempotency_key: Option<String>,
}

/// The per-request option setters of every request builder (a struct with an `options:
/// RequestOptions` field): `timeout`, `max_retries`, `retry_statuses`, `header` and
/// `query_pair`. Called inside the builder's `impl`; the same five methods on every
/// builder, written once here instead of once per operation.
// A crate whose API has no operations (only webhooks) does not use it.
#[allow(unused_macros)]
macro_rules! request_options {
    () => {
        /// The timeout of each attempt of this call, instead of the client's
        /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout), default 60 s).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = Some(timeout);
            self
        }

        /// How many times a failed attempt of this call is retried, instead of the
        /// client's ([`ClientBuilder::max_retries`](crate::ClientBuilder::max_retries), default 2).
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.options.max_retries = Some(retries);
            self
        }

        /// The statuses retried for this call, instead of the client's
        /// ([`ClientBuilder::retry_statuses`](crate::ClientBuilder::retry_statuses)).
        pub fn retry_statuses(mut self, statuses: impl IntoIterator<Item = u16>) -> Self {
            self.options.retry_statuses = Some(statuses.into_iter().collect());
            self
        }

        /// Adds a header to this call; it replaces a header of the same name that the
        /// client would set (the `Idempotency-Key` has its own option where the operation
        /// takes one). `send` fails with [`Error::Config`](crate::Error::Config) if it is
        /// not a valid HTTP header.
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.options.headers.push((name.into(), value.into()));
            self
        }

        /// Adds the query pair `name=value` to this call, both percent-encoded (all but
        /// `A-Z a-z 0-9 - . _ ~`), after the parameters the builder sends: for a parameter
        /// the API description does not declare, or to send one otherwise than the client
        /// does (leave its own setter unset). Pairs of the same name are all sent.
        pub fn query_pair(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.options.query.push((name.into(), value.into()));
            self
        }
    };
}

#[allow(unused_imports)]
pub(crate) use request_options;

impl fmt::Debug for RequestOptions {
    // Header values may be credentials: only their names are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        let query: Vec<&str> = self.query.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_statuses", &self.retry_statuses)
            .field("headers", &names)
            .field("query", &query)
            .field("idempotency_key", &self.idempotency_key)
            .finish()
    }
}

impl RequestOptions {
    /// The extra headers, checked.
    fn header_map(&self, operation: &'static str) -> Result<HeaderMap, Error> {
        let mut map = HeaderMap::with_capacity(self.headers.len());
        for (name, value) in &self.headers {
            let invalid = || {
                Error::Config(format!(
                    "{operation}: the header `{name}` set with `.header(..)` is not a valid HTTP header"
                ))
            };
            let (name, value) = parse_header(name, value).ok_or_else(invalid)?;
            map.append(name, value);
        }
        Ok(map)
    }
}

/// A header a user gave as text, or `None` if either part is not valid in HTTP.
pub(crate) fn parse_header(name: &str, value: &str) -> Option<(HeaderName, HeaderValue)> {
    let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
    let value = HeaderValue::from_str(value).ok()?;
    Some((name, value))
}

/// A request about to be sent: the filled-in path, query string, headers, cookies and
/// body. Parameters of other styles are added with `param` (see [`params`]).
///
/// [`params`]: super::params
#[derive(Debug)]
pub(crate) struct Request {
    path: String,
    /// The query string without its `?`, percent-encoded.
    query: String,
    headers: Vec<(&'static str, String)>,
    /// The `name=value` pairs of the `Cookie` header, encoded.
    cookies: Vec<String>,
    body: Option<Payload>,
}

/// A request body.
#[derive(Debug)]
enum Payload {
    /// Bytes and their `Content-Type` (JSON, a form, text), sent again on a retry.
    Bytes {
        content_type: &'static str,
        bytes: Vec<u8>,
    },
    /// A body attached anew to each attempt: uploaded bytes or a stream
    /// (`runtime/body.rs`), a multipart form (`runtime/multipart.rs`).
    Source(Box<dyn BodySource>),
}

/// A request body that is more than bytes of a fixed type.
pub(crate) trait BodySource: fmt::Debug + Send {
    /// Sets the body and its `Content-Type` on one attempt. `Err` says why it can't be
    /// sent (a stream an earlier attempt consumed, a malformed content type).
    fn attach(
        &mut self,
        builder: reqwest::RequestBuilder,
    ) -> Result<reqwest::RequestBuilder, String>;

    /// Whether every attempt can send it. A call whose body can't be sent twice (a
    /// stream) is never retried.
    fn replayable(&self) -> bool;
}

impl Request {
    /// A request for `path` (already percent-encoded, see [`encode_path_segment`]).
    pub(crate) fn new(path: String) -> Self {
        Request {
            path,
            query: String::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
        }
    }

    /// Adds a query pair, name and value percent-encoded (`form` style).
    pub(crate) fn query(&mut self, name: &'static str, value: String) {
        self.push_query(&super::params::form_pair(name, &value));
    }

    /// Appends query pairs already encoded (`a=1` or `a=1&b=2`).
    pub(crate) fn push_query(&mut self, pairs: &str) {
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.query.push_str(pairs);
    }

    /// Adds pairs of the `Cookie` header, already encoded (`a=1` or `a=1; b=2`).
    pub(crate) fn push_cookie(&mut self, pairs: String) {
        self.cookies.push(pairs);
    }

    /// Adds a header.
    pub(crate) fn header(&mut self, name: &'static str, value: String) {
        self.headers.push((name, value));
    }

    /// Sets an `application/json` body.
    pub(crate) fn json<T: Serialize + ?Sized>(
        &mut self,
        operation: &'static OperationInfo,
        body: &T,
    ) -> Result<(), Error> {
        self.json_as(operation, "application/json", body)
    }

    /// Sets a JSON body sent as `content_type` (e.g. `application/merge-patch+json`).
    pub(crate) fn json_as<T: Serialize + ?Sized>(
        &mut self,
        operation: &'static OperationInfo,
        content_type: &'static str,
        body: &T,
    ) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|source| Error::Encode {
            operation: operation.id,
            source,
        })?;
        self.bytes(content_type, bytes);
        Ok(())
    }

    /// Sets a text body (text, XML), sent as `content_type`.
    pub(crate) fn text(&mut self, content_type: &'static str, text: String) {
        self.bytes(content_type, text.into_bytes());
    }

    /// Sets a body of bytes, sent as `content_type`.
    pub(crate) fn bytes(&mut self, content_type: &'static str, bytes: Vec<u8>) {
        self.body = Some(Payload::Bytes {
            content_type,
            bytes,
        });
    }

    /// Sets a body that is attached anew to each attempt.
    pub(crate) fn source(&mut self, source: impl BodySource + 'static) {
        self.body = Some(Payload::Source(Box::new(source)));
    }

    /// Whether every attempt can send the body (there is none, or it is not a stream).
    fn replayable(&self) -> bool {
        match &self.body {
            Some(Payload::Source(source)) => source.replayable(),
            Some(Payload::Bytes { .. }) | None => true,
        }
    }
}

/// `segment` percent-encoded for a path: every byte but RFC 3986 unreserved ones
/// (`A-Z a-z 0-9 - . _ ~`) is escaped, so that `/`, `?`, `#`, `%`, `<`, `>` and `@` stay
/// inside the segment.
pub(crate) fn encode_path_segment(segment: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut path = String::with_capacity(segment.len());
    for &b in segment.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            path.push(char::from(b));
        } else {
            path.push('%');
            path.push(char::from(HEX[usize::from(b >> 4)]));
            path.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    path
}

/// Sends the request an operation's builder made and decodes the response with the
/// builder's `decode`: the one `async fn` that every operation's `send_with_response`
/// returns the future of. A state machine per operation would cost a large API's crate
/// most of its compile time.
pub(crate) async fn call<T>(
    core: std::sync::Arc<ClientCore>,
    operation: &'static OperationInfo,
    request: Result<Request, Error>,
    options: RequestOptions,
    decode: fn(RawResponse) -> Result<Response<T>, Error>,
) -> Result<Response<T>, Error> {
    let response = core.send(operation, request?, options).await?;
    decode(response)
}

/// As [`call`], with the body of a successful response left unread (`send_streaming`).
pub(crate) async fn call_streaming<T>(
    core: std::sync::Arc<ClientCore>,
    operation: &'static OperationInfo,
    request: Result<Request, Error>,
    options: RequestOptions,
    decode: fn(RawResponse) -> Result<Response<T>, Error>,
) -> Result<Response<T>, Error> {
    let response = core.send_streaming(operation, request?, options).await?;
    decode(response)
}

/// The body of the response that `response` ends with (what `send` returns).
pub(crate) async fn body_of<T>(
    response: impl std::future::Future<Output = Result<Response<T>, Error>>,
) -> Result<T, Error> {
    response.await.map(Response::into_body)
}

/// What every clone of a `Client` shares.
#[derive(Debug)]
pub(crate) struct ClientCore {
    pub(crate) http: reqwest::Client,
    /// Without a trailing `/`.
    pub(crate) base_url: String,
    /// Credentials by security scheme, and the request hook.
    pub(crate) auth: Auth,
    /// How failed attempts are retried.
    pub(crate) retry: RetryPolicy,
    /// The timeout of each attempt, unless a request sets its own.
    pub(crate) timeout: Option<Duration>,
    /// A bucket per rate-limit class, by class name (`None`: that class is not limited).
    pub(crate) buckets: Vec<(&'static str, Option<Bucket>)>,
    /// The builder's `default_header`s, secrets marked sensitive.
    pub(crate) default_headers: HeaderMap,
    /// Whether response bodies that break the description are decoded with substitutions
    /// (see [`decode`]), or fail.
    pub(crate) tolerant: bool,
}

impl ClientCore {
    /// Sends `request` for `operation` and reads the whole response, retrying failed
    /// attempts as [`retry::decide`] says. A response with an error status that is not
    /// retried (or whose retries ran out) is returned as it is, for the caller to decode.
    pub(crate) async fn send(
        &self,
        operation: &'static OperationInfo,
        request: Request,
        options: RequestOptions,
    ) -> Result<RawResponse, Error> {
        self.execute(operation, request, options, false).await
    }

    /// As [`ClientCore::send`], but the body of a successful response is left unread, for
    /// the caller to stream (error responses are read whole, as ever).
    pub(crate) async fn send_streaming(
        &self,
        operation: &'static OperationInfo,
        request: Request,
        options: RequestOptions,
    ) -> Result<RawResponse, Error> {
        self.execute(operation, request, options, true).await
    }

    async fn execute(
        &self,
        operation: &'static OperationInfo,
        mut request: Request,
        options: RequestOptions,
        stream_success: bool,
    ) -> Result<RawResponse, Error> {
        let extra_headers = options.header_map(operation.id)?;
        for (name, value) in &options.query {
            request.push_query(&super::params::form_pair(name, value));
        }
        let idempotency_key = operation.idempotency_key.then(|| {
            options
                .idempotency_key
                .clone()
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
        });
        let key_value = match &idempotency_key {
            Some(key) => Some(HeaderValue::from_str(key).map_err(|_| {
                Error::Config(format!(
                    "{}: the idempotency key {key:?} is not a valid HTTP header value",
                    operation.id
                ))
            })?),
            None => None,
        };
        // A body that can be sent once (a stream) allows one attempt.
        let max_retries = if request.replayable() {
            options.max_retries.unwrap_or(self.retry.max_retries)
        } else {
            0
        };
        let custom_policy = options.retry_statuses.map(|statuses| RetryPolicy {
            statuses,
            ..self.retry.clone()
        });
        let policy = custom_policy.as_ref().unwrap_or(&self.retry);
        let timeout = options.timeout.or(self.timeout);
        let bucket = operation
            .rate_class
            .and_then(|class| self.buckets.iter().find(|(name, _)| *name == class))
            .and_then(|(_, bucket)| bucket.as_ref());
        let credentials = self.auth.select(operation)?;
        let auth_query = credentials.query();
        let mut token_renewed = false;
        let mut url = String::with_capacity(
            self.base_url.len() + request.path.len() + 1 + request.query.len(),
        );
        url.push_str(&self.base_url);
        url.push_str(&request.path);
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&request.query);
        }
        let cookie = (!request.cookies.is_empty()).then(|| request.cookies.join("; "));

        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            if let Some(bucket) = bucket {
                bucket.acquire().await;
            }
            let mut builder = self
                .http
                .request(operation.method.clone(), url.as_str())
                .header(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE))
                .header(ACCEPT, HeaderValue::from_static(operation.accept));
            if !auth_query.is_empty() {
                builder = builder.query(&auth_query);
            }
            for (name, value) in &request.headers {
                builder = builder.header(*name, value.as_str());
            }
            if let Some(cookie) = &cookie {
                builder = builder.header(COOKIE, cookie.as_str());
            }
            if let Some(key) = &key_value {
                builder = builder.header(IDEMPOTENCY_KEY, key.clone());
            }
            match &mut request.body {
                Some(Payload::Bytes {
                    content_type,
                    bytes,
                }) => {
                    builder = builder
                        .header(CONTENT_TYPE, HeaderValue::from_static(content_type))
                        .body(bytes.clone());
                }
                Some(Payload::Source(source)) => {
                    builder = source
                        .attach(builder)
                        .map_err(|why| Error::Config(format!("{}: {why}", operation.id)))?;
                }
                None => {}
            }
            let (mut builder, tokens) = credentials.apply(operation, builder).await?;
            if !extra_headers.is_empty() {
                builder = builder.headers(extra_headers.clone());
            }
            if let Some(timeout) = timeout {
                builder = builder.timeout(timeout);
            }
            let mut http_request = builder.build().map_err(|source| Error::Transport {
                operation: operation.id,
                source: credentials.redact(source),
                attempts: attempt,
            })?;
            add_default_headers(&self.default_headers, http_request.headers_mut());
            credentials.hook(operation, &mut http_request)?;

            // Only what the generator fixed goes into the span: no filled-in path, query,
            // header or body, which may hold personal data or secrets.
            let span = tracing::info_span!(
                "request",
                operation = operation.id,
                method = %operation.method,
                path = operation.path,
                attempt,
                status = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty,
            );
            let started = tokio::time::Instant::now();
            let outcome = exchange(&self.http, http_request, stream_success)
                .instrument(span.clone())
                .await;
            let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            span.record("elapsed_ms", elapsed_ms);

            // A rejected access token is renewed once per call, and the call sent again.
            if let Ok((StatusCode::UNAUTHORIZED, ..)) = &outcome {
                if !token_renewed && !tokens.is_empty() && auth::invalidate(&tokens) {
                    token_renewed = true;
                    span.record("status", StatusCode::UNAUTHORIZED.as_u16());
                    span.in_scope(|| tracing::debug!("access token rejected; renewing it"));
                    continue;
                }
            }
            let retries_done = attempt - 1;
            let (decision, result) = match outcome {
                Ok((status, headers, body, unread)) => {
                    span.record("status", status.as_u16());
                    let decision = if status.is_success() {
                        Decision::Stop
                    } else {
                        let failure = Failure::Status(status, &headers);
                        retry::decide(
                            policy,
                            max_retries,
                            retries_done,
                            &operation.method,
                            key_value.is_some(),
                            failure,
                            SystemTime::now(),
                        )
                    };
                    let response = RawResponse {
                        operation,
                        status,
                        headers,
                        body,
                        unread,
                        attempts: attempt,
                        idempotency_key: None,
                        tolerant: self.tolerant,
                    };
                    (decision, Ok(response))
                }
                Err(source) => {
                    let decision = retry::decide(
                        policy,
                        max_retries,
                        retries_done,
                        &operation.method,
                        key_value.is_some(),
                        Failure::of(&source),
                        SystemTime::now(),
                    );
                    let error = Error::Transport {
                        operation: operation.id,
                        source: credentials.redact(source),
                        attempts: attempt,
                    };
                    (decision, Err(error))
                }
            };
            let wait = match decision {
                Decision::Stop => {
                    return result.map(|mut response| {
                        response.idempotency_key = idempotency_key;
                        response
                    })
                }
                Decision::RetryAfter(wait) => wait,
                Decision::Backoff => retry::backoff(policy, retries_done, retry::jitter()),
            };
            let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
            span.in_scope(|| tracing::debug!(wait_ms, "retrying"));
            tokio::time::sleep(wait).await;
        }
    }
}

/// Adds each of `defaults` that `headers` lacks; a default `User-Agent` replaces the
/// client's own.
fn add_default_headers(defaults: &HeaderMap, headers: &mut HeaderMap) {
    for (name, value) in defaults {
        if name == USER_AGENT || !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
}

/// One attempt: the status, headers and whole body of the response; or, when
/// `stream_success` and the status is a success, the response with its body unread.
async fn exchange(
    http: &reqwest::Client,
    request: reqwest::Request,
    stream_success: bool,
) -> Result<(StatusCode, HeaderMap, Vec<u8>, Option<reqwest::Response>), reqwest::Error> {
    let mut response = http.execute(request).await?;
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    if stream_success && status.is_success() {
        return Ok((status, headers, Vec::new(), Some(response)));
    }
    let body = response.bytes().await?.to_vec();
    Ok((status, headers, body, None))
}

/// A successful response: its status, headers and decoded body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
    attempts: u32,
    idempotency_key: Option<String>,
    substitutions: Vec<Substitution>,
}

impl<T> Response<T> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers (e.g. `Idempotent-Replayed`).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// How many times the request was sent: 1, or more when failed attempts were retried.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The `Idempotency-Key` the request carried (the same on every attempt): the one set
    /// with the builder's `idempotency_key`, or the random one the client made. `None` for
    /// operations that take no key.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    /// Whether the server replayed a stored response for a repeated idempotency key
    /// (`Idempotent-Replayed: true`) instead of running the request again.
    pub fn replayed(&self) -> bool {
        is_replayed(&self.headers)
    }

    /// The server's id of the request (`X-Request-Id`), if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }

    /// Where the body broke the API description, and what was decoded there instead
    /// (see [`ClientBuilder::strict_decoding`](crate::ClientBuilder::strict_decoding)):
    /// empty for a body that matches its description.
    pub fn substitutions(&self) -> &[Substitution] {
        &self.substitutions
    }

    /// The decoded body, dropping status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }

    /// The same response with its body turned into another value by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
            attempts: self.attempts,
            idempotency_key: self.idempotency_key,
            substitutions: self.substitutions,
        }
    }
}

/// A response read off the wire, not yet decoded.
#[derive(Debug)]
pub(crate) struct RawResponse {
    operation: &'static OperationInfo,
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    /// The response whose body is not read yet (`ClientCore::send_streaming`).
    unread: Option<reqwest::Response>,
    attempts: u32,
    idempotency_key: Option<String>,
    /// The client's [`ClientCore::tolerant`].
    tolerant: bool,
}

/// Whether `headers` say `Idempotent-Replayed: true`.
pub(crate) fn is_replayed(headers: &HeaderMap) -> bool {
    headers
        .get(IDEMPOTENT_REPLAYED)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// The `X-Request-Id` of `headers`, if it is text.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<&str> {
    headers.get(REQUEST_ID).and_then(|v| v.to_str().ok())
}

impl RawResponse {
    /// The HTTP status.
    pub(crate) fn status(&self) -> StatusCode {
        self.status
    }

    fn respond<T>(self, body: T) -> Response<T> {
        Response {
            status: self.status,
            headers: self.headers,
            body,
            attempts: self.attempts,
            idempotency_key: self.idempotency_key,
            substitutions: Vec::new(),
        }
    }

    /// Decodes a JSON body, with substitutions where it breaks the description if the
    /// client tolerates them (each one logged), else reporting the JSON path where it does
    /// not match `T`.
    pub(crate) fn json<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
        match decode::decode::<T>(&self.body, self.tolerant) {
            Ok((value, substitutions)) => {
                if !substitutions.is_empty() {
                    let list: Vec<String> = substitutions.iter().map(ToString::to_string).collect();
                    tracing::warn!(
                        operation = self.operation.id,
                        status = self.status.as_u16(),
                        substitutions = %list.join("; "),
                        "the response breaks the API description; decoded with substitutions",
                    );
                }
                let mut response = self.respond(value);
                response.substitutions = substitutions;
                Ok(response)
            }
            Err(failure) => Err(Error::Decode(Box::new(DecodeError {
                operation: self.operation.id,
                status: self.status,
                headers: self.headers,
                path: failure.path,
                message: failure.message,
                body: String::from_utf8_lossy(&self.body).into_owned(),
                attempts: self.attempts,
            }))),
        }
    }

    /// The body as it is, made into a `T` by `f` (e.g. `bytes::Bytes::from`).
    pub(crate) fn bytes_with<T>(
        mut self,
        f: impl FnOnce(Vec<u8>) -> T,
    ) -> Result<Response<T>, Error> {
        let body = f(std::mem::take(&mut self.body));
        Ok(self.respond(body))
    }

    /// The body not read yet, made into a `T` by `f` from the operation's id, the attempts
    /// made, and the response to read it from (`None`: the body was read already, and is
    /// the bytes given).
    pub(crate) fn unread_with<T>(
        mut self,
        f: impl FnOnce(&'static str, u32, Option<reqwest::Response>, Vec<u8>) -> T,
    ) -> Response<T> {
        let body = f(
            self.operation.id,
            self.attempts,
            self.unread.take(),
            std::mem::take(&mut self.body),
        );
        self.respond(body)
    }

    /// A body that is text.
    pub(crate) fn text(self) -> Result<Response<String>, Error> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        Ok(self.respond(text))
    }

    /// A response without a body (any body is ignored).
    pub(crate) fn empty(self) -> Result<Response<()>, Error> {
        Ok(self.respond(()))
    }

    /// A JSON body ([`RawResponse::json`]) as the variant `variant` of an operation's
    /// success bodies by status.
    pub(crate) fn json_into<T: DeserializeOwned, U>(
        self,
        variant: impl FnOnce(T) -> U,
    ) -> Result<Response<U>, Error> {
        self.json().map(|response| response.map(variant))
    }

    /// A body that is text, as the variant `variant` of an operation's success bodies.
    pub(crate) fn text_into<U>(
        self,
        variant: impl FnOnce(String) -> U,
    ) -> Result<Response<U>, Error> {
        self.text().map(|response| response.map(variant))
    }

    /// A response without a body, as the variant `variant` of an operation's success
    /// bodies.
    pub(crate) fn empty_as<U>(self, variant: U) -> Result<Response<U>, Error> {
        Ok(self.respond(variant))
    }

    /// The error for this response, its body decoded as `T` where it is one.
    pub(crate) fn api_error<T: DeserializeOwned>(self, wrap: impl FnOnce(T) -> ErrorBody) -> Error {
        let body = serde_json::from_slice::<T>(&self.body).ok().map(wrap);
        self.into_api_error(body)
    }

    /// The error for a response whose status the API declares no body for.
    pub(crate) fn api_error_without_body(self) -> Error {
        self.into_api_error(None)
    }

    fn into_api_error(self, body: Option<ErrorBody>) -> Error {
        Error::Api(Box::new(ApiError {
            operation: self.operation.id,
            status: self.status,
            headers: self.headers,
            body,
            raw: String::from_utf8_lossy(&self.body).into_owned(),
            attempts: self.attempts,
            idempotency_key: self.idempotency_key,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_strictly_encoded() {
        assert_eq!(
            encode_path_segment("<abc@example.com> 1/2?#%"),
            "%3Cabc%40example.com%3E%201%2F2%3F%23%25"
        );
    }

    #[test]
    fn request_options_show_no_header_values() {
        let options = RequestOptions {
            headers: vec![("x-api-secret".to_owned(), "hunter2".to_owned())],
            ..RequestOptions::default()
        };
        let debug = format!("{options:?}");
        assert!(
            debug.contains("x-api-secret") && !debug.contains("hunter2"),
            "{debug}"
        );
        assert!(options.header_map("op").is_ok());
        let bad = RequestOptions {
            headers: vec![("bad header".to_owned(), "v".to_owned())],
            ..RequestOptions::default()
        };
        assert!(matches!(bad.header_map("op"), Err(Error::Config(m)) if m.contains("bad header")));
    }

    #[test]
    fn replayed_and_request_id_headers() {
        let mut headers = HeaderMap::new();
        assert!(!is_replayed(&headers));
        assert_eq!(request_id(&headers), None);
        headers.insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("True"));
        headers.insert(REQUEST_ID, HeaderValue::from_static("req-1"));
        assert!(is_replayed(&headers));
        assert_eq!(request_id(&headers), Some("req-1"));
        headers.insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("false"));
        assert!(!is_replayed(&headers));
    }
}
