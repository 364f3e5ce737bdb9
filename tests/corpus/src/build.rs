//! Cargo, as the harnesses run it: the command, the workspace's target directory, and the
//! codegen binary built in it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::run_checked;

/// `cargo`: the one running this (`$CARGO`), else the one on the `PATH`.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The workspace's target directory under `root`: `$CARGO_TARGET_DIR`, else `target/`.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

/// Builds the codegen CLI of the workspace at `root` (in release, or debug: the profile
/// `cargo test` and CI build anyway), `jobs` at a time when given, and returns the
/// binary's path.
pub fn codegen(root: &Path, release: bool, jobs: Option<usize>) -> Result<PathBuf, String> {
    let profile = if release { "release" } else { "debug" };
    eprintln!("building the codegen binary ({profile})");
    let mut cmd = cargo();
    cmd.args(["build", "-q", "-p", "codegen", "--bin", "codegen"])
        .current_dir(root);
    if release {
        cmd.arg("--release");
    }
    if let Some(jobs) = jobs {
        cmd.arg("-j").arg(jobs.to_string());
    }
    run_checked(&mut cmd, &format!("`cargo build -p codegen` ({profile})"))?;
    let binary = target_dir(root)
        .join(profile)
        .join(format!("codegen{}", std::env::consts::EXE_SUFFIX));
    if !binary.is_file() {
        return Err(format!("the codegen binary is not at {}", binary.display()));
    }
    Ok(binary)
}
