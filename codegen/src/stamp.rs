//! The record of the last generation into a directory, so that running again with nothing
//! changed costs reading and hashing files instead of generating.
//!
//! After writing, the command and the build script leave [`FILE_NAME`] in the output
//! directory: a key (the generator's executable, the options and the paths as given), the
//! hash of every input file read (the description, the files its `$ref`s reach, the
//! config), the hash of every file written, which rustfmt formatted some of them (if it
//! did), and the warnings. The next run with the same key is *fresh*, and generates
//! nothing, when every input still hashes as recorded, every generated file on disk still
//! hashes as written, no other generated file (`.rs` under `src/`) is there, and the
//! rustfmt that formatted files (if one did) is still the one that would. A run whose
//! files were all written in rustfmt's layout by the generator (`format::exact`) depends
//! on no rustfmt, and the next does not ask which one is installed. Anything else (a
//! changed input, a file edited by hand, a stamp that is missing, unreadable or from
//! another generator) means
//! generating as if there were no stamp, so `--check` still compares every file with what
//! would be generated. The stamp is a cache of this machine: it is not to be committed.
//!
//! A run that is not fresh still uses the stamp (see [`crate::Options::reuse_formatted`]):
//! it also records the hash of each Rust file's text before rustfmt formatted it, and
//! which rustfmt did, so that a file whose text before rustfmt is the same again is taken
//! as it is on disk (when it still hashes as written) instead of being formatted again.
//! Changing one operation of a large API then formats one file, not a thousand.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};

