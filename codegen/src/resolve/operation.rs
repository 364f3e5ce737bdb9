//! Operations: parameters, bodies and responses (their security is in `security.rs`).

use openapiv3::ReferenceOr;

use super::Resolver;
use crate::diagnostics::Diagnostic;
use crate::ir::Outcomes;
use crate::ir::{Method, Operation, Param};
use crate::naming::{camel, snake, Names};
use crate::pointer::join;
use crate::reserved;

/// The longest method name made from an `operationId`. Its file,
/// `src/operations/{name}.rs`, must fit in a file name (255 bytes on common file systems),
/// and no person would choose a longer name.
const MAX_NAME_LEN: usize = 100;

/// For an `operationId` whose snake-case name is over [`MAX_NAME_LEN`] characters, its
/// last words that fit (the most specific: `users.calendars.events.createUploadSession`
/// keeps `create_upload_session` first); a single word is cut.
fn short_name(id: &str) -> Option<String> {
    let name = snake(id);
    if name.len() <= MAX_NAME_LEN {
        return None;
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut len = 0;
    for word in name.split('_').filter(|w| !w.is_empty()).rev() {
        if len + word.len() > MAX_NAME_LEN {
            break;
        }
        len += word.len() + 1;
        kept.push(word);
    }
    if kept.is_empty() {
        return Some(name.chars().take(MAX_NAME_LEN).collect());
    }
    kept.reverse();
    Some(kept.join("_"))
}

impl<'a> Resolver<'a, '_> {
    /// Every operation of `paths`, in document order.
    pub(crate) fn operations(&mut self) -> Vec<Operation> {
        let mut fn_names = Names::new();
        for m in reserved::CLIENT_METHODS {
            fn_names.reserve(m);
        }
        let mut builder_names = Names::new();
        let mut out = Vec::new();
        for (path, item) in &self.doc.paths.paths {
            let pointer = join("/paths", path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    self.cx.push(
                        Diagnostic::error(
                            &pointer,
                            format!("path item `$ref` `{reference}` is not supported"),
                        )
                        .help("write the path item inline"),
                    );
                    continue;
                }
            };
            for (method_name, op) in item.iter() {
                let Some(method) = Method::from_field(method_name) else {
                    continue;
                };
                let op_pointer = join(&pointer, method_name);
                let (id, id_derived) = match &op.operation_id {
                    Some(id) if !id.trim().is_empty() => (id.clone(), false),
                    // Not from a query string the template may carry (see `check`).
                    _ => {
                        let path = path.split('?').next().unwrap_or(path);
                        (snake(&format!("{method_name} {path}")), true)
                    }
                };
                let name = match short_name(&id) {
                    Some(short) => {
                        self.cx.push(
                            Diagnostic::warning(
                                &op_pointer,
                                format!(
                                    "operation `{id}` makes a name of over {MAX_NAME_LEN} characters; its method is named from its last words, `{short}`"
                                ),
                            )
                            .help("give the operation a shorter `operationId`"),
                        );
                        short
                    }
                    None => id.clone(),
                };
                let fn_name = fn_names.claim(&snake(&name));
                if id_derived {
                    self.cx.push(
                        Diagnostic::warning(
                            &op_pointer,
                            format!(
                                "{} {path} has no operationId; its method is named `{fn_name}`",
                                method.as_str()
                            ),
                        )
                        .help("add an `operationId` to choose the name"),
                    );
                }
                let builder_name = builder_names.claim(&camel(&name));
                let params = self.params(item, &pointer, op, &op_pointer, path, &builder_name);
                let body = op.request_body.as_ref().and_then(|b| {
                    self.request_body(b, &builder_name, &join(&op_pointer, "requestBody"))
                });
                let responses = self.responses(op, &builder_name, &op_pointer);
                let security = self.security(op.security.as_ref(), &op_pointer);
                let rate_class = self.rate_class(&id, &op.tags, &op.extensions, &op_pointer);
                let idempotency_key = params.iter().any(Param::is_idempotency_key);
                out.push(Operation {
                    id,
                    id_derived,
                    fn_name,
                    builder_name,
                    method,
                    path: path.clone(),
                    pointer: op_pointer,
                    summary: op.summary.clone(),
                    description: op.description.clone(),
                    deprecated: op.deprecated,
                    params,
                    body,
                    responses,
                    security,
                    pagination: None,
                    idempotency_key,
                    rate_class,
                    outcomes: Outcomes::default(),
                    produces: op
                        .extensions
                        .get(crate::swagger::PRODUCES)
                        .and_then(|p| serde_json::from_value(p.clone()).ok())
                        .unwrap_or_default(),
                    tags: op.tags.clone(),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_operation_ids_keep_their_last_words() {
        assert_eq!(short_name("users.getCalendar"), None);
        let long = format!("{}.createUploadSession", "users.calendars.events".repeat(8));
        let short = short_name(&long).expect("shortened");
        assert!(short.len() <= MAX_NAME_LEN, "{short}");
        assert!(short.ends_with("events_create_upload_session"), "{short}");
        assert!(!short.starts_with('_'), "{short}");
        let word = "a".repeat(300);
        assert_eq!(short_name(&word).map(|s| s.len()), Some(MAX_NAME_LEN));
    }
}
