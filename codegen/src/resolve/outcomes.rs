//! How each operation's responses are read: the `Accept` header, the success body (one
//! type, or an enum with a variant per success status), and which `ErrorBody` variant
//! each error status decodes as. An IR → IR pass, run once the operations are resolved,
//! so that the emitter only writes the decisions down. It also names the types the
//! operations' modules define beside their builders (response enums, multipart bodies).

use crate::ir::{
    is_json, Api, BodyKind, ErrorArm, ErrorBodyVariant, Operation, Outcomes, Response, StatusEnum,
    StatusMatch, StatusVariant, SuccessBody, TypeRef,
};
use crate::naming::{camel, Names};

/// The `Accept` header of an operation that declares no body at all.
const DEFAULT_ACCEPT: &str = "application/json";

/// The variant of a success status the API does not declare.
const OTHER_VARIANT: &str = "Other";

/// Fills in [`Api::error_bodies`] and every operation's [`Outcomes`], and names the
/// per-operation types.
pub(crate) fn decide(api: &mut Api) {
    api.error_bodies = error_bodies(&api.operations);
    // The `operations` module holds the builders and these types: one scope of names.
    let mut names = Names::new();
    for op in &api.operations {
        names.reserve(&op.builder_name);
    }
    for op in &mut api.operations {
        op.outcomes = outcomes(op, &api.error_bodies, &mut names);
        if let Some(BodyKind::Multipart(Some(multipart))) = op.body.as_mut().map(|b| &mut b.kind) {
            multipart.name = names.claim(&format!("{}Multipart", op.builder_name));
        }
    }
}

/// The distinct JSON body types of error responses across the API, in order of first
/// use, each with its variant name.
fn error_bodies(operations: &[Operation]) -> Vec<ErrorBodyVariant> {
    let mut names = Names::new();
    let mut out: Vec<ErrorBodyVariant> = Vec::new();
    for op in operations {
        for ty in op
            .failures()
            .filter_map(|r| r.body.as_ref().and_then(|b| b.json_type()))
        {
            if out.iter().any(|v| v.ty == *ty) {
                continue;
            }
            let base = match ty {
                TypeRef::Named(n) => n.clone(),
                TypeRef::Array(inner) => match inner.as_ref() {
                    TypeRef::Named(n) => format!("{n}List"),
                    _ => "List".to_owned(),
                },
                TypeRef::Map(_) => "Map".to_owned(),
                TypeRef::Json => "Json".to_owned(),
                other => camel(&format!("{other:?}")),
            };
            out.push(ErrorBodyVariant {
                name: names.claim(&base),
                ty: ty.clone(),
            });
        }
    }
    out
}

fn outcomes(op: &Operation, error_bodies: &[ErrorBodyVariant], names: &mut Names) -> Outcomes {
    let (error_arms, fallback) = error_arms(op, error_bodies);
    Outcomes {
        accept: accept(op),
        success: success(op, names),
        error_arms,
        fallback,
    }
}

/// The `Accept` header: the media type read for each success status, JSON ones first,
/// then those of the error bodies that are decoded (JSON); each once. With none, JSON,
/// or the operation's declared `produces` where that has no JSON (Swagger 2.0, see
/// [`crate::swagger::PRODUCES`]).
fn accept(op: &Operation) -> String {
    let success: Vec<&str> = op
        .successes()
        .filter_map(|r| r.body.as_ref())
        .map(|b| b.media_type.as_str())
        .collect();
    let (json, other): (Vec<&str>, Vec<&str>) = success.into_iter().partition(|m| is_json(m));
    let errors = op
        .failures()
        .filter_map(|r| r.body.as_ref())
        .filter(|b| b.is_json())
        .map(|b| b.media_type.as_str());
    let mut listed: Vec<&str> = Vec::new();
    for media_type in json.into_iter().chain(other).chain(errors) {
        // The runtime sends it with `HeaderValue::from_static`: visible ASCII only.
        let valid = media_type
            .bytes()
            .all(|b| b.is_ascii_graphic() || b == b' ');
        if valid && !listed.iter().any(|m| m.eq_ignore_ascii_case(media_type)) {
            listed.push(media_type);
        }
    }
    if listed.is_empty() {
        // A Swagger 2.0 operation's `produces`, unless JSON (the default) is among it.
        if op.produces.is_empty() || op.produces.iter().any(|m| is_json(m)) {
            DEFAULT_ACCEPT.to_owned()
        } else {
            op.produces.join(", ")
        }
    } else {
        listed.join(", ")
    }
}

