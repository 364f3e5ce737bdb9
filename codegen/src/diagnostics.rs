//! Errors and warnings about the input, collected rather than stopping at the first.
//!
//! Every phase reports into a [`Ctxt`]; [`crate::generate`] stops after the phase that
//! reported an error. Each diagnostic names its place as a JSON pointer into the document
//! and, where the source text has one, the line and column.

use std::fmt;

use crate::bundle::Sources;
use crate::locate::{Position, SourceMap};

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Generation goes on; the output may lack something the spec describes.
    Warning,
    /// Nothing is generated.
    Error,
}

/// One problem in the input, with its place and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// The file it is in, when not the description itself (a file it refers to).
    pub file: Option<std::path::PathBuf>,
    /// JSON pointer (RFC 6901) of the offending node in its file; `""` is the whole
    /// document.
    pub pointer: String,
    /// Line and column in the source text, where known.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `pointer`.
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            pointer: pointer.into(),
            position: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `pointer`.
    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(pointer, message)
        }
    }

    /// Adds advice on how to fix it.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the line and column directly (for syntax errors, which have no pointer yet).
    #[must_use]
    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    /// Whether this stops generation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// The diagnostic as the command line shows it, naming `file` (the spec's path).
    ///
    /// ```text
    /// error: unresolvable $ref `#/components/schemas/Missing`
    ///   --> openapi.yaml:42:17 (#/paths/~1ping/get/responses/200/content/application~1json/schema)
    ///   = help: define it under `components/schemas`, or correct the reference
    /// ```
    pub fn render(&self, file: &str) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = match &self.file {
            Some(own) => own.display().to_string(),
            None => file.to_owned(),
        };
        let mut out = format!("{label}: {}\n  --> {file}", self.message);
        if let Some(p) = self.position {
            out.push_str(&format!(":{}:{}", p.line, p.column));
        }
        if self.pointer.is_empty() {
            out.push_str(" (the document root)");
        } else {
            out.push_str(&format!(" (#{})", self.pointer));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("\n  = help: {help}"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("<spec>"))
    }
}

/// Every diagnostic of one run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether any of them is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }
}

impl Diagnostics {
    /// All of them as the command line shows them, naming `file`, with a count of errors.
    pub fn render(&self, file: &str) -> String {
        let mut out: Vec<String> = self.0.iter().map(|d| d.render(file)).collect();
        let errors = self.errors().count();
        if errors > 0 {
            let s = if errors == 1 { "" } else { "s" };
            out.push(format!("{errors} error{s}; nothing was generated"));
        }
        out.join("\n")
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("<spec>"))
    }
}

impl std::error::Error for Diagnostics {}

/// The one collector of diagnostics, in the manner of serde_derive's `Ctxt`: every phase
/// (and the config reader) reports into it, and it must be finished with
/// [`Ctxt::finish`] or [`Ctxt::check`]. Dropping it unchecked is a bug in the generator,
/// caught by a panic in debug and test builds (never by any input).
#[derive(Debug, Default)]
pub(crate) struct Ctxt {
    /// `None` once finished.
    diagnostics: Option<Vec<Diagnostic>>,
}

impl Ctxt {
    /// An empty context.
    pub(crate) fn new() -> Self {
        Ctxt {
            diagnostics: Some(Vec::new()),
        }
    }

    fn list(&mut self) -> &mut Vec<Diagnostic> {
        self.diagnostics.get_or_insert_with(Vec::new)
    }

