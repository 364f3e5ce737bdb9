// @generated: copied by codegen from codegen/runtime/builder.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Building a `Client`: base URL, credentials, the HTTP client, retries, timeouts, rate
//! limits, the environment.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::auth::{self, Auth, Given, Hook, OutgoingRequest, Scheme};
use super::error::Error;
use super::http::{parse_header, ClientCore};
use super::ratelimit::{Bucket, RateClass};
use super::retry::RetryPolicy;
use crate::Client;

/// The timeout of each attempt unless the builder or a request sets another.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The connect timeout of the HTTP client the builder makes.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// What the API description fixes about a client.
#[derive(Debug)]
pub(crate) struct Defaults {
    /// `servers[0].url`, if the description has one.
    pub(crate) base_url: Option<&'static str>,
    /// Prefix of the environment variables [`Client::from_env`] reads, e.g. `AHASEND`.
    pub(crate) env_prefix: &'static str,
    /// The API's rate-limit classes; operations name theirs by index.
    pub(crate) rate_classes: &'static [RateClass],
    /// The API's security schemes; operations name theirs by key.
    pub(crate) schemes: &'static [Scheme],
    /// Whether some operation can't be sent without credentials, so that
    /// [`Client::from_env`] requires one.
    pub(crate) credentials_required: bool,
}

/// Builds a [`Client`]; get one from [`Client::builder`].
#[must_use = "call `.build()` to get a client"]
pub struct ClientBuilder {
    defaults: &'static Defaults,
    credentials: Vec<(&'static str, Given)>,
    hook: Option<Hook>,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    rate_limits_enabled: bool,
    strict_decoding: bool,
    rate_limits: Vec<(String, f64, u32)>,
    /// Headers for every request: name, value, and whether the value is a secret.
    default_headers: Vec<(String, String, bool)>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("request_hook", &self.hook.as_ref().map(|_| "<fn>"))
            .field("base_url", &self.base_url)
            .field("http", &self.http)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("rate_limits_enabled", &self.rate_limits_enabled)
            .field("rate_limits", &self.rate_limits)
            .field("default_headers", &DefaultHeaders(&self.default_headers))
            .finish()
    }
}

impl ClientBuilder {
    pub(crate) fn new(defaults: &'static Defaults) -> Self {
        ClientBuilder {
            defaults,
            credentials: Vec::new(),
            hook: None,
            base_url: None,
            http: None,
            retry: RetryPolicy::default(),
            timeout: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            rate_limits_enabled: true,
            strict_decoding: false,
            rate_limits: Vec::new(),
            default_headers: Vec::new(),
        }
    }

    /// Sets the credential of the security scheme `scheme` (replacing one set before);
    /// the generated methods named after the schemes call this.
    pub(crate) fn credential(mut self, scheme: &'static str, given: Given) -> Self {
        self.credentials.retain(|(key, _)| *key != scheme);
        self.credentials.push((scheme, given));
        self
    }

