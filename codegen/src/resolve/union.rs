//! Unions: a `oneOf` or `anyOf` of several shapes becomes an enum ([`crate::ir::Union`]).
//!
//! Resolve makes, per union, a variant per branch that gives a shape (`null` and branches
//! that only narrow are not variants: `null` makes the union's uses `Option`s), in the
//! order written, and:
//!
//! - with a `discriminator`, tags each variant with the values that name it (its `mapping`
//!   entries, else its schema's name): a tagged union;
//! - when every branch is a string (an enum, or a plain string), one open enum of all the
//!   values instead;
//! - when two branches come to the same type, one variant; one variant left is no union.
//!
//! Then, once every type exists, [`finish`] (an IR → IR pass) looks at each untagged
//! union: when every variant is a struct with a required property fixed to one value
//! (`type: {enum: [issue]}`, `const: customer`), each value distinct, that property is its
//! tag. Otherwise it orders the variants to be tried most specific first (by JSON type,
//! integers before numbers, formatted strings before plain ones; objects with more required
//! properties first; free-form values last) and warns about branches that a value can match
//! both of.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{Discriminator, ReferenceOr, Schema, SchemaKind, Type};

use super::schema::{enum_of, is_constraint_only, schema_doc, string_enum, Combinator, Sref};
use super::view::View;
use super::Resolver;
use crate::diagnostics::{Ctxt, Diagnostic};
use crate::ir::{unalias, Api, Struct, TypeDef, TypeKind, TypeRef, Union, UnionRepr, UnionVariant};
use crate::naming::{camel, Names};
use crate::pointer::{component_key, join, join_index};
use crate::reserved;

/// The message of the warning for a union kept as `serde_json::Value`; the corpus harness
/// counts warnings by it.
pub(crate) const FALLBACK_MESSAGE: &str = "union generated as `serde_json::Value`";

/// The branches of a union schema, with what it says about them.
#[derive(Clone)]
pub(crate) struct Branches<'a> {
    pub(crate) combinator: Combinator,
    pub(crate) list: &'a [ReferenceOr<Schema>],
    pub(crate) discriminator: Option<&'a Discriminator>,
    /// The pointer of the list (`…/oneOf`).
    pub(crate) pointer: String,
}

