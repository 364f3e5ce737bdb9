//! `impl` blocks of methods, `static` and `const` items, and the macro calls whose
//! arguments rustfmt leaves as they are.
//!
//! A method's parameters stay on its line where the signature fits, else go one a line;
//! its body is `block.rs`'s.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use syn::{
    Expr, FnArg, ImplItem, ImplItemFn, Item, ItemImpl, ItemMacro, MacroDelimiter, Pat,
    ReceiverKind, ReturnType,
};

use super::attrs::attrs;
use super::block::{body, pattern};
use super::expr::{self, StructLiteral};
use super::syntax::{broken_generics, generics, given_generics, path, ty, unbreakable, vis};
use super::{assign, line, plain, push, INDENT, MAX_WIDTH};

/// How much shorter than the maximum rustfmt keeps the line that closes a method's
/// parameters, one a line, with its return type and the brace that opens its body.
const RETURN_MARGIN: usize = 4;

/// The widest return type, of one and of two generic arguments, that rustfmt keeps whole
/// (even past the maximum width) after a method's parameters, one a line, with the brace
/// on a line of its own; a wider one has its arguments one a line. (Measured: rustfmt's
/// rule is not a setting.)
const WHOLE_RETURN_TYPE: [usize; 2] = [98, 93];

/// How far past the maximum width rustfmt keeps the line that closes a method's
/// parameters with a return type it can't break, its brace on the next line (measured).
const PLAIN_RETURN_OVERFLOW: usize = 2;

/// How far past the maximum width rustfmt keeps a parameter of an `impl Trait` type on
/// its line (measured: it does not count `impl `).
const IMPL_TRAIT_OVERFLOW: usize = "impl ".len();

/// An inherent or trait `impl` block of methods.
pub(super) fn implementation(i: &ItemImpl, out: &mut String) -> Option<()> {
    if !plain(&i.generics)
        || i.unsafety.is_some()
        || i.modifiers.defaultness.is_some()
        || i.modifiers.polarity.is_some()
    {
        return None;
    }
    attrs(&i.attrs, "", out)?;
    let head = head(i)?;
    if i.items.is_empty() {
        // An empty block closes on its line.
        let [one] = head.as_slice() else {
            return None;
        };
        return push(out, &format!("{}}}", one));
    }
    for line in head {
        push(out, &line)?;
    }
    for (n, item) in i.items.iter().enumerate() {
        if n > 0 {
            // The blank line `space_items` puts between an `impl` block's items.
            out.push('\n');
        }
        impl_item(item, INDENT, out)?;
    }
    out.push_str("}\n");
    Some(())
}

/// The lines that open an `impl` block: one where it fits; else, for a trait's, the
/// type on a line of its own after `for`, and the brace on the next (measured). `None`
/// where they do not fit.
fn head(i: &ItemImpl) -> Option<Vec<String>> {
    let self_ty = ty(&i.self_ty)?;
    let (one, broken) = match &i.trait_ {
        None => (format!("impl {self_ty} {{"), None),
        Some((trait_, _)) => {
            let trait_ = path(trait_)?;
            (
                format!("impl {trait_} for {self_ty} {{"),
                Some([
                    format!("impl {trait_}"),
                    format!("{INDENT}for {self_ty}"),
                    "{".to_owned(),
                ]),
            )
        }
    };
    if one.len() <= MAX_WIDTH {
        return Some(vec![one]);
    }
    let broken = broken?;
    broken
        .iter()
        .all(|line| line.len() <= MAX_WIDTH)
        .then(|| broken.to_vec())
}

/// Whether rustfmt formats the items of an `impl` block one by one: it leaves a block
/// whose opening lines it can't fit as it is given, items and all.
pub(super) fn formattable(i: &ItemImpl) -> bool {
    plain(&i.generics) && head(i).is_some()
}

/// An item of an `impl` block at `indent`: a method, an associated type, or a macro call
/// without arguments.
pub(super) fn impl_item(item: &ImplItem, indent: &str, out: &mut String) -> Option<()> {
    match item {
        ImplItem::Fn(f) => method(f, indent, out),
        ImplItem::Type(t)
            if t.attrs.is_empty() && t.modifiers.defaultness.is_none() && plain(&t.generics) =>
        {
            let head = [indent, &vis(&t.vis)?, "type ", &t.ident.to_string(), " ="].concat();
            assign(out, &head, &ty(&t.ty)?, ";", &[indent, INDENT].concat())
        }
        ImplItem::Macro(m)
            if m.attrs.is_empty()
                && m.semi_token.is_some()
                && m.mac.tokens.is_empty()
                && matches!(m.mac.delimiter, MacroDelimiter::Paren(_)) =>
        {
            line(out, format!("{indent}{}!();", path(&m.mac.path)?))
        }
        _ => None,
    }
}

