//! Security: the requirements of each operation, and `components.securitySchemes` with the
//! names of their builder methods and environment variables.

use std::collections::BTreeMap;

use openapiv3::{APIKeyLocation, ReferenceOr, SecurityRequirement as OaRequirement};

use super::Resolver;
use crate::diagnostics::Diagnostic;
use crate::ir::{
    ApiKeyLocation, EnvVar, OAuthFlow, OAuthFlowKind, SchemeKind, SchemeMethods, SchemeUse,
    Security, SecurityRequirement, SecurityScheme,
};
use crate::naming::{snake, Names};
use crate::pointer::{join, join_index};
use crate::reserved;

impl<'a> Resolver<'a, '_> {
    /// The security of an operation: its own `security` if it has one (`[]` means none),
    /// else the document's.
    pub(super) fn security(
        &mut self,
        own: Option<&'a Vec<OaRequirement>>,
        op_pointer: &str,
    ) -> Security {
        let (requirements, at) = match own {
            Some(own) => (own, join(op_pointer, "security")),
            None => match &self.doc.security {
                Some(global) => (global, "/security".to_owned()),
                None => return Security::default(),
            },
        };
        let schemes = self.doc.components.as_ref().map(|c| &c.security_schemes);
        let mut alternatives = Vec::with_capacity(requirements.len());
        for (i, requirement) in requirements.iter().enumerate() {
            let mut uses = Vec::with_capacity(requirement.len());
            let undefined = requirement
                .keys()
                .find(|name| !schemes.is_some_and(|s| s.contains_key(*name)));
            if let Some(name) = undefined {
                // An alternative that can't be met is no alternative; the document's
                // own `security` is reported once, not per operation.
                let place = join_index(&at, i);
                if self.reported.insert(place.clone()) {
                    self.cx.push(
                        Diagnostic::warning(
                            place,
                            format!(
                                "security scheme `{name}` is not defined: this alternative is \
                                 left out (with none left, the operation is sent without \
                                 credentials; add them with `.header(..)` or `.query_pair(..)`)"
                            ),
                        )
                        .help("define it under `components/securitySchemes`"),
                    );
                }
                continue;
            }
            for (name, scopes) in requirement {
                uses.push(SchemeUse {
                    scheme: name.clone(),
                    scopes: scopes.clone(),
                });
            }
            let alternative = SecurityRequirement { schemes: uses };
            // A repeated alternative adds nothing.
            if !alternatives.contains(&alternative) {
                alternatives.push(alternative);
            }
        }
        Security { alternatives }
    }

    /// `components.securitySchemes`, as the IR sees them, with the names of their
    /// builder methods and environment variables.
    pub(crate) fn security_schemes(&mut self) -> BTreeMap<String, SecurityScheme> {
        let Some(components) = &self.doc.components else {
            return BTreeMap::new();
        };
        let entries: Vec<(&String, &'a ReferenceOr<openapiv3::SecurityScheme>)> =
            components.security_schemes.iter().collect();
        let mut kinds = Vec::with_capacity(entries.len());
        for (key, scheme) in entries {
            let at = join("/components/securitySchemes", key);
            let resolved = match scheme {
                ReferenceOr::Item(s) => Some((s, at.clone())),
                ReferenceOr::Reference { .. } => {
                    self.deref(scheme, &at, "securitySchemes", |c| &c.security_schemes)
                }
            };
            let (kind, description) = match resolved {
                Some((scheme, _)) => kind_of(scheme),
                None => (
                    SchemeKind::Unsupported("an unresolvable `$ref`".to_owned()),
                    None,
                ),
            };
            kinds.push((key.clone(), at, kind, description));
        }

        // Builder methods: unique, and clear of the builder's own methods.
        let mut methods = Names::new();
        for name in reserved::CLIENT_BUILDER_METHODS {
            methods.reserve(name);
        }
        let mut suffixes = Names::new();
        for name in reserved::ENV_SUFFIXES {
            suffixes.reserve(name);
        }
        let sole_secret = kinds.len() == 1 && kinds[0].2.takes_one_secret();
        let mut out = BTreeMap::new();
        for (key, pointer, kind, description) in kinds {
            let base = snake(&key).trim_end_matches('_').to_owned();
            let methods = scheme_methods(&base, &kind, &mut methods);
            let configured = self.config.security_schemes.get(&key);
            let env = match configured.and_then(|c| c.env.clone()) {
                Some(name) => EnvVar::Exact(name),
                None if sole_secret => EnvVar::Prefixed(suffixes.claim("API_KEY")),
                None => EnvVar::Prefixed(suffixes.claim(&base.to_ascii_uppercase())),
            };
            out.insert(
                key.clone(),
                SecurityScheme {
                    key,
                    pointer,
                    description,
                    kind,
                    methods,
                    env,
                },
            );
        }
        out
    }
}

