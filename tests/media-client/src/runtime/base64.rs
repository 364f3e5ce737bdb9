// @generated: copied by codegen from codegen/runtime/base64.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Bytes that travel as base64 text: a string with `format: byte` (OpenAPI 3.0) or
//! `contentEncoding: base64` (3.1). The client encodes what it sends and decodes what it
//! receives, so the user handles bytes, never the text.

use std::fmt;
use std::str::FromStr;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

/// How bytes are read from text: with or without the `=` padding.
const READ: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);

/// The standard alphabet (RFC 4648 section 4), which is what is sent (with padding).
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, READ);

/// The URL-safe alphabet (RFC 4648 section 5), read too: text with `-` or `_` is in it.
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, READ);

/// Bytes sent and received as base64 text (`format: byte`, `contentEncoding: base64`).
///
/// Build one from bytes (`Base64Bytes::from(b"hello")`, `Base64Bytes::new(vec)`), or parse
/// base64 text (`"aGVsbG8=".parse::<Base64Bytes>()`); read the bytes with
/// [`as_bytes`](Self::as_bytes) or [`into_vec`](Self::into_vec). It serializes as
/// standard base64 with padding, and reads either alphabet, with or without padding, with
/// line breaks (MIME's 76-character lines) or without.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64Bytes(Vec<u8>);

impl Base64Bytes {
    /// The bytes `bytes`.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Base64Bytes(bytes.into())
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }

    /// The base64 text that is sent.
    pub fn encode(&self) -> String {
        STANDARD.encode(&self.0)
    }
}

impl std::ops::Deref for Base64Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Base64Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Base64Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Base64Bytes(bytes)
    }
}

impl From<&[u8]> for Base64Bytes {
    fn from(bytes: &[u8]) -> Self {
        Base64Bytes(bytes.to_vec())
    }
}

impl<const N: usize> From<&[u8; N]> for Base64Bytes {
    fn from(bytes: &[u8; N]) -> Self {
        Base64Bytes(bytes.to_vec())
    }
}

impl From<Base64Bytes> for Vec<u8> {
    fn from(bytes: Base64Bytes) -> Self {
        bytes.0
    }
}

/// The length only: the bytes may be large, and may be secret.
impl fmt::Debug for Base64Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64Bytes({} bytes)", self.0.len())
    }
}

/// The base64 text, as a query, path or header parameter carries it.
impl fmt::Display for Base64Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

/// Text that is not base64, in either alphabet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidBase64(String);

impl fmt::Display for InvalidBase64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base64: {}", self.0)
    }
}

impl std::error::Error for InvalidBase64 {}

impl FromStr for Base64Bytes {
    type Err = InvalidBase64;

    fn from_str(text: &str) -> Result<Self, InvalidBase64> {
        let compact: String;
        let text = if text.contains(|c: char| c.is_ascii_whitespace()) {
            compact = text.split_ascii_whitespace().collect();
            compact.as_str()
        } else {
            text
        };
        let engine = if text.contains(['-', '_']) {
            &URL_SAFE
        } else {
            &STANDARD
        };
        engine
            .decode(text)
            .map(Base64Bytes)
            .map_err(|e| InvalidBase64(e.to_string()))
    }
}

impl serde::Serialize for Base64Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encode())
    }
}

impl<'de> serde::Deserialize<'de> for Base64Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;

        impl serde::de::Visitor<'_> for Text {
            type Value = Base64Bytes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Base64Bytes, E> {
                text.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sends_standard_base64_with_padding() {
        let bytes = Base64Bytes::from(b"hi?>");
        assert_eq!(bytes.to_string(), "aGk/Pg==");
        assert_eq!(serde_json::to_string(&bytes).unwrap(), "\"aGk/Pg==\"");
    }

    #[test]
    fn reads_either_alphabet_with_or_without_padding_and_line_breaks() {
        for text in ["aGk/Pg==", "aGk/Pg", "aGk_Pg==", "aGk_Pg", "aGk/\r\nPg==\n"] {
            let bytes: Base64Bytes = text.parse().unwrap();
            assert_eq!(bytes.as_bytes(), b"hi?>", "{text}");
        }
        let json: Base64Bytes = serde_json::from_str("\"aGVsbG8=\"").unwrap();
        assert_eq!(json.into_vec(), b"hello");
    }

    #[test]
    fn text_that_is_not_base64_fails() {
        assert!("not base64!".parse::<Base64Bytes>().is_err());
        let err = serde_json::from_str::<Base64Bytes>("\"a\"").unwrap_err();
        assert!(err.to_string().contains("invalid base64"), "{err}");
        let err = serde_json::from_str::<Base64Bytes>("12").unwrap_err();
        assert!(err.to_string().contains("a base64 string"), "{err}");
    }

    #[test]
    fn debug_shows_the_length_only() {
        assert_eq!(
            format!("{:?}", Base64Bytes::from(b"secret")),
            "Base64Bytes(6 bytes)"
        );
    }
}
