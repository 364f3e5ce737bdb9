//! `swagger_oracle`: our Swagger 2.0 conversion checked against swagger2openapi's.
//!
//! ```text
//! cargo run -p corpus --release --bin swagger_oracle -- [--codegen PATH]
//! ```
//!
//! For each Swagger 2.0 document listed in `tests/corpus/swagger-oracle.txt` (paths
//! inside the npm package `api-spec-converter@2.12.0`, fetched with `npm pack` into
//! `target/corpus/` as the corpus harness does), it:
//!
//! 1. converts the document to OpenAPI 3.0 with `swagger2openapi -p` (7.0.8, the
//!    converter APIs.guru runs on its directory; installed with `npm install` into
//!    `target/corpus/swagger2openapi/` when missing);
//! 2. generates a client from the 2.0 document (through codegen's own conversion) and
//!    one from the converted document, into `target/corpus/swagger-oracle/<slug>/v2` and
//!    `…/v3`, both with `--crate-name oracle`;
//! 3. compares the two trees file by file (`.codegen-stamp`, which names its input,
//!    aside): `same`, `differs`, `2.0 refused`, `3.0 refused`, `both refused` or
//!    `converter failed`.
//!
//! A document whose outcome is not `same` must be listed, with that outcome and why, in
//! `tests/corpus/swagger-oracle-expected.txt`. Exits 1 when an outcome differs from the
//! list (a new difference, or a listed one that disappeared), 2 when it cannot run (no
//! npm, no node, a fetch that fails), 0 otherwise.

// The harness's modules this tool shares; it uses only part of them.
#[path = "../build.rs"]
mod build;
#[allow(dead_code)]
#[path = "../expected.rs"]
mod expected;
#[allow(dead_code)]
#[path = "../fetch.rs"]
mod fetch;
#[allow(dead_code)]
#[path = "../names.rs"]
mod names;
#[allow(dead_code)]
#[path = "../outcome.rs"]
mod outcome;
#[allow(dead_code)]
#[path = "../process.rs"]
mod process;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use fetch::Package;
use outcome::Exit;

const USAGE: &str = "\
usage: cargo run -p corpus --release --bin swagger_oracle -- [OPTIONS]

  --codegen PATH    run this codegen binary instead of building the repository's
                    (`cargo build --release -p codegen`)
  -h, --help        this text";

/// api-spec-converter's tests: its `test/output/swagger_2/` holds Swagger 2.0 documents.
const CONVERTER_TESTS: Package = Package {
    spec: "api-spec-converter@2.12.0",
    tarball: "api-spec-converter-2.12.0.tgz",
};

/// The converter APIs.guru runs on its directory, and the version of it.
const SWAGGER2OPENAPI: &str = "swagger2openapi";
const SWAGGER2OPENAPI_VERSION: &str = "7.0.8";

/// The sample and the expected outcomes, under `tests/corpus/`.
const SAMPLE: &str = "swagger-oracle.txt";
const EXPECTED: &str = "swagger-oracle-expected.txt";

/// The differing files a `differs` line names.
const SHOWN_FILES: usize = 4;

/// One conversion or generation is stopped after this long.
const TIMEOUT: Duration = Duration::from_secs(300);

fn main() -> ExitCode {
    let codegen = match parse_args(std::env::args().skip(1)) {
        Ok(Some(codegen)) => codegen,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(codegen) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `Some(--codegen)` (itself an option), or `None` for `--help`.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Option<PathBuf>>, String> {
    let mut codegen = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--codegen" => {
                codegen = Some(PathBuf::from(args.next().ok_or("--codegen needs a value")?));
            }
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Some(codegen))
}

