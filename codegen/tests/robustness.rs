//! No input panics the generator: the seed spec, mutated at random places and truncated at
//! random points, always gives `Ok` or `Err(diagnostics)`. Deterministic (a fixed-seed
//! generator), so a failure reproduces.

use serde_json::Value;

/// xorshift64*: small, deterministic, good enough to pick places.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

fn seed_spec() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml"))
        .expect("openapi.yaml")
}

/// Every node's JSON pointer.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                pointers(
                    child,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

const REPLACEMENTS: &[&str] = &[
    "null",
    "42",
    "-1.5",
    "true",
    "\"\"",
    "\"#/components/schemas/Nope\"",
    "[]",
    "{}",
    "[null]",
    "{\"$ref\": \"#/components/schemas/SMTPCredential\"}",
    "{\"$ref\": \"#/nowhere\"}",
    "{\"type\": [\"string\", \"null\"]}",
    "{\"type\": [\"integer\", \"object\"]}",
    "{\"allOf\": [{\"$ref\": \"#/components/schemas/PaginationInfo\"}, {\"required\": [\"x\"]}]}",
    "{\"anyOf\": []}",
    "{\"enum\": [null]}",
    "{\"type\": \"string\", \"enum\": [\"\", \"1\", \"+\", \"unknown\", \"Unknown\"]}",
];

/// Replaces 1 to 3 random nodes of `original` with one of `replacements`, `rounds` times,
/// and generates each result: `Ok`, or `Err` with at least one error, never a panic. Both
/// outcomes must occur, so that the mutations reach the happy and the error paths.
fn assert_mutations_never_panic(original: &Value, replacements: &[&str], rounds: usize, seed: u64) {
    let mut all = Vec::new();
    pointers(original, String::new(), &mut all);
    let mut rng = Rng(seed);
    let (mut ok, mut err) = (0, 0);
    for _ in 0..rounds {
        let mut doc = original.clone();
        for _ in 0..1 + rng.below(3) {
            let pointer = &all[rng.below(all.len())];
            let replacement: Value =
                serde_json::from_str(replacements[rng.below(replacements.len())])
                    .expect("valid JSON");
            if let Some(slot) = doc.pointer_mut(pointer) {
                *slot = replacement;
            }
        }
        let text = serde_json::to_string_pretty(&doc).expect("serialises");
        match codegen::generate(&text, &codegen::Options::default()) {
            Ok(_) => ok += 1,
            Err(d) => {
                assert!(d.has_errors(), "an Err carries at least one error");
                assert!(d.0.iter().all(|e| !e.message.is_empty()));
                err += 1;
            }
        }
    }
    assert!(ok > 0 && err > 0, "ok {ok}, err {err}");
}

#[test]
fn mutated_specs_never_panic() {
    let original: Value = serde_yaml::from_str(&seed_spec()).expect("seed parses");
    assert_mutations_never_panic(&original, REPLACEMENTS, 400, 0x9E37_79B9_7F4A_7C15);
}

#[test]
fn mutated_webhook_documents_never_panic() {
    const WEBHOOK_REPLACEMENTS: &[&str] = &[
        "null",
        "42",
        "\"\"",
        "[]",
        "{}",
        "[null]",
        "{\"$ref\": \"#/components/schemas/OrderPayload\"}",
        "{\"$ref\": \"#/components/schemas/OrderCreatedPayload\"}",
        "{\"$ref\": \"#/nowhere\"}",
        "{\"$ref\": \"#/components/requestBodies/OrderCancelled\"}",
        "{\"allOf\": [{\"$ref\": \"#/components/schemas/ParcelPayload\"}, {\"$ref\": \"#/components/schemas/OrderPayload\"}]}",
        "{\"oneOf\": [{\"$ref\": \"#/components/schemas/ParcelPayload\"}, {\"$ref\": \"#/components/schemas/OrderPayload\"}]}",
        "{\"type\": \"string\", \"enum\": [\"\", \"unknown\", \"Unknown\", \"order.created\"]}",
        "[\"order.created\", 7]",
        "\"order.created\"",
    ];
    let original: Value =
        serde_yaml::from_str(include_str!("fixtures/webhooks.yaml")).expect("fixture parses");
    assert_mutations_never_panic(&original, WEBHOOK_REPLACEMENTS, 300, 0x2545_F491_4F6C_DD1D);
}

