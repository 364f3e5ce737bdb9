//! Phase 1b: every `$ref` made one that later phases follow: a reference to a component
//! of its own section (`#/components/schemas/Pet` where a schema is expected).
//!
//! A description may refer to any JSON pointer of itself (a schema nested in another,
//! `#/components/schemas/Account/definitions/status`, or one inside a path) and to other
//! local files (`./schemas/pet.yaml#/Pet`, or a whole file), relative to the referring
//! file. This phase walks the document by [`tree`]'s table and, where a `$ref` is of
//! another kind:
//!
//! - at a schema, copies the target into `components/schemas` under a name of its own
//!   (from the pointer's last meaningful segment, or the file's stem), once per target,
//!   and points the reference there, so that recursive schemas stay recursive;
//! - elsewhere (a path item, a parameter, a response, …), puts a copy of the target in its
//!   place, with the reference's own sibling keys over it.
//!
//! Copies keep the file they came from: [`Sources::origin`] maps a pointer into the
//! bundled document back to its file and pointer there, so diagnostics name the right
//! file and line. References to URLs are refused: generation reads no network.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::pointer;
use crate::tree::{self, Object, Shape};

/// How deep copies may nest inside copies before a cycle is assumed.
const MAX_INLINE_DEPTH: usize = 32;

/// The files a description was read from, and where copied parts came from.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    /// The root document's path, when it was read from a file.
    pub(crate) root: Option<PathBuf>,
    /// Every other file read, with its text, in the order first read.
    pub(crate) files: Vec<(PathBuf, String)>,
    /// Copies: where in the bundled document, which file (an index into `files`; `None`
    /// the root document), and the pointer there. Longest prefix wins.
    origins: Vec<(String, Option<usize>, String)>,
    /// Where the parts of a converted (Swagger 2.0) root document were written.
    converted: pointer::Moves,
    /// How many diagnostics were recorded before the bundled document existed (while
    /// loading and converting): they name the root document as written already.
    pub(crate) written: usize,
}

impl Sources {
    /// Records that the root document was converted before bundling, and `moves` says
    /// where its parts were written; `written` diagnostics name the original already.
    pub(crate) fn converted(&mut self, moves: pointer::Moves, written: usize) {
        self.converted = moves;
        self.written = written;
    }

