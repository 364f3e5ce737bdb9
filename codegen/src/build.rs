//! The build-script mode: one call from a `build.rs` generates the client.
//!
//! ```no_run
//! // The `main` of build.rs, in a crate that is the client (e.g. `petstore-client/`):
//! codegen::build::generate("petstore.yaml");
//! ```
//!
//! ```text
//! // src/lib.rs of that crate:
//! include!(concat!(env!("OUT_DIR"), "/client/lib.rs"));
//! ```
//!
//! The crate's `Cargo.toml` lists the runtime's dependencies (see the README, "Build
//! script mode"), and `codegen` under `[build-dependencies]`.
//!
//! **A crate, not a module.** The generated code names its items from the crate root
//! (`crate::models::Pet`, `crate::Client`), as hand-written code does, so the crate whose
//! build script generates it is the client: its `lib.rs` is the generated `lib.rs`. Code
//! of your own goes in another crate that depends on it, which also keeps the client's
//! compile time (and its re-generation) apart from yours.
//!
//! What [`generate`] does, in order:
//! - reads the description and, when present, `codegen.yaml` beside it;
//! - generates into `$OUT_DIR/client/` (or [`Build::out_dir`]);
//! - prints `cargo:rerun-if-changed` for every file read, the files its `$ref`s reach
//!   included, so that cargo generates again when one changes;
//! - prints each warning as `cargo:warning=` lines, and on errors prints the rendered
//!   diagnostics to stderr and exits with status 1, which cargo shows as a failed build
//!   script.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::{Config, DEFAULT_CONFIG_FILE};
use crate::stamp::{Key, Stamp, Warning};
use crate::Options;

/// The directory under `OUT_DIR` that [`generate`] writes into by default.
pub const DEFAULT_DIR: &str = "client";

/// Generates the client described by `spec` (a path relative to the crate's root, where
/// cargo runs build scripts) into `$OUT_DIR/client/`, as the module documentation says.
/// Exits the build script on errors.
pub fn generate(spec: impl Into<PathBuf>) {
    Build::new(spec).run();
}

/// The settings of a build-script run, for what [`generate`]'s defaults don't fit.
#[derive(Debug, Clone)]
#[must_use = "a Build does nothing until `.run()`"]
pub struct Build {
    spec: PathBuf,
    config: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    /// The manifest of the crate being built, whose dependencies are checked.
    crate_manifest: Option<PathBuf>,
    options: Options,
}

