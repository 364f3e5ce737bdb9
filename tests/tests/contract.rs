//! The contract suite, run by `cargo test --workspace`: installs Prism (`npm ci` in
//! `tests/contract/`) when it is missing, generates the clients of the full AhaSend API
//! and of its webhooks from `../shared/specs/` into `target/scratch/`, then runs the
//! `tests/contract` crate's tests against Prism, with their output shown as they run.
//!
//! Nothing is skipped: without the specs, Node/npm or Prism, this test fails.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use tests::root;

/// The descriptions and the package names of the crates generated from them.
const SPECS: [(&str, &str); 2] = [
    ("ahasend-openapi.yaml", "ahasend"),
    ("ahasend-webhooks.yaml", "ahasend-webhooks"),
];

#[test]
fn contract_suite_against_prism() {
    let root = root();
    let specs = root.join("../shared/specs");
    for (file, _) in SPECS {
        let spec = specs.join(file);
        assert!(
            spec.is_file(),
            "the contract suite needs {} (the shared specs beside the checkout), and it is missing",
            spec.display()
        );
    }

    let contract = root.join("tests/contract");
    install_prism(&contract);

    let scratch = root.join("target/scratch");
    for (file, crate_name) in SPECS {
        generate(&specs.join(file), crate_name, &scratch.join(crate_name));
    }

    let started = Instant::now();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .arg("test")
        .arg("--manifest-path")
        .arg(contract.join("Cargo.toml"))
        // Its own target directory: the outer cargo holds the lock on target/debug.
        .env("CARGO_TARGET_DIR", root.join("target/scratch-target"))
        .status()
        .expect("cargo runs");
    eprintln!("contract suite: built and ran in {:.0?}", started.elapsed());
    assert!(
        status.success(),
        "the contract suite failed ({status}): its output is above"
    );
}

/// `npm ci` in `tests/contract/` unless Prism is already there.
fn install_prism(contract: &Path) {
    if contract.join("node_modules/.bin/prism").exists() {
        return;
    }
    let started = Instant::now();
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(contract)
        .status()
        .unwrap_or_else(|e| {
            panic!("could not run npm ({e}): the contract suite needs Node 20 and npm to install Prism")
        });
    assert!(
        status.success(),
        "`npm ci` in {} failed ({status}): the contract suite needs Node 20, npm and the npm registry",
        contract.display()
    );
    assert!(
        contract.join("node_modules/.bin/prism").exists(),
        "`npm ci` did not install node_modules/.bin/prism"
    );
    eprintln!("contract suite: npm ci took {:.0?}", started.elapsed());
}

/// Generates a crate from `spec` into `out`, rewriting only files that changed (so an
/// unchanged crate is not rebuilt).
fn generate(spec: &Path, crate_name: &str, out: &Path) {
    let text = std::fs::read_to_string(spec).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    // As `cargo run -p codegen` in the workspace root does: with `codegen.yaml`.
    let mut options = tests::root_options();
    options.crate_name = crate_name.to_owned();
    let generated = codegen::generate(&text, &options)
        .unwrap_or_else(|d| panic!("{}", d.render(&spec.display().to_string())));
    assert!(
        generated.files.keys().any(|f| f == "src/lib.rs"),
        "{} generated no src/lib.rs",
        spec.display()
    );
    codegen::write::write(out, &generated.files)
        .unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}
