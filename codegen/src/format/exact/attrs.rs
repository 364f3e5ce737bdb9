//! Attributes: docs as `///` lines, others on one line or broken as rustfmt breaks them.

use std::fmt::Write;

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::{AttrStyle, Attribute, Expr, Lit, MacroDelimiter, Meta};

use super::syntax::{literal, path};
use super::{push, INDENT, MAX_WIDTH};

/// rustfmt's `attr_fn_like_width`: the widest argument list of an attribute (such as
/// `serde(...)`) it keeps on one line.
const ATTR_ARGS_WIDTH: usize = 70;

/// How much shorter than the maximum rustfmt keeps a `derive` on one line.
const DERIVE_MARGIN: usize = 4;

/// The item's or field's outer attributes, at `indent`.
pub(super) fn attrs(attrs: &[Attribute], indent: &str, out: &mut String) -> Option<()> {
    // rustfmt leaves one column fewer to an attribute in a block.
    attrs_within(
        attrs,
        indent,
        MAX_WIDTH - usize::from(!indent.is_empty()),
        out,
    )
}

/// The item's or field's outer attributes, at `indent`, in lines no wider than `max`.
pub(super) fn attrs_within(
    attrs: &[Attribute],
    indent: &str,
    max: usize,
    out: &mut String,
) -> Option<()> {
    let mut last_derive = false;
    for attr in attrs {
        if !matches!(attr.style, AttrStyle::Outer) {
            return None;
        }
        if let Some(doc) = doc(attr) {
            // A line a `///` comment, as prettyplease writes the line's own attribute
            // ([`split_docs`]); rustfmt keeps a comment as it is.
            for line in doc?.split('\n') {
                for part in [indent, "///", line.trim_end_matches(' '), "\n"] {
                    out.push_str(part);
                }
            }
            last_derive = false;
            continue;
        }
        let path = attr.path();
        let derive = path.is_ident("derive");
        if (derive && last_derive) || path.segments.first()?.ident == "rustfmt" {
            // rustfmt merges two `derive`s, and leaves an item it is told to skip as it is.
            return None;
        }
        last_derive = derive;
        if derive {
            // A `derive` on one line has a width of its own, and no limit to its list.
            let mut line = [indent, "#["].concat();
            flat(
                &Arg::of(&attr.meta)?,
                false,
                &mut line,
                max - DERIVE_MARGIN - 1,
            )?;
            line.push(']');
            push(out, &line)?;
        } else {
            block(&Arg::of(&attr.meta)?, indent, "#[", "]", max, out)?;
        }
    }
    Some(())
}

/// A file's inner attributes, not its docs, at the top level.
pub(super) fn inner_attrs(attrs: &[Attribute], out: &mut String) -> Option<()> {
    for attr in attrs {
        let rustfmt = attr.path().segments.first()?.ident == "rustfmt";
        if !matches!(attr.style, AttrStyle::Inner(_)) || doc(attr).is_some() || rustfmt {
            return None;
        }
        block(&Arg::of(&attr.meta)?, "", "#![", "]", MAX_WIDTH, out)?;
    }
    Some(())
}

/// `arg` at `indent`, after `head` and before `tail`: on one line where it fits;
/// else, where it is a list, its only item a list laid out after it (`cfg(any(`), or
/// its items one a line, one level deeper.
fn block(
    arg: &Arg,
    indent: &str,
    head: &str,
    tail: &str,
    max: usize,
    out: &mut String,
) -> Option<()> {
    let mut line = [indent, head].concat();
    if flat(arg, true, &mut line, max.saturating_sub(tail.len())).is_some() {
        line.push_str(tail);
        return push(out, &line);
    }
    let Arg::List(path, items) = arg else {
        return None;
    };
    if let [only @ Arg::List(..)] = items.as_slice() {
        return block(
            only,
            indent,
            &format!("{head}{path}("),
            &format!("){tail}"),
            max,
            out,
        );
    }
    push(out, &format!("{indent}{head}{path}("))?;
    let inner = format!("{indent}{INDENT}");
    for (i, item) in items.iter().enumerate() {
        let comma = if i + 1 < items.len() { "," } else { "" };
        block(item, &inner, "", comma, max, out)?;
    }
    push(out, &format!("{indent}){tail}"))
}

