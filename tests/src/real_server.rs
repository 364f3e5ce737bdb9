//! What the real-server tests (`tests/tests/fastapi.rs`, `tests/tests/fastify.rs`) share:
//! a free port, the server process, its live description, and the client generated from
//! it with the harness crate that checks it on the wire.

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::root;

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// A server process, stopped when dropped.
pub struct Server {
    child: Child,
    /// What runs it (`uvicorn`, `node`), for messages.
    name: &'static str,
}

impl Server {
    /// Starts `command` (its output discarded, its errors shown).
    pub fn spawn(name: &'static str, command: &mut Command) -> Server {
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("{name} does not start: {e}"));
        Server { child, name }
    }

    /// The body of `GET /openapi.json` on `port`, once the server answers it: waits up to
    /// `startup`, and fails at once if the server exits first.
    pub fn openapi_json(&mut self, port: u16, startup: Duration) -> String {
        let name = self.name;
        let start = Instant::now();
        loop {
            if let Some(body) = get(port, "/openapi.json") {
                return body;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("{name} exited ({status}) before answering (see above)");
            }
            assert!(
                start.elapsed() < startup,
                "{name} did not answer on port {port} within {startup:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The body of a `200` to `GET path`, or `None`.
fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    let ok = head.starts_with("HTTP/1.1 200") || head.starts_with("HTTP/1.0 200");
    ok.then(|| body.to_owned())
}

/// Writes `text` to `path` unless it holds it already (so that cargo sees nothing new).
pub fn write_if_changed(path: &Path, text: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::create_dir_all(path.parent().expect("a file in a folder")).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// The client of an app's description, and the harness that checks it.
pub struct Harness<'a> {
    /// The app's folder under `tests/` (`fastapi`): its `harness.rs` is the harness, and
    /// the harness crate is `<app>-harness`.
    pub app: &'a str,
    /// The generated crate's name (`fidelity`).
    pub crate_name: &'a str,
    /// Where the client (`client/`) and the harness (`harness/`) are written, in a
    /// workspace of both.
    pub dir: &'a Path,
    /// The target directory the harness is built in.
    pub target: &'a Path,
}

impl Harness<'_> {
    /// Generates the client from `spec`, builds the harness beside it and runs it against
    /// `base_url`: prints its `ok` lines, and fails with its message when a check fails.
    pub fn check(&self, spec: &str, base_url: &str) {
        let mut options = codegen::Options::default();
        options.crate_name = self.crate_name.to_owned();
        let generated = codegen::generate(spec, &options)
            .unwrap_or_else(|d| panic!("the app's description does not generate:\n{d}"));
        for warning in generated.warnings.warnings() {
            println!("warning: {}", warning.message);
        }
        codegen::write::write(&self.dir.join("client"), &generated.files)
            .expect("the client is written");
        self.write_harness();

        let package = format!("{}-harness", self.app);
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(&cargo)
            .args(["build", "-q", "-p", &package, "--target-dir"])
            .arg(self.target)
            .current_dir(self.dir)
            .env_remove("RUSTFLAGS")
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the harness does not build (see above)");
        let output = Command::new(self.target.join("debug").join(&package))
            .arg(base_url)
            .output()
            .expect("the harness runs");
        print!("{}", String::from_utf8_lossy(&output.stdout));
        assert!(
            output.status.success(),
            "the harness failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// The harness crate beside the client, in a workspace of both (its lock file copied
    /// from the repository's, so the dependencies are the versions CI already built).
    fn write_harness(&self) {
        let dir = self.dir;
        write_if_changed(
            &dir.join("Cargo.toml"),
            "[workspace]\nresolver = \"2\"\nmembers = [\"client\", \"harness\"]\n",
        );
        if !dir.join("Cargo.lock").exists() {
            fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        }
        write_if_changed(
            &dir.join("harness/Cargo.toml"),
            &format!(
                "[package]\nname = \"{}-harness\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
                 publish = false\n\n[dependencies]\n{} = {{ path = \"../client\" }}\n\
                 tokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n",
                self.app, self.crate_name
            ),
        );
        let source = root().join("tests").join(self.app).join("harness.rs");
        let main = fs::read_to_string(&source)
            .unwrap_or_else(|e| panic!("{} is readable: {e}", source.display()));
        write_if_changed(&dir.join("harness/src/main.rs"), &main);
    }
}
