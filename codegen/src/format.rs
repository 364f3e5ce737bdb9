//! Phase 6: tokens to source text with `prettyplease`, with blank lines between items.

use proc_macro2::TokenStream;

/// Formats a whole file; fails (instead of panicking) if the tokens are not a Rust file.
pub fn format_file(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| e.to_string())?;
    Ok(space_items(&prettyplease::unparse(&file)))
}

/// Words that start an item (at the top level or in an `impl` block).
const ITEM_STARTS: [&str; 16] = [
    "///",
    "#[",
    "pub ",
    "pub(crate) ",
    "impl ",
    "impl<",
    "fn ",
    "async fn ",
    "static ",
    "const ",
    "type ",
    "struct ",
    "enum ",
    "mod ",
    "use ",
    "trait ",
];

/// Single-line declarations that read as one block when consecutive (`mod a;`, `pub use b;`).
fn declaration_group(line: &str) -> Option<&'static str> {
    let t = line.trim_start();
    if !t.ends_with(';') {
        return None;
    }
    if t.starts_with("mod ") || t.starts_with("pub mod ") {
        Some("mod")
    } else if t.starts_with("use ") || t.starts_with("pub use ") {
        Some("use")
    } else {
        None
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Puts the blank lines between items that rustfmt would keep and prettyplease drops:
/// after the module docs, between items at the top level and in `impl` blocks, and
/// between groups of `mod` and `use` lines.
pub fn space_items(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in lines.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).and_then(|j| lines.get(j)) {
            let prev_t = prev.trim();
            let t = line.trim_start();
            let after_inner_docs =
                prev_t.starts_with("//!") && !t.starts_with("//!") && !t.is_empty();
            let same_level = indent(prev) == indent(line) && indent(line) <= 4;
            let starts_item = ITEM_STARTS.iter().any(|s| t.starts_with(s));
            let one_line_item = [
                "type ",
                "const ",
                "static ",
                "pub type ",
                "pub const ",
                "pub static ",
            ]
            .iter()
            .any(|s| prev_t.starts_with(s));
            let prev_ends_item = prev_t == "}"
                || prev_t == "};"
                || (prev_t.ends_with(';')
                    && declaration_group(prev).is_none()
                    && (indent(prev) == 0 || one_line_item));
            let group_change = match (declaration_group(prev), declaration_group(line)) {
                (Some(a), Some(b)) => a != b,
                (Some(_), None) => starts_item,
                _ => false,
            };
            if after_inner_docs || (same_level && starts_item && (prev_ends_item || group_change)) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_between_items_only() {
        let input = "\
//! Docs.
mod a;
mod b;
pub use a::X;
pub use b::Y;
static S: u8 = 1;
/// T.
pub struct T {
    /// F.
    pub f: u8,
    pub g: u8,
}
impl T {
    pub fn f(&self) -> u8 {
        if true {
            1
        }
        else {
            2
        }
    }
    /// G.
    pub fn g(&self) {}
}
";
        let expected = "\
//! Docs.

mod a;
mod b;

pub use a::X;
pub use b::Y;

static S: u8 = 1;

/// T.
pub struct T {
    /// F.
    pub f: u8,
    pub g: u8,
}

impl T {
    pub fn f(&self) -> u8 {
        if true {
            1
        }
        else {
            2
        }
    }

    /// G.
    pub fn g(&self) {}
}
";
        assert_eq!(space_items(input), expected);
    }

    #[test]
    fn invalid_tokens_are_an_error_not_a_panic() {
        let tokens: TokenStream = "fn (".parse().unwrap_or_default();
        assert!(
            format_file(tokens).is_err() || format_file("fn".parse().unwrap_or_default()).is_err()
        );
    }
}