    /// Where `at`, a pointer into the bundled document, was written: the file (`None`:
    /// the root document, as written before any conversion; else its path and text) and
    /// the pointer there.
    pub(crate) fn origin(&self, at: &str) -> (Option<&(PathBuf, String)>, String) {
        let found = self
            .origins
            .iter()
            .filter(|(prefix, _, _)| {
                at.strip_prefix(prefix.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .max_by_key(|(prefix, _, _)| prefix.len());
        match found {
            Some((prefix, Some(file), source)) => (
                self.files.get(*file),
                format!("{source}{}", &at[prefix.len()..]),
            ),
            Some((prefix, None, source)) => (
                None,
                self.converted
                    .original(&format!("{source}{}", &at[prefix.len()..])),
            ),
            None => (None, self.converted.original(at)),
        }
    }

    /// Every file read, the root first.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &Path> {
        self.root
            .iter()
            .map(PathBuf::as_path)
            .chain(self.files.iter().map(|(p, _)| p.as_path()))
    }
}

/// Where a reference points: a file (`None`: the one it is in) and a pointer there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Target {
    file: Option<usize>,
    pointer: String,
}

/// What is done to each part copied from another file before it is walked. A Swagger
/// 2.0 description's other files hold 2.0 parts, which `swagger` converts so.
pub(crate) trait Fragments {
    /// Rewrites `part`, of kind `kind`, now at `at` in the bundled document.
    fn convert(&self, kind: Object, part: &mut Value, at: &str, cx: &mut Ctxt);
}

type Fragment<'f> = &'f dyn Fragments;

/// Rewrites the references of `doc` (read from `root`, if from a file) as the module
/// says, passing each part copied from another file through `fragments`; returns the
/// files read.
pub(crate) fn bundle(
    doc: &mut Value,
    root: Option<&Path>,
    fragments: Option<Fragment<'_>>,
    cx: &mut Ctxt,
) -> Sources {
    let mut b = Bundler {
        fragment: fragments,
        cx,
        sources: Sources {
            root: root.map(Path::to_path_buf),
            ..Sources::default()
        },
        documents: Vec::new(),
        hoisted: BTreeMap::new(),
        taken: component_keys(doc),
        new_schemas: Vec::new(),
        inlining: Vec::new(),
    };
    if !needs_bundling(doc, b.cx) {
        return b.sources;
    }
    let original = doc.clone();
    b.walk(doc, Object::Document, String::new(), None, &original);
    // Hoisted schemas are walked in turn: their own references are relative to their file.
    let mut next = 0;
    while let Some((key, target)) = b.new_schemas.get(next).cloned() {
        next += 1;
        let Some(mut schema) = b.resolve_target(&target, &original) else {
            continue;
        };
        let at = pointer::join("/components/schemas", &key);
        b.sources
            .origins
            .push((at.clone(), target.file, target.pointer.clone()));
        if let (Some(fragment), Some(_)) = (b.fragment, target.file) {
            fragment.convert(Object::Schema, &mut schema, &at, b.cx);
        }
        b.walk(&mut schema, Object::Schema, at, target.file, &original);
        insert_schema(doc, &key, schema);
    }
    b.sources
}

struct Bundler<'c> {
    /// What is done to each part copied from another file.
    fragment: Option<Fragment<'c>>,
    cx: &'c mut Ctxt,
    sources: Sources,
    /// The parsed other files, by the index of [`Sources::files`].
    documents: Vec<Value>,
    /// Each schema target copied into components, with its key there.
    hoisted: BTreeMap<Target, String>,
    /// Keys of `components/schemas` in use.
    taken: BTreeSet<String>,
    /// Schemas to copy into components, in the order found.
    new_schemas: Vec<(String, Target)>,
    /// Targets being inlined, innermost last, to stop cycles.
    inlining: Vec<Target>,
}