/// Runs the oracle; `Ok(false)` when an outcome differs from the expected list.
fn run(codegen: Option<PathBuf>) -> Result<bool, String> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = here
        .join("../..")
        .canonicalize()
        .map_err(|e| format!("cannot find the workspace root: {e}"))?;
    let cache = build::target_dir(&root).join("corpus");
    let sample = expected::parse(&read(&here.join(SAMPLE))?);
    if sample.is_empty() {
        return Err(format!("{SAMPLE} lists no documents"));
    }
    let expected = parse_expected(&read(&here.join(EXPECTED))?)?;

    for tool in ["node", "npm"] {
        process::run_checked(
            Command::new(tool).arg("--version"),
            &format!("`{tool}` (Node and npm are needed)"),
        )?;
    }
    let members: Vec<&str> = sample.iter().map(String::as_str).collect();
    let package = fetch::ensure(&cache, &CONVERTER_TESTS, &members)?;
    let converter = ensure_converter(&cache.join(SWAGGER2OPENAPI))?;
    let codegen = match codegen {
        Some(path) if path.is_file() => path
            .canonicalize()
            .map_err(|e| format!("cannot find {}: {e}", path.display()))?,
        Some(path) => return Err(format!("no codegen binary at {}", path.display())),
        None => build::codegen(&root, true, None)?,
    };

    let out = cache.join("swagger-oracle");
    let slugs = names::unique_slugs(members.iter().copied());
    let mut outcomes = Vec::new();
    for (path, slug) in sample.iter().zip(&slugs) {
        let dir = out.join(slug);
        let outcome = compare_one(&codegen, &converter, &package.join(path), &dir)?;
        println!("{path}: {outcome}");
        outcomes.push((path.clone(), outcome));
    }

    let report = check(&outcomes, &expected);
    println!();
    for line in &report.mismatches {
        println!("MISMATCH {line}");
    }
    println!(
        "{} documents, {} same, {} differ as expected, {} unexpected",
        outcomes.len(),
        report.same,
        report.as_expected,
        report.mismatches.len()
    );
    if !report.mismatches.is_empty() {
        println!(
            "update tests/corpus/{EXPECTED}: one `path<TAB>outcome<TAB>why` line per document \
             whose outcome is not `same`, saying which side is right by the specifications"
        );
    }
    Ok(report.mismatches.is_empty())
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// `swagger2openapi.js` of the converter installed under `prefix`, installed with npm
/// when it is missing or of another version.
fn ensure_converter(prefix: &Path) -> Result<PathBuf, String> {
    let dir = prefix.join("node_modules").join(SWAGGER2OPENAPI);
    let installed = fs::read_to_string(dir.join("package.json"))
        .map(|manifest| has_version(&manifest, SWAGGER2OPENAPI_VERSION))
        .unwrap_or(false);
    if !installed {
        eprintln!(
            "installing {SWAGGER2OPENAPI}@{SWAGGER2OPENAPI_VERSION} with npm into {}",
            prefix.display()
        );
        fs::create_dir_all(prefix)
            .map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
        let spec = format!("{SWAGGER2OPENAPI}@{SWAGGER2OPENAPI_VERSION}");
        process::run_checked(
            Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(prefix)
                .arg(&spec),
            &format!("`npm install {spec}`"),
        )?;
    }
    let script = dir.join("swagger2openapi.js");
    if !script.is_file() {
        return Err(format!("the converter is not at {}", script.display()));
    }
    Ok(script)
}

/// Whether a `package.json` says `"version": "<version>"`.
fn has_version(manifest: &str, version: &str) -> bool {
    manifest.lines().any(|l| {
        l.trim().trim_end_matches(',').replace(' ', "") == format!("\"version\":\"{version}\"")
    })
}

/// What one document gave.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Same,
    /// The differing files (relative, `/`-separated) with their count of differing lines.
    Differs(Vec<(String, usize)>),
    Refused2(String),
    Refused3(String),
    BothRefused(String),
    ConverterFailed(String),
}

