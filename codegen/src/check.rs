//! Phase 4: what the IR describes that this generator can't turn into working code as
//! described.
//!
//! A flaw in one place costs that place only: each is degraded where it is (a parameter
//! sent as JSON text, a body taken as bytes, an operation sent without credentials, a
//! variable the path names declared as a string) and reported as a located warning that
//! says what the user can do, often with the builder's escape hatches `.query_pair(..)`
//! and `.header(..)`. Nothing here stops generation.

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::ir::{
    Api, BodyKind, Operation, Param, ParamLocation, ParamShape, ParamStyle, SchemeKind,
    SecurityRequirement, Serialization, TypeKind, TypeRef,
};
use crate::naming::{snake, Names};
use crate::reserved;

/// Degrades, and reports into `cx`, everything in `api` that can't be generated as
/// described.
pub fn check(api: &mut Api, cx: &mut Ctxt) {
    for i in 0..api.operations.len() {
        let form_not_object = match &api.operations[i].body {
            Some(body) => match &body.kind {
                BodyKind::Form(form) => !is_object(api, &form.ty),
                _ => false,
            },
            None => false,
        };
        let security = security_verdict(api, &api.operations[i]);
        let op = &mut api.operations[i];
        split_query_template(op, cx);
        check_path_params(op, cx);
        check_params(op, cx);
        check_body(op, form_not_object, cx);
        check_security(op, security, cx);
    }
    check_servers(api, cx);
}

/// The builder's method that adds a query pair of the caller's.
const QUERY_PAIR: &str = "query_pair";

/// A path template with a query string (`/search?query={query}`): the client requests
/// the path before the `?`, and each `name={var}` pair is a query parameter `name` (the
/// one declared, else the path parameter `var` moved to the query, else a required
/// string).
fn split_query_template(op: &mut Operation, cx: &mut Ctxt) {
    let Some((path, query)) = op.path.split_once('?') else {
        return;
    };
    let template = op.path.clone();
    let path = path.to_owned();
    let query = query.split('#').next().unwrap_or_default().to_owned();
    let mut names = param_names(op);
    let mut sent = Vec::new();
    let mut dropped = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let var = value
            .strip_prefix('{')
            .and_then(|v| v.strip_suffix('}'))
            .filter(|v| !v.contains(['{', '}']));
        let Some(var) = var else {
            dropped.push(format!("`{pair}`"));
            continue;
        };
        sent.push(format!("`{name}`"));
        let declared = op
            .params
            .iter()
            .any(|p| p.location == ParamLocation::Query && p.wire_name == name);
        if declared {
            continue;
        }
        let moved = op
            .params
            .iter_mut()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == var);
        match moved {
            Some(p) => {
                p.location = ParamLocation::Query;
                p.wire_name = name.to_owned();
                p.serialization = Serialization {
                    content: p.serialization.content.take(),
                    ..Serialization::default_for(ParamLocation::Query)
                };
            }
            None => {
                let param = undeclared(
                    &mut names,
                    name,
                    ParamLocation::Query,
                    &op.pointer,
                    &format!("the query string of the path template `{template}`"),
                );
                op.params.push(param);
            }
        }
    }
    op.path = path;
    let mut message = format!(
        "the path template `{template}` carries a query string: the client requests `{}`",
        op.path
    );
    match sent.as_slice() {
        [] => {}
        [one] => message.push_str(&format!(" and sends {one} as a query parameter")),
        many => message.push_str(&format!(
            " and sends {} as query parameters",
            many.join(", ")
        )),
    }
    let mut help =
        "write the path without `?…` and declare its query parameters with `in: query`".to_owned();
    if !dropped.is_empty() {
        let verb = if dropped.len() == 1 { "is" } else { "are" };
        message.push_str(&format!("; {} {verb} not sent", dropped.join(", ")));
        help.push_str(&format!(
            "; until then, send fixed pairs with `.{QUERY_PAIR}(name, value)` on the call"
        ));
    }
    cx.push(Diagnostic::warning(&op.pointer, message).help(help));
}

/// The Rust names of the operation's parameters and the builder's own members, to
/// claim a new parameter's name from.
fn param_names(op: &Operation) -> Names {
    let mut names = Names::new();
    for name in reserved::BUILDER_MEMBERS {
        names.reserve(name);
    }
    for p in &op.params {
        names.reserve(&p.name);
    }
    names
}

