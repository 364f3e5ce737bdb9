//! Phase 1: YAML or JSON text to a `serde_json::Value`.
//!
//! Syntax errors carry the parser's line and column; later phases name JSON pointers,
//! which [`Ctxt::finish`] turns into lines and columns with [`crate::locate`].

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::locate::{escape_segment, Position};

/// Reads `text` as JSON when it starts with `{`, otherwise as YAML (which JSON also is).
///
/// Syntax errors carry the line and column the parser reports.
pub fn load(text: &str, cx: &mut Ctxt) -> Option<Value> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = if body.trim_start().starts_with('{') {
        match serde_json::from_str::<Value>(body) {
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
    } else {
        let value = load_yaml(body, cx);
        if cx.has_errors() {
            return None;
        }
        value?
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

/// Collections nested deeper than this are an error, as in `serde_json` (later phases recurse).
const MAX_DEPTH: usize = 128;

/// Reads one YAML document with `saphyr-parser`'s events, as `serde_yaml` reads it into a
/// `Value` and `apply_merge` merges it: anchors and aliases are expanded, `<<` keys are
/// merged (explicit keys win), plain scalars are resolved as in YAML 1.2's core schema
/// (`null`, `true`, `12`, `0x1f`, `1.5e3`; `012` stays a string), quoted ones are strings,
/// tags are dropped (`!!str`, `!!int`, `!!float`, `!!bool` and `!!null` are obeyed), and keys
/// become strings (`200:` is `"200"`).
fn load_yaml(text: &str, cx: &mut Ctxt) -> Option<Value> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(next) => next,
            Err(e) => {
                let (line, column) = (e.marker().line(), e.marker().col() + 1);
                cx.push(
                    Diagnostic::error(
                        "",
                        format!(
                            "the document is not valid YAML: {} at line {line} column {column}",
                            e.info()
                        ),
                    )
                    .at(Position { line, column })
                    .help("fix the YAML syntax at that place"),
                );
                return None;
            }
        };
        builder.events += 1;
        let done = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    Err(
                        Diagnostic::error("", "the file holds more than one YAML document")
                            .help("keep one document: remove the second `---` and what follows"),
                    )
                } else {
                    Ok(())
                }
            }
            Event::Alias(id) => builder.alias(id, span),
            Event::Scalar(value, style, anchor, tag) => {
                match scalar(value, style, tag.as_deref()) {
                    Ok(value) => builder.complete(value, anchor, 1, span),
                    Err(message) => {
                        cx.push(
                            Diagnostic::error(builder.pointer(), message)
                                .at(position(span))
                                .help("OpenAPI documents are JSON data: use a finite number, or a value its tag allows"),
                        );
                        builder.complete(Value::Null, anchor, 1, span)
                    }
                }
            }
            Event::SequenceStart(anchor, _) => builder.open(Open::Sequence(Vec::new()), anchor),
            Event::MappingStart(anchor, _) => builder.open(
                Open::Mapping {
                    entries: Map::new(),
                    key: Key::Expected,
                    merges: Vec::new(),
                },
                anchor,
            ),
            Event::SequenceEnd | Event::MappingEnd => builder.close(span),
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => Ok(()),
        };
        for d in builder.problems.drain(..) {
            cx.push(d);
        }
        if let Err(fatal) = done {
            cx.push(fatal);
            return None;
        }
    }
    Some(builder.root.unwrap_or(Value::Null))
}

