//! The generator's own settings (`codegen.yaml`): what an OpenAPI description does not say.
//!
//! Today that is the API's client-side rate limits (named classes of token buckets, and
//! which operations belong to which class), security schemes the description lacks or
//! gets wrong ([`ConfigScheme`]), and whether schemas written the same share one type:
//!
//! ```yaml
//! rate_limits:
//!   classes:
//!     general: { per_second: 100, burst: 200 }
//!     statistics: { per_second: 1, burst: 1 }
//!   default: general            # the class of every operation not assigned below
//!   operations:                 # by operationId
//!     statistics: [getDeliverabilityStatistics, getBounceStatistics]
//!   tags:                       # by tag, for operations not listed by id
//!     statistics: [Statistics]
//! security_schemes:             # see `ConfigScheme`
//!   token: { type: http, scheme: bearer, env: GITHUB_TOKEN, optional: true }
//! distinct_types: false         # true: a type per schema, even for identical copies
//! ```
//!
//! An operation's `x-rate-limit-class: NAME` extension overrides all of these. Operation
//! ids and tags the description does not have are ignored, so that one config serves
//! several versions (or subsets) of a description.

mod security;

use std::collections::BTreeMap;

use serde::Deserialize;

pub use security::{ApiKeyIn, ConfigScheme, SchemeType};

use crate::diagnostics::{Ctxt, Diagnostic, Diagnostics};
use crate::locate::Position;

/// The file the command line reads from the current directory when it exists.
pub const DEFAULT_CONFIG_FILE: &str = "codegen.yaml";

/// The generator's settings. [`Config::default`] has none: no rate limits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Config {
    /// Client-side rate limits.
    #[serde(default)]
    pub rate_limits: Option<RateLimits>,
    /// Security schemes to declare (or redeclare) and apply, by key: for descriptions
    /// that lack them (GitHub's) or get them wrong.
    #[serde(default)]
    pub security_schemes: BTreeMap<String, ConfigScheme>,
    /// Keep a type of its own for every schema, even where several would be written the
    /// same (by default the copies become aliases of one type, which compiles faster).
    #[serde(default)]
    pub distinct_types: bool,
}

/// The `rate_limits` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RateLimits {
    /// The classes by name.
    #[serde(default)]
    pub classes: BTreeMap<String, Limit>,
    /// The class of operations no other rule assigns (none: they are not limited).
    #[serde(default)]
    pub default: Option<String>,
    /// Operation ids by class name.
    #[serde(default)]
    pub operations: BTreeMap<String, Vec<String>>,
    /// Tags by class name: an operation with one of them belongs to the class.
    #[serde(default)]
    pub tags: BTreeMap<String, Vec<String>>,
}

/// One class's token bucket.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    /// Requests per second on average (positive; fractions allowed, e.g. `0.5`).
    pub per_second: f64,
    /// Requests that may go at once (at least 1).
    pub burst: u32,
}

// The rates are checked to be finite, so equality is an equivalence.
impl Eq for Limit {}

impl Config {
    /// Parses and checks the YAML text of a config file; `file` names it in messages.
    ///
    /// # Errors
    ///
    /// Syntax errors, unknown keys, values of the wrong type, and rules that name classes
    /// the file does not define; render them with `file`.
    pub fn parse(text: &str, file: &str) -> Result<Config, Diagnostics> {
        let mut cx = Ctxt::new();
        let config = Config::read(text, file, &mut cx);
        let found = cx.finish(text);
        if found.has_errors() {
            return Err(found);
        }
        Ok(config.unwrap_or_default())
    }

    /// Parses and checks `text` into `cx`.
    fn read(text: &str, file: &str, cx: &mut Ctxt) -> Option<Config> {
        let config: Config = serde_yaml::from_str(text).map_err(|e| {
            let mut d = Diagnostic::error("", format!("{file} is not a valid codegen config: {e}")).help(
                "the keys are `rate_limits` (with `classes`, `default`, `operations` and `tags`), `security_schemes` and `distinct_types`; see the README",
            );
            if let Some(loc) = e.location() {
                d = d.at(Position {
                    line: loc.line(),
                    column: loc.column(),
                });
            }
            cx.push(d);
        })
        .ok()?;
        config.problems(file, cx);
        Some(config)
    }

