//! What the API needs of the optional runtime (binary bodies, multipart and form bodies,
//! base64, unions, webhooks): decided once per crate, and read by the manifest (its
//! dependencies), the runtime files copied, and `lib.rs` (modules and re-exports).

use crate::ir::{Api, BodyKind, SuccessBody, TypeKind};

/// The optional parts of the runtime an API uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Needs {
    /// `runtime/body.rs`: uploads of bytes or streams, downloads as bytes (`bytes`, and
    /// `reqwest`'s `stream` feature).
    pub(crate) binary: bool,
    /// `runtime/multipart.rs`: `multipart/form-data` bodies (`bytes`, and `reqwest`'s
    /// `multipart` feature).
    pub(crate) multipart: bool,
    /// `runtime/form.rs`: `application/x-www-form-urlencoded` bodies (`form_urlencoded`).
    pub(crate) form: bool,
    /// `runtime/base64.rs`: values sent as base64 text (`base64`).
    pub(crate) base64: bool,
    /// `runtime/union.rs`: unions, and `UnionError` re-exported.
    pub(crate) unions: bool,
    /// `runtime/webhooks.rs` and the `webhooks` module (and the crates of signatures).
    pub(crate) webhooks: bool,
}

/// What `api` needs of the optional runtime.
pub(crate) fn of(api: &Api) -> Needs {
    let mut needs = Needs {
        base64: api.base64,
        unions: api
            .types
            .values()
            .any(|d| matches!(d.kind, TypeKind::Union(_))),
        webhooks: !api.webhooks.is_empty(),
        ..Needs::default()
    };
    for op in &api.operations {
        match op.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Binary) => needs.binary = true,
            Some(BodyKind::Multipart(_)) => needs.multipart = true,
            Some(BodyKind::Form(_)) => needs.form = true,
            _ => {}
        }
        needs.binary |= reads_binary(&op.outcomes.success);
    }
    needs
}

fn reads_binary(success: &SuccessBody) -> bool {
    match success {
        SuccessBody::Binary => true,
        SuccessBody::Statuses(e) => e.variants.iter().any(|v| reads_binary(&v.body)),
        _ => false,
    }
}
