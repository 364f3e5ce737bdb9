//! `impl` blocks of short methods, and macro calls whose argument is a struct literal.
//!
//! A method's parameters stay on its line where the signature fits, else go one a line.
//! Its statements are expressions of paths, fields, calls and method calls, each on one
//! line, an assignment's right side moved to a line of its own where it does not fit; a
//! struct literal keeps its fields on its line only while they are short.

use syn::punctuated::Punctuated;
use syn::{
    Block, Expr, ExprStruct, FieldValue, FnArg, ImplItem, ImplItemFn, ItemImpl, ItemMacro,
    MacroDelimiter, Member, Pat, ReceiverKind, ReturnType, Stmt,
};

use super::attrs::attrs;
use super::syntax::{literal, path, ty, vis};
use super::{assign, line, plain, push, INDENT, MAX_WIDTH};

/// rustfmt's `fn_call_width`: the widest list of two arguments or more it keeps on the
/// line of a call.
const CALL_ARGS_WIDTH: usize = 60;

/// rustfmt's `chain_width`: the widest chain of two links or more it keeps on one line.
const CHAIN_WIDTH: usize = 60;

/// How much shorter than the maximum rustfmt keeps the line that closes a method's
/// parameters, one a line, with its return type and the brace that opens its body.
const RETURN_MARGIN: usize = 4;

/// rustfmt's `array_width`: the widest items of an array it keeps on one line.
const ARRAY_WIDTH: usize = 60;

/// rustfmt's `struct_lit_width`: the widest fields of a struct literal it keeps on the
/// literal's line.
const STRUCT_LIT_WIDTH: usize = 18;

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
    line(out, head(i)?)?;
    if i.items.is_empty() {
        return None;
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

/// The line that opens an `impl` block, as it is given.
fn head(i: &ItemImpl) -> Option<String> {
    let self_ty = ty(&i.self_ty)?;
    Some(match &i.trait_ {
        None => format!("impl {self_ty} {{"),
        Some((trait_, _)) => format!("impl {} for {self_ty} {{", path(trait_)?),
    })
}

/// Whether rustfmt formats the items of an `impl` block one by one: it leaves a block
/// whose opening line it can't fit as it is given, items and all.
pub(super) fn formattable(i: &ItemImpl) -> bool {
    plain(&i.generics) && head(i).is_some_and(|head| head.len() <= MAX_WIDTH)
}

/// An item of an `impl` block at `indent`: a method, or a macro call without arguments.
pub(super) fn impl_item(item: &ImplItem, indent: &str, out: &mut String) -> Option<()> {
    match item {
        ImplItem::Fn(f) => method(f, indent, out),
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
    let ret = match &sig.output {
        ReturnType::Default => String::new(),
        ReturnType::Type(_, t) => format!(" -> {}", ty(t)?),
    };
    let head = format!("{indent}{}fn {}(", vis(&f.vis)?, sig.ident);
    let one = format!("{head}{}){ret} {{", params.join(", "));
    if one.len() <= MAX_WIDTH {
        push(out, &one)?;
    } else if params.is_empty() {
        return None;
    } else {
        push(out, &head)?;
        for param in &params {
            line(out, format!("{indent}{INDENT}{param},"))?;
        }
        let close = format!("{indent}){ret} {{");
        if close.len() <= MAX_WIDTH - RETURN_MARGIN {
            push(out, &close)?;
        } else {
            // The brace goes to a line of its own first.
            line(out, format!("{indent}){ret}"))?;
            push(out, &format!("{indent}{{"))?;
        }
    }
    body(&f.block, &format!("{indent}{INDENT}"), out)?;
    push(out, &format!("{indent}}}"))
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
            Pat::Ident(p) if p.attrs.is_empty() && p.by_ref.is_none() && p.subpat.is_none() => {
                let mutability = if p.mutability.is_some() { "mut " } else { "" };
                Some(format!("{mutability}{}: {}", p.ident, ty(&t.ty)?))
            }
            _ => None,
        },
        _ => None,
    }
}

