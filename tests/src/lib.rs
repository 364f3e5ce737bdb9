//! Test-only crate: the snapshot, staleness and end-to-end tests are under `tests/`.
//!
//! The project README is this crate's documentation, so that `cargo test --workspace`
//! compiles its Rust examples.
#![doc = include_str!("../../README.md")]