#[test]
fn truncated_specs_never_panic() {
    let spec = seed_spec();
    let mut rng = Rng(42);
    for _ in 0..200 {
        let mut cut = rng.below(spec.len());
        while !spec.is_char_boundary(cut) {
            cut -= 1;
        }
        let _ = codegen::generate(&spec[..cut], &codegen::Options::default());
    }
    for text in [
        "",
        " ",
        "---",
        "~",
        "[]",
        "{}",
        "null",
        "- a",
        "{\"openapi\": \"3.1.0\"}",
        "\u{feff}openapi: 3.1.0",
    ] {
        assert!(
            codegen::generate(text, &codegen::Options::default()).is_err(),
            "{text:?}"
        );
    }
}

/// `allOf` chains whose every level names the next twice: merged once per schema, so
/// this is linear (it once took exponential time: depth 18 took seconds, 25 hours).
fn doubled_chain(depth: usize, last: &str) -> String {
    let mut spec = String::from(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      operationId: getX\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/S0'}\ncomponents:\n  schemas:\n",
    );
    for i in 0..depth {
        let next = i + 1;
        spec.push_str(&format!(
            "    S{i}:\n      allOf:\n        - $ref: '#/components/schemas/S{next}'\n        - $ref: '#/components/schemas/S{next}'\n        - {{type: object, properties: {{p{i}: {{type: string}}}}}}\n"
        ));
    }
    spec.push_str(&format!("    S{depth}:\n{last}"));
    spec
}

#[test]
fn repeated_all_of_references_are_merged_once() {
    let spec = doubled_chain(
        25,
        "      type: object\n      properties:\n        a: {type: string}\n",
    );
    let generated =
        codegen::generate(&spec, &codegen::Options::default()).unwrap_or_else(|d| panic!("{d}"));
    let models = &generated.files["src/models.rs"];
    // S0 has every level's property and the last one's.
    let s0 = models
        .split("pub struct S0 {")
        .nth(1)
        .expect("S0 is a struct");
    let s0 = &s0[..s0.find('}').expect("ends")];
    for field in ["pub a:", "pub p0:", "pub p12:", "pub p24:"] {
        assert!(s0.contains(field), "{field} missing from S0:{s0}");
    }
    // A chain that comes back to its start is a cycle, reported as one.
    let cyclic = doubled_chain(
        25,
        "      allOf:\n        - $ref: '#/components/schemas/S0'\n",
    );
    let generated = codegen::generate(&cyclic, &codegen::Options::default())
        .unwrap_or_else(|d| panic!("a cycle costs only its place: {d}"));
    let warnings = generated.warnings.to_string();
    assert!(
        warnings.contains("refers to itself through `allOf` or `$ref` without end"),
        "{warnings}"
    );
}