impl Bundler<'_> {
    /// Visits `value`, an object of kind `kind` at `at`, found in `file`.
    fn walk(
        &mut self,
        value: &mut Value,
        kind: Object,
        at: String,
        file: Option<usize>,
        root: &Value,
    ) {
        if let Some(reference) = value.get("$ref").and_then(Value::as_str).map(str::to_owned) {
            if kind != Object::Document && !self.rewrite(value, kind, &at, file, &reference, root) {
                return;
            }
            // A copied object was walked where it was inlined.
            if value.get("$ref").is_none() {
                return;
            }
        }
        if kind == Object::Callback {
            if let Some(map) = value.as_object_mut() {
                for (key, item) in map.iter_mut().filter(|(k, _)| !k.starts_with("x-")) {
                    self.walk(item, Object::PathItem, pointer::join(&at, key), file, root);
                }
            }
            return;
        }
        let Some(object) = value.as_object_mut() else {
            return;
        };
        for child in kind.children() {
            let Some(node) = object.get_mut(child.field) else {
                continue;
            };
            let base = pointer::join(&at, child.field);
            match (child.shape, node) {
                (Shape::One, node) => self.walk(node, child.object, base, file, root),
                (Shape::Map, Value::Object(map)) => {
                    for (key, item) in map.iter_mut().filter(|(k, _)| !k.starts_with("x-")) {
                        self.walk(item, child.object, pointer::join(&base, key), file, root);
                    }
                }
                (Shape::List, Value::Array(items)) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        self.walk(
                            item,
                            child.object,
                            pointer::join_index(&base, i),
                            file,
                            root,
                        );
                    }
                }
                _ => {}
            }
        }
    }

    /// Makes the `$ref` of `value` one later phases follow; `false` if it is broken.
    fn rewrite(
        &mut self,
        value: &mut Value,
        kind: Object,
        at: &str,
        file: Option<usize>,
        reference: &str,
        root: &Value,
    ) -> bool {
        let ref_at = pointer::join(at, "$ref");
        if reference.contains("://") || reference.starts_with("//") {
            self.cx.push(
                Diagnostic::error(ref_at, format!("references to URLs are not supported: `{reference}`"))
                    .help("the generator reads no network: save the document beside this one and refer to it by a relative path"),
            );
            return false;
        }
        if file.is_none() && stays(reference, kind) {
            return true;
        }
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let Some(target) = self.target(file_part, fragment, file, &ref_at) else {
            return false;
        };
        if kind == Object::Schema {
            let key = self.hoist(&target);
            if let Some(map) = value.as_object_mut() {
                map.insert(
                    "$ref".to_owned(),
                    Value::String(format!("#/components/schemas/{}", pointer::escape(&key))),
                );
            }
            return true;
        }
        if self.inlining.contains(&target) || self.inlining.len() >= MAX_INLINE_DEPTH {
            self.cx.push(
                Diagnostic::error(ref_at, format!("`{reference}` refers to itself"))
                    .help("an object other than a schema can't contain itself: break the cycle"),
            );
            return false;
        }
        let Some(mut copy) = self.resolve_target(&target, root) else {
            self.cx.push(
                Diagnostic::error(ref_at, format!("unresolvable $ref `{reference}`"))
                    .help("correct the reference: nothing is at that place"),
            );
            return false;
        };
        // Sibling keys of the reference (a 3.1 `summary` or `description`) win.
        if let (Some(copy), Some(own)) = (copy.as_object_mut(), value.as_object()) {
            for (k, v) in own.iter().filter(|(k, _)| *k != "$ref") {
                copy.insert(k.clone(), v.clone());
            }
        }
        self.sources
            .origins
            .push((at.to_owned(), target.file, target.pointer.clone()));
        if let (Some(fragment), Some(_)) = (self.fragment, target.file) {
            fragment.convert(kind, &mut copy, at, self.cx);
        }
        self.inlining.push(target.clone());
        self.walk(&mut copy, kind, at.to_owned(), target.file, root);
        self.inlining.pop();
        *value = copy;
        true
    }

    /// The target of a reference written in `file`; reports one that can't be read.
    fn target(
        &mut self,
        file_part: &str,
        fragment: &str,
        file: Option<usize>,
        at: &str,
    ) -> Option<Target> {
        let decoded = pointer::percent_decode(fragment)?;
        if !decoded.is_empty() && !decoded.starts_with('/') {
            self.cx.push(
                Diagnostic::error(at, format!("`#{fragment}` is not a JSON pointer"))
                    .help("write the place as a JSON pointer, e.g. `#/components/schemas/Pet`"),
            );
            return None;
        }
        if file_part.is_empty() {
            return Some(Target {
                file,
                pointer: decoded,
            });
        }
        let base = match file {
            Some(i) => self.sources.files.get(i).map(|(p, _)| p.clone()),
            None => self.sources.root.clone(),
        };
        let Some(base) = base else {
            self.cx.push(
                Diagnostic::error(at, format!("`{file_part}` is another file, but this description was not read from a file"))
                    .help("generate from the file (the command line, or `codegen::generate_file`), so that relative references can be found"),
            );
            return None;
        };
        let path = base.parent().unwrap_or(Path::new("")).join(file_part);
        let index = self.read(&path, at)?;
        Some(Target {
            file: Some(index),
            pointer: decoded,
        })
    }

    /// The index of the file at `path` in [`Sources::files`], reading it the first time.
    fn read(&mut self, path: &Path, at: &str) -> Option<usize> {
        let path = normalise_path(path);
        if let Some(i) = self.sources.files.iter().position(|(p, _)| *p == path) {
            return Some(i);
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                self.cx.push(
                    Diagnostic::error(at, format!("cannot read `{}`: {e}", path.display())).help(
                        "correct the path: it is relative to the file that holds the reference",
                    ),
                );
                return None;
            }
        };
        let index = self.sources.files.len();
        let mut inner = Ctxt::new();
        let value = crate::load::load(&text, &mut inner);
        self.cx.absorb(inner, &path, &text);
        self.sources.files.push((path, text));
        self.documents.push(value.unwrap_or(Value::Null));
        Some(index)
    }

    /// A copy of what `target` points at.
    fn resolve_target(&self, target: &Target, root: &Value) -> Option<Value> {
        let doc = match target.file {
            None => root,
            Some(i) => self.documents.get(i)?,
        };
        doc.pointer(&target.pointer).cloned()
    }

    /// The key in `components/schemas` of a copy of `target`.
    fn hoist(&mut self, target: &Target) -> String {
        if let Some(key) = self.hoisted.get(target) {
            return key.clone();
        }
        let base = self.schema_name(target);
        let mut key = base.clone();
        let mut n = 2;
        while !self.taken.insert(key.clone()) {
            key = format!("{base}{n}");
            n += 1;
        }
        self.hoisted.insert(target.clone(), key.clone());
        self.new_schemas.push((key.clone(), target.clone()));
        key
    }

    /// A name for the schema at `target`: its pointer's last segment that is not a
    /// keyword, else the file's stem.
    fn schema_name(&self, target: &Target) -> String {
        const KEYWORDS: &[&str] = &[
            "schema",
            "schemas",
            "items",
            "properties",
            "definitions",
            "$defs",
            "content",
            "components",
            "additionalProperties",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "responses",
            "requestBody",
            "parameters",
        ];
        let from_pointer = target
            .pointer
            .split('/')
            .rev()
            .map(pointer::unescape)
            .find(|s| {
                !s.is_empty()
                    && !KEYWORDS.contains(&s.as_str())
                    && !s.contains('/')
                    && !s.bytes().all(|b| b.is_ascii_digit())
            });
        let from_file = || {
            let (path, _) = self.sources.files.get(target.file?)?;
            path.file_stem().map(|s| s.to_string_lossy().into_owned())
        };
        from_pointer
            .or_else(from_file)
            .unwrap_or_else(|| "Schema".to_owned())
    }
}

