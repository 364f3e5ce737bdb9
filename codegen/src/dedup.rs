//! Phase 5: named types that would be written the same, field for field, become one.
//!
//! Large descriptions repeat themselves: GitHub's declares the enum `read | write` 915
//! times, once per permission, and many objects twice (inline in a request and again
//! as a component). Each copy costs the user's compiler the derives and impls of a type
//! of its own. Here the copies are found (types whose Rust definitions would differ in
//! name, type-level documentation and example only, the types they name compared the
//! same way, recursively) and every copy but one becomes an alias of that one
//! (`pub type ReposListForOrgSort = Sort;`), so every name the description gives still
//! exists, with its own documentation, and its values are built, matched and decoded as
//! before.
//!
//! The one kept is, in order: a component schema over an inline one, the shortest name,
//! then the first in name order. The config's `distinct_types: true` turns the phase off
//! for users who implement their own traits for two copies.
//!
//! The copies are found by partition refinement (Moore's algorithm, as for the states of
//! an automaton): types start in classes by their own shape, with the types they name
//! left out, and a class is split while its members name types of different classes.
//! What is left are the largest classes of types that are the same all the way down,
//! recursive types included.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use crate::ir::{self, Api, Field, TypeDef, TypeKind, TypeRef};

/// Makes every type whose definition repeats another's an alias of it.
pub fn dedup(api: &mut Api) {
    let shapes: BTreeMap<&str, Shape> = api
        .types
        .iter()
        .filter(|(_, def)| !matches!(def.kind, TypeKind::Alias(_)))
        .map(|(name, def)| (name.as_str(), Shape::of(&api.types, def)))
        .collect();
    let class = classes(&shapes);
    let mut members: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (name, class) in &class {
        members.entry(*class).or_default().push(name);
    }
    let mut aliases: Vec<(String, String)> = Vec::new();
    for names in members.values().filter(|names| names.len() > 1) {
        let Some(kept) = names
            .iter()
            .min_by_key(|name| (!is_component(&api.types[**name]), name.len(), **name))
        else {
            continue;
        };
        aliases.extend(
            names
                .iter()
                .filter(|name| *name != kept)
                .map(|name| ((*name).to_owned(), (*kept).to_owned())),
        );
    }
    for (name, kept) in aliases {
        if let Some(def) = api.types.get_mut(&name) {
            def.kind = TypeKind::Alias(TypeRef::Named(kept));
        }
    }
}

/// Whether the type is a schema of `components` (named by the description's author).
fn is_component(def: &TypeDef) -> bool {
    def.pointer.starts_with("/components/schemas/")
        && def.pointer["/components/schemas/".len()..]
            .matches('/')
            .count()
            == 0
}

/// A type's definition as the emitter writes it, less its name, documentation and
/// example, with the named types it refers to (through aliases) left out as `#` and
/// listed in `refs`, in order.
struct Shape<'t> {
    text: String,
    refs: Vec<&'t str>,
}

/// How deep a type reference is followed through aliases and containers before it is
/// written by name: deeper than any real description nests, and a bound on a cycle of
/// aliases through containers.
const MAX_DEPTH: usize = 64;

