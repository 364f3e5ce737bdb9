//! Expressions on one line (paths, literals, fields, calls, method calls, macro calls,
//! references, arrays), within rustfmt's widths for each, and struct literals, on one
//! line while their fields are short.

use syn::punctuated::Punctuated;
use syn::{Expr, ExprStruct, FieldValue, MacroDelimiter, Member};

use super::syntax::{literal, path};
use super::{line, push, INDENT, MAX_WIDTH};

/// rustfmt's `fn_call_width`: the widest list of two arguments or more it keeps on the
/// line of a call.
pub(super) const CALL_ARGS_WIDTH: usize = 60;

/// rustfmt's `chain_width`: the widest chain of two links or more it keeps on one line.
const CHAIN_WIDTH: usize = 60;

/// rustfmt's `array_width`: the widest items of an array it keeps on one line.
pub(super) const ARRAY_WIDTH: usize = 60;

/// rustfmt's `short_array_element_width_threshold`: where every item of an array too wide
/// for one line is this short, rustfmt puts several on a line.
pub(super) const SHORT_ITEM_WIDTH: usize = 10;

/// rustfmt's `struct_lit_width`: the widest fields of a struct literal it keeps on the
/// literal's line.
const STRUCT_LIT_WIDTH: usize = 18;

/// A struct literal this module writes: its path and its fields.
pub(super) struct StructLiteral<'a> {
    pub(super) name: String,
    fields: Vec<Field<'a>>,
}

/// A field of a struct literal.
struct Field<'a> {
    name: String,
    /// Its value, unless it is the same as its name.
    value: Option<&'a Expr>,
    /// Its value on one line, where rustfmt keeps it there ([`flat`]).
    flat: Option<String>,
}

impl<'a> StructLiteral<'a> {
    /// `s`, where it has named fields (at least one) and nothing else: no attributes, no
    /// qualified path, no `..rest`.
    pub(super) fn of(s: &'a ExprStruct) -> Option<StructLiteral<'a>> {
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
        let fields = self
            .fields
            .iter()
            .map(|field| match (field.value, &field.flat) {
                (None, _) => Some(field.name.clone()),
                (Some(_), flat) => Some([&field.name, ": ", flat.as_ref()?].concat()),
            })
            .collect::<Option<Vec<_>>>()?;
        let joined = fields.join(", ");
        if joined.len() > STRUCT_LIT_WIDTH {
            return None;
        }
        let one = [head, &self.name, " { ", &joined, " }", tail].concat();
        (one.len() <= width).then_some(one)
    }

    /// The literal opening at `indent` after `head` (on the same line), followed by `tail`:
    /// on one line where it is no wider than `width`, else opening on a line no wider,
    /// with its fields below, each on one line or, for a struct literal or an array,
    /// broken the same way; `trailing_comma` puts a comma after its last field where they
    /// go one a line (as rustfmt does, but not in a macro's arguments).
    pub(super) fn write(
        &self,
        (head, indent, tail): (&str, &str, &str),
        width: usize,
        trailing_comma: bool,
        out: &mut String,
    ) -> Option<()> {
        if let Some(one) = self.one_line(head, tail, width) {
            return push(out, &one);
        }
        let open = [head, &self.name, " {"].concat();
        (open.len() <= width).then_some(())?;
        push(out, &open)?;
        let inner = [indent, INDENT].concat();
        for (n, Field { name, value, flat }) in self.fields.iter().enumerate() {
            let comma = if trailing_comma || n + 1 < self.fields.len() {
                ","
            } else {
                ""
            };
            let text = match (value, flat) {
                (None, _) => name.clone(),
                (Some(_), Some(text)) => [name, ": ", text].concat(),
                (Some(value), None) => {
                    let head = [&inner, name, ": "].concat();
                    self::value(value, (&head, &inner, comma), width, out)?;
                    continue;
                }
            };
            let text = [inner.as_str(), &text].concat();
            // rustfmt keeps a column for the comma even where it writes none.
            if text.len() >= MAX_WIDTH {
                let value = value.filter(|_| trailing_comma)?;
                long_value(&inner, name, value, flat.as_deref()?, out)?;
                continue;
            }
            push(out, &[&text, comma].concat())?;
        }
        line(out, [indent, "}", tail].concat())
    }
}

/// A field `name: value,` at `indent` too wide for its line (measured): a call of a
/// method without arguments on a name (`id.into()`) breaks before the call where the
/// name fits after the field's; a literal (such as a long path in a string), or such a
/// call that does not break so, moves to a line of its own where it fits there (its comma
/// may go one column past the maximum). Where it fits nowhere, rustfmt leaves the whole
/// item as it is given, which is not written here.
fn long_value(indent: &str, name: &str, value: &Expr, text: &str, out: &mut String) -> Option<()> {
    let call = match value {
        Expr::MethodCall(m)
            if m.attrs.is_empty()
                && m.args.is_empty()
                && m.turbofish.is_none()
                && matches!(&*m.receiver, Expr::Path(_)) =>
        {
            Some(m)
        }
        Expr::Lit(_) => None,
        _ => return None,
    };
    if let Some(call) = call {
        let head = format!("{indent}{name}: {}", flat(&call.receiver)?);
        if head.len() < MAX_WIDTH {
            push(out, &head)?;
            return push(out, &format!("{indent}{INDENT}.{}(),", call.method));
        }
    }
    let moved = format!("{indent}{INDENT}{text}");
    (moved.len() <= MAX_WIDTH).then_some(())?;
    push(out, &format!("{indent}{name}:"))?;
    push(out, &format!("{moved},"))
}

/// A field of a struct literal, where it is named and has no attributes.
fn field(f: &FieldValue) -> Option<Field<'_>> {
    if !f.attrs.is_empty() {
        return None;
    }
    let Member::Named(name) = &f.member else {
        return None;
    };
    let value = f.colon_token.as_ref().map(|_| &f.expr);
    Some(Field {
        name: name.to_string(),
        value,
        flat: value.and_then(flat),
    })
}

