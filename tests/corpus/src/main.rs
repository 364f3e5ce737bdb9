//! `corpus`: measures the generator on real-world OpenAPI documents.
//!
//! ```text
//! cargo run -p corpus --release -- [--generate-only] [--directory] [--only SUBSTRING] [-j N]
//!                                  [--no-github] [--update-expected] [--timeout SECS]
//! ```
//!
//! Fetches the APIs.guru directory and GitHub's description with `npm pack` into
//! `target/corpus/` (once), generates a client for each document listed in
//! `../shared/corpus/dev-sample.txt` (or, with `--directory`, for every document of the
//! directory) and for GitHub's, `cargo check`s the generated crates (unless
//! `--generate-only`), and prints one line per document, a summary, the causes of
//! refusals and of warnings, and the comparison with `tests/corpus/expected-refusals.txt`.
//! See the README's "Real-world corpus".

mod build;
mod causes;
mod check;
mod expected;
mod fetch;
mod names;
mod outcome;
mod process;
mod value_uses;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use outcome::Outcome;

const USAGE: &str = "\
usage: cargo run -p corpus --release -- [OPTIONS]

  --generate-only     generate only; no `cargo check` of the generated crates (what CI runs)
  --directory         every document of the directory (2,639), not the development sample;
                      refusals are reported, not compared with the expected list
  --only SUBSTRING    only the documents whose path contains SUBSTRING
  --cache DIR         fetch, generate and log into DIR instead of target/corpus/ (to keep
                      two runs apart, e.g. before and after a change)
  --codegen PATH      run this codegen binary instead of building the repository's (e.g. a
                      release build, or another commit's to compare with)
  -j, --jobs N        generate N documents at a time, and give cargo N jobs (default 2)
  --no-github         leave out GitHub's description
  --update-expected   rewrite tests/corpus/expected-refusals.txt to this run's refusals
  --timeout SECS      per document (default 60)
  -h, --help          this text

Exits 1 on a panic, a timeout, or a refusal not in tests/corpus/expected-refusals.txt
(not checked with --directory);
2 when the harness itself cannot run (no sample list, no npm, …).";

/// The sample of the APIs.guru directory, relative to the repository root.
const SAMPLE: &str = "../shared/corpus/dev-sample.txt";
/// The committed expected refusals, relative to the repository root.
const EXPECTED: &str = "tests/corpus/expected-refusals.txt";
/// GitHub's description: its path inside the `@octokit/openapi` package, which is also
/// its name in the output and in the expected list.
const GITHUB_DOC: &str = "generated/api.github.com.json";

struct Args {
    generate_only: bool,
    directory: bool,
    only: Option<String>,
    codegen: Option<PathBuf>,
    cache: Option<PathBuf>,
    jobs: usize,
    github: bool,
    update_expected: bool,
    timeout: Duration,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Args>, String> {
    let mut out = Args {
        generate_only: false,
        directory: false,
        only: None,
        codegen: None,
        cache: None,
        jobs: 2,
        github: true,
        update_expected: false,
        timeout: Duration::from_secs(60),
    };
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => match arg.strip_prefix("-j").filter(|v| !v.is_empty()) {
                Some(v) => ("-j".to_owned(), Some(v.to_owned())),
                None => (arg.clone(), None),
            },
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--generate-only" => out.generate_only = true,
            "--directory" => out.directory = true,
            "--only" => out.only = Some(value("--only")?),
            "--codegen" => out.codegen = Some(PathBuf::from(value("--codegen")?)),
            "--cache" => out.cache = Some(PathBuf::from(value("--cache")?)),
            "-j" | "--jobs" => {
                let v = value("-j")?;
                out.jobs = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("-j needs a positive number, not `{v}`"))?;
            }
            "--no-github" => out.github = false,
            "--update-expected" => out.update_expected = true,
            "--timeout" => {
                let v = value("--timeout")?;
                let secs: u64 = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--timeout needs a positive number, not `{v}`"))?;
                out.timeout = Duration::from_secs(secs);
            }
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Some(out))
}