    /// A hook that sees every request as it is about to be sent (method, URL, headers
    /// with the credentials, body bytes) and may add headers, e.g. to sign it (AWS SigV4,
    /// an HMAC scheme). It runs on every attempt, retries included, after the credentials
    /// are applied; an error it returns fails the call with
    /// [`Error::Auth`](crate::Error::Auth) without sending that attempt.
    pub fn request_hook<F>(mut self, hook: F) -> Self
    where
        F: Fn(&mut OutgoingRequest<'_>) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
            + Send
            + Sync
            + 'static,
    {
        self.hook = Some(Arc::new(hook));
        self
    }

    /// Where requests go instead of the API description's first server, e.g.
    /// `http://127.0.0.1:4010` for a mock server. A trailing `/` is ignored.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sends requests with this `reqwest` client (its pool, proxy, TLS and timeout
    /// settings). [`connect_timeout`](Self::connect_timeout) does not apply to it, and its
    /// own timeout stays in force unless [`timeout`](Self::timeout) is set too.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The timeout of each attempt, from connecting until the whole response body has
    /// arrived (default 60 s). A request can set its own with its builder's `timeout`.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The timeout of opening a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many times a failed attempt is retried (default 2; 0 turns retries off). A
    /// request can set its own with its builder's `max_retries`.
    ///
    /// Connection failures, timeouts and the [retry statuses](Self::retry_statuses) are
    /// retried, after the server's `Retry-After` or an exponential backoff with jitter. A
    /// `POST` or `PATCH` is retried only if it carries an `Idempotency-Key`, or if no byte
    /// of it was sent, so that it never takes effect twice.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The statuses that are retried (default 408, 429, 500, 502, 503 and 504). The `409`
    /// of an idempotency key whose request is still in progress
    /// (`Idempotent-Replayed: false` with `Retry-After`) is retried regardless.
    pub fn retry_statuses(mut self, statuses: impl IntoIterator<Item = u16>) -> Self {
        self.retry.statuses = statuses.into_iter().collect();
        self
    }

    /// The backoff before the first retry (default 500 ms), doubled for each further
    /// retry up to `max` (default 8 s). Each wait is between half and all of that, at random.
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.initial_backoff = initial;
        self.retry.max_backoff = max;
        self
    }

