// @generated: copied by codegen from codegen/runtime/auth.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Credentials: the API's security schemes, what the builder was given for them, which of
//! an operation's alternatives a request uses and how it is applied (headers, query,
//! cookies), OAuth 2 access tokens (providers, and the built-in client-credentials flow
//! with its single-flight cache), and the request hook that may sign the final request.
//!
//! No secret is ever shown: every type here that holds one prints `<redacted>` for it,
//! header values are marked sensitive, and error messages name schemes, never values.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, COOKIE};
use reqwest::{Method, Url};
use tokio::time::Instant;

use super::error::Error;
use super::http::OperationInfo;

/// What token providers and request hooks fail with.
pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The future of [`TokenProvider::token`].
pub type TokenFuture<'a> = Pin<
    Box<dyn Future<Output = Result<String, Box<dyn std::error::Error + Send + Sync>>> + Send + 'a>,
>;

/// How long before its `expires_in` runs out a fetched access token is replaced: 30 s
/// (a token that lives a minute or less is replaced after half its life).
pub const TOKEN_REFRESH_MARGIN: Duration = Duration::from_secs(30);

/// Shown instead of every secret.
pub(crate) const REDACTED: &str = "<redacted>";

// ---------------------------------------------------------------------------------------
// What the generator fixed: the schemes
// ---------------------------------------------------------------------------------------

/// A security scheme of the API description, fixed when the client was generated.
#[derive(Debug)]
pub(crate) struct Scheme {
    /// Its key in `components.securitySchemes`, by which operations name it.
    pub(crate) key: &'static str,
    /// What it is.
    pub(crate) kind: SchemeKind,
    /// The environment variable [`crate::Client::from_env`] reads its credential from.
    pub(crate) env_var: &'static str,
}

/// The kinds of scheme, as the runtime applies them.
#[derive(Debug)]
pub(crate) enum SchemeKind {
    /// An API key in a header, query parameter or cookie named `name`.
    ApiKey {
        location: KeyLocation,
        name: &'static str,
    },
    /// `Authorization: <scheme> <credential>`: `Basic` (the credential is
    /// `base64(user:password)`), `Bearer`, or another HTTP scheme.
    Http { scheme: &'static str },
    /// OAuth 2 or OpenID Connect: `Authorization: Bearer <access token>`; `token_url` is the
    /// `clientCredentials` flow's, which may be relative to the base URL.
    OAuth2 { token_url: Option<&'static str> },
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyLocation {
    Header,
    Query,
    Cookie,
}

// ---------------------------------------------------------------------------------------
// What the user gives: credentials, token providers, client credentials
// ---------------------------------------------------------------------------------------

/// Hands out OAuth 2 (or OpenID Connect) access tokens. The client asks it before every
/// attempt of every request that uses its scheme, so it can refresh tokens as it likes;
/// the token is sent as `Authorization: Bearer <token>`.
///
/// Any closure `Fn() -> impl Future<Output = Result<String, Box<dyn Error + Send + Sync>>>`
/// is a provider:
///
/// ```text
/// let client = Client::builder()
///     .petstore_auth_token_provider(|| async { Ok(vault::current_token().await?) })
///     .build()?;
/// ```
///
/// A provider that fails makes the call fail with [`Error::Auth`](crate::Error::Auth)
/// before anything is sent.
pub trait TokenProvider: Send + Sync + 'static {
    /// The access token to send now.
    fn token(&self) -> TokenFuture<'_>;

    /// The server answered `401 Unauthorized` to a request that carried `rejected`.
    /// Return `true` if the next [`token`](Self::token) may give another token: the client
    /// then asks for one and sends the request once more. The default returns `false`.
    fn invalidate(&self, rejected: &str) -> bool {
        let _ = rejected;
        false
    }
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, Box<dyn std::error::Error + Send + Sync>>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self())
    }
}

