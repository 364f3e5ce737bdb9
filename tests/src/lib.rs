//! Test-only crate: the snapshot, staleness and end-to-end tests are under `tests/`; the
//! helpers here are what several of them share.
//!
//! The project README is this crate's documentation, so that `cargo test --workspace`
//! compiles its Rust examples.
#![doc = include_str!("../../README.md")]

use std::path::PathBuf;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// What the generator makes of the project's `openapi.yaml` with the default options.
pub fn generate_seed() -> codegen::Generated {
    let spec = std::fs::read_to_string(root().join("openapi.yaml")).expect("openapi.yaml is readable");
    codegen::generate(&spec, &codegen::Options::default()).unwrap_or_else(|d| panic!("{d}"))
}
