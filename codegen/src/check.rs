//! Phase 4: what the IR describes that this generator can't turn into working code.
//!
//! Everything found is reported (not just the first); any error stops generation before
//! a file is written.

use std::collections::BTreeSet;

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::ir::{
    Api, BodyKind, Operation, ParamLocation, ParamShape, ParamStyle, SchemeKind,
    SecurityRequirement, TypeKind, TypeRef,
};

/// Reports into `cx` everything in `api` that can't be generated.
pub fn check(api: &Api, cx: &mut Ctxt) {
    for op in &api.operations {
        check_params(api, op, cx);
        check_body(api, op, cx);
        check_security(api, op, cx);
    }
    check_servers(api, cx);
}

fn check_params(_api: &Api, op: &Operation, cx: &mut Ctxt) {
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
        let s = &p.serialization;
        if let Some(media_type) = &s.content {
            // JSON text goes anywhere a string does; other media types only as a string.
            if !s.is_json() && p.shape != ParamShape::Primitive {
                cx.push(
                    Diagnostic::error(
                        &p.pointer,
                        format!(
                            "{place} parameter `{}` is given as `{media_type}` content, which can only be sent for a string",
                            p.wire_name
                        ),
                    )
                    .help("describe it with `application/json` content (sent as JSON text), or with a `schema`"),
                );
            }
            continue;
        }
        if p.shape == ParamShape::Nested && s.style != ParamStyle::DeepObject {
            let help = if p.location == ParamLocation::Query {
                "use `style: deepObject`, or `content: {application/json: {schema: …}}` to send it as JSON text"
            } else {
                "use `content: {application/json: {schema: …}}` to send it as JSON text, or split it into parameters of primitive values"
            };
            cx.push(
                Diagnostic::error(
                    &p.pointer,
                    format!(
                        "{place} parameter `{}` holds arrays or objects inside an array or object, which style `{}` can't write",
                        p.wire_name,
                        s.style.as_str()
                    ),
                )
                .help(help),
            );
        }
    }
}

fn check_body(api: &Api, op: &Operation, cx: &mut Ctxt) {
    let Some(body) = &op.body else {
        return;
    };
    let content_type = body.content_type();
    if !content_type
        .bytes()
        .all(|b| b.is_ascii_graphic() || b == b' ')
    {
        cx.push(
            Diagnostic::error(
                &body.pointer,
                format!("the media type `{content_type}` can't be sent as a `Content-Type` header"),
            )
            .help("write the media type in visible ASCII, e.g. `application/json`"),
        );
    }
    if let BodyKind::Form(form) = &body.kind {
        if !is_object(api, &form.ty) {
            cx.push(
                Diagnostic::error(
                    &body.pointer,
                    "an `application/x-www-form-urlencoded` body must be an object: its properties are the form's fields",
                )
                .help("describe the body with an object schema, one property per field"),
            );
        }
    }
}

/// Whether values of `ty` are JSON objects (or may be: `serde_json::Value`).
fn is_object(api: &Api, ty: &TypeRef) -> bool {
    matches!(
        crate::ir::unalias(&api.types, ty),
        (TypeRef::Json | TypeRef::Map(_), _) | (_, Some(TypeKind::Struct(_)))
    )
}

/// An alternative that names a scheme the generator can't use is left to the others; an
/// operation with no usable alternative (and none that is empty) can't be called.
fn check_security(api: &Api, op: &Operation, cx: &mut Ctxt) {
    fn unsupported<'a>(
        api: &'a Api,
        alternative: &'a SecurityRequirement,
    ) -> Option<(&'a str, &'a str)> {
        alternative.schemes.iter().find_map(|u| {
            match api.security_schemes.get(&u.scheme).map(|s| &s.kind) {
                Some(SchemeKind::Unsupported(what)) => Some((u.scheme.as_str(), what.as_str())),
                _ => None,
            }
        })
    }
    let usable = op
        .security
        .alternatives
        .iter()
        .any(|a| unsupported(api, a).is_none());
    for alternative in &op.security.alternatives {
        let Some((name, what)) = unsupported(api, alternative) else {
            continue;
        };
        let diagnostic = if usable {
            Diagnostic::warning(
                &op.pointer,
                format!(
                    "`{}` accepts security scheme `{name}`, but {what} is not supported; the client uses its other alternatives",
                    op.id
                ),
            )
        } else {
            Diagnostic::error(
                &op.pointer,
                format!(
                    "`{}` requires security scheme `{name}`: {what} is not supported",
                    op.id
                ),
            )
        };
        cx.push(diagnostic.help(
            "use an `apiKey`, `http`, `oauth2` or `openIdConnect` scheme defined under `components/securitySchemes`",
        ));
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
