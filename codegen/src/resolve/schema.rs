//! Schemas to named types and type references.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

use super::union::{is_shaping, union_branches, Branches};
use super::view::{Properties, View};
use super::{doc_text, Resolver};
use crate::diagnostics::Diagnostic;
use crate::ir::{Enum, Field, IntEnum, IntVariant, Struct, TypeDef, TypeKind, TypeRef, Variant};
use crate::naming::{camel, snake, Names};
use crate::pointer::{join, join_index, unescape};
use crate::reserved;

/// A schema or a reference to one.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Sref<'a> {
    Ref(&'a str),
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for Sref<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => Sref::Ref(reference),
            ReferenceOr::Item(s) => Sref::Item(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for Sref<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => Sref::Ref(reference),
            ReferenceOr::Item(s) => Sref::Item(s),
        }
    }
}

/// The properties of an object schema, with those its `allOf` branches bring in.
#[derive(Default)]
struct ObjectParts<'a> {
    props: IndexMap<&'a str, (Sref<'a>, String)>,
    required: BTreeSet<&'a str>,
    additional: Option<(&'a AdditionalProperties, String)>,
    /// Component schemas already merged in, and whether each was an object: a schema
    /// reached twice (`allOf: [$ref: A, $ref: A]`, or diamonds) is merged once, so that
    /// chains of them take linear time, not exponential.
    merged: BTreeMap<&'a str, bool>,
    /// The component schemas being merged, outermost first: one reached again is a cycle.
    active: Vec<&'a str>,
    /// Unions beside the properties (`allOf: [base, {oneOf: ..}]`), outside `$ref`s.
    unions: Vec<Branches<'a>>,
}

/// A schema with no shape of its own: only `required`, `nullable`, a description, or
/// validation such as `if`/`then` (which `openapiv3` drops). As an `allOf` or `anyOf`
/// branch it narrows or annotates; it makes no new type.
pub(super) fn is_constraint_only(s: &Schema) -> bool {
    let v = View(s);
    let bare = v.properties().is_some_and(IndexMap::is_empty) && v.only_object_keywords();
    match &s.schema_kind {
        SchemaKind::Any(_) => v.typ().is_none() && bare,
        SchemaKind::Type(Type::Object(o)) => {
            bare && o.min_properties.is_none() && o.max_properties.is_none()
        }
        _ => false,
    }
}

/// The properties an `allOf` branch lists, when the branch is an object with nothing but
/// `properties` and `required` (it may say `type: object`).
fn plain_properties(s: &Schema) -> Option<(&Properties, &[String])> {
    let v = View(s);
    let object = matches!(v.typ(), None | Some("object")) && v.only_object_keywords();
    let props = v.properties().filter(|_| object)?;
    Some((props, v.required()))
}

/// A keyword that combines schemas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Combinator {
    /// `allOf`: every branch holds.
    All,
    /// `anyOf`: one or more branches hold.
    Any,
    /// `oneOf`: exactly one branch holds.
    One,
}

impl Combinator {
    /// The keyword as the document writes it.
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Combinator::All => "allOf",
            Combinator::Any => "anyOf",
            Combinator::One => "oneOf",
        }
    }
}

/// The branches of a combinator (`allOf`, `anyOf`, `oneOf`) with nothing else beside them.
pub(crate) fn combinator_branches(s: &Schema) -> Option<(Combinator, &[ReferenceOr<Schema>])> {
    match &s.schema_kind {
        SchemaKind::AllOf { all_of } => Some((Combinator::All, all_of)),
        SchemaKind::AnyOf { any_of } => Some((Combinator::Any, any_of)),
        SchemaKind::OneOf { one_of } => Some((Combinator::One, one_of)),
        SchemaKind::Any(a) if a.typ.is_none() && a.properties.is_empty() && a.items.is_none() => {
            let lists = [
                (Combinator::All, &a.all_of),
                (Combinator::Any, &a.any_of),
                (Combinator::One, &a.one_of),
            ];
            let mut non_empty = lists.into_iter().filter(|(_, l)| !l.is_empty());
            let first = non_empty.next()?;
            non_empty
                .next()
                .is_none()
                .then_some((first.0, first.1.as_slice()))
        }
        _ => None,
    }
}

/// String enum values, when the schema is one.
pub(super) fn string_enum(s: &Schema) -> Option<Vec<String>> {
    View(s).string_enum()
}

/// The Rust type of a scalar JSON Schema `type` with its `format`.
fn scalar(typ: &str, format: Option<&str>) -> TypeRef {
    match (typ, format) {
        ("string", Some("uuid")) => TypeRef::Uuid,
        ("string", Some("date-time")) => TypeRef::DateTime,
        ("string", Some("date")) => TypeRef::Date,
        ("string", Some("byte")) => TypeRef::Base64,
        ("integer", Some("int32")) => TypeRef::I32,
        ("integer", _) => TypeRef::I64,
        ("number", _) => TypeRef::F64,
        ("boolean", _) => TypeRef::Bool,
        _ => TypeRef::String,
    }
}