/// A document's outcome and how long its generation took, or why it could not be run.
type Generated = Result<(Outcome, Duration), String>;

/// One document of the run.
struct Doc {
    /// Its path inside its npm package: what the lists and the output name it by.
    path: String,
    spec: PathBuf,
    slug: String,
    crate_name: String,
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// The whole run; `Ok(false)` when it found a panic, a timeout or a regression.
fn run(args: &Args) -> Result<bool, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot find the repository root {}: {e}", root.display()))?;
    let cache = match &args.cache {
        Some(dir) => {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            dir.canonicalize()
                .map_err(|e| format!("cannot find {}: {e}", dir.display()))?
        }
        None => root.join("target/corpus"),
    };

    let sample = if args.directory {
        fetch::documents(&cache, &fetch::DIRECTORY, "api/")?
    } else {
        read_sample(&root.join(SAMPLE))?
    };

    // Every document of the corpus, whether this run takes it or not: slugs stay the
    // same under `--only`, and the expected list is checked against all of them.
    let mut corpus: Vec<&str> = sample.iter().map(String::as_str).collect();
    corpus.push(GITHUB_DOC);
    let slugs = names::unique_slugs(corpus.iter().copied());
    let selected = |path: &str| {
        (args.github || path != GITHUB_DOC) && args.only.as_deref().is_none_or(|s| path.contains(s))
    };

