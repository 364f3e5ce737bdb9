//! Structs, enums and type aliases: a field or variant a line, a type moved to a line of
//! its own where it does not fit after its name, or its generic arguments one a line where
//! it fits on neither.

use std::fmt::Write;

use syn::{Fields, ItemEnum, ItemStruct, ItemType, Visibility};

use super::attrs::attrs;
use super::syntax::{broken_generics, discriminant, ty, vis};
use super::{assign, line, plain, push, INDENT, MAX_WIDTH};

/// A struct with named fields, or none, or one unnamed field.
pub(super) fn structure(s: &ItemStruct, out: &mut String) -> Option<()> {
    if !plain(&s.generics) {
        return None;
    }
    attrs(&s.attrs, "", out)?;
    let head = format!("{}struct {}", vis(&s.vis)?, s.ident);
    match &s.fields {
        Fields::Named(named) if !named.named.is_empty() => {
            open(&head, out)?;
            for field in &named.named {
                attrs(&field.attrs, INDENT, out)?;
                let name = field.ident.as_ref()?;
                let head = format!("{INDENT}{}{name}:", vis(&field.vis)?);
                field_type(&head, &field.ty, out)?;
            }
            out.push_str("}\n");
        }
        Fields::Unit => line(out, format!("{head};"))?,
        Fields::Unnamed(unnamed) => match unnamed.unnamed.first() {
            // rustfmt keeps one field on the line however long it is, but may break a
            // list of two.
            Some(field) if unnamed.unnamed.len() == 1 && field.attrs.is_empty() => {
                let ty = ty(&field.ty)?;
                line(out, format!("{head}({}{ty});", vis(&field.vis)?))?;
            }
            _ => return None,
        },
        Fields::Named(_) => return None,
    }
    Some(())
}

/// An enum whose variants are units, or hold one unnamed field.
pub(super) fn enumeration(e: &ItemEnum, out: &mut String) -> Option<()> {
    if !plain(&e.generics) {
        return None;
    }
    attrs(&e.attrs, "", out)?;
    if e.variants.is_empty() {
        return line(out, format!("{}enum {} {{}}", vis(&e.vis)?, e.ident));
    }
    open(&format!("{}enum {}", vis(&e.vis)?, e.ident), out)?;
    for variant in &e.variants {
        attrs(&variant.attrs, INDENT, out)?;
        let mut text = format!("{INDENT}{}", variant.ident);
        match &variant.fields {
            Fields::Unit => {}
            Fields::Unnamed(unnamed) => match unnamed.unnamed.first() {
                Some(field)
                    if unnamed.unnamed.len() == 1
                        && field.attrs.is_empty()
                        && matches!(field.vis, Visibility::Inherited) =>
                {
                    write!(text, "({})", ty(&field.ty)?).ok()?;
                }
                _ => return None,
            },
            Fields::Named(_) => return None,
        }
        if let Some((_, value)) = &variant.discriminant {
            write!(text, " = {}", discriminant(value)?).ok()?;
        }
        text.push(',');
        match (&variant.fields, &variant.discriminant) {
            (Fields::Unnamed(unnamed), None) if text.len() > MAX_WIDTH => {
                // Its type on a line of its own.
                let field = unnamed.unnamed.first()?;
                push(out, &format!("{INDENT}{}(", variant.ident))?;
                line(out, format!("{INDENT}{INDENT}{},", ty(&field.ty)?))?;
                push(out, &format!("{INDENT}),"))?;
            }
            _ => line(out, text)?,
        }
    }
    out.push_str("}\n");
    Some(())
}

/// The line that opens a struct's or an enum's body after `head` (`pub struct Name`):
/// with its brace where that fits, else the brace on a line of its own.
fn open(head: &str, out: &mut String) -> Option<()> {
    let one = format!("{head} {{");
    if one.len() <= MAX_WIDTH {
        return push(out, &one);
    }
    line(out, head.to_owned())?;
    push(out, "{")
}

/// A field's type after `head` (`    pub name:`), with its comma: on the field's line where
/// it fits, else on a line of its own, else with its generic arguments one a line.
fn field_type(head: &str, field_ty: &syn::Type, out: &mut String) -> Option<()> {
    let text = ty(field_ty)?;
    let deeper = format!("{INDENT}{INDENT}");
    if format!("{head} {text},").len() <= MAX_WIDTH || format!("{deeper}{text},").len() <= MAX_WIDTH
    {
        return assign(out, head, &text, ",", &deeper);
    }
    broken_generics(&format!("{head} "), field_ty, INDENT, ",", out)
}

/// A type alias.
pub(super) fn alias(t: &ItemType, out: &mut String) -> Option<()> {
    if !plain(&t.generics) {
        return None;
    }
    attrs(&t.attrs, "", out)?;
    let head = format!("{}type {} =", vis(&t.vis)?, t.ident);
    let ty = ty(&t.ty)?;
    if head.len() > MAX_WIDTH {
        // rustfmt leaves a name too long for the line as it is, and moves the type.
        push(out, &head)?;
        return line(out, format!("{INDENT}{ty};"));
    }
    assign(out, &head, &ty, ";", INDENT)
}
