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
                writeln!(out, "{indent}///{}", line.trim_end_matches(' ')).ok()?;
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
            let line = format!("{indent}#[{}]", flat(&attr.meta, false)?);
            (line.len() <= max - DERIVE_MARGIN).then_some(())?;
            push(out, &line)?;
        } else {
            block(&attr.meta, indent, "#[", "]", max, out)?;
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
        block(&attr.meta, "", "#![", "]", MAX_WIDTH, out)?;
    }
    Some(())
}

/// `meta` at `indent`, after `head` and before `tail`: on one line where it fits;
/// else, where it is a list, its only item a list laid out after it (`cfg(any(`), or
/// its items one a line, one level deeper.
fn block(
    meta: &Meta,
    indent: &str,
    head: &str,
    tail: &str,
    max: usize,
    out: &mut String,
) -> Option<()> {
    if let Some(flat) = flat(meta, true) {
        let line = format!("{indent}{head}{flat}{tail}");
        if line.len() <= max {
            return push(out, &line);
        }
    }
    let Meta::List(list) = meta else {
        return None;
    };
    let path = path(&list.path)?;
    let items = nested(list)?;
    if let [only @ Meta::List(_)] = items.as_slice() {
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
    let lines_of = |attr: &Attribute| {
        let (AttrStyle::Outer, Meta::NameValue(nv)) = (&attr.style, &attr.meta) else {
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
    let Meta::NameValue(nv) = syn::parse2::<Meta>(meta).ok()? else {
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
    (nv.path.is_ident("doc") && text.contains('\n'))
        .then(|| text.split('\n').map(str::to_owned).collect())
}

/// The items of a list in parentheses; rustfmt drops a trailing comma.
fn nested(list: &syn::MetaList) -> Option<Vec<Meta>> {
    if !matches!(list.delimiter, MacroDelimiter::Paren(_)) {
        return None;
    }
    let nested = list
        .parse_args_with(Punctuated::<Meta, syn::Token![,]>::parse_terminated)
        .ok()?;
    Some(nested.into_iter().collect())
}

/// An attribute's content on one line, where rustfmt would keep it there: with
/// `limited`, each list of two items or more is no wider than [`ATTR_ARGS_WIDTH`].
fn flat(meta: &Meta, limited: bool) -> Option<String> {
    match meta {
        Meta::Path(path) => self::path(path),
        Meta::NameValue(nv) => Some(format!("{} = {}", path(&nv.path)?, literal(&nv.value)?)),
        Meta::List(list) => {
            if let Some(known) = flat_args(&list.tokens, limited) {
                // Read without a parse.
                return Some(format!("{}({})", path(&list.path)?, known?));
            }
            let items = nested(list)?;
            let args = items
                .iter()
                .map(|item| flat(item, limited))
                .collect::<Option<Vec<_>>>()?
                .join(", ");
            let path = path(&list.path)?;
            (!limited || items.len() < 2 || args.len() <= ATTR_ARGS_WIDTH)
                .then(|| format!("{path}({args})"))
        }
    }
}

/// [`flat`]'s text of a list's arguments, read from their tokens without a parse: most
/// attributes' arguments are paths, `name = literal` pairs and lists of those. `Some(None)`
/// where they are of those but a list is too wide (see [`flat`]); `None` where they are
/// something else, for [`flat`] to parse.
fn flat_args(tokens: &TokenStream, limited: bool) -> Option<Option<String>> {
    let mut text = String::new();
    let mut count = 0;
    let mut tokens = tokens.clone().into_iter().peekable();
    while tokens.peek().is_some() {
        if count > 0 {
            text.push_str(", ");
        }
        count += 1;
        // A path: `::`-separated identifiers.
        loop {
            match tokens.next()? {
                TokenTree::Ident(ident) => write!(text, "{ident}").ok()?,
                _ => return None,
            }
            match tokens.peek() {
                Some(TokenTree::Punct(p)) if p.as_char() == ':' => {
                    tokens.next();
                    match tokens.next()? {
                        TokenTree::Punct(p) if p.as_char() == ':' => text.push_str("::"),
                        _ => return None,
                    }
                }
                _ => break,
            }
        }
        match tokens.next() {
            None => break,
            Some(TokenTree::Punct(p)) if p.as_char() == ',' => continue,
            Some(TokenTree::Punct(p)) if p.as_char() == '=' => match tokens.next()? {
                TokenTree::Literal(literal) => write!(text, " = {literal}").ok()?,
                _ => return None,
            },
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
                match flat_args(&g.stream(), limited)? {
                    Some(inner) => write!(text, "({inner})").ok()?,
                    None => return Some(None),
                }
            }
            Some(_) => return None,
        }
        match tokens.next() {
            None => break,
            Some(TokenTree::Punct(p)) if p.as_char() == ',' => {}
            Some(_) => return None,
        }
    }
    Some((!limited || count < 2 || text.len() <= ATTR_ARGS_WIDTH).then_some(text))
}
