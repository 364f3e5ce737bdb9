//! The record of the last generation into a directory, so that running again with nothing
//! changed costs reading and hashing files instead of generating.
//!
//! After writing, the command and the build script leave [`FILE_NAME`] in the output
//! directory: a key (the generator's executable, rustfmt's version, the options and the
//! paths as given), the hash of every input file read (the description, the files its
//! `$ref`s reach, the config), the hash of every file written, and the warnings. The next
//! run with the same key is *fresh*, and generates nothing, when every input still hashes
//! as recorded, every generated file on disk still hashes as written, and no other
//! generated file (`.rs` under `src/`) is there. Anything else (a changed input, a file
//! edited by hand, a stamp that is missing, unreadable or from another generator) means
//! generating as if there were no stamp, so `--check` still compares every file with what
//! would be generated. The stamp is a cache of this machine: it is not to be committed.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The stamp's file name in the output directory.
pub const FILE_NAME: &str = ".codegen-stamp";

/// What a run depends on besides its input files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key(String);

impl Key {
    /// The key of a run with `options` whose inputs are named by `paths` as given (they
    /// appear in messages); `None` when the generator can't tell what it is (its
    /// executable can't be found), which means never fresh.
    pub fn new(options: &crate::Options, paths: &[&Path]) -> Option<Key> {
        let exe = std::env::current_exe().ok()?;
        let meta = std::fs::metadata(&exe).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let rustfmt = crate::format::rustfmt_version();
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        Some(Key(format!(
            "codegen {} at {} ({} bytes, modified {}.{:09}); {rustfmt}; {options:?}; {paths:?}",
            env!("CARGO_PKG_VERSION"),
            exe.display(),
            meta.len(),
            modified.as_secs(),
            modified.subsec_nanos(),
        )))
    }
}

/// A warning of the recorded run, rendered plain and with colours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// As [`crate::Diagnostic::render`] renders it.
    pub plain: String,
    /// As [`crate::Diagnostic::render_styled`] renders it.
    pub styled: String,
}

impl Warning {
    /// Every warning of `diagnostics`, rendered for the description named `file`.
    pub fn all(diagnostics: &crate::Diagnostics, file: &str) -> Vec<Warning> {
        diagnostics
            .warnings()
            .map(|w| Warning {
                plain: w.render(file),
                styled: w.render_styled(file),
            })
            .collect()
    }
}

/// The record of a generation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    key: String,
    /// Every input file read, with the hash of its bytes.
    inputs: Vec<(PathBuf, String)>,
    /// Every file written, relative to the output directory, with the hash of its bytes.
    files: BTreeMap<String, String>,
    /// The run's warnings, to show again.
    pub warnings: Vec<Warning>,
    /// The generated `Cargo.toml` (the build script checks the crate's dependencies
    /// against it, and does not write it).
    pub manifest: String,
}

impl Stamp {
    /// The record of a run with `key` that read `inputs` and wrote `files` into a
    /// directory; `None` if an input can't be read any more.
    pub fn new(
        key: &Key,
        inputs: &[PathBuf],
        files: &BTreeMap<String, String>,
        warnings: Vec<Warning>,
        manifest: String,
    ) -> Option<Stamp> {
        let mut hashed = Vec::with_capacity(inputs.len());
        for path in inputs {
            let bytes = std::fs::read(path).ok()?;
            hashed.push((path.clone(), hash(&bytes)));
        }
        Some(Stamp {
            key: key.0.clone(),
            inputs: hashed,
            files: files
                .iter()
                .map(|(path, text)| (path.clone(), hash(text.as_bytes())))
                .collect(),
            warnings,
            manifest,
        })
    }

    /// Writes the stamp into `out`. A stamp that can't be written only costs the next run
    /// its shortcut, so failing is not an error of the run.
    pub fn save(&self, out: &Path) {
        if let Ok(text) = serde_json::to_string(self) {
            let _ = std::fs::write(out.join(FILE_NAME), text);
        }
    }

