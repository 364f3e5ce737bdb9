//! Rust names from spec names: acronym-aware case conversion, keywords, digits, collisions.
//!
//! `getSMTPCredentials` → `get_smtp_credentials`, `SMTPCredential` → `SmtpCredential`,
//! `type` → `type_`, `2fa` → `_2fa` / `N2fa`, `Billing Manager` → `BillingManager`.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::memo::Memo;

/// Words Rust reserves (2015–2024 editions, strict and reserved), which can't be plain
/// identifiers. `r#` raw identifiers would do for most, but not `self`, `super`, `crate`,
/// `Self`, and setters like `.r#type(..)` read badly, so a trailing `_` is used instead.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `s` is a Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Transliterates to ASCII (`Über` → `Uber`, `获取` → `Huo Qu`, with `deunicode`), then
/// replaces everything but ASCII letters and digits with spaces, so that heck splits words
/// there (`messages:send:all`, `Billing Manager`, `x-request-id`) and no odd characters
/// reach an identifier.
fn words(s: &str) -> String {
    let ascii = if s.is_ascii() {
        std::borrow::Cow::Borrowed(s)
    } else {
        // A character deunicode can't spell splits words like punctuation.
        std::borrow::Cow::Owned(deunicode::deunicode_with_tofu(s, " "))
    };
    ascii
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `snake_case` name for a field, parameter, method or module; never empty, never a keyword.
pub fn snake(s: &str) -> String {
    thread_local!(static MADE: Made = Made::default());
    MADE.with(|made| made.get_or_make(s, MADE_AT_MOST, || snake_uncached(s)))
}

/// [`snake`], made each time.
fn snake_uncached(s: &str) -> String {
    let mut out = match small_words(s) {
        Some(runs) => runs.collect::<Vec<_>>().join("_"),
        None => words(s).to_snake_case(),
    };
    if out.is_empty() {
        out.push_str("value");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if is_keyword(&out) {
        out.push('_');
    }
    out
}

/// `UpperCamelCase` name for a type or variant; never empty, never a keyword.
pub fn camel(s: &str) -> String {
    thread_local!(static MADE: Made = Made::default());
    MADE.with(|made| made.get_or_make(s, MADE_AT_MOST, || camel_uncached(s)))
}

/// [`camel`], made each time.
fn camel_uncached(s: &str) -> String {
    let mut out = if is_plain_camel(s) {
        // What heck would make of it, a character at a time: the name itself.
        s.to_owned()
    } else if let Some(runs) = small_words(s) {
        runs.map(|run| {
            let (first, rest) = run.split_at(1);
            first.to_ascii_uppercase() + rest
        })
        .collect()
    } else {
        words(s).to_upper_camel_case()
    };
    if out.is_empty() {
        out.push_str("Value");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'N');
    }
    if is_keyword(&out) {
        out.push('_');
    }
    out
}

/// Whether `s` is `UpperCamelCase` as heck writes it, so that heck would give it back as
/// it is: ASCII letters, each word one capital and then small letters. Most hints for the
/// names of inline types are (an owner's name and a property's).
fn is_plain_camel(s: &str) -> bool {
    let mut after_capital = false;
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.bytes().all(|b| {
            let capital = b.is_ascii_uppercase();
            let fits = b.is_ascii_lowercase() || (capital && !after_capital);
            after_capital = capital;
            fits
        })
}

/// The words of `s` where it is small ASCII letters and what separates them (`created_at`,
/// `x-request-id`), which heck splits there and nowhere else: `None` for any other
/// name (capitals, digits, other scripts), which heck reads.
fn small_words(s: &str) -> Option<impl Iterator<Item = &str>> {
    s.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && !b.is_ascii_digit())
        .then(|| {
            s.split(|c: char| !c.is_ascii_lowercase())
                .filter(|run| !run.is_empty())
        })
}

/// Names a thread has made from spec names, by the spec name: each is asked for many
/// times (a property's name by the resolver, each emitter and the checks), and heck
/// writes one a character at a time. A thread keeps at most [`MADE_AT_MOST`] of each
/// kind.
type Made = Memo<String>;

/// How many names a thread keeps, of each kind.
const MADE_AT_MOST: usize = 1 << 18;

