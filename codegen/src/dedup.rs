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
//! then the first in name order. When that is an inline schema of one operation and
//! copies are in others, the type is named for what the copies share instead (see
//! [`shared_name`]), and every copy is an alias of it; copies that share nothing but their
//! place stay apart. The config's `distinct_types: true` turns the phase off
//! for users who implement their own traits for two copies.
//!
//! The copies are found by partition refinement (Moore's algorithm, as for the states of
//! an automaton): types start in classes by their own shape, with the types they name
//! left out, and a class is split while its members name types of different classes.
//! What is left are the largest classes of types that are the same all the way down,
//! recursive types included.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use crate::ir::{self, Api, Field, TypeDef, TypeKind, TypeRef};
use crate::naming::{
    camel, common_ending, common_name, common_suffix, says_what, without_leading_place, Names,
};
use crate::parallel::join;
use crate::pointer::unescape;
use crate::reserved;

/// The shape of every type but the aliases, by name: worked out on two threads, half
/// the types each (a large API has thousands).
fn shapes(types: &BTreeMap<String, TypeDef>) -> BTreeMap<&str, Shape<'_>> {
    let defs: Vec<(&String, &TypeDef)> = types
        .iter()
        .filter(|(_, def)| !matches!(def.kind, TypeKind::Alias(_)))
        .collect();
    let (first, second) = defs.split_at(defs.len() / 2);
    fn shape_all<'t>(
        types: &'t BTreeMap<String, TypeDef>,
        defs: &[(&'t String, &'t TypeDef)],
    ) -> Vec<(&'t str, Shape<'t>)> {
        defs.iter()
            .map(|(name, def)| (name.as_str(), Shape::of(types, def)))
            .collect()
    }
    let (mut shapes, rest) = join(|| shape_all(types, first), || shape_all(types, second));
    shapes.extend(rest);
    shapes.into_iter().collect()
}

/// Makes every type whose definition repeats another's an alias of it.
pub fn dedup(api: &mut Api) {
    let shapes = shapes(&api.types);
    let class = classes(&shapes);
    let mut members: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (name, class) in &class {
        members.entry(*class).or_default().push(name);
    }
    // Each operation's pointer → its builder's name, which begins its inline types' names.
    let builders: BTreeMap<String, String> = api
        .operations
        .iter()
        .map(|op| (op.pointer.clone(), op.builder_name.clone()))
        .collect();
    let mut taken = Names::new();
    let reserved = reserved::CRATE_TYPES.iter().chain(reserved::PRELUDE_TYPES);
    for name in api
        .types
        .keys()
        .map(String::as_str)
        .chain(reserved.copied())
    {
        taken.reserve(name);
    }
    // Each copy → the type it becomes an alias of; the types made for copies that several
    // operations have.
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    let mut shared: Vec<TypeDef> = Vec::new();
    for names in members.values().filter(|names| names.len() > 1) {
        let Some(kept) = names
            .iter()
            .min_by_key(|name| (!is_component(&api.types[**name]), name.len(), **name))
        else {
            continue;
        };
        let kept = match shared_name(&api.types, &builders, names, kept, &mut taken) {
            Shared::No => (*kept).to_owned(),
            Shared::Named(name) => {
                shared.push(TypeDef {
                    name: name.clone(),
                    doc: common_doc(&api.types, names),
                    ..api.types[*kept].clone()
                });
                name
            }
            // Each operation keeps its own, rather than one named after one of them.
            Shared::Nameless => continue,
        };
        aliases.extend(
            names
                .iter()
                .filter(|name| **name != kept)
                .map(|name| ((*name).to_owned(), kept.clone())),
        );
    }
    // What a shared type names is written as its own type, not a copy's alias.
    for def in &mut shared {
        for ty in def.kind.children_mut() {
            for name in ty.names_mut() {
                if let Some(to) = aliases.get(name.as_str()) {
                    name.clone_from(to);
                }
            }
        }
    }
    for (name, kept) in aliases {
        if let Some(def) = api.types.get_mut(&name) {
            def.kind = TypeKind::Alias(TypeRef::Named(kept));
        }
    }
    for def in shared {
        api.types.insert(def.name.clone(), def);
    }
}

/// Whether copies are in several operations, and the name of the one type they become.
enum Shared {
    /// The one kept is named by the description (a component), or the copies are in one
    /// operation: it keeps its name.
    No,
    /// The copies are in several operations and the one kept would be named after one of
    /// them: the one type takes this name.
    Named(String),
    /// As `Named`, but no name says what they are: the copies stay apart.
    Nameless,
}