/// `oneOf` or `anyOf` with nothing beside it that gives a shape (it may say
/// `type: object`).
pub(crate) fn union_branches(s: &Schema) -> Option<(Combinator, &[ReferenceOr<Schema>])> {
    match &s.schema_kind {
        SchemaKind::AnyOf { any_of } => Some((Combinator::Any, any_of)),
        SchemaKind::OneOf { one_of } => Some((Combinator::One, one_of)),
        SchemaKind::Any(a)
            if matches!(a.typ.as_deref(), None | Some("object"))
                && a.properties.is_empty()
                && a.items.is_none()
                && a.additional_properties.is_none()
                && a.all_of.is_empty()
                && a.enumeration.is_empty() =>
        {
            match (a.one_of.is_empty(), a.any_of.is_empty()) {
                (false, true) => Some((Combinator::One, &a.one_of)),
                (true, false) => Some((Combinator::Any, &a.any_of)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether a branch of `oneOf` or `anyOf` gives a shape: not `null` or a narrowing (see
/// [`is_constraint_only`]); `type: object` alone is any object.
pub(crate) fn is_shaping(b: &ReferenceOr<Schema>) -> bool {
    match b {
        ReferenceOr::Item(s) => {
            !is_constraint_only(s) || matches!(s.schema_kind, SchemaKind::Type(Type::Object(_)))
        }
        ReferenceOr::Reference { .. } => true,
    }
}

/// What a branch's JSON is, as a word for a variant name: `String`, `Integer`, `Array`…
fn type_word(s: &Schema) -> Option<&'static str> {
    let v = View(s);
    let typ = match v.typ() {
        Some(t) => t,
        None if v.properties().is_some_and(|p| !p.is_empty()) || !v.combinators()[0].is_empty() => {
            "object"
        }
        None if v.items().is_some() => "array",
        None => return None,
    };
    Some(match (typ, v.format()) {
        ("string", Some("uuid")) => "Uuid",
        ("string", Some("date-time")) => "DateTime",
        ("string", Some("date")) => "Date",
        ("string", Some("byte")) => "Bytes",
        ("string", _) => "String",
        ("integer", _) => "Integer",
        ("number", _) => "Number",
        ("boolean", _) => "Boolean",
        ("array", _) => "Array",
        ("object", _) => "Object",
        _ => return None,
    })
}

impl<'a> Resolver<'a, '_> {
    /// The values of one open enum, when every branch is a string: a string enum or a
    /// plain string, and at least one an enum.
    fn merged_string_enum(&self, branches: &[&'a ReferenceOr<Schema>]) -> Option<Vec<String>> {
        let mut values = Vec::new();
        for b in branches {
            let s = self.schema_behind((*b).into())?;
            match string_enum(s) {
                Some(v) => values.extend(v),
                None if View(s).is_plain_string() => {}
                None => return None,
            }
        }
        (!values.is_empty()).then_some(values)
    }

    /// The type of a union schema named `name`: a [`TypeKind::Union`], an open enum when
    /// all its branches are strings, or an alias when its branches come to one type;
    /// `None` when fewer than two branches give a shape.
    pub(super) fn union_kind(&mut self, u: Branches<'a>, name: &str) -> Option<TypeKind> {
        let shaping: Vec<(usize, &'a ReferenceOr<Schema>)> = u
            .list
            .iter()
            .enumerate()
            .filter(|(_, b)| is_shaping(b))
            .collect();
        match shaping.as_slice() {
            [] => return None,
            [(i, b)] => {
                let at = join_index(&u.pointer, *i);
                return Some(TypeKind::Alias(self.type_ref((*b).into(), name, &at)));
            }
            _ => {}
        }
        let only: Vec<&'a ReferenceOr<Schema>> = shaping.iter().map(|(_, b)| *b).collect();
        if let Some(values) = self.merged_string_enum(&only) {
            return Some(TypeKind::Enum(enum_of(&values)));
        }
        let keyword = u.combinator.keyword();
        let mut names = Names::new();
        let mut variants: Vec<UnionVariant> = Vec::new();
        let mut tagged = u.discriminator.is_some();
        let mut named = Vec::new();
        for (i, b) in &shaping {
            // A branch that is `[X, null]` is named as `X` is: its `null` makes the whole
            // union nullable (see `Resolver::nullable`), not a variant of its own.
            let shown = match b {
                ReferenceOr::Item(_) => self.non_null_branch((*b).into()),
                ReferenceOr::Reference { .. } => (*b).into(),
            };
            let (base, doc, tags) = match shown {
                Sref::Ref(reference) => {
                    let key = component_key(reference, "schemas");
                    let rust = key
                        .as_deref()
                        .and_then(|k| self.schema_names.get(k))
                        .cloned();
                    let doc = self.schema_behind(shown).and_then(summary_doc);
                    let tags = match (u.discriminator, &key) {
                        (Some(d), Some(key)) => discriminator_tags(d, key),
                        _ => Vec::new(),
                    };
                    (rust.unwrap_or_else(|| format!("Variant{i}")), doc, tags)
                }
                Sref::Item(s) => {
                    let base = match s.schema_data.title.as_deref().map(camel) {
                        Some(t) => t,
                        None => type_word(s)
                            .map(str::to_owned)
                            .unwrap_or_else(|| format!("Variant{i}")),
                    };
                    (base, schema_doc(s), Vec::new())
                }
            };
            named.push((*i, *b, base, doc, tags));
        }
        distinguish_objects(&mut named);
        for (i, b, base, doc, tags) in named {
            let at = join_index(&u.pointer, i);
            if tags.is_empty() {
                tagged = false;
            }
            let variant = names.claim(&base);
            let hint = format!("{name}{variant}");
            let ty = self.type_ref(b.into(), &hint, &at);
            if let Some(same) = variants.iter_mut().find(|v| v.ty == ty) {
                // e.g. two string branches that differ in `pattern`: one variant.
                same.tags.extend(tags);
                continue;
            }
            variants.push(UnionVariant {
                name: variant,
                ty,
                doc,
                tags,
                boxed: false,
            });
        }
        // Mapped schemas that are not branches are variants too.
        if let Some(d) = u.discriminator.filter(|_| tagged) {
            let mut extra: Vec<(String, Vec<String>)> = Vec::new();
            for (value, target) in &d.mapping {
                let Some(key) = mapping_key(target) else {
                    continue;
                };
                if variants.iter().any(|v| v.tags.contains(value)) {
                    continue;
                }
                match extra.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, values)) => values.push(value.clone()),
                    None => extra.push((key, vec![value.clone()])),
                }
            }
            for (key, tags) in extra {
                let Some(rust) = self.schema_names.get(key.as_str()).cloned() else {
                    continue;
                };
                variants.push(UnionVariant {
                    name: names.claim(&rust),
                    ty: TypeRef::Named(rust),
                    doc: None,
                    tags,
                    boxed: false,
                });
            }
        }
        if variants.len() < 2 && !tagged {
            return variants.pop().map(|v| TypeKind::Alias(v.ty));
        }
        let repr = match u.discriminator.filter(|_| tagged) {
            Some(d) => UnionRepr::Tagged {
                property: d.property_name.clone(),
                fallback: fallback_name(&mut names),
                declared: true,
            },
            None => {
                if let Some(d) = u.discriminator {
                    self.cx.push(
                        Diagnostic::warning(
                            join(parent(&u.pointer), "discriminator"),
                            format!(
                                "the `discriminator` on `{}` is not used: an inline branch has no \
                                 schema name to be its tag",
                                d.property_name
                            ),
                        )
                        .help(format!("make each branch of `{keyword}` a `$ref`")),
                    );
                }
                UnionRepr::Untagged
            }
        };
        Some(TypeKind::Union(Union {
            variants,
            repr,
            any_of: u.combinator == Combinator::Any,
        }))
    }

    /// The type of a union schema met inline, named after `hint`; `None` when it is no
    /// union of several shapes.
    pub(super) fn inline_union(
        &mut self,
        u: Branches<'a>,
        schema: &Schema,
        hint: &str,
        pointer: &str,
    ) -> Option<TypeRef> {
        if !u.list.iter().any(is_shaping) {
            return None;
        }
        let name = self.type_names.claim(&reserved::model_name(&camel(hint)));
        let kind = self.union_kind(u, &name)?;
        Some(match kind {
            TypeKind::Alias(ty) => ty,
            kind => self.insert_type(&name, pointer, schema, kind),
        })
    }

    /// Reports a union kept as JSON.
    pub(super) fn report_fallback(&mut self, pointer: &str, keyword: &str, why: &str) {
        self.cx.push(
            Diagnostic::warning(join(pointer, keyword), format!("{FALLBACK_MESSAGE}: {why}"))
                .help("give the branches a `discriminator`, or describe one object shape"),
        );
    }
}

/// A branch, its index, its variant's name, doc and tags, as [`Resolver::union_kind`]
/// works them out.
type Named<'a> = (
    usize,
    &'a ReferenceOr<Schema>,
    String,
    Option<String>,
    Vec<String>,
);

/// Renames inline object branches that would all be `Object` after a property that one
/// requires and the others don't (`RequestedReviewer`, `RequestedTeam`).
fn distinguish_objects(named: &mut [Named<'_>]) {
    let required = |b: &ReferenceOr<Schema>| -> Vec<String> {
        match b {
            ReferenceOr::Item(s) => View(s).required().to_vec(),
            ReferenceOr::Reference { .. } => Vec::new(),
        }
    };
    let objects: Vec<usize> = (0..named.len())
        .filter(|&k| named[k].2 == "Object" && matches!(named[k].1, ReferenceOr::Item(_)))
        .collect();
    if objects.len() < 2 {
        return;
    }
    let sets: Vec<Vec<String>> = objects.iter().map(|&k| required(named[k].1)).collect();
    for (n, &k) in objects.iter().enumerate() {
        let unique = sets[n].iter().find(|p| {
            sets.iter()
                .enumerate()
                .all(|(m, other)| m == n || !other.contains(p))
        });
        if let Some(p) = unique {
            named[k].2 = camel(p);
        }
    }
}

/// The pointer of the schema that holds the keyword at `pointer`.
fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(p, _)| p)
}

/// The tag values of component `key` in a discriminator: its `mapping` entries, else its
/// name.
fn discriminator_tags(d: &Discriminator, key: &str) -> Vec<String> {
    let mapped: Vec<String> = d
        .mapping
        .iter()
        .filter(|(_, target)| mapping_key(target).as_deref() == Some(key))
        .map(|(value, _)| value.clone())
        .collect();
    if mapped.is_empty() && !d.mapping.values().any(|t| t.is_empty()) {
        vec![key.to_owned()]
    } else {
        mapped
    }
}

/// The component key a `mapping` value names: a `$ref` or a bare schema name.
fn mapping_key(target: &str) -> Option<String> {
    if target.starts_with('#') || target.contains('/') {
        component_key(target, "schemas")
    } else {
        Some(target.to_owned())
    }
}

/// The first paragraph of a schema's documentation.
fn summary_doc(s: &Schema) -> Option<String> {
    let doc = schema_doc(s)?;
    Some(doc.split("\n\n").next().unwrap_or_default().to_owned())
}

/// The name of the variant that keeps unknown tags.
fn fallback_name(names: &mut Names) -> String {
    if names.contains("Unknown") {
        names.claim("UnknownVariant")
    } else {
        names.claim("Unknown")
    }
}

/// The IR → IR pass of the module documentation: implicit tags, the order variants are
/// tried in, warnings about ambiguous unions, and tag fields that a flattened union
/// carries.
pub(crate) fn finish(api: &mut Api, cx: &mut Ctxt) {
    let names: Vec<String> = api
        .types
        .iter()
        .filter(|(_, d)| matches!(d.kind, TypeKind::Union(_)))
        .map(|(n, _)| n.clone())
        .collect();
    for name in &names {
        let Some(TypeKind::Union(u)) = api.types.get(name).map(|d| &d.kind) else {
            continue;
        };
        let mut u = u.clone();
        if u.repr == UnionRepr::Untagged {
            if let Some((property, tags)) = implicit_tag(&api.types, &u) {
                // Inline branches (whose names say only what JSON they are, or a property
                // they require) are named after their tag instead.
                let inline = |v: &UnionVariant| v.ty == TypeRef::Named(format!("{name}{}", v.name));
                let mut taken = Names::new();
                for v in u.variants.iter().filter(|v| !inline(v)) {
                    taken.reserve(&v.name);
                }
                for (v, tag) in u.variants.iter_mut().zip(tags) {
                    if inline(v) {
                        v.name = taken.claim(&camel(&tag));
                    }
                    v.tags = vec![tag];
                }
                u.repr = UnionRepr::Tagged {
                    property,
                    fallback: fallback_name(&mut taken),
                    declared: false,
                };
            }
        }
        // Tagged unions too: a value without its tag is tried as an untagged one.
        order(&api.types, &mut u);
        if u.repr == UnionRepr::Untagged {
            warn_ambiguous(&api.types, &u, &api.types[name], cx);
        }
        if let Some(def) = api.types.get_mut(name) {
            def.kind = TypeKind::Union(u);
        }
    }
    // A struct with a tagged union flattened into it leaves the tag to the union: serde
    // would give the property to the struct's field, and the union would not see it.
    let tags: BTreeMap<String, String> = api
        .types
        .iter()
        .filter_map(|(n, d)| match &d.kind {
            TypeKind::Union(Union {
                repr: UnionRepr::Tagged { property, .. },
                ..
            }) => Some((n.clone(), property.clone())),
            _ => None,
        })
        .collect();
    for def in api.types.values_mut() {
        if let TypeKind::Struct(s) = &mut def.kind {
            if let Some((_, TypeRef::Named(union))) = &s.flattened {
                if let Some(property) = tags.get(union) {
                    s.fields.retain(|f| &f.wire_name != property);
                }
            }
        }
    }
}

/// The struct a type is, through aliases.
fn struct_of<'t>(types: &'t BTreeMap<String, TypeDef>, ty: &'t TypeRef) -> Option<&'t Struct> {
    match unalias(types, ty) {
        (_, Some(TypeKind::Struct(s))) => Some(s),
        _ => None,
    }
}

/// What a type is, through aliases and `Option`s.
fn target<'t>(
    types: &'t BTreeMap<String, TypeDef>,
    ty: &'t TypeRef,
) -> (&'t TypeRef, Option<&'t TypeKind>) {
    match unalias(types, ty) {
        (TypeRef::Nullable(inner), _) => target(types, inner),
        found => found,
    }
}

