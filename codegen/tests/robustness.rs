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
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml")).expect("openapi.yaml")
}

/// Every node's JSON pointer.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                pointers(child, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
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

#[test]
fn mutated_specs_never_panic() {
    let original: Value = serde_yaml::from_str(&seed_spec()).expect("seed parses");
    let mut all = Vec::new();
    pointers(&original, String::new(), &mut all);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut ok, mut err) = (0, 0);
    for _ in 0..400 {
        let mut doc = original.clone();
        for _ in 0..1 + rng.below(3) {
            let pointer = &all[rng.below(all.len())];
            let replacement: Value =
                serde_json::from_str(REPLACEMENTS[rng.below(REPLACEMENTS.len())]).expect("valid JSON");
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
    // Both outcomes occur, so the mutations reach both the happy and the error paths.
    assert!(ok > 0 && err > 0, "ok {ok}, err {err}");
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
    for text in ["", " ", "---", "~", "[]", "{}", "null", "- a", "{\"openapi\": \"3.1.0\"}", "\u{feff}openapi: 3.1.0"] {
        assert!(codegen::generate(text, &codegen::Options::default()).is_err(), "{text:?}");
    }
}
