//! Hundreds of calls against `prism mock --errors --dynamic`, which invents a
//! schema-valid response for each: every one must decode into the generated types.

use std::collections::BTreeMap;
use std::path::Path;

use contract::{calls, explain, spec, Mode, Prism};
use futures::StreamExt;

/// Rounds of `calls::all` (56 calls each): 6 × 56 = 336 calls.
const ROUNDS: usize = 6;
/// Requests in flight at once.
const CONCURRENCY: usize = 8;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invented_responses_of_every_operation_decode() {
    let prism = Prism::start(
        &spec("ahasend-openapi.yaml"),
        Mode::Dynamic,
        Path::new(env!("CARGO_TARGET_TMPDIR")),
    );
    let client = prism.client();
    let calls = (0..ROUNDS).flat_map(|round| {
        calls::all(&client, round)
            .into_iter()
            .map(move |call| (round, call))
    });
    let outcomes: Vec<(usize, &'static str, Result<(), ahasend::Error>)> =
        futures::stream::iter(calls)
            .map(|(round, call)| async move { (round, call.operation, call.future.await) })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;

    let mut per_operation: BTreeMap<&str, (usize, Vec<String>)> = BTreeMap::new();
    for (round, operation, outcome) in &outcomes {
        let entry = per_operation.entry(operation).or_default();
        entry.0 += 1;
        if let Err(error) = outcome {
            entry
                .1
                .push(format!("round {round}: {}", explain(operation, error)));
        }
    }
    let failed: usize = per_operation.values().map(|(_, f)| f.len()).sum();
    println!(
        "{} calls to Prism (dynamic) over {} operations, {failed} failed",
        outcomes.len(),
        per_operation.len()
    );
    assert!(outcomes.len() >= 300, "only {} calls", outcomes.len());
    assert!(
        per_operation.values().all(|(n, _)| *n == ROUNDS),
        "every operation is called every round"
    );
    let report: Vec<String> = per_operation
        .iter()
        .filter(|(_, (_, failures))| !failures.is_empty())
        .map(|(operation, (n, failures))| {
            // The first few of each operation: invented responses repeat the same mistakes.
            let shown: Vec<&str> = failures.iter().take(3).map(String::as_str).collect();
            format!(
                "{operation}: {} of {n} failed\n  {}",
                failures.len(),
                shown.join("\n  ")
            )
        })
        .collect();
    assert!(
        report.is_empty(),
        "{failed} of {} calls failed:\n{}\nPrism's log {}",
        outcomes.len(),
        report.join("\n"),
        prism.log_tail()
    );
}