/// The OAuth 2 client credentials grant (RFC 6749 §4.4): the client fetches access tokens
/// itself, from the scheme's `tokenUrl` (a relative one is resolved against the base URL,
/// as a directory), with this client id and secret.
///
/// The token request is a `POST` of `grant_type=client_credentials` (and `scope`, when
/// [`scopes`](Self::scopes) are set) as `application/x-www-form-urlencoded`; the client
/// authenticates with HTTP Basic (RFC 6749 §2.3.1), or in the body with
/// [`credentials_in_body`](Self::credentials_in_body). The token is kept until
/// [`TOKEN_REFRESH_MARGIN`] before its `expires_in` runs out (a token without `expires_in`
/// until the server rejects it), and then fetched anew; concurrent calls that find no
/// valid token wait for one token request instead of making their own. A `401` answer
/// to a call makes the client fetch a new token and send the call once more.
#[derive(Clone)]
pub struct ClientCredentials {
    client_id: String,
    client_secret: String,
    scopes: Vec<String>,
    token_url: Option<String>,
    in_body: bool,
}

impl ClientCredentials {
    /// Credentials of the client `client_id`.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        ClientCredentials {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scopes: Vec::new(),
            token_url: None,
            in_body: false,
        }
    }

    /// The scopes to ask for (sent space-separated as `scope`); by default none are sent
    /// and the server grants its default scopes.
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Fetches tokens from `url` instead of the API description's `tokenUrl` (relative
    /// URLs are resolved against the base URL).
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// Sends `client_id` and `client_secret` in the request body instead of an
    /// `Authorization: Basic` header (RFC 6749 §2.3.1 allows both; Basic is the default).
    pub fn credentials_in_body(mut self) -> Self {
        self.in_body = true;
        self
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &REDACTED)
            .field("scopes", &self.scopes)
            .field("token_url", &self.token_url)
            .field("in_body", &self.in_body)
            .finish()
    }
}

/// What the builder was given for a scheme.
#[derive(Clone)]
pub(crate) enum Given {
    /// An API key, a bearer or access token, or another HTTP scheme's credential.
    Secret(String),
    /// HTTP Basic.
    Basic { username: String, password: String },
    /// Access tokens from a provider.
    Provider(Arc<dyn TokenProvider>),
    /// Access tokens fetched with the client credentials grant.
    ClientCredentials(ClientCredentials),
}

impl fmt::Debug for Given {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Given::Secret(_) | Given::Basic { .. } => f.write_str(REDACTED),
            Given::Provider(_) => f.write_str("TokenProvider"),
            Given::ClientCredentials(c) => c.fmt(f),
        }
    }
}

/// Reads the credential of `scheme` from its environment variable, as `read` returns
/// variables: HTTP Basic as `username:password`, OAuth 2 as an access token, or, when
/// that is unset, `{VAR}_CLIENT_ID` and `{VAR}_CLIENT_SECRET` for the client credentials
/// grant of a scheme that has one.
pub(crate) fn from_env(
    scheme: &Scheme,
    read: impl Fn(&str) -> Result<Option<String>, Error>,
) -> Result<Option<Given>, Error> {
    let var = scheme.env_var;
    if let Some(value) = read(var)? {
        return match scheme.kind {
            SchemeKind::Http { scheme: http } if http.eq_ignore_ascii_case("basic") => {
                match value.split_once(':') {
                    Some((username, password)) => Ok(Some(Given::Basic {
                        username: username.to_owned(),
                        password: password.to_owned(),
                    })),
                    None => Err(Error::Config(format!(
                        "the environment variable {var} must be `username:password`"
                    ))),
                }
            }
            _ => Ok(Some(Given::Secret(value))),
        };
    }
    if let SchemeKind::OAuth2 {
        token_url: Some(_), ..
    } = scheme.kind
    {
        let id = read(&format!("{var}_CLIENT_ID"))?;
        let secret = read(&format!("{var}_CLIENT_SECRET"))?;
        match (id, secret) {
            (Some(id), Some(secret)) => {
                return Ok(Some(Given::ClientCredentials(ClientCredentials::new(
                    id, secret,
                ))))
            }
            (None, None) => {}
            _ => {
                return Err(Error::Config(format!(
                    "set both {var}_CLIENT_ID and {var}_CLIENT_SECRET, or neither"
                )))
            }
        }
    }
    Ok(None)
}

