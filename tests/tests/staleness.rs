//! The committed `generated-client/` is what the generator makes from `openapi.yaml`
//! (in the manner of rust-analyzer's `ensure_file_contents`), and generating is
//! deterministic.

use tests::{generate_seed as generate, root, root_options};

#[test]
fn generated_client_is_up_to_date() {
    let generated = generate();
    let out = root().join("generated-client");
    let stale =
        codegen::write::check(&out, &generated.files).expect("generated-client/ is readable");
    if !stale.is_empty() {
        let list: Vec<String> = stale.iter().map(|s| format!("  {s}")).collect();
        panic!(
            "generated-client/ is stale against openapi.yaml and the generator:\n{}\n\
             Run `cargo run -p codegen`, review the diff, and commit it.",
            list.join("\n")
        );
    }
}

/// `tests/runtime-client/`, the crate the fault-injection tests drive, is what the
/// generator makes of `tests/fixtures/runtime.yaml` with the root `codegen.yaml`.
#[test]
fn runtime_client_is_up_to_date() {
    let spec = std::fs::read_to_string(root().join("tests/fixtures/runtime.yaml"))
        .expect("the fixture is readable");
    let mut options = root_options();
    options.crate_name = "runtime-client".to_owned();
    let generated = codegen::generate(&spec, &options).unwrap_or_else(|d| panic!("{d}"));
    let stale = codegen::write::check(&root().join("tests/runtime-client"), &generated.files)
        .expect("readable");
    assert!(
        stale.is_empty(),
        "tests/runtime-client/ is stale: {stale:?}\nRun `cargo run -p codegen -- --spec tests/fixtures/runtime.yaml \
         --out tests/runtime-client --crate-name runtime-client` and commit the result."
    );
}

/// `tests/unions-client/`, the crate `tests/tests/unions.rs` drives, is what the generator
/// makes of `tests/fixtures/unions.yaml` with the root `codegen.yaml`.
#[test]
fn unions_client_is_up_to_date() {
    let spec = std::fs::read_to_string(root().join("tests/fixtures/unions.yaml"))
        .expect("the fixture is readable");
    let mut options = root_options();
    options.crate_name = "unions-client".to_owned();
    let generated = codegen::generate(&spec, &options).unwrap_or_else(|d| panic!("{d}"));
    let stale = codegen::write::check(&root().join("tests/unions-client"), &generated.files)
        .expect("readable");
    assert!(
        stale.is_empty(),
        "tests/unions-client/ is stale: {stale:?}\nRun `cargo run -p codegen -- --spec tests/fixtures/unions.yaml \
         --out tests/unions-client --crate-name unions-client` and commit the result."
    );
}

#[test]
fn generation_is_deterministic() {
    let first = generate();
    for _ in 0..3 {
        assert_eq!(generate(), first);
    }
}

#[test]
fn the_seed_generates_without_warnings() {
    let generated = generate();
    assert!(generated.warnings.0.is_empty(), "{}", generated.warnings);
}

#[test]
fn openapi_yaml_is_the_seed_verbatim() {
    let seed = root().join("../shared/seed/openapi.yaml");
    let seed = std::fs::read(&seed).unwrap_or_else(|e| {
        panic!(
            "{} must exist beside the checkout ({e}); the project's input is a copy of it",
            seed.display()
        )
    });
    let ours = std::fs::read(root().join("openapi.yaml")).expect("openapi.yaml is readable");
    assert!(
        ours == seed,
        "openapi.yaml differs from ../shared/seed/openapi.yaml"
    );
}

#[test]
fn generated_crate_has_no_dependency_on_the_generator() {
    let manifest =
        std::fs::read_to_string(root().join("generated-client/Cargo.toml")).expect("manifest");
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .expect("a [dependencies] table");
    assert!(
        !deps.lines().any(|l| l.trim_start().starts_with("codegen")),
        "generated-client must build on its own:\n{deps}"
    );
}
