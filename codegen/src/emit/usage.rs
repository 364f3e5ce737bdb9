//! Who uses each named type, decided once for the emitters: which Cargo features compile
//! it, and which ways (sent, received) it crosses the wire.
//!
//! **Features.** The generated crate has a feature per tag of the description, named by
//! the tag in kebab case (`Code Scanning` → `code-scanning`; a tag that would be
//! `default`, `full`, `round-trip`, `unused-models` or empty is `tag-…`),
//! `unused-models` (the models no operation uses, such as webhook payloads listed only
//! in `components`), and `full` (all of them, the default). A tag's feature compiles its
//! operations and the models they reach; a model that operations of several tags reach
//! compiles when any of them is on. Operations without a tag, the typed error bodies and
//! webhooks are always compiled. An API without tags has no features but `round-trip`.
//!
//! **Directions.** A model implements `Serialize` when the client sends it (a body or
//! parameter, or inside one) and `Deserialize` when it receives it (a response body, an
//! error body, a webhook payload; a model no operation uses, too); webhook payloads go
//! both ways. The feature `round-trip` implements both for every model. (`models.rs`
//! decides how: a derive, or for most structs' `Deserialize` the runtime's
//! `deserialize_struct!`.)

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{reachable, Api, Operation, SuccessBody, TypeRef};

mod gates;
use gates::gates;

/// The feature that derives both serde traits on every model.
pub(crate) const ROUND_TRIP: &str = "round-trip";

/// The feature that enables every tag's and `unused-models` (and is the default).
pub(crate) const FULL: &str = "full";

/// The feature of the models no operation uses.
pub(crate) const UNUSED_MODELS: &str = "unused-models";

/// Names the generated manifest defines itself, which a tag's feature can't take.
const RESERVED: &[&str] = &["default", FULL, ROUND_TRIP, UNUSED_MODELS];

/// When an item compiles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Gate {
    /// Always.
    #[default]
    Always,
    /// When any of these features is on.
    Any(BTreeSet<String>),
}

/// The ways a model crosses the wire.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Directions {
    /// Sent: it derives `Serialize`.
    pub sent: bool,
    /// Received: it derives `Deserialize`.
    pub received: bool,
}

/// The facts of this module for one API.
#[derive(Debug, Default)]
pub(crate) struct Usage {
    /// Each tag's feature and the tags it stands for (several when their names differ
    /// only in case or punctuation).
    pub features: BTreeMap<String, BTreeSet<String>>,
    /// Whether some model is compiled by `unused-models`.
    pub unused_models: bool,
    /// The gate of each operation, by `fn_name`.
    operations: BTreeMap<String, Gate>,
    /// The gate of each named type.
    types: BTreeMap<String, Gate>,
    /// The directions of each named type (absent: both, as nothing reaches it).
    directions: BTreeMap<String, Directions>,
}

/// A tag's feature name: see the module documentation.
pub(crate) fn feature_name(tag: &str) -> String {
    let kebab: String = heck::ToKebabCase::to_kebab_case(tag)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let kebab = kebab.trim_matches('-').to_owned();
    let fits =
        kebab.starts_with(|c: char| c.is_ascii_alphabetic()) && !RESERVED.contains(&kebab.as_str());
    if fits {
        kebab
    } else if kebab.is_empty() {
        "tag-untitled".to_owned()
    } else {
        format!("tag-{kebab}")
    }
}

impl Usage {
    /// Walks every operation's types; without `features`, nothing is gated and every
    /// model goes both ways.
    pub(crate) fn of(api: &Api, features: bool) -> Usage {
        if !features {
            return Usage::default();
        }
        // Which way each type goes is worked out on a thread of its own, beside the gates.
        let (usage, directions) = crate::parallel::join(|| Usage::gated(api), || directions(api));
        Usage {
            directions,
            ..usage
        }
    }

