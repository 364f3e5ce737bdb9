//! An OpenAPI 3.0/3.1 (and Swagger 2.0) → Rust client generator.
//!
//! [`generate`] runs the pipeline, one private module per phase, in the manner of a
//! compiler; `pipeline` below reads as the list of them:
//!
//! 1. `load` reads YAML or JSON text to a JSON value (a large JSON document's members on
//!    two threads, `scan` finding where each ends; `locate` maps JSON pointers back to
//!    lines and columns for messages), `swagger` converts a Swagger 2.0 document to
//!    OpenAPI 3.0 (recording where each part was written, so that messages point into
//!    the 2.0 text), and `bundle` makes every `$ref` one to a component, copying in what
//!    other files and other places of the document hold;
//! 2. `normalise` rewrites OpenAPI 3.1 constructs to the 3.0 form, `overlay` adds the
//!    security schemes of the [`config`] (for descriptions that lack them), `merge` merges
//!    each `allOf` of inline schemas into one (an intersection), and `typing` types the
//!    result with `openapiv3` (all walk the document by one table, `tree`);
//! 3. `resolve` builds the intermediate representation (`ir`, which knows neither
//!    `openapiv3` nor `quote`): named types, operations, parameters, responses, security,
//!    pagination, and the rate-limit classes of the [`config`];
//! 4. `check` degrades what can't be generated as described where it is (a parameter,
//!    a body, an operation's security), each with a located warning;
//! 5. `dedup` makes each named type that repeats another's definition an alias of it;
//! 6. `emit` makes Rust tokens with `quote!`, one module per concern, beside the copied
//!    runtime;
//! 7. `format` prints them with `prettyplease`, then `rustfmt`;
//! 8. [`write`](mod@write) writes the files, or checks that those on disk are current;
//!    a [`stamp`] left beside them lets the next run with nothing changed skip all of it.
//!    Given an output directory ([`Options::write_into`]), it writes each file while
//!    `format` is still running rustfmt over others.
//!
//! Every phase reports problems into one collector; [`Diagnostics`] is what comes out.
//!
//! ```no_run
//! let spec = std::fs::read_to_string("openapi.yaml")?;
//! let generated = codegen::generate(&spec, &codegen::Options::default())
//!     .map_err(|d| d.render("openapi.yaml"))?;
//! codegen::write::write("generated-client".as_ref(), &generated.files)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod build;
mod bundle;
mod check;
pub mod config;
mod dedup;
mod diagnostics;
mod emit;
mod format;
mod ir;
mod load;
mod locate;
mod memo;
mod merge;
mod naming;
mod normalise;
mod overlay;
mod parallel;
mod pointer;
mod reserved;
mod resolve;
mod scan;
pub mod stamp;
mod swagger;
mod tree;
mod typing;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use locate::Position;

use diagnostics::Ctxt;

/// Settings of a run. Build one from [`Options::default`] and set fields.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Package name of the generated crate (default `ahasend-client`).
    pub crate_name: String,
    /// Its version (default `0.1.0`).
    pub crate_version: String,
    /// Prefix of the environment variables `Client::from_env` reads (`{PREFIX}_BASE_URL`,
    /// `{PREFIX}_MAX_RETRIES`, `{PREFIX}_TIMEOUT`, and one per security scheme:
    /// `{PREFIX}_{SCHEME}`, or `{PREFIX}_API_KEY` for an API whose one scheme takes one
    /// secret). By default the crate name's first word, upper-cased: `ahasend-client`
    /// reads `AHASEND_API_KEY`.
    pub env_prefix: Option<String>,
    /// The generator's settings (rate-limit classes), as read from `codegen.yaml` with
    /// [`config::Config::parse`]. The default has none.
    pub config: config::Config,
    /// Set by [`build`]: the directory the crate's `src/` is generated into, which its
    /// `lib.rs` names in `#[path]`s because it is `include!`d from elsewhere.
    pub(crate) include_dir: Option<PathBuf>,
    /// Set by [`Options::reuse_formatted`].
    pub(crate) earlier_output: Option<PathBuf>,
    /// Set by [`Options::write_into`].
    pub(crate) write_into: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "ahasend-client".to_owned(),
            crate_version: "0.1.0".to_owned(),
            env_prefix: None,
            config: config::Config::default(),
            include_dir: None,
            earlier_output: None,
            write_into: None,
        }
    }
}

