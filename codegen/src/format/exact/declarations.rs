//! `use` and `mod` declarations, and a file's inner attributes.
//!
//! rustfmt sorts each group of declarations of one kind that no blank line divides: `mod`s
//! by name, `use`s by their paths, in its own order (`self`, `super` and `crate` first;
//! then names, `snake_case` before `CamelCase` before `UPPER_CASE`; then `*`, then
//! lists). A declaration is written here only where its whole group is, and is in that
//! order already ([`in_order`]); a group that is not is left to rustfmt whole.

use syn::{AttrStyle, Attribute, Item, UseTree};

use super::attrs::{attrs, attrs_within, inner_attrs};
use super::syntax::vis;
use super::{line, push, INDENT, MAX_WIDTH};

/// The widest `use` whose list of names rustfmt keeps on its line (measured: the rule is
/// not a setting).
const ONE_LINE_USE_WIDTH: usize = MAX_WIDTH - 2;

/// The widest line of names (with its comma) rustfmt writes when a `use`'s list does not
/// fit on the `use`'s line: it puts as many on each line as fit (measured).
const USE_LIST_LINE_WIDTH: usize = MAX_WIDTH - 1;

/// The widest line of an attribute of a `use` (measured: rustfmt keeps fewer columns to
/// those than to other items' attributes).
const USE_ATTR_WIDTH: usize = MAX_WIDTH - 5;

/// A declaration as it is written, with what rustfmt sorts it by.
#[derive(Clone)]
pub(in crate::format) struct Declaration {
    pub(in crate::format) text: String,
    key: Key,
}

/// What rustfmt sorts a declaration by, among those of its kind.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Mod(String),
    Use(Vec<Segment>),
}

/// A segment of a `use` path, in rustfmt's order: the derived order of the variants is
/// rustfmt's order of the kinds of segment.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Segment {
    SelfValue,
    Super,
    Crate,
    /// A name, by whether it is `UPPER_CASE`, whether it starts with a capital, then its
    /// text.
    Name(bool, bool, String),
    Glob,
    List(Vec<Vec<Segment>>),
}

/// The kinds of declaration rustfmt sorts, each among its own.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::format) enum Kind {
    Use,
    Mod,
}

impl Kind {
    /// The kind of `item`, if rustfmt sorts it: a `use`, or a `mod` without a body and
    /// without `#[macro_use]` (or an attribute telling rustfmt to skip it).
    pub(in crate::format) fn of(item: &Item) -> Option<Kind> {
        let (kind, attrs) = match item {
            Item::Use(u) => (Kind::Use, &u.attrs),
            Item::Mod(m) if m.content.is_none() => (Kind::Mod, &m.attrs),
            _ => return None,
        };
        let sorted = attrs.iter().all(|attr| {
            let first = attr.path().segments.first();
            !first.is_some_and(|s| s.ident == "macro_use" || s.ident == "rustfmt")
        });
        sorted.then_some(kind)
    }
}

/// `item`, a declaration of a kind rustfmt sorts, as rustfmt writes it, where this
/// module knows how.
pub(in crate::format) fn declaration(item: &Item) -> Option<Declaration> {
    let mut text = String::new();
    let key = match item {
        Item::Mod(m) if m.content.is_none() && m.unsafety.is_none() => {
            attrs(&m.attrs, "", &mut text)?;
            line(&mut text, format!("{}mod {};", vis(&m.vis)?, m.ident))?;
            Key::Mod(m.ident.to_string())
        }
        Item::Use(u) if u.leading_colon.is_none() => {
            attrs_within(&u.attrs, "", USE_ATTR_WIDTH, &mut text)?;
            let head = format!("{}use ", vis(&u.vis)?);
            let mut path = Vec::new();
            let mut prefix = String::new();
            let mut tree = &u.tree;
            while let UseTree::Path(p) = tree {
                path.push(segment(&p.ident));
                prefix.push_str(&format!("{}::", p.ident));
                tree = &p.tree;
            }
            match tree {
                UseTree::Group(group) => {
                    let (keys, names): (Vec<_>, Vec<_>) = group
                        .items
                        .iter()
                        .map(|tree| Some((listed(tree)?, name(tree)?)))
                        .collect::<Option<Vec<_>>>()?
                        .into_iter()
                        .unzip();
                    // rustfmt writes a list of one without its braces, and sorts a list.
                    let sorted = keys.windows(2).all(|pair| pair[0] < pair[1]);
                    (keys.len() > 1 && sorted).then_some(())?;
                    list(&format!("{head}{prefix}"), &names, &mut text)?;
                    path.push(Segment::List(keys));
                }
                _ => {
                    let mut last = listed(tree)?;
                    // A path rustfmt can't break: it keeps it on one line, however long.
                    push(&mut text, &format!("{head}{prefix}{};", name(tree)?))?;
                    path.append(&mut last);
                }
            }
            Key::Use(path)
        }
        _ => return None,
    };
    Some(Declaration { text, key })
}

