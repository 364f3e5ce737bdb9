//! Rust names from spec names: acronym-aware case conversion, keywords, digits, collisions.
//!
//! `getSMTPCredentials` → `get_smtp_credentials`, `SMTPCredential` → `SmtpCredential`,
//! `type` → `type_`, `2fa` → `_2fa` / `N2fa`, `Billing Manager` → `BillingManager`.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

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
    let mut out = words(s).to_snake_case();
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
    let mut out = words(s).to_upper_camel_case();
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
