//! JSON text passed over without parsing it: where a value ends, and the members of the
//! document's top-level object. For [`crate::locate`], which passes over what it need not
//! index, and [`crate::load`], which parses the members of a large document on two threads.

/// Where the JSON value that starts at `start` in `bytes` ends (the byte after it), for
/// valid JSON: only strings and brackets are followed. In text that is not, the end of
/// something, or `None`.
pub(crate) fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    loop {
        // Past what can't open or close a value: most of it is indentation.
        while bytes
            .get(i)
            .is_some_and(|&b| b <= b' ' || matches!(b, b',' | b':'))
        {
            i += 1;
        }
        let b = *bytes.get(i)?;
        i += 1;
        match b {
            b'"' => {
                // To the closing quote, over escaped characters.
                loop {
                    i += memchr::memchr2(b'"', b'\\', bytes.get(i..)?)? + 1;
                    if bytes.get(i - 1) == Some(&b'"') {
                        break;
                    }
                    i += 1;
                }
                if depth == 0 {
                    return Some(i);
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            // A number, `true`, `false` or `null`: it ends before what follows it.
            _ if depth == 0 => {
                let next = bytes.get(i).copied();
                if next
                    .is_none_or(|n| matches!(n, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
}

/// The members of the JSON object that `text` is (whitespace around it), as the text of
/// each key and of its value, in order; `None` where `text` is not one as plainly as that:
/// a key with an escape or a control character, or anything out of place between members.
/// A value is only passed over ([`value_end`]): it is for the caller to parse.
pub(crate) fn members(text: &str) -> Option<Vec<(&str, &str)>> {
    let bytes = text.as_bytes();
    let skip_ws = |mut i: usize| {
        while bytes
            .get(i)
            .is_some_and(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
        {
            i += 1;
        }
        i
    };
    let expect = |i: usize, b: u8| (bytes.get(i) == Some(&b)).then_some(i + 1);
    let mut i = expect(skip_ws(0), b'{')?;
    let mut members = Vec::new();
    i = skip_ws(i);
    if let Some(end) = expect(i, b'}') {
        return (skip_ws(end) == bytes.len()).then_some(members);
    }
    loop {
        let key_start = expect(i, b'"')?;
        let key_end = key_start + memchr::memchr(b'"', bytes.get(key_start..)?)?;
        let key = text.get(key_start..key_end)?;
        if key.bytes().any(|b| b == b'\\' || b < b' ') {
            return None;
        }
        i = skip_ws(expect(skip_ws(key_end + 1), b':')?);
        let value_end = value_end(bytes, i)?;
        members.push((key, text.get(i..value_end)?));
        i = skip_ws(value_end);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(i + 1),
            Some(b'}') => return (skip_ws(i + 1) == bytes.len()).then_some(members),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_ends_after_its_closing_bracket_quote_or_last_character() {
        let text = r#"{"a": "x \" y \\", "b": [1, {"c": "]"}]} tail"#;
        assert_eq!(
            value_end(text.as_bytes(), 0),
            Some(text.len() - " tail".len())
        );
        assert_eq!(value_end(b"\"a\\\"\" ,", 0), Some(5));
        assert_eq!(value_end(b"12.5e3,", 0), Some(6));
        assert_eq!(value_end(b"true", 0), Some(4));
        assert_eq!(value_end(b"[1, 2", 0), None);
    }

    #[test]
    fn members_are_the_keys_and_values_of_the_top_level_object() {
        let text = " {\"openapi\" : \"3.0.0\",\n \"paths\": {\"/a\": {}}, \"x\": [1, \"}\"], \"n\": null}\n";
        assert_eq!(
            members(text),
            Some(vec![
                ("openapi", "\"3.0.0\""),
                ("paths", "{\"/a\": {}}"),
                ("x", "[1, \"}\"]"),
                ("n", "null"),
            ])
        );
        assert_eq!(members("{ }"), Some(Vec::new()));
        for not_plain in [
            "[1]",
            "{\"a\": 1} x",
            "{\"a\": 1,}",
            "{\"a\" 1}",
            "{\"a\\u0041\": 1}",
            "{\"a\": 1",
            "{\"a\": 1 \"b\": 2}",
        ] {
            assert_eq!(members(not_plain), None, "{not_plain}");
        }
    }
}
