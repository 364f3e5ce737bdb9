//! A real server: the Fastify app of `tests/fastify/app.js`, run by Node on a free loopback
//! port, and the client generated from its live `/openapi.json` (written by
//! `@fastify/swagger`), checked on the wire by a harness crate (`tests/fastify/harness.rs`).
//!
//! The app's packages are pinned in `tests/fastify/package-lock.json` and installed with
//! `npm ci` into `target/fastify/node_modules/` (again only when the lock file changes).
//! The client is generated into `target/fastify/client/` (crate `nodeapp`) and the harness
//! built beside it, in the FastAPI test's target directory (`target/fastapi/target/`), so
//! that the dependencies compiled for one harness serve the other; nothing is committed.
//! It fails, saying what to install, when Node.js or npm is missing. See the README,
//! "Fastify".

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tests::root;

/// How long Node may take to answer.
const STARTUP: Duration = Duration::from_secs(60);

#[test]
fn the_client_of_a_fastify_app_works_against_it() {
    let dir = root().join("target/fastify");
    install(&dir);
    let port = free_port();
    let mut server = Server::start(&dir, port);
    let spec = openapi_json(&mut server, port);

    let mut options = codegen::Options::default();
    options.crate_name = "nodeapp".to_owned();
    let generated = codegen::generate(&spec, &options)
        .unwrap_or_else(|d| panic!("the app's description does not generate:\n{d}"));
    for warning in generated.warnings.warnings() {
        println!("warning: {}", warning.message);
    }
    codegen::write::write(&dir.join("client"), &generated.files).expect("the client is written");
    write_harness(&dir);

    // The FastAPI test's target directory: its harness has the same dependencies, built.
    let target = root().join("target/fastapi/target");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(&cargo)
        .args(["build", "-q", "-p", "fastify-harness", "--target-dir"])
        .arg(&target)
        .current_dir(&dir)
        .env_remove("RUSTFLAGS")
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the harness does not build (see above)");
    let output = Command::new(target.join("debug/fastify-harness"))
        .arg(format!("http://127.0.0.1:{port}"))
        .output()
        .expect("the harness runs");
    print!("{}", String::from_utf8_lossy(&output.stdout));
    assert!(
        output.status.success(),
        "the harness failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The app and its pinned packages in `dir`: `app.js` and `package.json` copied there, and
/// `npm ci` run when the lock file differs from the one last installed.
fn install(dir: &Path) {
    for tool in ["node", "npm"] {
        let found = Command::new(tool)
            .arg("--version")
            .stdout(Stdio::null())
            .status();
        assert!(
            found.is_ok_and(|s| s.success()),
            "this test needs Node.js 20 or later with npm (e.g. `apt install nodejs npm`): \
             `{tool} --version` failed"
        );
    }
    let source = root().join("tests/fastify");
    for file in ["app.js", "package.json"] {
        let text = fs::read_to_string(source.join(file)).unwrap();
        write_if_changed(&dir.join(file), &text);
    }
    let wanted = fs::read_to_string(source.join("package-lock.json"))
        .expect("tests/fastify/package-lock.json is readable");
    let stamp = dir.join("node_modules/installed-package-lock.json");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return;
    }
    fs::write(dir.join("package-lock.json"), &wanted).unwrap();
    let installed = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .status();
    assert!(
        installed.is_ok_and(|s| s.success()),
        "npm could not install tests/fastify/package-lock.json (it needs the npm registry)"
    );
    fs::write(&stamp, wanted).expect("the stamp is written");
}

/// Writes `text` to `path` unless it holds it already (so that cargo sees nothing new).
fn write_if_changed(path: &Path, text: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// Node running the app, stopped when dropped.
struct Server(Child);

impl Server {
    fn start(dir: &Path, port: u16) -> Server {
        let child = Command::new("node")
            .args(["app.js", &port.to_string()])
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node starts");
        Server(child)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The app's `/openapi.json`, once Node answers.
fn openapi_json(server: &mut Server, port: u16) -> String {
    let start = Instant::now();
    loop {
        if let Some(body) = get(port, "/openapi.json") {
            return body;
        }
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!("node app.js exited ({status}) before answering (see above)");
        }
        assert!(
            start.elapsed() < STARTUP,
            "node did not answer on port {port} within {STARTUP:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
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

/// The harness crate beside the client, in a workspace of both (its lock file copied from
/// the repository's, so the dependencies are the versions CI already built).
fn write_harness(dir: &Path) {
    write_if_changed(
        &dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"client\", \"harness\"]\n",
    );
    if !dir.join("Cargo.lock").exists() {
        fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    write_if_changed(
        &dir.join("harness/Cargo.toml"),
        "[package]\nname = \"fastify-harness\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\nnodeapp = { path = \"../client\" }\n\
         tokio = { version = \"1\", features = [\"rt\", \"macros\"] }\n",
    );
    let main = fs::read_to_string(root().join("tests/fastify/harness.rs")).unwrap();
    write_if_changed(&dir.join("harness/src/main.rs"), &main);
}