    /// [`Usage::of`] but for the directions: the features and every gate.
    fn gated(api: &Api) -> Usage {
        let mut usage = Usage::default();
        for op in &api.operations {
            for tag in &op.tags {
                usage
                    .features
                    .entry(feature_name(tag))
                    .or_default()
                    .insert(tag.clone());
            }
        }
        // The gate of every operation, and the types it starts from; the error bodies and
        // webhooks are always compiled.
        let mut roots: Vec<(Gate, Vec<&TypeRef>)> = Vec::new();
        for op in &api.operations {
            let gate = if op.tags.is_empty() {
                Gate::Always
            } else {
                Gate::Any(op.tags.iter().map(|t| feature_name(t)).collect())
            };
            let (sent, received) = op_types(op);
            usage.operations.insert(op.fn_name.clone(), gate.clone());
            roots.push((gate, sent.into_iter().chain(received).collect()));
        }
        let always = api.error_bodies.iter().map(|body| &body.ty);
        let always = always.chain(api.webhooks.iter().flat_map(webhook_types));
        roots.push((Gate::Always, always.collect()));
        let mut reached = gates(api, &roots);
        // The models no operation uses are `unused-models`', with what they use.
        let unreached: Vec<TypeRef> = api
            .types
            .keys()
            .filter(|name| !reached.contains_key(*name))
            .map(|name| TypeRef::Named(name.clone()))
            .collect();
        for name in reachable(&api.types, &unreached) {
            match reached
                .entry(name)
                .or_insert_with(|| Gate::Any(BTreeSet::new()))
            {
                Gate::Always => {}
                Gate::Any(features) => {
                    features.insert(UNUSED_MODELS.to_owned());
                }
            }
        }
        // The features of every tag are as good as none: with any tag on, it compiles.
        let tags: BTreeSet<String> = usage.features.keys().cloned().collect();
        for (name, gate) in reached {
            let gate = match gate {
                Gate::Any(features) if !features.is_superset(&tags) => Gate::Any(features),
                _ => Gate::Always,
            };
            if let Gate::Any(features) = &gate {
                usage.unused_models |= features.contains(UNUSED_MODELS);
            }
            usage.types.insert(name, gate);
        }
        usage
    }

    /// The `#[cfg]` of an operation's module (nothing when it is always compiled).
    pub(crate) fn operation_cfg(&self, op: &Operation) -> TokenStream {
        cfg(self.operations.get(&op.fn_name))
    }

    /// The `#[cfg]` of a model's items (nothing when it is always compiled).
    pub(crate) fn type_cfg(&self, name: &str) -> TokenStream {
        cfg(self.types.get(name))
    }

    /// The `#[cfg]` of a struct's constructor and setters: the type's own gate, and for a
    /// type the client only receives, the feature `round-trip` too. Building a value of a
    /// response type is for tests and for forwarding it, like encoding one, and the
    /// methods of thousands of response types cost a large API's crate a fifth of its
    /// models' compile time.
    pub(crate) fn builder_cfg(&self, name: &str) -> TokenStream {
        self.round_trip_unless(self.directions(name).sent, name)
    }

    /// The `#[cfg]` of a struct's `Deserialize` impl where it is not derived: the type's
    /// own gate, and for a type the client only sends, the feature `round-trip` too.
    pub(crate) fn deserialize_cfg(&self, name: &str) -> TokenStream {
        self.round_trip_unless(self.directions(name).received, name)
    }

