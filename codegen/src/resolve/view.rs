//! One view over the two forms `openapiv3` reads a schema in: typed
//! (`SchemaKind::Type`, one `type` with that type's keywords) and untyped
//! (`SchemaKind::Any`, whatever does not fit one type). Every question about what a
//! schema says (its type, format, properties, enum values, …) is answered here, so that
//! no other module matches on the two forms.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

/// The `properties` of a schema.
pub(crate) type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// What a schema says, whichever form `openapiv3` read it in.
#[derive(Clone, Copy)]
pub(crate) struct View<'a>(pub(crate) &'a Schema);

impl<'a> View<'a> {
    /// Its `type`, e.g. `string` (`None` when it has none, or is a combinator alone).
    pub(crate) fn typ(self) -> Option<&'a str> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::String(_)) => Some("string"),
            SchemaKind::Type(Type::Integer(_)) => Some("integer"),
            SchemaKind::Type(Type::Number(_)) => Some("number"),
            SchemaKind::Type(Type::Boolean(_)) => Some("boolean"),
            SchemaKind::Type(Type::Array(_)) => Some("array"),
            SchemaKind::Type(Type::Object(_)) => Some("object"),
            SchemaKind::Any(a) => a.typ.as_deref(),
            _ => None,
        }
    }

    /// Its `format` as written, e.g. `date-time` or `int32`.
    pub(crate) fn format(self) -> Option<&'a str> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::String(t)) => match &t.format {
                VariantOrUnknownOrEmpty::Item(f) => Some(match f {
                    StringFormat::Date => "date",
                    StringFormat::DateTime => "date-time",
                    StringFormat::Password => "password",
                    StringFormat::Byte => "byte",
                    StringFormat::Binary => "binary",
                }),
                VariantOrUnknownOrEmpty::Unknown(f) => Some(f),
                VariantOrUnknownOrEmpty::Empty => None,
            },
            SchemaKind::Type(Type::Integer(t)) => match &t.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Some("int32"),
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => Some("int64"),
                VariantOrUnknownOrEmpty::Unknown(f) => Some(f),
                VariantOrUnknownOrEmpty::Empty => None,
            },
            SchemaKind::Type(Type::Number(t)) => match &t.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Some("float"),
                VariantOrUnknownOrEmpty::Item(NumberFormat::Double) => Some("double"),
                VariantOrUnknownOrEmpty::Unknown(f) => Some(f),
                VariantOrUnknownOrEmpty::Empty => None,
            },
            SchemaKind::Any(a) => a.format.as_deref(),
            _ => None,
        }
    }

    /// Whether it is an array whose items must be unique (`uniqueItems: true`).
    pub(crate) fn unique_items(self) -> bool {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Array(a)) => a.unique_items,
            SchemaKind::Any(a) => a.unique_items == Some(true),
            _ => false,
        }
    }

    /// Its `properties`, when it is an object or untyped.
    pub(crate) fn properties(self) -> Option<&'a Properties> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Object(o)) => Some(&o.properties),
            SchemaKind::Any(a) => Some(&a.properties),
            _ => None,
        }
    }

    /// Its `required` list.
    pub(crate) fn required(self) -> &'a [String] {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Object(o)) => &o.required,
            SchemaKind::Any(a) => &a.required,
            _ => &[],
        }
    }

    /// Its `additionalProperties`.
    pub(crate) fn additional_properties(self) -> Option<&'a AdditionalProperties> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Object(o)) => o.additional_properties.as_ref(),
            SchemaKind::Any(a) => a.additional_properties.as_ref(),
            _ => None,
        }
    }

    /// Its `items`.
    pub(crate) fn items(self) -> Option<&'a ReferenceOr<Box<Schema>>> {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::Array(a)) => a.items.as_ref(),
            SchemaKind::Any(a) => a.items.as_ref(),
            _ => None,
        }
    }

    /// Its `allOf`, `anyOf` and `oneOf` lists (empty when it has none).
    pub(crate) fn combinators(self) -> [&'a [ReferenceOr<Schema>]; 3] {
        match &self.0.schema_kind {
            SchemaKind::AllOf { all_of } => [all_of, &[], &[]],
            SchemaKind::AnyOf { any_of } => [&[], any_of, &[]],
            SchemaKind::OneOf { one_of } => [&[], &[], one_of],
            SchemaKind::Any(a) => [&a.all_of, &a.any_of, &a.one_of],
            _ => [&[], &[], &[]],
        }
    }

    /// Whether it lists `enum` values.
    pub(crate) fn has_enum(self) -> bool {
        match &self.0.schema_kind {
            SchemaKind::Type(Type::String(t)) => !t.enumeration.is_empty(),
            SchemaKind::Type(Type::Integer(t)) => !t.enumeration.is_empty(),
            SchemaKind::Type(Type::Number(t)) => !t.enumeration.is_empty(),
            SchemaKind::Type(Type::Boolean(t)) => !t.enumeration.is_empty(),
            SchemaKind::Any(a) => !a.enumeration.is_empty(),
            _ => false,
        }
    }

    /// Whether it has a `not`.
    pub(crate) fn has_not(self) -> bool {
        match &self.0.schema_kind {
            SchemaKind::Not { .. } => true,
            SchemaKind::Any(a) => a.not.is_some(),
            _ => false,
        }
    }

    /// Whether, of the keywords that give a shape, it has at most `properties` (no
    /// `additionalProperties`, `items`, `enum`, combinators or `not`).
    pub(crate) fn only_object_keywords(self) -> bool {
        self.additional_properties().is_none()
            && self.items().is_none()
            && !self.has_enum()
            && self.combinators().iter().all(|l| l.is_empty())
            && !self.has_not()
    }

    /// The values of a string enum (`null` aside); `None` when it is no string enum.
    pub(crate) fn string_enum(self) -> Option<Vec<String>> {
        let values: Vec<String> = match &self.0.schema_kind {
            SchemaKind::Type(Type::String(t)) => t.enumeration.iter().flatten().cloned().collect(),
            SchemaKind::Any(a) if matches!(a.typ.as_deref(), None | Some("string")) => {
                if a.enumeration.iter().any(|v| !v.is_string() && !v.is_null()) {
                    return None;
                }
                a.enumeration
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            }
            _ => return None,
        };
        (!values.is_empty()).then_some(values)
    }

    /// The values of an integer enum (`type: integer` with `enum`), with the names
    /// `x-enum-varnames` (openapi-generator's) or `x-enumNames` (NSwag's) give them, where
    /// they give one per value.
    pub(crate) fn integer_enum(self) -> Option<Vec<(i64, Option<&'a str>)>> {
        let values: Vec<i64> = match &self.0.schema_kind {
            SchemaKind::Type(Type::Integer(t)) => t.enumeration.iter().flatten().copied().collect(),
            SchemaKind::Any(a) if a.typ.as_deref() == Some("integer") => {
                let values: Option<Vec<i64>> = a
                    .enumeration
                    .iter()
                    .filter(|v| !v.is_null())
                    .map(serde_json::Value::as_i64)
                    .collect();
                values?
            }
            _ => return None,
        };
        if values.is_empty() {
            return None;
        }
        let extensions = &self.0.schema_data.extensions;
        let names: Option<Vec<&str>> = ["x-enum-varnames", "x-enumNames"]
            .iter()
            .find_map(|key| extensions.get(*key)?.as_array())
            .and_then(|names| names.iter().map(serde_json::Value::as_str).collect())
            .filter(|names: &Vec<&str>| names.len() == values.len());
        Some(
            values
                .into_iter()
                .enumerate()
                .map(|(i, v)| (v, names.as_ref().map(|n| n[i])))
                .collect(),
        )
    }

    /// A plain `type: string`: no format, no enum, nothing else that gives a shape.
    pub(crate) fn is_plain_string(self) -> bool {
        let nothing_else = self.properties().is_none_or(IndexMap::is_empty)
            && self.combinators().iter().all(|l| l.is_empty());
        self.typ() == Some("string") && self.format().is_none() && !self.has_enum() && nothing_else
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(v: serde_json::Value) -> Schema {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn both_forms_answer_alike() {
        // Typed, and untyped (`openapiv3` reads a `type` with another type's keyword so).
        let typed = schema(serde_json::json!({"type": "string", "format": "date-time"}));
        let untyped =
            schema(serde_json::json!({"type": "string", "format": "date-time", "properties": {}}));
        for s in [&typed, &untyped] {
            assert_eq!(View(s).typ(), Some("string"));
            assert_eq!(View(s).format(), Some("date-time"));
            assert!(!View(s).is_plain_string());
        }
        let e = schema(serde_json::json!({"enum": ["a", null, "b"]}));
        assert_eq!(View(&e).string_enum(), Some(vec!["a".into(), "b".into()]));
        let mixed = schema(serde_json::json!({"enum": ["a", 1]}));
        assert_eq!(View(&mixed).string_enum(), None);
        let object = schema(serde_json::json!({"required": ["a"], "properties": {"a": {}}}));
        assert_eq!(View(&object).required(), ["a"]);
        assert_eq!(View(&object).typ(), None);
        assert!(View(&schema(serde_json::json!({"type": "string"}))).is_plain_string());
    }
}
