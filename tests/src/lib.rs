//! Test-only crate: the snapshot, staleness and end-to-end tests are under `tests/`; the
//! helpers here are what several of them share.
//!
//! The project README is this crate's documentation, so that `cargo test --workspace`
//! compiles its Rust examples.
#![doc = include_str!("../../README.md")]

use std::path::PathBuf;

pub mod real_server;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The options `cargo run -p codegen` uses from the workspace root: the defaults, with the
/// settings of `codegen.yaml`.
pub fn root_options() -> codegen::Options {
    let text =
        std::fs::read_to_string(root().join("codegen.yaml")).expect("codegen.yaml is readable");
    let mut options = codegen::Options::default();
    options.config =
        codegen::config::Config::parse(&text, "codegen.yaml").unwrap_or_else(|d| panic!("{d}"));
    options
}

/// What the generator makes of the project's `openapi.yaml`, as `cargo run -p codegen` does.
pub fn generate_seed() -> codegen::Generated {
    let spec =
        std::fs::read_to_string(root().join("openapi.yaml")).expect("openapi.yaml is readable");
    codegen::generate(&spec, &root_options()).unwrap_or_else(|d| panic!("{d}"))
}

/// Puts environment variables back as they were when [`RestoreEnv::save`] read them, even
/// if the test panics. (Tests of one binary run in parallel: only one may touch them.)
pub struct RestoreEnv(Vec<(&'static str, Option<std::ffi::OsString>)>);

impl RestoreEnv {
    /// Remembers the current values of `names`.
    pub fn save(names: &[&'static str]) -> Self {
        RestoreEnv(names.iter().map(|&n| (n, std::env::var_os(n))).collect())
    }
}

impl Drop for RestoreEnv {
    fn drop(&mut self) {
        for (name, value) in &self.0 {
            match value {
                Some(value) => std::env::set_var(name, value),
                None => std::env::remove_var(name),
            }
        }
    }
}