fn position(span: Span) -> Position {
    Position {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

/// A collection whose end has not been read yet.
enum Open {
    Sequence(Vec<Value>),
    Mapping {
        entries: Map<String, Value>,
        key: Key,
        /// The values of `<<` keys, merged in when the mapping ends.
        merges: Vec<(Value, Span)>,
    },
}

/// Where a mapping is between its keys and values.
enum Key {
    /// The next node is a key.
    Expected,
    /// The next node is the value of this key (read at this place).
    Found(String, Span),
    /// The next node is the value of a key that cannot be a string; it is dropped.
    Invalid,
}

#[derive(Default)]
struct Builder {
    /// Open collections, innermost last, with their anchor id and the event count at the start.
    stack: Vec<(Open, usize, usize)>,
    /// The value of each anchor id and the number of events it was read from.
    anchors: HashMap<usize, (Value, usize)>,
    /// Events read so far.
    events: usize,
    /// Nodes that aliases have copied so far (a guard against "billion laughs" documents).
    copied: usize,
    root: Option<Value>,
    /// Errors found that do not stop reading.
    problems: Vec<Diagnostic>,
}

impl Builder {
    /// The JSON pointer of the node being read.
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for (open, _, _) in &self.stack {
            match open {
                Open::Sequence(items) => pointer.push_str(&format!("/{}", items.len())),
                Open::Mapping {
                    key: Key::Found(key, _),
                    ..
                } => {
                    pointer.push('/');
                    pointer.push_str(&escape_segment(key));
                }
                Open::Mapping { .. } => {}
            }
        }
        pointer
    }

    fn open(&mut self, open: Open, anchor: usize) -> Result<(), Diagnostic> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Diagnostic::error(
                self.pointer(),
                format!("the document nests collections more than {MAX_DEPTH} levels deep"),
            )
            .help("flatten the document, for example with `$ref`s to components"));
        }
        self.stack.push((open, anchor, self.events));
        Ok(())
    }

    fn close(&mut self, span: Span) -> Result<(), Diagnostic> {
        let Some((open, anchor, start)) = self.stack.pop() else {
            return Ok(());
        };
        let value = match open {
            Open::Sequence(items) => Value::Array(items),
            Open::Mapping {
                mut entries,
                merges,
                ..
            } => {
                for (merge, at) in merges {
                    let mappings = match merge {
                        Value::Array(items) => items,
                        single => vec![single],
                    };
                    for mapping in mappings {
                        let Value::Object(mapping) = mapping else {
                            self.problems.push(
                                Diagnostic::error(
                                    self.pointer(),
                                    "a YAML merge key (`<<`) cannot be applied: its value is not a mapping or a list of mappings",
                                )
                                .at(position(at))
                                .help("merge an alias of a mapping (`<<: *name`) or a list of them"),
                            );
                            continue;
                        };
                        for (key, value) in mapping {
                            entries.entry(key).or_insert(value);
                        }
                    }
                }
                Value::Object(entries)
            }
        };
        self.complete(value, anchor, self.events - start, span)
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), Diagnostic> {
        let Some((value, size)) = self.anchors.get(&id) else {
            return Err(Diagnostic::error(
                self.pointer(),
                "an alias refers to the node that contains it",
            )
            .at(position(span))
            .help("YAML data for OpenAPI cannot be recursive: use a `$ref` instead"));
        };
        self.copied += size;
        if self.copied > 100 * self.events + 10_000 {
            return Err(Diagnostic::error(
                self.pointer(),
                "the document's aliases expand to too much data",
            )
            .at(position(span))
            .help("use `$ref`s to components rather than nested YAML aliases"));
        }
        let value = value.clone();
        self.complete(value, 0, 0, span)
    }

    /// A node has been read: put it into its collection, as a key or a value.
    fn complete(
        &mut self,
        value: Value,
        anchor: usize,
        size: usize,
        span: Span,
    ) -> Result<(), Diagnostic> {
        if anchor != 0 {
            self.anchors.insert(anchor, (value.clone(), size));
        }
        let problem = match self.stack.last_mut() {
            None => {
                self.root.get_or_insert(value);
                None
            }
            Some((Open::Sequence(items), _, _)) => {
                items.push(value);
                None
            }
            Some((
                Open::Mapping {
                    entries,
                    key,
                    merges,
                },
                _,
                _,
            )) => {
                match std::mem::replace(key, Key::Expected) {
                    Key::Expected => {
                        let found = match value {
                            Value::String(s) => s,
                            Value::Number(n) => n.to_string(),
                            Value::Bool(b) => b.to_string(),
                            Value::Null => "null".to_owned(),
                            Value::Array(_) | Value::Object(_) => {
                                *key = Key::Invalid;
                                self.problem(
                                    "a mapping key is not a scalar",
                                    "use strings as keys",
                                    span,
                                );
                                return Ok(());
                            }
                        };
                        *key = Key::Found(found, span);
                        None
                    }
                    Key::Found(k, at) if k == "<<" => {
                        merges.push((value, at));
                        None
                    }
                    Key::Found(k, at) => match entries.entry(k) {
                        Entry::Vacant(slot) => {
                            slot.insert(value);
                            None
                        }
                        Entry::Occupied(slot) => {
                            // Kept for the pointer of the error below.
                            *key = Key::Found(slot.key().clone(), at);
                            Some(at)
                        }
                    },
                    Key::Invalid => None,
                }
            }
        };
        if let Some(at) = problem {
            self.problem(
                "the key appears twice in one mapping",
                "remove or rename one of them",
                at,
            );
            if let Some((Open::Mapping { key, .. }, _, _)) = self.stack.last_mut() {
                *key = Key::Expected;
            }
        }
        Ok(())
    }

    /// Records an error at the node being read.
    fn problem(&mut self, message: &str, help: &str, at: Span) {
        let d = Diagnostic::error(self.pointer(), message)
            .at(position(at))
            .help(help);
        self.problems.push(d);
    }
}