    /// The longest wait a `Retry-After` header can ask for (default 60 s); a longer one
    /// is cut to this.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.retry.max_retry_after = max;
        self
    }

    /// Sets the rate limit of the class `class`: `per_second` requests a second on
    /// average, `burst` at once. [`build`](Self::build) fails if the API has no such
    /// class, `per_second` is not positive, or `burst` is 0.
    pub fn rate_limit(mut self, class: impl Into<String>, per_second: f64, burst: u32) -> Self {
        self.rate_limits.push((class.into(), per_second, burst));
        self
    }

    /// Decodes responses strictly (`true`): a body that breaks the API description fails
    /// with [`Error::Decode`](crate::Error::Decode), naming the JSON path, instead of being
    /// decoded with substitutions.
    ///
    /// By default the client tolerates what real servers commonly get wrong of their
    /// description: a required property that is missing, `null` where the description
    /// forbids it, or a value of another type decodes to the field type's empty value
    /// (`""`, `0`, `false`, an empty list, map or struct) where it has one. Each
    /// substitution is logged as a `tracing` warning and listed by
    /// [`Response::substitutions`](crate::Response::substitutions) (from
    /// `send_with_response`). Requests are always encoded strictly.
    pub fn strict_decoding(mut self, strict: bool) -> Self {
        self.strict_decoding = strict;
        self
    }

    /// Turns the client-side rate limits off (or back on): requests then go as fast as
    /// they are made, and the server's `429`s are retried instead.
    pub fn rate_limits_enabled(mut self, enabled: bool) -> Self {
        self.rate_limits_enabled = enabled;
        self
    }

    /// A header sent with every request, e.g. `X-GitHub-Api-Version` or an
    /// `Authorization` the API description does not declare a scheme for. It replaces the
    /// client's own `User-Agent`, and gives way to every header that the operation (its
    /// parameters, `Accept`, `Content-Type`), a credential or a request builder's
    /// `.header(..)` sets. Setting a name again replaces its value.
    ///
    /// The value of `Authorization`, `Proxy-Authorization`, `Cookie`, and of every name
    /// with `auth`, `key`, `token`, `secret`, `password`, `session`, `signature` or
    /// `credential` in it is a secret, as a credential is: marked sensitive and shown as
    /// `<redacted>` by `Debug`. [`default_sensitive_header`](Self::default_sensitive_header)
    /// marks any other. [`build`](Self::build) fails with
    /// [`Error::Config`](crate::Error::Config) if it is not a valid HTTP header.
    pub fn default_header(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        let secret = looks_secret(&name);
        self.with_default_header(name, value.into(), secret)
    }

    /// As [`default_header`](Self::default_header), for a value that is a secret whatever
    /// its name.
    pub fn default_sensitive_header(
        self,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        self.with_default_header(name.into(), value.into(), true)
    }

    fn with_default_header(mut self, name: String, value: String, secret: bool) -> Self {
        self.default_headers
            .retain(|(known, ..)| !known.eq_ignore_ascii_case(&name));
        self.default_headers.push((name, value, secret));
        self
    }

    /// Reads the credential of each security scheme from its variable (at least one must
    /// be set when some operation requires credentials), and `{PREFIX}_BASE_URL`,
    /// `{PREFIX}_MAX_RETRIES` and `{PREFIX}_TIMEOUT` (seconds) (optional).
    pub(crate) fn with_env(mut self) -> Result<Self, Error> {
        let prefix = self.defaults.env_prefix;
        let schemes = self.defaults.schemes;
        let mut found = false;
        for scheme in schemes {
            if let Some(given) = auth::from_env(scheme, env_var)? {
                self = self.credential(scheme.key, given);
                found = true;
            }
        }
        if !found && self.defaults.credentials_required {
            match schemes {
                [] => {}
                [one] => {
                    return Err(Error::Config(format!(
                        "the environment variable {} is not set",
                        one.env_var
                    )))
                }
                many => {
                    let vars: Vec<&str> = many.iter().map(|s| s.env_var).collect();
                    return Err(Error::Config(format!(
                        "none of the environment variables {} is set",
                        vars.join(", ")
                    )));
                }
            }
        }
        if let Some(url) = env_var(&format!("{prefix}_BASE_URL"))? {
            self = self.base_url(url);
        }
        let retries_var = format!("{prefix}_MAX_RETRIES");
        if let Some(text) = env_var(&retries_var)? {
            let retries = text.trim().parse::<u32>().map_err(|_| {
                Error::Config(format!(
                    "the environment variable {retries_var} is {text:?}, not a whole number of retries"
                ))
            })?;
            self = self.max_retries(retries);
        }
        let timeout_var = format!("{prefix}_TIMEOUT");
        if let Some(text) = env_var(&timeout_var)? {
            let timeout = parse_seconds(&text).ok_or_else(|| {
                Error::Config(format!(
                    "the environment variable {timeout_var} is {text:?}, not a positive number of seconds"
                ))
            })?;
            self = self.timeout(timeout);
        }
        Ok(self)
    }

    /// The client; fails if the base URL is not an absolute `http(s)` URL, a credential
    /// can't be sent in a header (or a token URL is invalid), or a
    /// [`rate_limit`](Self::rate_limit) is invalid.
    pub fn build(self) -> Result<Client, Error> {
        let buckets = self.buckets()?;
        let base_url = match (self.base_url, self.defaults.base_url) {
            (Some(url), _) => url,
            (None, Some(url)) => url.to_owned(),
            (None, None) => {
                return Err(Error::Config(
                    "the API description names no server: set one with `.base_url(..)`".to_owned(),
                ))
            }
        };
        let base_url = base_url.trim_end_matches('/').to_owned();
        match reqwest::Url::parse(&base_url) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => {}
            _ => {
                return Err(Error::Config(format!(
                    "the base URL {base_url:?} is not an absolute http(s) URL"
                )))
            }
        }
        let (http, timeout) = match self.http {
            Some(http) => (http, self.timeout),
            None => {
                let http = reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    .build()
                    .map_err(|e| {
                        Error::Config(format!("the HTTP client could not be set up: {e}"))
                    })?;
                (http, Some(self.timeout.unwrap_or(DEFAULT_TIMEOUT)))
            }
        };
        let context = auth::Context {
            http: &http,
            base_url: &base_url,
            timeout,
        };
        let auth = Auth::new(self.defaults.schemes, self.credentials, self.hook, &context)?;
        let default_headers = header_map(&self.default_headers)?;
        Ok(Client {
            core: Arc::new(ClientCore {
                http,
                base_url,
                auth,
                retry: self.retry,
                timeout,
                buckets,
                default_headers,
                tolerant: !self.strict_decoding,
            }),
        })
    }

    /// A bucket per rate-limit class, with the builder's settings applied.
    fn buckets(&self) -> Result<Vec<(&'static str, Option<Bucket>)>, Error> {
        let classes = self.defaults.rate_classes;
        let mut limits: Vec<(f64, u32)> = classes.iter().map(|c| (c.per_second, c.burst)).collect();
        for (name, per_second, burst) in &self.rate_limits {
            let Some(index) = classes.iter().position(|c| c.name == name) else {
                let known: Vec<&str> = classes.iter().map(|c| c.name).collect();
                return Err(Error::Config(format!(
                    "the API has no rate-limit class {name:?} (its classes: {known:?})"
                )));
            };
            if !(per_second.is_finite() && *per_second > 0.0) || *burst == 0 {
                return Err(Error::Config(format!(
                    "the rate limit of {name:?} must allow a positive number of requests per second and a burst of at least 1"
                )));
            }
            limits[index] = (*per_second, *burst);
        }
        Ok(classes
            .iter()
            .zip(limits)
            .map(|(class, (per_second, burst))| {
                let bucket = self
                    .rate_limits_enabled
                    .then(|| Bucket::new(per_second, burst));
                (class.name, bucket)
            })
            .collect())
    }
}

