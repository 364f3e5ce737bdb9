// @generated: copied by codegen from codegen/runtime/open_enum.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! `open_enum!`: what every string enum of `models.rs` does, written once; and
//! `open_int_enum!`, the same for integer enums.
//!
//! An enum of the API description becomes a Rust enum with a variant per listed value and
//! a fallback variant that keeps any other value as received, so that a value added by a
//! newer server does not break this client. The enum itself is declared in `models.rs`,
//! as plain Rust with its rustdoc (each variant names its value); one line beside it,
//!
//! ```text
//! open_enum!(Status { Active("active"), OnHold("on hold") } else Unknown);
//! ```
//!
//! gives it, from that list of variants and values and the name of the fallback:
//!
//! - `as_str()`: the value as the API sends and receives it;
//! - `From<&str>` and `From<String>`, and `FromStr` (which never fails): a listed value
//!   becomes its variant, any other the fallback;
//! - `Display`: the value;
//! - serde's `Serialize` and `Deserialize`, as a JSON string: unknown values round-trip
//!   through the fallback.
//!
//! Why a macro for the impls and not for the whole enum: the enum stays an item that
//! rustdoc, the IDE and a reader of `models.rs` see as written (its variants, their docs,
//! its derives), while the impls, which only repeat the list of values, are here once
//! instead of some sixty lines per enum; rustdoc still lists every impl, and `as_str` with
//! its doc. (Inside a macro call the generator's formatter prints the tokens as they come,
//! so an enum declared there would read as one run-on line of `#[doc = "..."]` attributes.)
//! A trait with default methods was the alternative, but `Display`, `FromStr` and serde's
//! traits can't be implemented for all implementors of a local trait (the orphan rule), so
//! each enum would still need six impls of its own.

/// Implements `as_str`, `From<&str>`, `From<String>`, `FromStr`, `Display`, `Serialize`
/// and `Deserialize` for an enum of string values declared with a unit variant per value
/// and a fallback variant holding a `String`: see the module documentation.
// A crate whose API has no enums does not use it.
#[allow(unused_macros)]
macro_rules! open_enum {
    ($name:ident { $($variant:ident($value:literal)),* $(,)? } else $fallback:ident) => {
        impl $name {
            /// The value as the API sends and receives it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$fallback(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::$fallback(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    $($value => Self::$variant,)*
                    _ => Self::$fallback(value),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use open_enum;

/// Implements `value`, `From<i64>`, `Display`, `Serialize` and `Deserialize` for an enum of
/// integer values (`type: integer` with `enum`) declared with a unit variant per value and
/// a fallback variant holding an `i64`, as `open_enum!` does for strings:
///
/// ```text
/// open_int_enum!(Priority { Low(1), High(2) } else Unknown);
/// ```
// A crate whose API has no integer enums does not use it.
#[allow(unused_macros)]
macro_rules! open_int_enum {
    ($name:ident { $($variant:ident($value:literal)),* $(,)? } else $fallback:ident) => {
        impl $name {
            /// The value as the API sends and receives it.
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$fallback(value) => *value,
                }
            }
        }

        impl From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::$fallback(other),
                }
            }
        }

        impl From<$name> for i64 {
            fn from(value: $name) -> Self {
                value.value()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                <i64 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use open_int_enum;

#[cfg(test)]
mod tests {
    /// An enum as `models.rs` declares one, with a value that needs escaping and a listed
    /// value `unknown`, so the fallback has another name.
    #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
    enum Mode {
        OnHold,
        Quoted,
        Unknown,
        Other(String),
    }
    open_enum!(Mode { OnHold("on hold"), Quoted("say \"hi\""), Unknown("unknown") } else Other);

    #[test]
    fn listed_values_map_to_their_variants_and_back() {
        for (mode, value) in [
            (Mode::OnHold, "on hold"),
            (Mode::Quoted, "say \"hi\""),
            (Mode::Unknown, "unknown"),
        ] {
            assert_eq!(mode.as_str(), value);
            assert_eq!(mode.to_string(), value);
            assert_eq!(Mode::from(value), mode);
            assert_eq!(Mode::from(value.to_owned()), mode);
            assert_eq!(value.parse::<Mode>(), Ok(mode.clone()));
            let json = serde_json::to_string(&mode).unwrap();
            assert_eq!(json, serde_json::to_string(value).unwrap());
            assert_eq!(serde_json::from_str::<Mode>(&json).unwrap(), mode);
        }
    }

    /// An integer enum as `models.rs` declares one.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    enum Level {
        Low,
        Minus,
        Unknown(i64),
    }
    open_int_enum!(Level { Low(1), Minus(-1) } else Unknown);

    #[test]
    fn integer_enums_keep_unknown_values() {
        for (level, value) in [(Level::Low, 1), (Level::Minus, -1), (Level::Unknown(7), 7)] {
            assert_eq!(level.value(), value);
            assert_eq!(i64::from(level), value);
            assert_eq!(Level::from(value), level);
            assert_eq!(level.to_string(), value.to_string());
            let json = serde_json::to_string(&level).unwrap();
            assert_eq!(json, value.to_string());
            assert_eq!(serde_json::from_str::<Level>(&json).unwrap(), level);
        }
        // Not an integer: an error, not a fallback.
        assert!(serde_json::from_str::<Level>("\"1\"").is_err());
    }

    #[test]
    fn other_values_are_kept_in_the_fallback() {
        let other = Mode::Other("On Hold".to_owned());
        assert_eq!(Mode::from("On Hold"), other);
        assert_eq!(Mode::from("On Hold".to_owned()), other);
        assert_eq!("On Hold".parse::<Mode>(), Ok(other.clone()));
        assert_eq!(other.as_str(), "On Hold");
        assert_eq!(other.to_string(), "On Hold");
        assert_eq!(serde_json::to_string(&other).unwrap(), "\"On Hold\"");
        assert_eq!(serde_json::from_str::<Mode>("\"On Hold\"").unwrap(), other);
        assert_eq!(Mode::from(""), Mode::Other(String::new()));
        // Not a string: an error, not a fallback.
        assert!(serde_json::from_str::<Mode>("1").is_err());
    }
}