/// A 3.1 tuple of scalars (see [`crate::normalise::TUPLE`]): `(f64, f64)` for FastAPI's
/// `tuple[float, float]`. An item with more to it than a type and format (a `$ref`, an
/// enum, `null`) leaves the array a `Vec` of JSON values.
fn tuple_of(schema: &Schema) -> Option<TypeRef> {
    const PLAIN: &[&str] = &["type", "format", "title", "description"];
    let items = schema
        .schema_data
        .extensions
        .get(crate::normalise::TUPLE)?
        .as_array()?;
    let types: Option<Vec<TypeRef>> = items
        .iter()
        .map(|item| {
            let item = item.as_object()?;
            if item.keys().any(|k| !PLAIN.contains(&k.as_str())) {
                return None;
            }
            let typ = item.get("type")?.as_str()?;
            let format = item.get("format").and_then(Value::as_str);
            ["string", "integer", "number", "boolean"]
                .contains(&typ)
                .then(|| scalar(typ, format))
        })
        .collect();
    types.map(TypeRef::Tuple)
}

/// `default` as JSON text.
fn default_text(s: Sref<'_>) -> Option<String> {
    match s {
        Sref::Item(s) => s.schema_data.default.as_ref().map(Value::to_string),
        Sref::Ref(_) => None,
    }
}

/// A schema's own `example` (3.1's `examples` are normalised into it).
pub(super) fn example_of(s: Sref<'_>) -> Option<Value> {
    match s {
        Sref::Item(s) => s.schema_data.example.clone(),
        Sref::Ref(_) => None,
    }
}

/// Where a schema that several operations share sits: the top of a component other than a
/// schema (a shared parameter's, header's, request body's or response's) or of a
/// parameter of a path item, which every operation of the path has.
#[derive(Debug, PartialEq, Eq)]
enum SharedPlace<'p> {
    /// `section` of `components`, the key.
    Component(&'p str, String),
    /// The path, the parameter's index in its `parameters`.
    PathParameter(String, usize),
}

/// The shared place whose schema is at `pointer`, if any (`schema`, or
/// `content/{media type}/schema`, under a component or a path item's parameter).
fn shared_place(pointer: &str) -> Option<SharedPlace<'_>> {
    let top = |place: &str| {
        place == "schema"
            || place
                .strip_prefix("content/")
                .and_then(|r| r.split_once('/'))
                .is_some_and(|(_, s)| s == "schema")
    };
    if let Some(rest) = pointer.strip_prefix("/components/") {
        let (section, rest) = rest.split_once('/')?;
        let (key, place) = rest.split_once('/')?;
        return top(place).then(|| SharedPlace::Component(section, unescape(key)));
    }
    let rest = pointer.strip_prefix("/paths/")?;
    let (path, rest) = rest.split_once('/')?;
    let (index, place) = rest.strip_prefix("parameters/")?.split_once('/')?;
    let index = index.parse().ok()?;
    top(place).then(|| SharedPlace::PathParameter(unescape(path), index))
}

pub(super) fn schema_doc(s: &Schema) -> Option<String> {
    let doc = doc_text(
        s.schema_data.title.as_deref(),
        s.schema_data.description.as_deref(),
    );
    if !View(s).unique_items() {
        return doc;
    }
    // A set stays a `Vec` (see the README, "Models"): it keeps the order the
    // server sends, and needs no `Ord` or `Hash` of item types that lack them.
    let unique = "Its items are unique (`uniqueItems`): the client does not check it.";
    Some(match doc {
        Some(doc) => format!("{doc}\n\n{unique}"),
        None => unique.to_owned(),
    })
}

