//! A method's statements: bindings, assignments, expressions, calls (perhaps of a closure),
//! `if` without `else`, and `match`es of one-line arms; each on one line where it fits, or broken as rustfmt
//! breaks it.

use syn::{
    Block, Expr, ExprArray, ExprCall, ExprIf, ExprMatch, ExprMethodCall, Pat, ReturnType, Stmt,
};

use super::expr::{flat, StructLiteral, ARRAY_WIDTH, CALL_ARGS_WIDTH, SHORT_ITEM_WIDTH};
use super::syntax::{lit_text, path};
use super::{assign, line, push, INDENT, MAX_WIDTH};

/// The widest line on which rustfmt opens the body of a closure that is a call's last
/// argument (measured: the rule is not a setting).
const CLOSURE_OPENING_WIDTH: usize = MAX_WIDTH - 2;

/// A block's statements at `indent`: expressions, each with its semicolon but the last.
pub(super) fn body(block: &Block, indent: &str, out: &mut String) -> Option<()> {
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
        name @ Pat::Ident(_) => pattern(name)?,
        _ => return None,
    };
    if !local.attrs.is_empty() || matches!(&*init.expr, Expr::Struct(_)) {
        return None;
    }
    let head = [indent, "let ", &name, " ="].concat();
    if let Expr::MethodCall(call) = &*init.expr {
        if let Expr::Array(array) = &*call.receiver {
            return array_call(&head, array, call, indent, out);
        }
    }
    let deeper = [indent, INDENT].concat();
    assign(out, &head, &flat(&init.expr)?, ";", &deeper)
}

/// `let name = [items].method();` after `head` at `indent`: on one line where it fits,
/// else the items one a line (where one is not short enough for rustfmt to put several
/// on a line) and the call on a line of its own.
fn array_call(
    head: &str,
    array: &ExprArray,
    call: &ExprMethodCall,
    indent: &str,
    out: &mut String,
) -> Option<()> {
    if !call.args.is_empty() || call.turbofish.is_some() || !array.attrs.is_empty() {
        return None;
    }
    let items = array.elems.iter().map(flat).collect::<Option<Vec<_>>>()?;
    let joined = items.join(", ");
    if joined.len() <= ARRAY_WIDTH {
        // On one line where it fits; where it does not, rustfmt chooses where to break.
        return line(out, format!("{head} [{joined}].{}();", call.method));
    }
    if items.iter().all(|item| item.len() <= SHORT_ITEM_WIDTH) {
        return None;
    }
    line(out, format!("{head} ["))?;
    for item in &items {
        line(out, format!("{indent}{INDENT}{item},"))?;
    }
    line(out, format!("{indent}]"))?;
    line(out, format!("{indent}.{}();", call.method))
}

/// An expression statement at `indent`, followed by `tail`.
fn statement(expr: &Expr, tail: &str, indent: &str, out: &mut String) -> Option<()> {
    match expr {
        Expr::Assign(a) if a.attrs.is_empty() => {
            let head = [indent, &flat(&a.left)?, " ="].concat();
            assign(
                out,
                &head,
                &flat(&a.right)?,
                tail,
                &[indent, INDENT].concat(),
            )
        }
        Expr::Struct(s) => {
            StructLiteral::of(s)?.write((indent, indent, tail), MAX_WIDTH, true, out)
        }
        Expr::If(i) if tail.is_empty() => if_statement(i, indent, out),
        Expr::Match(m) => match_block(m, indent, indent, tail, out),
        // `return match x { ... };` opens the `match` on its line.
        Expr::Return(r)
            if r.attrs.is_empty() && matches!(r.expr.as_deref(), Some(Expr::Match(_))) =>
        {
            match r.expr.as_deref() {
                Some(Expr::Match(m)) => {
                    match_block(m, &[indent, "return "].concat(), indent, tail, out)
                }
                _ => None,
            }
        }
        // A call of one `match` (`Err(match x { ... })`) opens the `match` on its line.
        Expr::Call(c) if c.attrs.is_empty() && matches!(c.args.first(), Some(Expr::Match(_))) => {
            match c.args.first() {
                Some(Expr::Match(m)) if c.args.len() == 1 => {
                    let head = format!("{indent}{}(", flat(&c.func)?);
                    match_block(m, &head, indent, &format!("){tail}"), out)
                }
                _ => None,
            }
        }
        Expr::Call(c) if matches!(c.args.last(), Some(Expr::Closure(_))) => {
            closure_call(c, tail, indent, out)
        }
        _ => match flat(expr) {
            Some(text) if indent.len() + text.len() + tail.len() <= MAX_WIDTH => {
                push(out, &[indent, &text, tail].concat())
            }
            _ => call_by_lines(expr, tail, indent, out),
        },
    }
}

/// A call (`f(a, b)`, `name.f(a, b)`, either perhaps with `?`) of two arguments or more
/// that does not fit on its line, at `indent`: its arguments one a line.
fn call_by_lines(expr: &Expr, tail: &str, indent: &str, out: &mut String) -> Option<()> {
    let (call, question) = match expr {
        Expr::Try(t) if t.attrs.is_empty() => (&*t.expr, "?"),
        _ => (expr, ""),
    };
    let (head, args) = match call {
        Expr::Call(c) if c.attrs.is_empty() => (flat(&c.func)?, &c.args),
        // A receiver of one name: rustfmt breaks no chain before the call.
        Expr::MethodCall(m)
            if m.attrs.is_empty()
                && m.turbofish.is_none()
                && matches!(&*m.receiver, Expr::Path(p) if p.path.get_ident().is_some()) =>
        {
            (format!("{}.{}", flat(&m.receiver)?, m.method), &m.args)
        }
        _ => return None,
    };
    if args.len() < 2 {
        // rustfmt may lay out a lone argument after the parenthesis.
        return None;
    }
    line(out, format!("{indent}{head}("))?;
    for arg in args {
        line(out, format!("{indent}{INDENT}{},", flat(arg)?))?;
    }
    line(out, format!("{indent}){question}{tail}"))
}