/// A method at `indent`.
fn method(f: &ImplItemFn, indent: &str, out: &mut String) -> Option<()> {
    let sig = &f.sig;
    if sig.constness.is_some()
        || sig.asyncness.is_some()
        || !matches!(sig.safety, syn::Safety::Default)
        || sig.abi.is_some()
        || sig.variadic.is_some()
        || !plain(&sig.generics)
        || f.modifiers.defaultness.is_some()
    {
        return None;
    }
    attrs(&f.attrs, indent, out)?;
    let params = sig.inputs.iter().map(param).collect::<Option<Vec<_>>>()?;
    let (ret, ret_ty) = match &sig.output {
        ReturnType::Default => (String::new(), None),
        ReturnType::Type(_, t) => ([" -> ", &ty(t)?].concat(), Some(&**t)),
    };
    let head = [indent, &vis(&f.vis)?, "fn ", &sig.ident.to_string(), "("].concat();
    let one = [&head, &params.join(", "), ")", &ret, " {"].concat();
    if one.len() <= MAX_WIDTH {
        push(out, &one)?;
    } else if params.is_empty() {
        return None;
    } else {
        push(out, &head)?;
        for (arg, text) in sig.inputs.iter().zip(&params) {
            param_line(arg, text, &[indent, INDENT].concat(), out)?;
        }
        let close = [indent, ")", &ret, " {"].concat();
        if close.len() <= MAX_WIDTH - RETURN_MARGIN {
            push(out, &close)?;
        } else if ret_ty.is_some_and(|t| generics(t).is_none()) {
            // A type rustfmt can't break: the brace goes to a line of its own.
            let whole = format!("{indent}){ret}");
            (whole.len() <= MAX_WIDTH + PLAIN_RETURN_OVERFLOW).then_some(())?;
            push(out, &whole)?;
            push(out, &format!("{indent}{{"))?;
        } else {
            let (_, arguments) = generics(ret_ty?)?;
            let widest = *WHOLE_RETURN_TYPE.get(arguments.len().checked_sub(1)?)?;
            if ret.len() <= widest + " -> ".len() {
                // The brace goes to a line of its own.
                push(out, &format!("{indent}){ret}"))?;
                push(out, &format!("{indent}{{"))?;
            } else {
                // The type's generic arguments go one a line.
                broken_generics(&format!("{indent}) -> "), ret_ty?, indent, " {", out)?;
            }
        }
    }
    body(&f.block, &[indent, INDENT].concat(), out)?;
    push(out, &[indent, "}"].concat())
}

/// A parameter (`text`) on a line of its own at `indent`, with its comma, where it fits
/// (with an `impl Trait` type, [`IMPL_TRAIT_OVERFLOW`] columns past the maximum); else
/// its type's generic arguments one a line, as rustfmt breaks them or, where it can't
/// make them fit, as prettyplease did.
fn param_line(arg: &FnArg, text: &str, indent: &str, out: &mut String) -> Option<()> {
    let one = [indent, text, ","].concat();
    let FnArg::Typed(typed) = arg else {
        return line(out, one);
    };
    let overflow = match &*typed.ty {
        syn::Type::ImplTrait(_) => IMPL_TRAIT_OVERFLOW,
        _ => 0,
    };
    if one.len() <= MAX_WIDTH + overflow {
        return push(out, &one);
    }
    let head = format!("{indent}{}: ", pattern(&typed.pat)?);
    if unbreakable(&typed.ty, indent) == Some(true) {
        // rustfmt leaves it as it is given, which is prettyplease's, where its first line
        // fits.
        let (outer, _) = generics(&typed.ty)?;
        (head.len() + outer.len() + "<".len() <= MAX_WIDTH).then_some(())?;
        return given_generics(&head, &typed.ty, indent, ",", out);
    }
    broken_generics(&head, &typed.ty, indent, ",", out)
}

/// A parameter: a receiver, or a name and its type.
fn param(arg: &FnArg) -> Option<String> {
    match arg {
        FnArg::Receiver(r) if r.attrs.is_empty() => {
            let mut text = String::new();
            match &r.kind {
                ReceiverKind::Value => {}
                ReceiverKind::Reference(_, lifetime, mutability) => {
                    text.push('&');
                    if let Some(lifetime) = lifetime {
                        text.push_str(&format!("{lifetime} "));
                    }
                    if mutability.is_some() {
                        text.push_str("mut ");
                    }
                }
                _ => return None,
            }
            if r.mutability.is_some() {
                text.push_str("mut ");
            }
            Some(text + "self")
        }
        FnArg::Typed(t) if t.attrs.is_empty() => match &*t.pat {
            name @ Pat::Ident(_) => Some([pattern(name)?, ": ".to_owned(), ty(&t.ty)?].concat()),
            _ => None,
        },
        _ => None,
    }
}

