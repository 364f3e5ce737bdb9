//! A real server: the FastAPI app of `tests/fastapi/app.py`, served by uvicorn on a free
//! loopback port, and the client generated from its live `/openapi.json`, checked on the
//! wire by a harness crate (`tests/fastapi/harness.rs`).
//!
//! The app's packages are pinned in `tests/fastapi/requirements.txt` and installed with pip
//! into a virtual environment, `target/fastapi/venv/` (again only when that file changes).
//! The client is generated into `target/fastapi/client/` (crate `fidelity`) and the harness
//! built beside it, as the GitHub examples test does; nothing is committed. It fails,
//! saying what to install, when Python 3 with `venv` and pip is missing. See the README,
//! "FastAPI".

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tests::root;

/// How long uvicorn may take to answer.
const STARTUP: Duration = Duration::from_secs(60);

#[test]
fn the_client_of_a_fastapi_app_works_against_it() {
    let dir = root().join("target/fastapi");
    let python = venv(&dir);
    let port = free_port();
    let _server = Server::start(&python, port);
    let spec = openapi_json(port);

    let mut options = codegen::Options::default();
    options.crate_name = "fidelity".to_owned();
    let generated = codegen::generate(&spec, &options)
        .unwrap_or_else(|d| panic!("the app's description does not generate:\n{d}"));
    for warning in generated.warnings.warnings() {
        println!("warning: {}", warning.message);
    }
    codegen::write::write(&dir.join("client"), &generated.files).expect("the client is written");
    write_harness(&dir);

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(&cargo)
        .args(["build", "-q", "-p", "fastapi-harness", "--target-dir"])
        .arg(dir.join("target"))
        .current_dir(&dir)
        .env_remove("RUSTFLAGS")
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the harness does not build (see above)");
    let output = Command::new(dir.join("target/debug/fastapi-harness"))
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

/// The virtual environment's Python, the pinned packages installed.
fn venv(dir: &Path) -> PathBuf {
    let requirements = root().join("tests/fastapi/requirements.txt");
    let wanted = fs::read_to_string(&requirements).expect("the requirements are readable");
    let venv = dir.join("venv");
    let stamp = venv.join("installed-requirements.txt");
    let python = venv.join("bin/python");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) && python.exists() {
        return python;
    }
    let created = Command::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .status();
    assert!(
        created.is_ok_and(|s| s.success()),
        "this test needs Python 3 with the `venv` module and pip (e.g. `apt install python3 \
         python3-venv`): `python3 -m venv` failed"
    );
    let installed = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(&requirements)
        .status();
    assert!(
        installed.is_ok_and(|s| s.success()),
        "pip could not install tests/fastapi/requirements.txt (it needs PyPI)"
    );
    fs::write(&stamp, wanted).expect("the stamp is written");
    python
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// uvicorn serving the app, stopped when dropped.
struct Server(Child);

impl Server {
    fn start(python: &Path, port: u16) -> Server {
        let child = Command::new(python)
            .args(["-m", "uvicorn", "--app-dir"])
            .arg(root().join("tests/fastapi"))
            .args([
                "app:app",
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("uvicorn starts");
        Server(child)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The app's `/openapi.json`, once uvicorn answers.
fn openapi_json(port: u16) -> String {
    let start = Instant::now();
    loop {
        if let Some(body) = get(port, "/openapi.json") {
            return body;
        }
        assert!(
            start.elapsed() < STARTUP,
            "uvicorn did not answer on port {port} within {STARTUP:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
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
    let write = |path: PathBuf, text: &str| {
        if fs::read_to_string(&path).ok().as_deref() != Some(text) {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
        }
    };
    write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"client\", \"harness\"]\n",
    );
    if !dir.join("Cargo.lock").exists() {
        fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    write(
        dir.join("harness/Cargo.toml"),
        "[package]\nname = \"fastapi-harness\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\nfidelity = { path = \"../client\" }\n\
         tokio = { version = \"1\", features = [\"rt\", \"macros\"] }\n",
    );
    let main = fs::read_to_string(root().join("tests/fastapi/harness.rs")).unwrap();
    write(dir.join("harness/src/main.rs"), &main);
}