impl Options {
    /// Takes each Rust file whose text before rustfmt is that of a file an earlier run
    /// wrote into `out` (as the [`stamp`] it left there records) from there, instead of
    /// running rustfmt over it again: when the same rustfmt with the same settings
    /// formatted it, and it still hashes as written. The command and [`build`] do this
    /// with their output directory, so that a change to one operation of a large API
    /// formats the few files it changes.
    pub fn reuse_formatted(&mut self, out: impl Into<PathBuf>) {
        self.earlier_output = Some(out.into());
    }

    /// Writes the crate into `out` during the run, as [`write::write`] would after it,
    /// each file as soon as it is final: most while rustfmt is still formatting others.
    /// [`Generated::changes`] then says what changed, or why a file could not be written.
    /// Nothing is written when the description has errors. The command does this with
    /// its output directory.
    pub fn write_into(&mut self, out: impl Into<PathBuf>) {
        self.write_into = Some(out.into());
    }

    /// The environment variable prefix in effect.
    pub fn env_prefix(&self) -> String {
        match &self.env_prefix {
            Some(p) => p.clone(),
            None => self
                .crate_name
                .split(['-', '_'])
                .next()
                .unwrap_or("API")
                .to_ascii_uppercase(),
        }
    }

    /// Problems with the options themselves.
    fn validate(&self, cx: &mut Ctxt) {
        self.config.check(cx);
        let name = &self.crate_name;
        let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            cx.push(
                Diagnostic::error("", format!("`{name}` is not a valid crate name"))
                    .help("use ASCII letters, digits, `-` and `_`, starting with a letter"),
            );
        }
        let prefix = self.env_prefix();
        if prefix.is_empty()
            || !prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            cx.push(
                Diagnostic::error(
                    "",
                    format!("`{prefix}` is not a valid environment variable prefix"),
                )
                .help("use ASCII letters, digits and `_`"),
            );
        }
        let version_ok = self.crate_version.split('.').count() == 3
            && self
                .crate_version
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-+".contains(c));
        if !version_ok {
            cx.push(
                Diagnostic::error(
                    "",
                    format!("`{}` is not a semantic version", self.crate_version),
                )
                .help("write it as MAJOR.MINOR.PATCH, e.g. 0.1.0"),
            );
        }
    }
}

/// What a successful run produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// File contents by path relative to the crate root, `/`-separated
    /// (`Cargo.toml`, `src/lib.rs`, `src/operations/get_smtp_credentials.rs`, …).
    pub files: BTreeMap<String, String>,
    /// Warnings: what the output lacks of the spec, and why.
    pub warnings: Diagnostics,
    /// Every file the description was read from: the description itself (when read
    /// with [`generate_file`]) and the files its `$ref`s reach.
    pub inputs: Vec<PathBuf>,
    /// The hash of each Rust file's text before rustfmt formatted it, by path, for
    /// [`stamp::Stamp::new`]; empty for a file rustfmt could not format, and none for a
    /// file rustfmt was not needed for (or not to run).
    pub unformatted: BTreeMap<String, String>,
    /// Where the run wrote the files ([`Options::write_into`]): what changed on disk, in
    /// path order, or why a file could not be written (then the others may have been).
    pub changes: Option<Result<Vec<write::Stale>, String>>,
}

/// Generates a client crate from the text of an OpenAPI 3.0 or 3.1 document, or a Swagger
/// 2.0 one (YAML or JSON). Never panics; every problem found is in the returned
/// [`Diagnostics`].
///
/// References to other files can't be followed from text alone: use [`generate_file`]
/// for a description split over several files.
pub fn generate(spec: &str, options: &Options) -> Result<Generated, Diagnostics> {
    run(spec, None, options, Rustfmt::Run)
}

/// [`generate`] without the `rustfmt` run: the Rust files are as `prettyplease` prints
/// them. For the fuzz target (`fuzz/`) and the test that replays its corpus, where a
/// process or more per input would cost most of the time; not part of the API.
#[doc(hidden)]
pub fn generate_unformatted(spec: &str, options: &Options) -> Result<Generated, Diagnostics> {
    run(spec, None, options, Rustfmt::Skip)
}

/// Whether the `format` phase runs `rustfmt` after `prettyplease`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rustfmt {
    Run,
    Skip,
}

