//! Structs, enums and type aliases: a field or variant a line, a type moved to a line of
//! its own where it does not fit after its name, or its generic arguments one a line where
//! it fits on neither.

use std::fmt::Write;

use syn::{Fields, ItemEnum, ItemStruct, ItemType, Visibility};

use super::attrs::attrs;
use super::syntax::{broken_generics, discriminant, ty, vis};
use super::{assign, line, plain, push, INDENT, MAX_WIDTH};

/// A struct with named fields one of whose types holds a path too long for a line of its
/// own where it would go (its generic arguments one a line): rustfmt keeps the text it is
/// given for its fields, which is `prettyplease`'s (another field too long for its line
/// broken at prettyplease's margin, not moved as rustfmt would), and lays out its
/// attributes. `None` for any other struct, and for one with a field's attribute that does
/// not fit on a line (where the two would differ).
pub(super) fn left_as_given(s: &ItemStruct) -> Option<String> {
    let Fields::Named(named) = &s.fields else {
        return None;
    };
    let too_long =
        |field: &syn::Field| widest_leaf(&field.ty, 1).is_some_and(|w| w + 1 > MAX_WIDTH);
    let fields = &named.named;
    if !fields.iter().any(too_long) || !plain(&s.generics) {
        return None;
    }
    for attr in named.named.iter().flat_map(|field| &field.attrs) {
        let mut one = String::new();
        attrs(std::slice::from_ref(attr), INDENT, &mut one)?;
        if !attr.path().is_ident("doc") && one.lines().count() != 1 {
            return None;
        }
    }
    let mut out = String::new();
    attrs(&s.attrs, "", &mut out)?;
    // Its fields' docs one attribute a line, as prettyplease writes them as `///` lines.
    let mut bare = syn::Item::Struct(ItemStruct {
        attrs: Vec::new(),
        ..s.clone()
    });
    super::attrs::split_docs_in(&mut bare);
    out.push_str(&super::printed(bare));
    Some(out)
}

/// The widest line a path in `ty` (at `depth` levels of indentation) takes where its
/// generic arguments go one a line, each level one deeper; `None` for a type that is
/// not paths and their type arguments.
fn widest_leaf(ty: &syn::Type, depth: usize) -> Option<usize> {
    let path = match ty {
        syn::Type::Path(p) if p.qself.is_none() => &p.path,
        _ => return None,
    };
    let last = path.segments.last()?;
    let own = match &last.arguments {
        syn::PathArguments::None => super::syntax::path(path)?.len(),
        _ => 0,
    };
    let mut widest = own + depth * INDENT.len();
    if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
        for arg in &args.args {
            let syn::GenericArgument::Type(inner) = arg else {
                return None;
            };
            widest = widest.max(widest_leaf(inner, depth + 1)?);
        }
    }
    Some(widest)
}

/// A struct with named fields, or none, or one unnamed field.
pub(super) fn structure(s: &ItemStruct, out: &mut String) -> Option<()> {
    if !plain(&s.generics) {
        return None;
    }
    attrs(&s.attrs, "", out)?;
    let head = [&vis(&s.vis)?, "struct ", &s.ident.to_string()].concat();
    match &s.fields {
        Fields::Named(named) if !named.named.is_empty() => {
            open(&head, out)?;
            for field in &named.named {
                attrs(&field.attrs, INDENT, out)?;
                let name = field.ident.as_ref()?;
                let head = [INDENT, &vis(&field.vis)?, &name.to_string(), ":"].concat();
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
    let one = [head, " {"].concat();
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
    let deeper = [INDENT, INDENT].concat();
    // On the field's line after `head `, or on a line of its own, with its comma.
    let fits = |before: usize| before + text.len() + ",".len() <= MAX_WIDTH;
    if fits(head.len() + " ".len()) || fits(deeper.len()) {
        return assign(out, head, &text, ",", &deeper);
    }
    broken_generics(&[head, " "].concat(), field_ty, INDENT, ",", out)
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
