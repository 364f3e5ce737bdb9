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
/// Refine here: e.g. to count only the union fallbacks (`oneOf`/`anyOf` generated as
/// `serde_json::Value`), or to tell free-form maps apart.
pub fn value_uses(path: &str, source: &str) -> usize {
    let path = path.replace('\\', "/");
    let is_model = path == "src/models.rs" || path.starts_with("src/models/");
    if !is_model {
        return 0;
    }
    source.matches("serde_json::Value").count()
}

#[cfg(test)]
mod tests {
    use super::*;

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
