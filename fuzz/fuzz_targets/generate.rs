//! Bytes → `codegen::generate`: any input must end, in bounded time, in `Ok` or `Err`
//! (diagnostics), never a panic. Inputs that are not UTF-8 are skipped: the library takes
//! `&str`. rustfmt is not run (a process per input would cost most of the time); the
//! phases before it are all the generator's own.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(spec) = std::str::from_utf8(data) {
        let _ = codegen::generate_unformatted(spec, &codegen::Options::default());
    }
});
