// @generated: copied by codegen from codegen/runtime/http.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Sending a request (with retries, rate limits and timeouts) and reading its response.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT,
};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::Instrument;

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
    /// Whether the operation takes the bearer token.
    pub(crate) bearer: bool,
    /// The `Accept` header: the media type of the success body (JSON when it has none,
    /// since error bodies are JSON).
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
    /// The `Idempotency-Key` to send instead of a random one.
    pub(crate) idempotency_key: Option<String>,
}

impl fmt::Debug for RequestOptions {
    // Header values may be credentials: only their names are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_statuses", &self.retry_statuses)
            .field("headers", &names)
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
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            let value = HeaderValue::from_str(value).map_err(|_| invalid())?;
            map.append(name, value);
        }
        Ok(map)
    }
}

/// A request about to be sent: the filled-in path, query pairs, headers and JSON body.
#[derive(Debug)]
pub(crate) struct Request {
    path: String,
    query: Vec<(&'static str, String)>,
    headers: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
}

impl Request {
    /// A request for `path` (already percent-encoded, see [`encode_path_segment`]).
    pub(crate) fn new(path: String) -> Self {
        Request {
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Adds a query pair; it is form-encoded when sent.
    pub(crate) fn query(&mut self, name: &'static str, value: String) {
        self.query.push((name, value));
    }

    /// Adds a header.
    pub(crate) fn header(&mut self, name: &'static str, value: String) {
        self.headers.push((name, value));
    }

    /// Sets a JSON body.
    pub(crate) fn json<T: Serialize>(
        &mut self,
        operation: &'static OperationInfo,
        body: &T,
    ) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|source| Error::Encode {
            operation: operation.id,
            source,
        })?;
        self.body = Some(bytes);
        Ok(())
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

/// The bearer token as a header value, never shown by `Debug`.
#[derive(Clone)]
pub(crate) struct Secret(HeaderValue);

impl Secret {
    /// `Bearer <key>`; `None` if the key can't be an HTTP header value.
    pub(crate) fn bearer(key: &str) -> Option<Secret> {
        let mut value = HeaderValue::from_str(&format!("Bearer {key}")).ok()?;
        value.set_sensitive(true);
        Some(Secret(value))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// What every clone of a `Client` shares.
#[derive(Debug)]
pub(crate) struct ClientCore {
    pub(crate) http: reqwest::Client,
    /// Without a trailing `/`.
    pub(crate) base_url: String,
    pub(crate) bearer: Option<Secret>,
    /// How failed attempts are retried.
    pub(crate) retry: RetryPolicy,
    /// The timeout of each attempt, unless a request sets its own.
    pub(crate) timeout: Option<Duration>,
    /// A bucket per rate-limit class, by class name (`None`: that class is not limited).
    pub(crate) buckets: Vec<(&'static str, Option<Bucket>)>,
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
        let extra_headers = options.header_map(operation.id)?;
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
        let max_retries = options.max_retries.unwrap_or(self.retry.max_retries);
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
        let mut url = String::with_capacity(self.base_url.len() + request.path.len());
        url.push_str(&self.base_url);
        url.push_str(&request.path);

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
            if !request.query.is_empty() {
                builder = builder.query(&request.query);
            }
            for (name, value) in &request.headers {
                builder = builder.header(*name, value.as_str());
            }
            if let Some(key) = &key_value {
                builder = builder.header(IDEMPOTENCY_KEY, key.clone());
            }
            if operation.bearer {
                if let Some(secret) = &self.bearer {
                    builder = builder.header(AUTHORIZATION, secret.0.clone());
                }
            }
            if let Some(body) = &request.body {
                builder = builder
                    .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                    .body(body.clone());
            }
            if !extra_headers.is_empty() {
                builder = builder.headers(extra_headers.clone());
            }
            if let Some(timeout) = timeout {
                builder = builder.timeout(timeout);
            }

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
            let outcome = exchange(builder).instrument(span.clone()).await;
            let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            span.record("elapsed_ms", elapsed_ms);

            let retries_done = attempt - 1;
            let (decision, result) = match outcome {
                Ok((status, headers, body)) => {
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
                        attempts: attempt,
                        idempotency_key: None,
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
                        source,
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

/// One attempt: the status, headers and whole body of the response.
async fn exchange(
    builder: reqwest::RequestBuilder,
) -> Result<(StatusCode, HeaderMap, Vec<u8>), reqwest::Error> {
    let mut response = builder.send().await?;
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let body = response.bytes().await?.to_vec();
    Ok((status, headers, body))
}

/// A successful response: its status, headers and decoded body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
    attempts: u32,
    idempotency_key: Option<String>,
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

    /// The decoded body, dropping status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }
}

/// A response read off the wire, not yet decoded.
#[derive(Debug)]
pub(crate) struct RawResponse {
    operation: &'static OperationInfo,
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    attempts: u32,
    idempotency_key: Option<String>,
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
        }
    }

    /// Decodes a JSON body, reporting the JSON path where it does not match `T`.
    pub(crate) fn json<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
        // Tracking the path costs time on every value, so it is done only to explain a
        // body that failed to decode.
        if let Ok(value) = serde_json::from_slice::<T>(&self.body) {
            return Ok(self.respond(value));
        }
        let mut de = serde_json::Deserializer::from_slice(&self.body);
        let decoded = serde_path_to_error::deserialize::<_, T>(&mut de)
            .map_err(|e| (e.path().to_string(), e.into_inner()))
            .and_then(|value| de.end().map(|()| value).map_err(|e| (".".to_owned(), e)));
        match decoded {
            Ok(value) => Ok(self.respond(value)),
            Err((path, error)) => Err(Error::Decode(Box::new(DecodeError {
                operation: self.operation.id,
                status: self.status,
                headers: self.headers,
                path,
                message: error.to_string(),
                body: String::from_utf8_lossy(&self.body).into_owned(),
                attempts: self.attempts,
            }))),
        }
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

    #[test]
    fn secrets_are_redacted() {
        let secret = Secret::bearer("aha-sk-123").expect("valid");
        assert_eq!(format!("{secret:?}"), "<redacted>");
        assert!(Secret::bearer("bad\nkey").is_none());
    }
}
