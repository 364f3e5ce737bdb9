//! The `codegen` command on bad and unusual input: it exits non-zero with an error that
//! names the place (line:column where the text has one, a JSON pointer otherwise) and
//! what to do, and never panics.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh scratch directory for one test, removed when dropped; it stands for `path`,
/// the directory itself or one under it.
struct Scratch {
    root: PathBuf,
    path: PathBuf,
}

impl Scratch {
    /// The same scratch directory, standing for `rel` under it.
    fn at(mut self, rel: &str) -> Scratch {
        Scratch {
            path: self.root.join(rel),
            // Taken, so that `self` removes nothing when dropped.
            root: std::mem::take(&mut self.root),
        }
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !self.root.as_os_str().is_empty() {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

fn scratch() -> Scratch {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "codegen-cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    Scratch {
        root: dir.clone(),
        path: dir,
    }
}

fn codegen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("codegen runs")
}

/// Runs codegen on `spec` (written to `spec.yaml` or `spec.json`) into `out/`.
fn run(spec: &str, file_name: &str) -> (Output, String, Scratch) {
    let dir = scratch();
    std::fs::write(dir.join(file_name), spec).expect("write spec");
    let out = codegen(&dir, &["--spec", file_name, "--out", "out"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "codegen panicked:\n{stderr}");
    (out, stderr, dir)
}

/// Runs codegen on `spec`, which must succeed; returns its stderr and output directory.
fn succeeds(spec: &str, file_name: &str) -> (String, Scratch) {
    let (out, stderr, dir) = run(spec, file_name);
    assert!(
        out.status.success(),
        "codegen should succeed; stderr:\n{stderr}"
    );
    (stderr, dir.at("out"))
}

/// A generated file, by its path under the output directory.
fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel} is generated: {e}"))
}

