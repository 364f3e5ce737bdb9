//! Phase 8: write the generated files, or check that those on disk are current.
//!
//! [`write()`] writes them after a run; a run given an output directory
//! ([`crate::Options::write_into`]) writes each as soon as `format` has it final, with a
//! `Writer`, while rustfmt formats the others.
//!
//! The output directory's `Cargo.toml` and every `.rs` file under its `src/` belong to the
//! generator: files it no longer generates there are removed (or reported by `--check`).
//! Anything else in the directory is left alone.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// How a file on disk differs from what would be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Staleness {
    /// It does not exist.
    Missing,
    /// Its contents differ.
    Differs,
    /// It would not be generated any more.
    Extra,
}

/// A file that is not as it would be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// Path relative to the output directory, `/`-separated.
    pub path: String,
    /// How it differs.
    pub kind: Staleness,
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            Staleness::Missing => "missing",
            Staleness::Differs => "differs from what would be generated",
            Staleness::Extra => "would no longer be generated",
        };
        write!(f, "{}: {what}", self.path)
    }
}

/// The generator's `.rs` files now under `out/src`, relative and `/`-separated.
pub(crate) fn existing_sources(out: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut dirs = vec![out.join("src")];
    while let Some(dir) = dirs.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                if let Ok(rel) = path.strip_prefix(out) {
                    let parts: Vec<String> = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    found.push(parts.join("/"));
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The path of the file `rel` (`/`-separated) under `out`.
pub(crate) fn on_disk(out: &Path, rel: &str) -> PathBuf {
    rel.split('/')
        .fold(out.to_path_buf(), |p, part| p.join(part))
}

/// How the file `rel` on disk differs from `text`, if it does.
fn staleness(out: &Path, rel: &str, text: &str) -> io::Result<Option<Staleness>> {
    match fs::read(on_disk(out, rel)) {
        Ok(bytes) if bytes == text.as_bytes() => Ok(None),
        Ok(_) => Ok(Some(Staleness::Differs)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Some(Staleness::Missing)),
        Err(e) => Err(e),
    }
}

/// The files that differ from `files`, in path order.
pub fn check(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<Stale>> {
    let mut stale = Vec::new();
    for (rel, text) in files {
        if let Some(kind) = staleness(out, rel, text)? {
            stale.push(Stale {
                path: rel.clone(),
                kind,
            });
        }
    }
    stale.extend(extra(out, files)?);
    stale.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(stale)
}

/// The generator's files under `out` that are not among `files`.
fn extra(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<Stale>> {
    Ok(existing_sources(out)?
        .into_iter()
        .filter(|rel| !files.contains_key(rel))
        .map(|rel| Stale {
            path: rel,
            kind: Staleness::Extra,
        })
        .collect())
}

/// Writes `files` under `out` (only those that changed, so unchanged files keep their
/// modification time) and removes generated files that are no longer generated.
/// Returns what changed.
pub fn write(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<Stale>> {
    let writer = Writer::new(out);
    for (rel, text) in files {
        writer.file(rel, text);
    }
    writer.finish(files)
}

/// Runs `work` with a function that takes each file (path, text) to write as soon as it
/// is final: a thread of its own writes them under `writer`'s directory meanwhile, so
/// that the threads that make the files never wait for the file system (creating a file
/// takes an ext4 file system tens of microseconds, and far longer after many were
/// deleted). Without a writer, nothing is written.
pub(crate) fn beside<R>(
    writer: Option<&Writer<'_>>,
    work: impl FnOnce(&(dyn Fn(&str, &str) + Sync)) -> R,
) -> R {
    let Some(writer) = writer else {
        return work(&|_, _| {});
    };
    let (send, receive) = std::sync::mpsc::channel::<(String, String)>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for (path, text) in receive {
                writer.file(&path, &text);
            }
        });
        let result = {
            // Fails only once the writing thread has ended, which it does only after this.
            let write = |path: &str, text: &str| {
                let _ = send.send((path.to_owned(), text.to_owned()));
            };
            work(&write)
        };
        // The writing thread ends once it has written all it was sent.
        drop(send);
        result
    })
}

/// [`write`], a file at a time, from any thread: each file is written as soon as it is
/// final, while others are still being made (a large API's files are many, and each costs
/// the file system some time to create).
pub(crate) struct Writer<'a> {
    out: &'a Path,
    /// The files written, and the first error.
    done: Mutex<(Vec<Stale>, Option<io::Error>)>,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(out: &'a Path) -> Self {
        Writer {
            out,
            done: Mutex::new((Vec::new(), None)),
        }
    }

    /// Writes `text` as the file `rel`, unless the file on disk already holds it.
    pub(crate) fn file(&self, rel: &str, text: &str) {
        let written = staleness(self.out, rel, text).and_then(|kind| {
            let Some(kind) = kind else {
                return Ok(None);
            };
            let path = on_disk(self.out, rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, text)?;
            Ok(Some(Stale {
                path: rel.to_owned(),
                kind,
            }))
        });
        let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
        match written {
            Ok(Some(change)) => done.0.push(change),
            Ok(None) => {}
            Err(e) => {
                done.1.get_or_insert(e);
            }
        }
    }

    /// Removes the generator's files that are not among `files` (every file written);
    /// returns what changed, in path order, or the first error.
    pub(crate) fn finish(self, files: &BTreeMap<String, String>) -> io::Result<Vec<Stale>> {
        let (mut changes, failed) = self
            .done
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(e) = failed {
            return Err(e);
        }
        for extra in extra(self.out, files)? {
            fs::remove_file(on_disk(self.out, &extra.path))?;
            changes.push(extra);
        }
        changes.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn files_handed_to_the_writing_thread_are_all_written_when_it_returns() {
        let out = scratch("beside");
        let writer = Writer::new(&out);
        let returned = beside(Some(&writer), |write| {
            std::thread::scope(|scope| {
                scope.spawn(|| write("src/a.rs", "// a\n"));
                write("Cargo.toml", "[package]\n");
            });
            7
        });
        assert_eq!(returned, 7);
        assert_eq!(
            fs::read_to_string(out.join("src/a.rs")).expect("a"),
            "// a\n"
        );
        let files: BTreeMap<String, String> =
            [("Cargo.toml", "[package]\n"), ("src/a.rs", "// a\n")]
                .map(|(p, t)| (p.to_owned(), t.to_owned()))
                .into();
        let changes = writer.finish(&files).expect("written");
        assert_eq!(changes.len(), 2);
        // Without a writer, the work is done and nothing written.
        let nowhere = scratch("beside-none");
        assert_eq!(
            beside(None, |write| {
                write("src/b.rs", "// b\n");
                8
            }),
            8
        );
        assert!(!nowhere.exists());
        let _ = fs::remove_dir_all(&out);
    }

    #[test]
    fn write_then_check_is_clean_and_extra_files_are_found() {
        let out = scratch("roundtrip");
        let mut files = BTreeMap::new();
        files.insert("Cargo.toml".to_owned(), "[package]\n".to_owned());
        files.insert("src/lib.rs".to_owned(), "// lib\n".to_owned());
        files.insert("src/operations/a.rs".to_owned(), "// a\n".to_owned());
        let written = write(&out, &files).expect("write");
        assert_eq!(written.len(), 3);
        assert_eq!(check(&out, &files).expect("check"), Vec::<Stale>::new());

        fs::write(out.join("src/lib.rs"), "// edited\n").expect("edit");
        fs::write(out.join("src/operations/old.rs"), "// old\n").expect("extra");
        fs::write(out.join("README.md"), "not ours\n").expect("other");
        files.remove("src/operations/a.rs");
        let stale = check(&out, &files).expect("check");
        let kinds: Vec<(&str, &Staleness)> =
            stale.iter().map(|s| (s.path.as_str(), &s.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("src/lib.rs", &Staleness::Differs),
                ("src/operations/a.rs", &Staleness::Extra),
                ("src/operations/old.rs", &Staleness::Extra),
            ]
        );
        write(&out, &files).expect("rewrite");
        assert!(check(&out, &files).expect("check").is_empty());
        assert!(
            out.join("README.md").exists(),
            "files the generator doesn't own are kept"
        );
        let _ = fs::remove_dir_all(&out);
    }
}