use foldhash::quality::FixedState;
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
        // Whether the files are written while generating changes nothing in them (and a
        // `--check` run does not write).
        let options = crate::Options {
            write_into: None,
            ..options.clone()
        };
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        Some(Key(format!(
            "codegen {} at {} ({} bytes, modified {}.{:09}); {options:?}; {paths:?}",
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
    /// Every Rust file written, with the hash of its text before rustfmt formatted it.
    #[serde(default)]
    unformatted: BTreeMap<String, String>,
    /// The rustfmt that formatted them, and its settings ([`crate::format::formatter`]).
    #[serde(default)]
    formatter: String,
    /// The run's warnings, to show again.
    pub warnings: Vec<Warning>,
    /// The generated `Cargo.toml` (the build script checks the crate's dependencies
    /// against it, and does not write it).
    pub manifest: String,
}

impl Stamp {
    /// The record of a run with `key` that read `inputs` and wrote `files` into a
    /// directory, the Rust files formatted from texts that hashed as `unformatted` says
    /// ([`crate::Generated::unformatted`]); `None` if an input can't be read any more.
    pub fn new(
        key: &Key,
        inputs: &[PathBuf],
        files: &BTreeMap<String, String>,
        unformatted: &BTreeMap<String, String>,
        warnings: Vec<Warning>,
        manifest: String,
    ) -> Option<Stamp> {
        // The inputs (read again: what is on disk now) on a thread of their own, and the
        // rustfmt's version on another where rustfmt formatted a file, beside the files
        // (GitHub's: 13 MB each).
        let (hashed, formatter, files) = std::thread::scope(|scope| {
            let inputs = scope.spawn(|| {
                inputs
                    .iter()
                    .map(|path| Some((path.clone(), hash(&std::fs::read(path).ok()?))))
                    .collect::<Option<Vec<_>>>()
            });
            let formatter =
                (!unformatted.is_empty()).then(|| scope.spawn(crate::format::formatter));
            let files: BTreeMap<String, String> = files
                .iter()
                .map(|(path, text)| (path.clone(), hash(text.as_bytes())))
                .collect();
            let formatter = formatter.map_or(Some(String::new()), |asking| asking.join().ok());
            (inputs.join().ok().flatten(), formatter, files)
        });
        Some(Stamp {
            key: key.0.clone(),
            inputs: hashed?,
            files,
            unformatted: unformatted.clone(),
            formatter: formatter?,
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
        if stamp.key != key.0 || !stamp.formatter_is_current() {
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

    /// Whether the rustfmt that formatted files of the recorded run, if one did, is the
    /// one that would now (asking it only then).
    fn formatter_is_current(&self) -> bool {
        self.formatter.is_empty() || self.formatter == crate::format::formatter()
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

/// The Rust files an earlier run wrote into a directory, by the hash of their text before
/// rustfmt formatted them, as its stamp records: for those the same rustfmt with the same
/// settings formatted, and only while they hash as written.
pub(crate) struct Earlier {
    out: PathBuf,
    /// The hash of a text before rustfmt: the file formatted from it, and its hash.
    formatted: HashMap<String, (String, String)>,
}

impl Earlier {
    /// What the stamp in `out` records, if rustfmt and its settings are the same now.
    pub(crate) fn read(out: &Path) -> Option<Earlier> {
        let text = std::fs::read(out.join(FILE_NAME)).ok()?;
        let stamp: Stamp = serde_json::from_slice(&text).ok()?;
        if stamp.unformatted.is_empty() || !stamp.formatter_is_current() {
            return None;
        }
        let files = stamp.files;
        let formatted = stamp
            .unformatted
            .into_iter()
            // A file rustfmt could not format has no text before it to take it for.
            .filter(|(_, before)| !before.is_empty())
            .filter_map(|(rel, before)| {
                let after = files.get(&rel)?.clone();
                Some((before, (rel, after)))
            })
            .collect();
        Some(Earlier {
            out: out.to_path_buf(),
            formatted,
        })
    }

    /// The text rustfmt made of a text that hashes as `unformatted`, as on disk.
    pub(crate) fn formatted(&self, unformatted: &str) -> Option<String> {
        let (rel, after) = self.formatted.get(unformatted)?;
        let text = std::fs::read_to_string(crate::write::on_disk(&self.out, rel)).ok()?;
        (hash(text.as_bytes()) == *after).then_some(text)
    }
}

/// A 128-bit hash of `bytes`, in hex: two foldhash runs with different seeds (SipHash,
/// std's, took GitHub's run ~30 ms over its 30 MB). Not for an adversary; a file edited
/// by hand changes it.
pub(crate) fn hash(bytes: &[u8]) -> String {
    hash_with(bytes, &[])
}

/// The hash of `text` and, after it, the items spliced into it (`format`'s `exact`): a
/// file with none hashes as its text.
pub(crate) fn hash_with(text: &[u8], items: &[String]) -> String {
    let half = |seed: u64| {
        let mut h = FixedState::with_seed(seed).build_hasher();
        h.write(text);
        for item in items {
            // Never in UTF-8: where one item ends is never in doubt.
            h.write_u8(0xff);
            h.write(item.as_bytes());
        }
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

    /// `files` written into `dir/out` from a description `dir/spec.yaml`, and the stamp of
    /// that run (with the `unformatted` hashes) saved beside them: the description's
    /// path, the key and the stamp.
    fn stamped(
        dir: &Path,
        files: &BTreeMap<String, String>,
        unformatted: &BTreeMap<String, String>,
    ) -> (PathBuf, Key, Stamp) {
        let out = dir.join("out");
        let spec = dir.join("spec.yaml");
        std::fs::write(&spec, "a").expect("spec");
        crate::write::write(&out, files).expect("write");
        let key = Key::new(&crate::Options::default(), &[&spec]).expect("a key");
        let stamp = Stamp::new(
            &key,
            std::slice::from_ref(&spec),
            files,
            unformatted,
            Vec::new(),
            String::new(),
        )
        .expect("a stamp");
        stamp.save(&out);
        (spec, key, stamp)
    }

    #[test]
    fn fresh_until_an_input_or_an_output_changes() {
        let dir = scratch("fresh");
        let out = dir.join("out");
        let mut files = BTreeMap::new();
        files.insert("src/lib.rs".to_owned(), "mod a;\n".to_owned());
        files.insert("src/a.rs".to_owned(), "struct A;\n".to_owned());
        let (spec, key, stamp) = stamped(&dir, &files, &BTreeMap::new());
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
    fn fresh_only_while_the_rustfmt_that_formatted_files_is_the_one_now() {
        let dir = scratch("formatter");
        let out = dir.join("out");
        let mut files = BTreeMap::new();
        files.insert("src/a.rs".to_owned(), "struct A;\n".to_owned());
        let mut unformatted = BTreeMap::new();
        unformatted.insert("src/a.rs".to_owned(), hash(b"struct  A;\n"));
        let (_, key, stamp) = stamped(&dir, &files, &unformatted);
        assert_eq!(stamp.formatter, crate::format::formatter());
        assert_eq!(Stamp::fresh(&out, &key), Some(stamp.clone()));
        let other = Stamp {
            formatter: "rustfmt 0.0.0".to_owned(),
            ..stamp.clone()
        };
        other.save(&out);
        assert_eq!(Stamp::fresh(&out, &key), None, "another rustfmt");
        // A run that formatted nothing with rustfmt depends on none.
        let (_, key, stamp) = stamped(&dir, &files, &BTreeMap::new());
        assert_eq!(stamp.formatter, "");
        assert_eq!(Stamp::fresh(&out, &key), Some(stamp));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_formatted_from_the_same_text_by_the_same_rustfmt_is_taken_from_disk() {
        let dir = scratch("earlier");
        let out = dir.join("out");
        let mut files = BTreeMap::new();
        files.insert("src/a.rs".to_owned(), "struct A;\n".to_owned());
        files.insert("src/b.rs".to_owned(), "struct B;\n".to_owned());
        let mut unformatted = BTreeMap::new();
        unformatted.insert("src/a.rs".to_owned(), hash(b"struct   A ;"));
        unformatted.insert("src/b.rs".to_owned(), hash(b"struct   B ;"));
        let (_, _, stamp) = stamped(&dir, &files, &unformatted);

        let earlier = Earlier::read(&out).expect("the same rustfmt");
        assert_eq!(
            earlier.formatted(&hash(b"struct   A ;")).as_deref(),
            Some("struct A;\n")
        );
        assert_eq!(
            earlier.formatted(&hash(b"struct   C ;")),
            None,
            "another text"
        );
        std::fs::write(out.join("src/b.rs"), "struct   B ;\n").expect("edit");
        assert_eq!(
            earlier.formatted(&hash(b"struct   B ;")),
            None,
            "a file edited since it was written"
        );

        let other = Stamp {
            formatter: "rustfmt 0.0.0".to_owned(),
            ..stamp.clone()
        };
        other.save(&out);
        assert!(Earlier::read(&out).is_none(), "another rustfmt");
        let unrecorded = Stamp {
            unformatted: BTreeMap::new(),
            ..stamp
        };
        unrecorded.save(&out);
        assert!(Earlier::read(&out).is_none(), "a run without rustfmt");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn hashes_differ_with_the_bytes() {
        assert_eq!(hash(b"abc"), hash(b"abc"));
        assert_ne!(hash(b"abc"), hash(b"abd"));
        assert_eq!(hash(b"").len(), 32);
    }
}
