//! How long reading a spec (`load::load`) and indexing its positions (`SourceMap::index`)
//! take, before (`load_serde_yaml`, `SourceMap::index_handwritten`) and after reading YAML
//! with `saphyr-parser`'s events. Medians (and minimums) over interleaved rounds; ratios
//! new / old from the same run. Reads the AhaSend spec and, where present, Stripe's and
//! GitHub's JSON descriptions from the corpus.
//!
//! `cargo bench -p codegen --bench locate` (optionally `-- ROUNDS`, default 30).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use codegen::diagnostics::Ctxt;
use codegen::load;
use codegen::locate::SourceMap;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn read(candidates: &[&str]) -> Option<(String, String)> {
    candidates.iter().find_map(|p| {
        let path = Path::new(p);
        let text = std::fs::read_to_string(path).ok()?;
        Some((path.file_name()?.to_string_lossy().into_owned(), text))
    })
}

/// Runs each closure `rounds` times, interleaved, and returns their medians.
fn measure(rounds: usize, runs: &mut [&mut dyn FnMut()]) -> Vec<Duration> {
    for run in runs.iter_mut() {
        run();
    }
    let mut samples = vec![Vec::with_capacity(rounds); runs.len()];
    for _ in 0..rounds {
        for (run, samples) in runs.iter_mut().zip(&mut samples) {
            let start = Instant::now();
            run();
            samples.push(start.elapsed());
        }
    }
    for s in &samples {
        let min = s.iter().min().copied().unwrap_or_default();
        print!("min {:.2} ms  ", min.as_secs_f64() * 1e3);
    }
    println!("(old load, new load, old index, new index, saphyr events)");
    samples.into_iter().map(median).collect()
}

fn main() {
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(30);
    let manifest = env!("CARGO_MANIFEST_DIR");
    let yaml = read(&[
        &format!("{manifest}/../../shared/specs/ahasend-openapi.yaml"),
        "/work/shared/specs/ahasend-openapi.yaml",
    ]);
    let json = read(&["/work/corpus/gh/package/generated/api.github.com.json"]);
    let stripe = read(&["/work/corpus/dir/package/api/stripe.com.json"]);
    for (name, text, rounds) in [
        yaml.map(|(n, t)| (n, t, rounds)),
        stripe.map(|(n, t)| (n, t, rounds / 2 + 1)),
        json.map(|(n, t)| (n, t, rounds / 4 + 1)),
    ]
    .into_iter()
    .flatten()
    {
        let is_yaml = !text.trim_start().starts_with('{');
        let load_new = || {
            let mut cx = Ctxt::new();
            black_box(load::load(black_box(&text), &mut cx).expect("loads"));
        };
        let load_old = || {
            let mut cx = Ctxt::new();
            if is_yaml {
                black_box(load::load_serde_yaml(black_box(&text), &mut cx).expect("loads"));
            } else {
                black_box(load::load(black_box(&text), &mut cx).expect("loads"));
            }
        };
        let index_new = || {
            black_box(SourceMap::index(black_box(&text)));
        };
        let index_old = || {
            black_box(SourceMap::index_handwritten(black_box(&text)));
        };
        let raw = || {
            let mut p = saphyr_parser::Parser::new_from_str(black_box(&text));
            while let Some(Ok(e)) = p.next_event() {
                black_box(e);
            }
        };
        let (mut a, mut b, mut c, mut d, mut e) = (load_old, load_new, index_old, index_new, raw);
        let m = measure(rounds, &mut [&mut a, &mut b, &mut c, &mut d, &mut e]);
        println!("  raw saphyr events {:.2} ms", m[4].as_secs_f64() * 1e3);
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let ratio = |new: Duration, old: Duration| new.as_secs_f64() / old.as_secs_f64();
        println!(
            "{name} ({} KiB, {rounds} rounds, medians):",
            text.len() / 1024
        );
        println!(
            "  load          old {:8.2} ms   new {:8.2} ms   new/old {:.2}",
            ms(m[0]),
            ms(m[1]),
            ratio(m[1], m[0])
        );
        println!(
            "  index         old {:8.2} ms   new {:8.2} ms   new/old {:.2}",
            ms(m[2]),
            ms(m[3]),
            ratio(m[3], m[2])
        );
        println!(
            "  load + index  old {:8.2} ms   new {:8.2} ms   new/old {:.2}",
            ms(m[0] + m[2]),
            ms(m[1] + m[3]),
            ratio(m[1] + m[3], m[0] + m[2])
        );
    }
}