/// `codegen/tests/fixtures/degraded.yaml`: a flaw in each of several places. Each costs its
/// place only: the client is generated, every flaw is a warning at its line and JSON
/// pointer that says what to do, and each flawed operation is still there to call.
#[test]
fn a_flaw_costs_only_its_place() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/degraded.yaml");
    let generated = codegen::generate_file(path.as_ref(), &codegen::Options::default())
        .unwrap_or_else(|d| {
            panic!(
                "generated despite the flaws:\n{}",
                d.render("degraded.yaml")
            )
        });
    let warnings = generated.warnings.render("degraded.yaml");
    // Each warning: its message, its place (line:column, then the pointer), its help.
    let expected: &[(&str, &str, &str)] = &[
        (
            "the path template `/search/articles?query={query}` carries a query string: the client requests `/search/articles` and sends `query` as a query parameter",
            "degraded.yaml:24:5",
            "#/paths/~1search~1articles?query={query}/get",
        ),
        (
            "the path template `/lookup?id={id}&format=full` carries a query string: the client requests `/lookup` and sends `id` as a query parameter; `format=full` is not sent",
            "degraded.yaml:32:5",
            "send fixed pairs with `.query_pair(name, value)` on the call",
        ),
        (
            "the path template names `{userId}`, but no path parameter `userId` is declared; the client takes it as a string, argument `user_id`",
            "degraded.yaml:40:5",
            "declare `- name: userId` with `in: path`, `required: true` and its schema",
        ),
        (
            "path parameter `team` does not appear in the path `/teams`; the client leaves it out",
            "degraded.yaml:52:9",
            "#/paths/~1teams/get/parameters/0",
        ),
        (
            "path parameter `ids` holds arrays or objects inside an array or object, which style `simple` can't write; the client sends it as its JSON text",
            "degraded.yaml:60:9",
            "#/paths/~1filters~1{ids}/get/parameters/0",
        ),
        (
            "query parameter `filter` holds arrays or objects inside an array or object, which style `form` can't write; the client sends it as its JSON text, as `content: application/json` would; to send it otherwise, leave it unset and add the pairs with `.query_pair(name, value)`",
            "degraded.yaml:66:9",
            "#/paths/~1filters~1{ids}/get/parameters/1",
        ),
        (
            "query parameter `tags` holds arrays or objects inside an array or object, which style `form` can't write; the client sends it as its JSON text, as `content: application/json` would\n",
            "degraded.yaml:69:9",
            "describe it with `style: deepObject`",
        ),
        (
            "header parameter `X-Filter` holds arrays or objects inside an array or object",
            "degraded.yaml:75:9",
            "add the header with `.header(name, value)`",
        ),
        (
            "query parameter `note` is given as `text/plain` content, which can only be sent for a string; the client takes it as text already written in `text/plain`",
            "degraded.yaml:78:9",
            "#/paths/~1filters~1{ids}/get/parameters/4",
        ),
        (
            "an `application/x-www-form-urlencoded` body must be an object (its properties are the form's fields), but this one is not; the client takes the form already encoded, as bytes sent as `application/x-www-form-urlencoded`",
            "degraded.yaml:92:11",
            "describe the body with an object schema",
        ),
        (
            "`getSigned` requires security scheme `signature`, but HTTP authentication with the scheme name `Signature keyId`",
            "degraded.yaml:99:5",
            "add the credentials with `.header(name, value)` or `.query_pair(name, value)` on the call",
        ),
        (
            "security scheme `ghost` is not defined: this alternative is left out",
            "degraded.yaml:111:9",
            "#/paths/~1undeclared/get/security/0",
        ),
        (
            "this operation has no `responses`, which the specification requires",
            "degraded.yaml:115:5",
            "add the responses the operation gives",
        ),
        (
            "this does not fit the OpenAPI model (missing field `in`); the parameter `#/paths/~1broken/get/parameters/0` is left out of the client",
            "degraded.yaml:123:9",
            "send it with `.query_pair(name, value)`",
        ),
        (
            "the schema refers to itself through `$ref` without end (`Loop` → `Loop2` → `Loop`); it is generated as `serde_json::Value`",
            "degraded.yaml:145:5",
            "give one schema of the cycle a type of its own",
        ),
    ];
    for (message, place, detail) in expected {
        let at = warnings
            .find(&format!("warning: {message}"))
            .unwrap_or_else(|| panic!("expected the warning `{message}` in:\n{warnings}"));
        let rest = &warnings[at + 1..];
        let this = &rest[..rest.find("\nwarning: ").unwrap_or(rest.len())];
        assert!(
            this.contains(place) && this.contains(detail),
            "expected `{place}` and `{detail}` in:\n{this}"
        );
    }
    assert_eq!(generated.warnings.0.len(), expected.len(), "{warnings}");
    assert!(generated.warnings.0.iter().all(|d| d.help.is_some()));

    let file = |name: &str| {
        generated
            .files
            .get(name)
            .unwrap_or_else(|| panic!("{name} was generated"))
            .clone()
    };
    // The operation without flaws, and each flawed one, can be called.
    assert!(file("src/operations/get_thing.rs").contains("pub fn get_thing(&self, id: i64)"));
    let search = file("src/operations/search_articles.rs");
    assert!(search.contains("path: \"/search/articles\","), "{search}");
    assert!(search.contains("request.query(\"query\", "), "{search}");
    let lookup = file("src/operations/lookup.rs");
    assert!(
        lookup.contains("request.query(\"id\", value.to_string());"),
        "{lookup}"
    );
    let post = file("src/operations/get_post.rs");
    assert!(
        post.contains("pub fn get_post(&self, user_id: impl Into<String>, post_id: i64)"),
        "{post}"
    );
    let teams = file("src/operations/list_teams.rs");
    assert!(!teams.contains("team:"), "{teams}");
    let filter = file("src/operations/filter_things.rs");
    for descriptor in [
        "Param::path(\"ids\").json()",
        "Param::query(\"filter\").json()",
        "Param::query(\"tags\").json()",
        "Param::header(\"X-Filter\").json()",
    ] {
        // rustfmt may break the chain over lines: compare without whitespace.
        let flat: String = filter.split_whitespace().collect();
        assert!(flat.contains(descriptor), "{descriptor} in:\n{filter}");
    }
    let form = file("src/operations/post_form.rs");
    assert!(form.contains("body: impl Into<crate::Body>"), "{form}");
    let signed = file("src/operations/get_signed.rs");
    assert!(signed.contains("security: &[],"), "{signed}");
    // Every builder has the escape hatches (`query_pair`, `header`: the runtime's).
    assert!(signed.contains("crate::runtime::http::request_options!();"));
    assert!(
        file("src/runtime/http.rs").contains("pub fn query_pair(mut self, name: impl Into<String>")
    );
    assert!(file("src/models.rs").contains("pub type Loop = serde_json::Value;"));
    let undeclared = file("src/operations/get_undeclared.rs");
    assert!(undeclared.contains("security: &[],"), "{undeclared}");
    let unanswered = file("src/operations/get_unanswered.rs");
    assert!(
        unanswered.contains("pub fn get_unanswered(&self)"),
        "{unanswered}"
    );
    let broken = file("src/operations/get_broken.rs");
    assert!(broken.contains("pub fn get_broken(&self)"), "{broken}");
}