fn fails_with(spec: &str, expected: &[&str]) -> String {
    let (out, stderr, dir) = run(spec, "spec.yaml");
    assert!(
        !out.status.success(),
        "codegen should fail; stderr:\n{stderr}"
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for e in expected {
        assert!(stderr.contains(e), "expected {e:?} in:\n{stderr}");
    }
    assert!(
        stderr.contains("help:"),
        "every error says what to do:\n{stderr}"
    );
    assert!(!dir.join("out").exists(), "nothing is written on error");
    stderr
}

const MINIMAL_OP: &str = "\
openapi: 3.1.0
info: {title: T, version: '1'}
servers: [{url: 'https://example.com'}]
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '200':
          description: ok
";

#[test]
fn malformed_yaml_names_line_and_column() {
    let spec = "openapi: 3.1.0\ninfo:\n  title: [unclosed\n  version: '1'\npaths: {}\n";
    let stderr = fails_with(spec, &["not valid YAML", "spec.yaml:"]);
    // The parser's place: a line:column pair after the file name.
    let after = stderr.split("spec.yaml:").nth(1).expect("a position");
    let mut parts = after
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let line: usize = parts.next().and_then(|s| s.parse().ok()).expect("a line");
    assert!((3..=5).contains(&line), "{stderr}");
}

#[test]
fn malformed_json_names_line_and_column() {
    let (out, stderr, _) = run(
        "{\n  \"openapi\": \"3.1.0\",\n  \"paths\": {,}\n}\n",
        "spec.json",
    );
    assert!(!out.status.success());
    assert!(
        stderr.contains("not valid JSON") && stderr.contains("spec.json:3:"),
        "{stderr}"
    );
}

#[test]
fn unresolvable_ref_names_the_reference_and_its_place() {
    let spec = "\
openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Missing'
components:
  schemas:
    Other:
      type: object
      properties:
        also:
          $ref: '#/components/schemas/AlsoMissing'
";
    let stderr = fails_with(
        spec,
        &[
            "unresolvable $ref `#/components/schemas/Missing`",
            "spec.yaml:13:17",
            "#/paths/~1things/get/responses/200/content/application~1json/schema",
            "unresolvable $ref `#/components/schemas/AlsoMissing`",
            "spec.yaml:20:11",
            "2 errors",
        ],
    );
    assert!(
        stderr.contains("define it under `components/schemas`"),
        "{stderr}"
    );
}

#[test]
fn external_ref_is_explained() {
    let spec = MINIMAL_OP.replace(
        "          description: ok\n",
        "          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: 'other.yaml#/Thing'\n",
    );
    fails_with(
        &spec,
        &[
            "cannot read `other.yaml`",
            "spec.yaml:14:17",
            "relative to the file that holds the reference",
        ],
    );
}

/// A description split over files (`$ref`d path items and webhooks, schemas in other
/// files and nested in components) generates; the fixture is also built in CI.
#[test]
fn references_to_other_files_and_nested_pointers_are_followed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multi-file/openapi.yaml");
    let dir = scratch();
    let out = codegen(
        &dir,
        &["--spec", root.to_str().expect("UTF-8 path"), "--out", "out"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let models = read(&dir.join("out"), "src/models.rs");
    for expected in [
        "pub struct Pet {",
        "pub friends: Option<Vec<Pet>>,",
        "pub owner: Option<Owner>,",
        "pub tag: Option<Tag>,",
        "pub type Tag = String;",
        "pub status: AccountStatus,",
        "pub enum AccountStatus {",
        "pub type Currency = String;",
    ] {
        assert!(models.contains(expected), "{expected} in:\n{models}");
    }
    let list = read(&dir.join("out"), "src/operations/list_pets.rs");
    assert!(list.contains("Vec<crate::models::Pet>"), "{list}");
    let hooks = read(&dir.join("out"), "src/webhooks.rs");
    assert!(hooks.contains("PetAdded(crate::models::Pet)"), "{hooks}");
}

/// A problem in a file reached through `$ref` names that file, its line, and the pointer
/// there (here a schema with `type: 12`, typed as any value with a warning).
#[test]
fn problems_in_referenced_files_name_the_file() {
    let dir = scratch();
    std::fs::create_dir_all(dir.join("schemas")).expect("mkdir");
    std::fs::write(
        dir.join("schemas/thing.yaml"),
        "Thing:\n  type: object\n  properties:\n    size:\n      type: 12\n",
    )
    .expect("write");
    let spec = MINIMAL_OP.replace(
        "          description: ok\n",
        "          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: 'schemas/thing.yaml#/Thing'\n",
    );
    std::fs::write(dir.join("spec.yaml"), spec).expect("write spec");
    let out = codegen(&dir, &["--spec", "spec.yaml", "--out", "out"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: this schema does not fit the OpenAPI model")
            && stderr.contains("--> schemas/thing.yaml:4:5")
            && stderr.contains("^^^^ #/Thing/properties/size"),
        "{stderr}"
    );
}

#[test]
fn references_to_urls_are_refused() {
    let spec = MINIMAL_OP.replace(
        "          description: ok\n",
        "          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: 'https://example.com/pet.yaml#/Pet'\n",
    );
    fails_with(
        &spec,
        &[
            "references to URLs are not supported: `https://example.com/pet.yaml#/Pet`",
            "refer to it by a relative path",
        ],
    );
}

#[test]
fn document_without_paths_or_webhooks() {
    fails_with(
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\ncomponents: {}\n",
        &["neither `paths` nor `webhooks`", "the document root"],
    );
}

#[test]
fn webhooks_only_document_is_valid_input() {
    let spec = "\
openapi: 3.1.0
info: {title: Hooks, version: '1'}
webhooks:
  thing.created:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Thing'
      responses:
        '200': {description: ok}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: string}
";
    let (stderr, out) = succeeds(spec, "spec.yaml");
    let models = read(&out, "src/models.rs");
    assert!(models.contains("pub struct Thing"), "{models}");
    let webhooks = read(&out, "src/webhooks.rs");
    assert!(
        webhooks.contains("ThingCreated(crate::models::Thing),"),
        "{webhooks}"
    );
    assert!(read(&out, "src/runtime/webhooks.rs").contains("pub struct Verifier"));
    // `Thing` has no `type` field to tell events apart, and the warning says so.
    assert!(
        stderr.contains(
            "warning: the payload of webhook `thing.created` lists no values of its `type` field"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("spec.yaml:5:5") && stderr.contains("#/webhooks/thing.created/post"),
        "the warning names the place: {stderr}"
    );
}

#[test]
fn operation_without_operation_id_gets_a_name_from_method_and_path() {
    let spec = MINIMAL_OP.replace("      operationId: ping\n", "");
    let spec = spec.replace("/ping", "/v2/accounts/{account_id}/ping").replace(
        "    get:\n",
        "    get:\n      parameters:\n        - {name: account_id, in: path, required: true, schema: {type: string}}\n",
    );
    let (stderr, out) = succeeds(&spec, "spec.yaml");
    assert!(
        stderr.contains("has no operationId"),
        "a warning explains the name:\n{stderr}"
    );
    assert!(stderr.contains("add an `operationId`"), "{stderr}");
    // The operation's file is named from its method and path.
    let op = read(&out, "src/operations/get_v2_accounts_account_id_ping.rs");
    assert!(
        op.contains("pub fn get_v2_accounts_account_id_ping(\n"),
        "{op}"
    );
    assert!(
        op.contains("account_id: impl Into<String>,\n    ) -> GetV2AccountsAccountIdPing {"),
        "{op}"
    );
    assert!(op.contains("pub struct GetV2AccountsAccountIdPing"), "{op}");
}

#[test]
fn unsupported_version_and_type_errors_name_their_pointer() {
    fails_with(
        "swagger: '1.2'\ninfo: {title: T, version: '1'}\npaths: {}\n",
        &["Swagger version 1.2 is not supported", "spec.yaml:1:1"],
    );
    // What holds the document together fails it; a part of one operation costs its place
    // (`typing`): a response that is not a Response Object is left out, with a warning.
    let spec = MINIMAL_OP.replace(
        "info: {title: T, version: '1'}",
        "info: {title: [T], version: '1'}",
    );
    fails_with(&spec, &["does not fit the OpenAPI model", "#/info"]);
    let spec = MINIMAL_OP.replace(
        "        '200':\n          description: ok\n",
        "        '200': 42\n        '204':\n          description: ok\n",
    );
    let (stderr, _) = succeeds(&spec, "spec.yaml");
    assert!(
        stderr.contains("does not fit the OpenAPI model")
            && stderr.contains("#/paths/~1ping/get/responses/200")
            && stderr.contains("left out"),
        "{stderr}"
    );
}

#[test]
fn local_problems_are_warnings_and_the_rest_is_generated() {
    let spec = "\
openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /a/{id}:
    get:
      operationId: a
      parameters:
        - {name: X-Filters, in: header, schema: {type: array, items: {type: object}}}
      responses:
        '200': {description: ok}
  /b:
    get:
      operationId: b
      responses:
        '200': {description: ok}
";
    let (stderr, out) = succeeds(spec, "spec.yaml");
    for expected in [
        "warning: the path template names `{id}`, but no path parameter `id` is declared; the client takes it as a string, argument `id`",
        "spec.yaml:5:5",
        "warning: header parameter `X-Filters` holds arrays or objects inside an array or object, which style `simple` can't write",
        "spec.yaml:8:9",
        "help:",
    ] {
        assert!(stderr.contains(expected), "expected {expected:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("error"), "{stderr}");
    let a = read(&out, "src/operations/a.rs");
    assert!(
        a.contains("id: impl Into<String>") || a.contains("id: String"),
        "{a}"
    );
    read(&out, "src/operations/b.rs");
}

#[test]
fn check_names_stale_files_and_passes_when_current() {
    let (out, stderr, dir) = run(MINIMAL_OP, "spec.yaml");
    assert!(out.status.success(), "{stderr}");
    let check = codegen(&dir, &["--spec", "spec.yaml", "--out", "out", "--check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    std::fs::write(dir.join("out/src/models.rs"), "// edited\n").expect("edit");
    std::fs::write(dir.join("out/src/operations/gone.rs"), "// old\n").expect("extra");
    std::fs::remove_file(dir.join("out/src/client.rs")).expect("remove");
    let check = codegen(&dir, &["--spec", "spec.yaml", "--out", "out", "--check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(!check.status.success(), "{stderr}");
    for expected in [
        "src/models.rs: differs",
        "src/operations/gone.rs: would no longer be generated",
        "src/client.rs: missing",
    ] {
        assert!(
            stderr.contains(expected),
            "expected {expected:?} in:\n{stderr}"
        );
    }
    assert_eq!(
        read(&dir.join("out"), "src/models.rs"),
        "// edited\n",
        "--check writes nothing"
    );
}

#[test]
fn two_runs_write_identical_files() {
    let (_, _, dir) = run(MINIMAL_OP, "spec.yaml");
    let first = read(&dir.join("out"), "src/operations/ping.rs");
    let again = codegen(&dir, &["--spec", "spec.yaml", "--out", "out"]);
    // `write` rewrites only files whose bytes differ: none do.
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 changed"));
    assert_eq!(read(&dir.join("out"), "src/operations/ping.rs"), first);
}

/// A description whose one operation has no operationId: a warning.
const WARNS: &str = "openapi: 3.1.0
info: {title: T, version: '1'}
servers: [{url: 'https://t.example.com'}]
paths:
  /ping:
    get:
      responses:
        '204': {description: ok}
";

#[test]
fn nothing_is_generated_again_when_nothing_changed() {
    let (out, stderr, dir) = run(WARNS, "spec.yaml");
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("GET /ping has no operationId"), "{stderr}");
    assert!(dir.join("out/.codegen-stamp").is_file(), "a stamp is left");
    let again = codegen(&dir, &["--spec", "spec.yaml", "--out", "out"]);
    let again_err = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{again_err}");
    assert!(
        again_err.contains("0 changed (nothing changed since the last run)"),
        "{again_err}"
    );
    assert!(
        again_err.contains("GET /ping has no operationId"),
        "the warnings are shown again: {again_err}"
    );
    let check = codegen(&dir, &["--spec", "spec.yaml", "--out", "out", "--check"]);
    let check_err = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{check_err}");
    assert!(check_err.contains("as stamped"), "{check_err}");

    // A changed description is generated again.
    let changed = WARNS.replace("/ping", "/pong");
    std::fs::write(dir.join("spec.yaml"), changed).expect("spec");
    let check = codegen(&dir, &["--spec", "spec.yaml", "--out", "out", "--check"]);
    let check_err = String::from_utf8_lossy(&check.stderr);
    assert!(!check.status.success(), "{check_err}");
    assert!(
        check_err.contains("src/operations/get_pong.rs: missing"),
        "{check_err}"
    );
    let again = codegen(&dir, &["--spec", "spec.yaml", "--out", "out"]);
    assert!(again.status.success());
    assert!(read(&dir.join("out"), "src/operations/get_pong.rs").contains("get_pong"));
    assert!(!dir.join("out/src/operations/get_ping.rs").exists());

    // Other options are another run: the crate name is in the manifest.
    let renamed = codegen(
        &dir,
        &[
            "--spec",
            "spec.yaml",
            "--out",
            "out",
            "--crate-name",
            "renamed",
            "--check",
        ],
    );
    let renamed_err = String::from_utf8_lossy(&renamed.stderr);
    assert!(!renamed.status.success(), "{renamed_err}");
    assert!(renamed_err.contains("Cargo.toml: differs"), "{renamed_err}");
}

#[test]
fn check_finds_a_file_edited_or_added_after_a_stamped_run() {
    let (out, stderr, dir) = run(MINIMAL_OP, "spec.yaml");
    assert!(out.status.success(), "{stderr}");
    let check = |expected: &str| {
        let check = codegen(&dir, &["--spec", "spec.yaml", "--out", "out", "--check"]);
        let stderr = String::from_utf8_lossy(&check.stderr);
        assert!(!check.status.success(), "{stderr}");
        assert!(
            stderr.contains(expected),
            "expected {expected:?} in:\n{stderr}"
        );
    };
    let models = read(&dir.join("out"), "src/models.rs");
    std::fs::write(
        dir.join("out/src/models.rs"),
        format!("{models}// edited\n"),
    )
    .expect("edit");
    check("src/models.rs: differs");
    std::fs::write(dir.join("out/src/models.rs"), models).expect("restore");
    std::fs::write(dir.join("out/src/extra.rs"), "// extra\n").expect("extra");
    check("src/extra.rs: would no longer be generated");
}

#[test]
fn json_and_openapi_3_0_input() {
    let spec = r#"{
  "openapi": "3.0.3",
  "info": {"title": "T", "version": "1"},
  "servers": [{"url": "https://example.com"}],
  "paths": {"/things/{id}": {"get": {
    "operationId": "getThing",
    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
      "type": "object", "nullable": true, "properties": {"name": {"type": "string", "nullable": true}}
    }}}}}
  }}}
}"#;
    let (_, out) = succeeds(spec, "spec.json");
    let op = read(&out, "src/operations/get_thing.rs");
    assert!(
        op.contains("pub fn get_thing(&self, id: uuid::Uuid)"),
        "{op}"
    );
}

#[test]
fn bad_arguments_and_missing_spec() {
    let dir = scratch();
    let out = codegen(&dir, &["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown argument `--frobnicate`"));
    let out = codegen(&dir, &["--spec"]);
    assert_eq!(out.status.code(), Some(2));
    let out = codegen(&dir, &["--spec", "nope.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the spec nope.yaml"));
    let out = codegen(&dir, &["--help"]);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("--crate-name"));
}

#[test]
fn crate_name_is_validated_and_used() {
    let dir = scratch();
    std::fs::write(dir.join("spec.yaml"), MINIMAL_OP).expect("spec");
    let out = codegen(
        &dir,
        &[
            "--spec",
            "spec.yaml",
            "--out",
            "out",
            "--crate-name",
            "my client",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid crate name"));
    let out = codegen(
        &dir,
        &[
            "--spec",
            "spec.yaml",
            "--out",
            "out",
            "--crate-name",
            "acme-api",
        ],
    );
    assert!(out.status.success());
    let manifest = read(&dir.join("out"), "Cargo.toml");
    assert!(manifest.contains("name = \"acme-api\""), "{manifest}");
    let client = read(&dir.join("out"), "src/client.rs");
    assert!(client.contains("env_prefix: \"ACME\""), "{client}");
}

/// `codegen.yaml` in the current directory is read by default, `--config` names another,
/// and a config error names the file, the line and the offending key.
#[test]
fn generator_config_is_read_and_checked() {
    let spec = MINIMAL_OP.replace(
        "operationId: ping",
        "operationId: ping\n      x-rate-limit-class: slow",
    );
    // Without a config, the extension names no class.
    let (out, stderr, _) = run(&spec, "spec.yaml");
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("`x-rate-limit-class` names the class `slow`"),
        "{stderr}"
    );

    let dir = scratch();
    std::fs::write(dir.join("spec.yaml"), &spec).expect("write spec");
    std::fs::write(
        dir.join("codegen.yaml"),
        "rate_limits:\n  classes:\n    slow: { per_second: 2, burst: 1 }\n",
    )
    .expect("write config");
    let out = codegen(&dir, &["--spec", "spec.yaml", "--out", "out"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "codegen.yaml is read by default:\n{stderr}"
    );
    assert!(
        read(&dir.join("out"), "src/operations/ping.rs").contains("rate_class: Some(\"slow\"),")
    );

    std::fs::write(dir.join("other.yaml"), "rate_limits:\n  clases: {}\n").expect("write config");
    let out = codegen(
        &dir,
        &[
            "--spec",
            "spec.yaml",
            "--out",
            "out2",
            "--config",
            "other.yaml",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("other.yaml")
            && stderr.contains("clases")
            && stderr.contains("other.yaml:2"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help:") && !stderr.contains("panicked"),
        "{stderr}"
    );
    assert!(!dir.join("out2").exists(), "nothing is written on error");

    let out = codegen(
        &dir,
        &[
            "--spec",
            "spec.yaml",
            "--out",
            "out3",
            "--config",
            "missing.yaml",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot read the config missing.yaml"),
        "{stderr}"
    );
}

#[test]
fn version_and_help_behave_as_in_any_cargo_tool() {
    let dir = scratch();
    for flag in ["--version", "-V"] {
        let out = codegen(&dir, &[flag]);
        assert!(out.status.success());
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            stdout.trim(),
            format!("codegen {}", env!("CARGO_PKG_VERSION"))
        );
    }
    let out = codegen(&dir, &["--help"]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("Generate a Rust client crate"),
        "{stdout}"
    );
    assert!(stdout.contains("Usage: codegen [OPTIONS]"), "{stdout}");
}

/// Without `--crate-name`, the package is named after `--out`'s last component.
#[test]
fn the_crate_is_named_after_the_output_directory() {
    let dir = scratch();
    std::fs::write(dir.join("spec.yaml"), MINIMAL_OP).expect("write spec");
    let out = codegen(&dir, &["--spec", "spec.yaml", "--out", "clients/Pet Store"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest = read(&dir.join("clients/Pet Store"), "Cargo.toml");
    assert!(manifest.contains("name = \"pet-store\""), "{manifest}");
}

/// The manifest carries what crates.io and docs.rs show, where the description has it.
#[test]
fn the_manifest_carries_license_homepage_and_repository() {
    let spec = MINIMAL_OP.replace(
        "info: {title: T, version: '1'}",
        "info:\n  title: T\n  version: '1'\n  license: {name: MIT OR Apache-2.0}\n  contact: {url: 'https://github.com/example/t'}\nexternalDocs: {url: 'https://t.example.com/docs'}",
    );
    let (_, out) = succeeds(&spec, "spec.yaml");
    let manifest = read(&out, "Cargo.toml");
    for line in [
        "license = \"MIT OR Apache-2.0\"",
        "homepage = \"https://t.example.com/docs\"",
        "repository = \"https://github.com/example/t\"",
        "rust-version = \"1.88\"",
    ] {
        assert!(manifest.contains(line), "{line} in:\n{manifest}");
    }
}

/// A description of `n` operations, the first with `summary`.
fn operations(n: usize, summary: &str) -> String {
    // Each takes an array in its query, sent a pair at a time by a `for` loop, which
    // `format`'s own printer leaves to rustfmt: every operation's file is run through it.
    // Its name is so long that rustfmt breaks the lines that name it otherwise than
    // prettyplease does.
    let mut spec = String::from("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n");
    for i in 0..n {
        let summary = if i == 0 { summary } else { "Ping" };
        spec.push_str(&format!(
            "  /ping{i}:\n    get:\n      operationId: ping{i}\n      summary: {summary}\n      \
             parameters:\n        - {{name: ids_of_the_things_to_ping_which_are_many_and_named_at_length, in: query, \
             schema: {{type: array, items: {{type: integer}}}}}}\n      \
             responses:\n        '204': {{description: ok}}\n"
        ));
    }
    spec
}

#[cfg(unix)]
#[test]
fn a_changed_description_formats_only_the_files_it_changes() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch();
    // A rustfmt that notes, for each run, how many files it was given joined (the marker
    // lines in its input; a file piped whole has none).
    let log = dir.join("rustfmt.log");
    let wrapper = dir.join("rustfmt.sh");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\ncase \"$*\" in *--version*) exec rustfmt \"$@\";; esac\n\
             input=\"$(mktemp)\"\ncat > \"$input\"\n\
             grep -c '^// @codegen-joined-file ' \"$input\" >> '{}'\n\
             rustfmt \"$@\" < \"$input\"\nstatus=$?\nrm -f \"$input\"\nexit $status\n",
            log.display()
        ),
    )
    .expect("wrapper");
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let generate = |out: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
            .current_dir(&dir)
            .env("RUSTFMT", &wrapper)
            .args(["--spec", "spec.yaml", "--out", out])
            .output()
            .expect("codegen runs");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
        assert!(!stderr.contains("rustfmt"), "rustfmt ran: {stderr}");
        let runs = std::fs::read_to_string(&log).unwrap_or_default();
        let _ = std::fs::remove_file(&log);
        runs
    };
    // The files each run formatted: those joined, or the one piped whole.
    let files_of = |runs: &str| -> Vec<usize> {
        runs.lines()
            .map(|joined| joined.trim().parse::<usize>().expect("a count").max(1))
            .collect()
    };
    // More operations than rustfmt runs at once, so that the first run joins files.
    std::fs::write(dir.join("spec.yaml"), operations(40, "Ping")).expect("spec");
    let first = files_of(&generate("out/client"));
    assert!(first.iter().any(|&n| n > 1), "{first:?}");
    // Every operation's file; the others are written in rustfmt's layout by the generator.
    assert_eq!(first.iter().sum::<usize>(), 40, "{first:?}");

    std::fs::write(dir.join("spec.yaml"), operations(40, "Ping the server")).expect("spec");
    let second = files_of(&generate("out/client"));
    assert!(
        (1..=3).contains(&second.iter().sum::<usize>()),
        "only the operation, and the files that list it: {second:?}"
    );
    // The same crate as a run with nothing to reuse.
    generate("fresh/client");
    let sources = codegen_sources(&dir.join("fresh/client"));
    assert!(sources.len() > 40, "{sources:?}");
    for rel in sources {
        assert_eq!(
            read(&dir.join("out/client"), &rel),
            read(&dir.join("fresh/client"), &rel),
            "{rel}"
        );
    }
    assert!(read(&dir.join("out/client"), "src/operations/ping0.rs").contains("Ping the server"));
}

/// The `.rs` files under `out/src`, relative to `out`, in order.
fn codegen_sources(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![out.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(rel) = path.strip_prefix(out) {
                found.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

/// Without a rustfmt to run, every file is still written (as prettyplease prints it) and
/// a warning says so; a run with rustfmt then formats them, as a first run with it would.
#[test]
fn without_rustfmt_every_file_is_written_and_a_warning_says_so() {
    let dir = scratch();
    std::fs::write(dir.join("spec.yaml"), operations(12, "Ping")).expect("spec");
    let generate = |out: &str, rustfmt: Option<&Path>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_codegen"));
        command
            .current_dir(&dir)
            .args(["--spec", "spec.yaml", "--out", out]);
        if let Some(rustfmt) = rustfmt {
            command.env("RUSTFMT", rustfmt);
        }
        let output = command.output().expect("codegen runs");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
        stderr
    };
    let stderr = generate("out/client", Some(&dir.join("no-such-rustfmt")));
    assert!(
        stderr.contains("of the generated Rust files were not run through rustfmt"),
        "{stderr}"
    );
    let out = dir.join("out/client");
    let sources = codegen_sources(&out);
    assert!(sources.len() > 12, "every operation's file: {sources:?}");
    let before: Vec<String> = sources.iter().map(|rel| read(&out, rel)).collect();

    let stderr = generate("out/client", None);
    assert!(!stderr.contains("rustfmt"), "{stderr}");
    generate("fresh/client", None);
    let fresh = dir.join("fresh/client");
    assert_eq!(codegen_sources(&fresh), sources);
    let mut formatted = 0;
    for (rel, before) in sources.iter().zip(&before) {
        let after = read(&out, rel);
        assert_eq!(after, read(&fresh, rel), "{rel}");
        formatted += usize::from(after != *before);
    }
    assert!(
        formatted > 0,
        "rustfmt changed none of the files written without it"
    );
}

/// An output directory that can't be written is an error that names it and says what to
/// do, not a panic.
#[test]
fn an_output_directory_that_cannot_be_written_is_an_error() {
    let dir = scratch();
    std::fs::write(dir.join("spec.yaml"), MINIMAL_OP).expect("spec");
    // A file where the crate's directory would go.
    std::fs::write(dir.join("out"), "not a directory").expect("a file");
    let output = codegen(&dir, &["--spec", "spec.yaml", "--out", "out"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: cannot write out"), "{stderr}");
    assert!(stderr.contains("help:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
