// @generated: copied by codegen from codegen/runtime/builder.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Building a `Client`: base URL, credentials, the HTTP client, the environment.

use std::fmt;
use std::sync::Arc;

use super::error::Error;
use super::http::{ClientCore, Secret};
use crate::Client;

/// What the API description fixes about a client.
#[derive(Debug)]
pub(crate) struct Defaults {
    /// `servers[0].url`, if the description has one.
    pub(crate) base_url: Option<&'static str>,
    /// Prefix of the environment variables [`Client::from_env`] reads, e.g. `AHASEND`.
    pub(crate) env_prefix: &'static str,
}

/// Builds a [`Client`]; get one from [`Client::builder`].
#[must_use = "call `.build()` to get a client"]
pub struct ClientBuilder {
    defaults: &'static Defaults,
    api_key: Option<String>,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("base_url", &self.base_url)
            .field("http", &self.http)
            .finish()
    }
}

impl ClientBuilder {
    pub(crate) fn new(defaults: &'static Defaults) -> Self {
        ClientBuilder {
            defaults,
            api_key: None,
            base_url: None,
            http: None,
        }
    }

    /// The API key, sent as `Authorization: Bearer <key>` on operations that require it.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Where requests go instead of the API description's first server, e.g.
    /// `http://127.0.0.1:4010` for a mock server. A trailing `/` is ignored.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sends requests with this `reqwest` client (its pool, proxy and TLS settings).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Reads `{PREFIX}_API_KEY` (required) and `{PREFIX}_BASE_URL` (optional).
    pub(crate) fn with_env(mut self) -> Result<Self, Error> {
        let prefix = self.defaults.env_prefix;
        let key_var = format!("{prefix}_API_KEY");
        match env_var(&key_var)? {
            Some(key) => self = self.api_key(key),
            None => return Err(Error::Config(format!("the environment variable {key_var} is not set"))),
        }
        if let Some(url) = env_var(&format!("{prefix}_BASE_URL"))? {
            self = self.base_url(url);
        }
        Ok(self)
    }

    /// The client; fails if the base URL is not an absolute `http(s)` URL or the API key
    /// can't be sent in a header.
    pub fn build(self) -> Result<Client, Error> {
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
        let bearer = match self.api_key {
            Some(key) => Some(Secret::bearer(&key).ok_or_else(|| {
                Error::Config("the API key contains characters that an HTTP header can't carry".to_owned())
            })?),
            None => None,
        };
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .build()
                .map_err(|e| Error::Config(format!("the HTTP client could not be set up: {e}")))?,
        };
        Ok(Client {
            core: Arc::new(ClientCore { http, base_url, bearer }),
        })
    }
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
