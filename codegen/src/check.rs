//! Phase 4: what the IR describes that this generator can't turn into working code.
//!
//! Everything found is reported (not just the first); any error stops generation before
//! a file is written.

use std::collections::BTreeSet;

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::ir::{
    is_json, Api, Operation, ParamLocation, Security, SecurityScheme, TypeKind, TypeRef,
};

/// Reports into `cx` everything in `api` that can't be generated.
pub fn check(api: &Api, cx: &mut Ctxt) {
    for op in &api.operations {
        check_params(api, op, cx);
        check_body(op, cx);
        check_responses(op, cx);
        check_security(api, op, cx);
    }
    check_alias_cycles(api, cx);
    check_servers(api, cx);
}

/// Whether values of `ty` can be written into a URL or header as text.
fn is_text_scalar(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Uuid
        | TypeRef::DateTime
        | TypeRef::Date
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F64
        | TypeRef::Bool => true,
        TypeRef::Named(n) => match api.types.get(n).map(|t| &t.kind) {
            Some(TypeKind::Enum(_)) => true,
            Some(TypeKind::Alias(inner)) => is_text_scalar(api, inner),
            Some(TypeKind::Union(u)) => u.is_text(&api.types),
            _ => false,
        },
        TypeRef::Nullable(inner) => is_text_scalar(api, inner),
        TypeRef::Json | TypeRef::Array(_) | TypeRef::Map(_) => false,
    }
}

fn check_params(api: &Api, op: &Operation, cx: &mut Ctxt) {
    let vars: BTreeSet<&str> = op.path_vars().into_iter().collect();
    for var in &vars {
        if !op
            .params
            .iter()
            .any(|p| p.location == ParamLocation::Path && p.wire_name == *var)
        {
            cx.push(
                Diagnostic::error(&op.pointer, format!("the path template names `{{{var}}}`, but no path parameter `{var}` is declared"))
                    .help(format!("declare `- name: {var}` with `in: path` and `required: true`")),
            );
        }
    }
    for p in &op.params {
        let place = match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        };
        if p.location == ParamLocation::Path && !vars.contains(p.wire_name.as_str()) {
            cx.push(
                Diagnostic::error(
                    &p.pointer,
                    format!(
                        "path parameter `{}` does not appear in the path `{}`",
                        p.wire_name, op.path
                    ),
                )
                .help("add it to the path template or change `in`"),
            );
        }
        if p.location == ParamLocation::Cookie {
            cx.push(
                Diagnostic::error(
                    &p.pointer,
                    format!("cookie parameter `{}` is not supported", p.wire_name),
                )
                .help("send it as a header parameter, or remove it"),
            );
            continue;
        }
        if let Some(style) = &p.unsupported_style {
            cx.push(
                Diagnostic::error(
                    &p.pointer,
                    format!(
                        "{place} parameter `{}` uses `{style}`, which is not supported",
                        p.wire_name
                    ),
                )
                .help("describe the parameter with a `schema` and the default style"),
            );
            continue;
        }
        let ok = match (&p.ty, p.location) {
            (TypeRef::Array(item), ParamLocation::Query) => is_text_scalar(api, item),
            (ty, _) => is_text_scalar(api, ty),
        };
        if !ok {
            cx.push(
                Diagnostic::error(&p.pointer, format!("{place} parameter `{}` has a type that can't be written as text", p.wire_name))
                    .help("use a string, number, boolean or enum schema (or an array of them for a query parameter)"),
            );
        }
    }
}

fn check_body(op: &Operation, cx: &mut Ctxt) {
    if let Some(body) = &op.body {
        if !is_json(&body.media_type) {
            cx.push(
                Diagnostic::error(
                    &body.pointer,
                    format!(
                        "request bodies of type `{}` are not supported",
                        body.media_type
                    ),
                )
                .help("offer an `application/json` representation of the body"),
            );
        }
    }
}

fn check_responses(op: &Operation, cx: &mut Ctxt) {
    let mut kinds: Vec<(&TypeRef, &str)> = Vec::new();
    for r in op.successes() {
        if let Some(body) = &r.body {
            if !is_json(&body.media_type) && body.ty != TypeRef::String {
                cx.push(
                    Diagnostic::error(
                        &r.pointer,
                        format!("responses of type `{}` are not supported", body.media_type),
                    )
                    .help("offer an `application/json` (or `text/*`) representation"),
                );
            }
            kinds.push((&body.ty, &r.pointer));
        }
    }
    if let Some((first, _)) = kinds.first() {
        if let Some((_, at)) = kinds.iter().find(|(ty, _)| ty != first) {
            cx.push(
                Diagnostic::error(
                    *at,
                    format!(
                        "`{}` returns different body types for different success statuses",
                        op.id
                    ),
                )
                .help("give every 2xx response of the operation the same schema"),
            );
        }
    }
}

fn check_security(api: &Api, op: &Operation, cx: &mut Ctxt) {
    if let Security::Schemes { names, .. } = &op.security {
        for name in names {
            if let Some(SecurityScheme::Unsupported(what)) = api.security_schemes.get(name) {
                cx.push(
                    Diagnostic::error(
                        &op.pointer,
                        format!(
                            "`{}` requires security scheme `{name}`: {what} is not supported",
                            op.id
                        ),
                    )
                    .help("use an HTTP bearer scheme (`type: http`, `scheme: bearer`)"),
                );
            }
        }
    }
}

/// `type A = B; type B = A;` has no meaning in Rust.
fn check_alias_cycles(api: &Api, cx: &mut Ctxt) {
    for (name, def) in &api.types {
        let mut seen = BTreeSet::new();
        let mut current = name;
        while let Some(TypeKind::Alias(TypeRef::Named(next))) =
            api.types.get(current).map(|d| &d.kind)
        {
            if !seen.insert(current) {
                break;
            }
            if next == name {
                cx.push(
                    Diagnostic::error(
                        &def.pointer,
                        format!("schema `{name}` is an alias of itself"),
                    )
                    .help("give one schema of the cycle a real type"),
                );
                break;
            }
            current = next;
        }
    }
}

fn check_servers(api: &Api, cx: &mut Ctxt) {
    if let Some(first) = api.servers.first() {
        if !(first.starts_with("http://") || first.starts_with("https://")) {
            cx.push(
                Diagnostic::warning(
                    "/servers/0/url",
                    format!("the first server URL `{first}` is not absolute"),
                )
                .help("clients must then set `.base_url(..)` themselves"),
            );
        }
    }
}
