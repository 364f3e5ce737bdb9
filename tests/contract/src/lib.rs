//! What the contract tests share: where the specs and Prism are, a Prism mock server
//! process per test (killed on drop), and judging the outcome of one call.
//!
//! `tests/tests/contract.rs` in the workspace installs Prism (`npm ci`), generates the
//! clients into `target/scratch/` and runs these tests; run alone, they need both done.

pub mod calls;
mod dereference;

pub use dereference::dereference;

use std::fs::File;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// This crate's directory, `tests/contract/`.
pub fn contract_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A description in `../shared/specs/` beside the checkout; panics if it is missing.
pub fn spec(name: &str) -> PathBuf {
    let path = contract_dir().join("../../../shared/specs").join(name);
    assert!(
        path.is_file(),
        "the contract suite needs {} (the shared specs beside the checkout), and it is missing",
        path.display()
    );
    path
}

/// The Prism binary `npm ci` installs; panics if it is missing.
pub fn prism_bin() -> PathBuf {
    let bin = contract_dir().join("node_modules/.bin/prism");
    assert!(
        bin.exists(),
        "Prism is not installed at {}: run `npm ci` in tests/contract (needs Node 20 and npm; \
         `cargo test -p tests --test contract` does it)",
        bin.display()
    );
    bin
}

/// How Prism makes up responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The spec's examples (`prism mock --errors`).
    Static,
    /// Schema-valid responses invented per request (`prism mock --errors -d`).
    Dynamic,
}

/// A running `prism mock` process on a free local port; killed (with its process group)
/// when dropped.
#[derive(Debug)]
pub struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Prism {
    /// Starts Prism on `spec` with `--errors`, so that a request that violates the spec is
    /// answered with an error naming the violation, and waits until it answers HTTP.
    ///
    /// Prism is given the description with every `$ref` replaced by its target (see
    /// [`dereference`]), written to `work_dir`: Prism 5.9 answers 500 ("Invalid reference
    /// token: __bundled__") for several operations of the original and makes up
    /// `{"$ref": null}` for a `$ref` with siblings. Its output goes to
    /// `work_dir/prism-<mode>.log`.
    pub fn start(spec: &Path, mode: Mode, work_dir: &Path) -> Prism {
        let bin = prism_bin();
        std::fs::create_dir_all(work_dir).expect("the work directory can be created");
        let served = write_dereferenced(spec, mode, work_dir);
        let log_dir = work_dir;
        let mut last_log = String::new();
        for _attempt in 0..3 {
            let port = free_port();
            let log = log_dir.join(format!("prism-{mode:?}.log").to_lowercase());
            let out = File::create(&log).expect("the Prism log file can be created");
            let err = out.try_clone().expect("the Prism log file can be shared");
            let mut command = Command::new(&bin);
            command
                .args([
                    "mock",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    &port.to_string(),
                    "--errors",
                ])
                .args(if mode == Mode::Dynamic {
                    &["--dynamic"][..]
                } else {
                    &[][..]
                })
                .arg(&served)
                .stdin(Stdio::null())
                .stdout(out)
                .stderr(err)
                .process_group(0);
            let child = command
                .spawn()
                .unwrap_or_else(|e| panic!("could not start Prism ({}): {e}", bin.display()));
            let mut prism = Prism { child, port, log };
            match prism.wait_until_ready(Duration::from_secs(120)) {
                Ok(()) => return prism,
                Err(tail) if tail.contains("EADDRINUSE") => last_log = tail, // lost the port race
                Err(tail) => panic!("Prism did not start on {}:\n{tail}", spec.display()),
            }
        }
        panic!("Prism could not get a free port:\n{last_log}")
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A client of the full API with a made-up key, pointed at this server.
    pub fn client(&self) -> ahasend::Client {
        ahasend::Client::builder()
            .api_key("aha-sk-contract-test")
            .base_url(self.base_url())
            .build()
            .expect("a client for a local base URL builds")
    }

    /// The last lines Prism printed.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let from = lines.len().saturating_sub(40);
        format!("({})\n{}", self.log.display(), lines[from..].join("\n"))
    }

    fn wait_until_ready(&mut self, timeout: Duration) -> Result<(), String> {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("Prism exited ({status}) {}", self.log_tail()));
            }
            if answers_http(self.port) {
                return Ok(());
            }
            if start.elapsed() > timeout {
                return Err(format!(
                    "Prism did not answer within {timeout:?} {}",
                    self.log_tail()
                ));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // Prism runs in its own process group (node, and whatever it spawns): end the group.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-TERM", "--", &group])
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `work_dir/<stem>.<mode>.json`: the description without `$ref`s.
fn write_dereferenced(spec: &Path, mode: Mode, work_dir: &Path) -> PathBuf {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let path = work_dir.join(format!("{stem}.{mode:?}.dereferenced.json").to_lowercase());
    let json = serde_json::to_vec_pretty(&dereference(spec)).expect("JSON data serialises");
    std::fs::write(&path, json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

fn answers_http(port: u16) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(500)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = "GET /v2/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer probe\r\nConnection: close\r\n\r\n";
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 ")
}

/// Why a call failed, for a person: what Prism said about the request (its
/// `sl-violations` header, else the body), or where the response did not decode.
pub fn explain(operation: &str, error: &ahasend::Error) -> String {
    let mut text = match error {
        ahasend::Error::Api(e) => {
            let violations = e
                .headers()
                .get("sl-violations")
                .and_then(|v| v.to_str().ok())
                .map(violations)
                .unwrap_or_default();
            let said = if violations.is_empty() {
                snippet(e.raw_body())
            } else {
                violations
            };
            format!(
                "{operation}: Prism rejected the request with {}: {said}",
                e.status()
            )
        }
        ahasend::Error::Decode(e) => format!(
            "{operation}: the {} response does not decode at `{}`: {}\n    body: {}",
            e.status(),
            e.path(),
            e.message(),
            snippet(e.raw_body())
        ),
        other => {
            let mut text = format!("{operation}: {other}");
            let mut source = std::error::Error::source(other);
            while let Some(s) = source {
                text.push_str(&format!(": {s}"));
                source = s.source();
            }
            text
        }
    };
    if let Some(reported) = error.operation() {
        if reported != operation {
            text.push_str(&format!(" (the error names the operation {reported})"));
        }
    }
    text
}

/// `sl-violations` is a JSON array of `{location, severity, code, message}`.
fn violations(header: &str) -> String {
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str::<serde_json::Value>(header)
    else {
        return header.to_owned();
    };
    items
        .iter()
        .map(|v| {
            let location = v["location"]
                .as_array()
                .map(|parts| {
                    parts
                        .iter()
                        .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(".")
                })
                .unwrap_or_default();
            format!("[{location}] {}", v["message"].as_str().unwrap_or_default())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn snippet(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(400) {
        Some((i, _)) => format!("{} …", &text[..i]),
        None => text,
    }
}

/// The `operationId`s of a description, in order (a line scan: they are one per line).
pub fn operation_ids(spec: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(spec).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    text.lines()
        .filter_map(|line| line.trim_start().strip_prefix("operationId:"))
        .map(|id| id.trim().trim_matches(['"', '\'']).to_owned())
        .collect()
}