/// A required string parameter that the description does not declare, named by `origin`.
fn undeclared(
    names: &mut Names,
    wire_name: &str,
    location: ParamLocation,
    pointer: &str,
    origin: &str,
) -> Param {
    let base = snake(wire_name);
    let name = names.claim(if base.is_empty() { "param" } else { &base });
    Param {
        name,
        wire_name: wire_name.to_owned(),
        location,
        required: true,
        ty: TypeRef::String,
        doc: Some(format!(
            "`{wire_name}`, named by {origin} but not declared by the API description."
        )),
        default: None,
        deprecated: false,
        pointer: pointer.to_owned(),
        serialization: Serialization::default_for(location),
        shape: ParamShape::Primitive,
        example: None,
    }
}

/// Path parameters and the template's variables, matched: a parameter the template does
/// not name is left out, a variable no parameter declares becomes a required string.
fn check_path_params(op: &mut Operation, cx: &mut Ctxt) {
    let vars: Vec<String> = op.path_vars().into_iter().map(str::to_owned).collect();
    let path = op.path.clone();
    op.params.retain(|p| {
        let kept = p.location != ParamLocation::Path || vars.contains(&p.wire_name);
        if !kept {
            cx.push(
                Diagnostic::warning(
                    &p.pointer,
                    format!(
                        "path parameter `{}` does not appear in the path `{path}`; the client leaves it out",
                        p.wire_name
                    ),
                )
                .help("add it to the path template or change `in`"),
            );
        }
        kept
    });
    let mut names = param_names(op);
    let mut added = false;
    for var in &vars {
        let declared = op
            .params
            .iter()
            .any(|p| p.location == ParamLocation::Path && p.wire_name == *var);
        if declared {
            continue;
        }
        let param = undeclared(
            &mut names,
            var,
            ParamLocation::Path,
            &op.pointer,
            &format!("the path template `{path}`"),
        );
        cx.push(
            Diagnostic::warning(
                &op.pointer,
                format!(
                    "the path template names `{{{var}}}`, but no path parameter `{var}` is declared; the client takes it as a string, argument `{}`",
                    param.name
                ),
            )
            .help(format!(
                "declare `- name: {var}` with `in: path`, `required: true` and its schema"
            )),
        );
        op.params.push(param);
        added = true;
    }
    if added {
        // Path parameters first, in the order the template names them (as resolved).
        let position = |p: &Param| match p.location {
            ParamLocation::Path => vars.iter().position(|v| *v == p.wire_name),
            _ => None,
        };
        op.params
            .sort_by_key(|p| position(p).map_or((1, 0), |i| (0, i)));
    }
}

fn check_params(op: &mut Operation, cx: &mut Ctxt) {
    for p in &mut op.params {
        let place = match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        };
        let s = &mut p.serialization;
        if let Some(media_type) = &s.content {
            // JSON text goes anywhere a string does; other media types only as a string.
            if !s.is_json() && p.shape != ParamShape::Primitive {
                cx.push(
                    Diagnostic::warning(
                        &p.pointer,
                        format!(
                            "{place} parameter `{}` is given as `{media_type}` content, which can only be sent for a string; the client takes it as text already written in `{media_type}`",
                            p.wire_name
                        ),
                    )
                    .help("describe it with `application/json` content (sent as JSON text), or with a `schema`"),
                );
                p.ty = TypeRef::String;
                p.shape = ParamShape::Primitive;
            }
            continue;
        }
        if p.shape == ParamShape::Nested && s.style != ParamStyle::DeepObject {
            let style = s.style.as_str();
            let escape = match p.location {
                _ if p.required => String::new(),
                ParamLocation::Query => format!(
                    "; to send it otherwise, leave it unset and add the pairs with `.{QUERY_PAIR}(name, value)`"
                ),
                ParamLocation::Header | ParamLocation::Cookie => {
                    "; to send it otherwise, leave it unset and add the header with `.header(name, value)`".to_owned()
                }
                ParamLocation::Path => String::new(),
            };
            let help = if p.location == ParamLocation::Query {
                "describe it with `style: deepObject`, or with `content: {application/json: {schema: …}}` to say it is JSON text"
            } else {
                "describe it with `content: {application/json: {schema: …}}` to say it is JSON text, or split it into parameters of primitive values"
            };
            cx.push(
                Diagnostic::warning(
                    &p.pointer,
                    format!(
                        "{place} parameter `{}` holds arrays or objects inside an array or object, which style `{style}` can't write; the client sends it as its JSON text, as `content: application/json` would{escape}",
                        p.wire_name,
                    ),
                )
                .help(help),
            );
            // The one form OpenAPI gives a value no style can write: a media type.
            s.content = Some("application/json".to_owned());
            let note = format!(
                "Style `{style}` can't write the arrays or objects this value holds: the \
                 client sends it as its JSON text instead."
            );
            add_note(&mut p.doc, &note);
        }
    }
}
fn check_body(op: &mut Operation, form_not_object: bool, cx: &mut Ctxt) {
    let Some(body) = &mut op.body else {
        return;
    };
    let content_type = body.content_type().to_owned();
    if !content_type
        .bytes()
        .all(|b| b.is_ascii_graphic() || b == b' ')
    {
        cx.push(
            Diagnostic::warning(
                &body.pointer,
                format!("the media type `{content_type}` can't be sent as a `Content-Type` header; the client takes the body as bytes sent as `{BYTES}`"),
            )
            .help("write the media type in visible ASCII, e.g. `application/json`; until then, set the type with `.header(\"content-type\", ..)` on the call"),
        );
        body.media_type = BYTES.to_owned();
        body.kind = BodyKind::Binary;
        return;
    }
    if form_not_object {
        cx.push(
            Diagnostic::warning(
                &body.pointer,
                format!("an `application/x-www-form-urlencoded` body must be an object (its properties are the form's fields), but this one is not; the client takes the form already encoded, as bytes sent as `{content_type}`"),
            )
            .help("describe the body with an object schema, one property per field"),
        );
        body.kind = BodyKind::Binary;
        let note = "The API description's schema of this form is not an object: give the \
                    form already encoded (`name=value&…`).";
        add_note(&mut body.doc, note);
    }
}

