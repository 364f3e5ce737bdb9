//! Webhooks: each event's payload type, and the values of the payload's `type` field
//! that announce it.
//!
//! Payloads follow the Standard Webhooks structure: a `type` field says which event a
//! delivery is. The values that select a webhook are read from its payload schema: the
//! `enum` (or 3.1 `const`) of that field, narrowed through `allOf` (a payload made of a
//! shared base listing every event type and a branch listing one keeps that one). Values
//! listed in the field's `x-deprecated-values` are aliases kept for old deliveries.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{PathItem, ReferenceOr, RequestBody as OaRequestBody, Schema, SchemaKind, Type};

use super::body::pick_content;
use super::schema::Sref;
use super::{doc_text, Resolver};
use crate::diagnostics::Diagnostic;
use crate::ir::{EventType, Webhook};
use crate::naming::{camel, Names};
use crate::pointer::{component_key, join};

/// The payload field that names the event.
pub const EVENT_TYPE_FIELD: &str = "type";

/// The extension that lists deprecated values of an enum.
const DEPRECATED_VALUES: &str = "x-deprecated-values";

/// What [`Resolver::type_values`] found for each `$ref` (`None` while it is being read).
type Memo<'a> = BTreeMap<&'a str, Option<TypeValues>>;

/// The values a schema allows for the `type` field, and which of them are deprecated.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct TypeValues {
    values: Vec<String>,
    deprecated: BTreeSet<String>,
}

impl TypeValues {
    /// The values every one of `constraints` allows (in the order of the narrowest);
    /// `None` when there is no constraint.
    fn intersect(constraints: Vec<TypeValues>) -> Option<TypeValues> {
        let narrowest = constraints.iter().min_by_key(|c| c.values.len())?.clone();
        let values: Vec<String> = narrowest
            .values
            .into_iter()
            .filter(|v| constraints.iter().all(|c| c.values.contains(v)))
            .collect();
        let deprecated = constraints
            .iter()
            .flat_map(|c| c.deprecated.iter())
            .filter(|d| values.contains(d))
            .cloned()
            .collect();
        Some(TypeValues { values, deprecated })
    }

    /// The values any of `alternatives` allows; `None` when one of them is unconstrained.
    fn union(alternatives: Vec<Option<TypeValues>>) -> Option<TypeValues> {
        let mut out = TypeValues::default();
        for alt in alternatives {
            let alt = alt?;
            for v in alt.values {
                if !out.values.contains(&v) {
                    out.values.push(v);
                }
            }
            out.deprecated.extend(alt.deprecated);
        }
        (!out.values.is_empty()).then_some(out)
    }
}

