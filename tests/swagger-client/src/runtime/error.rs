// @generated: copied by codegen from codegen/runtime/error.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! The client's one error type.

use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::http::{is_replayed, request_id};
use crate::error::ErrorBody;

/// Everything that can go wrong in a call.
///
/// [`Error::status`], [`Error::body`], [`Error::headers`], [`Error::attempts`] and
/// [`Error::request_id`] reach into an error without matching on the variants. When
/// retries ran out, the error is the last attempt's. Neither `Display` nor `Debug` ever
/// shows a credential.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a status that is not a success.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request failed before a whole response arrived: connecting, TLS, a timeout, or
    /// reading the body.
    #[error("{operation}: the request failed{}", attempts_note(*.attempts))]
    Transport {
        /// The `operationId`.
        operation: &'static str,
        /// What `reqwest` reported of the last attempt.
        #[source]
        source: reqwest::Error,
        /// How many times the request was sent (or tried to be).
        attempts: u32,
    },
    /// A successful response's body does not match the API description.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The request body could not be encoded as JSON, or a parameter as its style says.
    #[error("{operation}: the request could not be encoded")]
    Encode {
        /// The `operationId`.
        operation: &'static str,
        /// What `serde_json` reported.
        #[source]
        source: serde_json::Error,
    },
    /// Paging stopped because the server returned a cursor it had returned before, which
    /// would otherwise loop forever.
    #[error("{operation}: the server returned the pagination cursor {cursor:?} a second time")]
    RepeatedCursor {
        /// The `operationId`.
        operation: &'static str,
        /// The repeated cursor.
        cursor: String,
    },
    /// The client is misconfigured (base URL, credentials, environment variables), or an
    /// operation needs credentials the client has none of (the message names the
    /// security schemes it accepts); nothing was sent.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// Credentials could not be applied to an attempt: a token provider or the OAuth 2
    /// token endpoint failed, or the request hook refused the request. That attempt was
    /// not sent.
    #[error("{operation}: {message}")]
    Auth {
        /// The `operationId`.
        operation: &'static str,
        /// What failed (never a secret).
        message: String,
    },
}

impl Error {
    /// The HTTP status of the response: an error status, or the success status of a
    /// response whose body did not decode.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The error response, when the server answered with a non-success status.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The decoded body of an error response, when the API declares one for its status
    /// and the body matched it.
    pub fn body(&self) -> Option<&ErrorBody> {
        self.api_error().and_then(ApiError::body)
    }

    /// The headers of the response: an error response, or a successful one whose body did
    /// not decode.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(e) => Some(&e.headers),
            Error::Decode(e) => Some(&e.headers),
            _ => None,
        }
    }

    /// The `operationId` of the call that failed.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Api(e) => Some(e.operation),
            Error::Decode(e) => Some(e.operation),
            Error::Transport { operation, .. }
            | Error::Encode { operation, .. }
            | Error::RepeatedCursor { operation, .. }
            | Error::Auth { operation, .. } => Some(operation),
            Error::Config(_) => None,
        }
    }

    /// How many times the request was sent: 1, or more when failed attempts were retried;
    /// 0 for errors that arise without a request (configuration, encoding, credentials, a
    /// repeated pagination cursor).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Api(e) => e.attempts,
            Error::Decode(e) => e.attempts,
            Error::Transport { attempts, .. } => *attempts,
            Error::Encode { .. }
            | Error::RepeatedCursor { .. }
            | Error::Config(_)
            | Error::Auth { .. } => 0,
        }
    }

    /// The server's id of the request (its `X-Request-Id` header), when a response
    /// carried one: quote it to the API's support.
    pub fn request_id(&self) -> Option<&str> {
        self.headers().and_then(request_id)
    }

    /// The `Idempotency-Key` the failed request carried, for operations that take one.
    /// Sending the request again with the same key (the builder's `idempotency_key`)
    /// can't make it take effect twice.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.api_error().and_then(ApiError::idempotency_key)
    }

    /// Whether the request failed in transport (no whole response arrived).
    pub fn is_transport(&self) -> bool {
        matches!(self, Error::Transport { .. })
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport { source, .. } if source.is_timeout())
    }
}

/// A response with a status that is not a success.
#[derive(Debug)]
pub struct ApiError {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<ErrorBody>,
    pub(crate) raw: String,
    pub(crate) attempts: u32,
    pub(crate) idempotency_key: Option<String>,
}

impl ApiError {
    /// The `operationId` of the call.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers (e.g. `Retry-After`).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body decoded as the type the API declares for this status; `None` when it
    /// declares none or the body does not match it (see [`ApiError::raw_body`]).
    pub fn body(&self) -> Option<&ErrorBody> {
        self.body.as_ref()
    }

    /// The body as text, whatever it is (JSON, HTML, empty).
    pub fn raw_body(&self) -> &str {
        &self.raw
    }

    /// How many times the request was sent (this is the last attempt's response).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The server's id of the request (`X-Request-Id`), if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }

    /// The `Idempotency-Key` the request carried, for operations that take one.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    /// Whether this is a stored response the server replayed for a repeated idempotency
    /// key (`Idempotent-Replayed: true`).
    pub fn replayed(&self) -> bool {
        is_replayed(&self.headers)
    }
}

/// ` (after N attempts)` when the request was retried.
fn attempts_note(attempts: u32) -> String {
    if attempts > 1 {
        format!(" (after {attempts} attempts)")
    } else {
        String::new()
    }
}

/// At most this many characters of an error body go into the `Display` text.
const SNIPPET_CHARS: usize = 200;

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: the server answered {}", self.operation, self.status)?;
        if let Some(id) = self.request_id() {
            write!(f, " (request id {id})")?;
        }
        f.write_str(&attempts_note(self.attempts))?;
        let mut words = self.raw.split_whitespace().peekable();
        if words.peek().is_some() {
            f.write_str(": ")?;
            let mut written = 0;
            for (i, word) in words.enumerate() {
                if written + word.len() > SNIPPET_CHARS {
                    f.write_str(" …")?;
                    break;
                }
                if i > 0 {
                    f.write_str(" ")?;
                }
                f.write_str(word)?;
                written += word.len() + 1;
            }
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A successful response whose body does not match the API description.
#[derive(Debug)]
pub struct DecodeError {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) path: String,
    pub(crate) message: String,
    pub(crate) body: String,
    pub(crate) attempts: u32,
}

impl DecodeError {
    /// The `operationId` of the call.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Where in the JSON body decoding failed, e.g. `data[0].created_at` (`.` is the whole body).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What did not match.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The body as received.
    pub fn raw_body(&self) -> &str {
        &self.body
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the {} response body does not match the API description at `{}`: {}",
            self.operation, self.status, self.path, self.message
        )
    }
}

impl std::error::Error for DecodeError {}