    /// The stamp in `out`, if the directory is fresh for a run with `key`.
    pub fn fresh(out: &Path, key: &Key) -> Option<Stamp> {
        let text = std::fs::read(out.join(FILE_NAME)).ok()?;
        let stamp: Stamp = serde_json::from_slice(&text).ok()?;
        if stamp.key != key.0 {
            return None;
        }
        for (path, recorded) in &stamp.inputs {
            if hash(&std::fs::read(path).ok()?) != *recorded {
                return None;
            }
        }
        for (rel, recorded) in &stamp.files {
            if hash(&std::fs::read(crate::write::on_disk(out, rel)).ok()?) != *recorded {
                return None;
            }
        }
        let sources = crate::write::existing_sources(out).ok()?;
        if sources.iter().any(|rel| !stamp.files.contains_key(rel)) {
            return None;
        }
        Some(stamp)
    }

    /// How many files the recorded run wrote.
    pub fn files(&self) -> usize {
        self.files.len()
    }

    /// The input files the recorded run read.
    pub fn inputs(&self) -> impl Iterator<Item = &Path> {
        self.inputs.iter().map(|(path, _)| path.as_path())
    }
}

/// A 128-bit hash of `bytes`, in hex: two SipHash runs told apart by a first byte. Not
/// for an adversary; a file edited by hand changes it.
fn hash(bytes: &[u8]) -> String {
    let half = |seed: u8| {
        let mut h = DefaultHasher::new();
        h.write_u8(seed);
        h.write(bytes);
        h.finish()
    };
    format!("{:016x}{:016x}", half(1), half(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-stamp-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("out/src")).expect("scratch");
        dir
    }

    #[test]
    fn fresh_until_an_input_or_an_output_changes() {
        let dir = scratch("fresh");
        let out = dir.join("out");
        let spec = dir.join("spec.yaml");
        std::fs::write(&spec, "a").expect("spec");
        let mut files = BTreeMap::new();
        files.insert("src/lib.rs".to_owned(), "mod a;\n".to_owned());
        files.insert("src/a.rs".to_owned(), "struct A;\n".to_owned());
        crate::write::write(&out, &files).expect("write");
        let options = crate::Options::default();
        let key = Key::new(&options, &[&spec]).expect("a key");
        let stamp = Stamp::new(
            &key,
            std::slice::from_ref(&spec),
            &files,
            Vec::new(),
            String::new(),
        )
        .expect("a stamp");
        stamp.save(&out);
        assert_eq!(Stamp::fresh(&out, &key), Some(stamp.clone()));

        let other = crate::Options {
            crate_name: "other".to_owned(),
            ..crate::Options::default()
        };
        let other_key = Key::new(&other, &[&spec]).expect("a key");
        assert_eq!(Stamp::fresh(&out, &other_key), None, "other options");

        std::fs::write(&spec, "b").expect("spec");
        assert_eq!(Stamp::fresh(&out, &key), None, "a changed input");
        std::fs::write(&spec, "a").expect("spec");
        assert!(Stamp::fresh(&out, &key).is_some());

        std::fs::write(out.join("src/a.rs"), "struct B;\n").expect("edit");
        assert_eq!(Stamp::fresh(&out, &key), None, "an edited file");
        std::fs::write(out.join("src/a.rs"), "struct A;\n").expect("edit");
        assert!(Stamp::fresh(&out, &key).is_some());

        std::fs::write(out.join("src/b.rs"), "struct B;\n").expect("extra");
        assert_eq!(Stamp::fresh(&out, &key), None, "a file not generated");
        std::fs::remove_file(out.join("src/b.rs")).expect("remove");

        std::fs::remove_file(out.join("src/a.rs")).expect("remove");
        assert_eq!(Stamp::fresh(&out, &key), None, "a missing file");

        std::fs::write(out.join(FILE_NAME), "{").expect("corrupt");
        assert_eq!(Stamp::fresh(&out, &key), None, "an unreadable stamp");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn hashes_differ_with_the_bytes() {
        assert_eq!(hash(b"abc"), hash(b"abc"));
        assert_ne!(hash(b"abc"), hash(b"abd"));
        assert_eq!(hash(b"").len(), 32);
    }
}
