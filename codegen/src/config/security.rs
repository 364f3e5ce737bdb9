//! The `security_schemes` section: security schemes for descriptions that lack them (such
//! as GitHub's, which describes its `Authorization: Bearer <token>` only in prose) or get
//! them wrong.
//!
//! ```yaml
//! security_schemes:
//!   token:                      # the key: names the builder method (`token`)
//!     type: http                # then the keys of an OpenAPI Security Scheme Object
//!     scheme: bearer
//!     description: A personal access token.
//!     env: GITHUB_TOKEN         # the variable `Client::from_env` reads (optional)
//!     optional: true            # operations may still be sent without it
//!     operations: [getRepo]     # by operationId (absent: every operation)
//!   api_key:                    # no `type`: the description's own scheme of this key,
//!     env: MY_KEY               #   with another variable; its requirements are kept
//! ```
//!
//! A scheme with a `type` is declared under `components.securitySchemes` (replacing one of
//! the same key) and added to each operation it applies to as one more alternative of the
//! operation's security requirements (`scopes` lists the scopes the requirement names).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::pointer::join;

/// One entry of `security_schemes`: an OpenAPI Security Scheme Object under the same keys,
/// with what the generator adds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ConfigScheme {
    /// The scheme's type. Absent: the entry configures the description's own scheme of the
    /// same key (its `env`), and may not declare anything else.
    #[serde(rename = "type", default)]
    pub kind: Option<SchemeType>,
    /// What the credential is, for the documentation.
    #[serde(default)]
    pub description: Option<String>,
    /// `apiKey`: the header, query parameter or cookie name.
    #[serde(default)]
    pub name: Option<String>,
    /// `apiKey`: where the key goes.
    #[serde(rename = "in", default)]
    pub location: Option<ApiKeyIn>,
    /// `http`: the scheme of the `Authorization` header (`bearer`, `basic`, …).
    #[serde(default)]
    pub scheme: Option<String>,
    /// `http` with `bearer`: the token's format, for the documentation.
    #[serde(rename = "bearerFormat", default)]
    pub bearer_format: Option<String>,
    /// `oauth2`: the flows, as an OpenAPI OAuth Flows Object.
    #[serde(default)]
    pub flows: Option<Value>,
    /// `openIdConnect`: the discovery document's URL.
    #[serde(rename = "openIdConnectUrl", default)]
    pub open_id_connect_url: Option<String>,
    /// The environment variable `Client::from_env` reads the credential from, whole
    /// (`GITHUB_TOKEN`); absent: `{PREFIX}_{KEY}`, or `{PREFIX}_API_KEY` for an API whose
    /// one scheme takes one secret.
    #[serde(default)]
    pub env: Option<String>,
    /// The operations the scheme applies to, by operationId; absent: every operation.
    #[serde(default)]
    pub operations: Option<Vec<String>>,
    /// Whether those operations may still be sent without the credential (an empty
    /// alternative, `{}`, beside the scheme's).
    #[serde(default)]
    pub optional: bool,
    /// OAuth 2 and OpenID Connect: the scopes the added requirements name.
    #[serde(default)]
    pub scopes: Vec<String>,
}

/// The `type` of a Security Scheme Object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub enum SchemeType {
    /// A key in a header, query parameter or cookie.
    #[serde(rename = "apiKey")]
    ApiKey,
    /// An `Authorization` header scheme.
    #[serde(rename = "http")]
    Http,
    /// OAuth 2.
    #[serde(rename = "oauth2")]
    OAuth2,
    /// OpenID Connect.
    #[serde(rename = "openIdConnect")]
    OpenIdConnect,
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ApiKeyIn {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

impl SchemeType {
    fn as_str(self) -> &'static str {
        match self {
            SchemeType::ApiKey => "apiKey",
            SchemeType::Http => "http",
            SchemeType::OAuth2 => "oauth2",
            SchemeType::OpenIdConnect => "openIdConnect",
        }
    }

    /// The keys of the Security Scheme Object that belong to this type (besides `type`
    /// and `description`).
    fn keys(self) -> &'static [&'static str] {
        match self {
            SchemeType::ApiKey => &["name", "in"],
            SchemeType::Http => &["scheme", "bearerFormat"],
            SchemeType::OAuth2 => &["flows"],
            SchemeType::OpenIdConnect => &["openIdConnectUrl"],
        }
    }
}