// ---------------------------------------------------------------------------------------
// The request hook
// ---------------------------------------------------------------------------------------

/// The request hook of [`ClientBuilder::request_hook`](crate::ClientBuilder::request_hook).
pub(crate) type Hook = Arc<
    dyn Fn(&mut OutgoingRequest<'_>) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
        + Send
        + Sync,
>;

/// A request as it is about to be sent, for the
/// [request hook](crate::ClientBuilder::request_hook): method, URL (query included),
/// headers (credentials included) and body bytes. The hook may add headers, e.g. a
/// signature.
pub struct OutgoingRequest<'a> {
    operation: &'static str,
    request: &'a mut reqwest::Request,
}

impl OutgoingRequest<'_> {
    /// The `operationId` of the call.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        self.request.method()
    }

    /// The whole URL, with the query string as it is sent.
    pub fn url(&self) -> &Url {
        self.request.url()
    }

    /// The headers sent (`Content-Type`, credentials, the call's own headers, …).
    /// `Content-Length` and `Host` are added by the HTTP client afterwards.
    pub fn headers(&self) -> &HeaderMap {
        self.request.headers()
    }

    /// The headers, to add to (or change).
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        self.request.headers_mut()
    }

    /// The body bytes; empty when the request has no body.
    pub fn body(&self) -> &[u8] {
        self.request
            .body()
            .and_then(reqwest::Body::as_bytes)
            .unwrap_or_default()
    }
}

impl fmt::Debug for OutgoingRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The URL may carry an API key: only the path is shown.
        f.debug_struct("OutgoingRequest")
            .field("operation", &self.operation)
            .field("method", self.request.method())
            .field("path", &self.request.url().path())
            .finish_non_exhaustive()
    }
}

// ---------------------------------------------------------------------------------------
// Applying credentials
// ---------------------------------------------------------------------------------------

