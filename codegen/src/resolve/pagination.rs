//! Cursor pagination, recognised by the shape of an operation rather than its name.
//!
//! An operation pages when it has an `after` string query parameter and its success body
//! is an object with an array `data` and an object `pagination` holding a boolean
//! `has_more` and a string `next_cursor`. List envelopes without `pagination` don't page.
//! A `before` cursor beside `after` is the other direction: follow-up pages drop it.

use std::collections::BTreeMap;

use crate::ir::{
    Api, Field, Operation, Pagination, ParamLocation, Struct, TypeDef, TypeKind, TypeRef,
};

/// Sets [`Operation::pagination`] on every operation that has the shape.
pub(super) fn detect(api: &mut Api) {
    for op in &mut api.operations {
        op.pagination = detect_one(op, &api.types);
    }
}

/// The struct a type name stands for, following aliases.
fn struct_named<'t>(
    types: &'t BTreeMap<String, TypeDef>,
    name: &str,
) -> Option<(&'t str, &'t Struct)> {
    let def = types.get(name)?;
    let (ty, kind) = match &def.kind {
        TypeKind::Alias(target) => crate::ir::unalias(types, target),
        kind => (&TypeRef::Json, Some(kind)),
    };
    match (ty, kind) {
        (TypeRef::Named(name), Some(TypeKind::Struct(s))) => {
            Some((types.get(name)?.name.as_str(), s))
        }
        (_, Some(TypeKind::Struct(s))) => Some((def.name.as_str(), s)),
        _ => None,
    }
}

fn field<'s>(s: &'s Struct, wire_name: &str) -> Option<&'s Field> {
    s.fields.iter().find(|f| f.wire_name == wire_name)
}

fn optional(f: &Field) -> bool {
    !f.required || f.nullable
}

fn detect_one(op: &Operation, types: &BTreeMap<String, TypeDef>) -> Option<Pagination> {
    let cursor = op.params.iter().find(|p| {
        p.location == ParamLocation::Query && p.wire_name == "after" && p.ty == TypeRef::String
    })?;
    let TypeRef::Named(page_name) = op.success_type()? else {
        return None;
    };
    let (page_type, page) = struct_named(types, page_name)?;
    let items = field(page, "data")?;
    let TypeRef::Array(item_type) = &items.ty else {
        return None;
    };
    let info = field(page, "pagination")?;
    let TypeRef::Named(info_name) = &info.ty else {
        return None;
    };
    let (_, info_struct) = struct_named(types, info_name)?;
    let has_more = field(info_struct, "has_more").filter(|f| f.ty == TypeRef::Bool)?;
    let next_cursor = field(info_struct, "next_cursor").filter(|f| f.ty == TypeRef::String)?;
    let reverse_cursor_params = op
        .params
        .iter()
        .filter(|p| {
            p.location == ParamLocation::Query && p.wire_name == "before" && p.ty == TypeRef::String
        })
        .map(|p| p.name.clone())
        .collect();
    Some(Pagination {
        cursor_param: cursor.name.clone(),
        reverse_cursor_params,
        page_type: page_type.to_owned(),
        items_field: items.name.clone(),
        items_optional: optional(items),
        item_type: (**item_type).clone(),
        info_field: info.name.clone(),
        info_optional: optional(info),
        has_more_field: has_more.name.clone(),
        has_more_optional: optional(has_more),
        next_cursor_field: next_cursor.name.clone(),
        next_cursor_optional: optional(next_cursor),
    })
}