impl<'a> Resolver<'a, '_> {
    /// The events of `webhooks`: each one's payload is its JSON request body.
    pub(crate) fn webhooks(
        &mut self,
        webhooks: &'a IndexMap<String, ReferenceOr<PathItem>>,
    ) -> Vec<Webhook> {
        let mut variants = Names::new();
        variants.reserve("Unknown");
        // Event type → the webhook that took it.
        let mut claimed: BTreeMap<String, String> = BTreeMap::new();
        let mut memo = Memo::new();
        let mut out = Vec::new();
        for (name, item) in webhooks {
            let pointer = join("/webhooks", name);
            let ReferenceOr::Item(item) = item else {
                self.cx.push(
                    Diagnostic::error(&pointer, "a webhook given as `$ref` is not supported")
                        .help("write the webhook's path item inline"),
                );
                continue;
            };
            let Some((method, op)) = item.iter().next() else {
                continue;
            };
            let op_pointer = join(&pointer, method);
            let payload = op.request_body.as_ref().and_then(|b| {
                self.request_body(
                    b,
                    &format!("{}Payload", camel(name)),
                    &join(&op_pointer, "requestBody"),
                )
            });
            let declared = op
                .request_body
                .as_ref()
                .and_then(|b| self.body_schema(b))
                .and_then(|s| self.type_values(s, &mut memo));
            let mut event_types = match declared {
                Some(declared) => select(name, declared),
                None => {
                    self.cx.push(
                        Diagnostic::warning(
                            &op_pointer,
                            format!(
                                "the payload of webhook `{name}` lists no values of its `{EVENT_TYPE_FIELD}` field; \
                                 `WebhookEvent` takes `{name}` as its event type"
                            ),
                        )
                        .help(format!(
                            "give the payload schema a `{EVENT_TYPE_FIELD}` property with an `enum` or `const` of the event type"
                        )),
                    );
                    vec![EventType {
                        value: name.clone(),
                        deprecated: false,
                    }]
                }
            };
            event_types.retain(|e| match claimed.get(&e.value) {
                Some(owner) => {
                    self.cx.push(
                        Diagnostic::warning(
                            &op_pointer,
                            format!("event type `{}` of webhook `{name}` is also that of webhook `{owner}`, which keeps it", e.value),
                        )
                        .help("give each webhook's payload its own event type values"),
                    );
                    false
                }
                None => {
                    claimed.insert(e.value.clone(), name.clone());
                    true
                }
            });
            let variant = match event_types.first() {
                Some(canonical) => variants.claim(&camel(&canonical.value)),
                None => String::new(),
            };
            out.push(Webhook {
                doc: doc_text(op.summary.as_deref(), op.description.as_deref()),
                payload: payload.and_then(|p| p.json_type().cloned()),
                variant,
                event_types,
            });
        }
        out
    }

    /// The schema of a request body's chosen content, following a `$ref` to
    /// `components/requestBodies` (a broken one is reported where the body is resolved).
    fn body_schema(&self, body: &'a ReferenceOr<OaRequestBody>) -> Option<Sref<'a>> {
        let body = match body {
            ReferenceOr::Item(b) => b,
            ReferenceOr::Reference { reference } => {
                let key = component_key(reference, "requestBodies")?;
                match self.doc.components.as_ref()?.request_bodies.get(&key)? {
                    ReferenceOr::Item(b) => b,
                    ReferenceOr::Reference { .. } => return None,
                }
            }
        };
        let (_, media) = pick_content(&body.content)?;
        media.schema.as_ref().map(Sref::from)
    }

    /// The values the payload schema `s` allows for its `type` field; `None` when it
    /// does not constrain them. `memo` holds the answer for each `$ref` met, so shared
    /// schemas are read once and cycles end (a schema met again inside itself reads as
    /// unconstrained).
    fn type_values(&self, s: Sref<'a>, memo: &mut Memo<'a>) -> Option<TypeValues> {
        match s {
            Sref::Item(schema) => self.schema_type_values(schema, memo),
            Sref::Ref(reference) => {
                if let Some(known) = memo.get(reference) {
                    return known.clone();
                }
                memo.insert(reference, None);
                let found = self
                    .schema_behind(s)
                    .and_then(|schema| self.schema_type_values(schema, memo));
                memo.insert(reference, found.clone());
                found
            }
        }
    }

    fn schema_type_values(&self, schema: &'a Schema, memo: &mut Memo<'a>) -> Option<TypeValues> {
        let mut constraints = Vec::new();
        let mut combinators = |all_of: &'a [ReferenceOr<Schema>],
                               any_of: &'a [ReferenceOr<Schema>],
                               one_of: &'a [ReferenceOr<Schema>]| {
            constraints.extend(
                all_of
                    .iter()
                    .filter_map(|b| self.type_values(b.into(), memo)),
            );
            for alternatives in [any_of, one_of] {
                if !alternatives.is_empty() {
                    let each = alternatives
                        .iter()
                        .map(|b| self.type_values(b.into(), memo))
                        .collect();
                    constraints.extend(TypeValues::union(each));
                }
            }
        };
        let property = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => o.properties.get(EVENT_TYPE_FIELD),
            SchemaKind::AllOf { all_of } => {
                combinators(all_of, &[], &[]);
                None
            }
            SchemaKind::AnyOf { any_of } => {
                combinators(&[], any_of, &[]);
                None
            }
            SchemaKind::OneOf { one_of } => {
                combinators(&[], &[], one_of);
                None
            }
            SchemaKind::Any(a) => {
                combinators(&a.all_of, &a.any_of, &a.one_of);
                a.properties.get(EVENT_TYPE_FIELD)
            }
            _ => None,
        };
        if let Some(p) = property {
            constraints.extend(self.field_values(p.into()));
        }
        TypeValues::intersect(constraints)
    }

    /// The string values the `type` field's schema lists, with its deprecated ones.
    fn field_values(&self, s: Sref<'a>) -> Option<TypeValues> {
        let schema = self.schema_behind(s)?;
        let values: Vec<String> = match &schema.schema_kind {
            SchemaKind::Type(Type::String(t)) => t.enumeration.iter().flatten().cloned().collect(),
            SchemaKind::Any(a) => a
                .enumeration
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        if values.is_empty() {
            return None;
        }
        let deprecated = match schema.schema_data.extensions.get(DEPRECATED_VALUES) {
            Some(serde_json::Value::Array(list)) => list
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => BTreeSet::new(),
        };
        Some(TypeValues { values, deprecated })
    }
}

