//! Directory and crate names derived from a document's path inside its npm package.

use std::collections::HashSet;

/// Prefix of every generated crate's package name: cargo rejects a package name that
/// starts with a digit (`1password`), and the prefix keeps clear of reserved names.
pub const CRATE_PREFIX: &str = "corpus-";

/// The output directory name for a document: `api/1password.local/connect.json` →
/// `1password-local-connect`. The package's top folder (`api/`, `generated/`) and the
/// extension are dropped; the rest is lower-cased, and every run of characters other
/// than `a-z0-9` becomes one `-`.
pub fn slug(path: &str) -> String {
    let path = path.trim_start_matches("./");
    let path = ["api/", "generated/"]
        .iter()
        .find_map(|prefix| path.strip_prefix(prefix))
        .unwrap_or(path);
    let path = [".json", ".yaml", ".yml"]
        .iter()
        .find_map(|ext| path.strip_suffix(ext))
        .unwrap_or(path);
    let mut out = String::with_capacity(path.len());
    for c in path.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("doc");
    }
    out
}

/// Slugs for all documents, in order, made unique by a `-2`, `-3`, … suffix where two
/// paths differ only in case or punctuation.
pub fn unique_slugs<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = HashSet::new();
    paths
        .into_iter()
        .map(|path| {
            let base = slug(path);
            let mut candidate = base.clone();
            let mut n = 2;
            while !seen.insert(candidate.clone()) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            candidate
        })
        .collect()
}

/// The generated crate's package name: a valid cargo package name (ASCII letters,
/// digits and `-`, starting with a letter).
pub fn crate_name(slug: &str) -> String {
    format!("{CRATE_PREFIX}{slug}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_drops_the_package_folder_and_extension() {
        assert_eq!(
            slug("api/1password.local/connect.json"),
            "1password-local-connect"
        );
        assert_eq!(
            slug("api/adyen.com/BalancePlatformTransferNotification-v3.json"),
            "adyen-com-balanceplatformtransfernotification-v3"
        );
        assert_eq!(slug("generated/api.github.com.json"), "api-github-com");
    }

    #[test]
    fn slug_collapses_spaces_and_punctuation() {
        assert_eq!(
            slug("api/hubapi.com/business units.json"),
            "hubapi-com-business-units"
        );
        assert_eq!(slug("api/x.com/a -- b_(c).json"), "x-com-a-b-c");
        assert_eq!(slug("api/.json"), "doc");
    }

    #[test]
    fn slugs_are_made_unique() {
        let slugs = unique_slugs(["api/a/B.json", "api/a/b.json", "api/a.b.json"]);
        assert_eq!(slugs, ["a-b", "a-b-2", "a-b-3"]);
    }

    #[test]
    fn crate_names_are_valid_cargo_package_names() {
        for path in [
            "api/1password.local/connect.json",
            "api/hubapi.com/business units.json",
            "generated/api.github.com.json",
        ] {
            let name = crate_name(&slug(path));
            assert!(
                name.starts_with(|c: char| c.is_ascii_alphabetic()),
                "{name}"
            );
            assert!(
                name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                "{name}"
            );
        }
        assert_eq!(
            crate_name("1password-local-connect"),
            "corpus-1password-local-connect"
        );
    }
}
