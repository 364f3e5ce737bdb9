//! Descriptions reach the generated code as rustdoc wrapped to 90 columns of text (the
//! emitter's `docs::WIDTH`), with code blocks, tables and lists kept intact. The wrapping
//! itself is unit-tested in `src/emit/docs.rs`; this checks it end to end, through the
//! formatter of the generated code.

mod common;
use common::{assert_has, file};

const SPEC: &str = r#"
openapi: 3.1.0
info:
  title: T
  version: '1'
  description: |-
    The first paragraph of the crate's documentation is written on a single line, as descriptions often are, and it is far longer than ninety columns.

    | column | meaning |
    |--------|---------|
    | a | a table row that is longer than ninety columns stays on one line, as tables must do |
paths:
  /widgets:
    get:
      operationId: listWidgets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Widget'}
components:
  schemas:
    Widget:
      type: object
      description: |-
        A widget, described at length so that its documentation has to be wrapped: - a dash in the middle of a sentence must not start a line, and nor must 1. a number.

        - A list item that is long enough to be wrapped, whose continuation lines are indented under its text.
        - Another item.

        ```
        {"a code block": "that is longer than ninety columns is left exactly as it was written, whatever its length"}
        ```
      properties:
        name:
          type: string
          description: The name, with `an inline code span that must not be broken` and a [link](https://example.com/a/path/long/enough "with a title") in the text.
"#;

/// The lines of the doc comments in `text`, without the `///` or `//!` and one space.
fn doc_text(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            l.strip_prefix("///").or_else(|| l.strip_prefix("//!"))
        })
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect()
}

#[test]
fn descriptions_are_wrapped_and_blocks_kept() {
    let files = codegen::generate(SPEC, &codegen::Options::default())
        .unwrap_or_else(|d| panic!("{d}"))
        .files;
    let models = file(&files, "src/models.rs");
    let lib = file(&files, "src/lib.rs");
    let long_lines: Vec<&str> = doc_text(&models)
        .into_iter()
        .chain(doc_text(&lib))
        .filter(|l| l.chars().count() > 90)
        .collect();
    // Only the table row and the code block are longer.
    assert_eq!(
        long_lines,
        [
            r#"{"a code block": "that is longer than ninety columns is left exactly as it was written, whatever its length"}"#,
            "| a | a table row that is longer than ninety columns stays on one line, as tables must do |",
        ],
        "{models}\n{lib}"
    );
    assert_has!(
        lib,
        "//! The first paragraph of the crate's documentation is written on a single line, as\n\
         //! descriptions often are, and it is far longer than ninety columns.\n//!\n//! | column | meaning |",
    );
    // Neither `-` nor `1.` starts a line; the list item continues under its text; the code
    // block becomes `text`, not a doctest.
    assert_has!(
        models,
        "/// A widget, described at length so that its documentation has to be wrapped: - a dash\n\
         /// in the middle of a sentence must not start a line, and nor must 1. a number.",
        "/// - A list item that is long enough to be wrapped, whose continuation lines are indented\n\
         ///   under its text.\n/// - Another item.",
        "/// ```text\n/// {\"a code block\"",
    );
    // The code span and the link destination are each on one line.
    let name_doc: Vec<&str> = doc_text(&models)
        .into_iter()
        .skip_while(|l| !l.starts_with("The name"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(name_doc.len() >= 2, "{name_doc:?}");
    assert!(
        name_doc
            .iter()
            .any(|l| l.contains("`an inline code span that must not be broken`")),
        "{name_doc:?}"
    );
    assert!(
        name_doc
            .iter()
            .any(|l| l.contains("(https://example.com/a/path/long/enough \"with a title\")")),
        "{name_doc:?}"
    );
}
