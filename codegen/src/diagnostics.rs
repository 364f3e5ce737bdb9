//! Errors and warnings about the input, collected rather than stopping at the first.
//!
//! Every phase reports into a [`Ctxt`]; [`crate::generate`] stops after the phase that
//! reported an error. Each diagnostic names its place as a JSON pointer into the document
//! and, where the source text has one, the line and column.

use std::borrow::Cow;
use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

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
    /// The text of that line, shown under the message.
    pub source_line: Option<String>,
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
            source_line: None,
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
    /// The diagnostic as the command line shows it, naming `file` (the description's
    /// path) unless it is in another file, in the manner of rustc, without colour:
    ///
    /// ```text
    /// error: unresolvable $ref `#/components/schemas/Missing`
    ///   --> openapi.yaml:42:17
    ///    |
    /// 42 |                 $ref: '#/components/schemas/Missing'
    ///    |                 ^^^^ #/paths/~1ping/get/responses/200/content/application~1json/schema
    ///    |
    ///    = help: define it under `components/schemas`, or correct the reference
    /// ```
    pub fn render(&self, file: &str) -> String {
        Renderer::plain().render(&[self.report(file)])
    }

    /// As [`Diagnostic::render`], coloured for a terminal.
    pub fn render_styled(&self, file: &str) -> String {
        Renderer::styled().render(&[self.report(file)])
    }

    /// The report `annotate-snippets` renders.
    fn report<'a>(&'a self, file: &'a str) -> Group<'a> {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path: Cow<'a, str> = match &self.file {
            Some(own) => Cow::Owned(own.display().to_string()),
            None => Cow::Borrowed(file),
        };
        let place = if self.pointer.is_empty() {
            "the document root".to_owned()
        } else {
            format!("#{}", self.pointer)
        };
        let mut group = Group::with_title(level.primary_title(self.message.as_str()));
        match (self.position, &self.source_line) {
            (Some(p), Some(line)) => {
                let span = token_span(line, p.column);
                group = group.element(
                    Snippet::source(line.as_str())
                        .line_start(p.line)
                        .path(path)
                        .annotation(AnnotationKind::Primary.span(span).label(place)),
                );
            }
            (position, _) => {
                let mut origin = Origin::path(path);
                if let Some(p) = position {
                    origin = origin.line(p.line).char_column(p.column);
                }
                group = group.element(origin).element(Level::NOTE.message(place));
            }
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        group
    }
}

/// The byte range of the token at the 1-based character `column` of `line`: up to the
/// next space, `:` or `,` (at least one character).
fn token_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let quoted = rest.starts_with(['"', '\'']);
    let len = rest
        .char_indices()
        .skip(1)
        .find(|&(_, c)| {
            if quoted {
                c == '"' || c == '\''
            } else {
                c.is_whitespace() || c == ':' || c == ','
            }
        })
        .map_or(
            rest.len(),
            |(i, c)| if quoted { i + c.len_utf8() } else { i },
        );
    start..start + len.max(rest.chars().next().map_or(0, char::len_utf8))
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
        self.render_with(file, Diagnostic::render)
    }

    /// As [`Diagnostics::render`], coloured for a terminal.
    pub fn render_styled(&self, file: &str) -> String {
        self.render_with(file, Diagnostic::render_styled)
    }

    fn render_with(&self, file: &str, render: fn(&Diagnostic, &str) -> String) -> String {
        let mut out: Vec<String> = self.0.iter().map(|d| render(d, file)).collect();
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
    /// How many of the first diagnostics are located already ([`Ctxt::locate_beside`]).
    located: usize,
}

