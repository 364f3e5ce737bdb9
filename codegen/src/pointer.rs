//! JSON pointers (RFC 6901) and the `$ref`s that hold them.
//!
//! Every phase names places in the document by JSON pointer: `/paths/~1ping/get`. The
//! helpers here build them, take them apart, and read the local `$ref`s that point into
//! `components`.

use std::collections::BTreeMap;

/// Where parts of a rewritten document were before: each entry maps a pointer prefix of
/// the rewritten document to the prefix it had in the original. The longest recorded
/// prefix of a pointer wins; a pointer under none is where it was.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Moves(BTreeMap<String, String>);

impl Moves {
    /// Records that what is now at `to` (and under it) was at `from`.
    pub(crate) fn record(&mut self, to: impl Into<String>, from: impl Into<String>) {
        let (to, from) = (to.into(), from.into());
        if to != from {
            self.0.insert(to, from);
        }
    }

    /// Where `at`, a pointer into the rewritten document, was in the original.
    #[must_use]
    pub(crate) fn original(&self, at: &str) -> String {
        let mut end = at.len();
        loop {
            let prefix = &at[..end];
            if let Some(from) = self.0.get(prefix) {
                return format!("{from}{}", &at[end..]);
            }
            match prefix.rfind('/') {
                Some(i) => end = i,
                None => return at.to_owned(),
            }
        }
    }
}

/// Escapes one segment: `~` becomes `~0`, `/` becomes `~1`.
#[must_use]
pub(crate) fn escape(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    push_escaped(&mut out, segment);
    out
}

/// Appends `segment` to `out`, escaped as [`escape`] does.
pub(crate) fn push_escaped(out: &mut String, segment: &str) {
    let mut rest = segment;
    while let Some(at) = rest.find(['~', '/']) {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        out.push_str(if after.starts_with('~') { "~0" } else { "~1" });
        rest = after.get(1..).unwrap_or_default();
    }
    out.push_str(rest);
}

/// Undoes [`escape`] on one segment.
#[must_use]
pub(crate) fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// `base` with `segment` appended, escaped: `join("/paths", "/ping")` is `/paths/~1ping`.
#[must_use]
pub(crate) fn join(base: &str, segment: &str) -> String {
    let mut out = String::with_capacity(base.len() + 1 + segment.len());
    out.push_str(base);
    out.push('/');
    push_escaped(&mut out, segment);
    out
}

/// `base` with a list index appended.
#[must_use]
pub(crate) fn join_index(base: &str, index: usize) -> String {
    format!("{base}/{index}")
}

/// The key of a local reference `#/components/{section}/{key}` (unescaped and
/// percent-decoded), or `None` for any other reference.
#[must_use]
pub(crate) fn component_key(reference: &str, section: &str) -> Option<String> {
    let rest = reference.strip_prefix(&format!("#/components/{section}/"))?;
    if rest.contains('/') {
        return None;
    }
    Some(unescape(&percent_decode(rest)?))
}

/// Decodes the `%XX` escapes that URI fragments may use; `None` if malformed.
pub(crate) fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_round_trip() {
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(unescape("a~1b~0c"), "a/b~c");
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(join("/paths", "/v2/{id}"), "/paths/~1v2~1{id}");
        assert_eq!(join_index("/servers", 2), "/servers/2");
    }

    #[test]
    fn moves_map_the_longest_prefix() {
        let mut moves = Moves::default();
        moves.record("/components/schemas/A", "/definitions/A");
        moves.record("/paths/~1a/get/parameters/0", "/paths/~1a/get/parameters/1");
        moves.record(
            "/paths/~1a/get/parameters/0/schema",
            "/paths/~1a/get/parameters/1",
        );
        assert_eq!(
            moves.original("/components/schemas/A/properties/b"),
            "/definitions/A/properties/b"
        );
        assert_eq!(
            moves.original("/components/schemas/AB"),
            "/components/schemas/AB"
        );
        assert_eq!(
            moves.original("/paths/~1a/get/parameters/0/schema/items"),
            "/paths/~1a/get/parameters/1/items"
        );
        assert_eq!(
            moves.original("/paths/~1a/get/parameters/0/name"),
            "/paths/~1a/get/parameters/1/name"
        );
        assert_eq!(moves.original(""), "");
        assert_eq!(moves.original("/info"), "/info");
    }

    #[test]
    fn component_keys() {
        assert_eq!(
            component_key("#/components/schemas/A", "schemas").as_deref(),
            Some("A")
        );
        assert_eq!(
            component_key("#/components/schemas/a~1b%20c", "schemas").as_deref(),
            Some("a/b c")
        );
        assert_eq!(
            component_key("#/components/schemas/A/properties/b", "schemas"),
            None
        );
        assert_eq!(
            component_key("other.yaml#/components/schemas/A", "schemas"),
            None
        );
        assert_eq!(component_key("#/components/schemas/%zz", "schemas"), None);
        assert_eq!(component_key("#/components/responses/A", "schemas"), None);
    }
}