/// Runs the generator on another thread, failing (instead of hanging) past `seconds`.
fn generate_within(spec: &str, seconds: u64) -> Result<codegen::Generated, codegen::Diagnostics> {
    let (tx, rx) = std::sync::mpsc::channel();
    let spec = spec.to_owned();
    std::thread::spawn(move || {
        let _ = tx.send(codegen::generate(&spec, &codegen::Options::default()));
    });
    rx.recv_timeout(std::time::Duration::from_secs(seconds))
        .unwrap_or_else(|_| panic!("the generator did not finish within {seconds} s"))
}

/// A document whose operation uses the schema `A` (in `A: {$ref: B}`, `B: {$ref: A}`) as
/// the body of `media_type`.
fn ref_cycle_body(media_type: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /x:\n    post:\n      operationId: postX\n      requestBody:\n        content:\n          {media_type}:\n            schema: {{$ref: '#/components/schemas/A'}}\n      responses:\n        '204': {{description: ok}}\ncomponents:\n  schemas:\n    A: {{$ref: '#/components/schemas/B'}}\n    B: {{$ref: '#/components/schemas/A'}}\n"
    )
}

#[test]
fn reference_cycles_are_located_warnings_under_every_media_type() {
    for media_type in [
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ] {
        let generated = generate_within(&ref_cycle_body(media_type), 20)
            .unwrap_or_else(|e| panic!("{media_type}: a `$ref` cycle costs only its place: {e}"));
        let text = generated.warnings.to_string();
        assert!(
            text.contains("#/components/schemas/A") && text.contains("refers to itself"),
            "{media_type}: {text}"
        );
    }
}

#[test]
fn reference_cycles_in_parameters_and_properties_are_located_warnings() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      operationId: getX\n      parameters:\n        - {name: q, in: query, schema: {$ref: '#/components/schemas/A'}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  c: {$ref: '#/components/schemas/C'}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n    C: {$ref: '#/components/schemas/C'}\n";
    let text = generate_within(spec, 20)
        .unwrap_or_else(|e| panic!("`$ref` cycles cost only their place: {e}"))
        .warnings
        .to_string();
    for name in ["A", "C"] {
        assert!(
            text.contains(&format!("#/components/schemas/{name}")),
            "{name} is not named: {text}"
        );
    }
}

/// Found by the fuzzer (`fuzz/artifacts/generate/regressions/`): an inline schema that
/// takes the properties of the component holding it (`allOf` of a `$ref` to it) came back
/// to itself while it was typed, without end, and overflowed the stack. It is a struct of
/// its own, whose field of the same property refers to it.
#[test]
fn an_inline_schema_that_holds_itself_through_all_of_is_a_recursive_struct() {
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fuzz/artifacts/generate/regressions/inline-schema-holds-itself-through-allof.yaml"
    ))
    .expect("the reproducer");
    let generated =
        generate_within(&spec, 20).unwrap_or_else(|e| panic!("the document generates: {e}"));
    let models = &generated.files["src/models.rs"];
    let structs: Vec<&str> = models.split("pub struct ").skip(1).collect();
    let fields = |name: &str| {
        structs
            .iter()
            .find(|s| s.starts_with(&format!("{name} {{")))
            .and_then(|s| s.split('}').next())
            .unwrap_or_else(|| panic!("no struct {name}: {models}"))
            .to_owned()
    };
    assert!(
        fields("Node").contains("pub kids: Option<Vec<NodeKidsItem>>"),
        "{models}"
    );
    let item = fields("NodeKidsItem");
    assert!(
        item.contains("pub kids: Option<Vec<NodeKidsItem>>"),
        "{models}"
    );
    assert!(item.contains("pub x: Option<String>"), "{models}");
    assert!(
        generated.warnings.0.is_empty(),
        "nothing is degraded: {}",
        generated.warnings
    );
}