impl Outcome {
    /// The kind the expectations file names.
    fn kind(&self) -> &'static str {
        match self {
            Outcome::Same => "same",
            Outcome::Differs(_) => "differs",
            Outcome::Refused2(_) => "2.0 refused",
            Outcome::Refused3(_) => "3.0 refused",
            Outcome::BothRefused(_) => "both refused",
            Outcome::ConverterFailed(_) => "converter failed",
        }
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.kind())?;
        match self {
            Outcome::Same => Ok(()),
            Outcome::Differs(files) => {
                let lines: usize = files.iter().map(|(_, n)| n).sum();
                // The first few: a document can differ in dozens of files.
                let mut list: Vec<String> = files
                    .iter()
                    .take(SHOWN_FILES)
                    .map(|(f, n)| format!("{f} ({n})"))
                    .collect();
                if files.len() > SHOWN_FILES {
                    list.push(format!("and {} more", files.len() - SHOWN_FILES));
                }
                write!(
                    f,
                    ": {} files, {lines} lines: {}",
                    files.len(),
                    list.join(", ")
                )
            }
            Outcome::Refused2(why)
            | Outcome::Refused3(why)
            | Outcome::BothRefused(why)
            | Outcome::ConverterFailed(why) => write!(f, ": {why}"),
        }
    }
}

/// Converts, generates both sides and compares them, in `dir`.
fn compare_one(
    codegen: &Path,
    converter: &Path,
    doc: &Path,
    dir: &Path,
) -> Result<Outcome, String> {
    if dir.exists() {
        // What an earlier run generated must not pass for this run's output.
        fs::remove_dir_all(dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    }
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let converted = dir.join("openapi.json");
    let mut cmd = Command::new("node");
    cmd.arg(converter)
        .arg("-p")
        .arg(doc)
        .arg("-o")
        .arg(&converted);
    let (ok, log) = run_logged(&mut cmd, &dir.join("convert.log"))?;
    if !ok || !converted.is_file() {
        return Ok(Outcome::ConverterFailed(first_line(&log, "Error")));
    }
    let generate = |spec: &Path, side: &str| -> Result<Option<String>, String> {
        let mut cmd = Command::new(codegen);
        cmd.arg("--spec")
            .arg(spec)
            .arg("--out")
            .arg(dir.join(side))
            .args(["--crate-name", "oracle"])
            // Not the repository root: its codegen.yaml must not apply.
            .current_dir(dir);
        let (ok, log) = run_logged(&mut cmd, &dir.join(format!("{side}.log")))?;
        Ok((!ok).then(|| first_line(&log, "error")))
    };
    let v2 = generate(doc, "v2")?;
    let v3 = generate(&converted, "v3")?;
    Ok(match (v2, v3) {
        (Some(a), Some(b)) => Outcome::BothRefused(format!("{a} / {b}")),
        (Some(a), None) => Outcome::Refused2(a),
        (None, Some(b)) => Outcome::Refused3(b),
        (None, None) => {
            let files = compare_trees(&dir.join("v2"), &dir.join("v3"))?;
            if files.is_empty() {
                Outcome::Same
            } else {
                Outcome::Differs(files)
            }
        }
    })
}

/// Runs `cmd` with its output in `log`; whether it succeeded, and the output.
fn run_logged(cmd: &mut Command, log: &Path) -> Result<(bool, String), String> {
    let file =
        fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
    let file2 = file
        .try_clone()
        .map_err(|e| format!("cannot share {}: {e}", log.display()))?;
    cmd.stdin(Stdio::null()).stdout(file).stderr(file2);
    let (exit, _) = process::run_with_timeout(cmd, TIMEOUT)
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    let output = fs::read(log).map_err(|e| format!("cannot read {}: {e}", log.display()))?;
    let output = String::from_utf8_lossy(&output).into_owned();
    Ok(match exit {
        Exit::Code(0) => (true, output),
        Exit::TimedOut => (
            false,
            format!("timed out after {}s\n{output}", TIMEOUT.as_secs()),
        ),
        _ => (false, output),
    })
}

/// The first line of `log` starting with `prefix`, else its first non-blank line.
fn first_line(log: &str, prefix: &str) -> String {
    log.lines()
        .find(|l| l.starts_with(prefix))
        .or_else(|| log.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("(no output)")
        .trim()
        .to_owned()
}

/// The files of two generated trees that differ, with their count of differing lines (a
/// file only in one tree counts all its lines); `.codegen-stamp` is left aside.
fn compare_trees(a: &Path, b: &Path) -> Result<Vec<(String, usize)>, String> {
    let (files_a, files_b) = (tree(a)?, tree(b)?);
    let mut names: Vec<&String> = files_a.keys().chain(files_b.keys()).collect();
    names.sort();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let text = |files: &BTreeMap<String, PathBuf>| -> Result<String, String> {
            files.get(name).map_or(Ok(String::new()), |p| read(p))
        };
        let (x, y) = (text(&files_a)?, text(&files_b)?);
        if x != y {
            out.push((name.clone(), differing_lines(&x, &y)));
        }
    }
    Ok(out)
}

/// Every file under `root` but `.codegen-stamp`, by its `/`-separated relative path.
fn tree(root: &Path) -> Result<BTreeMap<String, PathBuf>, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries =
            fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(root).expect("under the root");
            let name: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let name = name.join("/");
            if name != ".codegen-stamp" {
                out.insert(name, path);
            }
        }
    }
    Ok(out)
}

