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
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use tests::real_server::{free_port, write_if_changed, Harness, Server};
use tests::root;

/// How long Node may take to answer.
const STARTUP: Duration = Duration::from_secs(60);

#[test]
fn the_client_of_a_fastify_app_works_against_it() {
    let dir = root().join("target/fastify");
    install(&dir);
    let port = free_port();
    let mut server = Server::spawn(
        "node",
        Command::new("node")
            .args(["app.js", &port.to_string()])
            .current_dir(&dir),
    );
    let spec = server.openapi_json(port, STARTUP);
    Harness {
        app: "fastify",
        crate_name: "nodeapp",
        dir: &dir,
        // The FastAPI test's target directory: its harness has the same dependencies, built.
        target: &root().join("target/fastapi/target"),
    }
    .check(&spec, &format!("http://127.0.0.1:{port}"));
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