    let wanted: Vec<&str> = corpus
        .iter()
        .copied()
        .filter(|p| *p != GITHUB_DOC && selected(p))
        .collect();
    let directory = fetch::ensure(&cache, &fetch::DIRECTORY, &wanted)?;
    let github = if selected(GITHUB_DOC) {
        Some(fetch::ensure(&cache, &fetch::GITHUB, &[GITHUB_DOC])?)
    } else {
        None
    };
    let docs: Vec<Doc> = corpus
        .iter()
        .zip(&slugs)
        .filter(|(path, _)| selected(path))
        .map(|(path, slug)| Doc {
            path: (*path).to_owned(),
            spec: match (*path == GITHUB_DOC, &github) {
                (true, Some(github)) => github.join(path),
                _ => directory.join(path),
            },
            slug: slug.clone(),
            crate_name: names::crate_name(slug),
        })
        .collect();
    if docs.is_empty() {
        return Err("no document matches --only".to_owned());
    }
    let missing: Vec<&str> = docs
        .iter()
        .filter(|d| !d.spec.is_file())
        .map(|d| d.path.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{} listed document(s) are not in the fetched packages: {}",
            missing.len(),
            missing.join(", ")
        ));
    }

    let codegen = match &args.codegen {
        // Absolute: the binary runs in `target/corpus/`.
        Some(path) if path.is_file() => path
            .canonicalize()
            .map_err(|e| format!("cannot find {}: {e}", path.display()))?,
        Some(path) => return Err(format!("no codegen binary at {}", path.display())),
        None => build::codegen(&root, false, Some(args.jobs))?,
    };

    let started = Instant::now();
    let mut results = generate(&codegen, &cache, &docs, args)?;
    let generation_time = started.elapsed();

    let mut check_time = None;
    if !args.generate_only {
        let started = Instant::now();
        cargo_check(&cache, &docs, &mut results, args.jobs)?;
        check_time = Some(started.elapsed());
    }

    // One line per document.
    for (doc, (outcome, _)) in docs.iter().zip(&results) {
        println!("{}: {outcome}", doc.path);
    }
    println!();

    // Summary.
    let counts: Vec<String> = outcome::KINDS
        .iter()
        .map(|kind| {
            let n = results.iter().filter(|(o, _)| o.kind() == *kind).count();
            format!("{n} {kind}")
        })
        .collect();
    println!(
        "summary: {} documents{}: {}",
        docs.len(),
        if args.generate_only {
            " (generation only: ok = generated)"
        } else {
            ""
        },
        counts.join(", ")
    );
    let generated: Vec<&Doc> = docs
        .iter()
        .zip(&results)
        .filter(|(_, (o, _))| o.generated())
        .map(|(d, _)| d)
        .collect();
    let value_uses: usize = generated
        .iter()
        .map(|d| crate_value_uses(&cache.join("out").join(&d.slug)))
        .sum();
    println!(
        "serde_json::Value uses: {value_uses} (in the models of the {} generated crates)",
        generated.len()
    );
    // Unions kept as `serde_json::Value`, from the generator's warnings: of every document
    // run, refused ones too (they are generated up to the check).
    let fallbacks: Vec<(&str, usize)> = docs
        .iter()
        .map(|d| {
            let log = fs::read_to_string(cache.join("logs").join(format!("{}.log", d.slug)));
            (
                d.path.as_str(),
                value_uses::union_fallbacks(&log.unwrap_or_default()),
            )
        })
        .collect();
    let github_fallbacks: usize = fallbacks
        .iter()
        .filter(|(p, _)| *p == GITHUB_DOC)
        .map(|(_, n)| n)
        .sum();
    println!(
        "union fallbacks (oneOf/anyOf generated as serde_json::Value): {} in {} documents \
         (GitHub: {github_fallbacks})",
        fallbacks.iter().map(|(_, n)| n).sum::<usize>(),
        fallbacks.iter().filter(|(_, n)| *n > 0).count()
    );
    let free_form: Vec<String> = generated
        .iter()
        .flat_map(|d| {
            crate_free_form_variants(&cache.join("out").join(&d.slug))
                .into_iter()
                .map(move |v| format!("{}: {v}", d.path))
        })
        .collect();
    println!(
        "union variants holding free-form JSON (their branch has no shape): {}",
        free_form.len()
    );
    for v in &free_form {
        println!("  {v}");
    }

    // The causes of refusals.
    let refusals: Vec<&Vec<String>> = results
        .iter()
        .filter_map(|(o, _)| match o {
            Outcome::Refused(errors) => Some(errors),
            _ => None,
        })
        .collect();
    if !refusals.is_empty() {
        println!(
            "\ncauses of refusals ({} documents; one counts under each of its causes):",
            refusals.len()
        );
        println!("{:>6} {:>7}  cause", "docs", "errors");
        for row in causes::group_causes(refusals.iter().copied()) {
            println!("{:>6} {:>7}  {}", row.documents, row.errors, row.cause);
        }
    }

    // The causes of warnings: what generated documents lack, and where they degrade.
    let warnings: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            let log = fs::read_to_string(cache.join("logs").join(format!("{}.log", d.slug)));
            warning_messages(&log.unwrap_or_default())
        })
        .collect();
    let warned = warnings.iter().filter(|w| !w.is_empty()).count();
    if warned > 0 {
        let rows = causes::group_causes(warnings.iter());
        println!(
            "\ncauses of warnings ({warned} documents; the {} most common of {}):",
            rows.len().min(MAX_WARNING_CAUSES),
            rows.len()
        );
        println!("{:>6} {:>8}  cause", "docs", "warnings");
        for row in rows.iter().take(MAX_WARNING_CAUSES) {
            println!("{:>6} {:>8}  {}", row.documents, row.errors, row.cause);
        }
    }

    if args.directory {
        println!(
            "\nexpected refusals: not compared with {EXPECTED} (it lists the development sample)"
        );
        return finish(args, &docs, &results, generation_time, check_time, 0);
    }

    // The comparison with the expected refusals.
    let expected_path = root.join(EXPECTED);
    let expected_text = fs::read_to_string(&expected_path).unwrap_or_default();
    let expected_list = expected::parse(&expected_text);
    let all: HashSet<&str> = corpus.iter().copied().collect();
    let run_states = docs
        .iter()
        .zip(&results)
        .map(|(d, (o, _))| (d.path.as_str(), o.is_refused(), o.generated()));
    let diff = expected::diff(&expected_list, run_states, &all);
    println!(
        "\nexpected refusals ({EXPECTED}): {} listed; {} of them run and still refused",
        expected_list.len(),
        diff.still_refused
    );
    for path in &diff.now_generate {
        println!("now generates: remove from the list: {path}");
    }
    for path in &diff.unknown {
        println!("not a document of the corpus: remove from the list: {path}");
    }
    for path in &diff.regressions {
        if args.update_expected {
            println!("added to the list (a regression, unless the list is new): {path}");
        } else {
            println!("regression: refused but not in the list: {path}");
        }
    }
    if args.update_expected {
        let new = expected::rewrite(
            &expected_text,
            docs.iter().map(|d| d.path.as_str()),
            docs.iter()
                .zip(&results)
                .filter(|(_, (o, _))| o.is_refused())
                .map(|(d, _)| d.path.as_str()),
        );
        fs::write(&expected_path, &new)
            .map_err(|e| format!("cannot write {}: {e}", expected_path.display()))?;
        println!(
            "wrote {EXPECTED}: {} entries ({} removed, {} added)",
            expected::parse(&new).len(),
            diff.now_generate.len(),
            diff.regressions.len()
        );
        if !diff.regressions.is_empty() {
            println!("warning: the list grew; it should only shrink (see the additions above)");
        }
    }

    let regressions = if args.update_expected {
        0
    } else {
        diff.regressions.len()
    };
    finish(
        args,
        &docs,
        &results,
        generation_time,
        check_time,
        regressions,
    )
}

