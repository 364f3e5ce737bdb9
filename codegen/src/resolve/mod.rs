//! Phase 3: the typed document resolved into the [`ir::Api`](crate::ir::Api).
//!
//! References are followed here, inline schemas get names, and parameters, bodies,
//! responses, security and pagination are worked out per operation, and each webhook's
//! payload and event types. Broken references are reported; constructs that are valid
//! OpenAPI but can't be generated are left in the IR for [`crate::check`] to judge.

mod aliases;
mod body;
mod example;
mod explicit_null;
mod operation;
mod outcomes;
mod package;
mod pagination;
mod params;
mod rate_limit;
mod recursion;
mod schema;
mod security;
mod union;
mod view;
mod webhook;

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr, Schema};

use crate::config::Config;
use crate::diagnostics::{Ctxt, Diagnostic};
use crate::ir::{Api, TypeDef};
use crate::naming::{camel, Names};
use crate::pointer::{component_key, join};
use crate::reserved;
use crate::typing::Typed;

/// Builds the IR of `typed`.
pub(crate) fn resolve(typed: &Typed, config: &Config, cx: &mut Ctxt) -> Api {
    let doc = &typed.doc;
    let mut r = Resolver::new(doc, config, cx);
    r.component_types();
    // Every alias type is a component's: no pass may follow aliases before this.
    aliases::break_cycles(&mut r.types, r.cx);
    let operations = r.operations();
    let webhooks = r.webhooks(&typed.webhooks);
    let security_schemes = r.security_schemes();
    let mut api = Api {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        package: package::package(doc),
        servers: doc.servers.iter().map(server_url).collect(),
        types: std::mem::take(&mut r.types),
        operations,
        security_schemes,
        webhooks,
        rate_classes: r.rate_classes(),
        error_bodies: Vec::new(),
        base64: r.base64,
    };
    union::finish(&mut api, r.cx);
    params::shapes(&mut api);
    pagination::detect(&mut api);
    outcomes::decide(&mut api);
    explicit_null::mark(&mut api);
    recursion::box_fields(&mut api.types);
    api
}

/// A server's URL with its variables replaced by their defaults.
fn server_url(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    if let Some(vars) = &server.variables {
        for (name, var) in vars {
            url = url.replace(&format!("{{{name}}}"), &var.default);
        }
    }
    url
}

/// A map by JSON pointer, looked up only (never iterated, so its order is no output's).
pub(crate) type ByPointer<V> = std::collections::HashMap<String, V, foldhash::fast::FixedState>;

/// Shared state of the resolve phase.
pub(crate) struct Resolver<'a, 'c> {
    pub(crate) cx: &'c mut Ctxt,
    pub(crate) doc: &'a OpenAPI,
    /// The generator's settings.
    pub(crate) config: &'a Config,
    /// Rust type names in use.
    pub(crate) type_names: Names,
    /// `components.schemas` key → Rust type name.
    pub(crate) schema_names: IndexMap<&'a str, String>,
    /// Every named type made so far.
    pub(crate) types: BTreeMap<String, TypeDef>,
    /// The type of each inline schema resolved so far, by pointer (hashed: pointers share
    /// long prefixes, which a sorted map compares over and over).
    pub(crate) inline_types: ByPointer<crate::ir::TypeRef>,
    /// The inline schemas being resolved, by pointer, with how many times each is on the
    /// stack: to stop at one that keeps coming back to itself (through `allOf` of a `$ref`
    /// to a schema that holds it) with no named type between to refer to.
    pub(crate) inline_active: ByPointer<u8>,
    /// Whether each component schema reached by `$ref` allows `null`, once worked out.
    pub(crate) nullable_refs: BTreeMap<&'a str, bool>,
    /// The schema each `components.schemas` key stands for, at the end of its chain of
    /// `$ref`s: the one place such chains are followed (a key whose chain is broken or
    /// comes back to itself has none; the types report both).
    targets: BTreeMap<&'a str, &'a Schema>,
    /// Whether some value typed so far is [`TypeRef::Base64`](crate::ir::TypeRef::Base64).
    pub(crate) base64: bool,
    /// The places already warned of that every operation sharing them would repeat (the
    /// document's `security`).
    pub(crate) reported: std::collections::BTreeSet<String>,
}

impl<'a, 'c> Resolver<'a, 'c> {
    fn new(doc: &'a OpenAPI, config: &'a Config, cx: &'c mut Ctxt) -> Self {
        let mut type_names = Names::new();
        for name in reserved::CRATE_TYPES.iter().chain(reserved::PRELUDE_TYPES) {
            type_names.reserve(name);
        }
        let mut schema_names = IndexMap::new();
        if let Some(components) = &doc.components {
            for key in components.schemas.keys() {
                let name = type_names.claim(&reserved::model_name(&camel(key)));
                schema_names.insert(key.as_str(), name);
            }
        }
        Resolver {
            cx,
            doc,
            config,
            type_names,
            schema_names,
            types: BTreeMap::new(),
            inline_types: ByPointer::default(),
            inline_active: ByPointer::default(),
            nullable_refs: BTreeMap::new(),
            targets: ref_targets(doc),
            base64: false,
            reported: std::collections::BTreeSet::new(),
        }
    }

