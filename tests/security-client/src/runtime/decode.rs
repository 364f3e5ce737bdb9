// @generated: copied by codegen from codegen/runtime/decode.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Decoding JSON response bodies: strictly, and, when that fails and the client tolerates
//! deviations (the default), again with what real servers get wrong of their description
//! substituted, each substitution recorded with its JSON path.
//!
//! A body that matches its type is decoded once, as strictly as before: the tolerant path
//! runs only after the strict one failed. It reads the body as a `serde_json::Value` and
//! decodes that, and at each failure puts the empty value of the expected type (`""`, `0`,
//! `false`, `[]`, `{}`, and the `Default` of a date-time, a date or a UUID; `None` needs
//! none, because an optional field may be absent) where the failure is, and tries again:
//! - a required property that is missing (`missing field`), also within a union's variant;
//! - `null` where the description forbids it, or a value of another type (`invalid type`).
//!
//! A type with no empty value (a closed enum), and a string that does not parse as its
//! format, stay a failure, reported with the path of what no substitution mends. The path
//! of a failure is found by decoding that `Value` too, so a type's serde impls are built for
//! two deserializers (the body's bytes and a `Value`), as before this module.

use std::collections::HashMap;
use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use serde_path_to_error::{Path, Segment};

/// At most this many substitutions in one body; a body that needs more is so far from its
/// description that decoding it would invent more than it reads.
const MAX_SUBSTITUTIONS: usize = 1024;

/// A value the client decoded in place of what the server sent, because the response
/// broke the API description there.
#[derive(Debug, Clone, PartialEq)]
pub struct Substitution {
    path: String,
    deviation: Deviation,
    value: Value,
}

/// How a response broke its description at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Deviation {
    /// A property the description requires was missing.
    Missing,
    /// `null`, where the description does not allow it.
    Null,
    /// A value of another type than the description's.
    WrongType {
        /// The JSON type of what the server sent (`a string`, `an object`, …), never the
        /// value itself, which is not for logs.
        found: String,
    },
}

impl Substitution {
    /// Where, as a JSON path from the body (`[0].owner.login`; `.` is the body itself).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong there.
    pub fn deviation(&self) -> &Deviation {
        &self.deviation
    }

    /// The value decoded instead.
    pub fn value(&self) -> &Value {
        &self.value
    }
}

impl fmt::Display for Substitution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.deviation {
            Deviation::Missing => write!(f, "`{}` was missing", self.path)?,
            Deviation::Null => write!(f, "`{}` was null", self.path)?,
            Deviation::WrongType { found } => write!(f, "`{}` was {found}", self.path)?,
        }
        write!(f, "; decoded as {}", self.value)
    }
}

/// Why a body did not decode: the JSON path of the failure and serde's message.
pub(crate) struct Failure {
    pub(crate) path: String,
    pub(crate) message: String,
}

/// `body` decoded as a `T`, with the substitutions made (none when it decoded strictly);
/// `tolerant: false` makes no substitution.
pub(crate) fn decode<T: DeserializeOwned>(
    body: &[u8],
    tolerant: bool,
) -> Result<(T, Vec<Substitution>), Failure> {
    // Tracking the path costs time on every value, so it is done only after a failure.
    if let Ok(value) = serde_json::from_slice::<T>(body) {
        return Ok((value, Vec::new()));
    }
    // The path is found decoding a `Value` of the body, which the tolerant decoding needs
    // anyway: so `T`'s impls are compiled for two deserializers (the slice and the
    // `Value`), not three.
    let mut value = match serde_json::from_slice::<Value>(body) {
        Ok(value) => value,
        Err(e) => {
            return Err(Failure {
                path: ".".to_owned(),
                message: e.to_string(),
            })
        }
    };
    let mut failure = match serde_path_to_error::deserialize::<_, T>(&value) {
        Ok(decoded) => return Ok((decoded, Vec::new())),
        Err(e) => e,
    };
    if !tolerant {
        return Err(Failure {
            path: failure.path().to_string(),
            message: failure.inner().to_string(),
        });
    }
    let mut repairs = Repairs::default();
    while repairs.substitutions.len() < MAX_SUBSTITUTIONS {
        let message = failure.inner().to_string();
        let Some(keys) = keys(failure.path()) else {
            break;
        };
        if !repairs.repair(&mut value, keys, &message) {
            break;
        }
        failure = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(decoded) => return Ok((decoded, repairs.substitutions)),
            Err(e) => e,
        };
    }
    // What no substitution mends, where the first failure may have been mended.
    Err(Failure {
        path: failure.path().to_string(),
        message: failure.inner().to_string(),
    })
}