/// The body of a success: the one every success status declares, or an enum with a
/// variant per status when they differ.
fn success(op: &Operation, names: &mut Names) -> SuccessBody {
    let read = |r: &Response| SuccessBody::of(r.body.as_ref().map(|b| &b.content));
    let mut successes = op.successes();
    let Some(first) = successes.next() else {
        return SuccessBody::Empty;
    };
    let first_read = read(first);
    if successes.all(|r| read(r) == first_read) {
        return first_read;
    }
    let mut variant_names = Names::new();
    variant_names.reserve(OTHER_VARIANT);
    // Codes first, then ranges: the order the match arms take.
    let mut ordered: Vec<&Response> = op.successes().collect();
    ordered.sort_by_key(|r| !matches!(r.status, StatusMatch::Code(_)));
    let variants = ordered
        .into_iter()
        .map(|r| {
            let description = r.description.trim();
            let doc = match &r.body {
                Some(b) => format!(
                    "{description}\n\n`{}` (`{}`).",
                    status_text(r.status),
                    b.media_type
                ),
                None => format!(
                    "{description}\n\n`{}`, without a body.",
                    status_text(r.status)
                ),
            };
            StatusVariant {
                name: variant_names.claim(&variant_name(r.status)),
                status: r.status,
                body: read(r),
                doc: doc.trim_start().to_owned(),
            }
        })
        .collect::<Vec<_>>();
    let other = (!variants.iter().any(|v| v.status == StatusMatch::Range(2)))
        .then(|| OTHER_VARIANT.to_owned());
    SuccessBody::Statuses(StatusEnum {
        name: names.claim(&format!("{}Response", op.builder_name)),
        variants,
        other,
    })
}

/// The status as the document writes it: `201`, `2XX`, `default`.
fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(c) => c.to_string(),
        StatusMatch::Range(r) => format!("{r}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

/// A variant name for a success status: its reason phrase (RFC 9110 and the IANA
/// registry) in camel case, `Success` for `2XX`, `Status299` for an unnamed code.
fn variant_name(status: StatusMatch) -> String {
    let phrase = match status {
        StatusMatch::Code(code) => match code {
            200 => "OK",
            201 => "Created",
            202 => "Accepted",
            203 => "Non-Authoritative Information",
            204 => "No Content",
            205 => "Reset Content",
            206 => "Partial Content",
            207 => "Multi-Status",
            208 => "Already Reported",
            226 => "IM Used",
            other => return format!("Status{other}"),
        },
        StatusMatch::Range(_) => "Success",
        StatusMatch::Default => "Default",
    };
    camel(&phrase.to_ascii_lowercase())
}

/// The error arms of `op`, and the variant of every other status.
///
/// Each declared status decodes the body type it declares (an `ErrorBody` variant, or
/// none). Exact codes come first, grouped by outcome, then `4XX`-style ranges, then
/// `default` as the fallback. A code whose outcome is the fallback's needs no arm of its
/// own, unless a range would otherwise catch it.
fn error_arms(
    op: &Operation,
    error_bodies: &[ErrorBodyVariant],
) -> (Vec<ErrorArm>, Option<String>) {
    let outcome = |r: &Response| -> Option<String> {
        let ty = r.body.as_ref().and_then(|b| b.json_type())?;
        error_bodies
            .iter()
            .find(|v| v.ty == *ty)
            .map(|v| v.name.clone())
    };
    let fallback = op.failures().find(|r| r.is_default()).and_then(outcome);
    let ranges: Vec<(u16, Option<String>)> = op
        .failures()
        .filter_map(|r| match r.status {
            StatusMatch::Range(n) => Some((n, outcome(r))),
            _ => None,
        })
        .collect();
    let mut arms: Vec<ErrorArm> = Vec::new();
    for r in op.failures() {
        let StatusMatch::Code(code) = r.status else {
            continue;
        };
        let body = outcome(r);
        let in_range = ranges.iter().any(|(n, _)| *n == code / 100);
        if body == fallback && !in_range {
            continue;
        }
        match arms.iter_mut().find(|arm| arm.body == body) {
            Some(arm) => arm.statuses.push(r.status),
            None => arms.push(ErrorArm {
                statuses: vec![r.status],
                body,
            }),
        }
    }
    arms.extend(
        ranges
            .into_iter()
            .filter(|(_, body)| *body != fallback)
            .map(|(n, body)| ErrorArm {
                statuses: vec![StatusMatch::Range(n)],
                body,
            }),
    );
    (arms, fallback)
}
