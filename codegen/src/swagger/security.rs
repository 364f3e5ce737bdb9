//! `securityDefinitions` as `components/securitySchemes`:
//!
//! | Swagger 2.0                  | OpenAPI 3.0.3                                    |
//! |------------------------------|--------------------------------------------------|
//! | `type: basic`                | `type: http`, `scheme: basic`                    |
//! | `type: apiKey`               | the same (`name`, `in`)                          |
//! | `type: oauth2`, `implicit`   | `flows.implicit` (`authorizationUrl`)            |
//! | `type: oauth2`, `password`   | `flows.password` (`tokenUrl`)                    |
//! | `type: oauth2`, `application`| `flows.clientCredentials` (`tokenUrl`)           |
//! | `type: oauth2`, `accessCode` | `flows.authorizationCode` (both URLs)            |

use serde_json::{Map, Value};

use super::Converter;
use crate::diagnostics::Diagnostic;
use crate::pointer;

impl Converter<'_> {
    /// `securityDefinitions`, as `components/securitySchemes`.
    pub(super) fn security_definitions(&mut self, value: Value) -> Value {
        let Value::Object(map) = value else {
            self.warn_not_mapping("/securityDefinitions");
            return value;
        };
        let mut out = Map::new();
        for (name, scheme) in map {
            let from = pointer::join("/securityDefinitions", &name);
            let to = pointer::join("/components/securitySchemes", &name);
            self.moves.record(to.clone(), from.clone());
            if let Some(scheme) = self.security_scheme(scheme, &to, &from) {
                out.insert(name, scheme);
            }
        }
        Value::Object(out)
    }

    /// One security scheme written at `from` (now at `to`); `None` (with a warning) when its type is
    /// not one of 2.0's.
    fn security_scheme(&mut self, scheme: Value, to: &str, from: &str) -> Option<Value> {
        let Value::Object(old) = scheme else {
            return Some(scheme);
        };
        let mut new = Map::new();
        let kind = old.get("type").and_then(Value::as_str).unwrap_or("");
        match kind {
            "basic" => {
                new.insert("type".to_owned(), "http".into());
                new.insert("scheme".to_owned(), "basic".into());
            }
            "apiKey" => {
                new.insert("type".to_owned(), "apiKey".into());
                for field in ["name", "in"] {
                    if let Some(v) = old.get(field) {
                        new.insert(field.to_owned(), v.clone());
                    }
                }
            }
            "oauth2" => {
                new.insert("type".to_owned(), "oauth2".into());
                let flows = self.flows(&old, to, from)?;
                new.insert("flows".to_owned(), flows);
            }
            _ => {
                self.cx.push(
                    Diagnostic::warning(
                        pointer::join(from, "type"),
                        format!("`{kind}` is not a Swagger 2.0 security scheme type: the scheme is left out"),
                    )
                    .help("use `basic`, `apiKey` or `oauth2`"),
                );
                return None;
            }
        }
        for (key, value) in old {
            if key == "description" || key.starts_with("x-") {
                new.insert(key, value);
            }
        }
        Some(Value::Object(new))
    }

    /// The 3.0 `flows` of a 2.0 OAuth 2 scheme written at `from`.
    fn flows(&mut self, old: &Map<String, Value>, to: &str, from: &str) -> Option<Value> {
        let flow = old.get("flow").and_then(Value::as_str).unwrap_or("");
        let (name, urls): (&str, &[&str]) = match flow {
            "implicit" => ("implicit", &["authorizationUrl"]),
            "password" => ("password", &["tokenUrl"]),
            "application" => ("clientCredentials", &["tokenUrl"]),
            "accessCode" => ("authorizationCode", &["authorizationUrl", "tokenUrl"]),
            _ => {
                self.cx.push(
                    Diagnostic::warning(
                        pointer::join(from, "flow"),
                        format!("`{flow}` is not an OAuth 2 flow of Swagger 2.0: the scheme is left out"),
                    )
                    .help("use `implicit`, `password`, `application` or `accessCode`"),
                );
                return None;
            }
        };
        let mut f = Map::new();
        for url in urls {
            match old.get(*url) {
                Some(v) => {
                    f.insert((*url).to_owned(), v.clone());
                }
                None => self.cx.push(
                    Diagnostic::warning(from, format!("the `{flow}` flow has no `{url}`"))
                        .help(format!("give the URL of the flow's `{url}`")),
                ),
            }
        }
        let scopes = old
            .get("scopes")
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new()));
        f.insert("scopes".to_owned(), scopes);
        let mut flows = Map::new();
        flows.insert(name.to_owned(), Value::Object(f));
        // A flow's fields were written on the scheme itself.
        let to = pointer::join(&pointer::join(to, "flows"), name);
        self.moves.record(to, from);
        Some(Value::Object(flows))
    }
}
