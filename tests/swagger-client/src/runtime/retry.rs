// @generated: copied by codegen from codegen/runtime/retry.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! When a failed attempt is sent again, and how long the client waits first.
//!
//! The decision is a pure function of the method, whether the request carries an
//! `Idempotency-Key`, and how the attempt failed, so that it is tested on its own.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

/// The statuses retried unless the client says otherwise.
pub(crate) const DEFAULT_RETRY_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];

/// How a client retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    /// Retries after the first attempt (so at most `max_retries + 1` attempts).
    pub(crate) max_retries: u32,
    /// Statuses that are retried (the idempotency in-progress `409` is retried regardless).
    pub(crate) statuses: Vec<u16>,
    /// The first backoff; each retry doubles it.
    pub(crate) initial_backoff: Duration,
    /// The longest backoff.
    pub(crate) max_backoff: Duration,
    /// The longest wait a `Retry-After` header can ask for.
    pub(crate) max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            statuses: DEFAULT_RETRY_STATUSES.to_vec(),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// How one attempt failed.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Failure<'a> {
    /// The server answered with a status that is not a success.
    Status(StatusCode, &'a HeaderMap),
    /// No connection could be made, so no byte of the request was sent.
    Connect,
    /// The attempt timed out; the request may have reached the server.
    Timeout,
    /// The connection broke after the request may have been sent (reset, closed early,
    /// cut off in the middle of the response).
    Interrupted,
    /// Anything else (a redirect loop, a request `reqwest` can't build): never retried.
    Other,
}

impl Failure<'_> {
    /// Classifies a `reqwest` error.
    pub(crate) fn of(error: &reqwest::Error) -> Failure<'static> {
        if error.is_connect() {
            Failure::Connect
        } else if error.is_timeout() {
            Failure::Timeout
        } else if error.is_request() || error.is_body() || error.is_decode() {
            Failure::Interrupted
        } else {
            Failure::Other
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Give the caller this failure.
    Stop,
    /// Send the request again after the server's `Retry-After` (already capped).
    RetryAfter(Duration),
    /// Send the request again after an exponential backoff.
    Backoff,
}

/// Whether sending `method` twice has the effect of sending it once (RFC 9110 §9.2.2), or
/// the request carries an `Idempotency-Key` that makes it so.
pub(crate) fn is_replay_safe(method: &Method, has_idempotency_key: bool) -> bool {
    has_idempotency_key
        || matches!(
            *method,
            Method::GET
                | Method::HEAD
                | Method::OPTIONS
                | Method::PUT
                | Method::DELETE
                | Method::TRACE
        )
}

/// Whether an attempt that failed with `failure` is sent again, after `retries_done`
/// retries, at wall-clock time `now` (for `Retry-After` dates).
///
/// A request that is not replay-safe (a `POST` or `PATCH` without an `Idempotency-Key`)
/// is retried only when nothing of it was sent, so that it can't take effect twice.
pub(crate) fn decide(
    policy: &RetryPolicy,
    max_retries: u32,
    retries_done: u32,
    method: &Method,
    has_idempotency_key: bool,
    failure: Failure<'_>,
    now: SystemTime,
) -> Decision {
    if retries_done >= max_retries {
        return Decision::Stop;
    }
    let safe = is_replay_safe(method, has_idempotency_key);
    match failure {
        Failure::Connect => Decision::Backoff,
        Failure::Timeout | Failure::Interrupted if safe => Decision::Backoff,
        Failure::Timeout | Failure::Interrupted | Failure::Other => Decision::Stop,
        Failure::Status(_, _) if !safe => Decision::Stop,
        Failure::Status(status, headers) => {
            let retry_after = retry_after(headers, now).map(|d| d.min(policy.max_retry_after));
            if status == StatusCode::CONFLICT {
                // The idempotency key's first execution is still in progress.
                let in_progress = header_is(headers, "idempotent-replayed", "false");
                return match retry_after {
                    Some(wait) if in_progress => Decision::RetryAfter(wait),
                    _ => Decision::Stop,
                };
            }
            if !policy.statuses.contains(&status.as_u16()) {
                return Decision::Stop;
            }
            match retry_after {
                Some(wait) => Decision::RetryAfter(wait),
                None => Decision::Backoff,
            }
        }
    }
}

fn header_is(headers: &HeaderMap, name: &str, value: &str) -> bool {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(value))
}

/// The wait a `Retry-After` header asks for, if it has one that parses.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    parse_retry_after(
        headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?,
        now,
    )
}

/// A `Retry-After` value (RFC 9110 §10.2.3): delay seconds, or an HTTP-date (a date in
/// the past is no wait).
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        let seconds = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = UNIX_EPOCH.checked_add(Duration::from_secs(u64::try_from(date.timestamp()).ok()?))?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The backoff before retry number `retries_done + 1`: `initial * 2^retries_done`, capped
/// at `max`, then scaled by a factor between ½ and 1 drawn from `jitter` (in `[0, 1)`), so
/// that clients that failed together do not retry together.
pub(crate) fn backoff(policy: &RetryPolicy, retries_done: u32, jitter: f64) -> Duration {
    let factor = 2u32.checked_pow(retries_done).unwrap_or(u32::MAX);
    let base = policy
        .initial_backoff
        .checked_mul(factor)
        .unwrap_or(policy.max_backoff)
        .min(policy.max_backoff);
    base.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
}