impl<'a> Resolver<'a, '_> {
    /// Makes a named type of every `components.schemas` entry.
    pub(crate) fn component_types(&mut self) {
        let Some(components) = &self.doc.components else {
            return;
        };
        for (key, schema) in &components.schemas {
            let Some(name) = self.schema_names.get(key.as_str()).cloned() else {
                continue;
            };
            let pointer = join("/components/schemas", key);
            self.define(name, schema.into(), &pointer);
        }
    }

    /// Defines the type `name` from `s`.
    fn define(&mut self, name: String, s: Sref<'a>, pointer: &str) {
        let (doc, kind) = match s {
            Sref::Ref(_) => (None, TypeKind::Alias(self.type_ref(s, &name, pointer))),
            Sref::Item(schema) => {
                let kind =
                    if let Some((Sref::Ref(reference), at)) = self.single_branch(schema, pointer) {
                        // e.g. `allOf: [$ref, {required: [..]}]`: the same type, narrowed.
                        TypeKind::Alias(self.type_ref(Sref::Ref(reference), &name, &at))
                    } else if let Some(kind) = self.union_of(schema, &name, pointer) {
                        kind
                    } else if let Some(values) = string_enum(schema) {
                        TypeKind::Enum(enum_of(&values))
                    } else if let Some(values) = View(schema).integer_enum() {
                        TypeKind::IntEnum(int_enum_of(&values))
                    } else if let Some(parts) = self.object_parts(s, pointer) {
                        self.parts_kind(&name, parts)
                    } else {
                        // A scalar, array, map or union: an alias. Inline parts get `name`-based names.
                        TypeKind::Alias(self.type_ref_shape(schema, &name, pointer))
                    };
                (schema_doc(schema), kind)
            }
        };
        let nullable = self.nullable(s);
        self.types.insert(
            name.clone(),
            TypeDef {
                name,
                pointer: pointer.to_owned(),
                doc,
                nullable,
                kind,
                example: example_of(s),
            },
        );
    }

    /// The type of a value described by `s` where `null` is one of its values, as it is
    /// everywhere but in a struct's field (whose [`Field::nullable`](crate::ir::Field)
    /// says it apart): a whole body, an array's item, a map's value. `Nullable` (Rust's
    /// `Option`) when the schema allows `null`, however it says so (`nullable`, a 3.1
    /// type array, or a `null` branch of `anyOf`/`oneOf`).
    pub(crate) fn value_type(&mut self, s: Sref<'a>, hint: &str, pointer: &str) -> TypeRef {
        let ty = self.type_ref(s, hint, pointer);
        if self.nullable(s) && !matches!(ty, TypeRef::Json | TypeRef::Nullable(_)) {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        }
    }

    /// The name for the type of a schema that several operations share (see
    /// [`shared_place`]): it takes none's name, but the component's (`Direction`,
    /// `ServiceUnavailableResponse`, `NoteBody`) or the path-level parameter's
    /// (`Direction`). When a type has that name, it is qualified: by the kind of
    /// component (`VisibilityParameter`), or by the path (`ItemsDirection` for
    /// `/items/{id}`).
    fn shared_hint(&self, pointer: &str) -> Option<String> {
        let [own, qualified] = match shared_place(pointer)? {
            SharedPlace::Component(section, key) => {
                let key = camel(&key);
                match section {
                    "parameters" => [key.clone(), format!("{key}Parameter")],
                    "headers" => [key.clone(), format!("{key}Header")],
                    "requestBodies" => [format!("{key}Body"), format!("{key}RequestBody")],
                    "responses" => [format!("{key}Response"), format!("{key}ResponseBody")],
                    _ => return None,
                }
            }
            SharedPlace::PathParameter(path, index) => {
                let item = match self.doc.paths.paths.get(&path)? {
                    ReferenceOr::Item(item) => item,
                    ReferenceOr::Reference { .. } => return None,
                };
                let ReferenceOr::Item(param) = item.parameters.get(index)? else {
                    return None;
                };
                let name = &param.parameter_data_ref().name;
                let words: Vec<&str> = path
                    .split('/')
                    .filter(|s| !s.is_empty() && !s.starts_with('{'))
                    .collect();
                [camel(name), camel(&format!("{} {name}", words.join(" ")))]
            }
        };
        // A schema of the same name keeps it: the qualified name says what this is.
        if self.type_names.contains(&reserved::model_name(&own)) {
            Some(qualified)
        } else {
            Some(own)
        }
    }

    /// The type of a value described by `s`, naming inline types after `hint`. Nullability
    /// is not included: callers ask [`Resolver::nullable`] and wrap as they need, or use
    /// [`Resolver::value_type`].
    pub(crate) fn type_ref(&mut self, s: Sref<'a>, hint: &str, pointer: &str) -> TypeRef {
        match s {
            Sref::Ref(reference) => match self.schema_by_ref(reference, pointer) {
                Some((key, _)) => match self.schema_names.get(key) {
                    Some(name) => TypeRef::Named(name.clone()),
                    None => TypeRef::Json,
                },
                None => TypeRef::Json,
            },
            Sref::Item(schema) => {
                // A schema reached twice (a component's property seen again through
                // another component's `allOf`) is one type.
                if let Some(known) = self.inline_types.get(pointer) {
                    return known.clone();
                }
                let own = self.shared_hint(pointer);
                let hint = own.as_deref().unwrap_or(hint);
                // Once again is allowed: the way back may reach a struct that is named by
                // then (below, in `type_ref_shape`); twice has none.
                let active = self.inline_active.entry(pointer.to_owned()).or_insert(0);
                *active += 1;
                if *active > 2 {
                    *active -= 1;
                    self.cx.push(
                        Diagnostic::warning(
                            pointer,
                            "the schema holds itself (through `allOf` of a `$ref` to a schema that holds it) with no type of its own between; here it is any JSON value",
                        )
                        .help("move it to `components/schemas` and refer to it with `$ref`"),
                    );
                    return TypeRef::Json;
                }
                let ty = if let Some(values) = string_enum(schema) {
                    let name = self.type_names.claim(&reserved::model_name(&camel(hint)));
                    self.insert_type(&name, pointer, schema, TypeKind::Enum(enum_of(&values)))
                } else if let Some(values) = View(schema).integer_enum() {
                    let name = self.type_names.claim(&reserved::model_name(&camel(hint)));
                    let kind = TypeKind::IntEnum(int_enum_of(&values));
                    self.insert_type(&name, pointer, schema, kind)
                } else {
                    self.type_ref_shape(schema, hint, pointer)
                };
                if let Some(active) = self.inline_active.get_mut(pointer) {
                    *active -= 1;
                }
                self.inline_types.insert(pointer.to_owned(), ty.clone());
                ty
            }
        }
    }

    /// [`Resolver::type_ref`] for an inline schema that is not an enum.
    fn type_ref_shape(&mut self, schema: &'a Schema, hint: &str, pointer: &str) -> TypeRef {
        if let Some(branch) = self.single_branch(schema, pointer) {
            let (s, at) = branch;
            return match s {
                Sref::Item(inner) if string_enum(inner).is_none() => {
                    self.type_ref_shape(inner, hint, &at)
                }
                _ => self.type_ref(s, hint, &at),
            };
        }
        if let Some((combinator, list)) = union_branches(schema) {
            let u = Branches {
                combinator,
                list,
                discriminator: schema.schema_data.discriminator.as_ref(),
                pointer: join(pointer, combinator.keyword()),
            };
            if let Some(ty) = self.inline_union(u, schema, hint, pointer) {
                return ty;
            }
        }
        if let Some(parts) = self.object_parts(Sref::Item(schema), pointer) {
            if parts.props.is_empty() && parts.unions.is_empty() {
                return TypeRef::Map(Box::new(self.additional_type(parts.additional, hint)));
            }
            let name = self.type_names.claim(&reserved::model_name(&camel(hint)));
            // Known by its name while its fields are typed, so that one which comes back
            // to this schema (through `allOf` of a `$ref`) is this type.
            self.inline_types
                .insert(pointer.to_owned(), TypeRef::Named(name.clone()));
            return match self.parts_kind(&name, parts) {
                TypeKind::Alias(ty) => {
                    self.inline_types.insert(pointer.to_owned(), ty.clone());
                    ty
                }
                kind => self.insert_type(&name, pointer, schema, kind),
            };
        }
        let view = View(schema);
        match (view.typ(), &schema.schema_kind) {
            (Some("array"), _) => match tuple_of(schema) {
                Some(tuple) => {
                    self.base64 |=
                        matches!(&tuple, TypeRef::Tuple(items) if items.contains(&TypeRef::Base64));
                    tuple
                }
                None => self.array_of(view.items(), hint, pointer),
            },
            (Some(typ @ ("string" | "integer" | "number" | "boolean")), _) => {
                let ty = scalar(typ, view.format());
                self.base64 |= ty == TypeRef::Base64;
                ty
            }
            // `type: object` alone; an untyped one says more, which is not typed here.
            (Some("object"), SchemaKind::Type(_)) => TypeRef::Map(Box::new(TypeRef::Json)),
            _ => self.union_fallback(schema, pointer),
        }
    }

    /// `Vec` of the `items` schema (of JSON values when there is none).
    fn array_of(
        &mut self,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        let item = match items {
            Some(items) => self.value_type(
                items.into(),
                &format!("{hint}Item"),
                &join(pointer, "items"),
            ),
            None => TypeRef::Json,
        };
        TypeRef::Array(Box::new(item))
    }

    /// Records a named type made for an inline schema.
    pub(super) fn insert_type(
        &mut self,
        name: &str,
        pointer: &str,
        schema: &Schema,
        kind: TypeKind,
    ) -> TypeRef {
        self.types.insert(
            name.to_owned(),
            TypeDef {
                name: name.to_owned(),
                pointer: pointer.to_owned(),
                doc: schema_doc(schema),
                nullable: false,
                kind,
                example: schema.schema_data.example.clone(),
            },
        );
        TypeRef::Named(name.to_owned())
    }

    /// A combination of several shapes that is no union this generator types: kept as
    /// JSON, with a warning when it is a real combination.
    fn union_fallback(&mut self, schema: &Schema, pointer: &str) -> TypeRef {
        if let Some((combinator, branches)) = combinator_branches(schema) {
            let keyword = combinator.keyword();
            if combinator != Combinator::All
                && branches.iter().filter(|b| is_shaping(b)).count() > 1
            {
                self.report_fallback(pointer, keyword, "its branches can't be told apart");
            } else if branches.len() > 1 && combinator == Combinator::All {
                self.cx.push(
                    Diagnostic::warning(
                        join(pointer, keyword),
                        format!("`{keyword}` with {} different shapes is generated as `serde_json::Value`", branches.len()),
                    )
                    .help("describe one object shape"),
                );
            }
        } else if let SchemaKind::Any(a) = &schema.schema_kind {
            if !a.one_of.is_empty() || !a.any_of.is_empty() {
                let keyword = if a.one_of.is_empty() {
                    "anyOf"
                } else {
                    "oneOf"
                };
                self.report_fallback(pointer, keyword, "it has other keywords beside it");
            }
        }
        TypeRef::Json
    }

    /// The type of a union schema named `name`, when `schema` is one.
    fn union_of(&mut self, schema: &'a Schema, name: &str, pointer: &str) -> Option<TypeKind> {
        let (combinator, list) = union_branches(schema)?;
        let u = Branches {
            combinator,
            list,
            discriminator: schema.schema_data.discriminator.as_ref(),
            pointer: join(pointer, combinator.keyword()),
        };
        self.union_kind(u, name)
    }

    /// The type named `name` of an object's parts: a struct (with the union beside its
    /// properties flattened into it), a map, or the union alone.
    fn parts_kind(&mut self, name: &str, mut parts: ObjectParts<'a>) -> TypeKind {
        if parts.props.is_empty() {
            if parts.unions.len() == 1 {
                let u = parts.unions.remove(0);
                if let Some(kind) = self.union_kind(u, name) {
                    return kind;
                }
            } else if parts.unions.is_empty() {
                return TypeKind::Alias(TypeRef::Map(Box::new(
                    self.additional_type(parts.additional, name),
                )));
            }
        }
        TypeKind::Struct(self.struct_of(name, parts))
    }

    /// The one branch of a combinator that gives a shape, when only one does: an `allOf`
    /// whose other branches only narrow `required` or validate, or an `anyOf`/`oneOf`
    /// whose other branches are `null` or such narrowings.
    fn single_branch(&self, schema: &'a Schema, pointer: &str) -> Option<(Sref<'a>, String)> {
        let (combinator, branches) = combinator_branches(schema)?;
        let keyword = combinator.keyword();
        let narrowing = if combinator == Combinator::All {
            self.narrowing_branches(branches)
        } else {
            BTreeSet::new()
        };
        let mut shaping = branches.iter().enumerate().filter(|(i, b)| match b {
            _ if combinator != Combinator::All => is_shaping(b),
            ReferenceOr::Item(s) => !is_constraint_only(s) && !narrowing.contains(i),
            ReferenceOr::Reference { .. } => true,
        });
        let (index, only) = shaping.next()?;
        if shaping.next().is_some() {
            return None;
        }
        Some((only.into(), join_index(&join(pointer, keyword), index)))
    }

    /// The `allOf` branches (by index) that only narrow properties the other branches
    /// define, e.g. `{properties: {type: {enum: [a]}}}` beside a `$ref` that has `type`:
    /// validation, not new fields.
    fn narrowing_branches(&self, branches: &'a [ReferenceOr<Schema>]) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for (i, branch) in branches.iter().enumerate() {
            let ReferenceOr::Item(b) = branch else {
                continue;
            };
            let Some((props, _)) = plain_properties(b) else {
                continue;
            };
            if props.is_empty() {
                continue;
            }
            let (mut others, mut seen) = (BTreeSet::new(), BTreeSet::new());
            for (j, other) in branches.iter().enumerate() {
                if j != i {
                    self.property_names(other.into(), &mut others, &mut seen);
                }
            }
            if props.keys().all(|k| others.contains(k.as_str())) {
                out.insert(i);
            }
        }
        out
    }

    /// Adds the property names of `s` (following `$ref` and `allOf`) to `out`, quietly:
    /// broken references are reported where the schema is resolved.
    fn property_names(
        &self,
        s: Sref<'a>,
        out: &mut BTreeSet<&'a str>,
        seen: &mut BTreeSet<&'a str>,
    ) {
        if let Sref::Ref(reference) = s {
            if !seen.insert(reference) {
                return;
            }
        }
        let Some(schema) = self.schema_behind(s) else {
            return;
        };
        let (props, all_of): (Option<&'a Properties>, &'a [ReferenceOr<Schema>]) =
            match &schema.schema_kind {
                SchemaKind::Type(Type::Object(o)) => (Some(&o.properties), &[]),
                SchemaKind::AllOf { all_of } => (None, all_of),
                SchemaKind::Any(a) => (Some(&a.properties), &a.all_of),
                _ => (None, &[]),
            };
        out.extend(props.into_iter().flat_map(|p| p.keys().map(String::as_str)));
        for branch in all_of {
            self.property_names(branch.into(), out, seen);
        }
    }

    /// Whether `null` is a valid value of `s` (following references).
    pub(crate) fn nullable(&mut self, s: Sref<'a>) -> bool {
        match s {
            Sref::Ref(reference) => {
                if let Some(&known) = self.nullable_refs.get(reference) {
                    return known;
                }
                // Met again inside itself (`allOf: [$ref: self]`): no answer yet, and no `null`
                // from that path.
                self.nullable_refs.insert(reference, false);
                let nullable = match self.schema_behind(s) {
                    Some(t) => self.nullable(Sref::Item(t)),
                    None => false,
                };
                self.nullable_refs.insert(reference, nullable);
                nullable
            }
            Sref::Item(schema) => {
                if schema.schema_data.nullable {
                    return true;
                }
                match combinator_branches(schema) {
                    Some((Combinator::All, branches)) => {
                        // allOf: null only if every shaping branch allows it.
                        let mut shaping = branches
                            .iter()
                            .filter(|b| !matches!(b, ReferenceOr::Item(s) if is_constraint_only(s)))
                            .peekable();
                        shaping.peek().is_some() && shaping.all(|b| self.nullable(b.into()))
                    }
                    Some((_, branches)) => branches.iter().any(|b| self.nullable(b.into())),
                    None => false,
                }
            }
        }
    }

    /// The properties of `s` when it is an object (following `$ref` and merging `allOf`),
    /// in order: each one's name, schema and pointer, and whether it is required.
    pub(super) fn object_properties(
        &mut self,
        s: Sref<'a>,
        pointer: &str,
    ) -> Option<Vec<(&'a str, Sref<'a>, String, bool)>> {
        let parts = self.object_parts(s, pointer)?;
        let required = parts.required;
        Some(
            parts
                .props
                .into_iter()
                .map(|(name, (s, at))| (name, s, at, required.contains(name)))
                .collect(),
        )
    }

    /// The properties of `s` when it is an object (following `$ref` and merging `allOf`).
    fn object_parts(&mut self, s: Sref<'a>, pointer: &str) -> Option<ObjectParts<'a>> {
        let mut parts = ObjectParts::default();
        self.collect_object(s, pointer, &mut parts).then_some(parts)
    }

    /// Adds the properties of `s` to `parts`; whether `s` is object-shaped.
    fn collect_object(&mut self, s: Sref<'a>, pointer: &str, parts: &mut ObjectParts<'a>) -> bool {
        let schema = match s {
            Sref::Ref(reference) => {
                let Some((key, target)) = self.schema_by_ref(reference, pointer) else {
                    return false;
                };
                let unions = parts.unions.len();
                if let Some(&object) = parts.merged.get(key) {
                    return object;
                }
                if parts.active.contains(&key) {
                    self.cx.push(
                        Diagnostic::warning(
                            pointer,
                            "the schema refers to itself through `allOf` or `$ref` without end; what it would take from itself is left out",
                        )
                        .help("break the cycle: an object can't be made of itself"),
                    );
                    return false;
                }
                let at = join("/components/schemas", key);
                parts.active.push(key);
                let object = self.collect_object(target.into(), &at, parts);
                parts.active.pop();
                parts.merged.insert(key, object);
                // A component's own unions are its business, not its heirs'.
                parts.unions.truncate(unions);
                return object;
            }
            Sref::Item(schema) => schema,
        };
        type Props<'a> = Option<&'a Properties>;
        let (props, required, additional, all_of, typ): (
            Props<'a>,
            &'a [String],
            _,
            &'a [ReferenceOr<Schema>],
            _,
        ) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (
                Some(&o.properties),
                &o.required,
                o.additional_properties.as_ref(),
                &[],
                Some("object"),
            ),
            SchemaKind::AllOf { all_of } => (None, &[], None, all_of.as_slice(), None),
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => {
                return self.collect_union(schema, pointer, parts);
            }
            SchemaKind::Any(a) => (
                Some(&a.properties),
                a.required.as_slice(),
                a.additional_properties.as_ref(),
                a.all_of.as_slice(),
                a.typ.as_deref(),
            ),
            _ => return false,
        };
        if typ.is_some_and(|t| t != "object") {
            return false;
        }
        let mut object = typ == Some("object") || props.is_some_and(|p| !p.is_empty());
        let narrowing = self.narrowing_branches(all_of);
        for (i, branch) in all_of.iter().enumerate() {
            let at = join_index(&join(pointer, Combinator::All.keyword()), i);
            match branch {
                ReferenceOr::Item(b) if is_constraint_only(b) => {
                    parts
                        .required
                        .extend(View(b).required().iter().map(String::as_str));
                }
                ReferenceOr::Item(b) if narrowing.contains(&i) => {
                    if let Some((_, required)) = plain_properties(b) {
                        parts.required.extend(required.iter().map(String::as_str));
                    }
                }
                _ => object |= self.collect_object(branch.into(), &at, parts),
            }
        }
        for (name, prop) in props.into_iter().flatten() {
            let at = join(&join(pointer, "properties"), name);
            parts.props.insert(name.as_str(), (prop.into(), at));
        }
        parts.required.extend(required.iter().map(String::as_str));
        if let Some(ap) = additional {
            parts.additional = Some((ap, join(pointer, "additionalProperties")));
        }
        if let SchemaKind::Any(a) = &schema.schema_kind {
            if !a.one_of.is_empty() || !a.any_of.is_empty() {
                object |= self.collect_union(schema, pointer, parts);
            }
        }
        object
    }

    /// Adds the `oneOf` or `anyOf` of `schema` to `parts`: kept as a union when several of
    /// its branches give a shape, merged in when one does; whether it is object-shaped.
    fn collect_union(
        &mut self,
        schema: &'a Schema,
        pointer: &str,
        parts: &mut ObjectParts<'a>,
    ) -> bool {
        let (combinator, list) = match &schema.schema_kind {
            SchemaKind::OneOf { one_of } => (Combinator::One, one_of),
            SchemaKind::AnyOf { any_of } => (Combinator::Any, any_of),
            SchemaKind::Any(a) if a.any_of.is_empty() => (Combinator::One, &a.one_of),
            SchemaKind::Any(a) if a.one_of.is_empty() => (Combinator::Any, &a.any_of),
            _ => return false,
        };
        let keyword = join(pointer, combinator.keyword());
        // Branches that only restate properties the object has (`anyOf: [{required:
        // [a], properties: {a: ..}}, ..]`) validate; they add nothing.
        let narrowing = |b: &ReferenceOr<Schema>| match b {
            ReferenceOr::Item(s) => plain_properties(s).is_some_and(|(props, _)| {
                props.keys().all(|k| parts.props.contains_key(k.as_str()))
            }),
            ReferenceOr::Reference { .. } => false,
        };
        if list.iter().filter(|b| is_shaping(b)).all(narrowing) {
            return false;
        }
        let mut shaping = list.iter().enumerate().filter(|(_, b)| is_shaping(b));
        match (shaping.next(), shaping.next()) {
            (None, _) => false,
            (Some((i, only)), None) => {
                self.collect_object(only.into(), &join_index(&keyword, i), parts)
            }
            (Some(_), Some(_)) => {
                parts.unions.push(Branches {
                    combinator,
                    list,
                    discriminator: schema.schema_data.discriminator.as_ref(),
                    pointer: keyword,
                });
                true
            }
        }
    }

    /// The Rust name of the component schema whose own property `at` is
    /// (`/components/schemas/{key}/properties/{name}`, possibly inside its `allOf`s).
    fn owner_name(&self, at: &str) -> Option<String> {
        let rest = at.strip_prefix("/components/schemas/")?;
        let (key, mut path) = rest.split_once('/')?;
        while let Some(after) = path.strip_prefix("allOf/") {
            let (index, tail) = after.split_once('/')?;
            if !index.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            path = tail;
        }
        let prop = path.strip_prefix("properties/")?;
        if prop.contains('/') {
            return None;
        }
        let key = key.replace("~1", "/").replace("~0", "~");
        self.schema_names.get(key.as_str()).cloned()
    }

    /// The value type of a map from its `additionalProperties`.
    fn additional_type(
        &mut self,
        additional: Option<(&'a AdditionalProperties, String)>,
        hint: &str,
    ) -> TypeRef {
        match additional {
            Some((AdditionalProperties::Schema(s), at)) => {
                let s: &'a ReferenceOr<Schema> = s;
                self.value_type(s.into(), &format!("{hint}Value"), &at)
            }
            _ => TypeRef::Json,
        }
    }

    /// The fields of struct `name`.
    fn struct_of(&mut self, name: &str, parts: ObjectParts<'a>) -> Struct {
        let mut names = Names::new();
        let mut fields = Vec::with_capacity(parts.props.len());
        for (wire, (s, at)) in parts.props {
            // Inline types are named after the schema that writes them, which is not this
            // one when the property comes in through `allOf`.
            let owner = self.owner_name(&at).unwrap_or_else(|| name.to_owned());
            let hint = format!("{owner}{}", camel(wire));
            let ty = self.type_ref(s, &hint, &at);
            let nullable = self.nullable(s);
            let (doc, deprecated) = match s {
                Sref::Item(schema) => (schema_doc(schema), schema.schema_data.deprecated),
                Sref::Ref(_) => (None, false),
            };
            fields.push(Field {
                name: names.claim(&snake(wire)),
                wire_name: wire.to_owned(),
                ty,
                required: parts.required.contains(wire),
                nullable,
                doc,
                default: default_text(s),
                deprecated,
                boxed: false,
                explicit_null: false,
                example: example_of(s),
            });
        }
        let additional = match parts.additional {
            Some((AdditionalProperties::Any(false), _)) | None => None,
            Some(other) if !fields.is_empty() => Some(self.additional_type(Some(other), name)),
            Some(_) => None,
        };
        let mut unions = parts.unions.into_iter();
        let flattened = unions.next().and_then(|u| {
            let at = u.pointer.clone();
            let ty = match self.inline_types.get(&at) {
                Some(known) => known.clone(),
                None => {
                    let union = self
                        .type_names
                        .claim(&reserved::model_name(&format!("{name}Kind")));
                    let ty = match self.union_kind(u, &union) {
                        Some(TypeKind::Alias(ty)) => ty,
                        Some(kind) => {
                            self.types.insert(
                                union.clone(),
                                TypeDef {
                                    name: union.clone(),
                                    pointer: at.clone(),
                                    doc: None,
                                    nullable: false,
                                    kind,
                                    example: None,
                                },
                            );
                            TypeRef::Named(union)
                        }
                        None => return None,
                    };
                    self.inline_types.insert(at, ty.clone());
                    ty
                }
            };
            Some((names.claim("kind"), ty))
        });
        for extra in unions {
            let keyword = extra.combinator.keyword();
            let at = extra
                .pointer
                .rsplit_once('/')
                .map_or("", |(p, _)| p)
                .to_owned();
            self.report_fallback(
                &at,
                keyword,
                "a second union beside the properties of one object is not typed",
            );
        }
        Struct {
            fields,
            additional,
            flattened,
        }
    }
}