/// The name of the one type that copies in several operations become, when the one kept
/// would be named after one of those operations (`IssuesCreateCommentBody`, also
/// `IssuesUpdateCommentBody`), so that no operation's name is on a type the others use:
/// what their names have in common ([`common_name`]: `IssuesCommentBody`; without the
/// place words it begins with, `BodyVisibility` → `Visibility`, if that is free), else
/// what their paths end with ([`by_path`]), else what most of them are in their
/// operation ([`by_place`]). Each must say more than where the type is (`ResponseBody`
/// does not) and be no copy's own name (which is one operation's); the first that is
/// free is taken, else the first with a number.
fn shared_name(
    types: &BTreeMap<String, TypeDef>,
    builders: &BTreeMap<String, String>,
    names: &[&str],
    kept: &str,
    taken: &mut Names,
) -> Shared {
    let owners: BTreeSet<Option<&str>> = names
        .iter()
        .map(|name| operation_of(&types[*name].pointer))
        .collect();
    if operation_of(&types[kept].pointer).is_none() || owners.len() < 2 {
        return Shared::No;
    }
    // What the names have in common must end with what the type is.
    let by_name = common_name(names).filter(|_| !common_suffix(names).is_empty());
    let shorter = by_name.as_deref().and_then(without_leading_place);
    let candidates: Vec<String> = [shorter, by_name, by_path(types, builders, names)]
        .into_iter()
        .flatten()
        .chain(by_place(types, builders, names))
        .filter(|name| says_what(name))
        .map(|name| reserved::model_name(&camel(&name)))
        .filter(|name| !names.contains(&name.as_str()))
        .collect();
    let free = candidates.iter().find(|name| !taken.contains(name));
    match free.or(candidates.first()) {
        Some(name) => Shared::Named(taken.claim(name)),
        None => Shared::Nameless,
    }
}

/// What the copies' paths end with (less the variables), then what they all are in their
/// operations (the words their [places](place_of) end with): for
/// `CodeSecuritySetConfigurationAsDefaultBody` and
/// `CodeSecuritySetConfigurationAsDefaultForEnterpriseBody`, of
/// `/orgs/{org}/code-security/configurations/{id}/defaults` and
/// `/enterprises/{enterprise}/code-security/configurations/{id}/defaults`,
/// `CodeSecurityConfigurationsDefaultsBody`.
fn by_path(
    types: &BTreeMap<String, TypeDef>,
    builders: &BTreeMap<String, String>,
    names: &[&str],
) -> Option<String> {
    let paths: Vec<String> = names
        .iter()
        .map(|name| {
            let pointer = &types[*name].pointer;
            let rest = pointer.strip_prefix("/paths/").unwrap_or_default();
            unescape(rest.split('/').next().unwrap_or_default())
        })
        .collect();
    let segments: Vec<Vec<&str>> = paths
        .iter()
        .map(|path| {
            path.split('/')
                .filter(|s| !s.is_empty() && !s.starts_with('{'))
                .collect()
        })
        .collect();
    let end = common_ending(&segments);
    let places: Option<Vec<&str>> = names
        .iter()
        .map(|name| place_of(types, builders, name))
        .collect();
    let place = common_suffix(places.as_deref().unwrap_or(names));
    (!end.is_empty()).then(|| format!("{}{place}", camel(&end.join(" "))))
}

/// A copy's name less its operation's builder's (`ResponseBody` of
/// `ReposGetResponseBody`).
fn place_of<'n>(
    types: &BTreeMap<String, TypeDef>,
    builders: &BTreeMap<String, String>,
    name: &'n str,
) -> Option<&'n str> {
    let builder = builders.get(operation_of(&types[name].pointer)?)?;
    name.strip_prefix(builder.as_str())
}

/// What each copy is in its operation, its name less the operation's builder's and the
/// [place words](crate::naming::without_leading_place) that follow (`Status` for
/// `SecretScanningReviewDismissalRequestBodyStatus`), the most frequent first, then in
/// name order.
fn by_place(
    types: &BTreeMap<String, TypeDef>,
    builders: &BTreeMap<String, String>,
    names: &[&str],
) -> Vec<String> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for name in names {
        let place = place_of(types, builders, name)
            .map(|place| without_leading_place(place).unwrap_or_else(|| place.to_owned()));
        if let Some(place) = place.filter(|p| !p.is_empty()) {
            *count.entry(place).or_default() += 1;
        }
    }
    let mut places: Vec<(String, usize)> = count.into_iter().collect();
    places.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    places.into_iter().map(|(place, _)| place).collect()
}

/// The operation (`/paths/{path}/{method}`) whose own schema `pointer` is in, if any.
fn operation_of(pointer: &str) -> Option<&str> {
    let rest = pointer.strip_prefix("/paths/")?;
    let mut parts = rest.splitn(3, '/');
    let path = parts.next()?;
    let method = parts.next()?;
    ir::Method::from_field(method)?;
    Some(&pointer[..("/paths/".len() + path.len() + 1 + method.len())])
}