/// A `use`'s list of names after `head`: on its line where it fits, else as many names on
/// a line as fit, one level deeper.
fn list(head: &str, names: &[String], out: &mut String) -> Option<()> {
    let one = format!("{head}{{{}}};", names.join(", "));
    if one.len() <= ONE_LINE_USE_WIDTH {
        return push(out, &one);
    }
    line(out, format!("{head}{{"))?;
    let mut current = String::new();
    for name in names {
        let wider = format!("{current}, {name},");
        if !current.is_empty() && INDENT.len() + wider.len() > USE_LIST_LINE_WIDTH {
            names_line(&current, out)?;
            current.clear();
        }
        if !current.is_empty() {
            current.push_str(", ");
        }
        current.push_str(name);
    }
    names_line(&current, out)?;
    push(out, "};")
}

/// A line of a `use`'s list of names, where it fits.
fn names_line(names: &str, out: &mut String) -> Option<()> {
    let text = format!("{INDENT}{names},");
    (text.len() <= USE_LIST_LINE_WIDTH).then(|| push(out, &text))?
}

/// The segments of a path in a `use`'s list, or of its end: names, perhaps ending in `*`
/// (no renaming, no list).
fn listed(tree: &UseTree) -> Option<Vec<Segment>> {
    match tree {
        UseTree::Path(p) => {
            let mut segments = vec![segment(&p.ident)];
            segments.append(&mut listed(&p.tree)?);
            Some(segments)
        }
        UseTree::Name(n) if n.ident != "self" => Some(vec![segment(&n.ident)]),
        UseTree::Glob(_) => Some(vec![Segment::Glob]),
        _ => None,
    }
}

/// The text of a path in a `use`'s list, or of its end.
fn name(tree: &UseTree) -> Option<String> {
    match tree {
        UseTree::Path(p) => Some(format!("{}::{}", p.ident, name(&p.tree)?)),
        UseTree::Name(n) => Some(n.ident.to_string()),
        UseTree::Glob(_) => Some("*".to_owned()),
        _ => None,
    }
}

/// A segment of a path, as rustfmt orders it.
fn segment(ident: &syn::Ident) -> Segment {
    let text = ident.to_string();
    match text.as_str() {
        "self" => Segment::SelfValue,
        "super" => Segment::Super,
        "crate" => Segment::Crate,
        _ => {
            let upper = text
                .chars()
                .all(|c| c.is_uppercase() || c == '_' || c.is_numeric());
            let capital = text.starts_with(char::is_uppercase);
            Segment::Name(upper, capital, text)
        }
    }
}

/// Whether `b`, which follows `a` in one group, is where rustfmt's sort puts it: after.
pub(in crate::format) fn in_order(a: &Declaration, b: &Declaration) -> bool {
    match (&a.key, &b.key) {
        (Key::Mod(a), Key::Mod(b)) => a < b,
        (Key::Use(a), Key::Use(b)) => a < b,
        _ => false,
    }
}

/// A file's inner attributes that are not its docs, which `prettyplease` prints first
/// and rustfmt lays out as other attributes: taken from `attrs` and written, where they
/// all follow the docs and this module can write them.
pub(in crate::format) fn inner(attrs: &mut Vec<Attribute>) -> Option<String> {
    let docs = attrs
        .iter()
        .take_while(|attr| attr.path().is_ident("doc"))
        .count();
    let rest = attrs.get(docs..)?;
    if rest.is_empty()
        || rest
            .iter()
            .any(|attr| !matches!(attr.style, AttrStyle::Inner(_)))
    {
        return None;
    }
    let mut text = String::new();
    inner_attrs(rest, &mut text)?;
    attrs.truncate(docs);
    Some(text)
}