impl ConfigScheme {
    /// The Security Scheme Object keys this entry sets, with their values.
    fn object_fields(&self) -> Vec<(&'static str, Value)> {
        let text = |v: &Option<String>| v.as_ref().map(|s| Value::String(s.clone()));
        let location = self.location.map(|l| {
            Value::String(
                match l {
                    ApiKeyIn::Header => "header",
                    ApiKeyIn::Query => "query",
                    ApiKeyIn::Cookie => "cookie",
                }
                .to_owned(),
            )
        });
        [
            ("description", text(&self.description)),
            ("name", text(&self.name)),
            ("in", location),
            ("scheme", text(&self.scheme)),
            ("bearerFormat", text(&self.bearer_format)),
            ("flows", self.flows.clone()),
            ("openIdConnectUrl", text(&self.open_id_connect_url)),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect()
    }

    /// The OpenAPI Security Scheme Object this entry declares; `None` when it has no
    /// `type` (it configures the description's own scheme).
    pub(crate) fn object(&self) -> Option<Value> {
        let kind = self.kind?;
        let mut object = Map::new();
        object.insert("type".to_owned(), json!(kind.as_str()));
        for (key, value) in self.object_fields() {
            object.insert(key.to_owned(), value);
        }
        Some(Value::Object(object))
    }

    /// The Security Requirement Object that applies it: `{KEY: [scopes]}`.
    pub(crate) fn requirement(&self, key: &str) -> Value {
        let mut requirement = Map::new();
        requirement.insert(key.to_owned(), json!(self.scopes));
        Value::Object(requirement)
    }
}

/// Reports what is wrong within `security_schemes`, each at its pointer in the config.
pub(super) fn problems(schemes: &BTreeMap<String, ConfigScheme>, file: &str, out: &mut Ctxt) {
    let mut envs: BTreeMap<&str, &str> = BTreeMap::new();
    for (key, scheme) in schemes {
        let at = join("/security_schemes", key);
        if key.trim().is_empty() {
            out.push(
                Diagnostic::error(&at, format!("{file}: a security scheme's key is empty"))
                    .help("name it: the key names its builder method"),
            );
        }
        match scheme.kind {
            Some(kind) => {
                for (field, _) in scheme.object_fields() {
                    if field != "description" && !kind.keys().contains(&field) {
                        out.push(
                            Diagnostic::error(
                                join(&at, field),
                                format!(
                                    "{file}: `{field}` does not apply to a security scheme of type `{}`",
                                    kind.as_str()
                                ),
                            )
                            .help(format!(
                                "a `{}` scheme takes {}",
                                kind.as_str(),
                                list(kind.keys())
                            )),
                        );
                    }
                }
                if let Some(object) = scheme.object() {
                    if let Err(e) = serde_json::from_value::<openapiv3::SecurityScheme>(object) {
                        out.push(
                            Diagnostic::error(
                                &at,
                                format!("{file}: the security scheme `{key}` is not valid: {e}"),
                            )
                            .help(format!(
                                "a `{}` scheme takes {}, as in an OpenAPI Security Scheme Object",
                                kind.as_str(),
                                list(kind.keys())
                            )),
                        );
                    }
                }
            }
            None => {
                let declared: Vec<&str> = scheme.object_fields().iter().map(|(k, _)| *k).collect();
                if !declared.is_empty() || scheme.operations.is_some() || scheme.optional {
                    out.push(
                        Diagnostic::error(
                            &at,
                            format!(
                                "{file}: the security scheme `{key}` has no `type`, so it can only set `env` of the description's scheme `{key}`"
                            ),
                        )
                        .help("give it a `type` (apiKey, http, oauth2 or openIdConnect) to declare it here, with where it applies"),
                    );
                }
            }
        }
        if let Some(env) = &scheme.env {
            let valid = env.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && env.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                out.push(
                    Diagnostic::error(
                        join(&at, "env"),
                        format!("{file}: `{env}` is not an environment variable name"),
                    )
                    .help("use ASCII letters, digits and `_`, not starting with a digit"),
                );
            }
            if let Some(other) = envs.insert(env, key) {
                out.push(
                    Diagnostic::error(
                        join(&at, "env"),
                        format!(
                            "{file}: the security schemes `{other}` and `{key}` both read `{env}`"
                        ),
                    )
                    .help("give each scheme a variable of its own"),
                );
            }
        }
    }
}

