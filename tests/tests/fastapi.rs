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
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use tests::real_server::{free_port, Harness, Server};
use tests::root;

/// How long uvicorn may take to answer.
const STARTUP: Duration = Duration::from_secs(60);

#[test]
fn the_client_of_a_fastapi_app_works_against_it() {
    let dir = root().join("target/fastapi");
    let python = venv(&dir);
    let port = free_port();
    let mut server = Server::spawn(
        "uvicorn",
        Command::new(&python)
            .args(["-m", "uvicorn", "--app-dir"])
            .arg(root().join("tests/fastapi"))
            .args([
                "app:app",
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
            ]),
    );
    let spec = server.openapi_json(port, STARTUP);
    Harness {
        app: "fastapi",
        crate_name: "fidelity",
        dir: &dir,
        target: &dir.join("target"),
    }
    .check(&spec, &format!("http://127.0.0.1:{port}"));
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
