//! Alias cycles, found once right after the types are built.
//!
//! `A: {$ref: B}` with `B: {$ref: A}` (or `allOf`s that only narrow a `$ref`, or unions
//! with one shape, making the same loop) gives types that are only other names of each
//! other: `type A = B; type B = A;` means nothing in Rust. Each cycle is reported here, at
//! the schema that starts it, and broken: that alias becomes `serde_json::Value` (a flaw
//! of one schema costs that schema only), so that every later pass may follow aliases
//! with [`crate::ir::unalias`] and never guard itself.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Reports and breaks every alias cycle of `types`.
pub(super) fn break_cycles(types: &mut BTreeMap<String, TypeDef>, cx: &mut Ctxt) {
    // Names whose chain is known to end: each is walked once, so this is linear.
    let mut ends: BTreeSet<String> = BTreeSet::new();
    let names: Vec<String> = types.keys().cloned().collect();
    for start in names {
        let mut path: Vec<String> = Vec::new();
        let mut current = start;
        let cycle = loop {
            if ends.contains(&current) {
                break None;
            }
            if let Some(at) = path.iter().position(|n| *n == current) {
                break Some(path.split_off(at));
            }
            let next = match types.get(&current).map(|d| &d.kind) {
                Some(TypeKind::Alias(TypeRef::Named(next))) => next.clone(),
                _ => break None,
            };
            path.push(std::mem::replace(&mut current, next));
        };
        if let Some(cycle) = cycle {
            report(types, &cycle, cx);
            if let Some(def) = types.get_mut(&cycle[0]) {
                def.kind = TypeKind::Alias(TypeRef::Json);
            }
        }
        ends.extend(path);
    }
}

fn report(types: &BTreeMap<String, TypeDef>, cycle: &[String], cx: &mut Ctxt) {
    let pointer = |name: &String| types.get(name).map_or("", |d| d.pointer.as_str());
    let through: Vec<String> = cycle
        .iter()
        .chain(cycle.first())
        .map(|n| format!("`{}`", pointer(n).rsplit('/').next().unwrap_or(n)))
        .collect();
    cx.push(
        Diagnostic::warning(
            pointer(&cycle[0]),
            format!(
                "the schema refers to itself through `$ref` without end ({}); it is generated as `serde_json::Value`",
                through.join(" → ")
            ),
        )
        .help("give one schema of the cycle a type of its own"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alias(name: &str, to: TypeRef) -> (String, TypeDef) {
        let def = TypeDef {
            name: name.to_owned(),
            pointer: format!("/components/schemas/{name}"),
            doc: None,
            nullable: false,
            kind: TypeKind::Alias(to),
            example: None,
        };
        (name.to_owned(), def)
    }

    #[test]
    fn each_cycle_is_reported_once_and_broken() {
        let named = |n: &str| TypeRef::Named(n.to_owned());
        let mut types: BTreeMap<String, TypeDef> = [
            alias("A", named("B")),
            alias("B", named("A")),
            alias("C", named("C")),
            alias("D", named("A")),
            alias("E", TypeRef::String),
            alias("F", named("E")),
        ]
        .into_iter()
        .collect();
        let mut cx = Ctxt::new();
        break_cycles(&mut types, &mut cx);
        let diagnostics = cx.finish("");
        assert!(!diagnostics.has_errors());
        let warnings: Vec<String> = diagnostics.warnings().map(|e| e.to_string()).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("`A` → `B` → `A`"), "{warnings:?}");
        assert!(warnings[1].contains("`C` → `C`"), "{warnings:?}");
        for name in ["A", "B", "C", "D", "F"] {
            let ty = TypeRef::Named(name.to_owned());
            let _ = crate::ir::unalias(&types, &ty);
        }
        assert_eq!(
            crate::ir::unalias(&types, &TypeRef::Named("F".into())).0,
            &TypeRef::String
        );
    }
}