/// The causes of warnings printed, at most.
const MAX_WARNING_CAUSES: usize = 25;

/// The message of each `warning:` line of a codegen log.
fn warning_messages(log: &str) -> Vec<String> {
    log.lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .map(|m| m.trim().to_owned())
        .collect()
}

/// Prints the timings and the verdict; `Ok(false)` on a panic, a timeout or a regression.
fn finish(
    args: &Args,
    docs: &[Doc],
    results: &[(Outcome, Duration)],
    generation_time: Duration,
    check_time: Option<Duration>,
    regressions: usize,
) -> Result<bool, String> {
    let slowest = docs
        .iter()
        .zip(results)
        .max_by_key(|(_, (_, t))| *t)
        .map(|(d, (_, t))| format!("; slowest {} ({:.1} s)", d.path, t.as_secs_f64()))
        .unwrap_or_default();
    println!(
        "\ngeneration: {:.1} s with {} job(s){slowest}",
        generation_time.as_secs_f64(),
        args.jobs
    );
    if let Some(t) = check_time {
        println!(
            "cargo check: {:.1} s (log: target/corpus/check.log)",
            t.as_secs_f64()
        );
    }

    let failures = results.iter().filter(|(o, _)| o.is_failure()).count();
    let ok = failures == 0 && regressions == 0;
    if !ok {
        println!(
            "FAILED: {failures} panic(s) or timeout(s), {regressions} refusal(s) not in {EXPECTED}"
        );
    }
    Ok(ok)
}

/// The documents that the sample list names (paths inside the directory's package);
/// an error if the list is missing or empty.
fn read_sample(path: &Path) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(path).map_err(|e| {
        format!(
            "{SAMPLE} is missing or unreadable ({e}); it is expected beside the checkout, at {}",
            path.display()
        )
    })?;
    let sample = expected::parse(&text);
    if sample.is_empty() {
        return Err(format!("{SAMPLE} lists no documents ({})", path.display()));
    }
    Ok(sample)
}

