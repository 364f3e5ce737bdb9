//! Snapshots of the client generated from `openapi.yaml`, one per concern, so that a pull
//! request shows exactly which generated lines change. Each snapshot is the file users
//! get, byte for byte. Review changes with `cargo insta review`.

use std::collections::BTreeSet;

use tests::{generate_seed, root};

fn generated_file(path: &str) -> String {
    generate_seed()
        .files
        .get(path)
        .unwrap_or_else(|| panic!("{path} is generated"))
        .clone()
}

macro_rules! snapshot {
    ($name:literal, $path:literal) => {
        insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false, description => $path }, {
            insta::assert_snapshot!($name, generated_file($path));
        });
    };
}

#[test]
fn models() {
    snapshot!("models", "src/models.rs");
}

#[test]
fn operation_get_smtp_credentials() {
    snapshot!(
        "operation_get_smtp_credentials",
        "src/operations/get_smtp_credentials.rs"
    );
}

#[test]
fn operations_module() {
    snapshot!("operations_module", "src/operations/mod.rs");
}

#[test]
fn pagination() {
    snapshot!("pagination", "src/pagination.rs");
}

#[test]
fn client() {
    snapshot!("client", "src/client.rs");
}

#[test]
fn auth() {
    snapshot!("auth", "src/auth.rs");
}

#[test]
fn errors() {
    snapshot!("errors", "src/error.rs");
}

#[test]
fn lib() {
    snapshot!("lib", "src/lib.rs");
}

#[test]
fn manifest() {
    snapshot!("manifest", "Cargo.toml");
}

#[test]
fn readme() {
    snapshot!("readme", "README.md");
}

#[test]
fn rustfmt_config() {
    snapshot!("rustfmt_config", "rustfmt.toml");
}

/// Every generated file is either snapshotted above or a verbatim copy of the runtime
/// (reviewed where it is written, in `codegen/runtime/`). A new kind of file fails here
/// until it gets a snapshot.
#[test]
fn every_generated_file_is_reviewed() {
    let generated = generate_seed();
    let snapshotted: BTreeSet<&str> = [
        "Cargo.toml",
        "src/auth.rs",
        "src/client.rs",
        "src/error.rs",
        "src/lib.rs",
        "src/models.rs",
        "src/operations/get_smtp_credentials.rs",
        "src/operations/mod.rs",
        "src/pagination.rs",
        "README.md",
        "rustfmt.toml",
    ]
    .into_iter()
    .collect();
    let runtime_dir = root().join("codegen/runtime");
    for (path, text) in &generated.files {
        if snapshotted.contains(path.as_str()) {
            continue;
        }
        let name = path.strip_prefix("src/runtime/").unwrap_or_else(|| {
            panic!("{path} has no snapshot; add one to tests/tests/snapshots.rs")
        });
        let original =
            std::fs::read_to_string(runtime_dir.join(name)).expect("the runtime original exists");
        assert!(
            text.ends_with(&original),
            "{path} is not a verbatim copy of codegen/runtime/{name}"
        );
    }
}