impl<'t> Shape<'t> {
    fn of(types: &'t BTreeMap<String, TypeDef>, def: &'t TypeDef) -> Shape<'t> {
        let mut shape = Shape {
            text: String::new(),
            refs: Vec::new(),
        };
        let _ = write!(shape.text, "nullable={};", def.nullable);
        match &def.kind {
            TypeKind::Struct(s) => {
                shape.text.push_str("struct{");
                for f in &s.fields {
                    shape.field(types, f);
                }
                if let Some(ty) = &s.additional {
                    shape.text.push_str("additional:");
                    shape.ty(types, ty, 0);
                }
                if let Some((name, ty)) = &s.flattened {
                    let _ = write!(shape.text, "flattened {name}:");
                    shape.ty(types, ty, 0);
                }
                shape.text.push('}');
            }
            TypeKind::Enum(e) => {
                shape.text.push_str("enum{");
                for v in &e.variants {
                    let _ = write!(shape.text, "{:?}={:?},", v.name, v.value);
                }
                let _ = write!(shape.text, "else {}}}", e.fallback);
            }
            TypeKind::IntEnum(e) => {
                shape.text.push_str("int enum{");
                for v in &e.variants {
                    let _ = write!(shape.text, "{:?}={},", v.name, v.value);
                }
                let _ = write!(shape.text, "else {}}}", e.fallback);
            }
            TypeKind::Union(u) => {
                let _ = write!(shape.text, "union {:?} any_of={}{{", u.repr, u.any_of);
                for v in &u.variants {
                    let _ = write!(
                        shape.text,
                        "{:?} doc={:?} tags={:?} boxed={}:",
                        v.name, v.doc, v.tags, v.boxed
                    );
                    shape.ty(types, &v.ty, 0);
                    shape.text.push(',');
                }
                shape.text.push('}');
            }
            TypeKind::Alias(ty) => shape.ty(types, ty, 0),
        }
        shape
    }

    fn field(&mut self, types: &'t BTreeMap<String, TypeDef>, f: &'t Field) {
        // Everything the struct's definition and its constructor and setters are written
        // from; the example only feeds the operations' documentation.
        let _ = write!(
            self.text,
            "{:?}/{:?} required={} nullable={} doc={:?} default={:?} deprecated={} boxed={} \
             explicit_null={}:",
            f.name,
            f.wire_name,
            f.required,
            f.nullable,
            f.doc,
            f.default,
            f.deprecated,
            f.boxed,
            f.explicit_null
        );
        self.ty(types, &f.ty, 0);
        self.text.push(',');
    }

    fn ty(&mut self, types: &'t BTreeMap<String, TypeDef>, ty: &'t TypeRef, depth: usize) {
        let ty = if depth < MAX_DEPTH {
            ir::unalias(types, ty).0
        } else {
            ty
        };
        match ty {
            TypeRef::Named(name) if types.contains_key(name) && depth < MAX_DEPTH => {
                self.text.push('#');
                self.refs.push(name);
            }
            TypeRef::Named(name) => {
                let _ = write!(self.text, "{name:?}");
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                let container = match ty {
                    TypeRef::Array(_) => "vec",
                    TypeRef::Map(_) => "map",
                    _ => "option",
                };
                let _ = write!(self.text, "{container}<");
                self.ty(types, inner, depth + 1);
                self.text.push('>');
            }
            scalar => {
                let _ = write!(self.text, "{scalar:?}");
            }
        }
    }
}