/// `expr` after `head` (on the same line) at `indent`, followed by `tail`: on one line
/// where it fits in `width`; a struct literal or an array (perhaps borrowed) that does
/// not, broken as rustfmt breaks it.
pub(super) fn value(
    expr: &Expr,
    (head, indent, tail): (&str, &str, &str),
    width: usize,
    out: &mut String,
) -> Option<()> {
    if let Some(text) = flat(expr) {
        let one = format!("{head}{text}{tail}");
        return (one.len() <= width).then(|| push(out, &one))?;
    }
    match expr {
        Expr::Struct(s) => StructLiteral::of(s)?.write((head, indent, tail), width, true, out),
        Expr::Reference(r) if r.attrs.is_empty() && r.mutability.is_none() => {
            value(&r.expr, (&format!("{head}&"), indent, tail), width, out)
        }
        Expr::Array(a) if a.attrs.is_empty() => array(&a.elems, (head, indent, tail), width, out),
        _ => None,
    }
}

/// An array too wide for one line, or of a struct literal that is: a lone struct literal
/// opens on the array's line, as a lone argument on a call's; else the items go one a
/// line.
fn array(
    items: &Punctuated<Expr, syn::Token![,]>,
    (head, indent, tail): (&str, &str, &str),
    width: usize,
    out: &mut String,
) -> Option<()> {
    if let (1, Some(Expr::Struct(s))) = (items.len(), items.first()) {
        let (head, tail) = (format!("{head}["), format!("]{tail}"));
        return StructLiteral::of(s)?.write((&head, indent, &tail), width, true, out);
    }
    let short = items
        .iter()
        .all(|item| flat(item).is_some_and(|text| text.len() <= SHORT_ITEM_WIDTH));
    if items.is_empty() || short {
        // rustfmt puts several short items on a line.
        return None;
    }
    line(out, format!("{head}["))?;
    let inner = format!("{indent}{INDENT}");
    for item in items {
        value(item, (&inner, &inner, ","), width, out)?;
    }
    line(out, format!("{indent}]{tail}"))
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
            chain([flat(&f.base)?, ".".to_owned(), member].concat(), expr)
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
            Some([&flat(&c.func)?, "(", &arguments(&c.args)?, ")"].concat())
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
        // rustfmt lays out a macro call whose arguments are expressions as a call.
        Expr::Macro(m)
            if m.attrs.is_empty() && matches!(m.mac.delimiter, MacroDelimiter::Paren(_)) =>
        {
            let args = m
                .mac
                .parse_body_with(Punctuated::<Expr, syn::Token![,]>::parse_terminated)
                .ok()
                .filter(|args| !args.trailing_punct())?;
            Some(format!("{}!({})", path(&m.mac.path)?, arguments(&args)?))
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