/// A step into a JSON value.
#[derive(Clone)]
enum Key {
    Index(usize),
    Field(String),
}

/// The steps of `path`, or `None` where it goes through something other than lists and
/// objects (an enum's variant, a flattened map).
fn keys(path: &Path) -> Option<Vec<Key>> {
    path.iter()
        .map(|segment| match segment {
            Segment::Seq { index } => Some(Key::Index(*index)),
            Segment::Map { key } => Some(Key::Field(key.clone())),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

/// `keys` as a JSON path (`[0].owner.login`, `.` for none).
fn path_text(keys: &[Key]) -> String {
    let mut text = String::new();
    for key in keys {
        match key {
            Key::Index(i) => text.push_str(&format!("[{i}]")),
            Key::Field(name) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(name);
            }
        }
    }
    if text.is_empty() {
        text.push('.');
    }
    text
}

/// `keys` with the indices left out: the same place in every item of a list.
fn shape(keys: &[Key]) -> String {
    let general: Vec<Key> = keys
        .iter()
        .map(|k| match k {
            Key::Index(_) => Key::Index(0),
            other => other.clone(),
        })
        .collect();
    path_text(&general).replace("[0]", "[]")
}

/// The value at `keys` in `value`.
fn at<'v>(value: &'v mut Value, keys: &[Key]) -> Option<&'v mut Value> {
    keys.iter().try_fold(value, |v, key| match key {
        Key::Index(i) => v.as_array_mut()?.get_mut(*i),
        Key::Field(name) => v.as_object_mut()?.get_mut(name),
    })
}

/// The substitutions made in one body, and what they taught.
#[derive(Default)]
struct Repairs {
    substitutions: Vec<Substitution>,
    /// The missing property last filled with `null`, whose type the next failure tells.
    pending: Option<Vec<Key>>,
    /// The value found to fit a missing property, by the property's path with indices
    /// left out (`[].owner.login`): the items of a list tend to lack the same properties.
    learned: HashMap<String, Value>,
}

impl Repairs {
    /// Substitutes for the failure `message` at `keys` of `value`; `false` when there is
    /// nothing to substitute.
    ///
    /// A failure inside a union's variant is reported at the union, with the variant's
    /// message within its own (`no variant of Owner matched: User: missing field
    /// `login`; …`): a missing property is put in the union's object, and the type its
    /// `null` then fails with is the variant's.
    fn repair(&mut self, value: &mut Value, mut keys: Vec<Key>, message: &str) -> bool {
        let nested = !message.starts_with("missing field") && !message.starts_with("invalid type");
        let invalid = invalid_type(message);
        // The `null` put in for a missing property: the property's empty value instead.
        // (Failing elsewhere, the property took the `null`.)
        if let (Some(pending), Some((_, expected))) = (self.pending.take(), invalid) {
            if nested || path_text(&pending) == path_text(&keys) {
                let Some(empty) = empty_value(expected) else {
                    return false;
                };
                let Some(slot) = at(value, &pending) else {
                    return false;
                };
                *slot = empty.clone();
                if let Some(last) = self.substitutions.last_mut() {
                    last.value = empty.clone();
                }
                self.learned.insert(shape(&pending), empty);
                return true;
            }
        }
        if let Some(field) = quoted(message, "missing field `") {
            let Some(Value::Object(object)) = at(value, &keys) else {
                return false;
            };
            if object.contains_key(field) {
                // Missing deeper in a variant than its object: not this one's to fill.
                return false;
            }
            keys.push(Key::Field(field.to_owned()));
            // `null` first: what `null` fails with says the type, and so its empty value.
            let guess = self
                .learned
                .get(&shape(&keys))
                .cloned()
                .unwrap_or(Value::Null);
            object.insert(field.to_owned(), guess.clone());
            self.substitutions.push(Substitution {
                path: path_text(&keys),
                deviation: Deviation::Missing,
                value: guess.clone(),
            });
            self.pending = guess.is_null().then_some(keys);
            return true;
        }
        let Some((found, expected)) = invalid else {
            return false;
        };
        let Some(empty) = empty_value(expected) else {
            return false;
        };
        if nested {
            return false;
        }
        let path = path_text(&keys);
        let Some(slot) = at(value, &keys) else {
            return false;
        };
        if *slot == empty {
            return false;
        }
        *slot = empty.clone();
        self.substitutions.push(Substitution {
            path,
            deviation: if found == "null" {
                Deviation::Null
            } else {
                Deviation::WrongType {
                    found: json_type(found).to_owned(),
                }
            },
            value: empty,
        });
        true
    }
}

