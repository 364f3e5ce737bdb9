//! Phase 8: write the generated files, or check that those on disk are current.
//!
//! The output directory's `Cargo.toml` and every `.rs` file under its `src/` belong to the
//! generator: files it no longer generates there are removed (or reported by `--check`).
//! Anything else in the directory is left alone.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

/// The files that differ from `files`, in path order.
pub fn check(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<Stale>> {
    let mut stale = Vec::new();
    for (rel, text) in files {
        match fs::read(on_disk(out, rel)) {
            Ok(bytes) if bytes == text.as_bytes() => {}
            Ok(_) => stale.push(Stale {
                path: rel.clone(),
                kind: Staleness::Differs,
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => stale.push(Stale {
                path: rel.clone(),
                kind: Staleness::Missing,
            }),
            Err(e) => return Err(e),
        }
    }
    for rel in existing_sources(out)? {
        if !files.contains_key(&rel) {
            stale.push(Stale {
                path: rel,
                kind: Staleness::Extra,
            });
        }
    }
    stale.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(stale)
}

/// Writes `files` under `out` (only those that changed, so unchanged files keep their
/// modification time) and removes generated files that are no longer generated.
/// Returns what changed.
pub fn write(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<Stale>> {
    let changes = check(out, files)?;
    for change in &changes {
        let path = on_disk(out, &change.path);
        match change.kind {
            Staleness::Extra => fs::remove_file(&path)?,
            Staleness::Missing | Staleness::Differs => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                let text = files
                    .get(&change.path)
                    .map(String::as_str)
                    .unwrap_or_default();
                fs::write(&path, text)?;
            }
        }
    }
    Ok(changes)
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
