//! Structs, enums and type aliases: a field or variant a line, a type moved to a line of
//! its own where it does not fit after its name.

use std::fmt::Write;

use syn::{Fields, ItemEnum, ItemStruct, ItemType, Visibility};

use super::attrs::attrs;
use super::syntax::{discriminant, ty, vis};
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
            line(out, format!("{head} {{"))?;
            for field in &named.named {
                attrs(&field.attrs, INDENT, out)?;
                let name = field.ident.as_ref()?;
                let head = format!("{INDENT}{}{name}:", vis(&field.vis)?);
                assign(
                    out,
                    &head,
                    &ty(&field.ty)?,
                    ",",
                    &format!("{INDENT}{INDENT}"),
                )?;
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
    line(out, format!("{}enum {} {{", vis(&e.vis)?, e.ident))?;
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
        line(out, text)?;
    }
    out.push_str("}\n");
    Some(())
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
