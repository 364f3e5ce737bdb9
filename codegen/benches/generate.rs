//! How long generating the full AhaSend client takes, as a ratio to parsing the same
//! YAML file into a `serde_json::Value`, both measured in this one run (the machines are
//! shared and noisy, so only the ratio is comparable between runs).
//!
//! Also how long a run with nothing changed takes to find so from the stamp a previous
//! run left (the key, hashing the description and the written files).
//!
//! `cargo bench -p codegen --bench generate` (optionally `-- ROUNDS`, default 30). Reads
//! `../shared/specs/ahasend-openapi.yaml` beside the checkout and fails if it is missing.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/ahasend-openapi.yaml");
    let spec = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared specs must sit beside the checkout)",
            path.display()
        )
    });
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(30);
    let mut options = codegen::Options::default();
    options.crate_name = "ahasend".to_owned();

    let parse = || {
        let value: serde_json::Value =
            serde_yaml::from_str(black_box(&spec)).expect("the spec parses");
        black_box(value);
    };
    let generate = || {
        let generated = codegen::generate(black_box(&spec), &options).expect("the spec generates");
        black_box(generated);
    };
    // Warm up, then alternate the two so that both see the same machine load.
    for _ in 0..3 {
        parse();
        generate();
    }
    let (mut parses, mut generations) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    for _ in 0..rounds {
        let start = Instant::now();
        parse();
        parses.push(start.elapsed());
        let start = Instant::now();
        generate();
        generations.push(start.elapsed());
    }
    let (parse, generate) = (median(parses), median(generations));
    let generated = codegen::generate(&spec, &options).expect("the spec generates");
    let files = generated.files.len();

    // Regenerating with nothing changed: what `codegen` and the build script do first,
    // checking the stamp a previous run left (codegen/src/stamp.rs).
    let out = std::env::temp_dir().join(format!("codegen-bench-{}", std::process::id()));
    let spec_file = out.join("openapi.yaml");
    std::fs::create_dir_all(&out).expect("a scratch directory");
    std::fs::write(&spec_file, &spec).expect("the spec is copied");
    codegen::write::write(&out, &generated.files).expect("the client is written");
    let key = codegen::stamp::Key::new(&options, &[&spec_file]).expect("a key");
    let stamp = codegen::stamp::Stamp::new(
        &key,
        std::slice::from_ref(&spec_file),
        &generated.files,
        &generated.unformatted,
        Vec::new(),
        String::new(),
    )
    .expect("a stamp");
    stamp.save(&out);
    let mut fresh = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        let key = codegen::stamp::Key::new(&options, &[&spec_file]).expect("a key");
        assert!(codegen::stamp::Stamp::fresh(&out, &key).is_some(), "fresh");
        fresh.push(start.elapsed());
    }
    let fresh = median(fresh);
    let _ = std::fs::remove_dir_all(&out);
    println!(
        "full AhaSend spec ({} bytes, {files} generated files), median of {rounds} rounds:",
        spec.len()
    );
    println!("  parse YAML into serde_json::Value: {parse:>10.2?}");
    println!("  generate the client:               {generate:>10.2?}");
    println!(
        "  ratio generate / parse:            {:>10.2}",
        generate.as_secs_f64() / parse.as_secs_f64()
    );
    println!("  nothing changed (stamp checked):   {fresh:>10.2?}");
    println!(
        "  ratio nothing changed / parse:     {:>10.2}",
        fresh.as_secs_f64() / parse.as_secs_f64()
    );
}
