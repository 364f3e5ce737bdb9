//! The description with every local `$ref` replaced by what it points to, for Prism.

use std::path::Path;

use serde_json::{Map, Value};

/// Reads a YAML or JSON OpenAPI description and replaces each local `$ref`
/// (`#/components/...`) with a copy of its target. A `$ref` with sibling keywords (OpenAPI
/// 3.1) becomes `allOf: [target]` beside them, which means the same. Panics on a
/// reference cycle or a dangling reference: the description would be broken.
pub fn dereference(spec: &Path) -> Value {
    let text = std::fs::read_to_string(spec).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}", spec.display()));
    let root = to_json(yaml);
    let mut stack = Vec::new();
    inline(&root, &root, &mut stack)
}

fn to_json(yaml: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::to_value(&n).unwrap_or(Value::Null),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Y::Mapping(mapping) => Value::Object(
            mapping
                .into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        other => serde_yaml::to_string(&other)
                            .unwrap_or_default()
                            .trim()
                            .to_owned(),
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => to_json(tagged.value),
    }
}

fn inline(value: &Value, root: &Value, stack: &mut Vec<String>) -> Value {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                if let Some(pointer) = reference.strip_prefix('#') {
                    assert!(
                        !stack.contains(reference),
                        "reference cycle through {reference}: {stack:?}"
                    );
                    let target = root
                        .pointer(pointer)
                        .unwrap_or_else(|| panic!("dangling reference {reference}"));
                    stack.push(reference.clone());
                    let target = inline(target, root, stack);
                    stack.pop();
                    let siblings: Map<String, Value> = map
                        .iter()
                        .filter(|(k, _)| k.as_str() != "$ref")
                        .map(|(k, v)| (k.clone(), inline(v, root, stack)))
                        .collect();
                    if siblings.is_empty() {
                        return target;
                    }
                    let mut out = siblings;
                    out.insert("allOf".to_owned(), Value::Array(vec![target]));
                    return Value::Object(out);
                }
            }
            Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), inline(v, root, stack)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| inline(v, root, stack)).collect()),
        other => other.clone(),
    }
}
