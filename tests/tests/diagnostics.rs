//! How the command line shows problems: rustc-style reports rendered with
//! `annotate-snippets`, the description's line with a caret under the place, the JSON
//! pointer, and the help. One error and one warning are reviewed as snapshots.

/// A description with a broken `$ref` (an error) and an operation without an
/// `operationId` (a warning).
const SPEC: &str = "\
openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /ping:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Missing'
";

fn render(severity: codegen::Severity) -> String {
    let diagnostics =
        codegen::generate(SPEC, &codegen::Options::default()).expect_err("the $ref is broken");
    let found: Vec<&codegen::Diagnostic> = diagnostics
        .0
        .iter()
        .filter(|d| d.severity == severity)
        .collect();
    assert_eq!(found.len(), 1, "{diagnostics}");
    found[0].render("openapi.yaml")
}

#[test]
fn an_error_shows_the_line_the_pointer_and_the_help() {
    insta::assert_snapshot!("rendered_error", render(codegen::Severity::Error));
}

#[test]
fn a_warning_shows_the_line_the_pointer_and_the_help() {
    insta::assert_snapshot!("rendered_warning", render(codegen::Severity::Warning));
}

#[test]
fn the_styled_rendering_is_coloured_and_otherwise_the_same() {
    let diagnostics = codegen::generate(SPEC, &codegen::Options::default()).expect_err("broken");
    let plain = diagnostics.render("openapi.yaml");
    let styled = diagnostics.render_styled("openapi.yaml");
    assert!(styled.contains("\u{1b}["), "ANSI colours: {styled:?}");
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    let strip = |s: &str| {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    assert_eq!(strip(&styled), plain);
}