/// The IR kind of a scheme, and its description.
fn kind_of(scheme: &openapiv3::SecurityScheme) -> (SchemeKind, Option<String>) {
    use openapiv3::SecurityScheme as S;
    match scheme {
        S::APIKey {
            location,
            name,
            description,
            ..
        } => {
            let location = match location {
                APIKeyLocation::Header => ApiKeyLocation::Header,
                APIKeyLocation::Query => ApiKeyLocation::Query,
                APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
            };
            let kind = if name.trim().is_empty() {
                SchemeKind::Unsupported("an API key without a `name`".to_owned())
            } else {
                SchemeKind::ApiKey {
                    location,
                    name: name.clone(),
                }
            };
            (kind, description.clone())
        }
        S::HTTP {
            scheme,
            bearer_format,
            description,
            ..
        } => {
            let scheme = scheme.trim();
            let kind = if scheme.eq_ignore_ascii_case("basic") {
                SchemeKind::Basic
            } else if scheme.eq_ignore_ascii_case("bearer") {
                SchemeKind::Bearer {
                    format: bearer_format.clone(),
                }
            } else if is_token68_name(scheme) {
                SchemeKind::OtherHttp {
                    scheme: scheme.to_owned(),
                }
            } else {
                SchemeKind::Unsupported(format!(
                    "HTTP authentication with the scheme name `{scheme}`, which can't be sent in an `Authorization` header"
                ))
            };
            (kind, description.clone())
        }
        S::OAuth2 {
            flows, description, ..
        } => {
            let scopes = |s: &indexmap::IndexMap<String, String>| {
                s.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
            };
            let mut out = Vec::new();
            if let Some(f) = &flows.implicit {
                out.push(OAuthFlow {
                    kind: OAuthFlowKind::Implicit,
                    token_url: None,
                    authorization_url: Some(f.authorization_url.clone()),
                    scopes: scopes(&f.scopes),
                });
            }
            if let Some(f) = &flows.password {
                out.push(OAuthFlow {
                    kind: OAuthFlowKind::Password,
                    token_url: Some(f.token_url.clone()),
                    authorization_url: None,
                    scopes: scopes(&f.scopes),
                });
            }
            if let Some(f) = &flows.client_credentials {
                out.push(OAuthFlow {
                    kind: OAuthFlowKind::ClientCredentials,
                    token_url: Some(f.token_url.clone()),
                    authorization_url: None,
                    scopes: scopes(&f.scopes),
                });
            }
            if let Some(f) = &flows.authorization_code {
                out.push(OAuthFlow {
                    kind: OAuthFlowKind::AuthorizationCode,
                    token_url: Some(f.token_url.clone()),
                    authorization_url: Some(f.authorization_url.clone()),
                    scopes: scopes(&f.scopes),
                });
            }
            (SchemeKind::OAuth2 { flows: out }, description.clone())
        }
        S::OpenIDConnect {
            open_id_connect_url,
            description,
            ..
        } => (
            SchemeKind::OpenIdConnect {
                url: open_id_connect_url.clone(),
            },
            description.clone(),
        ),
    }
}

