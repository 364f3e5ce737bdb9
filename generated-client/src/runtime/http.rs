// @generated: copied by codegen from codegen/runtime/http.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Sending a request and reading its response.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::{ApiError, DecodeError, Error};
use crate::error::ErrorBody;

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
    /// A request for `path` (already percent-encoded, see [`push_path_segment`]).
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
    pub(crate) fn json<T: Serialize>(&mut self, operation: &'static OperationInfo, body: &T) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|source| Error::Encode {
            operation: operation.id,
            source,
        })?;
        self.body = Some(bytes);
        Ok(())
    }
}

/// Appends `segment` to `path`, percent-encoding every byte but RFC 3986 unreserved ones
/// (`A-Z a-z 0-9 - . _ ~`), so that `/`, `?`, `#`, `%`, `<`, `>` and `@` stay inside the segment.
pub(crate) fn push_path_segment(path: &mut String, segment: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in segment.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            path.push(char::from(b));
        } else {
            path.push('%');
            path.push(char::from(HEX[usize::from(b >> 4)]));
            path.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
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
}

impl ClientCore {
    /// Sends `request` for `operation` and reads the whole response.
    pub(crate) async fn send(&self, operation: &'static OperationInfo, request: Request) -> Result<RawResponse, Error> {
        let mut url = String::with_capacity(self.base_url.len() + request.path.len());
        url.push_str(&self.base_url);
        url.push_str(&request.path);
        let mut builder = self
            .http
            .request(operation.method.clone(), url)
            .header(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE))
            .header(ACCEPT, HeaderValue::from_static(operation.accept));
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        for (name, value) in request.headers {
            builder = builder.header(name, value);
        }
        if operation.bearer {
            if let Some(secret) = &self.bearer {
                builder = builder.header(AUTHORIZATION, secret.0.clone());
            }
        }
        if let Some(body) = request.body {
            builder = builder
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body);
        }
        let transport = |source| Error::Transport {
            operation: operation.id,
            source,
        };
        let response = builder.send().await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(transport)?.to_vec();
        Ok(RawResponse {
            operation,
            status,
            headers,
            body,
        })
    }
}

/// A successful response: its status, headers and decoded body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
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
        }
    }

    /// Decodes a JSON body, reporting the JSON path where it does not match `T`.
    pub(crate) fn json<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
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
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_strictly_encoded() {
        let mut path = String::from("/messages/");
        push_path_segment(&mut path, "<abc@example.com> 1/2?#%");
        assert_eq!(path, "/messages/%3Cabc%40example.com%3E%201%2F2%3F%23%25");
    }

    #[test]
    fn secrets_are_redacted() {
        let secret = Secret::bearer("aha-sk-123").expect("valid");
        assert_eq!(format!("{secret:?}"), "<redacted>");
        assert!(Secret::bearer("bad\nkey").is_none());
    }
}
