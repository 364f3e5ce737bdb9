//! `untagged_union!` and `tagged_union!`: how the unions of `models.rs` (`oneOf`, `anyOf`)
//! decode and encode, written once, and [`UnionError`], why a value is none of them.
//!
//! A union of the API description becomes a Rust enum with one variant per branch, declared
//! in `models.rs` as plain Rust; one line beside it gives it its serde impls:
//!
//! ```text
//! untagged_union!(IssueOrPullRequest { PullRequest, Issue });
//! tagged_union!(impl Serialize, Deserialize for Pet, "petType" { Cat("cat"), Dog("dog", "doggo") } else Unknown);
//! ```
//!
//! - An **untagged** union tries its variants in the order listed (the generator lists the
//!   most specific first: by JSON type, then objects with more required properties before
//!   those with fewer) and takes the first that decodes and, for an object, has a field
//!   for each of its properties (a map, or a struct with flattened fields, has room for
//!   all); when every variant that decodes would leave some out,
//!   the one that leaves out the fewest (the first of equals). When none does, the error names
//!   each variant and why it failed:
//!   ``no variant of IssueOrPullRequest matched: PullRequest: missing field `head`; Issue:
//!   missing field `number` ``. It is encoded as the value of its variant.
//! - A **tagged** union reads its tag property (`petType`) and decodes the variant that
//!   the tag's value names; a value the client does not know decodes into the fallback
//!   variant (`Unknown`), which keeps the whole JSON value, so that a newer server does not
//!   break this client. A value without the tag (which descriptions do not always mark
//!   required) is decoded as an untagged union would be. It is encoded as its variant's value with the tag added, unless the
//!   variant's struct writes the tag itself.
//!
//! Both decode by buffering the JSON into a `serde_json::Value` first, then trying
//! variants on it (never `#[serde(untagged)]`, whose error says only "data did not match
//! any variant"). `from_json` does the same from a `serde_json::Value`, with the error as a
//! [`UnionError`].

use std::fmt;

use serde::de::Visitor;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Why a JSON value is none of the variants of a union: returned by `from_json`, and the
/// message of the `serde_json::Error` when it is decoded with serde.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionError {
    union: &'static str,
    reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Reason {
    /// An untagged union: each variant tried, in order, with why it failed.
    NoMatch(Vec<(&'static str, String)>),
    /// A tagged union whose tag names a variant that the value is not.
    BadVariant {
        tag: &'static str,
        value: String,
        variant: &'static str,
        error: String,
    },
    /// A tagged union without its tag (or with a tag that is not a string), which no
    /// variant decodes either: each variant tried, in order, with why it failed.
    NoTag {
        tag: &'static str,
        attempts: Vec<(&'static str, String)>,
    },
}

impl UnionError {
    /// The name of the union, e.g. `IssueOrPullRequest`.
    pub fn union(&self) -> &str {
        self.union
    }

    /// The variants tried, each with why it did not match: every variant, in the order
    /// tried, of an untagged union or of a tagged union's value without its tag; the one
    /// the tag named otherwise.
    pub fn attempts(&self) -> Vec<(&str, &str)> {
        match &self.reason {
            Reason::NoMatch(attempts) | Reason::NoTag { attempts, .. } => {
                attempts.iter().map(|(v, e)| (*v, e.as_str())).collect()
            }
            Reason::BadVariant { variant, error, .. } => vec![(*variant, error.as_str())],
        }
    }

    pub(crate) fn no_match(union: &'static str, attempts: Vec<(&'static str, String)>) -> Self {
        UnionError {
            union,
            reason: Reason::NoMatch(attempts),
        }
    }

    pub(crate) fn bad_variant(
        union: &'static str,
        tag: &'static str,
        value: &str,
        variant: &'static str,
        error: String,
    ) -> Self {
        UnionError {
            union,
            reason: Reason::BadVariant {
                tag,
                value: value.to_owned(),
                variant,
                error,
            },
        }
    }

    pub(crate) fn no_tag(
        union: &'static str,
        tag: &'static str,
        attempts: Vec<(&'static str, String)>,
    ) -> Self {
        UnionError {
            union,
            reason: Reason::NoTag { tag, attempts },
        }
    }
}

impl fmt::Display for UnionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let union = self.union;
        let list = |f: &mut fmt::Formatter<'_>, attempts: &[(&str, String)]| {
            for (i, (variant, error)) in attempts.iter().enumerate() {
                let sep = if i == 0 { ": " } else { "; " };
                write!(f, "{sep}{variant}: {error}")?;
            }
            Ok(())
        };
        match &self.reason {
            Reason::NoMatch(attempts) => {
                write!(f, "no variant of {union} matched")?;
                list(f, attempts)
            }
            Reason::BadVariant {
                tag,
                value,
                variant,
                error,
            } => write!(
                f,
                "{union} with `{tag}` {value:?} is not a valid {variant}: {error}"
            ),
            Reason::NoTag { tag, attempts } => {
                write!(
                    f,
                    "{union} has no string property `{tag}` to say what it is, and no variant \
                     matched"
                )?;
                list(f, attempts)
            }
        }
    }
}

