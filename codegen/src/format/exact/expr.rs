//! Expressions on one line (paths, literals, fields, calls, method calls, references,
//! arrays), within rustfmt's widths for each, and struct literals, on one line while
//! their fields are short.

use syn::punctuated::Punctuated;
use syn::{Expr, ExprStruct, FieldValue, Member};

use super::syntax::{literal, path};
use super::{line, push, INDENT, MAX_WIDTH};

/// rustfmt's `fn_call_width`: the widest list of two arguments or more it keeps on the
/// line of a call.
pub(super) const CALL_ARGS_WIDTH: usize = 60;

/// rustfmt's `chain_width`: the widest chain of two links or more it keeps on one line.
const CHAIN_WIDTH: usize = 60;

/// rustfmt's `array_width`: the widest items of an array it keeps on one line.
pub(super) const ARRAY_WIDTH: usize = 60;

/// rustfmt's `struct_lit_width`: the widest fields of a struct literal it keeps on the
/// literal's line.
const STRUCT_LIT_WIDTH: usize = 18;

/// A struct literal this module writes: its path and its fields, each on one line.
pub(super) struct StructLiteral {
    pub(super) name: String,
    fields: Vec<String>,
}

impl StructLiteral {
    /// `s`, where it has named fields (at least one) and nothing else: no attributes, no
    /// qualified path, no `..rest`.
    pub(super) fn of(s: &ExprStruct) -> Option<StructLiteral> {
        if !s.attrs.is_empty()
            || s.qself.is_some()
            || s.rest.is_some()
            || s.dot2_token.is_some()
            || s.fields.is_empty()
        {
            return None;
        }
        Some(StructLiteral {
            name: path(&s.path)?,
            fields: s.fields.iter().map(field).collect::<Option<Vec<_>>>()?,
        })
    }

    /// The literal on one line after `head` and before `tail`, where its fields are short
    /// enough and the line is no wider than `width`.
    pub(super) fn one_line(&self, head: &str, tail: &str, width: usize) -> Option<String> {
        let joined = self.fields.join(", ");
        let one = format!("{head}{} {{ {joined} }}{tail}", self.name);
        (joined.len() <= STRUCT_LIT_WIDTH && one.len() <= width).then_some(one)
    }

    /// The literal opening at `indent` after `head` (on the same line), followed by `tail`:
    /// on one line where it is no wider than `width`, else opening on a line no wider,
    /// with its fields below; `comma` puts a comma after its last field where they go one
    /// a line (as rustfmt does, but not in a macro's arguments).
    pub(super) fn write(
        &self,
        (head, indent, tail): (&str, &str, &str),
        width: usize,
        comma: bool,
        out: &mut String,
    ) -> Option<()> {
        if let Some(one) = self.one_line(head, tail, width) {
            return push(out, &one);
        }
        let open = format!("{head}{} {{", self.name);
        (open.len() <= width).then_some(())?;
        push(out, &open)?;
        for (n, field) in self.fields.iter().enumerate() {
            let comma = if comma || n + 1 < self.fields.len() {
                ","
            } else {
                ""
            };
            let text = format!("{indent}{INDENT}{field}");
            // rustfmt keeps a column for the comma even where it writes none.
            (text.len() < MAX_WIDTH).then_some(())?;
            push(out, &format!("{text}{comma}"))?;
        }
        line(out, format!("{indent}}}{tail}"))
    }
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
pub(super) fn flat(expr: &Expr) -> Option<String> {
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
        Expr::Return(r) if r.attrs.is_empty() => match &r.expr {
            Some(value) => Some(format!("return {}", flat(value)?)),
            None => Some("return".to_owned()),
        },
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