/// The text of a doc attribute (`Some(None)` where prettyplease would not write each of
/// its lines as a `///` line), or `None` for another attribute.
fn doc(attr: &Attribute) -> Option<Option<String>> {
    let Meta::NameValue(nv) = &attr.meta else {
        return None;
    };
    if !nv.path.is_ident("doc") {
        return None;
    }
    let text = match &nv.value {
        Expr::Lit(lit) if lit.attrs.is_empty() => match &lit.lit {
            Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        _ => None,
    };
    Some(text.filter(|t| !t.contains('\r') && !t.split('\n').any(|l| l.starts_with('/'))))
}

/// [`split_docs`] in the syntax tree of `item`, for the items whose attributes are only
/// where this looks (on the item, its fields and variants, and the methods of an `impl`
/// block without macro calls or items in their bodies); `false`, having split nothing,
/// for any other.
pub(super) fn split_docs_in(item: &mut syn::Item) -> bool {
    match item {
        syn::Item::Struct(s) => {
            split_attrs(&mut s.attrs);
            for field in s.fields.iter_mut() {
                split_attrs(&mut field.attrs);
            }
        }
        syn::Item::Enum(e) => {
            split_attrs(&mut e.attrs);
            for variant in &mut e.variants {
                split_attrs(&mut variant.attrs);
                for field in variant.fields.iter_mut() {
                    split_attrs(&mut field.attrs);
                }
            }
        }
        syn::Item::Impl(block) => {
            let plain = block.items.iter().all(|inner| match inner {
                syn::ImplItem::Fn(f) => f.block.stmts.iter().all(|stmt| {
                    !matches!(stmt, syn::Stmt::Item(_) | syn::Stmt::Macro(_))
                        && !matches!(stmt, syn::Stmt::Expr(syn::Expr::Macro(_), _))
                }),
                syn::ImplItem::Type(_) | syn::ImplItem::Const(_) => true,
                syn::ImplItem::Macro(m) => m.mac.tokens.is_empty(),
                _ => false,
            });
            if !plain {
                return false;
            }
            split_attrs(&mut block.attrs);
            for inner in &mut block.items {
                match inner {
                    syn::ImplItem::Fn(f) => split_attrs(&mut f.attrs),
                    syn::ImplItem::Type(t) => split_attrs(&mut t.attrs),
                    syn::ImplItem::Const(c) => split_attrs(&mut c.attrs),
                    syn::ImplItem::Macro(m) => split_attrs(&mut m.attrs),
                    _ => {}
                }
            }
        }
        _ => return false,
    }
    true
}

/// `attrs` with each outer doc attribute of several lines made one a line.
fn split_attrs(attrs: &mut Vec<Attribute>) {
    // The attributes [`doc_lines`] splits.
    let lines_of = |attr: &Attribute| match attr.style {
        AttrStyle::Outer => several_lines(&attr.meta),
        AttrStyle::Inner(_) => None,
    };
    if !attrs.iter().any(|attr| lines_of(attr).is_some()) {
        return;
    }
    let mut split = Vec::with_capacity(attrs.len());
    for attr in attrs.drain(..) {
        let Some(text) = lines_of(&attr) else {
            split.push(attr);
            continue;
        };
        for line in text.split('\n') {
            let mut one = attr.clone();
            if let Meta::NameValue(nv) = &mut one.meta {
                nv.value = Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: Lit::Str(syn::LitStr::new(line, proc_macro2::Span::call_site())),
                });
            }
            split.push(one);
        }
    }
    *attrs = split;
}

/// `tokens` with each doc attribute of several lines (as [`crate::emit`] writes docs)
/// made one attribute a line, which prettyplease writes as `///` lines (it would write
/// one attribute of several lines as a `/** */` block); `None` if there is none.
pub(super) fn split_docs(tokens: TokenStream) -> Option<TokenStream> {
    let mut split = false;
    let out = split_within(tokens, &mut split);
    split.then_some(out)
}

