//! Work on a second thread, the one way the phases that split their work do it.

/// `here()` on this thread and `beside()` on another, at once, and both results. A panic
/// on the other thread (a bug: no phase's work panics) is passed on as it was.
pub(crate) fn join<A, B: Send>(
    here: impl FnOnce() -> A,
    beside: impl FnOnce() -> B + Send,
) -> (A, B) {
    std::thread::scope(|scope| {
        let other = scope.spawn(beside);
        let a = here();
        match other.join() {
            Ok(b) => (a, b),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Drops `value` on a thread of its own, where freeing it costs the phases that follow
/// no time: until `emit`, they use one core of several. Inline when no thread can be
/// started.
pub(crate) fn drop_beside<T: Send + 'static>(value: T) {
    // A thread that can't be started drops the closure, and `value` with it, here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_results_come_back_and_a_panic_beside_is_passed_on() {
        let mut here = 0;
        assert_eq!(
            join(
                || {
                    here += 1;
                    here
                },
                || 2
            ),
            (1, 2)
        );
        let panic = std::panic::catch_unwind(|| join(|| (), || panic!("the other thread")));
        let payload = panic.expect_err("passed on");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"the other thread"));
    }
}
