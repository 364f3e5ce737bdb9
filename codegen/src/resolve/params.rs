//! Parameters: merged from the path item and the operation, named, typed, and how each is
//! written on the wire (its style, `explode`, `allowReserved` or `content`, and the
//! shape of its type).

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{
    Parameter, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle, ReferenceOr,
};

use super::body::pick_content;
use super::schema::{example_of, Sref};
use super::Resolver;
use crate::ir::{
    is_json, template_vars, unalias, Api, Param, ParamLocation, ParamShape, ParamStyle,
    Serialization, TypeDef, TypeKind, TypeRef,
};
use crate::naming::{camel, snake, Names};
use crate::pointer::{join, join_index};
use crate::reserved;

impl<'a> Resolver<'a, '_> {
    /// The path item's and the operation's parameters (the operation's win), path ones
    /// first in template order.
    pub(super) fn params(
        &mut self,
        item: &'a PathItem,
        item_pointer: &str,
        op: &'a openapiv3::Operation,
        op_pointer: &str,
        path: &str,
        builder_name: &str,
    ) -> Vec<Param> {
        let mut merged: IndexMap<(String, ParamLocation), (&'a Parameter, String)> =
            IndexMap::new();
        let sources = [
            (&item.parameters, item_pointer),
            (&op.parameters, op_pointer),
        ];
        for (list, base) in sources {
            for (i, p) in list.iter().enumerate() {
                let at = join_index(&join(base, "parameters"), i);
                if let Some((param, at)) = self.deref(p, &at, "parameters", |c| &c.parameters) {
                    let data = param.parameter_data_ref();
                    // One that did not fit the model, reported by `typing`.
                    if data
                        .extensions
                        .contains_key(crate::typing::LEFT_OUT_PARAMETER)
                    {
                        continue;
                    }
                    merged.insert((data.name.clone(), location_of(param)), (param, at));
                }
            }
        }
        // Path parameters in the order the template names them, then the rest.
        let vars = template_vars(path);
        let mut ordered: Vec<(&'a Parameter, String)> = Vec::new();
        for var in &vars {
            if let Some(found) = merged.shift_remove(&((*var).to_owned(), ParamLocation::Path)) {
                ordered.push(found);
            }
        }
        ordered.extend(merged.into_values());

        let mut names = Names::new();
        for name in reserved::BUILDER_MEMBERS {
            names.reserve(name);
        }
        let mut has_key = false;
        let mut out = Vec::with_capacity(ordered.len());
        for (param, at) in ordered {
            let data = param.parameter_data_ref();
            let location = location_of(param);
            let hint = format!("{builder_name}{}", camel(&data.name));
            let required = data.required || location == ParamLocation::Path;
            // A `null` is sent as no value at all (RFC 6570, which the styles follow,
            // expands it as undefined). An optional parameter's `None` says that already;
            // a required one that may be `null` is an `Option` argument, as a nullable
            // value is anywhere else. A path parameter is always written: its `null`
            // (which the specification's required path segment can't carry) is not offered.
            let nullable_argument = required && location != ParamLocation::Path;
            let typed = |r: &mut Self, s: Sref<'a>, at: &str| {
                if nullable_argument {
                    r.value_type(s, &hint, at)
                } else {
                    r.type_ref(s, &hint, at)
                }
            };
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(s) => {
                    typed(self, Sref::from(s), &join(&at, "schema"))
                }
                ParameterSchemaOrContent::Content(content) => match pick_content(content) {
                    Some((media_type, media)) => match &media.schema {
                        Some(s) => {
                            let at = join(&join(&join(&at, "content"), media_type), "schema");
                            typed(self, s.into(), &at)
                        }
                        None if is_json(media_type) => TypeRef::Json,
                        None => TypeRef::String,
                    },
                    None => TypeRef::String,
                },
            };
            let example = self
                .example(&data.example, &data.examples, &at)
                .or_else(|| match &data.format {
                    ParameterSchemaOrContent::Schema(s) => example_of(Sref::from(s)),
                    ParameterSchemaOrContent::Content(_) => None,
                });
            let default = match &data.format {
                ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => {
                    s.schema_data.default.as_ref().map(ToString::to_string)
                }
                _ => None,
            };
            // The first `Idempotency-Key` header is set with the builder's
            // `idempotency_key` option, the name reserved for it.
            let is_key = crate::ir::is_idempotency_key(location, &data.name);
            let name = if is_key && !has_key {
                has_key = true;
                reserved::IDEMPOTENCY_KEY_OPTION.to_owned()
            } else {
                names.claim(&snake(&data.name))
            };
            out.push(Param {
                name,
                wire_name: data.name.clone(),
                location,
                required,
                ty,
                doc: data.description.clone(),
                default,
                deprecated: data.deprecated.unwrap_or(false),
                pointer: at,
                serialization: serialization(param),
                // Known once every type is: see `shapes`.
                shape: ParamShape::Any,
                example,
            });
        }
        out
    }
}