/// A random number in `[0, 1)`, from the standard library's randomly keyed hasher.
pub(crate) fn jitter() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u8(0);
    // The top 53 bits fill an `f64` mantissa exactly.
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn decide_now(method: &Method, key: bool, failure: Failure<'_>) -> Decision {
        decide(
            &RetryPolicy::default(),
            2,
            0,
            method,
            key,
            failure,
            SystemTime::now(),
        )
    }

    #[test]
    fn default_statuses_are_retried_on_safe_methods() {
        let none = HeaderMap::new();
        for code in DEFAULT_RETRY_STATUSES {
            let status = StatusCode::from_u16(code).unwrap();
            for method in [
                Method::GET,
                Method::PUT,
                Method::DELETE,
                Method::HEAD,
                Method::OPTIONS,
            ] {
                assert_eq!(
                    decide_now(&method, false, Failure::Status(status, &none)),
                    Decision::Backoff
                );
            }
        }
        for code in [400, 401, 403, 404, 409, 422, 501] {
            let status = StatusCode::from_u16(code).unwrap();
            assert_eq!(
                decide_now(&Method::GET, false, Failure::Status(status, &none)),
                Decision::Stop,
                "{code}"
            );
        }
    }

    #[test]
    fn a_post_without_a_key_is_retried_only_when_nothing_was_sent() {
        let none = HeaderMap::new();
        for method in [Method::POST, Method::PATCH] {
            assert_eq!(
                decide_now(&method, false, Failure::Connect),
                Decision::Backoff
            );
            assert_eq!(decide_now(&method, false, Failure::Timeout), Decision::Stop);
            assert_eq!(
                decide_now(&method, false, Failure::Interrupted),
                Decision::Stop
            );
            let unavailable = Failure::Status(StatusCode::SERVICE_UNAVAILABLE, &none);
            assert_eq!(decide_now(&method, false, unavailable), Decision::Stop);
            // With a key, the server deduplicates, so every retryable failure is retried.
            assert_eq!(
                decide_now(&method, true, Failure::Timeout),
                Decision::Backoff
            );
            assert_eq!(
                decide_now(&method, true, Failure::Interrupted),
                Decision::Backoff
            );
            assert_eq!(decide_now(&method, true, unavailable), Decision::Backoff);
        }
        assert_eq!(
            decide_now(&Method::GET, false, Failure::Interrupted),
            Decision::Backoff
        );
        assert_eq!(
            decide_now(&Method::GET, false, Failure::Other),
            Decision::Stop
        );
    }

    #[test]
    fn retries_stop_when_they_run_out() {
        let policy = RetryPolicy::default();
        let now = SystemTime::now();
        assert_eq!(
            decide(&policy, 2, 1, &Method::GET, false, Failure::Connect, now),
            Decision::Backoff
        );
        assert_eq!(
            decide(&policy, 2, 2, &Method::GET, false, Failure::Connect, now),
            Decision::Stop
        );
        assert_eq!(
            decide(&policy, 0, 0, &Method::GET, false, Failure::Connect, now),
            Decision::Stop
        );
    }

    #[test]
    fn only_the_in_progress_conflict_is_retried() {
        let in_progress = headers(&[("idempotent-replayed", "false"), ("retry-after", "3")]);
        let conflict = Failure::Status(StatusCode::CONFLICT, &in_progress);
        assert_eq!(
            decide_now(&Method::POST, true, conflict),
            Decision::RetryAfter(Duration::from_secs(3))
        );
        let plain = headers(&[("retry-after", "3")]);
        assert_eq!(
            decide_now(
                &Method::POST,
                true,
                Failure::Status(StatusCode::CONFLICT, &plain)
            ),
            Decision::Stop
        );
        let no_wait = headers(&[("idempotent-replayed", "false")]);
        assert_eq!(
            decide_now(
                &Method::POST,
                true,
                Failure::Status(StatusCode::CONFLICT, &no_wait)
            ),
            Decision::Stop
        );
        // A 422 (key reused for another request) is never retried.
        let reused = Failure::Status(StatusCode::UNPROCESSABLE_ENTITY, &plain);
        assert_eq!(decide_now(&Method::POST, true, reused), Decision::Stop);
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let h = headers(&[("retry-after", "7")]);
        let failure = Failure::Status(StatusCode::TOO_MANY_REQUESTS, &h);
        assert_eq!(
            decide_now(&Method::GET, false, failure),
            Decision::RetryAfter(Duration::from_secs(7))
        );
        let long = headers(&[("retry-after", "86400")]);
        let failure = Failure::Status(StatusCode::SERVICE_UNAVAILABLE, &long);
        assert_eq!(
            decide_now(&Method::GET, false, failure),
            Decision::RetryAfter(Duration::from_secs(60))
        );
        let policy = RetryPolicy {
            max_retry_after: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        let decision = decide(
            &policy,
            2,
            0,
            &Method::GET,
            false,
            failure,
            SystemTime::now(),
        );
        assert_eq!(decision, Decision::RetryAfter(Duration::from_secs(5)));
    }

    #[test]
    fn retry_after_parses_seconds_and_http_dates() {
        // 1994-11-06T08:49:37Z
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("1.5", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("", now), None);
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn backoff_grows_exponentially_with_jitter_up_to_the_cap() {
        let policy = RetryPolicy::default();
        assert_eq!(
            backoff(&policy, 0, 0.999_999),
            Duration::from_millis(500).mul_f64(0.999_999_5)
        );
        assert_eq!(backoff(&policy, 0, 0.0), Duration::from_millis(250));
        assert_eq!(backoff(&policy, 1, 0.0), Duration::from_millis(500));
        assert_eq!(backoff(&policy, 3, 0.0), Duration::from_secs(2));
        assert_eq!(backoff(&policy, 4, 0.0), Duration::from_secs(4));
        assert_eq!(backoff(&policy, 5, 0.0), Duration::from_secs(4));
        assert_eq!(backoff(&policy, 40, 1.0), Duration::from_secs(8));
        for _ in 0..100 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j), "{j}");
        }
    }
}