/// Whether `name` is an HTTP authentication scheme name (an RFC 7230 token).
fn is_token68_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Whether a word of the snake-case name `base` ends with one of `words`.
fn says(base: &str, words: &[&str]) -> bool {
    base.split('_')
        .any(|part| words.iter().any(|w| part.ends_with(w)))
}

/// The builder methods of a scheme whose key is `base` in snake case: the key itself
/// when it already says what it takes (`api_key_header`, `basic_auth`), else with a
/// suffix (`petstore_auth_token`, `hmac_key`).
fn scheme_methods(base: &str, kind: &SchemeKind, names: &mut Names) -> SchemeMethods {
    let with = |suffix: &str| format!("{base}_{suffix}");
    match kind {
        SchemeKind::ApiKey { .. } => SchemeMethods {
            credential: names.claim(&if says(base, &["key", "token", "secret"]) {
                base.to_owned()
            } else {
                with("key")
            }),
            ..SchemeMethods::default()
        },
        SchemeKind::Basic => SchemeMethods {
            credential: names.claim(&if says(base, &["auth", "basic"]) && base != "basic" {
                base.to_owned()
            } else {
                with("auth")
            }),
            ..SchemeMethods::default()
        },
        SchemeKind::Bearer { .. } => SchemeMethods {
            credential: names.claim(&if says(base, &["auth", "token", "key"]) {
                base.to_owned()
            } else {
                with("token")
            }),
            ..SchemeMethods::default()
        },
        SchemeKind::OtherHttp { .. } => SchemeMethods {
            credential: names.claim(&if says(base, &["auth", "token", "key", "credential"]) {
                base.to_owned()
            } else {
                with("credential")
            }),
            ..SchemeMethods::default()
        },
        SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => {
            let token = if base.ends_with("token") {
                base.to_owned()
            } else {
                with("token")
            };
            let client_credentials = kind
                .client_credentials()
                .map(|_| names.claim(&with("client_credentials")));
            SchemeMethods {
                token_provider: Some(names.claim(&format!("{token}_provider"))),
                credential: names.claim(&token),
                client_credentials,
            }
        }
        SchemeKind::Unsupported(_) => SchemeMethods::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credential(key: &str, kind: SchemeKind) -> String {
        scheme_methods(&snake(key), &kind, &mut Names::new()).credential
    }

    #[test]
    fn methods_say_what_they_take() {
        let key = || SchemeKind::ApiKey {
            location: ApiKeyLocation::Header,
            name: "X".to_owned(),
        };
        assert_eq!(credential("api_key_header", key()), "api_key_header");
        assert_eq!(credential("apikey", key()), "apikey");
        assert_eq!(credential("hmac", key()), "hmac_key");
        assert_eq!(credential("BasicAuth", SchemeKind::Basic), "basic_auth");
        assert_eq!(credential("basic", SchemeKind::Basic), "basic_auth");
        assert_eq!(
            credential("BearerAuth", SchemeKind::Bearer { format: None }),
            "bearer_auth"
        );
        assert_eq!(
            credential("jwt", SchemeKind::Bearer { format: None }),
            "jwt_token"
        );
        let oauth = SchemeKind::OAuth2 {
            flows: vec![OAuthFlow {
                kind: OAuthFlowKind::ClientCredentials,
                token_url: Some("/token".to_owned()),
                authorization_url: None,
                scopes: Vec::new(),
            }],
        };
        let m = scheme_methods("petstore_auth", &oauth, &mut Names::new());
        assert_eq!(m.credential, "petstore_auth_token");
        assert_eq!(
            m.token_provider.as_deref(),
            Some("petstore_auth_token_provider")
        );
        assert_eq!(
            m.client_credentials.as_deref(),
            Some("petstore_auth_client_credentials")
        );
    }
}