/// [`split_docs`] on `tokens`, setting `split` if it split any.
fn split_within(tokens: TokenStream, split: &mut bool) -> TokenStream {
    let mut out = TokenStream::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Punct(hash) if hash.as_char() == '#' => {
                let lines = match tokens.peek() {
                    Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => {
                        doc_lines(g.stream())
                    }
                    _ => None,
                };
                match lines {
                    Some(lines) => {
                        *split = true;
                        tokens.next();
                        out.extend(lines.iter().map(|line| quote::quote!(#[doc = #line])));
                    }
                    None => out.extend([TokenTree::Punct(hash)]),
                }
            }
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), split_within(g.stream(), split));
                group.set_span(g.span());
                out.extend([TokenTree::Group(group)]);
            }
            token => out.extend([token]),
        }
    }
    out
}

/// The lines of `doc = "..."` (the inside of an outer attribute), where it has several.
fn doc_lines(meta: TokenStream) -> Option<Vec<String>> {
    let text = several_lines(&syn::parse2::<Meta>(meta).ok()?)?;
    Some(text.split('\n').map(str::to_owned).collect())
}

/// The text of `doc = "..."`, where it has several lines.
fn several_lines(meta: &Meta) -> Option<String> {
    let Meta::NameValue(nv) = meta else {
        return None;
    };
    let Expr::Lit(syn::ExprLit {
        lit: Lit::Str(text),
        ..
    }) = &nv.value
    else {
        return None;
    };
    let text = text.value();
    (nv.path.is_ident("doc") && text.contains('\n')).then_some(text)
}

/// An attribute's content as [`flat`] and [`block`] lay it out: a path, `path = literal`,
/// or `path(items)`, each part as written.
enum Arg {
    Path(String),
    NameValue(String, String),
    List(String, Vec<Arg>),
}

impl Arg {
    /// `meta` as an [`Arg`]; `None` where it is something else. A list's items are read
    /// from its tokens ([`Arg::items`]), or parsed where they are not that plain.
    fn of(meta: &Meta) -> Option<Arg> {
        match meta {
            Meta::Path(p) => Some(Arg::Path(path(p)?)),
            Meta::NameValue(nv) => Some(Arg::NameValue(path(&nv.path)?, literal(&nv.value)?)),
            Meta::List(list) => {
                if !matches!(list.delimiter, MacroDelimiter::Paren(_)) {
                    return None;
                }
                let items = match Arg::items(list.tokens.clone()) {
                    Some(items) => items,
                    None => nested(list)?
                        .iter()
                        .map(Arg::of)
                        .collect::<Option<Vec<_>>>()?,
                };
                Some(Arg::List(path(&list.path)?, items))
            }
        }
    }

    /// The items of a list in parentheses, read from its tokens without a parse: most
    /// attributes' are paths, `name = literal` pairs and lists of those; `None` where they
    /// are something else. rustfmt drops a trailing comma.
    fn items(tokens: TokenStream) -> Option<Vec<Arg>> {
        let mut items = Vec::new();
        let mut tokens = tokens.into_iter().peekable();
        while tokens.peek().is_some() {
            // A path: `::`-separated identifiers.
            let mut path = String::new();
            loop {
                match tokens.next()? {
                    TokenTree::Ident(ident) => write!(path, "{ident}").ok()?,
                    _ => return None,
                }
                match tokens.peek() {
                    Some(TokenTree::Punct(p)) if p.as_char() == ':' => {
                        tokens.next();
                        match tokens.next()? {
                            TokenTree::Punct(p) if p.as_char() == ':' => path.push_str("::"),
                            _ => return None,
                        }
                    }
                    _ => break,
                }
            }
            let item = match tokens.next() {
                None => {
                    items.push(Arg::Path(path));
                    break;
                }
                Some(TokenTree::Punct(p)) if p.as_char() == ',' => {
                    items.push(Arg::Path(path));
                    continue;
                }
                Some(TokenTree::Punct(p)) if p.as_char() == '=' => match tokens.next()? {
                    TokenTree::Literal(literal) => Arg::NameValue(path, literal.to_string()),
                    _ => return None,
                },
                Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
                    Arg::List(path, Arg::items(g.stream())?)
                }
                Some(_) => return None,
            };
            items.push(item);
            match tokens.next() {
                None => break,
                Some(TokenTree::Punct(p)) if p.as_char() == ',' => {}
                Some(_) => return None,
            }
        }
        Some(items)
    }
}

