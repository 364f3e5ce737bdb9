//! `codegen`: generate the Rust client crate from an OpenAPI description.
//!
//! ```text
//! cargo run -p codegen [-- --spec PATH] [--out DIR] [--crate-name NAME] [--config FILE] [--check]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use codegen::stamp::{Key, Stamp, Warning};

/// mimalloc rather than the system allocator: generating is mostly allocating and
/// freeing small token trees and strings, where glibc's malloc spends a third of the time
/// (see the README, "How it works").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
Generate a Rust client crate from an OpenAPI 3.0/3.1 (or Swagger 2.0) description.

Usage: codegen [OPTIONS]

Options:
      --spec PATH        the OpenAPI description, YAML or JSON; `$ref`s to other files are
                         read relative to it (default: openapi.yaml)
      --out DIR          the crate to write (default: generated-client)
      --crate-name NAME  the generated package's name (default: the last component of
                         --out; `ahasend-client` when --out is not given)
      --config FILE      the generator's settings: rate-limit classes, security schemes
                         (default: codegen.yaml in the current directory, if there is one)
      --check            write nothing; fail and name the files that are not as generated
  -h, --help             print this help
  -V, --version          print the version";

/// The package name when neither `--out` nor `--crate-name` is given: the seed's.
const DEFAULT_CRATE_NAME: &str = "ahasend-client";

struct Args {
    spec: PathBuf,
    out: PathBuf,
    out_given: bool,
    crate_name: Option<String>,
    config: Option<PathBuf>,
    check: bool,
}

/// What the command line asks for.
enum Command {
    Generate(Args),
    Help,
    Version,
}