/// A `static` or `const` item whose value fits on its line or is a struct literal or an
/// array ([`expr::value`]).
pub(super) fn constant(
    attrs_of: &[syn::Attribute],
    head: String,
    value: &Expr,
    out: &mut String,
) -> Option<()> {
    attrs(attrs_of, "", out)?;
    expr::value(value, (&head, "", ";"), MAX_WIDTH, out)
}

/// A macro call at the top level: in braces, one whose body is lists of fields
/// ([`field_lists`]); in parentheses, one whose arguments rustfmt can't read
/// ([`verbatim`]).
pub(super) fn macro_call(m: &ItemMacro, out: &mut String) -> Option<()> {
    if m.ident.is_some() {
        return None;
    }
    match m.mac.delimiter {
        MacroDelimiter::Brace(_) => field_lists(m, out),
        MacroDelimiter::Paren(_) => {
            attrs(&m.attrs, "", out)?;
            verbatim(m, out)
        }
        MacroDelimiter::Bracket(_) => None,
    }
}

/// A `static` whose value is a struct literal with a field whose literal fits on no line,
/// neither after the field's name nor on a line of its own (in a large API, an operation's
/// long path): rustfmt keeps the text it is given, which is `prettyplease`'s (which
/// [`expr`]'s `long_value` leaves to it). `None` for any other `static`.
pub(super) fn left_as_given(s: &syn::ItemStatic) -> Option<String> {
    let Expr::Struct(literal) = &*s.expr else {
        return None;
    };
    let nowhere = literal.fields.iter().any(|f| {
        let (syn::Member::Named(name), Expr::Lit(lit)) = (&f.member, &f.expr) else {
            return false;
        };
        let Some(text) = expr::flat(&f.expr).filter(|_| lit.attrs.is_empty()) else {
            return false;
        };
        // After the name, with a column kept for the comma; on a line of its own, with
        // the comma one column past the maximum.
        let after = INDENT.len() + format!("{name}: ").len() + text.len();
        let own = 2 * INDENT.len() + text.len();
        after >= MAX_WIDTH && own > MAX_WIDTH
    });
    if !s.attrs.is_empty() || !nowhere || StructLiteral::of(literal).is_none() {
        return None;
    }
    Some(super::printed(Item::Static(s.clone())))
}

/// A macro call in braces whose body is named lists of typed fields, each field with its
/// name on the wire where it has one (`deserialize_struct! { Name { id: i64, "type" =>
/// type_: String } optional { .. } }`): rustfmt keeps a braced call's body as it is given,
/// so it is laid out here as a person would, each list opening on a line of its own and
/// its fields below it, one a line. Read from the tokens, not parsed: a large API's
/// models have tens of thousands of such fields.
fn field_lists(m: &ItemMacro, out: &mut String) -> Option<()> {
    let mut body = String::new();
    let mut tokens = m.mac.tokens.clone().into_iter();
    while let Some(name) = tokens.next() {
        let (TokenTree::Ident(name), Some(TokenTree::Group(list))) = (name, tokens.next()) else {
            return None;
        };
        (list.delimiter() == Delimiter::Brace).then_some(())?;
        let fields = comma_separated(list.stream())?;
        if fields.is_empty() {
            writeln!(body, "{INDENT}{name} {{}}").ok()?;
            continue;
        }
        writeln!(body, "{INDENT}{name} {{").ok()?;
        for field in fields {
            // `"wire" => name: Type` or `name: Type`.
            let named = match &field[..] {
                [TokenTree::Literal(_), TokenTree::Punct(_), TokenTree::Punct(_), rest @ ..] => {
                    rest
                }
                all => all,
            };
            let [TokenTree::Ident(_), TokenTree::Punct(colon), _, ..] = named else {
                return None;
            };
            (colon.as_char() == ':' && colon.spacing() == Spacing::Alone).then_some(())?;
            body.push_str(INDENT);
            body.push_str(INDENT);
            typed_field(field, &mut body)?;
            body.push_str(",\n");
        }
        writeln!(body, "{INDENT}}}").ok()?;
    }
    attrs(&m.attrs, "", out)?;
    push(out, &format!("{}! {{", path(&m.mac.path)?))?;
    // Kept as given, the body's lines are not measured: any width, any characters.
    out.push_str(&body);
    push(out, "}")
}

