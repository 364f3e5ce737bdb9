//! Replays what the fuzzer (`fuzz/`, run with `cargo fuzz` on nightly) found, on stable, so
//! that CI keeps it: every file of its minimized corpus (`fuzz/corpus/generate/`) and every
//! reproducer of a crash or hang it found (`fuzz/artifacts/generate/regressions/`) must end
//! in `Ok` or `Err` (diagnostics), without a panic, within [`LIMIT`]. As in the fuzz target,
//! an input that is not UTF-8 is skipped and rustfmt is not run.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The most one input may take, in a debug build, on a loaded machine.
const LIMIT: Duration = Duration::from_secs(10);

fn inputs(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// How one input ended, if it did not end well.
enum Failure {
    Panicked,
    Hung,
}

/// Generates from each of `files`, a worker thread a core pulling from one queue, and
/// returns the inputs that panicked or took longer than [`LIMIT`].
fn replay(files: &[PathBuf]) -> Vec<(PathBuf, Failure)> {
    let specs: Vec<(PathBuf, String)> = files
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            String::from_utf8(bytes)
                .ok()
                .map(|text| (path.clone(), text))
        })
        .collect();
    let queue = std::sync::Mutex::new(specs.into_iter());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Each worker says when it starts an input and how it ended; the main thread watches
    // the clock, as a worker stuck in a hang can't.
    let (tx, rx) = mpsc::channel::<(usize, PathBuf, Option<bool>)>();
    let mut failures = Vec::new();
    std::thread::scope(|scope| {
        for worker in 0..workers {
            let tx = tx.clone();
            let queue = &queue;
            let next = move || queue.lock().map(|mut q| q.next()).ok().flatten();
            scope.spawn(move || {
                while let Some((path, spec)) = next() {
                    let _ = tx.send((worker, path.clone(), None));
                    let ended = std::panic::catch_unwind(|| {
                        codegen::generate_unformatted(&spec, &codegen::Options::default())
                    })
                    .is_ok();
                    let _ = tx.send((worker, path, Some(ended)));
                }
            });
        }
        drop(tx);
        let mut started: Vec<Option<(PathBuf, Instant)>> = vec![None; workers];
        loop {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok((worker, path, None)) => started[worker] = Some((path, Instant::now())),
                Ok((worker, path, Some(ended))) => {
                    started[worker] = None;
                    if !ended {
                        failures.push((path, Failure::Panicked));
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            let hung = started
                .iter()
                .flatten()
                .find(|(_, since)| since.elapsed() > LIMIT);
            if let Some((path, _)) = hung {
                // A hung worker can't be stopped, and the scope would wait for it: leave
                // the process at once with what failed.
                failures.push((path.clone(), Failure::Hung));
                eprintln!("{}", describe(&failures));
                std::process::exit(101);
            }
        }
    });
    failures
}

fn describe(failures: &[(PathBuf, Failure)]) -> String {
    let lines: Vec<String> = failures
        .iter()
        .map(|(path, failure)| match failure {
            Failure::Panicked => format!("{}: panicked", path.display()),
            Failure::Hung => format!("{}: did not end within {LIMIT:?}", path.display()),
        })
        .collect();
    format!(
        "the generator failed on inputs the fuzzer found (reproduce one in fuzz/ with `cargo +nightly fuzz run generate FILE`):\n{}",
        lines.join("\n")
    )
}

#[test]
fn the_fuzz_corpus_ends_without_a_panic_in_bounded_time() {
    let files = inputs("corpus/generate");
    assert!(files.len() > 10, "the corpus is there: {}", files.len());
    let failures = replay(&files);
    assert!(failures.is_empty(), "{}", describe(&failures));
}

#[test]
fn what_the_fuzzer_found_ends_without_a_panic_in_bounded_time() {
    let files = inputs("artifacts/generate/regressions");
    let failures = replay(&files);
    assert!(failures.is_empty(), "{}", describe(&failures));
}