    /// The schema `s` is, following `$ref`s to `components.schemas` (`None` for a broken
    /// or endless chain, which [`Resolver::type_ref`] and the types report).
    pub(crate) fn schema_behind(&self, s: schema::Sref<'a>) -> Option<&'a Schema> {
        match s {
            schema::Sref::Item(schema) => Some(schema),
            schema::Sref::Ref(reference) => {
                let key = component_key(reference, "schemas")?;
                self.targets.get(key.as_str()).copied()
            }
        }
    }

    /// `s` without a `null` beside it: through an `anyOf`/`oneOf` (behind `$ref`s) with one
    /// shaping branch beside `null` (`anyOf: [X, {type: 'null'}]`, FastAPI's
    /// `Optional[X]`), that branch; else `s` itself. So what a schema is (a file, an
    /// array, which component) reads the same with and without a `null` branch.
    pub(crate) fn non_null_branch(&self, s: schema::Sref<'a>) -> schema::Sref<'a> {
        let Some(schema) = self.schema_behind(s) else {
            return s;
        };
        match schema::combinator_branches(schema) {
            Some((schema::Combinator::Any | schema::Combinator::One, branches)) => {
                let mut shaping = branches.iter().filter(|b| union::is_shaping(b));
                match (shaping.next(), shaping.next()) {
                    (Some(only), None) => only.into(),
                    _ => s,
                }
            }
            _ => s,
        }
    }

    /// The schema a non-`null` value of `s` has: [`Resolver::schema_behind`] of
    /// [`Resolver::non_null_branch`].
    pub(crate) fn non_null_schema(&self, s: schema::Sref<'a>) -> Option<&'a Schema> {
        self.schema_behind(self.non_null_branch(s))
    }

    /// A component schema by `$ref`, with its key and pointer; reports what it can't find.
    pub(crate) fn schema_by_ref(
        &mut self,
        reference: &str,
        at: &str,
    ) -> Option<(&'a str, &'a ReferenceOr<Schema>)> {
        let doc = self.doc;
        let found = component_key(reference, "schemas").and_then(|key| {
            let components = doc.components.as_ref()?;
            let (_, k, v) = components.schemas.get_full(&key)?;
            Some((k.as_str(), v))
        });
        if found.is_none() {
            self.unresolved(reference, at, "schemas");
        }
        found
    }

    /// An item of a `components` section, directly or through a `$ref` to it, with the
    /// pointer where it is written; reports a `$ref` that points nowhere (or to another
    /// `$ref`). `section` is the section's name in the document, `pick` its field.
    pub(crate) fn deref<T>(
        &mut self,
        item: &'a ReferenceOr<T>,
        at: &str,
        section: &str,
        pick: impl FnOnce(&'a openapiv3::Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Option<(&'a T, String)> {
        let reference = match item {
            ReferenceOr::Item(t) => return Some((t, at.to_owned())),
            ReferenceOr::Reference { reference } => reference,
        };
        let doc = self.doc;
        let found = component_key(reference, section).and_then(|key| {
            let (_, k, v) = pick(doc.components.as_ref()?).get_full(&key)?;
            Some((k, v))
        });
        match found {
            Some((key, ReferenceOr::Item(t))) => {
                Some((t, join(&format!("/components/{section}"), key)))
            }
            Some((_, ReferenceOr::Reference { reference: inner })) => {
                self.unresolved(inner, at, section);
                None
            }
            None => {
                self.unresolved(reference, at, section);
                None
            }
        }
    }

    /// Reports a `$ref` that points nowhere.
    pub(crate) fn unresolved(&mut self, reference: &str, at: &str, section: &str) {
        // `bundle` has made every reference that points somewhere one to a component.
        let help = format!("define it under `components/{section}`, or correct the reference");
        self.cx.push(
            Diagnostic::error(join(at, "$ref"), format!("unresolvable $ref `{reference}`"))
                .help(help),
        );
    }
}

/// The schema at the end of each component schema's chain of `$ref`s (see
/// [`Resolver::schema_behind`]); chains that break or loop are left out.
fn ref_targets(doc: &OpenAPI) -> BTreeMap<&str, &Schema> {
    let Some(components) = &doc.components else {
        return BTreeMap::new();
    };
    let schemas = &components.schemas;
    let mut targets = BTreeMap::new();
    for (key, start) in schemas {
        // A chain visits each key at most once: one longer than the section loops.
        let mut current = start;
        for _ in 0..=schemas.len() {
            match current {
                ReferenceOr::Item(schema) => {
                    targets.insert(key.as_str(), schema);
                    break;
                }
                ReferenceOr::Reference { reference } => {
                    match component_key(reference, "schemas").and_then(|k| schemas.get(&k)) {
                        Some(next) => current = next,
                        None => break,
                    }
                }
            }
        }
    }
    targets
}

/// Joins a summary and a description into one documentation text.
pub(crate) fn doc_text(summary: Option<&str>, description: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = [summary, description]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    match parts.as_slice() {
        [] => None,
        [one] => Some((*one).to_owned()),
        [a, b] if a == b => Some((*a).to_owned()),
        many => Some(many.join("\n\n")),
    }
}