/// The lines of `a` and of `b` outside their longest common subsequence of lines: the
/// `<` and `>` lines of `diff a b`.
fn differing_lines(a: &str, b: &str) -> usize {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    // The LCS's length, one row at a time.
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    let common = row[b.len()];
    a.len() + b.len() - 2 * common
}

/// One line of the expectations file.
#[derive(Debug, PartialEq, Eq)]
struct Expected {
    kind: String,
    why: String,
}

/// The kinds a line may name (`same` is never listed: it is the default).
const KINDS: [&str; 5] = [
    "differs",
    "2.0 refused",
    "3.0 refused",
    "both refused",
    "converter failed",
];

/// The expectations file: `path<TAB>kind<TAB>explanation` lines, blank lines and `#`
/// comments aside.
fn parse_expected(text: &str) -> Result<BTreeMap<String, Expected>, String> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let at = || format!("{EXPECTED}:{}", i + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let (Some(path), Some(kind), Some(why)) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(format!("{}: not `path<TAB>outcome<TAB>why`", at()));
        };
        if !KINDS.contains(&kind) {
            return Err(format!(
                "{}: `{kind}` is not one of {}",
                at(),
                KINDS.join(", ")
            ));
        }
        if why.trim().is_empty() {
            return Err(format!("{}: the explanation is empty", at()));
        }
        let expected = Expected {
            kind: kind.to_owned(),
            why: why.trim().to_owned(),
        };
        if out.insert(path.to_owned(), expected).is_some() {
            return Err(format!("{}: {path} is listed twice", at()));
        }
    }
    Ok(out)
}

/// The comparison of a run with the expectations.
#[derive(Debug, Default, PartialEq, Eq)]
struct Report {
    same: usize,
    as_expected: usize,
    /// One message per document whose outcome is not the expected one, and per listed
    /// document not in the sample.
    mismatches: Vec<String>,
}