    /// Reports what is inconsistent within the config itself.
    fn problems(&self, file: &str, out: &mut Ctxt) {
        security::problems(&self.security_schemes, file, out);
        let Some(limits) = &self.rate_limits else {
            return;
        };
        let undefined = |what: String, class: &str| {
            Diagnostic::error("", format!("{file}: {what} names the rate-limit class `{class}`, which `rate_limits.classes` does not define"))
                .help("define the class, or correct the name")
        };
        for (name, limit) in &limits.classes {
            if !(limit.per_second.is_finite() && limit.per_second > 0.0) || limit.burst == 0 {
                out.push(
                    Diagnostic::error("", format!("{file}: the rate-limit class `{name}` must allow a positive number of requests per second and a burst of at least 1"))
                        .help("e.g. `{ per_second: 100, burst: 200 }`"),
                );
            }
        }
        if let Some(class) = &limits.default {
            if !limits.classes.contains_key(class) {
                out.push(undefined("`rate_limits.default`".to_owned(), class));
            }
        }
        for (section, rules) in [("operations", &limits.operations), ("tags", &limits.tags)] {
            for class in rules.keys() {
                if !limits.classes.contains_key(class) {
                    out.push(undefined(format!("`rate_limits.{section}`"), class));
                }
            }
        }
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for (class, ids) in &limits.operations {
            for id in ids {
                if let Some(first) = seen.insert(id, class) {
                    if first != class {
                        out.push(
                            Diagnostic::error("", format!("{file}: the operation `{id}` is listed under both `{first}` and `{class}`"))
                                .help("list each operation under one class"),
                        );
                    }
                }
            }
        }
    }

    /// Reports what is inconsistent within a config built in code rather than parsed.
    pub(crate) fn check(&self, cx: &mut Ctxt) {
        self.problems("the codegen config", cx);
    }
}

impl RateLimits {
    /// The class the rules give the operation `id` with `tags`, the extension aside:
    /// `operations`, then `tags`, then `default`.
    pub(crate) fn class_of(&self, id: &str, tags: &[String]) -> Option<&str> {
        let by_id = self
            .operations
            .iter()
            .find(|(_, ids)| ids.iter().any(|i| i == id));
        let by_tag = || {
            self.tags
                .iter()
                .find(|(_, class_tags)| class_tags.iter().any(|t| tags.contains(t)))
        };
        by_id
            .or_else(by_tag)
            .map(|(class, _)| class.as_str())
            .or(self.default.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AHASEND: &str = "
rate_limits:
  classes:
    general: { per_second: 100, burst: 200 }
    statistics: { per_second: 1, burst: 1 }
  default: general
  operations:
    statistics: [getBounceStatistics]
  tags:
    statistics: [Statistics]
";

    fn messages(text: &str) -> Vec<String> {
        match Config::parse(text, "my.yaml") {
            Ok(c) => panic!("expected errors, got {c:?}"),
            Err(d) => d.0.into_iter().map(|d| d.render("my.yaml")).collect(),
        }
    }

    #[test]
    fn parses_classes_and_rules() {
        let config = Config::parse(AHASEND, "codegen.yaml").expect("valid");
        let limits = config.rate_limits.expect("rate limits");
        assert_eq!(
            limits.classes["statistics"],
            Limit {
                per_second: 1.0,
                burst: 1
            }
        );
        assert_eq!(limits.default.as_deref(), Some("general"));
        assert_eq!(
            Config::parse("", "empty.yaml").expect("empty is valid"),
            Config::default()
        );
    }

    #[test]
    fn unknown_keys_name_the_file_and_the_key() {
        let m = messages("rate_limit: {}\n");
        assert!(
            m[0].contains("my.yaml") && m[0].contains("rate_limit"),
            "{m:?}"
        );
        let m = messages(
            "rate_limits:\n  classes:\n    general: { per_second: 1, burst: 1, jitter: 2 }\n",
        );
        assert!(
            m[0].contains("jitter") && m[0].contains("my.yaml:3"),
            "{m:?}"
        );
    }

    #[test]
    fn a_config_built_in_code_is_checked_too() {
        let mut limits = RateLimits::default();
        limits.classes.insert(
            "x".to_owned(),
            Limit {
                per_second: f64::NAN,
                burst: 1,
            },
        );
        let mut options = crate::Options::default();
        options.config.rate_limits = Some(limits);
        let spec = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";
        let errors = crate::generate(spec, &options).expect_err("a NaN rate");
        assert!(
            errors
                .to_string()
                .contains("`x` must allow a positive number"),
            "{errors}"
        );
    }

    #[test]
    fn inconsistent_rules_are_errors() {
        let m = messages("rate_limits:\n  classes: { a: { per_second: 0, burst: 0 } }\n  default: b\n  operations: { c: [x], a: [y] }\n  tags: { d: [t] }\n");
        let all = m.join("\n");
        for expected in [
            "`a` must allow",
            "`rate_limits.default` names the rate-limit class `b`",
            "`c`",
            "`d`",
        ] {
            assert!(all.contains(expected), "{expected}: {all}");
        }
        let m = messages("rate_limits:\n  classes: { a: { per_second: 1, burst: 1 }, b: { per_second: 1, burst: 1 } }\n  operations: { a: [x], b: [x] }\n");
        assert!(m[0].contains("`x` is listed under both"), "{m:?}");
        let m = messages("rate_limits: [1, 2]\n");
        assert!(m[0].contains("not a valid codegen config"), "{m:?}");
    }
}