/// Adds a paragraph saying how a degraded place is generated to its documentation.
fn add_note(doc: &mut Option<String>, note: &str) {
    *doc = Some(match doc.take() {
        Some(doc) => format!("{doc}\n\n{note}"),
        None => note.to_owned(),
    });
}

/// The media type of bytes of no known type.
const BYTES: &str = "application/octet-stream";

/// Whether values of `ty` are JSON objects (or may be: `serde_json::Value`).
fn is_object(api: &Api, ty: &TypeRef) -> bool {
    matches!(
        crate::ir::unalias(&api.types, ty),
        (TypeRef::Json | TypeRef::Map(_), _) | (_, Some(TypeKind::Struct(_)))
    )
}

/// What the generator makes of an operation's security: the schemes of its
/// alternatives that it can't use (each with why), and whether any alternative is left.
struct SecurityVerdict {
    unsupported: Vec<(String, String)>,
    usable: bool,
}

fn security_verdict(api: &Api, op: &Operation) -> SecurityVerdict {
    let unsupported = |alternative: &SecurityRequirement| {
        alternative.schemes.iter().find_map(|u| {
            match api.security_schemes.get(&u.scheme).map(|s| &s.kind) {
                Some(SchemeKind::Unsupported(what)) => Some((u.scheme.clone(), what.clone())),
                _ => None,
            }
        })
    };
    let alternatives = &op.security.alternatives;
    SecurityVerdict {
        unsupported: alternatives.iter().filter_map(unsupported).collect(),
        usable: alternatives.iter().any(|a| unsupported(a).is_none()),
    }
}

/// An alternative that names a scheme the generator can't use is left to the others; an
/// operation with no usable alternative (and none that is empty) is sent without
/// credentials, which the caller can add with the builder's escape hatches.
fn check_security(op: &mut Operation, verdict: SecurityVerdict, cx: &mut Ctxt) {
    const HELP: &str = "use an `apiKey`, `http`, `oauth2` or `openIdConnect` scheme defined under `components/securitySchemes`";
    for (name, what) in &verdict.unsupported {
        let diagnostic = if verdict.usable {
            Diagnostic::warning(
                &op.pointer,
                format!(
                    "`{}` accepts security scheme `{name}`, but {what} is not supported; the client uses its other alternatives",
                    op.id
                ),
            )
            .help(HELP)
        } else {
            Diagnostic::warning(
                &op.pointer,
                format!(
                    "`{}` requires security scheme `{name}`, but {what} is not supported; the client sends it without credentials",
                    op.id
                ),
            )
            .help(format!(
                "{HELP}; until then, add the credentials with `.header(name, value)` or `.{QUERY_PAIR}(name, value)` on the call"
            ))
        };
        cx.push(diagnostic);
    }
    if !verdict.usable && !verdict.unsupported.is_empty() {
        op.security.alternatives.clear();
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
