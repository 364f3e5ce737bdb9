//! The blank lines between items, which rustfmt keeps as it is given them and
//! `prettyplease` does not print, and the groups of declarations they divide.

use super::exact::{self, Declaration, Kind};

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

/// Whether the line starts an item that is a macro call: `open_enum!(...);` at the top
/// level of the file, `crate::runtime::http::request_options!();` in an `impl` block.
fn macro_item(line: &str) -> bool {
    line.trim_start()
        .split_once('!')
        .is_some_and(|(name, rest)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
                && (rest.starts_with('(') || rest.starts_with('{'))
        })
}

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
/// between groups of `mod` and `use` lines. A marker line that `written` gives the text of
/// (its first and last lines) is spaced as that text.
pub(super) fn space_items<'a>(
    text: &'a str,
    written: &dyn Fn(&str) -> Option<(&'a str, &'a str)>,
) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut prev: Option<&str> = None;
    for line in text.lines() {
        let (first, last) = written(line).unwrap_or((line, line));
        if prev.is_some_and(|prev| blank_between(prev, first)) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(last);
    }
    out
}

/// Whether rustfmt's layout has a blank line between `prev` and `line`, as
/// [`space_items`] puts them.
pub(super) fn blank_between(prev: &str, line: &str) -> bool {
    let prev_t = prev.trim();
    let t = line.trim_start();
    let after_inner_docs = prev_t.starts_with("//!") && !t.starts_with("//!") && !t.is_empty();
    let same_level = indent(prev) == indent(line) && indent(line) <= 4;
    let starts_item = ITEM_STARTS.iter().any(|s| t.starts_with(s)) || macro_item(line);
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
    let prev_is_comment = prev_t.starts_with("//");
    let prev_ends_item = !prev_is_comment
        && (prev_t == "}"
            || prev_t == "};"
            || (macro_item(prev) && prev_t.ends_with(");"))
            || (prev_t.ends_with(';')
                && declaration_group(prev).is_none()
                && (indent(prev) == 0 || one_line_item)));
    let group_change = match (declaration_group(prev), declaration_group(line)) {
        (Some(a), Some(b)) => a != b,
        (Some(_), None) => starts_item,
        _ => false,
    };
    after_inner_docs || (same_level && starts_item && (prev_ends_item || group_change))
}

/// A declaration of a kind rustfmt sorts, and its text where [`exact`] writes it.
pub(super) type Sorted = (Kind, Option<Declaration>);

/// The declarations of `items` to write in rustfmt's layout ([`exact`]): those of groups
/// (declarations of one kind with no blank line between them, which rustfmt sorts) whose
/// members are all written there and already in rustfmt's order. `last` is the
/// declaration the file's part before ended with, whose group the first of `items` may
/// be in; it is then the last of `items`.
///
/// A group that began in the part before and is out of order here is left to rustfmt
/// here, but not there: `emit` begins no part with a declaration.
pub(super) fn sorted_declarations(
    items: &[syn::Item],
    last: &mut Option<Sorted>,
) -> Vec<Option<Declaration>> {
    let sorted: Vec<Option<Sorted>> = items
        .iter()
        .map(|item| Some((Kind::of(item)?, exact::declaration(item))))
        .collect();
    let mut written = vec![false; sorted.len()];
    let mut start = 0;
    while start < sorted.len() {
        let Some(first) = &sorted[start] else {
            start += 1;
            continue;
        };
        let mut end = start + 1;
        while let (Some(Some(a)), Some(Some(b))) = (sorted.get(end - 1), sorted.get(end)) {
            if !one_group(a, b) {
                break;
            }
            end += 1;
        }
        let before = last
            .as_ref()
            .filter(|last| start == 0 && one_group(last, first));
        let members: Vec<Option<&Declaration>> = before
            .into_iter()
            .chain(sorted[start..end].iter().flatten())
            .map(|(_, written)| written.as_ref())
            .collect();
        let in_order = members.windows(2).all(|pair| match pair {
            [Some(a), Some(b)] => exact::in_order(a, b),
            _ => false,
        });
        if in_order && members.iter().all(Option::is_some) {
            written[start..end].fill(true);
        }
        start = end;
    }
    *last = sorted.last().cloned().flatten();
    sorted
        .into_iter()
        .zip(written)
        .map(|(sorted, written)| sorted.and_then(|(_, text)| text).filter(|_| written))
        .collect()
}

/// Whether `b`, the declaration after `a`, is in `a`'s group: of the same kind, with no
/// blank line between them (or, where either is not written here, perhaps none).
fn one_group(a: &Sorted, b: &Sorted) -> bool {
    a.0 == b.0
        && match (&a.1, &b.1) {
            (Some(a), Some(b)) => match (a.text.lines().last(), b.text.lines().next()) {
                (Some(last), Some(first)) => !blank_between(last, first),
                _ => true,
            },
            _ => true,
        }
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
        assert_eq!(space_items(input, &|_| None), expected);
    }

    #[test]
    fn a_macro_call_in_an_impl_block_is_an_item() {
        let input = "\
impl T {
    pub fn f(self) -> Self {
        tracing::debug!(\"f\");
        self
    }
    crate::runtime::http::request_options!();
    /// G.
    pub fn g(&self) {}
}
";
        let expected = "\
impl T {
    pub fn f(self) -> Self {
        tracing::debug!(\"f\");
        self
    }

    crate::runtime::http::request_options!();

    /// G.
    pub fn g(&self) {}
}
";
        assert_eq!(space_items(input, &|_| None), expected);
    }

    #[test]
    fn doc_lines_ending_in_a_semicolon_are_not_items() {
        let input = "/// - a;\n///   more.\npub struct S;\n";
        assert_eq!(space_items(input, &|_| None), input);
    }
}