/// An open enum of `values`, with unique variant names.
pub(super) fn enum_of(values: &[String]) -> Enum {
    let mut names = Names::new();
    let mut seen = BTreeSet::new();
    let variants: Vec<Variant> = values
        .iter()
        .filter(|v| seen.insert(v.as_str()))
        .map(|v| Variant {
            name: names.claim(&camel(v)),
            value: v.clone(),
        })
        .collect();
    let fallback = if names.contains("Unknown") {
        names.claim("UnknownValue")
    } else {
        "Unknown".to_owned()
    };
    Enum { variants, fallback }
}

/// The integer enum of `values`: each variant named as the description names it, else
/// `Value{n}` (`ValueMinus1` for -1); repeated values once.
pub(super) fn int_enum_of(values: &[(i64, Option<&str>)]) -> IntEnum {
    let mut names = Names::new();
    let mut seen = BTreeSet::new();
    let variants: Vec<IntVariant> = values
        .iter()
        .filter(|(v, _)| seen.insert(*v))
        .map(|&(value, given)| {
            let generated = if value < 0 {
                format!("value minus {}", value.unsigned_abs())
            } else {
                format!("value {value}")
            };
            let name = given
                .map(camel)
                .filter(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()))
                .unwrap_or_else(|| camel(&generated));
            IntVariant {
                name: names.claim(&name),
                value,
            }
        })
        .collect();
    let fallback = if names.contains("Unknown") {
        names.claim("UnknownValue")
    } else {
        "Unknown".to_owned()
    };
    IntEnum { variants, fallback }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_places_are_components_and_path_level_parameters() {
        let component = |s: &'static str, k: &str| Some(SharedPlace::Component(s, k.to_owned()));
        assert_eq!(
            shared_place("/components/parameters/package-type/schema"),
            component("parameters", "package-type")
        );
        assert_eq!(
            shared_place(
                "/components/responses/service_unavailable/content/application~1json/schema"
            ),
            component("responses", "service_unavailable")
        );
        assert_eq!(
            shared_place("/components/headers/x-rate-limit/schema"),
            component("headers", "x-rate-limit")
        );
        assert_eq!(
            shared_place("/paths/~1items~1{id}/parameters/1/schema"),
            Some(SharedPlace::PathParameter("/items/{id}".to_owned(), 1))
        );
        // Only the place's own schema: what it holds is named after that.
        assert_eq!(
            shared_place("/components/parameters/direction/schema/items"),
            None
        );
        assert_eq!(shared_place("/components/schemas/Pet"), None);
        assert_eq!(shared_place("/paths/~1x/get/parameters/0/schema"), None);
        assert_eq!(shared_place("/paths/~1x/parameters/0/schema/items"), None);
    }
}
