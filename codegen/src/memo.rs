//! What a thread made from a text, kept so that the same text is not made again.

use std::cell::RefCell;
use std::collections::HashMap;

use foldhash::fast::FixedState;

/// Values a thread made, by the text each was made from (hashed with foldhash: the texts
/// are the description's or ours, and a collision costs time, not correctness). It keeps
/// at most the number its user gives, then starts afresh, so that a long-lived process (a
/// build script's, a test's) does not grow without end.
pub(crate) struct Memo<V>(RefCell<HashMap<String, V, FixedState>>);

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo(RefCell::default())
    }
}

impl<V: Clone> Memo<V> {
    /// The value made from `key` before on this thread, or `make()`'s, kept (of at most
    /// `most`) when it is `Ok`.
    pub(crate) fn get_or_try_make<E>(
        &self,
        key: &str,
        most: usize,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E> {
        if let Some(made) = self.0.borrow().get(key) {
            return Ok(made.clone());
        }
        let made = make()?;
        let mut kept = self.0.borrow_mut();
        if kept.len() >= most {
            kept.clear();
        }
        kept.insert(key.to_owned(), made.clone());
        Ok(made)
    }

    /// [`Memo::get_or_try_make`] of a `make` that can't fail.
    pub(crate) fn get_or_make(&self, key: &str, most: usize, make: impl FnOnce() -> V) -> V {
        match self.get_or_try_make(key, most, || Ok::<V, std::convert::Infallible>(make())) {
            Ok(made) => made,
            Err(never) => match never {},
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_made_once_failures_are_not_kept_and_a_full_memo_starts_afresh() {
        let memo = Memo::default();
        let made = std::cell::Cell::new(0);
        let make = |v: u32| {
            made.set(made.get() + 1);
            v
        };
        assert_eq!(memo.get_or_make("a", 2, || make(1)), 1);
        assert_eq!(memo.get_or_make("a", 2, || make(9)), 1);
        assert_eq!(
            memo.get_or_try_make("b", 2, || Err::<u32, _>("no")),
            Err("no")
        );
        assert_eq!(memo.get_or_make("b", 2, || make(2)), 2);
        assert_eq!(made.get(), 2);
        // Full at two: the third clears it, so `a` is made again.
        assert_eq!(memo.get_or_make("c", 2, || make(3)), 3);
        assert_eq!(memo.get_or_make("a", 2, || make(4)), 4);
        assert_eq!(made.get(), 4);
    }
}