/// Whether the root document has a reference [`Bundler::rewrite`] would change: without
/// one, bundling has nothing to do, and the document is not copied to resolve targets in.
fn needs_bundling(doc: &mut Value, cx: &mut Ctxt) -> bool {
    let Some(root) = doc.as_object_mut() else {
        return false;
    };
    let mut needed = false;
    tree::walk(root, tree::Order::Pre, cx, &mut |kind, value, _, _| {
        let reference = value.get("$ref").and_then(Value::as_str);
        needed |= reference.is_some_and(|reference| !stays(reference, kind));
    });
    needed
}

/// Whether `reference`, written in the root document at an object of kind `kind`, stays
/// as it is: a reference to a component of the right section of the same document.
fn stays(reference: &str, kind: Object) -> bool {
    reference
        .strip_prefix('#')
        .is_some_and(|fragment| is_own_component(fragment, kind))
}

/// Whether `fragment` is `/components/{section}/{key}` of the section `kind` lives in.
fn is_own_component(fragment: &str, kind: Object) -> bool {
    let section = match kind {
        Object::Schema => "schemas",
        Object::Parameter => "parameters",
        Object::Header => "headers",
        Object::Response => "responses",
        Object::RequestBody => "requestBodies",
        Object::SecurityScheme => "securitySchemes",
        // `openapiv3` follows no references to path items or callbacks: always copied.
        _ => return false,
    };
    fragment
        .strip_prefix("/components/")
        .and_then(|rest| rest.strip_prefix(section))
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|key| !key.is_empty() && !key.contains('/'))
}

/// The keys of `components/schemas`.
fn component_keys(doc: &Value) -> BTreeSet<String> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// Adds `schema` as `components/schemas/{key}`, making the maps it needs.
fn insert_schema(doc: &mut Value, key: &str, schema: Value) {
    let schemas = doc
        .as_object_mut()
        .and_then(|root| tree::components_section(root, "schemas"));
    if let Some(schemas) = schemas {
        schemas.insert(key.to_owned(), schema);
    }
}

/// `a/./b/../c` as `a/c`, so that one file read by two paths is read once.
fn normalise_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