/// The event types of webhook `name` among the values its payload allows. A payload that
/// allows its own name and others (a base schema shared by several events) is the event of
/// that name, with the deprecated aliases it lists; otherwise every value is its event,
/// the canonical (first not deprecated) first.
fn select(name: &str, declared: TypeValues) -> Vec<EventType> {
    let TypeValues { values, deprecated } = declared;
    let own_name = values.iter().any(|v| v == name);
    let mut chosen: Vec<EventType> = values
        .into_iter()
        .filter(|v| !own_name || v == name || deprecated.contains(v))
        .map(|v| EventType {
            deprecated: deprecated.contains(&v),
            value: v,
        })
        .collect();
    // Canonical first, keeping the order of the rest.
    chosen.sort_by_key(|e| e.deprecated);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tv(values: &[&str], deprecated: &[&str]) -> TypeValues {
        TypeValues {
            values: values.iter().map(|v| (*v).to_owned()).collect(),
            deprecated: deprecated.iter().map(|v| (*v).to_owned()).collect(),
        }
    }

    fn values(events: &[EventType]) -> Vec<(&str, bool)> {
        events
            .iter()
            .map(|e| (e.value.as_str(), e.deprecated))
            .collect()
    }

    #[test]
    fn all_of_narrows_to_the_common_values() {
        let base = tv(&["a.one", "a.two", "a.three"], &[]);
        let narrow = tv(&["a.two"], &[]);
        assert_eq!(
            TypeValues::intersect(vec![base, narrow]),
            Some(tv(&["a.two"], &[]))
        );
        assert_eq!(TypeValues::intersect(vec![]), None);
        assert_eq!(
            TypeValues::intersect(vec![tv(&["x"], &[]), tv(&["y"], &[])]),
            Some(tv(&[], &[]))
        );
    }

    #[test]
    fn alternatives_join_unless_one_is_open() {
        let joined = TypeValues::union(vec![Some(tv(&["a"], &["a"])), Some(tv(&["b", "a"], &[]))]);
        assert_eq!(joined, Some(tv(&["a", "b"], &["a"])));
        assert_eq!(TypeValues::union(vec![Some(tv(&["a"], &[])), None]), None);
    }

    /// `Payload` → `L1` twice → … → `L40` twice → `Leaf`: read naively, 2^40 visits.
    #[test]
    fn shared_schemas_are_read_once() {
        let mut schemas = serde_json::Map::new();
        for level in 0..40 {
            let name = if level == 0 {
                "Payload".to_owned()
            } else {
                format!("L{level}")
            };
            let next = if level == 39 {
                "Leaf".to_owned()
            } else {
                format!("L{}", level + 1)
            };
            let next = serde_json::json!({ "$ref": format!("#/components/schemas/{next}") });
            schemas.insert(name, serde_json::json!({ "allOf": [next.clone(), next] }));
        }
        schemas.insert(
            "Leaf".to_owned(),
            serde_json::json!({ "type": "object", "properties": { "type": { "type": "string", "enum": ["a.b"] } } }),
        );
        let doc = doc_with_schemas(serde_json::Value::Object(schemas));
        assert_eq!(payload_type_values(&doc), Some(tv(&["a.b"], &[])));
    }

    #[test]
    fn a_schema_made_of_itself_ends() {
        let doc = doc_with_schemas(serde_json::json!({
            "Payload": { "allOf": [
                { "$ref": "#/components/schemas/Payload" },
                { "type": "object", "properties": { "type": { "enum": ["a.b", "a.c"] } } },
                { "oneOf": [{ "$ref": "#/components/schemas/Payload" }, { "$ref": "#/components/schemas/Payload" }] },
            ] },
        }));
        assert_eq!(payload_type_values(&doc), Some(tv(&["a.b", "a.c"], &[])));
    }

    fn doc_with_schemas(schemas: serde_json::Value) -> openapiv3::OpenAPI {
        serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": { "title": "T", "version": "1" },
            "paths": {},
            "components": { "schemas": schemas },
        }))
        .expect("a valid document")
    }

    /// What `type_values` finds for `#/components/schemas/Payload`.
    fn payload_type_values(doc: &openapiv3::OpenAPI) -> Option<TypeValues> {
        let config = crate::config::Config::default();
        let mut cx = crate::diagnostics::Ctxt::new();
        let values = Resolver::new(doc, &config, &mut cx)
            .type_values(Sref::Ref("#/components/schemas/Payload"), &mut Memo::new());
        assert!(cx.check().is_ok(), "type_values reports nothing");
        values
    }

    #[test]
    fn a_shared_base_selects_the_webhooks_own_name_and_aliases() {
        let shared = tv(&["m.sent", "m.old", "m.failed"], &["m.old"]);
        assert_eq!(
            values(&select("m.failed", shared.clone())),
            [("m.failed", false), ("m.old", true)]
        );
        // Not its own name: every value, canonical first.
        let own = tv(&["old.name", "new.name"], &["old.name"]);
        assert_eq!(
            values(&select("hook", own)),
            [("new.name", false), ("old.name", true)]
        );
        assert_eq!(
            values(&select("x", tv(&["only.deprecated"], &["only.deprecated"]))),
            [("only.deprecated", true)]
        );
    }
}
