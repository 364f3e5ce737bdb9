//! How much of a generated crate fell back to `serde_json::Value`.

/// The number of `serde_json::Value` uses that a generated source file declares, given
/// its path relative to the crate (`src/models.rs`).
///
/// Counted: every occurrence in the model files (`src/models.rs`, `src/models/…`), where
/// each one is a field, a type alias or a variant emitted as (or holding) a
/// `serde_json::Value`, free-form maps included. Not counted: the copied runtime
/// (`src/runtime/`), the webhook plumbing (`src/webhooks.rs`, which carries raw payloads
/// on purpose) and the operations, whose signatures repeat the models' types.
///
/// The unions generated as `serde_json::Value` are counted from the generator's warnings
/// instead, by [`union_fallbacks`]; [`free_form_variants`] counts the variants of typed
/// unions that hold free-form JSON because their branch is free-form on its own.
pub fn value_uses(path: &str, source: &str) -> usize {
    let path = path.replace('\\', "/");
    let is_model = path == "src/models.rs" || path.starts_with("src/models/");
    if !is_model {
        return 0;
    }
    source.matches("serde_json::Value").count()
}

/// The message of the generator's warning for a union (`oneOf`/`anyOf`) kept as
/// `serde_json::Value` (`codegen/src/resolve/union.rs`, `FALLBACK_MESSAGE`).
pub const FALLBACK_MESSAGE: &str = "union generated as `serde_json::Value`";

/// The unions generated as `serde_json::Value` that the generator's output (a log of the
/// codegen CLI) reports, one warning each.
pub fn union_fallbacks(log: &str) -> usize {
    log.lines()
        .filter(|l| l.starts_with("warning: ") && l.contains(FALLBACK_MESSAGE))
        .count()
}

/// The variants of the unions in a model file that hold free-form JSON (a
/// `serde_json::Value`, or a map of them): a branch with no shape of its own, such as
/// `{type: object}`. Not counted: the `Unknown` variant of a tagged union, which keeps a
/// value with a tag the client does not know.
pub fn free_form_variants(path: &str, source: &str) -> Vec<String> {
    let path = path.replace('\\', "/");
    if path != "src/models.rs" && !path.starts_with("src/models/") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut current: Option<&str> = None;
    for line in source.lines() {
        if let Some(rest) = line.strip_prefix("pub enum ") {
            current = rest.split_whitespace().next();
        } else if line.starts_with('}') {
            current = None;
        } else if let Some(union) = current {
            let item = line.trim();
            let Some((variant, rest)) = item.split_once('(') else {
                continue;
            };
            let free_form = rest == "serde_json::Value),"
                || rest == "std::collections::BTreeMap<String, serde_json::Value>),";
            if free_form && !variant.starts_with("Unknown") {
                out.push(format!("{union}::{variant}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_fallbacks_are_counted_from_warnings() {
        let log = "warning: union generated as `serde_json::Value`: its branches ...\n  --> x\n\
                   warning: the first server URL\nerror: union generated as `serde_json::Value`\n";
        assert_eq!(union_fallbacks(log), 1);
    }

    #[test]
    fn free_form_variants_of_unions() {
        let models = "\
pub enum Setting {
    String(String),
    Object(std::collections::BTreeMap<String, serde_json::Value>),
}
pub enum Pet {
    Cat(Cat),
    Unknown(serde_json::Value),
}
pub struct A {
    pub data: Option<serde_json::Value>,
}
";
        assert_eq!(
            free_form_variants("src/models.rs", models),
            ["Setting::Object"]
        );
        assert!(free_form_variants("src/client.rs", models).is_empty());
    }

    const MODELS: &str = "\
pub type TwitterAccount = serde_json::Value;
pub struct A {
    pub data: Option<serde_json::Value>,
    pub links: Option<std::collections::BTreeMap<String, serde_json::Value>>,
    pub name: String,
}
";

    #[test]
    fn counts_every_use_in_the_models() {
        assert_eq!(value_uses("src/models.rs", MODELS), 3);
        assert_eq!(value_uses("src/models/pets.rs", MODELS), 3);
        assert_eq!(
            value_uses("src/models.rs", "pub struct B { pub n: i64 }"),
            0
        );
    }

    #[test]
    fn ignores_the_runtime_webhooks_and_operations() {
        assert_eq!(value_uses("src/runtime/webhooks.rs", MODELS), 0);
        assert_eq!(value_uses("src/webhooks.rs", MODELS), 0);
        assert_eq!(value_uses("src/operations/query.rs", MODELS), 0);
    }
}
