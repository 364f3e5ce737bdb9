//! An IR → IR pass: optional, nullable fields of the types the client sends become
//! `Option<Option<T>>`, so that `null` (which may mean "clear") differs from leaving the
//! field out.

use crate::ir::{reachable, Api, TypeKind};

/// Marks the optional, nullable fields of every type a request body contains, so that
/// the client can send `null` (which may mean "clear") apart from leaving the field out.
pub(crate) fn mark(api: &mut Api) {
    let sent = reachable(
        &api.types,
        api.operations
            .iter()
            .flat_map(|op| op.body.iter().flat_map(|b| b.sent_types())),
    );
    for name in sent {
        if let Some(TypeKind::Struct(s)) = api.types.get_mut(&name).map(|d| &mut d.kind) {
            for f in &mut s.fields {
                f.explicit_null = !f.required && f.nullable;
            }
        }
    }
}