/// The one value a field's type allows, when it is an enum of one value.
fn single_value<'t>(types: &'t BTreeMap<String, TypeDef>, ty: &'t TypeRef) -> Option<&'t str> {
    match target(types, ty) {
        (_, Some(TypeKind::Enum(e))) if e.variants.len() == 1 => Some(&e.variants[0].value),
        _ => None,
    }
}

/// The property that every variant, a struct, requires and fixes to a value of its own.
fn implicit_tag(types: &BTreeMap<String, TypeDef>, u: &Union) -> Option<(String, Vec<String>)> {
    let structs: Vec<&Struct> = u
        .variants
        .iter()
        .map(|v| struct_of(types, &v.ty))
        .collect::<Option<_>>()?;
    let first = structs.first()?;
    'candidates: for f in first.fields.iter().filter(|f| f.required) {
        let mut tags = Vec::new();
        for s in &structs {
            let Some(field) = s
                .fields
                .iter()
                .find(|g| g.wire_name == f.wire_name && g.required)
            else {
                continue 'candidates;
            };
            let Some(value) = single_value(types, &field.ty) else {
                continue 'candidates;
            };
            if tags.iter().any(|t| t == value) {
                continue 'candidates;
            }
            tags.push(value.to_owned());
        }
        return Some((f.wire_name.clone(), tags));
    }
    None
}