    /// The type's gate, with `round-trip` too unless `always`.
    fn round_trip_unless(&self, always: bool, name: &str) -> TokenStream {
        if always {
            return self.type_cfg(name);
        }
        match predicate(self.types.get(name)) {
            Some(gate) => quote!(#[cfg(all(#gate, feature = #ROUND_TRIP))]),
            None => quote!(#[cfg(feature = #ROUND_TRIP)]),
        }
    }

    /// The ways the named type crosses the wire.
    pub(crate) fn directions(&self, name: &str) -> Directions {
        self.directions.get(name).copied().unwrap_or(Directions {
            sent: true,
            received: true,
        })
    }
}

/// `#[cfg(feature = "a")]`, `#[cfg(any(feature = "a", feature = "b"))]`, or nothing.
fn cfg(gate: Option<&Gate>) -> TokenStream {
    match predicate(gate) {
        Some(gate) => quote!(#[cfg(#gate)]),
        None => quote!(),
    }
}

/// The condition of a gate: `feature = "a"` or `any(feature = "a", feature = "b")`; `None`
/// when it is always on.
fn predicate(gate: Option<&Gate>) -> Option<TokenStream> {
    match gate {
        Some(Gate::Any(features)) if features.len() == 1 => {
            let feature = features.iter();
            Some(quote!(#(feature = #feature)*))
        }
        Some(Gate::Any(features)) if !features.is_empty() => {
            let feature = features.iter();
            Some(quote!(any(#(feature = #feature),*)))
        }
        _ => None,
    }
}

/// The types an operation sends (parameters, the body) and receives (every response body).
fn op_types(op: &Operation) -> (Vec<&TypeRef>, Vec<&TypeRef>) {
    let mut sent: Vec<&TypeRef> = op.params.iter().map(|p| &p.ty).collect();
    if let Some(body) = &op.body {
        sent.extend(body.sent_types());
    }
    let mut received: Vec<&TypeRef> = op
        .responses
        .iter()
        .filter_map(|r| r.body.as_ref().and_then(|b| b.json_type()))
        .collect();
    match &op.outcomes.success {
        SuccessBody::Json(ty) => received.push(ty),
        SuccessBody::Statuses(e) => {
            received.extend(e.variants.iter().filter_map(|v| match &v.body {
                SuccessBody::Json(ty) => Some(ty),
                _ => None,
            }))
        }
        _ => {}
    }
    (sent, received)
}

/// The types of a webhook's payload.
fn webhook_types(webhook: &crate::ir::Webhook) -> Vec<&TypeRef> {
    webhook.payload.iter().collect()
}

/// The directions of every type: those some operation, error body or webhook reaches,
/// then the others as received (they are what the API sends elsewhere, such as webhook
/// payloads that the description lists without a `webhooks` section).
fn directions(api: &Api) -> BTreeMap<String, Directions> {
    const SENT: Directions = Directions {
        sent: true,
        received: false,
    };
    const RECEIVED: Directions = Directions {
        sent: false,
        received: true,
    };
    let mut out: BTreeMap<String, Directions> = BTreeMap::new();
    let mut stack: Vec<(&TypeRef, Directions)> = Vec::new();
    for op in &api.operations {
        let (sent, received) = op_types(op);
        stack.extend(sent.into_iter().map(|t| (t, SENT)));
        stack.extend(received.into_iter().map(|t| (t, RECEIVED)));
    }
    stack.extend(api.error_bodies.iter().map(|b| (&b.ty, RECEIVED)));
    for webhook in &api.webhooks {
        for ty in webhook_types(webhook) {
            stack.extend([(ty, SENT), (ty, RECEIVED)]);
        }
    }
    propagate(api, stack, &mut out);
    let unreached: Vec<TypeRef> = api
        .types
        .keys()
        .filter(|name| !out.contains_key(*name))
        .map(|name| TypeRef::Named(name.clone()))
        .collect();
    propagate(
        api,
        unreached.iter().map(|t| (t, RECEIVED)).collect(),
        &mut out,
    );
    out
}

/// Adds the directions of `stack`'s types to them and what they reach.
fn propagate<'a>(
    api: &'a Api,
    mut stack: Vec<(&'a TypeRef, Directions)>,
    out: &mut BTreeMap<String, Directions>,
) {
    while let Some((ty, way)) = stack.pop() {
        match ty {
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                stack.push((inner, way))
            }
            TypeRef::Tuple(items) => stack.extend(items.iter().map(|item| (item, way))),
            TypeRef::Named(name) => {
                let Some(def) = api.types.get(name) else {
                    continue;
                };
                let entry = out.entry(name.clone()).or_default();
                let before = *entry;
                entry.sent |= way.sent;
                entry.received |= way.received;
                if *entry == before {
                    continue;
                }
                stack.extend(def.kind.children().into_iter().map(|child| (child, way)));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pets (tag `pets`), stores (tag `Store Front`), both reach `Owner`; `ping` has no tag;
    /// `Orphan` no operation uses.
    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: Tags, version: "1"}
paths:
  /pets:
    post:
      operationId: addPet
      tags: [pets]
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewPet'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
  /stores:
    get:
      operationId: getStore
      tags: [Store Front]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Store'}
  /ping:
    get:
      operationId: ping
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pong'}
components:
  schemas:
    NewPet:
      type: object
      properties: {name: {type: string}, tag: {type: string}}
    Pet:
      type: object
      properties: {name: {type: string}, owner: {$ref: '#/components/schemas/Owner'}}
    Store:
      type: object
      properties: {owner: {$ref: '#/components/schemas/Owner'}}
    Owner:
      type: object
      properties: {name: {type: string}}
    Pong:
      type: object
      properties: {ok: {type: boolean}}
    Orphan:
      type: object
      properties: {pet: {$ref: '#/components/schemas/Pet'}}
"#;

    /// The attributes right before `pub struct NAME`, as one line.
    fn attributes(models: &str, name: &str) -> String {
        let at = models
            .find(&format!("pub struct {name} "))
            .unwrap_or_else(|| panic!("no struct {name}"));
        let before: Vec<&str> = models[..at].lines().rev().take(4).collect();
        before
            .into_iter()
            .rev()
            .filter(|l| l.starts_with("#["))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_gate_goes_round_a_cycle_and_on_to_what_it_reaches() {
        // `two` reaches `E` only through `B` -> `A` -> `E`, against the order the types are
        // first walked in.
        let spec = r#"
openapi: 3.0.3
info: {title: Cycle, version: "1"}
paths:
  /a: {get: {operationId: getA, tags: [one], responses: {"200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}}}
  /b: {get: {operationId: getB, tags: [two], responses: {"200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/B'}}}}}}}
  /c: {get: {operationId: getC, tags: [three], responses: {"200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/C'}}}}}}}
components:
  schemas:
    A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}, e: {$ref: '#/components/schemas/E'}}}
    B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}
    C: {type: object, properties: {id: {type: integer}}}
    E: {type: object, properties: {ok: {type: boolean}}}
"#;
        let generated = crate::generate(spec, &crate::Options::default())
            .unwrap_or_else(|d| panic!("{}", d.render("spec")));
        let models = &generated.files["src/models.rs"];
        for name in ["A", "B", "E"] {
            let gate = attributes(models, name);
            assert!(
                gate.starts_with(r#"#[cfg(any(feature = "one", feature = "two"))]"#),
                "{name}: {gate}"
            );
        }
        let c = attributes(models, "C");
        assert!(c.starts_with(r#"#[cfg(feature = "three")]"#), "{c}");
    }

    #[test]
    fn a_tag_gates_its_operations_and_the_models_only_they_reach() {
        let generated = crate::generate(SPEC, &crate::Options::default())
            .unwrap_or_else(|d| panic!("{}", d.render("spec")));
        let models = &generated.files["src/models.rs"];
        let pet = attributes(models, "Pet");
        assert!(
            pet.starts_with(r#"#[cfg(any(feature = "pets", feature = "unused-models"))]"#),
            "{pet}"
        );
        // Received only: `Serialize` is under `round-trip`, `Deserialize` gated as the type.
        assert!(
            pet.contains(r#"#[cfg_attr(feature = "round-trip", derive(serde::Serialize))]"#),
            "{pet}"
        );
        assert!(
            models.contains(
                "#[cfg(any(feature = \"pets\", feature = \"unused-models\"))]\ndeserialize_struct! {\n    Pet {"
            ),
            "{models}"
        );
        let new_pet = attributes(models, "NewPet");
        assert!(
            new_pet.starts_with(r#"#[cfg(feature = "pets")]"#),
            "{new_pet}"
        );
        // Sent only: `Deserialize` is under `round-trip`.
        assert!(new_pet.contains("serde::Serialize)]"), "{new_pet}");
        assert!(
            models.contains(
                "#[cfg(all(feature = \"pets\", feature = \"round-trip\"))]\ndeserialize_struct! {\n    NewPet {"
            ),
            "{models}"
        );
        let store = attributes(models, "Store");
        assert!(
            store.starts_with(r#"#[cfg(feature = "store-front")]"#),
            "{store}"
        );
        // Reached by every tag: no gate.
        let owner = attributes(models, "Owner");
        assert!(!owner.contains("#[cfg("), "{owner}");
        let pong = attributes(models, "Pong");
        assert!(!pong.contains("#[cfg("), "{pong}");
        let orphan = attributes(models, "Orphan");
        assert!(
            orphan.starts_with(r#"#[cfg(feature = "unused-models")]"#),
            "{orphan}"
        );

        let operations = &generated.files["src/operations/mod.rs"];
        assert!(
            operations.contains("#[cfg(feature = \"pets\")]\nmod add_pet;"),
            "{operations}"
        );
        assert!(
            operations.contains("#[cfg(feature = \"store-front\")]\nmod get_store;"),
            "{operations}"
        );
        assert!(operations.contains("\nmod ping;"), "{operations}");
        assert!(
            !operations.contains("#[cfg(feature = \"pets\")]\nmod ping;"),
            "{operations}"
        );

        let manifest = &generated.files["Cargo.toml"];
        assert!(
            manifest.contains(
                "default = [\"full\"]\n# Every tag's operations and models, and the models no \
                 operation uses.\nfull = [\"pets\", \"store-front\", \"unused-models\"]\n"
            ),
            "{manifest}"
        );
        assert!(manifest.contains("\nround-trip = []\n"), "{manifest}");
        assert!(manifest.contains("# The operations tagged `Store Front`, and the models they use.\nstore-front = []\n"), "{manifest}");
        let readme = &generated.files["README.md"];
        assert!(readme.contains("features = [\"pets\"]"), "{readme}");
    }

    #[test]
    fn without_tags_nothing_is_gated() {
        let spec = SPEC
            .replace("tags: [pets]", "")
            .replace("tags: [Store Front]", "");
        let generated = crate::generate(&spec, &crate::Options::default())
            .unwrap_or_else(|d| panic!("{}", d.render("spec")));
        // Only the constructors of the types the client receives and the `Deserialize` of
        // those it sends, under `round-trip`.
        let models = &generated.files["src/models.rs"];
        let round_trip = |item: &str| {
            models
                .matches(&format!("#[cfg(feature = \"round-trip\")]\n{item}"))
                .count()
        };
        assert_eq!(
            models.matches("#[cfg(").count(),
            round_trip("impl ") + round_trip("deserialize_struct! {"),
            "{models}"
        );
        assert!(!generated.files["src/operations/mod.rs"].contains("#[cfg("));
        let manifest = &generated.files["Cargo.toml"];
        assert!(!manifest.contains("default ="), "{manifest}");
        assert!(manifest.contains("round-trip = []"), "{manifest}");
    }

    #[test]
    fn tags_become_kebab_case_features() {
        assert_eq!(feature_name("repos"), "repos");
        assert_eq!(feature_name("Code Scanning"), "code-scanning");
        assert_eq!(feature_name("copilot-spaces"), "copilot-spaces");
        assert_eq!(feature_name("SMTP_Credentials"), "smtp-credentials");
        assert_eq!(feature_name("default"), "tag-default");
        assert_eq!(feature_name("Round Trip"), "tag-round-trip");
        assert_eq!(feature_name("2FA"), "tag-2fa");
        assert_eq!(feature_name("!!!"), "tag-untitled");
    }
}
