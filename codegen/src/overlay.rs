//! What the generator's config adds to the description before it is typed: the security
//! schemes of `security_schemes` (see [`crate::config`]), declared under
//! `components.securitySchemes` and required by the operations they apply to.
//!
//! Later phases see them as if the description had declared them, so they get the same
//! builder methods, redaction, `from_env` variable and documentation.

use serde_json::{Map, Value};

use crate::config::{Config, ConfigScheme};
use crate::diagnostics::{Ctxt, Diagnostic};
use crate::ir::Method;
use crate::tree;

/// Declares the config's security schemes in `doc` and adds their requirements to the
/// operations they apply to.
pub(crate) fn security(doc: &mut Value, config: &Config, cx: &mut Ctxt) {
    if config.security_schemes.is_empty() {
        return;
    }
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    let declared = root
        .get("components")
        .and_then(|c| c.get("securitySchemes"))
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    for (key, scheme) in &config.security_schemes {
        match scheme.object() {
            Some(object) => declare(root, key, object),
            None if declared.contains(key) => {}
            None => cx.push(
                Diagnostic::error(
                    "/components/securitySchemes",
                    format!(
                        "the codegen config sets `security_schemes.{key}.env`, but the description declares no security scheme `{key}`"
                    ),
                )
                .help(format!(
                    "declare it in the config with a `type`, or use one of the description's keys{}",
                    if declared.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", declared.join(", "))
                    }
                )),
            ),
        }
    }
    let global = root.get("security").cloned();
    let mut unmatched: Vec<(&str, &str)> = config
        .security_schemes
        .iter()
        .filter(|(_, s)| s.kind.is_some())
        .flat_map(|(key, s)| {
            s.operations
                .iter()
                .flatten()
                .map(move |id| (key.as_str(), id.as_str()))
        })
        .collect();
    let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for method in Method::ALL {
            let Some(operation) = item.get_mut(method.field()).and_then(Value::as_object_mut)
            else {
                continue;
            };
            let id = operation
                .get("operationId")
                .and_then(Value::as_str)
                .map(str::to_owned);
            for (key, scheme) in &config.security_schemes {
                if scheme.kind.is_none() || !applies(scheme, id.as_deref()) {
                    continue;
                }
                if let Some(id) = &id {
                    unmatched.retain(|(k, i)| !(k == key && i == id));
                }
                require(operation, &global, key, scheme);
            }
        }
    }
    for (key, id) in unmatched {
        cx.push(
            Diagnostic::warning(
                "/paths",
                format!(
                    "the codegen config applies the security scheme `{key}` to the operation `{id}`, which the description does not have"
                ),
            )
            .help("correct the operationId in `security_schemes.{key}.operations`, or remove it"),
        );
    }
}

/// Puts `object` under `components.securitySchemes.KEY`, replacing what is there.
fn declare(root: &mut Map<String, Value>, key: &str, object: Value) {
    if let Some(schemes) = tree::components_section(root, "securitySchemes") {
        schemes.insert(key.to_owned(), object);
    }
}

/// Whether `scheme` applies to the operation with the id `id`.
fn applies(scheme: &ConfigScheme, id: Option<&str>) -> bool {
    match &scheme.operations {
        None => true,
        Some(ids) => id.is_some_and(|id| ids.iter().any(|i| i == id)),
    }
}

/// Adds `scheme`'s requirement to the operation's security (its own, else the
/// document's `global`) as one more alternative, and the empty one when it is optional.
fn require(
    operation: &mut Map<String, Value>,
    global: &Option<Value>,
    key: &str,
    scheme: &ConfigScheme,
) {
    let mut alternatives = match operation.get("security").or(global.as_ref()) {
        Some(Value::Array(list)) => list.clone(),
        _ => Vec::new(),
    };
    // Without a scheme of its own, an operation needed no credentials: it still needs
    // none when the scheme is optional.
    let mut added = vec![scheme.requirement(key)];
    if scheme.optional {
        added.push(Value::Object(Map::new()));
    }
    for requirement in added {
        if !alternatives.contains(&requirement) {
            alternatives.push(requirement);
        }
    }
    operation.insert("security".to_owned(), Value::Array(alternatives));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn overlay(config: &str, doc: Value) -> (Value, Vec<String>) {
        let config = Config::parse(config, "codegen.yaml").expect("a valid config");
        let mut doc = doc;
        let mut cx = Ctxt::new();
        security(&mut doc, &config, &mut cx);
        let messages = cx.finish("").0.into_iter().map(|d| d.message).collect();
        (doc, messages)
    }

    fn api() -> Value {
        json!({
            "openapi": "3.0.3",
            "paths": {
                "/a": {
                    "get": { "operationId": "getA" },
                    "post": { "operationId": "postA", "security": [] },
                },
                "/b": { "get": { "operationId": "getB", "security": [{ "key": [] }] } },
            },
            "components": { "securitySchemes": { "key": { "type": "apiKey", "in": "header", "name": "X-Key" } } },
        })
    }

    #[test]
    fn a_scheme_for_every_operation_is_declared_and_added_as_an_alternative() {
        let (doc, messages) = overlay(
            "security_schemes:\n  token: { type: http, scheme: bearer, bearerFormat: PAT }\n",
            api(),
        );
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(
            doc["components"]["securitySchemes"]["token"],
            json!({ "type": "http", "scheme": "bearer", "bearerFormat": "PAT" })
        );
        assert_eq!(
            doc["components"]["securitySchemes"]["key"]["type"],
            "apiKey"
        );
        assert_eq!(
            doc["paths"]["/a"]["get"]["security"],
            json!([{ "token": [] }])
        );
        assert_eq!(
            doc["paths"]["/a"]["post"]["security"],
            json!([{ "token": [] }])
        );
        assert_eq!(
            doc["paths"]["/b"]["get"]["security"],
            json!([{ "key": [] }, { "token": [] }])
        );
    }

    #[test]
    fn an_optional_scheme_keeps_operations_callable_without_it() {
        let (doc, _) = overlay(
            "security_schemes:\n  token: { type: http, scheme: bearer, optional: true }\n",
            api(),
        );
        assert_eq!(
            doc["paths"]["/a"]["get"]["security"],
            json!([{ "token": [] }, {}])
        );
    }

    #[test]
    fn named_operations_only_and_unknown_ids_are_warnings() {
        let (doc, messages) = overlay(
            "security_schemes:\n  oauth:\n    type: oauth2\n    flows: { clientCredentials: { tokenUrl: /token, scopes: { read: Read } } }\n    scopes: [read]\n    operations: [getA, getC]\n",
            api(),
        );
        assert_eq!(
            doc["paths"]["/a"]["get"]["security"],
            json!([{ "oauth": ["read"] }])
        );
        assert_eq!(doc["paths"]["/a"]["post"]["security"], json!([]));
        assert_eq!(
            doc["paths"]["/b"]["get"]["security"],
            json!([{ "key": [] }])
        );
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("`getC`"), "{messages:?}");
    }

    #[test]
    fn a_scheme_without_a_type_must_be_the_descriptions() {
        let (doc, messages) = overlay("security_schemes:\n  key: { env: MY_KEY }\n", api());
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(doc, api(), "requirements are kept");
        let (_, messages) = overlay("security_schemes:\n  other: { env: MY_KEY }\n", api());
        assert!(
            messages[0].contains("declares no security scheme `other`"),
            "{messages:?}"
        );
    }
}