/// Cargo, as `cargo run` names it to the program it runs.
/// Generates every document, `args.jobs` at a time, each into `target/corpus/out/<slug>/`
/// with its output in `target/corpus/logs/<slug>.log`.
fn generate(
    codegen: &Path,
    cache: &Path,
    docs: &[Doc],
    args: &Args,
) -> Result<Vec<(Outcome, Duration)>, String> {
    let out_dir = cache.join("out");
    let logs = cache.join("logs");
    for dir in [&out_dir, &logs] {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    eprintln!(
        "generating {} documents into {} ({} at a time)",
        docs.len(),
        out_dir.display(),
        args.jobs
    );
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Generated>>> =
        Mutex::new((0..docs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..args.jobs.min(docs.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(doc) = docs.get(i) else { break };
                let result = generate_one(codegen, cache, &out_dir, &logs, doc, args.timeout);
                results.lock().unwrap()[i] = Some(result);
                let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                if n % 25 == 0 && n < docs.len() {
                    eprintln!("  {n}/{}", docs.len());
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every document was run"))
        .collect()
}

fn generate_one(
    codegen: &Path,
    cache: &Path,
    out_dir: &Path,
    logs: &Path,
    doc: &Doc,
    timeout: Duration,
) -> Generated {
    let out = out_dir.join(&doc.slug);
    if out.exists() {
        // What an earlier run generated must not pass for this run's output.
        fs::remove_dir_all(&out).map_err(|e| format!("cannot remove {}: {e}", out.display()))?;
    }
    let log_path = logs.join(format!("{}.log", doc.slug));
    let log = fs::File::create(&log_path)
        .map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
    let log2 = log
        .try_clone()
        .map_err(|e| format!("cannot share {}: {e}", log_path.display()))?;
    let mut cmd = Command::new(codegen);
    cmd.arg("--spec")
        .arg(&doc.spec)
        .arg("--out")
        .arg(&out)
        .arg("--crate-name")
        .arg(&doc.crate_name)
        // Not the repository root: its codegen.yaml (AhaSend's rate limits) must not apply.
        .current_dir(cache)
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log2);
    let (exit, took) = process::run_with_timeout(&mut cmd, timeout)
        .map_err(|e| format!("cannot run {}: {e}", codegen.display()))?;
    let output =
        fs::read(&log_path).map_err(|e| format!("cannot read {}: {e}", log_path.display()))?;
    Ok((
        outcome::classify_generation(exit, &String::from_utf8_lossy(&output)),
        took,
    ))
}

/// `cargo check`s the generated crates in one throwaway workspace,
/// `target/corpus/out/Cargo.toml`, over one shared target directory,
/// `target/corpus/target`, and turns the `ok` of each crate that fails into `did not
/// compile`.
fn cargo_check(
    cache: &Path,
    docs: &[Doc],
    results: &mut [(Outcome, Duration)],
    jobs: usize,
) -> Result<(), String> {
    let out_dir = cache.join("out");
    let indices: Vec<usize> = (0..docs.len())
        .filter(|&i| results[i].0 == Outcome::Ok)
        .collect();
    if indices.is_empty() {
        return Ok(());
    }
    let members: Vec<check::Member> = indices
        .iter()
        .map(|&i| check::Member {
            dir: docs[i].slug.clone(),
            package: docs[i].crate_name.clone(),
        })
        .collect();
    let manifest = out_dir.join("Cargo.toml");
    fs::write(&manifest, check::workspace_manifest(&members))
        .map_err(|e| format!("cannot write {}: {e}", manifest.display()))?;
    // Start from the repository's lock file, so that the generated crates get the
    // dependency versions the repository builds (and, mostly, has downloaded) already.
    let lock = out_dir.join("Cargo.lock");
    if !lock.exists() {
        let root_lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.lock");
        if root_lock.is_file() {
            fs::copy(&root_lock, &lock)
                .map_err(|e| format!("cannot copy {}: {e}", root_lock.display()))?;
        }
    }
    let log_path = cache.join("check.log");
    eprintln!(
        "cargo check of {} generated crates (target: {}, log: {})",
        members.len(),
        cache.join("target").display(),
        log_path.display()
    );
    let log = fs::File::create(&log_path)
        .map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
    let log2 = log
        .try_clone()
        .map_err(|e| format!("cannot share {}: {e}", log_path.display()))?;
    let status = build::cargo()
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format",
            "short",
            "--color",
            "never",
            "-j",
        ])
        .arg(jobs.to_string())
        .arg("--target-dir")
        .arg(cache.join("target"))
        .current_dir(&out_dir)
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log2)
        .status()
        .map_err(|e| format!("cannot run cargo check: {e}"))?;
    let output = fs::read_to_string(&log_path)
        .map_err(|e| format!("cannot read {}: {e}", log_path.display()))?;
    let verdicts = check::attribute(&output, &members, status.success());
    for (&i, verdict) in indices.iter().zip(verdicts) {
        if let Some(error) = verdict {
            results[i].0 = Outcome::DidNotCompile(error);
        }
    }
    Ok(())
}

/// The union variants of one generated crate that hold free-form JSON:
/// `value_uses::free_form_variants` over its models.
fn crate_free_form_variants(dir: &Path) -> Vec<String> {
    let path = dir.join("src/models.rs");
    let source = fs::read_to_string(path).unwrap_or_default();
    value_uses::free_form_variants("src/models.rs", &source)
}

/// The `serde_json::Value` uses of one generated crate: `value_uses::value_uses` over its
/// `.rs` files.
fn crate_value_uses(dir: &Path) -> usize {
    fn walk(dir: &Path, base: &Path, total: &mut usize) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, base, total);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(base).unwrap_or(&path);
                if let Ok(source) = fs::read_to_string(&path) {
                    *total += value_uses::value_uses(&rel.to_string_lossy(), &source);
                }
            }
        }
    }
    let mut total = 0;
    walk(dir, dir, &mut total);
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Args>, String> {
        parse_args(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn defaults() {
        let a = parse(&[]).unwrap().unwrap();
        assert!(!a.generate_only && !a.directory && a.github && !a.update_expected);
        assert!(a.only.is_none());
        assert_eq!(a.jobs, 2);
        assert_eq!(a.timeout, Duration::from_secs(60));
    }

    #[test]
    fn flags_and_values() {
        let a = parse(&[
            "--generate-only",
            "--directory",
            "--only",
            "adyen",
            "--codegen",
            "/x/codegen",
            "-j4",
            "--no-github",
            "--update-expected",
            "--timeout=5",
        ])
        .unwrap()
        .unwrap();
        assert!(a.generate_only && a.directory && !a.github && a.update_expected);
        assert_eq!(a.only.as_deref(), Some("adyen"));
        assert_eq!(a.codegen.as_deref(), Some(Path::new("/x/codegen")));
        assert_eq!(a.jobs, 4);
        assert_eq!(a.timeout, Duration::from_secs(5));
        assert_eq!(parse(&["-j", "3"]).unwrap().unwrap().jobs, 3);
        assert_eq!(parse(&["--jobs=1"]).unwrap().unwrap().jobs, 1);
    }

    #[test]
    fn a_missing_or_empty_sample_list_is_an_error() {
        let dir = std::env::temp_dir().join(format!("corpus-sample-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let missing = read_sample(&dir.join("nope.txt")).unwrap_err();
        assert!(missing.contains("is missing"), "{missing}");
        fs::write(dir.join("empty.txt"), "# only a comment\n\n").unwrap();
        assert!(read_sample(&dir.join("empty.txt"))
            .unwrap_err()
            .contains("lists no documents"));
        fs::write(dir.join("two.txt"), "api/a.json\napi/b c.json\n").unwrap();
        assert_eq!(
            read_sample(&dir.join("two.txt")).unwrap(),
            ["api/a.json", "api/b c.json"]
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn warnings_are_read_from_a_log() {
        let log = "warning: the first server URL `/` is not absolute\n  --> x.json:1:2\n\
                   error: not this\nwarning: `a` has no operationId \n";
        assert_eq!(
            warning_messages(log),
            [
                "the first server URL `/` is not absolute",
                "`a` has no operationId"
            ]
        );
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert!(parse(&["-j", "0"]).is_err());
        assert!(parse(&["-j"]).is_err());
        assert!(parse(&["--only"]).is_err());
        assert!(parse(&["--frobnicate"]).is_err());
        assert!(parse(&["--help"]).unwrap().is_none());
    }
}
