// @generated: copied by codegen from codegen/runtime/multipart.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! `multipart/form-data` bodies: [`FilePart`]s for files, and [`Multipart`], the parts of
//! a form in order, which the request builders fill from their typed fields (and which an
//! operation whose schema lists no fields takes as it is).
//!
//! Copied into a generated crate only when its API sends multipart bodies (it needs the
//! `bytes` crate and `reqwest`'s `multipart` feature).

use std::fmt;

use bytes::Bytes;
use serde::Serialize;

use super::error::Error;
use super::http::{BodySource, OperationInfo, Request};

/// A file sent as one part of a `multipart/form-data` body: its bytes, file name and
/// content type.
///
/// Without [`FilePart::file_name`], the part's name is sent as its file name (servers
/// tell files from plain fields by it); without [`FilePart::content_type`], the media
/// type the API declares for the field, or `application/octet-stream`.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A file of `bytes`.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The file name sent in the part's `Content-Disposition`.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The part's `Content-Type`, e.g. `image/png`.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("bytes", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl From<Bytes> for FilePart {
    fn from(bytes: Bytes) -> Self {
        FilePart::new(bytes)
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        FilePart::new(bytes)
    }
}

impl From<&'static [u8]> for FilePart {
    fn from(bytes: &'static [u8]) -> Self {
        FilePart::new(bytes)
    }
}

/// The parts of a `multipart/form-data` body, in the order they are sent. It is built
/// anew for each attempt, so a retry sends the same parts (with a new boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Multipart {
    parts: Vec<(String, Part)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// A field's value as text (no `Content-Type`, i.e. `text/plain`, unless one is given).
    Text {
        value: String,
        content_type: Option<&'static str>,
    },
    /// A value as JSON (`application/json`, unless another type is given).
    Json {
        bytes: Vec<u8>,
        content_type: &'static str,
    },
    /// A file, with the content type to send when it has none.
    File {
        file: FilePart,
        default_content_type: &'static str,
    },
}

impl Multipart {
    /// No parts yet.
    pub fn new() -> Self {
        Multipart::default()
    }

    /// Adds a text part.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.push_text(name.into(), value.into(), None);
        self
    }

    /// Adds a file part.
    pub fn file(mut self, name: impl Into<String>, file: FilePart) -> Self {
        self.push_file(name.into(), file, "application/octet-stream");
        self
    }

    /// Adds a part holding `value` as JSON (`Content-Type: application/json`).
    ///
    /// # Errors
    ///
    /// When `value` can't be serialised as JSON.
    pub fn json<T: Serialize + ?Sized>(
        mut self,
        name: impl Into<String>,
        value: &T,
    ) -> Result<Self, serde_json::Error> {
        let bytes = serde_json::to_vec(value)?;
        self.parts.push((
            name.into(),
            Part::Json {
                bytes,
                content_type: "application/json",
            },
        ));
        Ok(self)
    }

    /// Adds a text part, with a declared content type.
    pub(crate) fn push_text(
        &mut self,
        name: impl Into<String>,
        value: String,
        content_type: Option<&'static str>,
    ) {
        self.parts.push((
            name.into(),
            Part::Text {
                value,
                content_type,
            },
        ));
    }

    /// Adds a part holding `value` as JSON, sent as `content_type`.
    pub(crate) fn push_json<T: Serialize + ?Sized>(
        &mut self,
        operation: &'static OperationInfo,
        name: &'static str,
        value: &T,
        content_type: &'static str,
    ) -> Result<(), Error> {
        let bytes = serde_json::to_vec(value).map_err(|source| Error::Encode {
            operation: operation.id,
            source,
        })?;
        self.parts.push((
            name.to_owned(),
            Part::Json {
                bytes,
                content_type,
            },
        ));
        Ok(())
    }

    /// Adds a file part, sent as `default_content_type` unless the file has its own.
    pub(crate) fn push_file(
        &mut self,
        name: impl Into<String>,
        file: FilePart,
        default_content_type: &'static str,
    ) {
        self.parts.push((
            name.into(),
            Part::File {
                file,
                default_content_type,
            },
        ));
    }

    /// The form `reqwest` sends.
    fn form(&self) -> Result<reqwest::multipart::Form, String> {
        let mut form = reqwest::multipart::Form::new();
        for (name, part) in &self.parts {
            let part = match part {
                Part::Text {
                    value,
                    content_type,
                } => {
                    let part = reqwest::multipart::Part::text(value.clone());
                    match content_type {
                        Some(content_type) => with_type(part, content_type, name)?,
                        None => part,
                    }
                }
                Part::Json {
                    bytes,
                    content_type,
                } => with_type(
                    reqwest::multipart::Part::bytes(bytes.clone()),
                    content_type,
                    name,
                )?,
                Part::File {
                    file,
                    default_content_type,
                } => {
                    let part = reqwest::multipart::Part::stream(file.bytes.clone())
                        .file_name(file.file_name.clone().unwrap_or_else(|| name.clone()));
                    let content_type = file.content_type.as_deref();
                    with_type(part, content_type.unwrap_or(default_content_type), name)?
                }
            };
            form = form.part(name.clone(), part);
        }
        Ok(form)
    }
}

/// `part` with the `Content-Type` `content_type`.
fn with_type(
    part: reqwest::multipart::Part,
    content_type: &str,
    name: &str,
) -> Result<reqwest::multipart::Part, String> {
    part.mime_str(content_type).map_err(|_| {
        format!("the content type {content_type:?} of the multipart part `{name}` is not a valid media type")
    })
}

impl BodySource for Multipart {
    fn attach(
        &mut self,
        builder: reqwest::RequestBuilder,
    ) -> Result<reqwest::RequestBuilder, String> {
        Ok(builder.multipart(self.form()?))
    }

    fn replayable(&self) -> bool {
        true
    }
}

impl Request {
    /// Sets a `multipart/form-data` body.
    pub(crate) fn multipart(&mut self, form: Multipart) {
        self.source(form);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_keep_their_order_and_types() {
        let form = Multipart::new()
            .text("name", "Ada")
            .file(
                "avatar",
                FilePart::new(vec![1, 2]).content_type("image/png"),
            )
            .json("meta", &serde_json::json!({"a": 1}))
            .expect("JSON");
        let names: Vec<&str> = form.parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["name", "avatar", "meta"]);
        assert!(form.form().is_ok());
        let bad = Multipart::new().file("f", FilePart::new(vec![]).content_type("not a type"));
        assert!(bad.form().is_err_and(|why| why.contains("`f`")));
    }
}
