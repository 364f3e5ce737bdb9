//! Phase 1: YAML or JSON text to a `serde_json::Value`.
//!
//! Syntax errors carry the parser's line and column; later phases name JSON pointers,
//! which [`Ctxt::finish`] turns into lines and columns with [`crate::locate`].

use serde_json::{Map, Number, Value};

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::locate::Position;
use crate::{parallel, pointer, scan};

/// Reads `text` as JSON when it starts with `{`, otherwise as YAML (which JSON also is).
///
/// Syntax errors carry the line and column the parser reports.
pub fn load(text: &str, cx: &mut Ctxt) -> Option<Value> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = if body.trim_start().starts_with('{') {
        match json_object(body) {
            Ok(v) => v,
            Err(e) => {
                let at = Position {
                    line: e.line(),
                    column: e.column(),
                };
                cx.push(
                    Diagnostic::error("", format!("the document is not valid JSON: {e}"))
                        .at(at)
                        .help("fix the JSON syntax at that place"),
                );
                return None;
            }
        }
    } else if let Some(value) = yaml_as_json(body) {
        value
    } else {
        let yaml = match serde_yaml::from_str::<serde_yaml::Value>(body) {
            Ok(v) => v,
            Err(e) => {
                let mut d = Diagnostic::error("", format!("the document is not valid YAML: {e}"))
                    .help("fix the YAML syntax at that place");
                if let Some(loc) = e.location() {
                    d = d.at(Position {
                        line: loc.line(),
                        column: loc.column(),
                    });
                }
                cx.push(d);
                return None;
            }
        };
        let mut yaml = yaml;
        if let Err(e) = yaml.apply_merge() {
            cx.push(Diagnostic::error(
                "",
                format!("a YAML merge key (`<<`) cannot be applied: {e}"),
            ));
            return None;
        }
        let mut pointer = String::new();
        let value = yaml_to_json(yaml, &mut pointer, cx);
        if cx.has_errors() {
            return None;
        }
        value
    };
    if !value.is_object() {
        cx.push(
            Diagnostic::error("", "the document is not a mapping")
                .help("an OpenAPI document is a mapping with `openapi`, `info` and `paths` keys"),
        );
        return None;
    }
    Some(value)
}

/// A JSON document at least this large is read on two threads ([`json_object`]).
const HALVED_BYTES: usize = 1 << 20;

/// The JSON object `text`. Where it is large, its members' values are parsed on two
/// threads, about half the text each ([`in_halves`]); else, and where that fails, by
/// serde_json whole, whose error says where.
fn json_object(text: &str) -> serde_json::Result<Value> {
    if text.len() >= HALVED_BYTES {
        if let Some(value) = scan::members(text).and_then(|members| in_halves(&members)) {
            return Ok(value);
        }
    }
    serde_json::from_str(text)
}

/// The object of `members` (the text of each key and value, as [`scan::members`] gives
/// them), each value parsed on one of two threads, the largest first to whichever has
/// less; `None` if a value does not parse. The values are those serde_json gives for the
/// whole text, and so is the object: keys in order, the last of duplicates winning in
/// the place of the first. (serde_json's limit of 128 nested arrays and objects counts
/// from each value here, one more than from the document.)
fn in_halves(members: &[(&str, &str)]) -> Option<Value> {
    let mut largest_first: Vec<usize> = (0..members.len()).collect();
    largest_first.sort_by_key(|&i| std::cmp::Reverse(members[i].1.len()));
    let (mut halves, mut sizes) = ([Vec::new(), Vec::new()], [0, 0]);
    for i in largest_first {
        let half = usize::from(sizes[1] < sizes[0]);
        halves[half].push(i);
        sizes[half] += members[i].1.len();
    }
    let parse = |half: &[usize]| -> Option<Vec<(usize, Value)>> {
        half.iter()
            .map(|&i| Some((i, serde_json::from_str(members[i].1).ok()?)))
            .collect()
    };
    let [first, second] = &halves;
    let (first, second) = parallel::join(|| parse(first), || parse(second));
    let mut values: Vec<Option<Value>> = vec![None; members.len()];
    for (i, value) in first?.into_iter().chain(second?) {
        values[i] = Some(value);
    }
    let mut object = Map::with_capacity(members.len());
    for ((key, _), value) in members.iter().zip(values) {
        object.insert((*key).to_owned(), value?);
    }
    Some(Value::Object(object))
}