/// The items of a list of tokens separated by commas outside angle brackets (a type's
/// generic arguments), without a trailing comma.
fn comma_separated(tokens: TokenStream) -> Option<Vec<Vec<TokenTree>>> {
    let mut items = vec![Vec::new()];
    let mut depth = 0usize;
    let mut after_equals = false;
    for token in tokens {
        if let TokenTree::Punct(p) = &token {
            match p.as_char() {
                ',' if depth == 0 => {
                    items.push(Vec::new());
                    continue;
                }
                '<' => depth += 1,
                // The `>` of `=>` closes nothing.
                '>' if !after_equals => depth = depth.checked_sub(1)?,
                _ => {}
            }
        }
        after_equals = matches!(&token, TokenTree::Punct(p) if p.as_char() == '=');
        items.last_mut()?.push(token);
    }
    if items.last().is_some_and(Vec::is_empty) {
        items.pop();
    }
    Some(items)
}

/// A field of [`field_lists`] as written by hand: `"wire" => name: Option<Vec<String>>`,
/// `pair: (i64, String)`. `None` for tokens no such field has.
fn typed_field(tokens: Vec<TokenTree>, out: &mut String) -> Option<()> {
    let mut tokens = tokens.into_iter();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Ident(ident) => write!(out, "{ident}").ok()?,
            TokenTree::Literal(literal) => write!(out, "{literal}").ok()?,
            TokenTree::Punct(p) => match (p.as_char(), p.spacing()) {
                (':', Spacing::Joint) => {
                    let next = tokens.next();
                    matches!(&next, Some(TokenTree::Punct(q)) if q.as_char() == ':')
                        .then_some(())?;
                    out.push_str("::");
                }
                (':', Spacing::Alone) => out.push_str(": "),
                (',', _) => out.push_str(", "),
                ('<' | '>', _) => out.push(p.as_char()),
                ('=', Spacing::Joint) => {
                    let next = tokens.next();
                    matches!(&next, Some(TokenTree::Punct(q)) if q.as_char() == '>')
                        .then_some(())?;
                    out.push_str(" => ");
                }
                _ => return None,
            },
            TokenTree::Group(group) if group.delimiter() == Delimiter::Parenthesis => {
                // A tuple, `(i64, String)`; one of one item keeps its comma, `(i64,)`.
                let trailing_comma = matches!(
                    group.stream().into_iter().last(),
                    Some(TokenTree::Punct(p)) if p.as_char() == ','
                );
                let items = comma_separated(group.stream())?;
                let one = items.len() == 1;
                out.push('(');
                for (n, item) in items.into_iter().enumerate() {
                    if n > 0 {
                        out.push_str(", ");
                    }
                    typed_field(item, out)?;
                }
                if one && trailing_comma {
                    out.push(',');
                }
                out.push(')');
            }
            TokenTree::Group(_) => return None,
        }
    }
    Some(())
}

/// A macro call at the top level whose arguments rustfmt can't read as expressions,
/// types, patterns or items (such as `open_enum!(Name { A("a") } else Unknown)`): rustfmt
/// keeps the text it is given, which is `prettyplease`'s.
fn verbatim(m: &ItemMacro, out: &mut String) -> Option<()> {
    if syn::parse::Parser::parse2(macro_arguments, m.mac.tokens.clone()).is_ok() {
        return None;
    }
    let mac = &m.mac;
    let bare: Item = syn::parse2(quote::quote!(#mac;)).ok()?;
    out.push_str(&super::printed(bare));
    Some(())
}

/// Arguments as rustfmt reads a macro's: expressions, types, patterns or items,
/// separated by commas or semicolons.
fn macro_arguments(input: syn::parse::ParseStream<'_>) -> syn::Result<()> {
    use syn::parse::discouraged::Speculative;
    while !input.is_empty() {
        let parsed = [
            |fork: syn::parse::ParseStream<'_>| fork.parse::<Expr>().map(drop),
            |fork: syn::parse::ParseStream<'_>| fork.parse::<syn::Type>().map(drop),
            |fork: syn::parse::ParseStream<'_>| Pat::parse_multi(fork).map(drop),
            |fork: syn::parse::ParseStream<'_>| fork.parse::<Item>().map(drop),
        ]
        .into_iter()
        .find_map(|parse| {
            let fork = input.fork();
            let ok = parse(&fork).is_ok()
                && (fork.is_empty() || fork.peek(syn::Token![,]) || fork.peek(syn::Token![;]));
            ok.then_some(fork)
        });
        match parsed {
            Some(fork) => input.advance_to(&fork),
            None => return Err(input.error("not a macro argument rustfmt reads")),
        }
        if !input.is_empty() {
            if input.peek(syn::Token![,]) {
                input.parse::<syn::Token![,]>()?;
            } else {
                input.parse::<syn::Token![;]>()?;
            }
        }
    }
    Ok(())
}
