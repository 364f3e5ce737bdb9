//! `cargo check` of the generated crates: one throwaway workspace, one shared target
//! directory, one `cargo check --workspace --keep-going`, and each error attributed to the
//! crate (so the document) it came from.

/// A generated crate, member of the throwaway workspace.
#[derive(Debug, Clone)]
pub struct Member {
    /// Its directory, relative to the workspace root (the document's slug).
    pub dir: String,
    /// Its package name.
    pub package: String,
}

/// The throwaway workspace's manifest.
pub fn workspace_manifest(members: &[Member]) -> String {
    let mut out = String::from(
        "# Written by the corpus harness (tests/corpus): the crates generated in this run.\n\
         [workspace]\nresolver = \"2\"\nmembers = [\n",
    );
    for m in members {
        out.push_str(&format!("    \"{}\",\n", m.dir.replace('"', "\\\"")));
    }
    out.push_str("]\n");
    out
}

/// What `cargo check --workspace --keep-going --message-format short` said about each
/// member, in order: `None` if it compiled, else its first error.
///
/// `output` is cargo's combined output, run from the workspace root, so that a
/// diagnostic's path starts with the member's directory (`slug/src/models.rs:3:5: error[E0412]: …`).
/// A member compiled if cargo succeeded, or if cargo started checking it (`Checking
/// <package> v…`) and no error is attributed to it; one that cargo never started (a
/// dependency failed) gets the first error that names no member.
pub fn attribute(output: &str, members: &[Member], success: bool) -> Vec<Option<String>> {
    if success {
        return vec![None; members.len()];
    }
    let mut first_error: Vec<Option<String>> = vec![None; members.len()];
    let mut could_not_compile: Vec<Option<String>> = vec![None; members.len()];
    let mut started = vec![false; members.len()];
    let mut unattributed: Option<String> = None;
    let by_package = |name: &str| members.iter().position(|m| m.package == name);
    for line in output.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed
            .strip_prefix("Checking ")
            .or_else(|| trimmed.strip_prefix("Compiling "))
        {
            if let Some(i) = rest.split_whitespace().next().and_then(by_package) {
                started[i] = true;
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("error: could not compile `") {
            let name = rest.split('`').next().unwrap_or("");
            match by_package(name) {
                Some(i) => {
                    could_not_compile[i].get_or_insert_with(|| trimmed.to_owned());
                }
                None => {
                    unattributed.get_or_insert_with(|| trimmed.to_owned());
                }
            }
            continue;
        }
        let Some(at) = error_position(trimmed) else {
            continue;
        };
        let located = trimmed.trim_start_matches("./");
        let member = members.iter().position(|m| {
            at > 0
                && located
                    .strip_prefix(m.dir.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        });
        match member {
            Some(i) => {
                // The path relative to the crate: `src/models.rs:3:5: error…`.
                let relative = &located[members[i].dir.len() + 1..];
                first_error[i].get_or_insert_with(|| relative.to_owned());
            }
            None => {
                unattributed.get_or_insert_with(|| trimmed.to_owned());
            }
        }
    }
    (0..members.len())
        .map(|i| {
            if let Some(e) = first_error[i]
                .take()
                .or_else(|| could_not_compile[i].take())
            {
                Some(e)
            } else if started[i] {
                None
            } else {
                Some(
                    unattributed
                        .clone()
                        .unwrap_or_else(|| "not checked: cargo failed before it".to_owned()),
                )
            }
        })
        .collect()
}

/// Where an error diagnostic's level starts on a short-format line: `error` at the start
/// (`error: …`, `error[E0433]: …`) or after a location (`path:1:2: error…`).
fn error_position(line: &str) -> Option<usize> {
    if line.starts_with("error:") || line.starts_with("error[") {
        return Some(0);
    }
    [": error:", ": error["]
        .iter()
        .filter_map(|needle| line.find(needle))
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members() -> Vec<Member> {
        ["a", "ab", "c"]
            .iter()
            .map(|d| Member {
                dir: (*d).to_owned(),
                package: format!("corpus-{d}"),
            })
            .collect()
    }

    #[test]
    fn the_manifest_lists_every_member() {
        let manifest = workspace_manifest(&members());
        assert!(manifest.contains("[workspace]\n"));
        assert!(manifest.contains("members = [\n    \"a\",\n    \"ab\",\n    \"c\",\n]\n"));
    }

    #[test]
    fn success_means_every_member_compiled() {
        assert_eq!(attribute("", &members(), true), [None, None, None]);
    }

    #[test]
    fn errors_are_attributed_by_path_and_package() {
        let output = "\
    Checking corpus-a v0.1.0 (/x/a)
    Checking corpus-ab v0.1.0 (/x/ab)
ab/src/models.rs:3:15: error[E0412]: cannot find type `Foo` in this scope
ab/src/models.rs:4:1: warning: unused import
ab/src/lib.rs:9:9: error: second error
error: could not compile `corpus-ab` (lib) due to 2 previous errors
    Checking corpus-c v0.1.0 (/x/c)
error: could not compile `corpus-c` (lib) due to 1 previous error; 1 warning emitted
";
        assert_eq!(
            attribute(output, &members(), false),
            [
                None,
                Some("src/models.rs:3:15: error[E0412]: cannot find type `Foo` in this scope".into()),
                Some("error: could not compile `corpus-c` (lib) due to 1 previous error; 1 warning emitted".into()),
            ]
        );
    }

    #[test]
    fn members_never_started_get_the_unattributed_error() {
        let output = "\
   Compiling ring v0.17.0
error: failed to run custom build command for `ring v0.17.0`
    Checking corpus-a v0.1.0 (/x/a)
";
        let got = attribute(output, &members(), false);
        assert_eq!(got[0], None);
        assert_eq!(
            got[1].as_deref(),
            Some("error: failed to run custom build command for `ring v0.17.0`")
        );
        assert_eq!(got[1], got[2]);
        assert_eq!(
            attribute("", &members(), false)[0].as_deref(),
            Some("not checked: cargo failed before it")
        );
    }
}
