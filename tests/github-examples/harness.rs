//! The harness of `tests/tests/github_examples.rs`: decodes each example of a success
//! response of GitHub's description into its operation's generated success type, encodes
//! it again, and compares the two JSON values.
//!
//! The test copies this file as `src/main.rs` of a crate it makes in
//! `target/github-examples/harness/`, which depends on GitHub's generated client (crate
//! `github`, beside it) and holds `src/ops.rs`: `OPS`, from each operationId to a function
//! built by [`decode`] for the operation's request builder (or, for an operation whose
//! success statuses have different bodies, from `operationId status` to one built by
//! [`decode_variant`] for the variant of its status enum). It reads the examples from the
//! JSON file its argument names (`[{"id": .., "op": .., "status": .., "value": ..}]`) and
//! prints one line per example: `ok <TAB> id`, or `fail <TAB> id <TAB> why`.
//!
//! Each example is then decoded again as the client decodes a response it tolerates
//! deviations in (the runtime's `decode.rs`, copied beside this file as `src/decode.rs`):
//! `tolerant <TAB> id <TAB> ok <TAB> substitutions` or `tolerant <TAB> id <TAB> fail <TAB>
//! why`. Last, one line `bench <TAB> strict-ns <TAB> tolerant-ns` gives the time to decode
//! the largest example that needs no substitution, as before and through the tolerant
//! decoder.
//!
//! `harness --auth` instead checks the client's authentication ([`auth`], copied beside
//! it as `src/auth.rs`) and exits with an error if it fails.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::time::Instant;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

include!("ops.rs");

mod auth;
// The runtime's `codegen/runtime/decode.rs`, which the test copies here.
#[allow(dead_code)]
#[rustfmt::skip]
mod decode;

/// How [`round_trip`] decodes, set by `main` for each pass.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// With the path of the first failure, as the client's strict decoding.
    Strict,
    /// As the client decodes by default: with substitutions, kept in [`SUBSTITUTIONS`].
    Tolerant,
    /// Time the client's decoding of a body that needs no substitution: first as before
    /// the tolerant decoder (`serde_json::from_str`), then through it; kept in [`TIMES`].
    Bench,
}

thread_local! {
    static MODE: Cell<Mode> = const { Cell::new(Mode::Strict) };
    static SUBSTITUTIONS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static TIMES: Cell<(u128, u128)> = const { Cell::new((0, 0)) };
}

/// Decodes of one body per timing.
const BENCH_RUNS: u32 = 200;

/// Decodes `text` as the success type of the builder whose `send` is `_send`, and encodes
/// it again.
fn decode<B, S, F, T>(_send: S, text: &str) -> Result<Value, String>
where
    S: FnOnce(B) -> F,
    F: Future<Output = Result<T, github::Error>>,
    T: DeserializeOwned + Serialize,
{
    round_trip::<T>(text)
}

/// Decodes `text` as the body of a variant of an operation's status enum (its success
/// statuses have different bodies), and encodes it again.
fn decode_variant<T, E>(_variant: fn(T) -> E, text: &str) -> Result<Value, String>
where
    T: DeserializeOwned + Serialize,
{
    round_trip::<T>(text)
}

/// `text` decoded as a `T`, then encoded.
fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> Result<Value, String> {
    match MODE.with(Cell::get) {
        Mode::Strict => {}
        Mode::Tolerant => {
            let (decoded, substitutions) = decode::decode::<T>(text.as_bytes(), true)
                .map_err(|f| format!("decode: at `{}`: {}", f.path, f.message))?;
            SUBSTITUTIONS.with(|s| {
                *s.borrow_mut() = substitutions.iter().map(ToString::to_string).collect();
            });
            return serde_json::to_value(&decoded).map_err(|e| format!("encode: {e}"));
        }
        Mode::Bench => {
            let time = |f: &dyn Fn()| {
                let start = Instant::now();
                for _ in 0..BENCH_RUNS {
                    f();
                }
                start.elapsed().as_nanos() / u128::from(BENCH_RUNS)
            };
            let before = time(&|| {
                std::hint::black_box(serde_json::from_str::<T>(text).ok());
            });
            let tolerant = time(&|| {
                std::hint::black_box(decode::decode::<T>(text.as_bytes(), true).ok());
            });
            TIMES.with(|t| t.set((before, tolerant)));
            return Ok(Value::Null);
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let decoded: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        format!("decode: at `{path}`: {}", e.into_inner())
    })?;
    serde_json::to_value(&decoded).map_err(|e| format!("encode: {e}"))
}