pub(super) fn location_of(p: &Parameter) -> ParamLocation {
    match p {
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

/// The style, `explode` and `allowReserved` of `param` with the specification's
/// defaults, or its `content`'s media type.
fn serialization(param: &Parameter) -> Serialization {
    let data = param.parameter_data_ref();
    let mut out = Serialization::default_for(location_of(param));
    if let ParameterSchemaOrContent::Content(content) = &data.format {
        out.content = Some(pick_content(content).map_or_else(String::new, |(m, _)| m.to_owned()));
        return out;
    }
    match param {
        Parameter::Query {
            style,
            allow_reserved,
            ..
        } => {
            out.style = match style {
                QueryStyle::Form => ParamStyle::Form,
                QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                QueryStyle::DeepObject => ParamStyle::DeepObject,
            };
            out.allow_reserved = *allow_reserved;
        }
        Parameter::Path { style, .. } => {
            out.style = match style {
                PathStyle::Simple => ParamStyle::Simple,
                PathStyle::Label => ParamStyle::Label,
                PathStyle::Matrix => ParamStyle::Matrix,
            };
        }
        // Their only styles are the defaults.
        Parameter::Header { .. } | Parameter::Cookie { .. } => {}
    }
    // `explode` defaults to true for `form` only.
    out.explode = data.explode.unwrap_or(out.style == ParamStyle::Form);
    out
}

/// Fills in [`Param::shape`] of every parameter, once every named type is known.
pub(super) fn shapes(api: &mut Api) {
    let types = &api.types;
    for op in &mut api.operations {
        for p in &mut op.params {
            p.shape = shape(types, &p.ty);
        }
    }
}

/// What `ty` holds, as the styles see it.
fn shape(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> ParamShape {
    match unalias(types, ty).0 {
        TypeRef::Nullable(inner) => shape(types, inner),
        TypeRef::Array(item) => match leaf(types, item) {
            Leaf::Primitive => ParamShape::Array,
            Leaf::Any => ParamShape::Any,
            Leaf::Composite => ParamShape::Nested,
        },
        TypeRef::Map(value) => object_shape(types, [value.as_ref()]),
        ty @ TypeRef::Named(name) => match types.get(name).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => {
                let props = s.fields.iter().map(|f| &f.ty).chain(&s.additional);
                object_shape(types, props)
            }
            _ => leaf_shape(leaf(types, ty)),
        },
        ty => leaf_shape(leaf(types, ty)),
    }
}

/// An object whose properties have the types `props`.
fn object_shape<'t>(
    types: &BTreeMap<String, TypeDef>,
    props: impl IntoIterator<Item = &'t TypeRef>,
) -> ParamShape {
    let mut props = props.into_iter();
    if props.any(|ty| leaf(types, ty) == Leaf::Composite) {
        ParamShape::Nested
    } else {
        ParamShape::Object
    }
}

/// A value inside an array or object: what matters there is only whether it is one
/// itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leaf {
    Primitive,
    Any,
    Composite,
}

fn leaf_shape(leaf: Leaf) -> ParamShape {
    match leaf {
        Leaf::Primitive => ParamShape::Primitive,
        Leaf::Any => ParamShape::Any,
        Leaf::Composite => ParamShape::Nested,
    }
}

fn leaf(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> Leaf {
    match unalias(types, ty) {
        (TypeRef::Json, _) => Leaf::Any,
        (TypeRef::Nullable(inner), _) => leaf(types, inner),
        (TypeRef::Array(_) | TypeRef::Map(_), _) => Leaf::Composite,
        // Written as JSON, as a value of no declared shape is.
        (TypeRef::Tuple(_), _) => Leaf::Any,
        (TypeRef::Named(_), kind) => match kind {
            Some(TypeKind::Enum(_) | TypeKind::IntEnum(_)) => Leaf::Primitive,
            Some(TypeKind::Struct(_)) => Leaf::Composite,
            // A union of scalars is written as its value; any other is decided when sent.
            Some(TypeKind::Union(u)) if u.is_text(types) => Leaf::Primitive,
            _ => Leaf::Any,
        },
        (scalar, _) => {
            debug_assert!(scalar.is_scalar());
            Leaf::Primitive
        }
    }
}