/// A block's statements at `indent`: expressions, each with its semicolon but the last.
fn body(block: &Block, indent: &str, out: &mut String) -> Option<()> {
    if block.stmts.is_empty() {
        return None;
    }
    for stmt in &block.stmts {
        match stmt {
            Stmt::Expr(expr, semi) => {
                let tail = if semi.is_some() { ";" } else { "" };
                statement(expr, tail, indent, out)?;
            }
            Stmt::Local(local) => binding(local, indent, out)?,
            _ => return None,
        }
    }
    Some(())
}

/// `let name = value;` at `indent`, the value moved to a line of its own where it does not
/// fit.
fn binding(local: &syn::Local, indent: &str, out: &mut String) -> Option<()> {
    let init = local.init.as_ref().filter(|init| init.diverge.is_none())?;
    let name = match &local.pat {
        Pat::Ident(p) if p.attrs.is_empty() && p.by_ref.is_none() && p.subpat.is_none() => {
            let mutability = if p.mutability.is_some() { "mut " } else { "" };
            format!("{mutability}{}", p.ident)
        }
        _ => return None,
    };
    if !local.attrs.is_empty() || matches!(&*init.expr, Expr::Struct(_)) {
        return None;
    }
    let head = format!("{indent}let {name} =");
    assign(
        out,
        &head,
        &flat(&init.expr)?,
        ";",
        &format!("{indent}{INDENT}"),
    )
}

/// A `static` or `const` item whose value is a struct literal or fits on its line.
pub(super) fn constant(
    attrs_of: &[syn::Attribute],
    head: String,
    value: &Expr,
    out: &mut String,
) -> Option<()> {
    attrs(attrs_of, "", out)?;
    match value {
        Expr::Struct(s) => struct_literal(s, (&head, "", ";"), MAX_WIDTH, true, out),
        _ => line(out, format!("{head}{};", flat(value)?)),
    }
}

/// An expression statement at `indent`, followed by `tail`.
fn statement(expr: &Expr, tail: &str, indent: &str, out: &mut String) -> Option<()> {
    match expr {
        Expr::Assign(a) if a.attrs.is_empty() => {
            let head = format!("{indent}{} =", flat(&a.left)?);
            assign(
                out,
                &head,
                &flat(&a.right)?,
                tail,
                &format!("{indent}{INDENT}"),
            )
        }
        Expr::Struct(s) => struct_literal(s, (indent, indent, tail), MAX_WIDTH, true, out),
        _ => line(out, format!("{indent}{}{tail}", flat(expr)?)),
    }
}

/// A struct literal opening at `indent` after `head` (on the same line), followed by
/// `tail`, on one line where it is no wider than `width`; `comma` puts a comma after its
/// last field where they go one a line (as rustfmt does, but not in a macro's
/// arguments).
fn struct_literal(
    s: &ExprStruct,
    (head, indent, tail): (&str, &str, &str),
    width: usize,
    comma: bool,
    out: &mut String,
) -> Option<()> {
    if let Some(one) = one_line(s, head, tail, width)? {
        return push(out, &one);
    }
    let name = path(&s.path)?;
    let fields = s.fields.iter().map(field).collect::<Option<Vec<_>>>()?;
    line(out, format!("{head}{name} {{"))?;
    for (n, field) in fields.iter().enumerate() {
        let comma = if comma || n + 1 < fields.len() {
            ","
        } else {
            ""
        };
        line(out, format!("{indent}{INDENT}{field}{comma}"))?;
    }
    line(out, format!("{indent}}}{tail}"))
}

/// A struct literal on one line after `head` and before `tail`, where its fields are short
/// enough and the line is no wider than `width`: `Some(None)` where it goes on more lines,
/// `None` where it is not one this module writes.
fn one_line(s: &ExprStruct, head: &str, tail: &str, width: usize) -> Option<Option<String>> {
    if !s.attrs.is_empty()
        || s.qself.is_some()
        || s.rest.is_some()
        || s.dot2_token.is_some()
        || s.fields.is_empty()
    {
        return None;
    }
    let name = path(&s.path)?;
    let fields = s.fields.iter().map(field).collect::<Option<Vec<_>>>()?;
    let joined = fields.join(", ");
    let one = format!("{head}{name} {{ {joined} }}{tail}");
    Some((joined.len() <= STRUCT_LIT_WIDTH && one.len() <= width).then_some(one))
}