/// A positive, finite number of seconds, e.g. `30` or `2.5`.
fn parse_seconds(text: &str) -> Option<Duration> {
    let seconds = text.trim().parse::<f64>().ok()?;
    (seconds.is_finite() && seconds > 0.0 && seconds < 1e12)
        .then(|| Duration::from_secs_f64(seconds))
}

/// An environment variable: `None` when unset or empty, an error when not Unicode.
fn env_var(name: &str) -> Result<Option<String>, Error> {
    match std::env::var(name) {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Error::Config(format!(
            "the environment variable {name} is not valid Unicode"
        ))),
    }
}

/// Header names whose values are secrets (compared in lower case), besides those that
/// contain one of [`SECRET_WORDS`].
const SECRET_NAMES: &[&str] = &["authorization", "proxy-authorization", "cookie"];

/// Words that make a header name's value a secret (`X-Api-Key`, `X-Auth-Token`).
const SECRET_WORDS: &[&str] = &[
    "auth",
    "key",
    "token",
    "secret",
    "password",
    "session",
    "signature",
    "credential",
];

/// Whether the value of the header `name` is a secret, by its name.
fn looks_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_NAMES.contains(&name.as_str()) || SECRET_WORDS.iter().any(|w| name.contains(w))
}

/// The default headers as sent; an error names a header that is not valid, never its
/// value.
fn header_map(headers: &[(String, String, bool)]) -> Result<reqwest::header::HeaderMap, Error> {
    let mut map = reqwest::header::HeaderMap::with_capacity(headers.len());
    for (name, value, secret) in headers {
        let invalid = || {
            Error::Config(format!(
                "the default header `{name}` is not a valid HTTP header"
            ))
        };
        let (name, mut value) = parse_header(name, value).ok_or_else(invalid)?;
        value.set_sensitive(*secret);
        map.insert(name, value);
    }
    Ok(map)
}

/// The builder's default headers for `Debug`, secrets redacted.
struct DefaultHeaders<'a>(&'a [(String, String, bool)]);

impl fmt::Debug for DefaultHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(name, value, secret)| {
                (
                    name,
                    if *secret {
                        auth::REDACTED
                    } else {
                        value.as_str()
                    },
                )
            }))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_parse_strictly() {
        assert_eq!(parse_seconds("30"), Some(Duration::from_secs(30)));
        assert_eq!(parse_seconds(" 2.5 "), Some(Duration::from_millis(2500)));
        for bad in ["0", "-1", "ten", "NaN", "inf", "1e300", ""] {
            assert_eq!(parse_seconds(bad), None, "{bad}");
        }
    }
}