/// Words that join a name's parts (`ListForOrg`, `AddLabelsToRunner`): a name that ends
/// in one reads as cut short.
const JOINING_WORDS: &[&str] = &[
    "And", "At", "By", "For", "From", "In", "Of", "On", "To", "With",
];

/// The words of an `UpperCamelCase` name, numbers apart: `ReposAdd422ResponseBody` →
/// `Repos`, `Add`, `422`, `Response`, `Body`.
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut prev = None;
    for (i, c) in name.char_indices() {
        let digit_starts = c.is_ascii_digit() && prev.is_some_and(|p: char| !p.is_ascii_digit());
        if i > 0 && (c.is_ascii_uppercase() || digit_starts) {
            words.push(&name[start..i]);
            start = i;
        }
        prev = Some(c);
    }
    if start < name.len() {
        words.push(&name[start..]);
    }
    words
}

/// The name that several `UpperCamelCase` names have in common: the words they all begin
/// with, then the words they all end with (`IssuesCreateCommentBody` and
/// `IssuesUpdateCommentBody` → `IssuesCommentBody`; `ReposListSort` and `OrgsGetSort` →
/// `Sort`), without a joining word (`For`, `To`, …) left at the end of the first part.
/// `None` when they have no word in common at either end.
pub fn common_name(names: &[&str]) -> Option<String> {
    let words: Vec<Vec<&str>> = names.iter().map(|n| camel_words(n)).collect();
    let common = common_words(&words);
    (!common.is_empty()).then(|| common.concat())
}

/// The words all of `lists` begin with, then those they all end with, as
/// [`common_name`] takes them.
fn common_words<'w>(lists: &[Vec<&'w str>]) -> Vec<&'w str> {
    let Some(shortest) = lists.iter().map(Vec::len).min() else {
        return Vec::new();
    };
    let first = &lists[0];
    let suffix = suffix_len(lists);
    let mut prefix = (0..shortest - suffix)
        .take_while(|&i| lists.iter().all(|w| w[i] == first[i]))
        .count();
    while prefix > 0 && JOINING_WORDS.contains(&first[prefix - 1]) {
        prefix -= 1;
    }
    first[..prefix]
        .iter()
        .chain(&first[first.len() - suffix..])
        .copied()
        .collect()
}

/// The words all of `lists` end with.
pub fn common_ending<'w>(lists: &[Vec<&'w str>]) -> Vec<&'w str> {
    let Some(first) = lists.first() else {
        return Vec::new();
    };
    first[first.len() - suffix_len(lists)..].to_vec()
}

/// How many words all of `words` end with.
fn suffix_len(words: &[Vec<&str>]) -> usize {
    let Some(shortest) = words.iter().map(Vec::len).min() else {
        return 0;
    };
    let first = &words[0];
    (0..shortest)
        .take_while(|&i| {
            let at = |w: &[&str]| w[w.len() - 1 - i] == first[first.len() - 1 - i];
            words.iter().all(|w| at(w))
        })
        .count()
}

/// The words several `UpperCamelCase` names all end with (`ReposGetBody`, `OrgsGetBody`
/// → `Body`), empty when none.
pub fn common_suffix(names: &[&str]) -> String {
    let words: Vec<Vec<&str>> = names.iter().map(|n| camel_words(n)).collect();
    let Some(first) = words.first() else {
        return String::new();
    };
    first[first.len() - suffix_len(&words)..].concat()
}

/// Words that say where in an operation an inline type is (`ReposGetResponseBody`,
/// `…BodyItem`, `…Value`), not what it is.
const PLACE_WORDS: &[&str] = &[
    "Body",
    "Header",
    "Item",
    "Parameter",
    "Payload",
    "Request",
    "Response",
    "Value",
];

/// Whether an `UpperCamelCase` name has a word beside the [place words](PLACE_WORDS)
/// (`CommentBody` has, `ResponseBody` not).
pub fn says_what(name: &str) -> bool {
    camel_words(name).iter().any(|w| !is_place_word(w))
}