fn parse_args() -> Result<Command, String> {
    let mut args = Args {
        spec: PathBuf::from("openapi.yaml"),
        out: PathBuf::from("generated-client"),
        out_given: false,
        crate_name: None,
        config: None,
        check: false,
    };
    let mut it = std::env::args_os().skip(1);
    while let Some(arg) = it.next() {
        let arg = arg.to_string_lossy().into_owned();
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => it
                    .next()
                    .map(|v| v.to_string_lossy().into_owned())
                    .ok_or_else(|| format!("{name} needs a value")),
            }
        };
        match flag.as_str() {
            "--spec" => args.spec = PathBuf::from(value("--spec")?),
            "--out" => {
                args.out = PathBuf::from(value("--out")?);
                args.out_given = true;
            }
            "--crate-name" => args.crate_name = Some(value("--crate-name")?),
            "--config" => args.config = Some(PathBuf::from(value("--config")?)),
            "--check" => args.check = true,
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Command::Generate(args))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Command::Generate(args)) => args,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("codegen {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let spec_name = args.spec.display().to_string();
    if let Err(e) = std::fs::metadata(&args.spec) {
        eprintln!(
            "error: cannot read the spec {spec_name}: {e}\n  = help: pass its path with --spec"
        );
        return ExitCode::FAILURE;
    }
    let mut options = codegen::Options::default();
    options.crate_name = match args.crate_name {
        Some(name) => name,
        None if args.out_given => crate_name_of(&args.out),
        None => DEFAULT_CRATE_NAME.to_owned(),
    };
    let config_path = match args.config {
        Some(path) => Some(path),
        None => Some(PathBuf::from(codegen::config::DEFAULT_CONFIG_FILE)).filter(|p| p.is_file()),
    };
    if let Some(path) = &config_path {
        let name = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read the config {name}: {e}\n  = help: pass its path with --config");
                return ExitCode::FAILURE;
            }
        };
        match codegen::config::Config::parse(&text, &name) {
            Ok(config) => options.config = config,
            Err(diagnostics) => {
                eprintln!("{}", render(&diagnostics, &name));
                return ExitCode::FAILURE;
            }
        }
    }
    let out = args.out.display().to_string();
    options.reuse_formatted(&args.out);
    if !args.check {
        options.write_into(&args.out);
    }
    let named: Vec<PathBuf> = std::iter::once(args.spec.clone())
        .chain(config_path.clone())
        .collect();
    let key = {
        let named: Vec<&std::path::Path> = named.iter().map(PathBuf::as_path).collect();
        Key::new(&options, &named)
    };
    if let Some(stamp) = key.as_ref().and_then(|key| Stamp::fresh(&args.out, key)) {
        for warning in &stamp.warnings {
            let text = if colour() {
                &warning.styled
            } else {
                &warning.plain
            };
            eprintln!("{text}");
        }
        let files = stamp.files();
        if args.check {
            eprintln!("{out} is up to date with {spec_name} ({files} files, as stamped)");
        } else {
            eprintln!(
                "generated {out} from {spec_name}: {files} files, 0 changed (nothing changed since the last run)"
            );
        }
        return ExitCode::SUCCESS;
    }
    let mut generated = match codegen::generate_file(&args.spec, &options) {
        Ok(g) => g,
        Err(diagnostics) => {
            eprintln!("{}", render(&diagnostics, &spec_name));
            return ExitCode::FAILURE;
        }
    };
    for warning in generated.warnings.warnings() {
        eprintln!("{}", render_one(warning, &spec_name));
    }
    if args.check {
        return match codegen::write::check(&args.out, &generated.files) {
            Ok(stale) if stale.is_empty() => {
                eprintln!(
                    "{out} is up to date with {spec_name} ({} files)",
                    generated.files.len()
                );
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                eprintln!("error: {out} is stale against {spec_name}:");
                for s in &stale {
                    eprintln!("  {s}");
                }
                eprintln!("  = help: run `cargo run -p codegen` and commit the result");
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: cannot read {out}: {e}");
                ExitCode::FAILURE
            }
        };
    }
    // Written during the run (`write_into`); written now otherwise.
    let written = generated.changes.take().unwrap_or_else(|| {
        codegen::write::write(&args.out, &generated.files).map_err(|e| e.to_string())
    });
    let changes = match written {
        Ok(changes) => changes,
        Err(e) => {
            eprintln!(
                "error: cannot write {out}: {e}\n  = help: check that the directory can be created and written"
            );
            return ExitCode::FAILURE;
        }
    };
    if let Some(key) = &key {
        let inputs: Vec<PathBuf> = generated
            .inputs
            .iter()
            .cloned()
            .chain(config_path)
            .collect();
        let warnings = Warning::all(&generated.warnings, &spec_name);
        let manifest = generated
            .files
            .get("Cargo.toml")
            .cloned()
            .unwrap_or_default();
        if let Some(stamp) = Stamp::new(
            key,
            &inputs,
            &generated.files,
            &generated.unformatted,
            warnings,
            manifest,
        ) {
            stamp.save(&args.out);
        }
    }
    eprintln!(
        "generated {out} from {spec_name}: {} files, {} changed",
        generated.files.len(),
        changes.len()
    );
    ExitCode::SUCCESS
}

/// Whether messages are coloured: on a terminal, unless `NO_COLOR` is set.
fn colour() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn render(diagnostics: &codegen::Diagnostics, file: &str) -> String {
    if colour() {
        diagnostics.render_styled(file)
    } else {
        diagnostics.render(file)
    }
}

fn render_one(diagnostic: &codegen::Diagnostic, file: &str) -> String {
    if colour() {
        diagnostic.render_styled(file)
    } else {
        diagnostic.render(file)
    }
}

/// A package name from the output directory's last component: `clients/pet-store` →
/// `pet-store`; characters Cargo does not take become `-`, and a name that does not start
/// with a letter gets an `api-` prefix.
fn crate_name_of(out: &std::path::Path) -> String {
    let last = out
        .components()
        .next_back()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_ascii_lowercase();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("api-{name}").trim_end_matches('-').to_owned()
    }
}