impl Ctxt {
    /// An empty context.
    pub(crate) fn new() -> Self {
        Ctxt {
            diagnostics: Some(Vec::new()),
            located: 0,
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

    /// How many diagnostics have been recorded.
    pub(crate) fn count(&self) -> usize {
        self.diagnostics.as_ref().map_or(0, Vec::len)
    }

    /// Whether an error has been recorded.
    pub(crate) fn has_errors(&self) -> bool {
        self.diagnostics.iter().flatten().any(Diagnostic::is_error)
    }

    /// `None` once an error has been recorded, for `?` between phases.
    pub(crate) fn proceed(&self) -> Option<()> {
        (!self.has_errors()).then_some(())
    }

    /// Records the diagnostics of `other`, made on another thread, after its own.
    pub(crate) fn append(&mut self, mut other: Ctxt) {
        let found = other.diagnostics.take().unwrap_or_default();
        self.list().extend(found);
    }

    /// Records the diagnostics of `other`, which read the file `path` with `text`: they
    /// are located there.
    pub(crate) fn absorb(&mut self, mut other: Ctxt, path: &std::path::Path, text: &str) {
        let mut found = other.diagnostics.take().unwrap_or_default();
        locate(&mut found, text);
        let lines: Vec<&str> = text.lines().collect();
        for d in &mut found {
            fill_source_line(d, &lines);
        }
        for mut d in found {
            d.file = Some(path.to_path_buf());
            self.push(d);
        }
    }

    /// Finishes: fills in line and column from the document's `text` and returns what was
    /// collected. The text is indexed only when a diagnostic needs a position.
    pub(crate) fn finish(self, text: &str) -> Diagnostics {
        self.finish_bundled(text, &Sources::default())
    }

    /// Finishes like [`Ctxt::finish`], where parts of the document were copied from
    /// other files: a pointer into a copy is located in the file it came from.
    pub(crate) fn finish_bundled(mut self, text: &str, sources: &Sources) -> Diagnostics {
        let mut all = self.diagnostics.take().unwrap_or_default();
        locate_from(&mut all, self.located, text, sources);
        Diagnostics(all)
    }

    /// Runs `work` with a context of its own while the diagnostics recorded so far are
    /// located (as [`Ctxt::finish_bundled`] locates them) on another thread, then records
    /// what `work` did after them. Locating the warnings of a large document takes a
    /// while, which the last phases (`dedup` and the end of `format`, waiting for rustfmt,
    /// on one core) leave a core for.
    pub(crate) fn locate_beside<R>(
        &mut self,
        text: &str,
        sources: &Sources,
        work: impl FnOnce(&mut Ctxt) -> R,
    ) -> R {
        let from = self.located;
        if self.count() == from {
            return work(self);
        }
        let mut so_far = self.diagnostics.take().unwrap_or_default();
        let mut later = Ctxt::new();
        let (result, ()) = crate::parallel::join(
            || work(&mut later),
            || locate_from(&mut so_far, from, text, sources),
        );
        self.located = so_far.len();
        so_far.extend(later.diagnostics.take().unwrap_or_default());
        self.diagnostics = Some(so_far);
        result
    }

    /// Finishes without a document to locate in: `Err` with everything collected if any
    /// of it is an error, else `Ok` with the warnings.
    #[cfg(test)]
    pub(crate) fn check(mut self) -> Result<Diagnostics, Diagnostics> {
        let all = Diagnostics(self.diagnostics.take().unwrap_or_default());
        if all.has_errors() {
            Err(all)
        } else {
            Ok(all)
        }
    }
}

/// Fills in the place of each diagnostic of `all` from the `from`th on, as
/// [`Ctxt::finish_bundled`] says.
fn locate_from(all: &mut [Diagnostic], from: usize, text: &str, sources: &Sources) {
    let all = all.get_mut(from..).unwrap_or_default();
    // Which text each unlocated diagnostic is in: `None` the root document's.
    let mut texts: Vec<Option<usize>> = Vec::with_capacity(all.len());
    for (i, d) in all.iter_mut().enumerate() {
        if d.position.is_some() || d.file.is_some() || from + i < sources.written {
            texts.push(None);
            continue;
        }
        let (file, at) = sources.origin(&d.pointer);
        d.pointer = at;
        let index = file.and_then(|(path, _)| sources.files.iter().position(|(p, _)| p == path));
        if let Some((path, _)) = file {
            d.file = Some(path.clone());
        }
        texts.push(index);
    }
    // Each text's index (`0` the root document's, `i + 1` that of `sources.files[i]`),
    // made only for a text that has a diagnostic to locate, and only of its pointers.
    let slot_of = |index: Option<usize>| index.map_or(0, |i| i + 1);
    let source_text = |slot: usize| match slot.checked_sub(1) {
        Some(i) => sources.files.get(i).map_or(text, |(_, t)| t.as_str()),
        None => text,
    };
    let mut wanted: Vec<Vec<&str>> = vec![Vec::new(); sources.files.len() + 1];
    for (d, index) in all.iter().zip(&texts) {
        if let (None, Some(pointers)) = (d.position, wanted.get_mut(slot_of(*index))) {
            pointers.push(&d.pointer);
        }
    }
    let maps: Vec<Option<SourceMap>> = wanted
        .iter()
        .enumerate()
        .map(|(slot, pointers)| {
            (!pointers.is_empty())
                .then(|| SourceMap::index_for(source_text(slot), pointers.iter().copied()))
        })
        .collect();
    drop(wanted);
    for (d, index) in all.iter_mut().zip(texts) {
        if d.position.is_some() {
            continue;
        }
        if let Some(Some(map)) = maps.get(slot_of(index)) {
            d.position = map.nearest(&d.pointer).map(|(p, _)| p);
        }
    }
    // Each text's lines, split once and only for a text that has a diagnostic.
    let mut lines: Vec<Option<Vec<&str>>> = vec![None; sources.files.len() + 1];
    for d in all.iter_mut() {
        let index = d
            .file
            .as_ref()
            .and_then(|path| sources.files.iter().position(|(p, _)| p == path));
        let slot = slot_of(index);
        if let Some(split) = lines.get_mut(slot) {
            let split = split.get_or_insert_with(|| source_text(slot).lines().collect());
            fill_source_line(d, split);
        }
    }
}

/// Fills in the line and column of each diagnostic without one, from `text`, which is
/// indexed only when one needs it.
fn locate(diagnostics: &mut [Diagnostic], text: &str) {
    if diagnostics.iter().all(|d| d.position.is_some()) {
        return;
    }
    let unlocated = diagnostics.iter().filter(|d| d.position.is_none());
    let source = SourceMap::index_for(text, unlocated.map(|d| d.pointer.as_str()));
    for d in diagnostics.iter_mut().filter(|d| d.position.is_none()) {
        d.position = source.nearest(&d.pointer).map(|(p, _)| p);
    }
}

/// Lines longer than this (minified JSON, say) are not shown under a message: only their
/// line and column are.
const MAX_SHOWN_LINE: usize = 240;

/// Sets the text of the diagnostic's line, from the `lines` of the text it is in.
fn fill_source_line(d: &mut Diagnostic, lines: &[&str]) {
    if d.source_line.is_some() {
        return;
    }
    if let Some(p) = d.position {
        d.source_line = lines
            .get(p.line.saturating_sub(1))
            .copied()
            .map(str::trim_end)
            .filter(|l| l.len() <= MAX_SHOWN_LINE)
            .map(str::to_owned);
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
    fn diagnostics_located_beside_later_work_keep_their_order_and_places() {
        let text = "openapi: 3.0.3\npaths:\n  /a: {}\n  /b: {}\n";
        let sources = Sources::default();
        let mut cx = Ctxt::new();
        cx.push(Diagnostic::warning("/paths/~1b", "b"));
        let returned = cx.locate_beside(text, &sources, |cx| {
            cx.push(Diagnostic::warning("/paths/~1a", "a"));
            7
        });
        assert_eq!(returned, 7);
        let all = cx.finish_bundled(text, &sources);
        let found: Vec<(&str, Option<usize>, Option<&str>)> = all
            .warnings()
            .map(|d| {
                let line = d.position.map(|p| p.line);
                (d.message.as_str(), line, d.source_line.as_deref())
            })
            .collect();
        assert_eq!(
            found,
            [
                ("b", Some(4), Some("  /b: {}")),
                ("a", Some(3), Some("  /a: {}"))
            ]
        );
    }

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
