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

/// A committed crate `tests/{name}-client/` is what the generator makes of
/// `tests/fixtures/{name}.yaml` with the root `codegen.yaml`, with warnings only where
/// the fixture means to have them.
fn fixture_client_is_up_to_date(name: &str, warnings: bool) {
    let spec_path = format!("tests/fixtures/{name}.yaml");
    let spec = std::fs::read_to_string(root().join(&spec_path)).expect("the fixture is readable");
    let mut options = root_options();
    options.crate_name = format!("{name}-client");
    let generated = codegen::generate(&spec, &options).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        !generated.warnings.0.is_empty(),
        warnings,
        "{}",
        generated.warnings
    );
    let out = format!("tests/{name}-client");
    let stale = codegen::write::check(&root().join(&out), &generated.files).expect("readable");
    assert!(
        stale.is_empty(),
        "{out}/ is stale: {stale:?}\nRun `cargo run -p codegen -- --spec {spec_path} --out {out} \
         --crate-name {name}-client` and commit the result."
    );
}

/// The crate the fault-injection tests drive.
#[test]
fn runtime_client_is_up_to_date() {
    fixture_client_is_up_to_date("runtime", false);
}

/// The crate the security tests drive.
#[test]
fn security_client_is_up_to_date() {
    fixture_client_is_up_to_date("security", false);
}

/// The crate whose requests `tests/tests/params.rs` checks on the wire; its fixture has a
/// parameter no style can write, on purpose (sent as JSON text, with a warning).
#[test]
fn params_client_is_up_to_date() {
    fixture_client_is_up_to_date("params", true);
}

/// The crate the media-type tests drive.
#[test]
fn media_client_is_up_to_date() {
    fixture_client_is_up_to_date("media", false);
}

/// The crate `tests/tests/unions.rs` drives; its ambiguous unions are warned about.
#[test]
fn unions_client_is_up_to_date() {
    fixture_client_is_up_to_date("unions", true);
}

/// The crate `tests/tests/swagger.rs` drives, generated from a Swagger 2.0 fixture.
#[test]
fn swagger_client_is_up_to_date() {
    fixture_client_is_up_to_date("swagger", false);
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
