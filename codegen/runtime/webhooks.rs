//! Webhook deliveries: checking their signatures, and the errors of reading them.
//!
//! A delivery is signed the Standard Webhooks way. Three headers come with it:
//! `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`, a
//! space-separated list of `v1,<base64>` signatures. Each signature is the base64 of
//! HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{body}`, the raw body as received.
//! A delivery is genuine when any `v1` signature matches (signatures of other versions are
//! ignored) and its timestamp is within a tolerance of now, in either direction.
//!
//! Which key the HMAC uses is [`SecretEncoding`]'s choice: by default the secret's own
//! UTF-8 bytes, prefix included, as AhaSend signs; stock Standard Webhooks secrets
//! (`whsec_` + base64) are decoded instead.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use sha2::Sha256;

/// The header with the delivery's unique id (the same on every retry).
pub const HEADER_ID: &str = "webhook-id";
/// The header with the time the delivery was signed, in Unix seconds.
pub const HEADER_TIMESTAMP: &str = "webhook-timestamp";
/// The header with the space-separated `v1,<base64>` signatures.
pub const HEADER_SIGNATURE: &str = "webhook-signature";

/// How far a delivery's timestamp may be from now, either way, unless
/// [`Verifier::with_tolerance`] says otherwise: five minutes.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// The payload field that names the event.
pub(crate) const EVENT_TYPE_FIELD: &str = "type";

/// The prefix of stock Standard Webhooks secrets.
const STANDARD_PREFIX: &str = "whsec_";

/// How the secret becomes the HMAC key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SecretEncoding {
    /// The secret's UTF-8 bytes exactly as given, prefix and all (an AhaSend secret such
    /// as `aha-whsec-…` is used whole, not decoded). This is how AhaSend signs.
    #[default]
    Raw,
    /// A stock Standard Webhooks secret: an optional `whsec_` prefix, then the key in
    /// standard base64.
    StandardBase64,
}

/// Where the three signature headers come from: implemented for an HTTP
/// [`HeaderMap`] (that of `reqwest`, `http` 1.x, `axum` and `hyper`) and for
/// [`WebhookHeaders`], which holds them as text from any other source.
pub trait SignatureHeaders {
    /// The value of the header `name` ([`HEADER_ID`], [`HEADER_TIMESTAMP`] or
    /// [`HEADER_SIGNATURE`]), if present.
    fn signature_header(&self, name: &str) -> Option<&[u8]>;
}

impl SignatureHeaders for HeaderMap {
    fn signature_header(&self, name: &str) -> Option<&[u8]> {
        self.get(name).map(|v| v.as_bytes())
    }
}

/// The signature headers of a delivery, taken from wherever the server framework keeps
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookHeaders<'a> {
    /// `webhook-id`.
    pub id: &'a str,
    /// `webhook-timestamp`.
    pub timestamp: &'a str,
    /// `webhook-signature`.
    pub signature: &'a str,
}

impl SignatureHeaders for WebhookHeaders<'_> {
    fn signature_header(&self, name: &str) -> Option<&[u8]> {
        let value = match name {
            HEADER_ID => self.id,
            HEADER_TIMESTAMP => self.timestamp,
            HEADER_SIGNATURE => self.signature,
            _ => return None,
        };
        Some(value.as_bytes())
    }
}