/// The value as compared: object fields that are `null` left out (absent and `null` are
/// alike), numbers as `f64` (`1` and `1.0` are alike), and date-times in one form
/// (`2020-01-01T00:00:00.000Z` and `2020-01-01T00:00:00Z` are alike).
fn normalise(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), normalise(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalise).collect()),
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| value.clone(), Value::Number),
        Value::String(s) => match chrono::DateTime::parse_from_rfc3339(s) {
            Ok(t) => Value::String(t.with_timezone(&chrono::Utc).to_rfc3339()),
            Err(_) => value.clone(),
        },
        other => other.clone(),
    }
}

/// Where two values first differ, as a JSON path and the two sides.
fn difference(path: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let at = format!("{path}.{k}");
                match y.get(k) {
                    Some(w) => {
                        if let Some(d) = difference(&at, v, w) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("`{at}` is not kept")),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("`{path}.{k}` is added"))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| difference(&format!("{path}[{i}]"), v, w)),
        _ if a == b => None,
        _ => Some(format!("`{path}`: {a} became {b}")),
    }
}

fn main() {
    let file = std::env::args()
        .nth(1)
        .expect("usage: harness EXAMPLES.json | --auth");
    if file == "--auth" {
        if let Err(failure) = auth::check() {
            eprintln!("authentication: {failure}");
            std::process::exit(1);
        }
        println!("authentication: ok");
        return;
    }
    let text = std::fs::read_to_string(&file).expect("the examples are readable");
    let examples: Vec<Value> = serde_json::from_str(&text).expect("the examples are JSON");
    let ops: std::collections::HashMap<&str, Decode> = OPS.iter().copied().collect();
    // The largest body that decodes with no substitution, and its decoder, for the bench.
    let mut largest: (String, Decode) = (String::new(), |_| Ok(Value::Null));
    for example in &examples {
        let id = example["id"].as_str().unwrap_or_default();
        let op = example["op"].as_str().unwrap_or_default();
        let status = example["status"].as_str().unwrap_or_default();
        let value = &example["value"];
        // An operation whose statuses have different bodies is decoded per status.
        let by_status = format!("{op} {status}");
        let Some(decode) = ops.get(by_status.as_str()).or_else(|| ops.get(op)) else {
            println!("fail\t{id}\tno operation `{op}` in the generated client");
            continue;
        };
        let text = value.to_string();
        MODE.with(|m| m.set(Mode::Strict));
        let strict = decode(&text);
        match &strict {
            Ok(encoded) => {
                let (before, after) = (normalise(value), normalise(encoded));
                match difference("$", &before, &after) {
                    None => println!("ok\t{id}"),
                    Some(d) => println!("fail\t{id}\tround trip: {d}"),
                }
            }
            Err(e) => println!("fail\t{id}\t{}", e.replace(['\n', '\t'], " ")),
        }
        MODE.with(|m| m.set(Mode::Tolerant));
        match decode(&text) {
            Ok(_) => {
                let substitutions = SUBSTITUTIONS.with(|s| s.take()).join("; ");
                println!(
                    "tolerant\t{id}\tok\t{}",
                    substitutions.replace(['\n', '\t'], " ")
                );
                let decodes_strictly = strict.is_ok();
                if decodes_strictly && substitutions.is_empty() && text.len() > largest.0.len() {
                    largest = (text.clone(), *decode);
                }
            }
            Err(e) => println!("tolerant\t{id}\tfail\t{}", e.replace(['\n', '\t'], " ")),
        }
    }
    let (text, decode) = &largest;
    if !text.is_empty() {
        MODE.with(|m| m.set(Mode::Bench));
        let _ = decode(text);
        let (before, tolerant) = TIMES.with(Cell::get);
        println!("bench\t{}\t{before}\t{tolerant}", text.len());
    }
}
