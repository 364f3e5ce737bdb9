//! The causes of refusals: error messages with the names of the document stripped, so
//! that the same limitation in different documents counts once per document.

use std::collections::{BTreeMap, BTreeSet};

/// An error message with its specific names replaced by `…`.
///
/// Each backtick-quoted part is a name (an operation id, a scheme, a parameter, a
/// `$ref`'s pointer) unless it is vocabulary that tells causes apart, known by what comes
/// before it: a media type (`of type `application/xml``), a `keyword: value` (`uses
/// `style: deepObject``), or an HTTP authentication scheme (`HTTP `basic``).
pub fn cause(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find('`') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = after[1..].find('`') else {
            // An unpaired backtick: keep the rest as it is.
            out.push_str(after);
            return out;
        };
        let quoted = &after[1..1 + close];
        let vocabulary = ["of type ", "HTTP "].iter().any(|w| out.ends_with(w))
            || (out.ends_with("uses ") && quoted.contains(": "));
        out.push('`');
        out.push_str(if vocabulary { quoted } else { "…" });
        out.push('`');
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

/// One row of the table of causes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CauseCount {
    pub cause: String,
    /// Documents with at least one error of this cause.
    pub documents: usize,
    /// Errors of this cause, over all documents.
    pub errors: usize,
}

/// Groups the error messages of refused documents by cause, most documents first (then
/// by cause, for a stable order). A document counts once under each of its causes.
pub fn group_causes<'a, I, M>(refusals: I) -> Vec<CauseCount>
where
    I: IntoIterator<Item = M>,
    M: IntoIterator<Item = &'a String>,
{
    let mut table: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for messages in refusals {
        let mut seen = BTreeSet::new();
        for message in messages {
            let cause = cause(message);
            let entry = table.entry(cause.clone()).or_default();
            entry.1 += 1;
            if seen.insert(cause) {
                entry.0 += 1;
            }
        }
    }
    let mut rows: Vec<CauseCount> = table
        .into_iter()
        .map(|(cause, (documents, errors))| CauseCount {
            cause,
            documents,
            errors,
        })
        .collect();
    rows.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.cause.cmp(&b.cause)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_stripped() {
        assert_eq!(
            cause("`post-getOnboardingUrl` requires security scheme `BasicAuth`: API key (`apiKey`) authentication is not supported"),
            "`…` requires security scheme `…`: API key (`…`) authentication is not supported"
        );
        assert_eq!(
            cause("unresolvable $ref `#/components/schemas/Order/allOf/0`"),
            "unresolvable $ref `…`"
        );
        // Operation ids may hold a `/`: still names.
        assert_eq!(
            cause("`repos/create-deployment` returns different body types for different success statuses"),
            "`…` returns different body types for different success statuses"
        );
        assert_eq!(
            cause("`get-/units/{userId}_get` requires security scheme `A`: OAuth 2 authentication is not supported"),
            "`…` requires security scheme `…`: OAuth 2 authentication is not supported"
        );
        assert_eq!(
            cause("the path template names `{query}`, but no path parameter `query` is declared"),
            "the path template names `…`, but no path parameter `…` is declared"
        );
    }

    #[test]
    fn vocabulary_is_kept() {
        assert_eq!(
            cause("responses of type `application/octet-stream` are not supported"),
            "responses of type `application/octet-stream` are not supported"
        );
        assert_eq!(
            cause("query parameter `expand` uses `style: DeepObject`, which is not supported"),
            "query parameter `…` uses `style: DeepObject`, which is not supported"
        );
        assert_eq!(
            cause("`op` requires security scheme `Basic`: HTTP `basic` authentication is not supported"),
            "`…` requires security scheme `…`: HTTP `basic` authentication is not supported"
        );
    }

    #[test]
    fn unpaired_backticks_and_plain_text_survive() {
        assert_eq!(cause("no names here"), "no names here");
        assert_eq!(cause("a `b` and `c"), "a `…` and `c");
    }

    #[test]
    fn causes_count_documents_once_and_errors_each_time() {
        let a = vec![
            "query parameter `a` uses `style: DeepObject`, which is not supported".to_owned(),
            "query parameter `b` uses `style: DeepObject`, which is not supported".to_owned(),
            "unresolvable $ref `#/x`".to_owned(),
        ];
        let b = vec!["unresolvable $ref `#/y`".to_owned()];
        let c =
            vec!["query parameter `c` uses `style: DeepObject`, which is not supported".to_owned()];
        let rows = group_causes([&a, &b, &c]);
        assert_eq!(
            rows,
            [
                CauseCount {
                    cause: "query parameter `…` uses `style: DeepObject`, which is not supported"
                        .into(),
                    documents: 2,
                    errors: 3,
                },
                CauseCount {
                    cause: "unresolvable $ref `…`".into(),
                    documents: 2,
                    errors: 2,
                },
            ]
        );
    }
}