/// The coarsest partition of the types in which two types share a class only when their
/// shapes are equal and the types they name, in order, share classes: by class number.
fn classes<'t>(shapes: &BTreeMap<&'t str, Shape<'t>>) -> BTreeMap<&'t str, usize> {
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    let mut class: BTreeMap<&str, usize> = shapes
        .iter()
        .map(|(name, shape)| {
            let next = numbers.len();
            (*name, *numbers.entry(shape.text.as_str()).or_insert(next))
        })
        .collect();
    let mut count = numbers.len();
    // Each round splits classes or ends; there can't be more classes than types.
    for _ in 0..shapes.len() {
        let mut numbers: HashMap<(usize, Vec<usize>), usize> = HashMap::new();
        let next: BTreeMap<&str, usize> = shapes
            .iter()
            .map(|(name, shape)| {
                // A reference to an alias's target that is itself an alias (a cycle cut
                // short at MAX_DEPTH) has no class; it counts as a class of its own.
                let refs = shape
                    .refs
                    .iter()
                    .map(|r| class.get(r).copied().unwrap_or(usize::MAX))
                    .collect();
                let key = (class[name], refs);
                let n = numbers.len();
                (*name, *numbers.entry(key).or_insert(n))
            })
            .collect();
        class = next;
        if numbers.len() == count {
            break;
        }
        count = numbers.len();
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Enum, Struct, Variant};

    fn def(name: &str, pointer: &str, kind: TypeKind) -> (String, TypeDef) {
        (
            name.to_owned(),
            TypeDef {
                name: name.to_owned(),
                pointer: pointer.to_owned(),
                doc: Some(format!("The {name}.")),
                nullable: false,
                kind,
                example: None,
            },
        )
    }

    fn read_write() -> TypeKind {
        TypeKind::Enum(Enum {
            variants: ["read", "write"]
                .map(|v| Variant {
                    name: heck::ToUpperCamelCase::to_upper_camel_case(v),
                    value: v.to_owned(),
                })
                .to_vec(),
            fallback: "Unknown".to_owned(),
        })
    }

    fn field(name: &str, ty: TypeRef) -> Field {
        Field {
            name: name.to_owned(),
            wire_name: name.to_owned(),
            ty,
            required: false,
            nullable: false,
            doc: None,
            default: None,
            deprecated: false,
            boxed: false,
            explicit_null: false,
            example: None,
        }
    }

    fn object(fields: Vec<Field>) -> TypeKind {
        TypeKind::Struct(Struct {
            fields,
            ..Struct::default()
        })
    }

    fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.to_owned())
    }

    fn kinds(api: &Api) -> BTreeMap<&str, String> {
        api.types
            .iter()
            .map(|(name, def)| {
                let kind = match &def.kind {
                    TypeKind::Alias(TypeRef::Named(to)) => format!("= {to}"),
                    TypeKind::Alias(_) => "alias".to_owned(),
                    TypeKind::Struct(_) => "struct".to_owned(),
                    TypeKind::Enum(_) | TypeKind::IntEnum(_) => "enum".to_owned(),
                    TypeKind::Union(_) => "union".to_owned(),
                };
                (name.as_str(), kind)
            })
            .collect()
    }

    #[test]
    fn copies_become_aliases_of_the_component_then_the_shortest_name() {
        let mut api = Api {
            types: [
                def(
                    "IssuesPermission",
                    "/components/schemas/app/properties/issues",
                    read_write(),
                ),
                def(
                    "ContentsPermission",
                    "/components/schemas/app/properties/contents",
                    read_write(),
                ),
                def("Access", "/components/schemas/Access", read_write()),
                def("Mode", "/paths/~1x/get/parameters/0/schema", read_write()),
            ]
            .into(),
            ..Api::default()
        };
        dedup(&mut api);
        let kinds = kinds(&api);
        assert_eq!(
            kinds["Access"], "enum",
            "the component is kept over a shorter name"
        );
        for copy in ["IssuesPermission", "ContentsPermission", "Mode"] {
            assert_eq!(kinds[copy], "= Access");
            assert_eq!(
                api.types[copy].doc.as_deref(),
                Some(format!("The {copy}.").as_str())
            );
        }
    }

    #[test]
    fn structs_are_the_same_when_what_they_name_is() {
        let mut api = Api {
            types: [
                def("A", "/a", object(vec![field("mode", named("AMode"))])),
                def("B", "/b", object(vec![field("mode", named("BMode"))])),
                def("C", "/c", object(vec![field("mode", named("CMode"))])),
                def("AMode", "/a/mode", read_write()),
                def("BMode", "/b/mode", read_write()),
                def(
                    "CMode",
                    "/c/mode",
                    TypeKind::Enum(Enum {
                        variants: vec![Variant {
                            name: "Read".to_owned(),
                            value: "read".to_owned(),
                        }],
                        fallback: "Unknown".to_owned(),
                    }),
                ),
            ]
            .into(),
            ..Api::default()
        };
        dedup(&mut api);
        let kinds = kinds(&api);
        assert_eq!(kinds["B"], "= A");
        assert_eq!(kinds["BMode"], "= AMode");
        assert_eq!(kinds["C"], "struct", "its field's enum has other values");
        assert_eq!(kinds["CMode"], "enum");
    }

    #[test]
    fn recursive_copies_merge_and_field_docs_keep_types_apart() {
        let mut documented = field("next", named("Documented"));
        documented.doc = Some("The next node.".to_owned());
        let mut api = Api {
            types: [
                def("Node", "/n", object(vec![field("next", named("Node"))])),
                def("Link", "/l", object(vec![field("next", named("Link"))])),
                def("Documented", "/d", object(vec![documented])),
            ]
            .into(),
            ..Api::default()
        };
        dedup(&mut api);
        let kinds = kinds(&api);
        assert_eq!(kinds["Node"], "= Link");
        assert_eq!(kinds["Link"], "struct");
        assert_eq!(kinds["Documented"], "struct");
    }

    #[test]
    fn the_config_keeps_a_type_per_schema() {
        let spec = r#"
openapi: 3.0.3
info: {title: Copies, version: "1"}
paths: {}
components:
  schemas:
    Cat: {type: object, properties: {name: {type: string}}}
    Dog: {type: object, properties: {name: {type: string}}}
"#;
        let models = |config: &str| {
            let options = crate::Options {
                config: crate::config::Config::parse(config, "codegen.yaml")
                    .unwrap_or_else(|d| panic!("{}", d.render("codegen.yaml"))),
                ..crate::Options::default()
            };
            let generated =
                crate::generate(spec, &options).unwrap_or_else(|d| panic!("{}", d.render("spec")));
            generated.files["src/models.rs"].clone()
        };
        let merged = models("");
        assert!(merged.contains("pub struct Cat {"), "{merged}");
        assert!(merged.contains("pub type Dog = Cat;"), "{merged}");
        let distinct = models("distinct_types: true");
        assert!(distinct.contains("pub struct Cat {"), "{distinct}");
        assert!(distinct.contains("pub struct Dog {"), "{distinct}");
    }
}
