//! The shape of an OpenAPI document: which fields of each object hold which objects.
//!
//! Two phases walk the raw document by this one table: [`crate::normalise`] visits every
//! schema object to rewrite it, and [`crate::typing`] narrows a type error down to the
//! deepest object that fails on its own.

use serde_json::Value;

use crate::diagnostics::Ctxt;
use crate::ir::Method;
use crate::pointer;

/// The OpenAPI objects the walk goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Object {
    Document,
    Info,
    Server,
    Components,
    PathItem,
    Operation,
    /// A map of path items: a callback, or the document's `webhooks`.
    Callback,
    Parameter,
    Header,
    RequestBody,
    Response,
    MediaType,
    Schema,
    SecurityScheme,
}

/// How children appear under their field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// The field is the child.
    One,
    /// The field is a mapping of children (`x-` keys excepted).
    Map,
    /// The field is a sequence of children.
    List,
}

/// One field of an object that holds OpenAPI objects.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Child {
    /// The field's name.
    pub(crate) field: &'static str,
    /// How the children appear under it.
    pub(crate) shape: Shape,
    /// What they are.
    pub(crate) object: Object,
    /// Whether `openapiv3` reads the field (3.1-only fields such as `$defs` it ignores).
    pub(crate) typed: bool,
}

const fn child(field: &'static str, shape: Shape, object: Object) -> Child {
    Child {
        field,
        shape,
        object,
        typed: true,
    }
}

/// A field `openapiv3` does not read, which holds schemas all the same.
const fn untyped(field: &'static str, shape: Shape, object: Object) -> Child {
    Child {
        typed: false,
        ..child(field, shape, object)
    }
}

use Object as O;
use Shape::{List, Map, One};

const DOCUMENT: &[Child] = &[
    child("info", One, O::Info),
    child("servers", List, O::Server),
    child("paths", Map, O::PathItem),
    untyped("webhooks", Map, O::PathItem),
    child("components", One, O::Components),
];

const COMPONENTS: &[Child] = &[
    child("schemas", Map, O::Schema),
    child("parameters", Map, O::Parameter),
    child("headers", Map, O::Header),
    child("responses", Map, O::Response),
    child("requestBodies", Map, O::RequestBody),
    child("securitySchemes", Map, O::SecurityScheme),
    untyped("pathItems", Map, O::PathItem),
    untyped("callbacks", Map, O::Callback),
];

const PATH_ITEM: &[Child] = &[
    child("parameters", List, O::Parameter),
    child("servers", List, O::Server),
];

const OPERATION: &[Child] = &[
    child("parameters", List, O::Parameter),
    child("requestBody", One, O::RequestBody),
    child("responses", Map, O::Response),
    untyped("callbacks", Map, O::Callback),
];

const PARAMETER: &[Child] = &[
    child("schema", One, O::Schema),
    child("content", Map, O::MediaType),
];

const REQUEST_BODY: &[Child] = &[child("content", Map, O::MediaType)];

const RESPONSE: &[Child] = &[
    child("headers", Map, O::Header),
    child("content", Map, O::MediaType),
];

const MEDIA_TYPE: &[Child] = &[child("schema", One, O::Schema)];

const SCHEMA: &[Child] = &[
    child("properties", Map, O::Schema),
    child("items", One, O::Schema),
    child("additionalProperties", One, O::Schema),
    child("allOf", List, O::Schema),
    child("anyOf", List, O::Schema),
    child("oneOf", List, O::Schema),
    child("not", One, O::Schema),
    untyped("patternProperties", Map, O::Schema),
    untyped("$defs", Map, O::Schema),
    untyped("definitions", Map, O::Schema),
    untyped("prefixItems", List, O::Schema),
    untyped("if", One, O::Schema),
    untyped("then", One, O::Schema),
    untyped("else", One, O::Schema),
    untyped("contains", One, O::Schema),
    untyped("propertyNames", One, O::Schema),
];

impl Object {
    /// The fields of this object that hold OpenAPI objects.
    pub(crate) fn children(self) -> impl Iterator<Item = Child> {
        let operations = (self == O::PathItem)
            .then(|| Method::ALL.map(|m| child(m.field(), One, O::Operation)))
            .into_iter()
            .flatten();
        self.fields().iter().copied().chain(operations)
    }

    /// The field `key` of this object that holds OpenAPI objects, and its place among
    /// [`Object::children`].
    fn child(self, key: &str) -> Option<(usize, Child)> {
        let fields = self.fields();
        if let Some(at) = fields.iter().position(|c| c.field == key) {
            return fields.get(at).map(|c| (at, *c));
        }
        if self != O::PathItem {
            return None;
        }
        let (m, method) = Method::ALL
            .iter()
            .enumerate()
            .find(|(_, m)| m.field() == key)?;
        Some((fields.len() + m, child(method.field(), One, O::Operation)))
    }

    /// The fields other than a path item's operations.
    fn fields(self) -> &'static [Child] {
        match self {
            O::Document => DOCUMENT,
            O::Components => COMPONENTS,
            O::PathItem => PATH_ITEM,
            O::Operation => OPERATION,
            O::Parameter | O::Header => PARAMETER,
            O::RequestBody => REQUEST_BODY,
            O::Response => RESPONSE,
            O::MediaType => MEDIA_TYPE,
            O::Schema => SCHEMA,
            // A callback maps runtime expressions to path items: every key is a child.
            O::Callback | O::Info | O::Server | O::SecurityScheme => &[],
        }
    }
}