/// What an `invalid type: FOUND, expected EXPECTED` message (at its start or within a
/// union's) says was found and was expected.
fn invalid_type(message: &str) -> Option<(&str, &str)> {
    let rest = &message[message.find("invalid type: ")? + "invalid type: ".len()..];
    let (found, expected) = rest.split_once(", expected ")?;
    // A union's message goes on with its next variant (`; Other: …`).
    let expected = expected.split(';').next().unwrap_or(expected);
    Some((found, expected))
}

/// The JSON type of what serde describes as `unexpected` (`string "x"`, `integer `1``).
fn json_type(unexpected: &str) -> &'static str {
    match unexpected.split([' ', '`']).next().unwrap_or_default() {
        "string" | "char" => "a string",
        "integer" => "an integer",
        "floating" => "a number",
        "boolean" => "a boolean",
        "map" => "an object",
        "sequence" => "an array",
        _ => "a value of another type",
    }
}

/// The text of `message` after the first `prefix` in it, up to the next backtick.
fn quoted<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let start = message.find(prefix)? + prefix.len();
    message[start..].split('`').next()
}

/// The empty value of the type serde describes as `expected`, if it has one.
fn empty_value(expected: &str) -> Option<Value> {
    const NUMBERS: &[&str] = &[
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
        "f32", "f64",
    ];
    let expected = expected.trim();
    let value = if expected == "a string" || expected == "a borrowed string" {
        Value::String(String::new())
    } else if NUMBERS.contains(&expected)
        || expected.contains("integer")
        || expected.contains("number")
    {
        Value::from(0)
    } else if expected == "a boolean" {
        Value::Bool(false)
    } else if expected.contains("date and time") {
        // `chrono`'s `Default`: the Unix epoch.
        Value::String("1970-01-01T00:00:00Z".to_owned())
    } else if expected.contains("date string") {
        Value::String("1970-01-01".to_owned())
    } else if expected.contains("UUID") {
        // `uuid`'s `Default`: the nil UUID.
        Value::String("00000000-0000-0000-0000-000000000000".to_owned())
    } else if expected == "a sequence" {
        Value::Array(Vec::new())
    } else if expected == "a map" || expected.starts_with("struct ") {
        Value::Object(Map::new())
    } else {
        return None;
    };
    Some(value)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Owner {
        login: String,
        id: u64,
        site_admin: bool,
        #[serde(default)]
        email: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Repo {
        name: String,
        owner: Owner,
        topics: Vec<String>,
        labels: BTreeMap<String, String>,
    }

    fn tolerant<T: DeserializeOwned>(body: serde_json::Value) -> (T, Vec<String>) {
        let (value, subs) = decode::<T>(body.to_string().as_bytes(), true)
            .unwrap_or_else(|f| panic!("{}: {}", f.path, f.message));
        // Sorted: the order the decoding meets them follows the order of a `Value`'s
        // keys, which serde_json's `preserve_order` feature changes.
        let mut subs: Vec<String> = subs.iter().map(ToString::to_string).collect();
        subs.sort();
        (value, subs)
    }

    #[test]
    fn a_body_that_matches_decodes_with_no_substitution() {
        let body = json!({"name": "r", "owner": {"login": "o", "id": 1, "site_admin": true}, "topics": [], "labels": {}});
        let (repo, subs) = tolerant::<Repo>(body);
        assert!(subs.is_empty());
        assert_eq!(repo.owner.login, "o");
    }

    #[test]
    fn missing_properties_and_nulls_become_empty_values_each_recorded() {
        let body = json!({"name": null, "owner": {"id": 7, "site_admin": null}, "labels": null});
        let (repo, subs) = tolerant::<Repo>(body);
        assert_eq!(
            repo,
            Repo {
                name: String::new(),
                owner: Owner {
                    login: String::new(),
                    id: 7,
                    site_admin: false,
                    email: None
                },
                topics: Vec::new(),
                labels: BTreeMap::new(),
            }
        );
        assert_eq!(
            subs,
            [
                "`labels` was null; decoded as {}",
                "`name` was null; decoded as \"\"",
                "`owner.login` was missing; decoded as \"\"",
                "`owner.site_admin` was null; decoded as false",
                "`topics` was missing; decoded as []",
            ]
        );
    }

    #[test]
    fn a_missing_object_is_an_object_of_empty_values() {
        let (repo, subs) = tolerant::<Repo>(json!({"name": "r", "topics": [], "labels": {}}));
        assert_eq!(repo.owner.id, 0);
        assert_eq!(
            subs,
            [
                "`owner.id` was missing; decoded as 0",
                "`owner.login` was missing; decoded as \"\"",
                "`owner.site_admin` was missing; decoded as false",
                "`owner` was missing; decoded as {}",
            ]
        );
    }

    #[test]
    fn values_of_another_type_and_items_of_lists() {
        let body = json!([
            {"login": "a", "id": "7", "site_admin": "false,"},
            {"id": 2, "site_admin": true},
            {"id": 3, "site_admin": true},
        ]);
        let (owners, subs) = tolerant::<Vec<Owner>>(body);
        assert_eq!(owners.len(), 3);
        assert_eq!(owners[2].login, "");
        assert_eq!(
            subs,
            [
                "`[0].id` was a string; decoded as 0",
                "`[0].site_admin` was a string; decoded as false",
                "`[1].login` was missing; decoded as \"\"",
                "`[2].login` was missing; decoded as \"\"",
            ]
        );
    }

    #[test]
    fn strict_decoding_and_what_has_no_empty_value_fail_with_the_path() {
        let body = json!({"name": "r", "owner": {"id": 7, "site_admin": true}, "topics": [], "labels": {}});
        let failure = decode::<Repo>(body.to_string().as_bytes(), false).expect_err("strict");
        assert_eq!(failure.path, "owner");
        assert!(
            failure.message.contains("missing field `login`"),
            "{}",
            failure.message
        );

        // A closed enum has no empty value; a date-time has its `Default`, the epoch.
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        enum Color {
            Red,
        }
        #[derive(Debug, Deserialize)]
        struct Dated {
            at: chrono::DateTime<chrono::Utc>,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Painted {
            color: Color,
            at: chrono::DateTime<chrono::Utc>,
        }
        let failure =
            decode::<Painted>(br#"{"color": null, "at": null}"#, true).expect_err("no empty color");
        assert_eq!(failure.path, "color");
        let (painted, subs) = tolerant::<Dated>(json!({ "at": null }));
        assert_eq!(painted.at, chrono::DateTime::<chrono::Utc>::default());
        assert_eq!(subs, ["`at` was null; decoded as \"1970-01-01T00:00:00Z\""]);
        let failure = decode::<Repo>(b"not json", true).expect_err("not JSON");
        assert_eq!(failure.path, ".");
    }
}