impl std::error::Error for UnionError {}

/// Decodes `value` as a `T`; the error says where in the value it failed.
pub(crate) fn attempt<'a, T: serde::Deserialize<'a>>(value: &'a Value) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let error = e.into_inner();
        if path == "." {
            error.to_string()
        } else {
            format!("at `{path}`: {error}")
        }
    })
}

/// How many of the properties of `input` (when it is an object; those that are not `null`)
/// `decoded`, a `T`, has no field for: 0 for a variant that keeps everything. A `T` that is
/// not a struct of named fields (a map, a union, a struct with flattened fields) keeps
/// everything.
pub(crate) fn lost<'de, T: Deserialize<'de>>(input: &Value, _decoded: &T) -> usize {
    let (Value::Object(input), Some(fields)) = (input, fields::<T>()) else {
        return 0;
    };
    input
        .iter()
        .filter(|(k, v)| !v.is_null() && !fields.contains(&k.as_str()))
        .count()
}

/// The property names a struct that derives `Deserialize` reads, which it passes to
/// `Deserializer::deserialize_struct`: read by a deserializer that records them and fails.
/// `None` for anything else. (Asking the struct keeps `Serialize` out of decoding.)
fn fields<'de, T: Deserialize<'de>>() -> Option<&'static [&'static str]> {
    struct Fields(Option<&'static [&'static str]>);

    impl<'de> Deserializer<'de> for &mut Fields {
        type Error = serde::de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = Some(fields);
            Err(serde::de::Error::custom("only its fields were asked for"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    let mut recorder = Fields(None);
    let _ = T::deserialize(&mut recorder);
    recorder.0
}

/// Encodes `value` with the property `tag` set to `tag_value`, unless `value` writes `tag`
/// itself.
pub(crate) fn serialize_tagged<T: Serialize, S: Serializer>(
    value: &T,
    tag: &str,
    tag_value: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(value).map_err(S::Error::custom)?;
    if let Value::Object(map) = &mut json {
        map.entry(tag)
            .or_insert_with(|| Value::String(tag_value.to_owned()));
    }
    json.serialize(serializer)
}

/// Implements the traits listed (`Serialize`, `Deserialize` with `from_json`) for an enum
/// whose variants each hold one value, tried in the order listed: see the module
/// documentation.
// A crate whose API has no untagged unions does not use it.
#[allow(unused_macros)]
macro_rules! untagged_union {
    (impl $($trait:ident),+ for $name:ident $variants:tt) => {
        $(untagged_union!(@$trait $name $variants);)+
    };
    (@Deserialize $name:ident { $($variant:ident),+ $(,)? }) => {
        impl $name {
            /// Decodes a JSON value as the first variant, in the order declared, that it is
            /// and that keeps all its properties (for an object), or else the variant that
            /// keeps the most of them.
            pub fn from_json(
                value: &serde_json::Value,
            ) -> Result<Self, $crate::runtime::union::UnionError> {
                use $crate::runtime::union::{attempt, lost, UnionError};
                let mut attempts = Vec::new();
                let mut best: Option<(usize, Self)> = None;
                $(
                    match attempt(value) {
                        Ok(inner) => {
                            let lost = lost(value, &inner);
                            let candidate = Self::$variant(inner);
                            if lost == 0 {
                                return Ok(candidate);
                            }
                            if best.as_ref().is_none_or(|(fewest, _)| lost < *fewest) {
                                best = Some((lost, candidate));
                            }
                        }
                        Err(error) => attempts.push((stringify!($variant), error)),
                    }
                )+
                match best {
                    Some((_, decoded)) => Ok(decoded),
                    None => Err(UnionError::no_match(stringify!($name), attempts)),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                Self::from_json(&value).map_err(serde::de::Error::custom)
            }
        }
    };
    (@Serialize $name:ident { $($variant:ident),+ $(,)? }) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(inner) => serde::Serialize::serialize(inner, serializer),)+
                }
            }
        }
    };
}