/// A field of a struct literal: its name, and its value unless it is the same.
fn field(f: &FieldValue) -> Option<String> {
    if !f.attrs.is_empty() {
        return None;
    }
    let Member::Named(name) = &f.member else {
        return None;
    };
    match f.colon_token {
        None => Some(name.to_string()),
        Some(_) => Some(format!("{name}: {}", flat(&f.expr)?)),
    }
}

/// An expression on one line, where rustfmt keeps it there: paths, literals, fields,
/// references, calls and method calls.
fn flat(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(p) if p.attrs.is_empty() && p.qself.is_none() => path(&p.path),
        Expr::Lit(_) => literal(expr),
        Expr::Field(f) if f.attrs.is_empty() => {
            let member = match &f.member {
                Member::Named(name) => name.to_string(),
                Member::Unnamed(index) => index.index.to_string(),
            };
            chain(format!("{}.{member}", flat(&f.base)?), expr)
        }
        Expr::MethodCall(m) if m.attrs.is_empty() && m.turbofish.is_none() => {
            let text = format!(
                "{}.{}({})",
                flat(&m.receiver)?,
                m.method,
                arguments(&m.args)?
            );
            chain(text, expr)
        }
        Expr::Call(c) if c.attrs.is_empty() => {
            Some(format!("{}({})", flat(&c.func)?, arguments(&c.args)?))
        }
        Expr::Reference(r) if r.attrs.is_empty() => {
            let mutability = if r.mutability.is_some() { "mut " } else { "" };
            Some(format!("&{mutability}{}", flat(&r.expr)?))
        }
        Expr::Try(t) if t.attrs.is_empty() => chain(format!("{}?", flat(&t.expr)?), expr),
        Expr::Array(a) if a.attrs.is_empty() => {
            let items = a.elems.iter().map(flat).collect::<Option<Vec<_>>>()?;
            let items = items.join(", ");
            (items.len() <= ARRAY_WIDTH).then(|| format!("[{items}]"))
        }
        _ => None,
    }
}

/// A call's arguments on its line, where rustfmt keeps them there.
fn arguments(args: &Punctuated<Expr, syn::Token![,]>) -> Option<String> {
    let text = args
        .iter()
        .map(flat)
        .collect::<Option<Vec<_>>>()?
        .join(", ");
    (args.len() < 2 || text.len() <= CALL_ARGS_WIDTH).then_some(text)
}

/// `text`, the one-line text of `expr` (a field or a method call), where rustfmt keeps
/// the chain of links it ends on one line.
fn chain(text: String, expr: &Expr) -> Option<String> {
    let mut links = 0;
    let mut link = expr;
    loop {
        match link {
            Expr::Field(f) => link = &f.base,
            Expr::MethodCall(m) => link = &m.receiver,
            Expr::Try(t) => {
                // Part of the link before it.
                link = &t.expr;
                continue;
            }
            _ => break,
        }
        links += 1;
    }
    (links < 2 || text.len() <= CHAIN_WIDTH).then_some(text)
}

/// A macro call at the top level whose argument, in parentheses, is a struct literal
/// (such as `deserialize_struct!(Name { a, b })`): rustfmt lays it out as a call's.
pub(super) fn macro_call(m: &ItemMacro, out: &mut String) -> Option<()> {
    if m.ident.is_some() || !matches!(m.mac.delimiter, MacroDelimiter::Paren(_)) {
        return None;
    }
    attrs(&m.attrs, "", out)?;
    let s: ExprStruct = syn::parse2(m.mac.tokens.clone()).ok()?;
    if s.fields.trailing_punct() {
        // rustfmt keeps the comma it is given after the last field.
        return None;
    }
    let head = format!("{}!(", path(&m.mac.path)?);
    let name = path(&s.path)?;
    let on_call_line = (&*head, "", ");");
    if one_line(&s, &head, ");", MAX_WIDTH)?.is_some()
        || format!("{name} {{").len() <= CALL_ARGS_WIDTH
    {
        // On the call's line, or opening there with its fields below.
        return struct_literal(&s, on_call_line, MAX_WIDTH - 1, false, out);
    }
    // Too wide to open on the call's line: on a line of its own, one level deeper, where
    // rustfmt keeps a column for the comma after an argument.
    line(out, head)?;
    struct_literal(&s, (INDENT, INDENT, ""), MAX_WIDTH - 1, false, out)?;
    push(out, ");")
}