/// How a variant's JSON is tried: its rank (by JSON type, the catch-alls of a type last)
/// and, for objects, its required properties.
fn shape(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> (u8, BTreeSet<String>) {
    shape_within(types, ty, &mut BTreeSet::new())
}

/// [`shape`], where `within` names the unions being looked into (one met again inside
/// itself is tried as any value).
fn shape_within<'t>(
    types: &'t BTreeMap<String, TypeDef>,
    ty: &'t TypeRef,
    within: &mut BTreeSet<&'t str>,
) -> (u8, BTreeSet<String>) {
    let (ty, kind) = target(types, ty);
    let rank = match (ty, kind) {
        (TypeRef::Bool, _) => 0,
        (TypeRef::I32 | TypeRef::I64, _) | (_, Some(TypeKind::IntEnum(_))) => 1,
        (TypeRef::F64, _) => 2,
        (TypeRef::Uuid | TypeRef::DateTime | TypeRef::Date | TypeRef::Base64, _) => 3,
        (_, Some(TypeKind::Enum(_))) => 4,
        (TypeRef::String, _) => 5,
        (TypeRef::Array(_), _) => 6,
        (_, Some(TypeKind::Struct(s))) => {
            let required = s
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.wire_name.clone())
                .collect();
            return (7, required);
        }
        (TypeRef::Named(name), Some(TypeKind::Union(u))) if within.insert(name.as_str()) => {
            // A union of objects is as specific as its least specific object.
            let shapes: Vec<_> = u
                .variants
                .iter()
                .map(|v| shape_within(types, &v.ty, within))
                .collect();
            within.remove(name.as_str());
            if !shapes.is_empty() && shapes.iter().all(|(rank, _)| *rank == 7) {
                let least = shapes
                    .into_iter()
                    .min_by_key(|(_, r)| r.len())
                    .unwrap_or_default();
                return least;
            }
            8
        }
        (TypeRef::Map(_), _) => 9,
        _ => 10,
    };
    (rank, BTreeSet::new())
}