impl Build {
    /// A run for the description at `spec`.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Build {
            spec: spec.into(),
            config: None,
            out_dir: None,
            crate_manifest: None,
            options: Options::default(),
        }
    }

    /// The generator config to read, instead of `codegen.yaml` beside the description.
    pub fn config(mut self, path: impl Into<PathBuf>) -> Self {
        self.config = Some(path.into());
        self
    }

    /// The directory to generate into, instead of `$OUT_DIR/client`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The prefix of the environment variables `Client::from_env` reads (by default the
    /// package name's first word, upper-cased).
    pub fn env_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.options.env_prefix = Some(prefix.into());
        self
    }

    /// Generates, printing cargo's directives; exits the build script with status 1 on
    /// errors, after printing them.
    pub fn run(mut self) {
        self.crate_manifest =
            std::env::var_os("CARGO_MANIFEST_DIR").map(|dir| PathBuf::from(dir).join("Cargo.toml"));
        let mut stdout = std::io::stdout().lock();
        let mut stderr = std::io::stderr().lock();
        if let Err(report) = self.run_to(&mut stdout) {
            // Nothing more can be done if stderr is gone.
            let _ = writeln!(stderr, "{report}");
            std::process::exit(1);
        }
    }

    /// Generates, writing cargo's directives to `directives`; `Err` with the report to
    /// show when generation fails.
    fn run_to(mut self, directives: &mut dyn Write) -> Result<(), String> {
        let spec_name = self.spec.display().to_string();
        let config_path = self.config.clone().or_else(|| {
            let beside = self
                .spec
                .parent()
                .unwrap_or(Path::new(""))
                .join(DEFAULT_CONFIG_FILE);
            beside.is_file().then_some(beside)
        });
        let mut read = vec![self.spec.clone()];
        if let Some(path) = &config_path {
            read.push(path.clone());
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("error: cannot read the codegen config {name}: {e}"))?;
            self.options.config = Config::parse(&text, &name).map_err(|d| d.render(&name))?;
        }
        let out = match self.out_dir.clone() {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(|d| PathBuf::from(d).join(DEFAULT_DIR))
                .ok_or("error: OUT_DIR is not set: call codegen::build from a build script, or set Build::out_dir")?,
        };
        self.options.include_dir = Some(out.clone());
        self.options.reuse_formatted(&out);
        if let Some(name) = std::env::var_os("CARGO_PKG_NAME") {
            self.options.crate_name = name.to_string_lossy().into_owned();
        }
        let named: Vec<&Path> = read.iter().map(PathBuf::as_path).collect();
        let key = Key::new(&self.options, &named);
        if let Some(stamp) = key.as_ref().and_then(|key| Stamp::fresh(&out, key)) {
            // Nothing changed since the last run: tell cargo what that run told it.
            rerun_if_changed(
                directives,
                read.iter().map(PathBuf::as_path).chain(stamp.inputs()),
            );
            self.check_dependencies(&stamp.manifest)?;
            for warning in &stamp.warnings {
                warn_lines(directives, &warning.plain);
            }
            return Ok(());
        }
        let result = crate::generate_file(&self.spec, &self.options);
        // Whatever happened, a change to a file read is a reason to run again.
        let inputs = match &result {
            Ok(generated) => generated.inputs.clone(),
            Err(_) => Vec::new(),
        };
        rerun_if_changed(directives, read.iter().chain(&inputs).map(PathBuf::as_path));
        let generated = result.map_err(|d| d.render(&spec_name))?;
        let manifest = generated
            .files
            .get("Cargo.toml")
            .cloned()
            .unwrap_or_default();
        self.check_dependencies(&manifest)?;
        let warnings = Warning::all(&generated.warnings, &spec_name);
        for warning in &warnings {
            warn_lines(directives, &warning.plain);
        }
        // The crate's own manifest and formatting settings are not wanted here: the
        // sources only, under `out`.
        let in_src = |files: &BTreeMap<String, String>| -> BTreeMap<String, String> {
            files
                .iter()
                .filter_map(|(path, text)| {
                    Some((path.strip_prefix("src/")?.to_owned(), text.clone()))
                })
                .collect()
        };
        let sources = in_src(&generated.files);
        crate::write::write(&out, &sources)
            .map_err(|e| format!("error: cannot write {}: {e}", out.display()))?;
        if let Some(key) = &key {
            let inputs: Vec<PathBuf> = read.into_iter().chain(inputs).collect();
            if let Some(stamp) = Stamp::new(
                key,
                &inputs,
                &sources,
                &in_src(&generated.unformatted),
                warnings,
                manifest,
            ) {
                stamp.save(&out);
            }
        }
        Ok(())
    }

    /// An error naming the dependencies that the generated manifest `needed` has and
    /// the crate being built lacks.
    fn check_dependencies(&self, needed: &str) -> Result<(), String> {
        let Some(path) = &self.crate_manifest else {
            return Ok(());
        };
        let Ok(own) = std::fs::read_to_string(path) else {
            return Ok(());
        };
        let missing = missing_dependencies(needed, &own);
        if missing.is_empty() {
            return Ok(());
        }
        Err(format!(
            "error: the generated client needs dependencies that {} lacks; add them \
             under [dependencies]:\n{}",
            path.display(),
            missing.join("\n")
        ))
    }
}

/// Prints `rerun-if-changed` for each of `paths`, once.
fn rerun_if_changed<'a>(directives: &mut dyn Write, paths: impl Iterator<Item = &'a Path>) {
    let mut seen = std::collections::BTreeSet::new();
    for path in paths.filter(|p| seen.insert(*p)) {
        write_directive(directives, &format!("rerun-if-changed={}", path.display()));
    }
}

/// The lines of the `[dependencies]` table of `needed` (a generated manifest) whose
/// crate `own` (the build script's crate's manifest) does not name.
fn missing_dependencies(needed: &str, own: &str) -> Vec<String> {
    let table = needed
        .split("\n[dependencies]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or("");
    let names_own = |name: &str| {
        own.lines().map(str::trim_start).any(|l| {
            l.strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with('=') || rest.starts_with('.'))
                || l == format!("[dependencies.{name}]")
        })
    };
    table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter(|l| {
            let name = l.split(['=', ' ']).next().unwrap_or("");
            !names_own(name)
        })
        .map(str::to_owned)
        .collect()
}

/// Prints a rendered warning as cargo shows it: one `cargo:warning=` line per line.
fn warn_lines(directives: &mut dyn Write, rendered: &str) {
    for line in rendered.lines() {
        write_directive(directives, &format!("warning={line}"));
    }
}

