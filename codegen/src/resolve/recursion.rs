//! An IR → IR pass: a struct that contains itself (directly, or through other structs
//! and aliases) holds the field that closes the cycle in a `Box`.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Boxes the fields through which a struct contains itself, so that it has a size.
pub(crate) fn box_fields(types: &mut BTreeMap<String, TypeDef>) {
    // Direct edges: a field (or alias) whose value is stored inline.
    fn inline_target(ty: &TypeRef) -> Option<&str> {
        match ty {
            TypeRef::Named(n) => Some(n),
            TypeRef::Nullable(inner) => inline_target(inner),
            _ => None,
        }
    }
    let edges: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|(name, def)| {
            let targets = match &def.kind {
                TypeKind::Struct(s) => s
                    .fields
                    .iter()
                    .filter_map(|f| inline_target(&f.ty))
                    .map(str::to_owned)
                    .collect(),
                TypeKind::Alias(t) => inline_target(t).map(str::to_owned).into_iter().collect(),
                TypeKind::Union(u) => u
                    .variants
                    .iter()
                    .filter_map(|v| inline_target(&v.ty))
                    .map(str::to_owned)
                    .collect(),
                TypeKind::Enum(_) | TypeKind::IntEnum(_) => Vec::new(),
            };
            (name.clone(), targets)
        })
        .collect();
    let reaches = |from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(edges.get(&n).into_iter().flatten().cloned());
            }
        }
        false
    };
    let mut to_box = Vec::new();
    for (name, def) in types.iter() {
        let targets: Vec<&TypeRef> = match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            _ => Vec::new(),
        };
        for (i, ty) in targets.into_iter().enumerate() {
            if let Some(target) = inline_target(ty) {
                if reaches(target, name) {
                    to_box.push((name.clone(), i));
                }
            }
        }
    }
    for (name, i) in to_box {
        match types.get_mut(&name).map(|d| &mut d.kind) {
            Some(TypeKind::Struct(s)) => {
                if let Some(f) = s.fields.get_mut(i) {
                    f.boxed = true;
                }
            }
            Some(TypeKind::Union(u)) => {
                if let Some(v) = u.variants.get_mut(i) {
                    v.boxed = true;
                }
            }
            _ => {}
        }
    }
}