/// Implements the traits listed (`Serialize`, `Deserialize` with `from_json`) for an enum
/// of objects told apart by the string property `$tag`, each variant listed with the
/// values that name it (the first is the one written), and a fallback variant holding a
/// `serde_json::Value`: see the module documentation.
// A crate whose API has no tagged unions does not use it.
#[allow(unused_macros)]
macro_rules! tagged_union {
    (impl $($trait:ident),+ for $name:ident, $tag:literal $variants:tt else $fallback:ident) => {
        $(tagged_union!(@$trait $name, $tag $variants else $fallback);)+
    };
    (
        @Deserialize $name:ident, $tag:literal {
            $($variant:ident($first:literal $(, $alias:literal)*)),+ $(,)?
        } else $fallback:ident
    ) => {
        impl $name {
            /// Decodes a JSON value as the variant its tag names, or as the fallback when
            /// the tag is one this version of the client does not know.
            pub fn from_json(
                value: &serde_json::Value,
            ) -> Result<Self, $crate::runtime::union::UnionError> {
                use $crate::runtime::union::{attempt, UnionError};
                let Some(tag) = value.get($tag).and_then(serde_json::Value::as_str) else {
                    // Without a tag, as an untagged union: the first variant it is.
                    let mut attempts = Vec::new();
                    $(
                        match attempt(value) {
                            Ok(inner) => return Ok(Self::$variant(inner)),
                            Err(error) => attempts.push((stringify!($variant), error)),
                        }
                    )+
                    return Err(UnionError::no_tag(stringify!($name), $tag, attempts));
                };
                match tag {
                    $(
                        $first $(| $alias)* => attempt(value).map(Self::$variant).map_err(|e| {
                            UnionError::bad_variant(
                                stringify!($name),
                                $tag,
                                tag,
                                stringify!($variant),
                                e,
                            )
                        }),
                    )+
                    _ => Ok(Self::$fallback(value.clone())),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                Self::from_json(&value).map_err(serde::de::Error::custom)
            }
        }
    };
    (
        @Serialize $name:ident, $tag:literal {
            $($variant:ident($first:literal $(, $alias:literal)*)),+ $(,)?
        } else $fallback:ident
    ) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                use $crate::runtime::union::serialize_tagged;
                match self {
                    $(Self::$variant(inner) => serialize_tagged(inner, $tag, $first, serializer),)+
                    Self::$fallback(value) => serde::Serialize::serialize(value, serializer),
                }
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use {tagged_union, untagged_union};

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Cat {
        lives: i64,
    }

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Dog {
        #[serde(rename = "petType")]
        pet_type: String,
        good: bool,
    }

    #[derive(Debug, Clone, PartialEq)]
    enum Pet {
        Cat(Cat),
        Dog(Dog),
        Unknown(serde_json::Value),
    }
    tagged_union!(impl Serialize, Deserialize for Pet, "petType" { Cat("cat"), Dog("dog", "doggo") } else Unknown);

    #[derive(Debug, Clone, PartialEq)]
    enum IdOrName {
        Integer(i64),
        String(String),
        Cat(Cat),
    }
    untagged_union!(impl Serialize, Deserialize for IdOrName {
        Integer,
        String,
        Cat
    });

    #[test]
    fn untagged_takes_the_first_variant_that_decodes() {
        let decode = |v| serde_json::from_value::<IdOrName>(v).unwrap();
        assert_eq!(decode(json!(7)), IdOrName::Integer(7));
        assert_eq!(decode(json!("x")), IdOrName::String("x".into()));
        assert_eq!(decode(json!({"lives": 9})), IdOrName::Cat(Cat { lives: 9 }));
        for v in [json!(7), json!("x"), json!({"lives": 9})] {
            assert_eq!(serde_json::to_value(decode(v.clone())).unwrap(), v);
        }
    }

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Named {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Aged {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        age: Option<i64>,
    }

    #[derive(Debug, Clone, PartialEq)]
    enum Either {
        Named(Named),
        Aged(Aged),
    }
    untagged_union!(impl Serialize, Deserialize for Either { Named, Aged });

    #[test]
    fn untagged_objects_prefer_the_variant_that_keeps_the_properties() {
        // Both decode anything; the one that keeps what the value has wins.
        let aged = serde_json::from_value::<Either>(json!({"age": 3})).unwrap();
        assert_eq!(aged, Either::Aged(Aged { age: Some(3) }));
        let named = serde_json::from_value::<Either>(json!({"name": "a"})).unwrap();
        assert!(matches!(named, Either::Named(_)));
        // Neither keeps both: the first of the two that keep one.
        let both = serde_json::from_value::<Either>(json!({"name": "a", "age": 3})).unwrap();
        assert!(matches!(both, Either::Named(_)));
        let empty = serde_json::from_value::<Either>(json!({"other": null})).unwrap();
        assert!(matches!(empty, Either::Named(_)));
    }

    #[test]
    fn untagged_errors_name_every_variant() {
        let e = serde_json::from_value::<IdOrName>(json!({"lives": "many"})).unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("no variant of IdOrName matched: Integer: "),
            "{text}"
        );
        assert!(text.contains("; String: invalid type: map"), "{text}");
        assert!(
            text.contains("; Cat: at `lives`: invalid type: string"),
            "{text}"
        );
        let e = IdOrName::from_json(&json!(true)).unwrap_err();
        assert_eq!(e.union(), "IdOrName");
        let names: Vec<&str> = e.attempts().iter().map(|(v, _)| *v).collect();
        assert_eq!(names, ["Integer", "String", "Cat"]);
    }

    #[test]
    fn tagged_reads_the_tag_and_keeps_unknown_ones() {
        let cat = serde_json::from_value::<Pet>(json!({"petType": "cat", "lives": 9})).unwrap();
        assert_eq!(cat, Pet::Cat(Cat { lives: 9 }));
        // The tag is written although `Cat` has no such field.
        assert_eq!(
            serde_json::to_value(&cat).unwrap(),
            json!({"petType": "cat", "lives": 9})
        );
        let dog = json!({"petType": "doggo", "good": true});
        let decoded = serde_json::from_value::<Pet>(dog.clone()).unwrap();
        assert!(matches!(decoded, Pet::Dog(_)));
        // `Dog` writes its tag itself: kept as it is, and once.
        assert_eq!(serde_json::to_value(&decoded).unwrap(), dog);
        let fish = json!({"petType": "fish", "fins": 2});
        let decoded = serde_json::from_value::<Pet>(fish.clone()).unwrap();
        assert_eq!(decoded, Pet::Unknown(fish.clone()));
        assert_eq!(serde_json::to_value(&decoded).unwrap(), fish);
    }

    #[test]
    fn tagged_errors_name_the_variant_or_the_missing_tag() {
        let e = serde_json::from_value::<Pet>(json!({"petType": "cat"})).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Pet with `petType` \"cat\" is not a valid Cat: missing field `lives`"
        );
        let e = Pet::from_json(&json!({"lives": "many"})).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("Pet has no string property `petType` to say what it is"),
            "{e}"
        );
        assert_eq!(e.attempts().len(), 2);
    }

    #[test]
    fn tagged_without_the_tag_is_the_first_variant_it_is() {
        let cat = Pet::from_json(&json!({"lives": 1})).unwrap();
        assert_eq!(cat, Pet::Cat(Cat { lives: 1 }));
    }
}