/// The documentation every copy has, if they all have the same.
fn common_doc(types: &BTreeMap<String, TypeDef>, names: &[&str]) -> Option<String> {
    let first = types[names[0]].doc.as_ref();
    names
        .iter()
        .all(|name| types[*name].doc.as_ref() == first)
        .then(|| first.cloned())
        .flatten()
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
        self.string(&f.name);
        self.string(&f.wire_name);
        self.optional(f.doc.as_deref());
        self.optional(f.default.as_deref());
        for flag in [
            f.required,
            f.nullable,
            f.deprecated,
            f.boxed,
            f.explicit_null,
        ] {
            self.text.push(if flag { '1' } else { '0' });
        }
        self.text.push(':');
        self.ty(types, &f.ty, 0);
        self.text.push(',');
    }

    /// Writes `s` as no other string is written: its length, then it (the shapes of
    /// thousands of fields are written, many with long documentation, which `{:?}` would
    /// escape character by character).
    fn string(&mut self, s: &str) {
        let _ = write!(self.text, "{}:", s.len());
        self.text.push_str(s);
    }

    /// Writes `s` as [`Shape::string`] does, or that there is none.
    fn optional(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.text.push('+');
                self.string(s);
            }
            None => self.text.push('-'),
        }
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
            TypeRef::Tuple(items) => {
                self.text.push('(');
                for item in items {
                    self.ty(types, item, depth + 1);
                    self.text.push(',');
                }
                self.text.push(')');
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
    // The types by place in name order; what each names, by place. A reference to an
    // alias's target that is itself an alias (a cycle cut short at MAX_DEPTH) has no
    // place, and no class: it counts as a class of its own.
    let place: Hashed<&str, usize> = shapes.keys().enumerate().map(|(i, n)| (*n, i)).collect();
    let refs: Vec<Vec<Option<usize>>> = shapes
        .values()
        .map(|shape| shape.refs.iter().map(|r| place.get(r).copied()).collect())
        .collect();
    let mut numbers: Hashed<&str, usize> = Hashed::default();
    let mut class: Vec<usize> = shapes
        .values()
        .map(|shape| {
            let next = numbers.len();
            *numbers.entry(shape.text.as_str()).or_insert(next)
        })
        .collect();
    let mut count = numbers.len();
    // Each round splits classes or ends; there can't be more classes than types.
    for _ in 0..shapes.len() {
        let mut numbers: Hashed<(usize, Vec<usize>), usize> = Hashed::default();
        let next: Vec<usize> = refs
            .iter()
            .zip(&class)
            .map(|(refs, own)| {
                let named = refs.iter().map(|r| r.map_or(usize::MAX, |r| class[r]));
                let n = numbers.len();
                *numbers.entry((*own, named.collect())).or_insert(n)
            })
            .collect();
        class = next;
        if numbers.len() == count {
            break;
        }
        count = numbers.len();
    }
    shapes.keys().copied().zip(class).collect()
}

/// A hash map for the partition's many lookups (hashed with foldhash).
type Hashed<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

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
    fn copies_in_several_operations_take_a_name_of_their_own_or_stay_apart() {
        let mut api = Api {
            types: [
                // Copies whose names end alike: one type named for that.
                def(
                    "ReposListSort",
                    "/paths/~1repos/get/parameters/0/schema",
                    read_write(),
                ),
                def(
                    "OrgsGetSort",
                    "/paths/~1orgs/get/parameters/1/schema",
                    read_write(),
                ),
                // Nothing in common but the place: kept apart, not named after either.
                def(
                    "ReposListResponseBody",
                    "/paths/~1repos/get/responses/200/content/application~1json/schema",
                    object(vec![field("id", TypeRef::I64)]),
                ),
                def(
                    "OrgsGetResponseBody",
                    "/paths/~1orgs/get/responses/200/content/application~1json/schema",
                    object(vec![field("id", TypeRef::I64)]),
                ),
                // Copies in one operation: the shortest name is kept.
                def(
                    "UsersGetA",
                    "/paths/~1users/get/parameters/0/schema",
                    object(vec![]),
                ),
                def(
                    "UsersGetAb",
                    "/paths/~1users/get/parameters/1/schema",
                    object(vec![]),
                ),
            ]
            .into(),
            ..Api::default()
        };
        dedup(&mut api);
        let kinds = kinds(&api);
        assert_eq!(kinds["Sort"], "enum");
        assert_eq!(api.types["Sort"].doc, None, "the copies' docs differ");
        assert_eq!(kinds["ReposListSort"], "= Sort");
        assert_eq!(kinds["OrgsGetSort"], "= Sort");
        assert_eq!(kinds["ReposListResponseBody"], "struct");
        assert_eq!(kinds["OrgsGetResponseBody"], "struct");
        assert_eq!(kinds["UsersGetAb"], "= UsersGetA");
        assert_eq!(kinds.len(), 7);
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
