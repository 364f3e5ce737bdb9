//! The committed list of expected refusals, `tests/corpus/expected-refusals.txt`: one
//! document path per line; blank lines and lines starting with `#` are ignored.

use std::collections::{BTreeSet, HashSet};

/// The header written when the list is rewritten and had none.
pub const DEFAULT_HEADER: &str = "\
# Documents of the corpus that the generator refuses today (see README, \"Real-world corpus\").
# `cargo run -p corpus --release -- --generate-only` fails on a refusal not listed here.
# The list may only shrink: remove a line when the document generates
# (`--update-expected` rewrites it from a run).
";

/// The listed document paths, in file order.
pub fn parse(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// The comparison of a run with the list.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Refused in this run but not listed: a regression.
    pub regressions: Vec<String>,
    /// Listed, run, and generated: remove from the list.
    pub now_generate: Vec<String>,
    /// Listed and still refused.
    pub still_refused: usize,
    /// Listed but not a document of the corpus at all.
    pub unknown: Vec<String>,
}

/// Compares a run with the list. `run` is each document run with whether it was refused
/// and whether it generated (a panic or a timeout is neither); `corpus` is every document
/// of the corpus, run or not (`--only` runs a subset, and only those are compared).
pub fn diff<'a>(
    expected: &[String],
    run: impl IntoIterator<Item = (&'a str, bool, bool)>,
    corpus: &HashSet<&str>,
) -> Diff {
    let listed: HashSet<&str> = expected.iter().map(String::as_str).collect();
    let mut out = Diff::default();
    for (path, refused, generated) in run {
        match (listed.contains(path), refused) {
            (false, true) => out.regressions.push(path.to_owned()),
            (true, true) => out.still_refused += 1,
            (true, false) if generated => out.now_generate.push(path.to_owned()),
            _ => {}
        }
    }
    out.unknown = expected
        .iter()
        .filter(|p| !corpus.contains(p.as_str()))
        .cloned()
        .collect();
    out
}

/// The list rewritten after a run: the header comments of `old` (the comment and blank
/// lines before the first entry) kept, then the entries sorted: those of `old` for
/// documents that were not run, and every document refused in this run.
pub fn rewrite<'a>(
    old: &str,
    run: impl IntoIterator<Item = &'a str>,
    refused: impl IntoIterator<Item = &'a str>,
) -> String {
    let header: String = old
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let header = if header.trim().is_empty() {
        DEFAULT_HEADER.to_owned()
    } else {
        header
    };
    let run: HashSet<&str> = run.into_iter().collect();
    let mut entries: BTreeSet<String> = parse(old)
        .into_iter()
        .filter(|p| !run.contains(p.as_str()))
        .collect();
    entries.extend(refused.into_iter().map(str::to_owned));
    let mut out = header;
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    for entry in entries {
        out.push_str(&entry);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "\
# header
# more

api/a.json
  api/b.json  
# a comment between entries
api/gone.json
";

    #[test]
    fn parse_skips_comments_and_blank_lines() {
        assert_eq!(parse(LIST), ["api/a.json", "api/b.json", "api/gone.json"]);
        assert!(parse("").is_empty());
    }

    #[test]
    fn diff_finds_regressions_fixed_documents_and_stale_entries() {
        let expected = parse(LIST);
        let corpus: HashSet<&str> = [
            "api/a.json",
            "api/b.json",
            "api/c.json",
            "api/d.json",
            "api/e.json",
        ]
        .into_iter()
        .collect();
        // (path, refused, generated)
        let run = [
            ("api/a.json", true, false),  // still refused
            ("api/b.json", false, true),  // now generates
            ("api/c.json", true, false),  // regression
            ("api/d.json", false, true),  // fine
            ("api/e.json", false, false), // panicked: not "now generates"
        ];
        let d = diff(&expected, run, &corpus);
        assert_eq!(
            d,
            Diff {
                regressions: vec!["api/c.json".into()],
                now_generate: vec!["api/b.json".into()],
                still_refused: 1,
                unknown: vec!["api/gone.json".into()],
            }
        );
    }

    #[test]
    fn diff_of_a_subset_leaves_the_others_alone() {
        let expected = parse(LIST);
        let corpus: HashSet<&str> = ["api/a.json", "api/b.json", "api/gone.json"]
            .into_iter()
            .collect();
        let d = diff(&expected, [("api/a.json", true, false)], &corpus);
        assert_eq!(d.still_refused, 1);
        assert!(d.regressions.is_empty() && d.now_generate.is_empty() && d.unknown.is_empty());
    }

    #[test]
    fn rewrite_keeps_the_header_and_the_entries_not_run() {
        let new = rewrite(
            LIST,
            ["api/a.json", "api/b.json", "api/c.json"],
            ["api/c.json", "api/a.json"],
        );
        assert_eq!(
            new,
            "# header\n# more\n\napi/a.json\napi/c.json\napi/gone.json\n"
        );
    }

    #[test]
    fn rewrite_of_a_missing_list_writes_the_default_header() {
        let new = rewrite(
            "",
            ["api/z.json", "api/y.json"],
            ["api/z.json", "api/y.json"],
        );
        assert!(new.starts_with(DEFAULT_HEADER));
        assert!(new.ends_with("\napi/y.json\napi/z.json\n"));
        assert_eq!(parse(&new), ["api/y.json", "api/z.json"]);
    }
}
