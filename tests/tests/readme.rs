//! The README's "Use the client" example is the code of `tests/consumer/src/readme.rs`,
//! which CI builds in a crate whose only dependencies are the generated client, `tokio`
//! and `futures`.

#[test]
fn the_readme_example_is_the_consumer_crates() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let example =
        std::fs::read_to_string(root.join("tests/consumer/src/readme.rs")).expect("readme.rs");
    let section = readme
        .split("## Use the client\n\n```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n").next())
        .expect("README.md has a \"Use the client\" section with a Rust block");
    assert_eq!(
        section, example,
        "README.md's example and tests/consumer/src/readme.rs differ"
    );
}
