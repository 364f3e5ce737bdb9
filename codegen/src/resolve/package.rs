//! What the generated `Cargo.toml` says of the package, from the description's `info`
//! and `externalDocs`: what docs.rs and crates.io show.

use openapiv3::OpenAPI;

use crate::ir::Package;

/// Hosts whose URLs are source repositories rather than home pages.
const REPOSITORY_HOSTS: &[&str] = &["github.com", "gitlab.com", "bitbucket.org", "codeberg.org"];

/// The package metadata of `doc`.
pub(crate) fn package(doc: &OpenAPI) -> Package {
    let urls = [
        doc.external_docs.as_ref().map(|d| d.url.as_str()),
        doc.info.contact.as_ref().and_then(|c| c.url.as_deref()),
    ];
    let mut homepage = None;
    let mut repository = None;
    for url in urls.into_iter().flatten().filter(|u| is_web_url(u)) {
        let slot = if is_repository(url) {
            &mut repository
        } else {
            &mut homepage
        };
        slot.get_or_insert_with(|| url.to_owned());
    }
    let license = doc
        .info
        .license
        .as_ref()
        .map(|l| {
            // OpenAPI 3.1's SPDX `identifier`, else a `name` that is an SPDX expression.
            l.extensions
                .get("identifier")
                .and_then(|v| v.as_str())
                .unwrap_or(&l.name)
        })
        .filter(|l| is_spdx_expression(l))
        .map(str::to_owned);
    Package {
        license,
        homepage,
        repository,
    }
}

fn is_web_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(char::is_whitespace)
}

fn is_repository(url: &str) -> bool {
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    REPOSITORY_HOSTS
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")))
}

/// Whether `text` reads as an SPDX license expression (`MIT`, `Apache-2.0`,
/// `MIT OR Apache-2.0`), which is what Cargo's `license` takes.
fn is_spdx_expression(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    if words.peek().is_none() {
        return false;
    }
    let mut expect_id = true;
    for word in words {
        let word = word.trim_start_matches('(').trim_end_matches(')');
        if expect_id {
            let id_like = !word.is_empty()
                && word.starts_with(|c: char| c.is_ascii_alphanumeric())
                && word
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.+".contains(c));
            if !id_like {
                return false;
            }
        } else if !matches!(word, "OR" | "AND" | "WITH") {
            return false;
        }
        expect_id = !expect_id;
    }
    !expect_id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spdx_expressions() {
        assert!(is_spdx_expression("MIT"));
        assert!(is_spdx_expression("Apache-2.0"));
        assert!(is_spdx_expression("MIT OR Apache-2.0"));
        assert!(!is_spdx_expression("Apache 2.0"));
        assert!(!is_spdx_expression("Proprietary license, see terms"));
        assert!(!is_spdx_expression(""));
        assert!(!is_spdx_expression("MIT OR"));
    }

    #[test]
    fn repositories_by_host() {
        assert!(is_repository("https://github.com/octokit/openapi"));
        assert!(!is_repository("https://docs.github.io/x"));
        assert!(!is_repository("https://ahasend.com/docs"));
    }
}