/// Sorts the variants into the order they are tried (stable: the document's order among
/// equals).
fn order(types: &BTreeMap<String, TypeDef>, u: &mut Union) {
    u.variants.sort_by_cached_key(|v| {
        let (rank, required) = shape(types, &v.ty);
        (rank, std::cmp::Reverse(required.len()))
    });
}

/// Warns about pairs of variants that one value can match, where the later one loses.
fn warn_ambiguous(types: &BTreeMap<String, TypeDef>, u: &Union, def: &TypeDef, cx: &mut Ctxt) {
    let shapes: Vec<(u8, BTreeSet<String>)> =
        u.variants.iter().map(|v| shape(types, &v.ty)).collect();
    let keyword = if u.any_of { "anyOf" } else { "oneOf" };
    let mut reported = BTreeSet::new();
    for (j, later) in shapes.iter().enumerate() {
        for (i, earlier) in shapes.iter().enumerate().take(j) {
            // Objects with the same required properties; an open enum, a plain string, or
            // a nested union before another of its kind.
            let same = earlier.0 == later.0
                && match earlier.0 {
                    7 => earlier.1 == later.1,
                    4 | 5 | 8 => true,
                    _ => false,
                }
                || (earlier.0 == 4 && later.0 == 5);
            if same && reported.insert(j) {
                let (a, b) = (&u.variants[i].name, &u.variants[j].name);
                cx.push(
                    Diagnostic::warning(
                        &def.pointer,
                        format!(
                            "`{keyword}` branches {a} and {b} of `{}` can match the same value: \
                             it decodes as {a}, the first tried",
                            def.name
                        ),
                    )
                    .help(
                        "give the branches a `discriminator`, or required properties that tell \
                         them apart",
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_values_are_references_or_schema_names() {
        assert_eq!(
            mapping_key("#/components/schemas/Dog").as_deref(),
            Some("Dog")
        );
        assert_eq!(mapping_key("Dog").as_deref(), Some("Dog"));
    }

    #[test]
    fn tags_are_the_mapping_entries_else_the_schema_name() {
        let d: Discriminator = serde_json::from_value(serde_json::json!({
            "propertyName": "petType",
            "mapping": {"dog": "#/components/schemas/Dog", "doggo": "Dog"}
        }))
        .unwrap();
        assert_eq!(discriminator_tags(&d, "Dog"), ["dog", "doggo"]);
        assert_eq!(discriminator_tags(&d, "Cat"), ["Cat"]);
    }

    #[test]
    fn inline_objects_are_named_after_a_property_only_they_require() {
        let object = |required: &[&str]| -> ReferenceOr<Schema> {
            serde_json::from_value(serde_json::json!({"type": "object", "required": required}))
                .unwrap()
        };
        let (a, b, c) = (
            object(&["id", "requested_reviewer"]),
            object(&["id", "requested_team"]),
            object(&["id"]),
        );
        let mut named: Vec<Named<'_>> = [&a, &b, &c]
            .into_iter()
            .enumerate()
            .map(|(i, b)| (i, b, "Object".to_owned(), None, Vec::new()))
            .collect();
        distinguish_objects(&mut named);
        let names: Vec<&str> = named.iter().map(|n| n.2.as_str()).collect();
        assert_eq!(names, ["RequestedReviewer", "RequestedTeam", "Object"]);
    }

    #[test]
    fn type_words_name_inline_branches() {
        let word = |v: serde_json::Value| type_word(&serde_json::from_value(v).unwrap());
        assert_eq!(word(serde_json::json!({"type": "string"})), Some("String"));
        assert_eq!(
            word(serde_json::json!({"type": "string", "format": "date-time"})),
            Some("DateTime")
        );
        assert_eq!(
            word(serde_json::json!({"type": "integer"})),
            Some("Integer")
        );
        assert_eq!(
            word(serde_json::json!({"items": {"type": "string"}})),
            Some("Array")
        );
        assert_eq!(word(serde_json::json!({"properties": {}})), None);
    }
}