fn write_directive(directives: &mut dyn Write, directive: &str) {
    // A build script whose stdout is gone can't tell cargo anything more.
    let _ = writeln!(directives, "cargo:{directive}");
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "openapi: 3.1.0
info: {title: T, version: '1'}
servers: [{url: 'https://t.example.com'}]
paths:
  /ping:
    get:
      responses:
        '204': {description: ok}
";

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-build-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    #[test]
    fn generates_sources_with_paths_and_prints_directives() {
        let dir = scratch("ok");
        std::fs::write(dir.join("api.yaml"), SPEC).expect("write");
        let out = dir.join("out");
        let mut directives = Vec::new();
        Build::new(dir.join("api.yaml"))
            .out_dir(&out)
            .run_to(&mut directives)
            .expect("generates");
        let directives = String::from_utf8(directives).expect("UTF-8");
        assert!(
            directives.contains(&format!(
                "cargo:rerun-if-changed={}",
                dir.join("api.yaml").display()
            )),
            "{directives}"
        );
        // The operation has no operationId: a warning, as cargo shows them.
        assert!(
            directives.contains("cargo:warning=warning: GET /ping has no operationId"),
            "{directives}"
        );
        let lib = std::fs::read_to_string(out.join("lib.rs")).expect("lib.rs");
        assert!(
            lib.contains(&format!(
                "#[path = \"{}\"]",
                out.join("operations/mod.rs").display()
            )),
            "{lib}"
        );
        assert!(
            !lib.contains("#!["),
            "an included lib.rs has no inner attributes:\n{lib}"
        );
        assert!(out.join("operations/get_ping.rs").is_file());
        assert!(!out.join("Cargo.toml").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_second_run_with_nothing_changed_tells_cargo_the_same_from_the_stamp() {
        let dir = scratch("again");
        let ids = "      parameters:\n        - {name: ids, in: query, schema: {type: array, items: {type: integer}}}\n";
        let spec = SPEC.replace("    get:\n", &format!("    get:\n{ids}"));
        assert_ne!(spec, SPEC);
        std::fs::write(dir.join("api.yaml"), spec).expect("write");
        let out = dir.join("out");
        let run = || {
            let mut directives = Vec::new();
            Build::new(dir.join("api.yaml"))
                .out_dir(&out)
                .run_to(&mut directives)
                .expect("generates");
            String::from_utf8(directives).expect("UTF-8")
        };
        let first = run();
        assert!(
            out.join(crate::stamp::FILE_NAME).is_file(),
            "a stamp is left"
        );
        // It records the text before rustfmt of each generated Rust file that rustfmt
        // formatted, by the file's path under `out`, as it records the file, so that a later
        // run takes unchanged files from there. Here that is the operation's (its `for`
        // loop over the array is left to rustfmt); the others are written in rustfmt's
        // layout by the generator.
        let stamp: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out.join(crate::stamp::FILE_NAME)).expect("the stamp"),
        )
        .expect("JSON");
        assert!(
            stamp["files"]["operations/get_ping.rs"].is_string(),
            "{stamp}"
        );
        let unformatted: Vec<&String> = stamp["unformatted"]
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(unformatted, ["operations/get_ping.rs"], "{stamp}");
        assert_ne!(stamp["formatter"], "", "{stamp}");
        // A generated file edited by hand is not fresh: it is generated again.
        let lib = std::fs::read_to_string(out.join("lib.rs")).expect("lib.rs");
        std::fs::write(out.join("lib.rs"), "// edited\n").expect("edit");
        assert_eq!(run(), first);
        assert_eq!(
            std::fs::read_to_string(out.join("lib.rs")).expect("lib.rs"),
            lib
        );
        // Fresh: the warning and the inputs again, as the stamp recorded them.
        assert_eq!(run(), first);
        assert!(first.contains("cargo:warning=warning: GET /ping has no operationId"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn dependencies_the_crate_lacks_are_named() {
        let needed = "[package]\nname = \"x\"\n\n[dependencies]\nserde = \"1\"\npercent-encoding = \"2.3.0\"\nuuid = { version = \"1\" }\n\n[dev-dependencies]\ntokio = \"1\"\n";
        let own =
            "[dependencies]\nserde = { version = \"1\" }\n[dependencies.uuid]\nversion = \"1\"\n";
        assert_eq!(
            missing_dependencies(needed, own),
            ["percent-encoding = \"2.3.0\""]
        );
        assert!(
            missing_dependencies(needed, &format!("{own}percent-encoding = \"2\"\n")).is_empty()
        );
    }

    #[test]
    fn errors_are_a_report_and_still_name_the_inputs() {
        let dir = scratch("err");
        std::fs::write(dir.join("api.yaml"), "openapi: 3.1.0\n").expect("write");
        let mut directives = Vec::new();
        let report = Build::new(dir.join("api.yaml"))
            .out_dir(dir.join("out"))
            .run_to(&mut directives)
            .expect_err("invalid");
        assert!(
            report.contains("error: the document has neither `paths` nor `webhooks`"),
            "{report}"
        );
        let directives = String::from_utf8(directives).expect("UTF-8");
        assert!(
            directives.contains("cargo:rerun-if-changed="),
            "{directives}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