/// The JSON value of a scalar, or why it has none.
fn scalar(text: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    let t = text.as_ref();
    let not = |what: &str| format!("`{t}` is not {what}");
    let value = match tag {
        Some(tag) if tag.is_yaml_core_schema() => match tag.suffix.as_str() {
            "null" => Some(
                is_null(t)
                    .then_some(Value::Null)
                    .ok_or_else(|| not("null"))?,
            ),
            "bool" => Some(Value::Bool(is_bool(t).ok_or_else(|| not("a boolean"))?)),
            "int" => Some(Value::Number(int(t).ok_or_else(|| not("an integer"))?)),
            "float" => Some(Value::Number(
                float(t)
                    .and_then(Number::from_f64)
                    .ok_or_else(|| not("a finite number"))?,
            )),
            _ => None,
        },
        // Local tags (`!thing`) are dropped; global ones (from `%TAG`) make a string.
        Some(tag) if tag.handle != "!" => None,
        _ if style != ScalarStyle::Plain => None,
        _ if t.is_empty() || is_null(t) => Some(Value::Null),
        _ => {
            if let Some(b) = is_bool(t) {
                Some(Value::Bool(b))
            } else if let Some(n) = int(t) {
                Some(Value::Number(n))
            } else if let Some(f) = float(t) {
                let n = Number::from_f64(f);
                Some(Value::Number(
                    n.ok_or_else(|| format!("the number {t} has no JSON form"))?,
                ))
            } else {
                None
            }
        }
    };
    Ok(value.unwrap_or_else(|| Value::String(text.into_owned())))
}

fn is_null(text: &str) -> bool {
    matches!(text, "~" | "null" | "Null" | "NULL")
}

fn is_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Digits with a leading zero (`012`, `-00`) are a string, not a number.
fn leading_zero(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A decimal, `0x`, `0o` or `0b` integer with an optional sign, within `i64` or `u64`.
fn int(text: &str) -> Option<Number> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (radix, digits) = [("0x", 16), ("0o", 8), ("0b", 2)]
        .into_iter()
        .find_map(|(prefix, radix)| Some((radix, unsigned.strip_prefix(prefix)?)))
        .unwrap_or((10, unsigned));
    if digits.starts_with(['+', '-']) || (radix == 10 && leading_zero(text)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if negative {
        0i64.checked_sub_unsigned(magnitude).map(Number::from)
    } else {
        Some(magnitude.into())
    }
}

/// A float, including `.inf`, `-.inf` and `.nan` (which have no JSON form).
fn float(text: &str) -> Option<f64> {
    let unsigned = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    match (unsigned, text) {
        (".inf" | ".Inf" | ".INF", _) => Some(f64::INFINITY),
        (_, "-.inf" | "-.Inf" | "-.INF") => Some(f64::NEG_INFINITY),
        (_, ".nan" | ".NaN" | ".NAN") => Some(f64::NAN),
        _ if leading_zero(text) => None,
        _ => unsigned.parse::<f64>().ok().filter(|f| f.is_finite()),
    }
}

/// The former reader, kept for comparison while the new one is evaluated.
#[doc(hidden)]
pub fn load_serde_yaml(text: &str, cx: &mut Ctxt) -> Option<Value> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let yaml = match serde_yaml::from_str::<serde_yaml::Value>(body) {
        Ok(v) => v,
        Err(e) => {
            cx.push(Diagnostic::error(
                "",
                format!("the document is not valid YAML: {e}"),
            ));
            return None;
        }
    };
    let mut yaml = yaml;
    if let Err(e) = yaml.apply_merge() {
        cx.push(Diagnostic::error("", format!("merge: {e}")));
        return None;
    }
    let mut pointer = String::new();
    let value = yaml_to_json(yaml, &mut pointer, cx);
    if cx.has_errors() {
        return None;
    }
    Some(value)
}

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
                        cx.push(Diagnostic::error(pointer.clone(), format!("number {n}")));
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
                        cx.push(Diagnostic::error(pointer.clone(), "key"));
                        continue;
                    }
                };
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape_segment(&key));
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
    fn yaml_integer_keys_become_strings() {
        let mut cx = Ctxt::new();
        let value = load("responses:\n  200:\n    description: ok\n", &mut cx).expect("loads");
        assert_eq!(value["responses"]["200"]["description"], "ok");
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
        assert!(cx.has_errors());
    }
}
