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
    let errors = codegen::generate(&cyclic, &codegen::Options::default()).expect_err("a cycle");
    assert!(
        errors
            .to_string()
            .contains("refers to itself through `allOf` or `$ref` without end"),
        "{errors}"
    );
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
fn reference_cycles_are_located_errors_under_every_media_type() {
    for media_type in [
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ] {
        let errors = generate_within(&ref_cycle_body(media_type), 20)
            .expect_err("a `$ref` cycle can't be generated");
        let text = errors.to_string();
        assert!(
            text.contains("#/components/schemas/A") && text.contains("refers to itself"),
            "{media_type}: {text}"
        );
    }
}

#[test]
fn reference_cycles_in_parameters_and_properties_are_located_errors() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      operationId: getX\n      parameters:\n        - {name: q, in: query, schema: {$ref: '#/components/schemas/A'}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  c: {$ref: '#/components/schemas/C'}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n    C: {$ref: '#/components/schemas/C'}\n";
    let text = generate_within(spec, 20)
        .expect_err("`$ref` cycles can't be generated")
        .to_string();
    for name in ["A", "C"] {
        assert!(
            text.contains(&format!("#/components/schemas/{name}")),
            "{name} is not named: {text}"
        );
    }
}
