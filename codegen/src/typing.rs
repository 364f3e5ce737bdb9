//! Between phases 2 and 3: the normalised JSON typed as an `openapiv3` document.
//!
//! `openapiv3` has no `webhooks` (an OpenAPI 3.1 field), so they are typed here too, as
//! path items. Type errors name the JSON pointer of the node that failed.

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, ReferenceOr};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostics::{Ctxt, Diagnostic};
use crate::locate::escape_segment;

/// A typed document.
#[derive(Debug)]
pub struct Typed {
    /// Everything `openapiv3` models.
    pub doc: OpenAPI,
    /// The document's `webhooks`, in order.
    pub webhooks: IndexMap<String, ReferenceOr<PathItem>>,
}

/// Types `value`, reporting where it does not fit the OpenAPI model.
pub fn type_document(mut value: Value, cx: &mut Ctxt) -> Option<Typed> {
    let webhooks = value
        .as_object_mut()
        .and_then(|root| root.remove("webhooks"))
        .unwrap_or(Value::Null);
    let webhooks = match webhooks {
        Value::Null => IndexMap::new(),
        other => typed::<IndexMap<String, ReferenceOr<PathItem>>>(other, "/webhooks", cx)?,
    };
    let doc = typed::<OpenAPI>(value, "", cx)?;
    Some(Typed { doc, webhooks })
}

/// Deserialises `value` as `T`, or reports the pointer at which it failed.
fn typed<T: DeserializeOwned>(value: Value, base: &str, cx: &mut Ctxt) -> Option<T> {
    // `openapiv3` has an `expect` in its error path; a panic there must not escape.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        serde_path_to_error::deserialize::<_, T>(value)
    }));
    match result {
        Ok(Ok(t)) => Some(t),
        Ok(Err(e)) => {
            let mut pointer = base.to_owned();
            for segment in e.path().iter() {
                use serde_path_to_error::Segment;
                let s = match segment {
                    Segment::Seq { index } => index.to_string(),
                    Segment::Map { key } => escape_segment(key),
                    Segment::Enum { variant } => escape_segment(variant),
                    Segment::Unknown => break,
                };
                pointer.push('/');
                pointer.push_str(&s);
            }
            cx.push(
                Diagnostic::error(pointer, format!("this does not fit the OpenAPI model: {}", e.inner()))
                    .help("compare it with the OpenAPI specification's object at this place"),
            );
            None
        }
        Err(_) => {
            cx.push(
                Diagnostic::error(base, "the OpenAPI model could not read this part of the document")
                    .help("validate the document with an OpenAPI linter to find the malformed object"),
            );
            None
        }
    }
}
