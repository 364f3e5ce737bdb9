//! An IR → IR pass: optional, nullable fields of the types the client sends become
//! `Option<Option<T>>`, so that `null` (which may mean "clear") differs from leaving the
//! field out.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, TypeDef, TypeKind, TypeRef};

/// Marks the optional, nullable fields of every type a request body contains, so that
/// the client can send `null` (which may mean "clear") apart from leaving the field out.
pub(crate) fn mark(api: &mut Api) {
    fn visit(ty: &TypeRef, types: &BTreeMap<String, TypeDef>, seen: &mut BTreeSet<String>) {
        match ty {
            TypeRef::Named(name) => {
                if !seen.insert(name.clone()) {
                    return;
                }
                match types.get(name).map(|d| &d.kind) {
                    Some(TypeKind::Struct(s)) => {
                        for f in &s.fields {
                            visit(&f.ty, types, seen);
                        }
                        if let Some(additional) = &s.additional {
                            visit(additional, types, seen);
                        }
                        if let Some((_, flattened)) = &s.flattened {
                            visit(flattened, types, seen);
                        }
                    }
                    Some(TypeKind::Union(u)) => {
                        for v in &u.variants {
                            visit(&v.ty, types, seen);
                        }
                    }
                    Some(TypeKind::Alias(target)) => visit(target, types, seen),
                    Some(TypeKind::Enum(_)) | None => {}
                }
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                visit(inner, types, seen)
            }
            _ => {}
        }
    }
    let mut sent = BTreeSet::new();
    for op in &api.operations {
        for ty in op.body.iter().flat_map(|b| b.sent_types()) {
            visit(ty, &api.types, &mut sent);
        }
    }
    for name in sent {
        if let Some(TypeKind::Struct(s)) = api.types.get_mut(&name).map(|d| &mut d.kind) {
            for f in &mut s.fields {
                f.explicit_null = !f.required && f.nullable;
            }
        }
    }
}