/// Generates a client crate from the OpenAPI document in the file at `path`, following
/// `$ref`s to other files relative to the file that holds them.
///
/// # Errors
///
/// As [`generate`]; a file that can't be read is an error that names it.
pub fn generate_file(path: &Path, options: &Options) -> Result<Generated, Diagnostics> {
    match std::fs::read_to_string(path) {
        Ok(text) => run(&text, Some(path), options, Rustfmt::Run),
        Err(e) => Err(Diagnostics(vec![Diagnostic::error(
            "",
            format!("cannot read the description {}: {e}", path.display()),
        )
        .help("pass the path of an OpenAPI document")])),
    }
}

fn run(
    spec: &str,
    path: Option<&Path>,
    options: &Options,
    rustfmt: Rustfmt,
) -> Result<Generated, Diagnostics> {
    let mut cx = Ctxt::new();
    let mut sources = bundle::Sources::default();
    let output = pipeline(spec, path, options, rustfmt, &mut sources, &mut cx);
    let diagnostics = cx.finish_bundled(spec, &sources);
    match output {
        Some(output) if !diagnostics.has_errors() => Ok(Generated {
            files: output.files,
            warnings: diagnostics,
            inputs: sources.paths().map(Path::to_path_buf).collect(),
            unformatted: output.unformatted,
            changes: output.changes,
        }),
        _ => Err(diagnostics),
    }
}

/// What the phases make.
struct Output {
    /// The files, by path.
    files: BTreeMap<String, String>,
    /// The hash of each Rust file's text before rustfmt formatted it, by path.
    unformatted: BTreeMap<String, String>,
    /// What changed on disk, where the files were written ([`Options::write_into`]).
    changes: Option<Result<Vec<write::Stale>, String>>,
}

/// The phases in order, stopping after the first that reports an error.
fn pipeline(
    spec: &str,
    path: Option<&Path>,
    options: &Options,
    rustfmt: Rustfmt,
    sources: &mut bundle::Sources,
    cx: &mut Ctxt,
) -> Option<Output> {
    options.validate(cx);
    let mut value = load::load(spec, cx)?;
    let conversion = swagger::convert(&mut value, cx);
    cx.proceed()?;
    let written = cx.count();
    let fragments = conversion.as_ref().map(|c| c as &dyn bundle::Fragments);
    *sources = bundle::bundle(&mut value, path, fragments, cx);
    if let Some(conversion) = conversion {
        sources.converted(conversion.moves, written);
    }
    cx.proceed()?;
    normalise::normalise(&mut value, cx);
    cx.proceed()?;
    overlay::security(&mut value, &options.config, cx);
    merge::merge(&mut value, cx);
    let typed = typing::type_document(value, cx)?;
    let mut api = resolve::resolve(&typed, &options.config, cx);
    parallel::drop_beside(typed);
    cx.proceed()?;
    check::check(&mut api, cx);
    cx.proceed()?;
    // The warnings so far are located on another thread meanwhile.
    cx.locate_beside(spec, sources, |cx| {
        if !options.config.distinct_types {
            dedup::dedup(&mut api);
        }
        emit_format_write(api, options, rustfmt, cx)
    })
}

/// The last phases: `emit`, `format`, and, given an output directory, `write`, each file
/// written as soon as it is final.
fn emit_format_write(
    api: ir::Api,
    options: &Options,
    rustfmt: Rustfmt,
    cx: &mut Ctxt,
) -> Option<Output> {
    let writer = options.write_into.as_deref().map(write::Writer::new);
    let (files, unformatted) = write::beside(writer.as_ref(), move |write| {
        let printer = format::Printer::new(write);
        emit::emit(&api, options, &|path, file| printer.add(path, file));
        drop(api);
        let earlier = earlier_output(options, rustfmt);
        printer.finish(rustfmt == Rustfmt::Run, earlier.as_ref(), cx)
    })?;
    let changes = writer.map(|writer| writer.finish(&files).map_err(|e| e.to_string()));
    Some(Output {
        files,
        unformatted,
        changes,
    })
}

/// What an earlier run left in the output directory, for `format` to take the files it
/// formatted from (see [`Options::reuse_formatted`]).
fn earlier_output(options: &Options, rustfmt: Rustfmt) -> Option<stamp::Earlier> {
    let out = options.earlier_output.as_deref()?;
    (rustfmt == Rustfmt::Run)
        .then(|| stamp::Earlier::read(out))
        .flatten()
}