/// A scheme's credential, ready to be applied.
enum Credential {
    /// A header (an API key, or `Authorization`), marked sensitive.
    Header(HeaderName, HeaderValue),
    /// A query parameter.
    Query(&'static str, String),
    /// A cookie.
    Cookie(&'static str, String),
    /// `Authorization: Bearer <token>`, the token asked of the provider on each attempt.
    Token(Arc<dyn TokenProvider>),
}

/// The credentials and request hook of a client.
pub(crate) struct Auth {
    credentials: Vec<(&'static str, Credential)>,
    hook: Option<Hook>,
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (scheme, _) in &self.credentials {
            map.entry(scheme, &REDACTED);
        }
        if self.hook.is_some() {
            map.entry(&"request_hook", &"<fn>");
        }
        map.finish()
    }
}

/// A header value from `text`, marked sensitive; `None` if it can't be one.
fn sensitive(text: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(text).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// What [`Auth::new`] needs beside the credentials: the client's HTTP client, base URL and
/// timeout, for fetching tokens.
pub(crate) struct Context<'a> {
    pub(crate) http: &'a reqwest::Client,
    pub(crate) base_url: &'a str,
    pub(crate) timeout: Option<Duration>,
}

impl Auth {
    /// The credentials of `given`, checked against the `schemes` they are for.
    pub(crate) fn new(
        schemes: &'static [Scheme],
        given: Vec<(&'static str, Given)>,
        hook: Option<Hook>,
        cx: &Context<'_>,
    ) -> Result<Auth, Error> {
        let mut credentials = Vec::with_capacity(given.len());
        for (key, given) in given {
            let Some(scheme) = schemes.iter().find(|s| s.key == key) else {
                continue;
            };
            let invalid = |what: &str| {
                Error::Config(format!(
                    "the {what} of security scheme `{key}` contains characters that an HTTP header can't carry"
                ))
            };
            let credential = match (&scheme.kind, given) {
                (SchemeKind::ApiKey { location, name }, Given::Secret(secret)) => match location {
                    KeyLocation::Header => {
                        let name = HeaderName::from_bytes(name.as_bytes())
                            .map_err(|_| invalid("header name"))?;
                        Credential::Header(
                            name,
                            sensitive(&secret).ok_or_else(|| invalid("API key"))?,
                        )
                    }
                    KeyLocation::Query => Credential::Query(name, secret),
                    KeyLocation::Cookie => {
                        sensitive(&secret).ok_or_else(|| invalid("API key"))?;
                        Credential::Cookie(name, secret)
                    }
                },
                (SchemeKind::Http { scheme }, Given::Basic { username, password }) => {
                    if username.contains(':') {
                        return Err(Error::Config(format!(
                            "the username of security scheme `{key}` contains `:`, which HTTP Basic can't carry"
                        )));
                    }
                    let encoded = base64(format!("{username}:{password}").as_bytes());
                    let value = sensitive(&format!("{scheme} {encoded}"))
                        .ok_or_else(|| invalid("credential"))?;
                    Credential::Header(AUTHORIZATION, value)
                }
                (SchemeKind::Http { scheme }, Given::Secret(secret)) => {
                    let value = sensitive(&format!("{scheme} {secret}"))
                        .ok_or_else(|| invalid("credential"))?;
                    Credential::Header(AUTHORIZATION, value)
                }
                (SchemeKind::OAuth2 { .. }, Given::Secret(token)) => {
                    let value = sensitive(&format!("Bearer {token}"))
                        .ok_or_else(|| invalid("access token"))?;
                    Credential::Header(AUTHORIZATION, value)
                }
                (SchemeKind::OAuth2 { .. }, Given::Provider(provider)) => {
                    Credential::Token(provider)
                }
                (SchemeKind::OAuth2 { token_url }, Given::ClientCredentials(config)) => {
                    let provider = ClientCredentialsProvider::new(key, *token_url, config, cx)?;
                    Credential::Token(Arc::new(provider))
                }
                _ => {
                    return Err(Error::Config(format!(
                        "security scheme `{key}` does not take this kind of credential"
                    )))
                }
            };
            credentials.retain(|(k, _)| *k != key);
            credentials.push((key, credential));
        }
        Ok(Auth { credentials, hook })
    }

    fn credential(&self, scheme: &str) -> Option<&Credential> {
        self.credentials
            .iter()
            .find(|(key, _)| *key == scheme)
            .map(|(_, c)| c)
    }

    /// The credentials `operation` is sent with: those of the first of its alternatives
    /// whose every scheme the client has credentials for; none if it has no alternatives
    /// or an empty one (`{}`) and the client has none of the others. Otherwise the call
    /// fails before anything is sent, naming the schemes it accepts.
    pub(crate) fn select(&self, operation: &'static OperationInfo) -> Result<Selected<'_>, Error> {
        let alternatives = operation.security;
        let configured = alternatives
            .iter()
            .filter(|a| !a.is_empty())
            .find(|a| a.iter().all(|s| self.credential(s).is_some()));
        if let Some(alternative) = configured {
            let credentials = alternative
                .iter()
                .filter_map(|s| self.credential(s).map(|c| (*s, c)))
                .collect();
            return Ok(Selected {
                credentials,
                hook: self.hook.as_ref(),
            });
        }
        if alternatives.is_empty() || alternatives.iter().any(|a| a.is_empty()) {
            return Ok(Selected {
                credentials: Vec::new(),
                hook: self.hook.as_ref(),
            });
        }
        let accepted: Vec<String> = alternatives
            .iter()
            .map(|a| {
                let names: Vec<String> = a.iter().map(|s| format!("`{s}`")).collect();
                names.join(" and ")
            })
            .collect();
        Err(Error::Config(format!(
            "{}: the operation needs credentials for {}, and the client has none: set them on the ClientBuilder",
            operation.id,
            accepted.join(", or ")
        )))
    }
}

/// The credentials a call uses, and the request hook.
pub(crate) struct Selected<'a> {
    credentials: Vec<(&'static str, &'a Credential)>,
    hook: Option<&'a Hook>,
}

/// An access token a provider gave for one attempt, to hand back if it is rejected.
pub(crate) struct UsedToken<'a> {
    provider: &'a Arc<dyn TokenProvider>,
    token: String,
}

impl Selected<'_> {
    /// The query parameters that carry API keys.
    pub(crate) fn query(&self) -> Vec<(&'static str, &str)> {
        self.credentials
            .iter()
            .filter_map(|(_, c)| match c {
                Credential::Query(name, value) => Some((*name, value.as_str())),
                _ => None,
            })
            .collect()
    }

    /// Adds the credentials' headers and cookies to `builder`, asking token providers for
    /// their tokens; returns the tokens used.
    pub(crate) async fn apply(
        &self,
        operation: &'static OperationInfo,
        mut builder: reqwest::RequestBuilder,
    ) -> Result<(reqwest::RequestBuilder, Vec<UsedToken<'_>>), Error> {
        let mut used = Vec::new();
        let mut cookies = String::new();
        for (scheme, credential) in &self.credentials {
            match credential {
                Credential::Header(name, value) => builder = builder.header(name, value.clone()),
                Credential::Query(..) => {}
                Credential::Cookie(name, value) => {
                    if !cookies.is_empty() {
                        cookies.push_str("; ");
                    }
                    cookies.push_str(name);
                    cookies.push('=');
                    cookies.push_str(value);
                }
                Credential::Token(provider) => {
                    let token = provider.token().await.map_err(|e| Error::Auth {
                        operation: operation.id,
                        message: format!("no access token for security scheme `{scheme}`: {e}"),
                    })?;
                    let value = sensitive(&format!("Bearer {token}")).ok_or_else(|| Error::Auth {
                        operation: operation.id,
                        message: format!(
                            "the access token for security scheme `{scheme}` contains characters that an HTTP header can't carry"
                        ),
                    })?;
                    builder = builder.header(AUTHORIZATION, value);
                    used.push(UsedToken { provider, token });
                }
            }
        }
        if !cookies.is_empty() {
            if let Some(value) = sensitive(&cookies) {
                builder = builder.header(COOKIE, value);
            }
        }
        Ok((builder, used))
    }

    /// Runs the request hook on the final request.
    pub(crate) fn hook(
        &self,
        operation: &'static OperationInfo,
        request: &mut reqwest::Request,
    ) -> Result<(), Error> {
        let Some(hook) = self.hook else {
            return Ok(());
        };
        let mut outgoing = OutgoingRequest {
            operation: operation.id,
            request,
        };
        hook(&mut outgoing).map_err(|e| Error::Auth {
            operation: operation.id,
            message: format!("the request hook failed: {e}"),
        })
    }

    /// `error` with the values of API-key query parameters in its URL redacted.
    pub(crate) fn redact(&self, mut error: reqwest::Error) -> reqwest::Error {
        let names: Vec<&str> = self.query().into_iter().map(|(name, _)| name).collect();
        if names.is_empty() {
            return error;
        }
        if let Some(url) = error.url_mut() {
            redact_query(url, &names);
        }
        error
    }
}

/// Replaces the values of the query parameters `names` of `url` with `<redacted>`.
fn redact_query(url: &mut Url, names: &[&str]) {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if names.contains(&k.as_ref()) {
                REDACTED.to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
}

/// Hands the tokens that the server rejected with `401` back to their providers; whether
/// any of them may give a new one (the call is then sent once more).
pub(crate) fn invalidate(used: &[UsedToken<'_>]) -> bool {
    let mut renewed = false;
    for u in used {
        renewed |= u.provider.invalidate(&u.token);
    }
    renewed
}

// ---------------------------------------------------------------------------------------
// The client credentials grant
// ---------------------------------------------------------------------------------------

/// Fetches, caches and refreshes the access tokens of one scheme.
///
/// Single flight: the cache sits behind an async mutex that is held while a token is
/// fetched, so concurrent calls that find no valid token queue behind the one fetch and
/// then take its token. A call that queued while a fetch failed gets that failure instead
/// of fetching again (`fetches` counts finished fetches).
struct ClientCredentialsProvider {
    scheme: &'static str,
    token_url: Url,
    config: ClientCredentials,
    http: reqwest::Client,
    timeout: Option<Duration>,
    /// The cached token, and the last failure.
    state: futures::lock::Mutex<TokenState>,
    /// Finished fetches, successful or not.
    fetches: AtomicU64,
    /// A token the server rejected (see [`TokenProvider::invalidate`]).
    rejected: Mutex<Option<String>>,
}

#[derive(Default)]
struct TokenState {
    token: Option<CachedToken>,
    failure: Option<String>,
}

struct CachedToken {
    value: String,
    /// When to fetch a new one (`None`: until the server rejects it).
    refresh_at: Option<Instant>,
}

impl ClientCredentialsProvider {
    fn new(
        scheme: &'static str,
        document_url: Option<&'static str>,
        config: ClientCredentials,
        cx: &Context<'_>,
    ) -> Result<Self, Error> {
        let Some(url) = config.token_url.as_deref().or(document_url) else {
            return Err(Error::Config(format!(
                "security scheme `{scheme}` has no token URL: set one with `ClientCredentials::token_url`"
            )));
        };
        let base = Url::parse(&format!("{}/", cx.base_url.trim_end_matches('/')));
        let token_url = base
            .and_then(|base| base.join(url))
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| {
                Error::Config(format!(
                    "the token URL {url:?} of security scheme `{scheme}` is not a valid http(s) URL"
                ))
            })?;
        Ok(ClientCredentialsProvider {
            scheme,
            token_url,
            config,
            http: cx.http.clone(),
            timeout: cx.timeout,
            state: futures::lock::Mutex::new(TokenState::default()),
            fetches: AtomicU64::new(0),
            rejected: Mutex::new(None),
        })
    }

    async fn get(&self) -> Result<String, BoxError> {
        let seen = self.fetches.load(Ordering::SeqCst);
        let mut state = self.state.lock().await;
        let rejected = self
            .rejected
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(token) = &state.token {
            let fresh = token.refresh_at.is_none_or(|at| Instant::now() < at);
            if fresh && rejected.as_deref() != Some(token.value.as_str()) {
                return Ok(token.value.clone());
            }
        }
        if self.fetches.load(Ordering::SeqCst) != seen {
            if let Some(failure) = &state.failure {
                return Err(failure.clone().into());
            }
        }
        let fetched = self.fetch().await;
        self.fetches.fetch_add(1, Ordering::SeqCst);
        match fetched {
            Ok(token) => {
                let value = token.value.clone();
                state.token = Some(token);
                state.failure = None;
                Ok(value)
            }
            Err(message) => {
                state.token = None;
                state.failure = Some(message.clone());
                Err(message.into())
            }
        }
    }

    /// One token request.
    async fn fetch(&self) -> Result<CachedToken, String> {
        let scope = self.config.scopes.join(" ");
        let mut form: Vec<(&str, &str)> = vec![("grant_type", "client_credentials")];
        if !scope.is_empty() {
            form.push(("scope", &scope));
        }
        let mut request = self
            .http
            .post(self.token_url.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        if self.config.in_body {
            form.push(("client_id", &self.config.client_id));
            form.push(("client_secret", &self.config.client_secret));
        } else {
            let user = form_encode(&self.config.client_id);
            let password = form_encode(&self.config.client_secret);
            let value = sensitive(&format!(
                "Basic {}",
                base64(format!("{user}:{password}").as_bytes())
            ))
            .ok_or("the client id or secret can't be sent in a header")?;
            request = request.header(AUTHORIZATION, value);
        }
        request = request.form(&form);
        if let Some(timeout) = self.timeout {
            request = request.timeout(timeout);
        }
        let started = Instant::now();
        let response = request
            .send()
            .await
            .map_err(|e| format!("the token request failed: {}", e.without_url()))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| format!("the token response could not be read: {}", e.without_url()))?;
        if !status.is_success() {
            // RFC 6749 §5.2: `error` and `error_description`; nothing else of the body.
            let detail = serde_json::from_slice::<TokenError>(&body)
                .map(|e| match e.error_description {
                    Some(d) => format!(" ({}: {d})", e.error),
                    None => format!(" ({})", e.error),
                })
                .unwrap_or_default();
            return Err(format!("the token endpoint answered {status}{detail}"));
        }
        let token: TokenResponse = serde_json::from_slice(&body).map_err(|_| {
            "the token endpoint's answer is not a token response (JSON with `access_token`)"
                .to_owned()
        })?;
        let lifetime = token.expires_in.as_ref().and_then(seconds).map(|secs| {
            let life = Duration::from_secs(secs);
            if life > 2 * TOKEN_REFRESH_MARGIN {
                life - TOKEN_REFRESH_MARGIN
            } else {
                life / 2
            }
        });
        tracing::debug!(scheme = self.scheme, "fetched an access token");
        Ok(CachedToken {
            value: token.access_token,
            refresh_at: lifetime.map(|life| started + life),
        })
    }
}

impl TokenProvider for ClientCredentialsProvider {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.get())
    }