/// A [place word](PLACE_WORDS), or a status code (`404`, `4xx`).
fn is_place_word(word: &str) -> bool {
    PLACE_WORDS.contains(&word) || word.starts_with(|c: char| c.is_ascii_digit())
}

/// An `UpperCamelCase` name without the place words (and status codes) it begins with,
/// when a word is left (`BodyVisibility` → `Visibility`).
pub fn without_leading_place(name: &str) -> Option<String> {
    let words = camel_words(name);
    let skip = words.iter().take_while(|w| is_place_word(w)).count();
    (skip > 0 && skip < words.len()).then(|| words[skip..].concat())
}

/// Hands out names unique within one scope, adding `2`, `3`, … to repeats.
#[derive(Debug, Default, Clone)]
pub struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// An empty scope.
    pub fn new() -> Self {
        Names::default()
    }

    /// Marks `name` as used without claiming a variant of it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// Whether `name` is used.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `base` if free, else the first free `base2`, `base3`, … (`base_2` for snake names
    /// that end in a digit, so that `v1` does not become `v12`).
    pub fn claim(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let sep = if base.ends_with(|c: char| c.is_ascii_digit()) || base.ends_with('_') {
            "_"
        } else {
            ""
        };
        let base = base.trim_end_matches('_');
        (2..)
            .map(|n| format!("{base}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of `letters` up to `longest` of them long, the empty one included.
    fn every_string(letters: &[&str], longest: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = all.clone();
        for _ in 0..longest {
            last = last
                .iter()
                .flat_map(|n| letters.iter().map(move |l| format!("{n}{l}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn a_plain_camel_case_name_is_what_heck_makes_of_it() {
        let mut names = every_string(&["A", "b", "C", "d", "Q", "z"], 4);
        names.extend(
            [
                "WebhookPullRequestAssigneesItem",
                "Self",
                "Ab",
                "ABc",
                "AbC",
            ]
            .map(String::from),
        );
        for name in &names {
            if is_plain_camel(name) {
                assert_eq!(words(name).to_upper_camel_case(), *name);
            }
        }
        assert!(is_plain_camel("WebhookPullRequestAssigneesItem"));
        assert!(!is_plain_camel("ABc") && !is_plain_camel("Add422") && !is_plain_camel("a"));
        assert_eq!(camel("Self"), "Self_");
    }

    #[test]
    fn small_words_are_split_as_heck_splits_them() {
        let mut names = every_string(&["a", "b", "_", "-", " ", ".", "/"], 4);
        names.extend(["created_at", "x-request-id", "__a__b__", "per page"].map(String::from));
        for name in &names {
            let Some(runs) = small_words(name) else {
                panic!("{name:?} is small words");
            };
            let runs: Vec<&str> = runs.collect();
            assert_eq!(runs.join("_"), words(name).to_snake_case(), "{name:?}");
            let camel: String = runs
                .iter()
                .map(|run| run[..1].to_ascii_uppercase() + &run[1..])
                .collect();
            assert_eq!(camel, words(name).to_upper_camel_case(), "{name:?}");
        }
        assert!(small_words("page2").is_none() && small_words("getUser").is_none());
        assert!(small_words("über").is_none());
        assert_eq!(
            (camel("created_at"), snake("x-request-id")),
            ("CreatedAt".into(), "x_request_id".into())
        );
        assert_eq!((camel("_"), snake("--")), ("Value".into(), "value".into()));
    }

    #[test]
    fn non_ascii_names_are_transliterated() {
        assert_eq!(camel("Über"), "Uber");
        assert_eq!(camel("Données"), "Donnees");
        assert_eq!(snake("créerUtilisateur"), "creer_utilisateur");
        assert_eq!(snake("获取用户"), "huo_qu_yong_hu");
        assert_eq!(snake("users.get"), "users_get");
        assert_eq!(snake("users/list"), "users_list");
    }

    #[test]
    fn acronyms_in_operation_ids() {
        assert_eq!(snake("getSMTPCredentials"), "get_smtp_credentials");
        assert_eq!(snake("getAPIKeys"), "get_api_keys");
        assert_eq!(snake("checkDomainDNS"), "check_domain_dns");
        assert_eq!(snake("createAPIKey"), "create_api_key");
    }

    #[test]
    fn acronyms_in_type_names() {
        assert_eq!(camel("SMTPCredential"), "SmtpCredential");
        assert_eq!(
            camel("PaginatedSMTPCredentialsResponse"),
            "PaginatedSmtpCredentialsResponse"
        );
        assert_eq!(camel("DNSRecord"), "DnsRecord");
    }

    #[test]
    fn keywords_get_a_trailing_underscore() {
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("async"), "async_");
        assert_eq!(camel("self"), "Self_");
        assert_eq!(snake("required"), "required");
    }

    #[test]
    fn leading_digits() {
        assert_eq!(snake("2fa_enabled"), "_2fa_enabled");
        assert_eq!(camel("2fa"), "N2fa");
        assert_eq!(camel("1"), "N1");
    }

    #[test]
    fn punctuation_and_spaces_split_words() {
        assert_eq!(camel("Billing Manager"), "BillingManager");
        assert_eq!(camel("parent-suspended"), "ParentSuspended");
        assert_eq!(camel("messages:send:all"), "MessagesSendAll");
        assert_eq!(snake("Idempotency-Key"), "idempotency_key");
        assert_eq!(snake("X-Request-Id"), "x_request_id");
        assert_eq!(camel("true"), "True");
    }

    #[test]
    fn empty_and_symbol_only_names_get_a_placeholder() {
        assert_eq!(snake(""), "value");
        assert_eq!(camel("+"), "Value");
        assert_eq!(camel("→"), "Value");
        assert_eq!(camel("é"), "E");
    }

    #[test]
    fn common_names_keep_the_words_all_begin_and_end_with() {
        let common = |names: &[&str]| common_name(names);
        assert_eq!(
            common(&["IssuesCreateCommentBody", "IssuesUpdateCommentBody"]).as_deref(),
            Some("IssuesCommentBody")
        );
        assert_eq!(
            common(&[
                "ActionsCreateRepoVariableBody",
                "AgentsCreateRepoVariableBody"
            ])
            .as_deref(),
            Some("CreateRepoVariableBody")
        );
        assert_eq!(
            common(&["AddLabelsForOrgBody", "AddLabelsForRepoBody"]).as_deref(),
            Some("AddLabelsBody")
        );
        assert_eq!(
            common(&["ReposListSort", "OrgsGetSort"]).as_deref(),
            Some("Sort")
        );
        // One name inside another: the words are not counted twice.
        assert_eq!(
            common(&["FooBody", "FooBarBody"]).as_deref(),
            Some("FooBody")
        );
        assert_eq!(common(&["ABody", "A"]).as_deref(), Some("A"));
        assert_eq!(common(&["ReposListSort", "OrgsGetOrder"]), None);
        assert_eq!(common(&[]), None);
        assert_eq!(
            common(&["StacksAdd422ResponseBody", "StacksCreate422ResponseBody"]).as_deref(),
            Some("Stacks422ResponseBody")
        );
    }

    #[test]
    fn place_words_alone_say_nothing() {
        assert!(says_what("CommentBody"));
        assert!(says_what("Sort"));
        assert!(!says_what("ResponseBody"));
        assert!(!says_what("BodyItem"));
        assert!(!says_what(""));
        assert!(!says_what("404ResponseBody"));
        assert!(!says_what("4xxResponseBody"));
        assert_eq!(
            without_leading_place("202ResponseBodyState").as_deref(),
            Some("State")
        );
        assert_eq!(
            without_leading_place("BodyItemVisibility").as_deref(),
            Some("Visibility")
        );
        assert_eq!(without_leading_place("ResponseBody"), None);
        assert_eq!(without_leading_place("Visibility"), None);
    }

    #[test]
    fn repeats_get_numbers() {
        let mut names = Names::new();
        assert_eq!(names.claim("Scope"), "Scope");
        assert_eq!(names.claim("Scope"), "Scope2");
        assert_eq!(names.claim("Scope"), "Scope3");
        assert_eq!(names.claim("v1"), "v1");
        assert_eq!(names.claim("v1"), "v1_2");
        assert_eq!(names.claim("type_"), "type_");
        assert_eq!(names.claim("type_"), "type_2");
    }
}