/// YAML text read straight into JSON data, as [`yaml_to_json`] would make it, where that
/// takes nothing but the data: no merge key (`<<`), tag, non-finite number, key that is not
/// a string, integer, boolean or null, or key given twice (any of those gives `None`, and
/// the document is read through `serde_yaml::Value`, which says what it is).
fn yaml_as_json(text: &str) -> Option<Value> {
    use serde::de::DeserializeSeed;
    JsonData
        .deserialize(serde_yaml::Deserializer::from_str(text))
        .ok()
}

/// Builds JSON data from YAML data (see [`yaml_as_json`]).
#[derive(Clone, Copy)]
struct JsonData;

impl<'de> serde::de::DeserializeSeed<'de> for JsonData {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for JsonData {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("YAML data that is JSON data")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Number(i.into()))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
        Ok(Value::Number(u.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, f: f64) -> Result<Value, E> {
        Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number with no JSON form"))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        use serde::de::Error;
        let mut out = Map::new();
        while let Some(key) = map.next_key_seed(Key)? {
            if key == "<<" {
                return Err(A::Error::custom("a merge key"));
            }
            let value = map.next_value_seed(self)?;
            if out.insert(key, value).is_some() {
                return Err(A::Error::custom("a key given twice"));
            }
        }
        Ok(Value::Object(out))
    }
}

/// A mapping's key as [`yaml_to_json`] writes it.
struct Key;

impl<'de> serde::de::DeserializeSeed<'de> for Key {
    type Value = String;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl serde::de::Visitor<'_> for Key {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string, integer, boolean or null key")
    }

    fn visit_bool<E>(self, b: bool) -> Result<String, E> {
        Ok(b.to_string())
    }

    fn visit_i64<E>(self, i: i64) -> Result<String, E> {
        Ok(i.to_string())
    }

    fn visit_u64<E>(self, u: u64) -> Result<String, E> {
        Ok(u.to_string())
    }

    fn visit_str<E>(self, s: &str) -> Result<String, E> {
        Ok(s.to_owned())
    }

    fn visit_string<E>(self, s: String) -> Result<String, E> {
        Ok(s)
    }

    fn visit_unit<E>(self) -> Result<String, E> {
        Ok("null".to_owned())
    }
}

