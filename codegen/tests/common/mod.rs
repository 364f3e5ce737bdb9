//! What the tests of generated code share: reading a generated file, and [`has`] with
//! [`assert_has!`], a `contains` that ignores how the output is laid out.
//!
//! The one copy: `codegen/tests/*.rs` use it as `mod common;`, and
//! `tests/tests/full_spec.rs` includes this file by path.

// Each test binary that includes this module uses part of it.
#![allow(dead_code, unused_macros, unused_imports)]

use std::collections::BTreeMap;

/// The generated file at `path`; panics, naming it, if there is none.
pub fn file(files: &BTreeMap<String, String>, path: &str) -> String {
    files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not generated"))
        .clone()
}

/// `text` without what line-breaking and formatting change: whitespace, the `///` and
/// `//!` that start doc comment lines (so doc text matches however it is wrapped), commas
/// before `)` or `}` and at the end, and the braces around a match arm's body.
fn squash(text: &str) -> String {
    let mut compact = String::with_capacity(text.len());
    for line in text.lines() {
        let trimmed = line.trim_start();
        let line = ["///", "//!"]
            .into_iter()
            .find_map(|marker| trimmed.strip_prefix(marker))
            .unwrap_or(line);
        compact.extend(line.chars().filter(|c| !c.is_whitespace()));
    }
    let compact = compact
        .replace(",)", ")")
        .replace(",}", "}")
        .replace("=>{", "=>")
        .replace(")?)}", ")?),");
    compact
        .strip_suffix(',')
        .map(str::to_owned)
        .unwrap_or(compact)
}

/// Whether `needle` occurs in `haystack`, ignoring layout (see [`squash`]).
pub fn has(haystack: &str, needle: &str) -> bool {
    squash(haystack).contains(&squash(needle))
}

/// Asserts that each needle [`has`] a place in the text; the text is evaluated once.
macro_rules! assert_has {
    ($text:expr, $($needle:expr),+ $(,)?) => {{
        let text: &str = &$text;
        $( assert!($crate::common::has(text, $needle), "expected `{}` in:\n{}", $needle, text); )+
    }};
}
pub(crate) use assert_has;

#[test]
fn has_ignores_layout_but_not_content() {
    let code = "/// A long sentence\n/// wrapped.\n///\n/// Next.\npub fn f(\n    a: u8,\n) {}\n";
    assert!(has(code, "/// A long sentence wrapped."));
    assert!(has(code, "pub fn f(a: u8) {}"));
    assert!(has(code, "/// A long sentence wrapped.\n///\n/// Next."));
    assert!(has("f(a, b,\n)\n", "f(a, b)"));
    assert!(has(
        "match x {\n    1 => {\n        f()?)\n    }\n}",
        "1 => f()?),"
    ));
    assert!(!has(code, "/// A long sentence unwrapped."));
    assert!(!has("f(a, b)", "f(ab)"));
    assert!(!has(code, "pub fn f(a: u16)"));
    assert!(!has("", "pub fn f"));
}