/// The items of a list in parentheses, parsed; rustfmt drops a trailing comma.
fn nested(list: &syn::MetaList) -> Option<Vec<Meta>> {
    list.parse_args_with(Punctuated::<Meta, syn::Token![,]>::parse_terminated)
        .ok()
        .map(|nested| nested.into_iter().collect())
}

/// Writes an attribute's content on one line at the end of `out`, where rustfmt would
/// keep it there: with `limited`, each list of two items or more is no wider than
/// [`ATTR_ARGS_WIDTH`]. `None` where it would not, or where `out` would grow longer than
/// `max` (as soon as it does: a long list is not written whole to learn that).
fn flat(arg: &Arg, limited: bool, out: &mut String, max: usize) -> Option<()> {
    match arg {
        Arg::Path(path) => out.push_str(path),
        Arg::NameValue(path, value) => {
            out.push_str(path);
            out.push_str(" = ");
            out.push_str(value);
        }
        Arg::List(path, items) => {
            out.push_str(path);
            out.push('(');
            let start = out.len();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flat(item, limited, out, max)?;
            }
            let wide = out.len() - start > ATTR_ARGS_WIDTH;
            if limited && items.len() >= 2 && wide {
                return None;
            }
            out.push(')');
        }
    }
    (out.len() <= max).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attribute `source` (its content), read from its tokens and by a parse.
    fn both(source: &str) -> (Option<Arg>, Option<Arg>) {
        let meta: Meta = syn::parse_str(source).expect("parses");
        let read = Arg::of(&meta);
        let parsed = match &meta {
            Meta::List(list) => nested(list)
                .and_then(|items| items.iter().map(Arg::of).collect::<Option<Vec<_>>>())
                .zip(path(&list.path))
                .map(|(items, path)| Arg::List(path, items)),
            _ => Arg::of(&meta),
        };
        (read, parsed)
    }

    #[test]
    fn arguments_read_from_tokens_are_those_a_parse_reads() {
        let long = format!("feature = \"{}\"", "a".repeat(60));
        for source in [
            "serde(rename = \"a\", default, skip_serializing_if = \"Option::is_none\")",
            "derive(Debug, Clone, PartialEq, serde::Serialize)",
            "cfg(any(feature = \"a\", feature = \"b\"))",
            "cfg(all(feature = \"a\", not(feature = \"b\")),)",
            "allow(clippy::large_enum_variant)",
            "must_use = \"a builder does nothing\"",
            "serde()",
            &format!("cfg(any({long}, {long}, {long}))"),
        ] {
            let (read, parsed) = both(source);
            let (read, parsed) = (read.expect(source), parsed.expect(source));
            for limited in [false, true] {
                let (mut a, mut b) = (String::new(), String::new());
                assert_eq!(
                    flat(&read, limited, &mut a, usize::MAX),
                    flat(&parsed, limited, &mut b, usize::MAX),
                    "{source}"
                );
                assert_eq!(a, b, "{source}");
            }
            let (mut a, mut b) = (String::new(), String::new());
            assert_eq!(
                block(&read, "    ", "#[", "]", MAX_WIDTH, &mut a),
                block(&parsed, "    ", "#[", "]", MAX_WIDTH, &mut b)
            );
            assert_eq!(a, b, "{source}");
        }
        // Not plain enough to read from tokens: a parse reads them, or nothing does.
        for source in ["serde(with = path)", "a(b: c)", "a(b = 1 + 2)", "a(-1)"] {
            let meta: Meta = syn::parse_str(source).expect("parses");
            let Meta::List(list) = &meta else {
                panic!("{source} is a list");
            };
            assert!(Arg::items(list.tokens.clone()).is_none(), "{source}");
        }
    }
}
