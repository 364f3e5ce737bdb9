// @generated: copied by codegen from codegen/runtime/object.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! `deserialize_struct!`: serde's `Deserialize` for a struct of `models.rs`, in the
//! little code a JSON object needs.
//!
//! A struct the client receives is declared in `models.rs` as plain Rust, with its
//! rustdoc and derives; a call beside it lists its fields with their types, and their
//! names on the wire where these differ from the Rust ones, those whose type is an `Option`
//! (itself or through an alias) last,
//!
//! ```text
//! deserialize_struct! {
//!     Repository {
//!         id: i64,
//!         "type" => type_: String,
//!     }
//!     optional {
//!         full_name: Option<String>,
//!     }
//! }
//! ```
//!
//! and implements `Deserialize` as `#[derive(serde::Deserialize)]` would for a JSON object:
//! fields it does not list are skipped, a field left out is `None` if it is an `Option`
//! (listed after `optional`) and the error ``missing field `id` `` otherwise, and the
//! value of a field is decoded by its type's own `Deserialize`. The field names are passed to
//! `Deserializer::deserialize_struct`, where a union reads them to tell its variants apart
//! (`runtime::union`). Two things differ from the derive, neither of which a JSON API
//! does: a field given twice keeps its last value (as `serde_json::Value` does) where the
//! derive rejects the object, and an array is an error where the derive reads the fields
//! by position.
//!
//! Why not the derive: for each struct it also writes a visitor of arrays, an enum of the
//! fields and a visitor of their names and numbers, code that a client of JSON objects
//! never runs and that its compiler checks all the same. On GitHub's client (1,545 structs
//! decoded this way) that was a fifth of `cargo check`'s time and a quarter of its peak
//! memory. Structs with flattened members, or with fields that tell `null` from absent,
//! keep the derive.

use std::borrow::Cow;
use std::marker::PhantomData;

/// Implements `Deserialize` for a struct from its fields, each with its type and, where it
/// differs from the field's, its name on the wire (`"type" => type_: String`): first the
/// fields whose type is not an `Option`, then, after `optional`, those whose type is
/// (itself or through an alias), which a missing value leaves `None`. See the module
/// documentation.
// A crate whose API has no such structs does not use it.
#[allow(unused_macros)]
macro_rules! deserialize_struct {
    (
        $name:ident { $($($wire:literal =>)? $field:ident: $ty:ty),* $(,)? }
        $(optional { $($($owire:literal =>)? $ofield:ident: $oty:ty),* $(,)? })?
    ) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // The names tell a union's variants apart (`runtime::union::lost`).
                deserializer.deserialize_struct(
                    stringify!($name),
                    &[
                        $(deserialize_struct!(@wire $field $($wire)?),)*
                        $($(deserialize_struct!(@wire $ofield $($owire)?),)*)?
                    ],
                    crate::runtime::object::Fields::<$name>::new(),
                )
            }
        }

        impl<'de> serde::de::Visitor<'de> for crate::runtime::object::Fields<$name> {
            type Value = $name;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!("struct ", stringify!($name)))
            }

            // Each slot's type is written out, and each field leaves its slot before the
            // struct is built: left to inference, or read out with `?` inside the struct
            // literal, these cost the compiler time that grows with the square of the
            // number of fields. A field's error is returned by a `match`, not `?`, which
            // costs the compiler two trait calls a field.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                $(let mut $field: Option<$ty> = None;)*
                $($(let mut $ofield: $oty = None;)*)?
                while let Some(key) = map.next_key::<crate::runtime::object::Key<'de>>()? {
                    match key.as_str() {
                        $(deserialize_struct!(@wire $field $($wire)?) => {
                            match map.next_value() {
                                Ok(value) => $field = Some(value),
                                Err(error) => return Err(error),
                            }
                        })*
                        $($(deserialize_struct!(@wire $ofield $($owire)?) => {
                            match map.next_value() {
                                Ok(value) => $ofield = value,
                                Err(error) => return Err(error),
                            }
                        })*)?
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                $(let Some($field) = $field else {
                    return Err(serde::de::Error::missing_field(
                        deserialize_struct!(@wire $field $($wire)?),
                    ));
                };)*
                Ok($name { $($field,)* $($($ofield,)*)? })
            }
        }
    };
    (@wire $field:ident $wire:literal) => {
        $wire
    };
    (@wire $field:ident) => {
        stringify!($field)
    };
}

#[allow(unused_imports)]
pub(crate) use deserialize_struct;

/// The visitor `deserialize_struct!` implements for each struct.
pub(crate) struct Fields<T>(PhantomData<T>);

impl<T> Fields<T> {
    pub(crate) fn new() -> Self {
        Fields(PhantomData)
    }
}

/// The name of a field as read from JSON: borrowed from the input where it can be.
pub(crate) struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E>(self, name: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(name)))
            }

            fn visit_str<E>(self, name: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(name.to_owned())))
            }

            fn visit_string<E>(self, name: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(name)))
            }
        }

        deserializer.deserialize_identifier(Visitor)
    }
}

/// Reads a field that can be left out (`None`, through `#[serde(default)]`), `null`
/// (`Some(None)`) or a value (`Some(Some(value))`): the `deserialize_with` of the fields of
/// `models.rs` that tell `null` from absent.
// Unused when no struct that reads it is received, or compiled.
#[allow(dead_code)]
pub(crate) fn explicit_null<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}
