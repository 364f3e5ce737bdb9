//! How each operation's responses are read: the `Accept` header, the success body, and
//! which `ErrorBody` variant each error status decodes as. An IR → IR pass, run once the
//! operations are resolved, so that the emitter only writes the decisions down.

use crate::ir::{
    Api, ErrorArm, ErrorBodyVariant, Operation, Outcomes, Response, StatusMatch, SuccessBody,
    TypeRef,
};
use crate::naming::{camel, Names};

/// The `Accept` header of an operation whose success body is not a (visible-ASCII) media
/// type: error bodies are JSON.
const DEFAULT_ACCEPT: &str = "application/json";

/// Fills in [`Api::error_bodies`] and every operation's [`Outcomes`].
pub(crate) fn decide(api: &mut Api) {
    api.error_bodies = error_bodies(&api.operations);
    for op in &mut api.operations {
        op.outcomes = outcomes(op, &api.error_bodies);
    }
}

/// The distinct JSON body types of error responses across the API, in order of first
/// use, each with its variant name.
fn error_bodies(operations: &[Operation]) -> Vec<ErrorBodyVariant> {
    let mut names = Names::new();
    let mut out: Vec<ErrorBodyVariant> = Vec::new();
    for op in operations {
        for body in op.failures().filter_map(|r| r.body.as_ref()) {
            if !body.is_json() || out.iter().any(|v| v.ty == body.ty) {
                continue;
            }
            let base = match &body.ty {
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
                ty: body.ty.clone(),
            });
        }
    }
    out
}

fn outcomes(op: &Operation, error_bodies: &[ErrorBodyVariant]) -> Outcomes {
    let body = op.successes().find_map(|r| r.body.as_ref());
    let success = match body {
        Some(b) if b.is_json() => SuccessBody::Json(b.ty.clone()),
        Some(_) => SuccessBody::Text,
        None => SuccessBody::Empty,
    };
    let accept = body
        .map(|b| b.media_type.as_str())
        // The runtime sends it with `HeaderValue::from_static`: visible ASCII only.
        .filter(|m| m.bytes().all(|b| b.is_ascii_graphic() || b == b' '))
        .unwrap_or(DEFAULT_ACCEPT)
        .to_owned();
    let (error_arms, fallback) = error_arms(op, error_bodies);
    Outcomes {
        accept,
        success,
        error_arms,
        fallback,
    }
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
        let body = r.body.as_ref().filter(|b| b.is_json())?;
        error_bodies
            .iter()
            .find(|v| v.ty == body.ty)
            .map(|v| v.name.clone())
    };
    let fallback = op
        .failures()
        .find(|r| r.status == StatusMatch::Default)
        .and_then(outcome);
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