/// Why a delivery was not accepted as genuine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A signature header is missing or empty.
    #[error("the `{0}` header is missing")]
    MissingHeader(&'static str),
    /// A signature header is not UTF-8 text.
    #[error("the `{0}` header is not valid text")]
    InvalidHeader(&'static str),
    /// `webhook-timestamp` is not a whole number of Unix seconds.
    #[error("the `webhook-timestamp` header is not a Unix time in seconds: {0:?}")]
    InvalidTimestamp(String),
    /// The delivery was signed longer ago than the tolerance allows (a replay, or a
    /// clock far behind).
    #[error("the delivery is too old: signed at {timestamp}, {} s before now (tolerance {} s)", now - timestamp, tolerance.as_secs())]
    TimestampTooOld {
        /// `webhook-timestamp`, in Unix seconds.
        timestamp: i64,
        /// Now, in Unix seconds.
        now: i64,
        /// The tolerance in force.
        tolerance: Duration,
    },
    /// The delivery claims to be signed further in the future than the tolerance allows.
    #[error("the delivery is from the future: signed at {timestamp}, {} s after now (tolerance {} s)", timestamp - now, tolerance.as_secs())]
    TimestampInFuture {
        /// `webhook-timestamp`, in Unix seconds.
        timestamp: i64,
        /// Now, in Unix seconds.
        now: i64,
        /// The tolerance in force.
        tolerance: Duration,
    },
    /// `webhook-signature` lists no `v1` signature.
    #[error("the `webhook-signature` header has no `v1` signature")]
    NoSignature,
    /// No `v1` signature matches: the secret is not the one the sender used, or the body
    /// or headers were changed on the way.
    #[error("no signature matches the delivery (a wrong secret, or a changed body or header)")]
    SignatureMismatch,
    /// The secret can't be used as a key: it is empty, or not base64 under
    /// [`SecretEncoding::StandardBase64`].
    #[error("the webhook secret can't be used: {0}")]
    InvalidSecret(&'static str),
}

/// Checks the signatures of webhook deliveries.
///
/// ```text
/// let verifier = Verifier::new(secret);                      // the secret as given
/// verifier.verify(&headers, &body)?;                         // or:
/// let event = verifier.verify_and_parse(&headers, &body)?;   // a WebhookEvent
/// ```
///
/// Its `Debug` output never shows the secret.
#[derive(Clone)]
pub struct Verifier {
    secret: String,
    encoding: SecretEncoding,
    tolerance: Duration,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secret", &"<redacted>")
            .field("encoding", &self.encoding)
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

impl Verifier {
    /// A verifier for deliveries signed with `secret`, used as it is
    /// ([`SecretEncoding::Raw`]), accepting timestamps within [`DEFAULT_TOLERANCE`].
    pub fn new(secret: impl Into<String>) -> Self {
        Verifier {
            secret: secret.into(),
            encoding: SecretEncoding::Raw,
            tolerance: DEFAULT_TOLERANCE,
        }
    }

    /// Accepts timestamps up to `tolerance` (whole seconds) before or after now.
    pub fn with_tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Derives the HMAC key from the secret as `encoding` says.
    pub fn with_secret_encoding(mut self, encoding: SecretEncoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The timestamp tolerance in force.
    pub fn tolerance(&self) -> Duration {
        self.tolerance
    }

    /// The secret encoding in force.
    pub fn secret_encoding(&self) -> SecretEncoding {
        self.encoding
    }

    /// Checks that `body` (the raw request body, unparsed) came with a valid signature in
    /// `headers`, signed within the tolerance of the system clock.
    pub fn verify(&self, headers: &impl SignatureHeaders, body: &[u8]) -> Result<(), VerifyError> {
        self.verify_at(headers, body, SystemTime::now())
    }

    /// [`Verifier::verify`] with `now` as the current time.
    pub fn verify_at(
        &self,
        headers: &impl SignatureHeaders,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), VerifyError> {
        let id = header(headers, HEADER_ID)?;
        let timestamp_text = header(headers, HEADER_TIMESTAMP)?;
        let signatures = header(headers, HEADER_SIGNATURE)?;

        let timestamp: i64 = timestamp_text
            .parse()
            .map_err(|_| VerifyError::InvalidTimestamp(timestamp_text.to_owned()))?;
        let now = unix_seconds(now);
        let tolerance = i128::from(self.tolerance.as_secs());
        let age = i128::from(now) - i128::from(timestamp);
        if age > tolerance {
            return Err(VerifyError::TimestampTooOld {
                timestamp,
                now,
                tolerance: self.tolerance,
            });
        }
        if -age > tolerance {
            return Err(VerifyError::TimestampInFuture {
                timestamp,
                now,
                tolerance: self.tolerance,
            });
        }

        let key = self.key()?;
        let mut mac = Hmac::<Sha256>::new_from_slice(&key)
            .map_err(|_| VerifyError::InvalidSecret("HMAC rejects the key"))?;
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp_text.as_bytes());
        mac.update(b".");
        mac.update(body);

        let mut any_v1 = false;
        for entry in signatures.split_ascii_whitespace() {
            let Some(("v1", signature)) = entry.split_once(',') else {
                continue;
            };
            any_v1 = true;
            let Ok(signature) = base64::engine::general_purpose::STANDARD.decode(signature) else {
                continue;
            };
            // `verify_slice` compares in constant time.
            if mac.clone().verify_slice(&signature).is_ok() {
                return Ok(());
            }
        }
        Err(if any_v1 {
            VerifyError::SignatureMismatch
        } else {
            VerifyError::NoSignature
        })
    }

    /// The HMAC key.
    fn key(&self) -> Result<Vec<u8>, VerifyError> {
        let key = match self.encoding {
            SecretEncoding::Raw => self.secret.as_bytes().to_vec(),
            SecretEncoding::StandardBase64 => {
                let encoded = self
                    .secret
                    .strip_prefix(STANDARD_PREFIX)
                    .unwrap_or(&self.secret);
                base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .map_err(|_| {
                        VerifyError::InvalidSecret(
                            "it is not base64 after the optional `whsec_` prefix",
                        )
                    })?
            }
        };
        if key.is_empty() {
            // Anyone can sign with an empty key: refuse rather than accept forgeries.
            return Err(VerifyError::InvalidSecret("it is empty"));
        }
        Ok(key)
    }
}

/// A signature header's value as text.
fn header<'h>(
    headers: &'h impl SignatureHeaders,
    name: &'static str,
) -> Result<&'h str, VerifyError> {
    match headers.signature_header(name) {
        None | Some([]) => Err(VerifyError::MissingHeader(name)),
        Some(bytes) => std::str::from_utf8(bytes).map_err(|_| VerifyError::InvalidHeader(name)),
    }
}

/// `t` in whole Unix seconds (negative before 1970), saturating.
fn unix_seconds(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// Why a webhook payload could not be read as an event.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The body is not JSON.
    #[error("the webhook body is not JSON: {0}")]
    Json(String),
    /// The payload is not an object with a string `type` field.
    #[error("the webhook payload has no string `type` field")]
    MissingType,
    /// The payload of a known event type does not match its schema.
    #[error(
        "the `{event_type}` payload does not match the API description at `{path}`: {message}"
    )]
    Payload {
        /// The event type.
        event_type: String,
        /// Where in the payload decoding failed, e.g. `data.recipient` (`.` is the whole
        /// payload).
        path: String,
        /// What did not match.
        message: String,
    },
}

/// Either step of [`Verifier::verify_and_parse`](crate::webhooks::Verifier::verify_and_parse).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The signature check failed: the delivery must not be trusted.
    #[error(transparent)]
    Verify(#[from] VerifyError),
    /// The delivery is genuine, but its payload could not be read.
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// A body as JSON.
pub(crate) fn parse_body(body: &[u8]) -> Result<serde_json::Value, ParseError> {
    serde_json::from_slice(body).map_err(|e| ParseError::Json(e.to_string()))
}

/// The payload's event type.
pub(crate) fn event_type(payload: &serde_json::Value) -> Result<String, ParseError> {
    payload
        .get(EVENT_TYPE_FIELD)
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
        .ok_or(ParseError::MissingType)
}

/// The payload of an event of type `event_type`, as `T`.
pub(crate) fn payload<T: DeserializeOwned>(
    event_type: &str,
    payload: serde_json::Value,
) -> Result<T, ParseError> {
    serde_path_to_error::deserialize(payload).map_err(|e| ParseError::Payload {
        event_type: event_type.to_owned(),
        path: e.path().to_string(),
        message: e.into_inner().to_string(),
    })
}
