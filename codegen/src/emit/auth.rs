//! `auth.rs`: the API's security schemes as static data for the runtime, and a
//! `ClientBuilder` method per scheme; the `Client` shortcuts (`new`, `from_env`) and the
//! documentation of authentication that `client.rs` uses.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::ident;
use crate::ir::{Api, ApiKeyLocation, Operation, SchemeKind, SecurityScheme};
use crate::Options;

/// The schemes the generated client can use, in key order.
fn usable(api: &Api) -> impl Iterator<Item = &SecurityScheme> {
    api.security_schemes
        .values()
        .filter(|s| !matches!(s.kind, SchemeKind::Unsupported(_)))
}

/// The API's one usable scheme, when it has exactly one: it gets the shortcuts
/// `Client::new(credential)` and, when it takes one secret, `ClientBuilder::api_key`.
fn sole(api: &Api) -> Option<&SecurityScheme> {
    let mut schemes = usable(api);
    let first = schemes.next()?;
    schemes.next().is_none().then_some(first)
}

/// The `ClientBuilder` methods that set `scheme`'s credentials: the credential's, then the
/// token provider's and the client credentials grant's where it has them.
fn builder_methods(scheme: &SecurityScheme) -> impl Iterator<Item = &str> {
    let methods = &scheme.methods;
    std::iter::once(methods.credential.as_str())
        .chain(methods.token_provider.as_deref())
        .chain(methods.client_credentials.as_deref())
}

/// The environment variable of `scheme`.
fn env_var(scheme: &SecurityScheme, options: &Options) -> String {
    scheme.env_var(&options.env_prefix())
}

/// Where and how the credential of `scheme` is sent, for the documentation.
fn placement(scheme: &SecurityScheme) -> String {
    match &scheme.kind {
        SchemeKind::ApiKey { location, name } => match location {
            ApiKeyLocation::Header => format!("the `{name}` header"),
            ApiKeyLocation::Query => format!("the `{name}` query parameter"),
            ApiKeyLocation::Cookie => format!("the `{name}` cookie"),
        },
        SchemeKind::Basic => "`Authorization: Basic base64(username:password)`".to_owned(),
        SchemeKind::Bearer { .. } => "`Authorization: Bearer <token>`".to_owned(),
        SchemeKind::OtherHttp { scheme } => format!("`Authorization: {scheme} <credential>`"),
        SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => {
            "`Authorization: Bearer <access token>`".to_owned()
        }
        SchemeKind::Unsupported(_) => String::new(),
    }
}

/// What kind of scheme it is, e.g. `an API key (`apiKey`)`.
fn kind_words(scheme: &SecurityScheme) -> String {
    match &scheme.kind {
        SchemeKind::ApiKey { .. } => "an API key (`apiKey`)".to_owned(),
        SchemeKind::Basic => "HTTP Basic authentication".to_owned(),
        SchemeKind::Bearer { format: Some(f) } => {
            format!("HTTP bearer authentication (token format `{f}`)")
        }
        SchemeKind::Bearer { format: None } => "HTTP bearer authentication".to_owned(),
        SchemeKind::OtherHttp { scheme } => format!("HTTP `{scheme}` authentication"),
        SchemeKind::OAuth2 { flows } => {
            let names: Vec<String> = flows
                .iter()
                .map(|f| format!("`{}`", f.kind.field()))
                .collect();
            if names.is_empty() {
                "OAuth 2".to_owned()
            } else {
                format!("OAuth 2 (flows {})", names.join(", "))
            }
        }
        SchemeKind::OpenIdConnect { url } => format!("OpenID Connect (discovery at <{url}>)"),
        SchemeKind::Unsupported(what) => what.clone(),
    }
}

/// The first paragraph of a scheme's method docs, with the scheme's description.
fn scheme_doc(scheme: &SecurityScheme, what: &str, options: &Options, env: &str) -> String {
    let mut doc = format!(
        "{what} of the security scheme `{}`: {}, sent as {}.",
        scheme.key,
        kind_words(scheme),
        placement(scheme)
    );
    if let Some(d) = scheme.description.as_deref().map(str::trim) {
        if !d.is_empty() {
            doc.push_str("\n\nThe API says: ");
            doc.push_str(d);
        }
    }
    doc.push_str(&format!(
        "\n\n[`Client::from_env`](crate::Client::from_env) reads it from `{}`{env}.",
        env_var(scheme, options)
    ));
    doc
}