/// Converts YAML data to JSON data: keys become strings (`200:` is `"200"`), tags are dropped.
fn yaml_to_json(yaml: serde_yaml::Value, pointer: &mut String, cx: &mut Ctxt) -> Value {
    use serde_yaml::Value as Y;
    match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Number(i.into())
            } else if let Some(u) = n.as_u64() {
                Value::Number(u.into())
            } else {
                match n.as_f64().and_then(Number::from_f64) {
                    Some(f) => Value::Number(f),
                    None => {
                        cx.push(
                            Diagnostic::error(
                                pointer.clone(),
                                format!("the number {n} has no JSON form"),
                            )
                            .help("OpenAPI documents are JSON data: use a finite number"),
                        );
                        Value::Null
                    }
                }
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                out.push(yaml_to_json(item, pointer, cx));
                pointer.truncate(len);
            }
            Value::Array(out)
        }
        Y::Mapping(mapping) => {
            let mut out = Map::with_capacity(mapping.len());
            for (key, value) in mapping {
                let key = match key {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    Y::Null => "null".to_owned(),
                    _ => {
                        cx.push(
                            Diagnostic::error(pointer.clone(), "a mapping key is not a scalar")
                                .help("use strings as keys"),
                        );
                        continue;
                    }
                };
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&pointer::escape(&key));
                let value = yaml_to_json(value, pointer, cx);
                pointer.truncate(len);
                out.insert(key, value);
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value, pointer, cx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_json_document_read_in_halves_is_what_serde_json_reads() {
        let schemas: Vec<String> = (0..20_000)
            .map(|i| {
                format!("\"S{i}\": {{\"type\": \"object\", \"description\": \"a \\\"{i}\\\" é\"}}")
            })
            .collect();
        let paths: Vec<String> = (0..10_000)
            .map(|i| format!("\"/p{i}\": {{\"get\": {{\"responses\": {{\"200\": {{}}}}, \"x\": [1.5e3, -0, true]}}}}"))
            .collect();
        let text = format!(
            "\n{{\"openapi\": \"3.0.0\", \"info\": {{\"title\": \"t\"}},\n \"paths\": {{{}}},\n \
             \"components\": {{\"schemas\": {{{}}}}}, \"info\": 2, \"z\": null}}\n",
            paths.join(", "),
            schemas.join(",\n ")
        );
        assert!(text.len() > HALVED_BYTES);
        let members = scan::members(&text).expect("plainly written");
        let halves = in_halves(&members).expect("each value parses");
        let whole: Value = serde_json::from_str(&text).expect("valid JSON");
        // In the same order, the second `info` in the place of the first.
        let written = |v: &Value| serde_json::to_string(v).expect("serialises");
        assert_eq!(written(&halves), written(&whole));
        assert_eq!(
            json_object(&text).map(|v| written(&v)).ok(),
            Some(written(&whole))
        );
        // A value that does not parse: serde_json reads the whole, and says where.
        let broken = text.replacen("1.5e3", "1.5e", 1);
        let error = json_object(&broken).expect_err("invalid");
        assert_eq!(error.line(), 3, "{error}");
    }

    #[test]
    fn yaml_integer_keys_become_strings() {
        let mut cx = Ctxt::new();
        let value = load("responses:\n  200:\n    description: ok\n", &mut cx).expect("loads");
        assert_eq!(value["responses"]["200"]["description"], "ok");
        assert!(cx.check().is_ok());
    }

    #[test]
    fn yaml_read_straight_into_json_is_what_its_yaml_value_becomes() {
        let text = "a: 1\nb: [x, 2.5, true, null, ~, -7]\n200: {c: 'd'}\ntrue: yes\nnull: \"e\"\nf: &g {h: 1}\ni: *g\n";
        let fast = yaml_as_json(text).expect("read straight");
        let mut cx = Ctxt::new();
        let yaml = serde_yaml::from_str(text).expect("YAML");
        assert_eq!(fast, yaml_to_json(yaml, &mut String::new(), &mut cx));
        assert_eq!(fast["200"]["c"], "d");
        assert_eq!(fast["i"]["h"], 1);
        // What only the way through `serde_yaml::Value` reads (or reports) is left to it.
        for text in [
            "a: &x {b: 1}\nc:\n  <<: *x\n",
            "a: !tag 1\n",
            "a: 1\na: 2\n",
            "a: .nan\n",
            "[1, 2]: a\n",
            "1.5: a\n",
        ] {
            assert_eq!(yaml_as_json(text), None, "{text}");
        }
        let merged = load("a: &x {b: 1}\nc:\n  <<: *x\n", &mut cx).expect("loads");
        assert_eq!(merged["c"]["b"], 1);
        assert!(cx.check().is_ok());
    }

    #[test]
    fn yaml_syntax_error_has_line_and_column() {
        let mut cx = Ctxt::new();
        assert!(load("a: [1, 2\nb: c\n", &mut cx).is_none());
        let d = cx.finish("");
        let first = &d.0[0];
        assert!(first.message.contains("not valid YAML"), "{first}");
        assert!(first.position.is_some(), "{first}");
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let mut cx = Ctxt::new();
        assert!(load("{\n  \"a\": 1,\n  \"b\": }\n", &mut cx).is_none());
        let d = cx.finish("");
        assert_eq!(d.0[0].position, Some(Position { line: 3, column: 8 }));
    }

    #[test]
    fn scalar_document_is_rejected() {
        let mut cx = Ctxt::new();
        assert!(load("just a string", &mut cx).is_none());
        assert!(cx.check().is_err());
    }
}