    fn invalidate(&self, rejected: &str) -> bool {
        *self
            .rejected
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(rejected.to_owned());
        true
    }
}

/// A successful token response (RFC 6749 §5.1).
#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
}

/// An error response of a token endpoint (RFC 6749 §5.2).
#[derive(serde::Deserialize)]
struct TokenError {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// `expires_in` as whole seconds: a number, or a string of one (as some servers send).
fn seconds(value: &serde_json::Value) -> Option<u64> {
    match value {
        serde_json::Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Standard base64 with padding (RFC 4648 §4).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
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

/// `text` encoded as in `application/x-www-form-urlencoded` (RFC 6749 Appendix B).
fn form_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0x0f)]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (text, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
            ("Aladdin:open sesame", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        ] {
            assert_eq!(base64(text.as_bytes()), encoded, "{text}");
        }
    }

    #[test]
    fn form_encoding_escapes_all_but_unreserved() {
        assert_eq!(form_encode("a b+c/d:é*-._"), "a+b%2Bc%2Fd%3A%C3%A9*-._");
    }

    #[test]
    fn expires_in_is_a_number_or_a_string_of_one() {
        assert_eq!(seconds(&serde_json::json!(3600)), Some(3600));
        assert_eq!(seconds(&serde_json::json!("120")), Some(120));
        assert_eq!(seconds(&serde_json::json!(-1)), None);
        assert_eq!(seconds(&serde_json::json!(null)), None);
    }

    #[test]
    fn query_keys_are_redacted() {
        let mut url = Url::parse("https://x.test/p?api_key=s3cret&limit=5").expect("valid");
        redact_query(&mut url, &["api_key"]);
        assert_eq!(url.query(), Some("api_key=%3Credacted%3E&limit=5"));
    }

    #[test]
    fn secrets_are_redacted() {
        let given = Given::Secret("s3cret".to_owned());
        assert_eq!(format!("{given:?}"), REDACTED);
        let credentials = ClientCredentials::new("id", "s3cret").scopes(["read"]);
        let debug = format!("{credentials:?}");
        assert!(!debug.contains("s3cret") && debug.contains("id"), "{debug}");
    }
}