/// The whole `auth.rs` module.
pub fn emit(api: &Api, options: &Options) -> TokenStream {
    let statics = usable(api).map(|s| {
        let key = &s.key;
        let env = env_var(s, options);
        let kind = match &s.kind {
            SchemeKind::ApiKey { location, name } => {
                let location = match location {
                    ApiKeyLocation::Header => quote!(Header),
                    ApiKeyLocation::Query => quote!(Query),
                    ApiKeyLocation::Cookie => quote!(Cookie),
                };
                quote!(SchemeKind::ApiKey { location: KeyLocation::#location, name: #name })
            }
            SchemeKind::Basic => quote!(SchemeKind::Http { scheme: "Basic" }),
            SchemeKind::Bearer { .. } => quote!(SchemeKind::Http { scheme: "Bearer" }),
            SchemeKind::OtherHttp { scheme } => quote!(SchemeKind::Http { scheme: #scheme }),
            SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => {
                let token_url = match s
                    .kind
                    .client_credentials()
                    .and_then(|f| f.token_url.as_ref())
                {
                    Some(url) => quote!(Some(#url)),
                    None => quote!(None),
                };
                quote!(SchemeKind::OAuth2 { token_url: #token_url })
            }
            SchemeKind::Unsupported(_) => quote!(),
        };
        quote! {
            Scheme {
                key: #key,
                kind: #kind,
                env_var: #env,
            }
        }
    });
    let methods: Vec<TokenStream> = usable(api).map(|s| methods(s, options)).collect();
    let shortcut = sole(api)
        .filter(|s| s.kind.takes_one_secret() && s.methods.credential != "api_key")
        .map(|s| {
            let method = ident(&s.methods.credential);
            let doc = docs::outer(&format!(
                "The API key: sent as {} on every operation that requires it (the same as \
                 [`{}`](Self::{})).",
                placement(s),
                s.methods.credential,
                s.methods.credential
            ));
            quote! {
                #doc
                pub fn api_key(self, key: impl Into<String>) -> Self {
                    self.#method(key)
                }
            }
        });
    let builder_impl = (!methods.is_empty()).then(|| {
        quote! {
            impl crate::ClientBuilder {
                #shortcut
                #(#methods)*
            }
        }
    });
    let uses = if methods.is_empty() {
        quote!(
            use crate::runtime::auth::Scheme;
        )
    } else {
        let mut names = vec![quote!(Given), quote!(Scheme), quote!(SchemeKind)];
        if usable(api).any(|s| matches!(s.kind, SchemeKind::ApiKey { .. })) {
            names.push(quote!(KeyLocation));
        }
        quote!(use crate::runtime::auth::{#(#names),*};)
    };
    quote! {
        #![doc = " Credentials: the API's security schemes, and a [`ClientBuilder`](crate::ClientBuilder) method for each."]

        #uses

        /// The API's security schemes, by their key in the API description.
        pub(crate) static SCHEMES: &[Scheme] = &[#(#statics),*];

        #builder_impl
    }
}

/// The builder methods of one scheme.
fn methods(s: &SecurityScheme, options: &Options) -> TokenStream {
    let key = &s.key;
    let credential = ident(&s.methods.credential);
    match &s.kind {
        SchemeKind::ApiKey { .. } | SchemeKind::Bearer { .. } | SchemeKind::OtherHttp { .. } => {
            let (what, env) = match &s.kind {
                SchemeKind::ApiKey { .. } => ("The API key", ""),
                SchemeKind::Bearer { .. } => ("The token", ""),
                _ => ("The credential", ""),
            };
            let doc = docs::outer(&scheme_doc(s, what, options, env));
            quote! {
                #doc
                pub fn #credential(self, secret: impl Into<String>) -> Self {
                    self.credential(#key, Given::Secret(secret.into()))
                }
            }
        }
        SchemeKind::Basic => {
            let doc = docs::outer(&scheme_doc(
                s,
                "The username and password",
                options,
                " as `username:password`",
            ));
            quote! {
                #doc
                pub fn #credential(self, username: impl Into<String>, password: impl Into<String>) -> Self {
                    self.credential(#key, Given::Basic { username: username.into(), password: password.into() })
                }
            }
        }
        SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => {
            let cc = s.kind.client_credentials();
            let env_note = if cc.is_some() {
                let var = env_var(s, options);
                format!(
                    "; when that is unset, the client credentials from `{var}_CLIENT_ID` and `{var}_CLIENT_SECRET`"
                )
            } else {
                String::new()
            };
            let mut others: Vec<String> = Vec::new();
            others.extend(
                s.methods
                    .token_provider
                    .as_deref()
                    .map(|m| format!("[`{m}`](Self::{m})")),
            );
            others.extend(
                s.methods
                    .client_credentials
                    .as_deref()
                    .map(|m| format!("[`{m}`](Self::{m})")),
            );
            let doc = docs::outer(&format!(
                "{}\n\nThe token is used as it is; for tokens that expire, use {}.",
                scheme_doc(s, "A fixed access token", options, &env_note),
                others.join(" or ")
            ));
            let provider = s.methods.token_provider.as_deref().map(|name| {
                let name = ident(name);
                let doc = docs::outer(&format!(
                    "Access tokens of the security scheme `{key}` from `provider`, which the client \
                     asks before every attempt of every request that uses the scheme (so it may \
                     refresh them); see [`TokenProvider`](crate::TokenProvider). A closure \
                     `|| async {{ Ok(token) }}` is one."
                ));
                quote! {
                    #doc
                    pub fn #name(self, provider: impl crate::TokenProvider) -> Self {
                        self.credential(#key, Given::Provider(std::sync::Arc::new(provider)))
                    }
                }
            });
            let client_credentials = s.methods.client_credentials.as_deref().zip(cc).map(|(name, flow)| {
                let name = ident(name);
                let mut doc = format!(
                    "Access tokens of the security scheme `{key}`, fetched by the client itself with \
                     the OAuth 2 client credentials grant from `{}` (relative to the base URL if \
                     relative), cached until shortly before they expire, and renewed once when \
                     the server answers `401`; see [`ClientCredentials`](crate::ClientCredentials).",
                    flow.token_url.as_deref().unwrap_or_default()
                );
                if !flow.scopes.is_empty() {
                    let scopes: Vec<String> = flow
                        .scopes
                        .iter()
                        .map(|(name, what)| {
                            let what = what.lines().next().unwrap_or("").trim();
                            if what.is_empty() {
                                format!("- `{name}`")
                            } else {
                                format!("- `{name}`: {what}")
                            }
                        })
                        .collect();
                    doc.push_str(&format!(
                        "\n\nIts scopes (ask for some with [`ClientCredentials::scopes`](crate::ClientCredentials::scopes)):\n\n{}",
                        scopes.join("\n")
                    ));
                }
                let doc = docs::outer(&doc);
                quote! {
                    #doc
                    pub fn #name(self, credentials: crate::ClientCredentials) -> Self {
                        self.credential(#key, Given::ClientCredentials(credentials))
                    }
                }
            });
            quote! {
                #doc
                pub fn #credential(self, access_token: impl Into<String>) -> Self {
                    self.credential(#key, Given::Secret(access_token.into()))
                }
                #provider
                #client_credentials
            }
        }
        SchemeKind::Unsupported(_) => quote!(),
    }
}

/// The `# Authentication` section of the `Client` docs.
pub fn client_doc(api: &Api) -> Option<String> {
    if let Some(s) = sole(api) {
        let mut doc = match &s.kind {
            SchemeKind::Bearer { format } => {
                let mut d = "The API key goes in `Authorization: Bearer <key>` on every operation that requires it".to_owned();
                if let Some(f) = format {
                    d.push_str(&format!(" (keys look like `{f}`)"));
                }
                d.push('.');
                d
            }
            kind if kind.takes_one_secret() => format!(
                "The API key goes in {} on every operation that requires it.",
                placement(s)
            ),
            _ => format!(
                "The credentials of the security scheme `{}` ({}) go in {} on every operation \
                 that requires them; set them with [`ClientBuilder::{1}`](crate::ClientBuilder::{1}).",
                s.key,
                s.methods.credential,
                placement(s)
            ),
        };
        doc.push_str(" It never appears in `Debug` output or error messages.");
        return Some(format!("\n\n# Authentication\n\n{doc}"));
    }
    let schemes: Vec<String> = usable(api)
        .map(|s| {
            let links: Vec<String> = builder_methods(s)
                .map(|m| format!("[`{m}`](crate::ClientBuilder::{m})"))
                .collect();
            format!(
                "- `{}`: {}, sent as {}; {}.",
                s.key,
                kind_words(s),
                placement(s),
                links.join(", ")
            )
        })
        .collect();
    if schemes.is_empty() {
        return None;
    }
    Some(format!(
        "\n\n# Authentication\n\nThe API's security schemes, and the \
         [`ClientBuilder`](crate::ClientBuilder) methods that set their credentials:\n\n{}\n\n\
         An operation that accepts several alternatives uses the first whose credentials are \
         set (all of the schemes of one alternative apply together); an operation that needs \
         credentials the client has none of fails with [`Error::Config`](crate::Error::Config) \
         before anything is sent. No credential ever appears in `Debug` output or error \
         messages. [`ClientBuilder::request_hook`](crate::ClientBuilder::request_hook) can \
         sign requests.",
        schemes.join("\n")
    ))
}

/// The `# Authentication` paragraph of an operation's method: the alternatives it
/// accepts, by scheme key.
pub fn operation_doc(op: &Operation) -> Option<String> {
    let alternatives: Vec<String> = op
        .security
        .alternatives
        .iter()
        .filter(|a| !a.schemes.is_empty())
        .map(|a| {
            let schemes: Vec<String> = a
                .schemes
                .iter()
                .map(|u| {
                    if u.scopes.is_empty() {
                        format!("`{}`", u.scheme)
                    } else {
                        let scopes: Vec<String> =
                            u.scopes.iter().map(|s| format!("`{s}`")).collect();
                        format!("`{}` (scopes {})", u.scheme, scopes.join(", "))
                    }
                })
                .collect();
            schemes.join(" and ")
        })
        .collect();
    if alternatives.is_empty() {
        return None;
    }
    let mut doc = format!(
        "# Authentication\n\nSent with the credentials of {}",
        alternatives.join(", or ")
    );
    if op.security.optional() {
        doc.push_str(", when the client has them; otherwise without credentials.");
    } else {
        if alternatives.len() > 1 {
            doc.push_str(" (the first of these the client has)");
        }
        doc.push_str(
            "; without them, `send` fails with [`Error::Config`](crate::Error::Config) before \
             sending.",
        );
    }
    Some(doc)
}

/// `Client::new`: with the credential of the API's one scheme, without any when it has
/// none, and not at all when it has several (the builder sets theirs).
pub fn new_fn(api: &Api) -> Option<TokenStream> {
    match sole(api) {
        Some(s) if s.kind.takes_one_secret() => Some(quote! {
            /// A client for [`DEFAULT_BASE_URL`] that authenticates with `api_key`.
            ///
            /// # Panics
            ///
            /// If `api_key` holds characters an HTTP header can't carry (such as a
            /// newline), or TLS can't be set up. [`Client::builder`] reports both as
            /// errors instead.
            pub fn new(api_key: impl Into<String>) -> Self {
                match Self::builder().api_key(api_key).build() {
                    Ok(client) => client,
                    Err(error) => panic!("{error}"),
                }
            }
        }),
        Some(s) if s.kind == SchemeKind::Basic => {
            let method = ident(&s.methods.credential);
            Some(quote! {
                /// A client for [`DEFAULT_BASE_URL`] that authenticates with HTTP Basic.
                ///
                /// # Panics
                ///
                /// If the credentials hold characters an HTTP header can't carry, or TLS
                /// can't be set up. [`Client::builder`] reports both as errors instead.
                pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
                    match Self::builder().#method(username, password).build() {
                        Ok(client) => client,
                        Err(error) => panic!("{error}"),
                    }
                }
            })
        }
        Some(s) => {
            let method = ident(&s.methods.credential);
            Some(quote! {
                /// A client for [`DEFAULT_BASE_URL`] that authenticates with a fixed access
                /// token.
                ///
                /// # Panics
                ///
                /// If `access_token` holds characters an HTTP header can't carry, or TLS
                /// can't be set up. [`Client::builder`] reports both as errors instead.
                pub fn new(access_token: impl Into<String>) -> Self {
                    match Self::builder().#method(access_token).build() {
                        Ok(client) => client,
                        Err(error) => panic!("{error}"),
                    }
                }
            })
        }
        None if usable(api).next().is_none() => Some(quote! {
            /// A client for [`DEFAULT_BASE_URL`].
            ///
            /// # Panics
            ///
            /// If TLS can't be set up; [`Client::builder`] reports that as an error instead.
            pub fn new() -> Self {
                match Self::builder().build() {
                    Ok(client) => client,
                    Err(error) => panic!("{error}"),
                }
            }
        }),
        None => None,
    }
}

/// Whether `Client::new()` takes no argument (so `Client` gets `Default`).
pub fn new_takes_nothing(api: &Api) -> bool {
    usable(api).next().is_none()
}

/// The doc of `Client::from_env` and of its errors.
pub fn from_env_doc(api: &Api, options: &Options) -> (String, String) {
    let summary = format!(
        " A client configured from the environment: {}.",
        env_variables(api, options)
    );
    let vars: Vec<String> = match api.credentials_required() {
        true => usable(api).map(|s| env_var(s, options)).collect(),
        false => Vec::new(),
    };
    let errors = match vars[..] {
        [] => " If a variable is not Unicode or malformed (the message names it), or the \
               settings are invalid."
            .to_owned(),
        [ref var] => format!(
            " If `{var}` is unset or empty, a variable is not Unicode or malformed (the \
             message names it), or the settings are invalid."
        ),
        _ => " If none of the credential variables is set, a variable is not Unicode or \
              malformed (the message names it), or the settings are invalid."
            .to_owned(),
    };
    (summary, errors)
}

/// The environment variables `Client::from_env` reads: the credentials', then the
/// settings'.
fn env_variables(api: &Api, options: &Options) -> String {
    let prefix = options.env_prefix();
    let rest = format!(
        "`{prefix}_BASE_URL`, `{prefix}_MAX_RETRIES` (a whole number) and `{prefix}_TIMEOUT` \
         (seconds of each attempt) (optional)"
    );
    let schemes: Vec<&SecurityScheme> = usable(api).collect();
    let required = api.credentials_required();
    match schemes.as_slice() {
        [] => rest,
        [one] if required => format!("`{}` (required), {rest}", env_var(one, options)),
        [one] => format!(
            "`{}` (optional: without it, requests go without credentials), {rest}",
            env_var(one, options)
        ),
        many => {
            let vars: Vec<String> = many
                .iter()
                .map(|s| {
                    let var = env_var(s, options);
                    let what = match &s.kind {
                        SchemeKind::Basic => "as `username:password`".to_owned(),
                        SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => {
                            let mut w = "an access token".to_owned();
                            if s.kind.client_credentials().is_some() {
                                w.push_str(&format!(
                                    ", or client credentials in `{var}_CLIENT_ID` and `{var}_CLIENT_SECRET`"
                                ));
                            }
                            w
                        }
                        _ => "the secret".to_owned(),
                    };
                    format!("`{var}` (scheme `{}`: {what})", s.key)
                })
                .collect();
            let how_many = if required {
                "at least one of"
            } else {
                "any of (none is required)"
            };
            format!(
                "the credentials of the security schemes, {how_many} {}; and {rest}",
                vars.join(", ")
            )
        }
    }
}

/// The README's `## Authentication` section: each scheme, the builder methods and the
/// environment variable that give its credentials, and what happens without them.
pub fn readme_section(api: &Api, options: &Options) -> String {
    let schemes: Vec<String> = usable(api)
        .map(|s| {
            let methods: Vec<String> = builder_methods(s)
                .map(|m| format!("`ClientBuilder::{m}`"))
                .collect();
            format!(
                "- `{}`: {}, sent as {}. Set with {}, or by `{}` for `Client::from_env()`.",
                s.key,
                kind_words(s),
                placement(s),
                methods.join(", "),
                env_var(s, options)
            )
        })
        .collect();
    let variables = env_variables(api, options);
    if schemes.is_empty() {
        return format!(
            "## Authentication\n\nThe API describes no authentication. `Client::from_env()` \
             reads {variables}."
        );
    }
    format!(
        "## Authentication\n\nThe API's security schemes, and how to give their \
         credentials:\n\n{}\n\n`Client::from_env()` reads {variables}.\n\n\
         `ClientBuilder::build()` does not ask for credentials, because an API may have \
         operations that need none. Each operation checks for the credentials it needs: one \
         that needs credentials the client does not have fails with `Error::Config`, naming \
         the builder methods that set them, before anything is sent. No credential ever \
         appears in `Debug` output or error messages.",
        schemes.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small document with `schemes` and one operation with `security`.
    fn document(schemes: &str, security: &str) -> String {
        format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\nservers: [{{url: 'https://x.test'}}]\n\
             paths:\n  /a:\n    get:\n      operationId: getA\n      security: {security}\n      \
             responses:\n        '204': {{description: none}}\n\
             components:\n  securitySchemes:\n{schemes}"
        )
    }

    const SCHEMES: &str =
        "    good: {type: http, scheme: basic}\n    bad: {type: http, scheme: 'not a token'}\n";

    #[test]
    fn an_unusable_alternative_is_a_warning_and_the_only_one_is_sent_without_credentials() {
        let spec = document(SCHEMES, "[{bad: []}, {good: []}]");
        let generated =
            crate::generate(&spec, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
        let warnings = generated.warnings.to_string();
        assert!(warnings.contains("`bad`"), "{warnings}");
        let op = &generated.files["src/operations/get_a.rs"];
        assert!(op.contains(r#"security: &[&["bad"], &["good"]],"#), "{op}");
        // The one usable scheme gets the shortcut: `Client::new(username, password)`.
        let client = &generated.files["src/client.rs"];
        assert!(
            client.contains("pub fn new(username: impl Into<String>"),
            "{client}"
        );

        let spec = document(SCHEMES, "[{bad: []}]");
        let generated =
            crate::generate(&spec, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
        let warnings = generated.warnings.to_string();
        assert!(
            warnings.contains("requires security scheme `bad`")
                && warnings.contains("the client sends it without credentials")
                && warnings.contains("`.header(name, value)`"),
            "{warnings}"
        );
        let op = &generated.files["src/operations/get_a.rs"];
        assert!(op.contains("security: &[],"), "{op}");
    }

    #[test]
    fn requirements_keep_their_alternatives_in_order() {
        let spec = document(SCHEMES, "[{}, {good: [], bad: []}, {good: []}, {good: []}]");
        let generated =
            crate::generate(&spec, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
        let op = &generated.files["src/operations/get_a.rs"];
        assert!(
            op.contains(r#"security: &[&[], &["good", "bad"], &["good"]],"#),
            "{op}"
        );
        assert!(op.contains("otherwise without credentials"), "{op}");
    }

    #[test]
    fn the_seed_keeps_its_shortcuts() {
        let spec = include_str!("../../../openapi.yaml");
        let generated =
            crate::generate(spec, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
        let auth = &generated.files["src/auth.rs"];
        assert!(auth.contains("pub fn api_key(self"), "{auth}");
        assert!(auth.contains("AHASEND_API_KEY"), "{auth}");
        let client = &generated.files["src/client.rs"];
        assert!(
            client.contains("pub fn new(api_key: impl Into<String>)"),
            "{client}"
        );
    }
}