    /// Records a diagnostic.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.list().push(diagnostic);
    }

    /// Records an error at `pointer`.
    pub(crate) fn error(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(Diagnostic::error(pointer, message));
    }

    /// Whether an error has been recorded.
    pub(crate) fn has_errors(&self) -> bool {
        self.diagnostics.iter().flatten().any(Diagnostic::is_error)
    }

    /// `None` once an error has been recorded, for `?` between phases.
    pub(crate) fn proceed(&self) -> Option<()> {
        (!self.has_errors()).then_some(())
    }

    /// Records the diagnostics of `other`, which read the file `path` with `text`: they
    /// are located there.
    pub(crate) fn absorb(&mut self, mut other: Ctxt, path: &std::path::Path, text: &str) {
        let mut found = other.diagnostics.take().unwrap_or_default();
        locate(&mut found, text);
        for mut d in found {
            d.file = Some(path.to_path_buf());
            self.push(d);
        }
    }

    /// Finishes: fills in line and column from the document's `text` and returns what was
    /// collected. The text is indexed only when a diagnostic needs a position.
    #[cfg(test)]
    pub(crate) fn finish(self, text: &str) -> Diagnostics {
        self.finish_bundled(text, &Sources::default())
    }

    /// Finishes like [`Ctxt::finish`], where parts of the document were copied from
    /// other files: a pointer into a copy is located in the file it came from.
    pub(crate) fn finish_bundled(mut self, text: &str, sources: &Sources) -> Diagnostics {
        let mut all = self.diagnostics.take().unwrap_or_default();
        // Which text each unlocated diagnostic is in: `None` the root document's.
        let mut texts: Vec<Option<usize>> = Vec::with_capacity(all.len());
        for d in &mut all {
            if d.position.is_some() || d.file.is_some() {
                texts.push(None);
                continue;
            }
            let (file, at) = sources.origin(&d.pointer);
            d.pointer = at;
            let index =
                file.and_then(|(path, _)| sources.files.iter().position(|(p, _)| p == path));
            if let Some((path, _)) = file {
                d.file = Some(path.clone());
            }
            texts.push(index);
        }
        let mut maps: Vec<Option<SourceMap>> = Vec::new();
        maps.resize_with(sources.files.len() + 1, || None);
        for (d, index) in all.iter_mut().zip(texts) {
            if d.position.is_some() {
                continue;
            }
            let (slot, source_text) = match index {
                Some(i) => (
                    i + 1,
                    sources.files.get(i).map_or(text, |(_, t)| t.as_str()),
                ),
                None => (0, text),
            };
            let Some(map_slot) = maps.get_mut(slot) else {
                continue;
            };
            let map = map_slot.get_or_insert_with(|| SourceMap::index(source_text));
            d.position = map.nearest(&d.pointer).map(|(p, _)| p);
        }
        Diagnostics(all)
    }

    /// Finishes without a document to locate in: `Err` with everything collected if any
    /// of it is an error, else `Ok` with the warnings.
    pub(crate) fn check(mut self) -> Result<Diagnostics, Diagnostics> {
        let all = Diagnostics(self.diagnostics.take().unwrap_or_default());
        if all.has_errors() {
            Err(all)
        } else {
            Ok(all)
        }
    }
}

/// Fills in the line and column of each diagnostic without one, from `text`, which is
/// indexed only when one needs it.
fn locate(diagnostics: &mut [Diagnostic], text: &str) {
    if diagnostics.iter().all(|d| d.position.is_some()) {
        return;
    }
    let source = SourceMap::index(text);
    for d in diagnostics.iter_mut().filter(|d| d.position.is_none()) {
        d.position = source.nearest(&d.pointer).map(|(p, _)| p);
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if self.diagnostics.is_some() && !std::thread::panicking() {
            debug_assert!(
                false,
                "a diagnostics context was dropped without being checked"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_separates_errors_from_warnings() {
        let mut cx = Ctxt::new();
        cx.push(Diagnostic::warning("/a", "w"));
        assert!(!cx.has_errors());
        assert_eq!(cx.check().map(|w| w.0.len()), Ok(1));

        let mut cx = Ctxt::new();
        cx.push(Diagnostic::warning("/a", "w"));
        cx.error("/b", "e");
        assert_eq!(cx.proceed(), None);
        let all = cx.check().expect_err("an error was recorded");
        assert_eq!(all.errors().count(), 1);
        assert_eq!(all.warnings().count(), 1);
    }

    #[test]
    #[should_panic(expected = "dropped without being checked")]
    fn an_unchecked_context_is_a_bug() {
        let mut cx = Ctxt::new();
        cx.error("", "lost");
    }
}