/// A call at `indent` whose last argument of two or more is a closure with a block body
/// (`Pages::new(name, start, move |cursor, follow_up| { ... })`): where the other
/// arguments and the closure's head fit on the call's line, rustfmt opens the body there.
fn closure_call(call: &ExprCall, tail: &str, indent: &str, out: &mut String) -> Option<()> {
    let args: Vec<&Expr> = call.args.iter().collect();
    let (Some((Expr::Closure(closure), before)), false) = (args.split_last(), args.len() < 2)
    else {
        return None;
    };
    let Expr::Block(block) = &*closure.body else {
        return None;
    };
    if !call.attrs.is_empty()
        || !closure.attrs.is_empty()
        || closure.lifetimes.is_some()
        || closure.constness.is_some()
        || closure.asyncness.is_some()
        || !matches!(closure.output, ReturnType::Default)
        || !block.attrs.is_empty()
        || block.label.is_some()
    {
        return None;
    }
    let params = closure
        .inputs
        .iter()
        .map(pattern)
        .collect::<Option<Vec<_>>>()?;
    let capture = if closure.capture.is_some() {
        "move "
    } else {
        ""
    };
    let mut args = before
        .iter()
        .map(|arg| flat(arg))
        .collect::<Option<Vec<_>>>()?;
    args.push(format!("{capture}|{}| {{", params.join(", ")));
    let args = args.join(", ");
    let open = format!("{indent}{}({args}", flat(&call.func)?);
    (args.len() < CALL_ARGS_WIDTH && open.len() <= CLOSURE_OPENING_WIDTH).then_some(())?;
    push(out, &open)?;
    body(&block.block, &format!("{indent}{INDENT}"), out)?;
    line(out, format!("{indent}}}){tail}"))
}

/// `if condition { ... }`, without `else`, at `indent`.
fn if_statement(i: &ExprIf, indent: &str, out: &mut String) -> Option<()> {
    if !i.attrs.is_empty() || i.else_branch.is_some() {
        return None;
    }
    let condition = match &*i.cond {
        Expr::Let(l) if l.attrs.is_empty() => {
            format!("let {} = {}", pattern(&l.pat)?, flat(&l.expr)?)
        }
        condition => flat(condition)?,
    };
    line(out, format!("{indent}if {condition} {{"))?;
    body(&i.then_branch, &format!("{indent}{INDENT}"), out)?;
    line(out, format!("{indent}}}"))
}

/// A `match` at `indent`, opening after `head` (on the same line) and closing before
/// `tail`: an arm on one line where it fits, else its value in a block of its own.
fn match_block(
    m: &ExprMatch,
    head: &str,
    indent: &str,
    tail: &str,
    out: &mut String,
) -> Option<()> {
    if !m.attrs.is_empty() || m.arms.is_empty() {
        return None;
    }
    line(out, format!("{head}match {} {{", flat(&m.expr)?))?;
    let inner = format!("{indent}{INDENT}");
    for arm in &m.arms {
        if !arm.attrs.is_empty() {
            return None;
        }
        let pattern = pattern(&arm.pat)?;
        let value = flat(&arm.body)?;
        let one = format!("{inner}{pattern} => {value},");
        if one.len() <= MAX_WIDTH {
            push(out, &one)?;
        } else {
            line(out, format!("{inner}{pattern} => {{"))?;
            line(out, format!("{inner}{INDENT}{value}"))?;
            line(out, format!("{inner}}}"))?;
        }
    }
    line(out, format!("{indent}}}{tail}"))
}

/// A pattern on one line: a name, `_`, a literal, a range of literals, a path, a tuple
/// struct's, or several of those joined by `|` (a guard, `x if ...`, is none of these).
pub(super) fn pattern(pat: &Pat) -> Option<String> {
    match pat {
        Pat::Ident(p) if p.attrs.is_empty() && p.by_ref.is_none() && p.subpat.is_none() => {
            let mutability = if p.mutability.is_some() { "mut " } else { "" };
            Some([mutability, &p.ident.to_string()].concat())
        }
        Pat::Wild(w) if w.attrs.is_empty() => Some("_".to_owned()),
        Pat::Lit(l) => lit_text(l),
        Pat::Path(p) if p.attrs.is_empty() && p.qself.is_none() => path(&p.path),
        Pat::TupleStruct(t) if t.attrs.is_empty() && t.qself.is_none() => {
            let fields = t.elems.iter().map(pattern).collect::<Option<Vec<_>>>()?;
            Some(format!("{}({})", path(&t.path)?, fields.join(", ")))
        }
        Pat::Range(r) if r.attrs.is_empty() => {
            let bound = |bound: &Option<Box<Expr>>| match bound.as_deref() {
                Some(lit @ Expr::Lit(_)) => flat(lit),
                _ => None,
            };
            let limits = match r.limits {
                syn::RangeLimits::Closed(_) => "..=",
                syn::RangeLimits::HalfOpen(_) => "..",
            };
            Some(format!("{}{limits}{}", bound(&r.start)?, bound(&r.end)?))
        }
        Pat::Or(o) if o.attrs.is_empty() && o.leading_vert.is_none() => {
            let cases = o.cases.iter().map(pattern).collect::<Option<Vec<_>>>()?;
            Some(cases.join(" | "))
        }
        _ => None,
    }
}
