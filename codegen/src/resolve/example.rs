//! The examples of parameters and bodies, for the generated documentation: an inline
//! `example`, else the first of `examples` (a `$ref` into `components/examples` followed).

use indexmap::IndexMap;
use openapiv3::{Example, ReferenceOr};
use serde_json::Value;

use super::Resolver;
use crate::pointer::join;

impl<'a> Resolver<'a, '_> {
    /// `example`, else the value of the first of `examples` that has one.
    pub(super) fn example(
        &mut self,
        example: &'a Option<Value>,
        examples: &'a IndexMap<String, ReferenceOr<Example>>,
        at: &str,
    ) -> Option<Value> {
        if let Some(value) = example {
            return Some(value.clone());
        }
        let at = join(at, "examples");
        examples.iter().find_map(|(key, e)| {
            let (e, _) = self.deref(e, &join(&at, key), "examples", |c| &c.examples)?;
            e.value.clone()
        })
    }
}