/// The map `components.{section}` of the document `root` (`schemas`,
/// `securitySchemes`, …), made where it is missing or not a map, for a phase that adds a
/// component.
pub(crate) fn components_section<'a>(
    root: &'a mut serde_json::Map<String, Value>,
    section: &str,
) -> Option<&'a mut serde_json::Map<String, Value>> {
    object_entry(object_entry(root, "components")?, section)
}

/// The map under `key` of `map`, made where it is missing or not a map.
fn object_entry<'a>(
    map: &'a mut serde_json::Map<String, Value>,
    key: &str,
) -> Option<&'a mut serde_json::Map<String, Value>> {
    let entry = map
        .entry(key)
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(serde_json::Map::new());
    }
    entry.as_object_mut()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_item_holds_every_method() {
        let fields: Vec<&str> = O::PathItem.children().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [
                "parameters",
                "servers",
                "get",
                "put",
                "post",
                "delete",
                "options",
                "head",
                "patch",
                "trace"
            ]
        );
        assert_eq!(O::Operation.children().count(), OPERATION.len());
    }

    #[test]
    fn a_field_is_found_where_the_children_have_it() {
        let kinds = [
            O::Document,
            O::Info,
            O::Server,
            O::Components,
            O::PathItem,
            O::Operation,
            O::Callback,
            O::Parameter,
            O::Header,
            O::RequestBody,
            O::Response,
            O::MediaType,
            O::Schema,
            O::SecurityScheme,
        ];
        for kind in kinds {
            for (at, child) in kind.children().enumerate() {
                let found = kind.child(child.field).map(|(n, c)| (n, c.field, c.object));
                assert_eq!(found, Some((at, child.field, child.object)), "{kind:?}");
            }
            for other in ["description", "x-get", "getter", ""] {
                assert!(kind.child(other).is_none(), "{kind:?} {other}");
            }
        }
        assert!(O::Operation.child("get").is_none());
    }
}

/// When [`walk`] calls its visitor on an object: before its children, or after them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Order {
    Pre,
    Post,
}

/// What [`walk`] calls on each object: its kind, the object, its JSON pointer.
pub(crate) type Visit<'v> = dyn FnMut(Object, &mut Value, &str, &mut Ctxt) + 'v;

/// Walks the document `root` by the table, calling `visit` on every OpenAPI object it
/// reaches (schemas in schemas included), in `order`.
pub(crate) fn walk(
    root: &mut serde_json::Map<String, Value>,
    order: Order,
    cx: &mut Ctxt,
    visit: &mut Visit<'_>,
) {
    let mut walker = Walker {
        cx,
        pointer: String::new(),
        order,
        visit,
    };
    walker.fields(Object::Document, root);
}

struct Walker<'w, 'v> {
    cx: &'w mut Ctxt,
    pointer: String,
    order: Order,
    visit: &'w mut Visit<'v>,
}

impl Walker<'_, '_> {
    /// Visits the children of `object`, an OpenAPI object of kind `kind`.
    fn fields(&mut self, kind: Object, object: &mut serde_json::Map<String, Value>) {
        // The fields the object has, in the table's order: an object has few of the many
        // its kind may have, and looking each of those up cost more than the walk.
        let mut present: Vec<(usize, Child, &mut Value)> = object
            .iter_mut()
            .filter_map(|(key, value)| {
                let (at, child) = kind.child(key)?;
                Some((at, child, value))
            })
            .collect();
        present.sort_unstable_by_key(|(at, _, _)| *at);
        for (_, child, value) in present {
            // `additionalProperties: true` and `false` keep their 3.0 meaning.
            if child.field == "additionalProperties" && value.is_boolean() {
                continue;
            }
            let len = self.pointer.len();
            self.pointer.push('/');
            pointer::push_escaped(&mut self.pointer, child.field);
            match (child.shape, value) {
                (Shape::One, value) => self.visit(child.object, value),
                (Shape::Map, Value::Object(map)) => {
                    for (key, value) in map.iter_mut().filter(|(k, _)| !k.starts_with("x-")) {
                        self.visit_at(key, child.object, value);
                    }
                }
                (Shape::List, Value::Array(items)) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        self.visit_at(&i.to_string(), child.object, item);
                    }
                }
                _ => {}
            }
            self.pointer.truncate(len);
        }
    }

    fn visit_at(&mut self, segment: &str, kind: Object, value: &mut Value) {
        let len = self.pointer.len();
        self.pointer.push('/');
        pointer::push_escaped(&mut self.pointer, segment);
        self.visit(kind, value);
        self.pointer.truncate(len);
    }

    fn visit(&mut self, kind: Object, value: &mut Value) {
        if self.order == Order::Pre {
            (self.visit)(kind, value, &self.pointer, self.cx);
        }
        if kind == Object::Callback {
            // A callback maps runtime expressions to path items.
            if let Some(map) = value.as_object_mut() {
                for (key, item) in map.iter_mut().filter(|(k, _)| !k.starts_with("x-")) {
                    self.visit_at(key, Object::PathItem, item);
                }
            }
        } else if let Some(object) = value.as_object_mut() {
            self.fields(kind, object);
        }
        if self.order == Order::Post {
            (self.visit)(kind, value, &self.pointer, self.cx);
        }
    }
}
