// @generated: copied by codegen from codegen/runtime/ratelimit.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Client-side rate limits: one token bucket per rate-limit class.
//!
//! Each attempt of a request takes a token from its operation's class first, waiting for
//! one if the bucket is empty. Waiting is a plain timer inside the caller's future: no
//! background task, and dropping the future stops the wait without taking a token.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// A rate-limit class of the API, as the generator configured it.
#[derive(Debug)]
pub(crate) struct RateClass {
    /// Its name, e.g. `general`.
    pub(crate) name: &'static str,
    /// Tokens added per second.
    pub(crate) per_second: f64,
    /// Tokens the bucket holds at most (requests that may go at once).
    pub(crate) burst: u32,
}

/// A token bucket.
#[derive(Debug)]
pub(crate) struct Bucket {
    per_second: f64,
    burst: f64,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    tokens: f64,
    updated: Option<Instant>,
}

impl Bucket {
    /// A full bucket. `per_second` must be positive and `burst` at least 1 (the builder
    /// checks both).
    pub(crate) fn new(per_second: f64, burst: u32) -> Self {
        let burst = f64::from(burst.max(1));
        Bucket {
            per_second,
            burst,
            state: Mutex::new(State {
                tokens: burst,
                updated: None,
            }),
        }
    }

    /// Takes a token at `now`, or says how long until one is there.
    fn try_take(&self, now: Instant) -> Result<(), Duration> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(updated) = state.updated {
            let refill = now.saturating_duration_since(updated).as_secs_f64() * self.per_second;
            state.tokens = (state.tokens + refill).min(self.burst);
        }
        state.updated = Some(now);
        if state.tokens >= 1.0 {
            state.tokens -= 1.0;
            Ok(())
        } else {
            let missing = 1.0 - state.tokens;
            // At least a millisecond, so rounding can't make the wait spin.
            Err(Duration::from_secs_f64(missing / self.per_second).max(Duration::from_millis(1)))
        }
    }

    /// Waits until a token is there, and takes it.
    pub(crate) async fn acquire(&self) {
        loop {
            match self.try_take(Instant::now()) {
                Ok(()) => return,
                Err(wait) => tokio::time::sleep(wait).await,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    #[tokio::test(start_paused = true)]
    async fn burst_goes_at_once_then_the_rate_applies() {
        let bucket = Bucket::new(1.0, 1);
        let start = Instant::now();
        for _ in 0..3 {
            bucket.acquire().await;
        }
        assert_eq!(start.elapsed().as_millis(), 2000);

        let bucket = Bucket::new(100.0, 200);
        let start = Instant::now();
        for _ in 0..200 {
            bucket.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        for _ in 0..100 {
            bucket.acquire().await;
        }
        let elapsed = start.elapsed().as_secs_f64();
        assert!((0.99..=1.01).contains(&elapsed), "{elapsed}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_cancelled_wait_takes_no_token() {
        let bucket = Bucket::new(1.0, 1);
        bucket.acquire().await;
        {
            let mut waiting = pin!(bucket.acquire());
            let mut cx = Context::from_waker(Waker::noop());
            assert!(waiting.as_mut().poll(&mut cx).is_pending());
        } // dropped: the wait ends here
        tokio::time::advance(Duration::from_secs(1)).await;
        // The token that arrived meanwhile is still there for the next caller.
        let mut next = pin!(bucket.acquire());
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(next.as_mut().poll(&mut cx), Poll::Ready(()));
    }

    #[tokio::test(start_paused = true)]
    async fn tokens_refill_up_to_the_burst_only() {
        let bucket = Bucket::new(10.0, 2);
        tokio::time::advance(Duration::from_secs(60)).await;
        let start = Instant::now();
        for _ in 0..3 {
            bucket.acquire().await;
        }
        assert_eq!(start.elapsed().as_millis(), 100);
    }
}