fn check(outcomes: &[(String, Outcome)], expected: &BTreeMap<String, Expected>) -> Report {
    let mut report = Report::default();
    for (path, outcome) in outcomes {
        let want = expected.get(path).map_or("same", |e| e.kind.as_str());
        let got = outcome.kind();
        if got != want {
            report.mismatches.push(match expected.get(path) {
                None => format!("{path}: {got}, not listed (a new difference)"),
                Some(_) if got == "same" => {
                    format!("{path}: now same, listed as {want} (remove its line)")
                }
                Some(_) => format!("{path}: {got}, listed as {want}"),
            });
        } else if got == "same" {
            report.same += 1;
        } else {
            report.as_expected += 1;
        }
    }
    for path in expected.keys() {
        if !outcomes.iter().any(|(p, _)| p == path) {
            report
                .mismatches
                .push(format!("{path}: listed but not in {SAMPLE}"));
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expectations_file_is_parsed() {
        let text = "# why\n\na.json\tdiffers\tAccept differs: ours is right\n\
                    b.yml\t2.0 refused\tno paths\tstill the explanation\n";
        let parsed = parse_expected(text).unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed["a.json"].kind, "differs");
        assert_eq!(parsed["b.yml"].why, "no paths\tstill the explanation");
    }

    #[test]
    fn a_malformed_expectation_is_an_error() {
        assert!(parse_expected("a.json differs why\n").is_err());
        assert!(parse_expected("a.json\tsame\twhy\n").is_err());
        assert!(parse_expected("a.json\tdiffers\t \n").is_err());
        assert!(parse_expected("a.json\tdiffers\tx\na.json\tdiffers\ty\n").is_err());
    }

    fn listed(lines: &str) -> BTreeMap<String, Expected> {
        parse_expected(lines).unwrap()
    }

    #[test]
    fn outcomes_are_compared_with_the_expectations() {
        let outcomes = vec![
            ("same.json".to_owned(), Outcome::Same),
            (
                "differs.json".to_owned(),
                Outcome::Differs(vec![("src/lib.rs".to_owned(), 2)]),
            ),
            (
                "refused.json".to_owned(),
                Outcome::Refused2("error: x".to_owned()),
            ),
        ];
        let expected = listed("differs.json\tdiffers\twhy\nrefused.json\t2.0 refused\twhy\n");
        assert_eq!(
            check(&outcomes, &expected),
            Report {
                same: 1,
                as_expected: 2,
                mismatches: vec![]
            }
        );
    }

    #[test]
    fn new_and_vanished_differences_are_mismatches() {
        let outcomes = vec![
            ("new.json".to_owned(), Outcome::Differs(vec![])),
            ("gone.json".to_owned(), Outcome::Same),
            ("other.json".to_owned(), Outcome::Refused3("e".to_owned())),
        ];
        let expected =
            listed("gone.json\tdiffers\twhy\nother.json\tdiffers\twhy\nstale.json\tdiffers\twhy\n");
        let report = check(&outcomes, &expected);
        assert_eq!(report.same, 0);
        assert_eq!(report.as_expected, 0);
        assert_eq!(
            report.mismatches,
            [
                "new.json: differs, not listed (a new difference)",
                "gone.json: now same, listed as differs (remove its line)",
                "other.json: 3.0 refused, listed as differs",
                "stale.json: listed but not in swagger-oracle.txt",
            ]
        );
    }

    #[test]
    fn differing_lines_count_as_diff_does() {
        assert_eq!(differing_lines("a\nb\nc\n", "a\nb\nc\n"), 0);
        assert_eq!(differing_lines("a\nb\nc\n", "a\nx\nc\n"), 2);
        assert_eq!(differing_lines("a\nc\n", "a\nb\nc\n"), 1);
        assert_eq!(differing_lines("", "a\nb\n"), 2);
        assert_eq!(differing_lines("x\na\nb\n", "a\nb\ny\n"), 2);
    }

    #[test]
    fn outcomes_print_their_kind_and_detail() {
        let differs = Outcome::Differs(vec![("a.rs".to_owned(), 2), ("b.rs".to_owned(), 4)]);
        assert_eq!(
            differs.to_string(),
            "differs: 2 files, 6 lines: a.rs (2), b.rs (4)"
        );
        assert_eq!(
            Outcome::Refused2("error: no paths".to_owned()).to_string(),
            "2.0 refused: error: no paths"
        );
        assert_eq!(Outcome::Same.to_string(), "same");
        let many = Outcome::Differs((0..6).map(|i| (format!("{i}.rs"), 1)).collect());
        assert_eq!(
            many.to_string(),
            "differs: 6 files, 6 lines: 0.rs (1), 1.rs (1), 2.rs (1), 3.rs (1), and 2 more"
        );
    }

    #[test]
    fn the_installed_version_is_read() {
        let manifest = "{\n  \"name\": \"swagger2openapi\",\n  \"version\": \"7.0.8\",\n}";
        assert!(has_version(manifest, "7.0.8"));
        assert!(!has_version(manifest, "7.0.7"));
    }

    #[test]
    fn arguments() {
        let args = |a: &[&str]| parse_args(a.iter().map(|s| s.to_string()));
        assert_eq!(args(&[]).unwrap(), Some(None));
        assert_eq!(
            args(&["--codegen", "/x/codegen"]).unwrap(),
            Some(Some(PathBuf::from("/x/codegen")))
        );
        assert_eq!(args(&["--help"]).unwrap(), None);
        assert!(args(&["--codegen"]).is_err());
        assert!(args(&["--bogus"]).is_err());
    }
}