/// `a`, `a and b`, `a, b and c`, each in backticks.
fn list(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "nothing else".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    fn errors(text: &str) -> String {
        match Config::parse(text, "my.yaml") {
            Ok(c) => panic!("expected errors, got {c:?}"),
            Err(d) => d.render("my.yaml"),
        }
    }

    #[test]
    fn every_type_of_scheme_parses() {
        let config = Config::parse(
            "security_schemes:
  key: { type: apiKey, in: query, name: api_key, env: MY_KEY }
  basic: { type: http, scheme: basic, operations: [a, b] }
  token: { type: http, scheme: bearer, bearerFormat: JWT, optional: true }
  oauth:
    type: oauth2
    flows: { authorizationCode: { authorizationUrl: /a, tokenUrl: /t, scopes: {} } }
    scopes: [repo]
  oidc: { type: openIdConnect, openIdConnectUrl: 'https://example.com/.well-known' }
  declared: { env: DECLARED }
",
            "codegen.yaml",
        )
        .expect("valid");
        let schemes = &config.security_schemes;
        assert_eq!(schemes.len(), 6);
        assert_eq!(schemes["key"].env.as_deref(), Some("MY_KEY"));
        assert_eq!(
            schemes["key"].object().expect("declared")["in"],
            serde_json::json!("query")
        );
        assert!(schemes["token"].optional);
        assert!(schemes["declared"].object().is_none());
    }

    #[test]
    fn mistakes_are_located_errors_that_say_what_to_do() {
        // A key the Security Scheme Object does not have, at its line.
        let m = errors("security_schemes:\n  token:\n    type: http\n    schema: bearer\n");
        assert!(m.contains("my.yaml:4") && m.contains("schema"), "{m}");
        // A key of another type, and a missing one.
        let m = errors("security_schemes:\n  token:\n    type: http\n    in: header\n");
        assert!(
            m.contains("my.yaml:4")
                && m.contains("`in` does not apply to a security scheme of type `http`"),
            "{m}"
        );
        assert!(m.contains("missing field `scheme`"), "{m}");
        let m = errors("security_schemes:\n  key:\n    type: apiKey\n    in: body\n    name: k\n");
        assert!(m.contains("my.yaml:4") && m.contains("body"), "{m}");
        // No type: only `env`.
        let m = errors("security_schemes:\n  key:\n    operations: [a]\n");
        assert!(
            m.contains("has no `type`") && m.contains("my.yaml:2"),
            "{m}"
        );
        // Variables.
        let m = errors("security_schemes:\n  a: { type: http, scheme: basic, env: 'MY KEY' }\n");
        assert!(
            m.contains("`MY KEY` is not an environment variable name"),
            "{m}"
        );
        let m = errors(
            "security_schemes:\n  a: { type: http, scheme: basic, env: K }\n  b: { type: http, scheme: bearer, env: K }\n",
        );
        assert!(
            m.contains("`a` and `b` both read `K`") && m.contains("my.yaml:3"),
            "{m}"
        );
    }
}
