//! The pieces of an item that rustfmt writes as they are: literals, visibilities, types
//! and paths, each on one line; and a type's generic arguments one a line.

use std::borrow::Cow;
use std::fmt::Write;

use syn::{Expr, GenericArgument, Lit, PathArguments, Type, TypeParamBound, Visibility};

use super::{line, push, INDENT, MAX_WIDTH};

/// A literal as written.
pub(super) fn literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(lit) => lit_text(lit),
        _ => None,
    }
}

/// A literal expression (or pattern) as written.
pub(super) fn lit_text(lit: &syn::ExprLit) -> Option<String> {
    lit.attrs
        .is_empty()
        .then(|| quote::ToTokens::to_token_stream(&lit.lit).to_string())
}

/// An enum discriminant: an integer, perhaps negative.
pub(super) fn discriminant(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(lit) if matches!(lit.lit, Lit::Int(_)) => literal(expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) && u.attrs.is_empty() => {
            match &*u.expr {
                Expr::Lit(lit) if matches!(lit.lit, Lit::Int(_)) => {
                    Some(format!("-{}", literal(&u.expr)?))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

pub(super) fn vis(vis: &Visibility) -> Option<Cow<'static, str>> {
    match vis {
        Visibility::Public(_) => Some(Cow::Borrowed("pub ")),
        Visibility::Inherited => Some(Cow::Borrowed("")),
        Visibility::Restricted(r) if r.in_token.is_none() => {
            Some(Cow::Owned(["pub(", &path(&r.path)?, ") "].concat()))
        }
        Visibility::Restricted(_) => None,
    }
}

/// A type as rustfmt writes it on one line.
pub(super) fn ty(ty: &Type) -> Option<String> {
    let mut text = String::new();
    write_ty(ty, &mut text)?;
    Some(text)
}

/// [`ty`], written at the end of `out` (with what it could write of it where it fails).
fn write_ty(ty: &Type, out: &mut String) -> Option<()> {
    match ty {
        Type::Path(p) if p.qself.is_none() => write_path(&p.path, out)?,
        Type::Tuple(t) if t.elems.len() != 1 => {
            out.push('(');
            write_list(&t.elems, out, write_ty)?;
            out.push(')');
        }
        Type::Reference(r) => {
            out.push('&');
            if let Some(lifetime) = &r.lifetime {
                write!(out, "{lifetime} ").ok()?;
            }
            if r.mutability.is_some() {
                out.push_str("mut ");
            }
            write_ty(&r.elem, out)?;
        }
        Type::Slice(s) => {
            out.push('[');
            write_ty(&s.elem, out)?;
            out.push(']');
        }
        Type::Group(g) => write_ty(&g.elem, out)?,
        Type::ImplTrait(i) => {
            out.push_str("impl ");
            for (n, bound) in i.bounds.iter().enumerate() {
                if n > 0 {
                    out.push_str(" + ");
                }
                match bound {
                    TypeParamBound::Trait(t)
                        if t.paren_token.is_none()
                            && t.lifetimes.is_none()
                            && t.maybe.is_none() =>
                    {
                        write_path(&t.path, out)?;
                    }
                    TypeParamBound::Lifetime(l) => write!(out, "{l}").ok()?,
                    _ => return None,
                }
            }
        }
        _ => return None,
    }
    Some(())
}

/// A type that ends in generic arguments (`Result<T, E>`, `impl Future<Output = T>`), as
/// the text before its `<` and each argument's.
pub(super) fn generics(ty: &Type) -> Option<(String, Vec<&GenericArgument>)> {
    let path = match ty {
        Type::Path(p) if p.qself.is_none() => &p.path,
        Type::ImplTrait(i) if i.bounds.len() == 1 => match i.bounds.first()? {
            TypeParamBound::Trait(t) => &t.path,
            _ => return None,
        },
        _ => return None,
    };
    let PathArguments::AngleBracketed(args) = &path.segments.last()?.arguments else {
        return None;
    };
    let mut suffix = String::from("<");
    write_list(&args.args, &mut suffix, write_generic_argument)?;
    suffix.push('>');
    let whole = self::ty(ty)?;
    let outer = whole.strip_suffix(&suffix)?;
    Some((outer.to_owned(), args.args.iter().collect()))
}

/// A path with its generic arguments, where they are types and lifetimes.
pub(super) fn path(path: &syn::Path) -> Option<String> {
    let mut text = String::new();
    write_path(path, &mut text)?;
    Some(text)
}

/// [`path`], written at the end of `out` (with what it could write of it where it fails).
fn write_path(path: &syn::Path, out: &mut String) -> Option<()> {
    if path.leading_colon.is_some() {
        out.push_str("::");
    }
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        write!(out, "{}", segment.ident).ok()?;
        match &segment.arguments {
            PathArguments::None => {}
            PathArguments::AngleBracketed(args) if args.colon2_token.is_none() => {
                out.push('<');
                write_list(&args.args, out, write_generic_argument)?;
                out.push('>');
            }
            _ => return None,
        }
    }
    Some(())
}

/// `items`, each written by `write`, separated by `, `.
fn write_list<'a, T: 'a>(
    items: impl IntoIterator<Item = &'a T>,
    out: &mut String,
    write: fn(&T, &mut String) -> Option<()>,
) -> Option<()> {
    for (n, item) in items.into_iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        write(item, out)?;
    }
    Some(())
}

/// A generic argument: a type, a lifetime, or an associated type's binding.
pub(super) fn generic_argument(arg: &GenericArgument) -> Option<String> {
    let mut text = String::new();
    write_generic_argument(arg, &mut text)?;
    Some(text)
}

/// [`generic_argument`], written at the end of `out`.
fn write_generic_argument(arg: &GenericArgument, out: &mut String) -> Option<()> {
    match arg {
        GenericArgument::Type(t) => write_ty(t, out),
        GenericArgument::Lifetime(l) => write!(out, "{l}").ok(),
        GenericArgument::AssocType(a) if a.generics.is_none() => {
            write!(out, "{} = ", a.ident).ok()?;
            write_ty(&a.ty, out)
        }
        _ => None,
    }
}

/// A generic argument at `indent`, and a comma: on one line where it fits, else its own
/// type's generic arguments one a line, one level deeper.
pub(super) fn generic_lines(
    argument: &GenericArgument,
    indent: &str,
    out: &mut String,
) -> Option<()> {
    let one = [indent, &generic_argument(argument)?, ","].concat();
    if one.len() <= MAX_WIDTH {
        return push(out, &one);
    }
    let (binding, ty) = match argument {
        GenericArgument::Type(ty) => (String::new(), ty),
        GenericArgument::AssocType(a) if a.generics.is_none() => (format!("{} = ", a.ident), &a.ty),
        _ => return None,
    };
    broken_generics(&format!("{indent}{binding}"), ty, indent, ",", out)
}

/// Whether rustfmt can't fit `ty` where [`broken_generics`] would lay it out at
/// `indent`: an argument it can't break (a path without generic arguments) is too long
/// for its line. `None` for a type with an argument of another kind (not a type, or a
/// type that is not a path), where what rustfmt does is not known here.
pub(super) fn unbreakable(ty: &Type, indent: &str) -> Option<bool> {
    let (_, arguments) = generics(ty)?;
    let deeper = [indent, INDENT].concat();
    for argument in arguments {
        let GenericArgument::Type(inner) = argument else {
            return None;
        };
        let one = deeper.len() + generic_argument(argument)?.len() + ",".len();
        if one <= MAX_WIDTH {
            continue;
        }
        let too_long = match inner {
            Type::Path(p) if generics(inner).is_none() && p.qself.is_none() => true,
            _ => unbreakable(inner, &deeper)?,
        };
        if too_long {
            return Some(true);
        }
    }
    Some(false)
}

/// The column prettyplease breaks a line before (its margin).
const PRETTYPLEASE_MARGIN: usize = 89;

/// `ty` after `head` as prettyplease lays it out where it does not fit on the line: its
/// generic arguments one a line, one level deeper than `indent`, and its `>` back at
/// `indent`, followed by `tail`; an argument broken the same way where its line, comma
/// included, would pass prettyplease's margin, else on one line (whatever its length). rustfmt
/// leaves a parameter's type that it can't fit ([`unbreakable`]) as it is given, and it
/// is given prettyplease's text.
pub(super) fn given_generics(
    head: &str,
    ty: &Type,
    indent: &str,
    tail: &str,
    out: &mut String,
) -> Option<()> {
    let (outer, arguments) = generics(ty)?;
    push(out, &[head, &outer, "<"].concat())?;
    let deeper = [indent, INDENT].concat();
    for argument in arguments {
        let one = generic_argument(argument)?;
        let nested = match argument {
            GenericArgument::Type(inner) => generics(inner).map(|_| inner),
            _ => None,
        };
        match nested {
            // Its line, comma and all, past the margin.
            Some(inner) if deeper.len() + one.len() + ",".len() > PRETTYPLEASE_MARGIN => {
                given_generics(&deeper, inner, &deeper, ",", out)?;
            }
            _ => push(out, &[&deeper, &one, ","].concat())?,
        }
    }
    push(out, &[indent, ">", tail].concat())
}

/// `ty` after `head` (on the same line) with its generic arguments one a line, one level
/// deeper than `indent` (each broken the same way where it does not fit), and its `>`
/// back at `indent`, followed by `tail`.
pub(super) fn broken_generics(
    head: &str,
    ty: &Type,
    indent: &str,
    tail: &str,
    out: &mut String,
) -> Option<()> {
    let (outer, arguments) = generics(ty)?;
    line(out, [head, &outer, "<"].concat())?;
    let deeper = [indent, INDENT].concat();
    for argument in arguments {
        generic_lines(argument, &deeper, out)?;
    }
    push(out, &[indent, ">", tail].concat())
}
