//! Client-side rate limits: the classes of the generator's config, and the one class of
//! each operation, decided here once.
//!
//! An operation's class is, in this order of precedence: its `x-rate-limit-class`
//! extension, the config's `operations` (by id), its `tags`, its `default`.

use super::Resolver;
use crate::diagnostics::Diagnostic;
use crate::ir::RateClass;
use crate::pointer::join;

/// The operation extension that names its rate-limit class.
pub(crate) const RATE_LIMIT_CLASS_EXTENSION: &str = "x-rate-limit-class";

impl<'a> Resolver<'a, '_> {
    /// The classes of the config, in name order.
    pub(crate) fn rate_classes(&self) -> Vec<RateClass> {
        self.config
            .rate_limits
            .iter()
            .flat_map(|limits| &limits.classes)
            .map(|(name, limit)| RateClass {
                name: name.clone(),
                per_second: limit.per_second,
                burst: limit.burst,
            })
            .collect()
    }

    /// The class of the operation `id` with `tags` and `extensions`, at `op_pointer`.
    pub(crate) fn rate_class(
        &mut self,
        id: &str,
        tags: &[String],
        extensions: &'a indexmap::IndexMap<String, serde_json::Value>,
        op_pointer: &str,
    ) -> Option<String> {
        let at = join(op_pointer, RATE_LIMIT_CLASS_EXTENSION);
        let limits = self.config.rate_limits.as_ref();
        match extensions.get(RATE_LIMIT_CLASS_EXTENSION) {
            None => limits.and_then(|l| l.class_of(id, tags)).map(str::to_owned),
            Some(serde_json::Value::String(class)) => {
                let defined: Vec<&str> = limits
                    .iter()
                    .flat_map(|l| l.classes.keys())
                    .map(String::as_str)
                    .collect();
                if defined.contains(&class.as_str()) {
                    return Some(class.clone());
                }
                let help = if defined.is_empty() {
                    "define rate-limit classes in the codegen config (`codegen.yaml`, or the file given with `--config`)".to_owned()
                } else {
                    format!(
                        "use one of the classes of the codegen config: {}",
                        defined.join(", ")
                    )
                };
                self.cx.push(
                    Diagnostic::error(
                        at,
                        format!("`{RATE_LIMIT_CLASS_EXTENSION}` names the class `{class}`, which the codegen config does not define"),
                    )
                    .help(help),
                );
                None
            }
            Some(_) => {
                self.cx.push(
                    Diagnostic::error(
                        at,
                        format!("`{RATE_LIMIT_CLASS_EXTENSION}` must be a string: the name of a rate-limit class"),
                    )
                    .help("write the class name, e.g. `x-rate-limit-class: statistics`"),
                );
                None
            }
        }
    }
}
