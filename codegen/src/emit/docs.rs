//! Rustdoc from the spec's summaries and descriptions.
//!
//! Descriptions are CommonMark, which rustdoc renders too, with two traps handled here:
//! a code block without a language (or in another language) would be compiled as a Rust
//! doctest, so it is marked `text`; and four-space indentation (which YAML folding can
//! produce) would start a code block, so indentation outside fences is capped.

use proc_macro2::TokenStream;
use quote::quote;

/// The lines of `text` made safe for rustdoc.
pub fn doc_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    for raw in text.trim_end().lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        if let Some(open) = &fence {
            if marker.len() >= open.len()
                && marker.starts_with(&open[..1])
                && trimmed[marker.len()..].trim().is_empty()
            {
                fence = None;
                out.push(marker);
            } else {
                out.push(line.to_owned());
            }
            continue;
        }
        if marker.len() >= 3 && (marker.starts_with("```") || marker.starts_with("~~~")) {
            let lang = trimmed[marker.len()..].trim();
            // Only a fence that says `rust` would be a doctest we want; nothing here is.
            let lang = if lang.is_empty() || lang.starts_with("rust") {
                "text"
            } else {
                lang
            };
            fence = Some(marker.clone());
            out.push(format!("{marker}{lang}"));
            continue;
        }
        let indent = line.len() - trimmed.len();
        out.push(format!("{}{trimmed}", " ".repeat(indent.min(3))));
    }
    if let Some(open) = fence {
        out.push(open);
    }
    // Leading blank lines would make odd rustdoc.
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    out
}

/// `#[doc = "..."]` outer attributes, one per line.
pub fn outer(text: &str) -> TokenStream {
    let lines = doc_lines(text).into_iter().map(|l| pad(&l));
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "..."]` inner attributes, one per line.
pub fn inner(text: &str) -> TokenStream {
    let lines = doc_lines(text).into_iter().map(|l| pad(&l));
    quote! { #( #![doc = #lines] )* }
}

/// Outer doc attributes for optional text.
pub fn outer_opt(text: Option<&str>) -> TokenStream {
    text.map(outer).unwrap_or_default()
}

/// `/// text` reads best with one space after the slashes.
fn pad(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_without_language_become_text() {
        let lines = doc_lines("Use it:\n```\nAuthorization: Bearer x\n```\n");
        assert_eq!(
            lines,
            ["Use it:", "```text", "Authorization: Bearer x", "```"]
        );
    }

    #[test]
    fn fences_with_a_language_keep_it() {
        assert_eq!(doc_lines("```go\nx := 1\n```"), ["```go", "x := 1", "```"]);
        assert_eq!(
            doc_lines("```rust\nlet x = 1;\n```"),
            ["```text", "let x = 1;", "```"]
        );
    }

    #[test]
    fn unclosed_fence_is_closed() {
        assert_eq!(doc_lines("```\nx"), ["```text", "x", "```"]);
    }

    #[test]
    fn deep_indentation_is_capped_outside_fences() {
        assert_eq!(
            doc_lines("a\n\n        b\n```\n    c\n```"),
            ["a", "", "   b", "```text", "    c", "```"]
        );
    }
}
