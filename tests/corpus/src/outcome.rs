//! What happened to one document, classified from the codegen CLI's exit and output.

use std::fmt;

/// How a subprocess ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    /// Killed by a signal (Unix), e.g. an abort after a stack overflow.
    Signal(i32),
    /// Killed by the harness after the timeout.
    TimedOut,
}

/// The outcome of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Generated (and, unless in generation-only mode, `cargo check`ed).
    Ok,
    /// The generator reported errors: every `error:` message, in order.
    Refused(Vec<String>),
    /// Generated, but `cargo check` failed: the first compiler error.
    DidNotCompile(String),
    /// The generator crashed: the panic message or what is known of the crash.
    Panicked(String),
    Timeout,
}

/// The outcome kinds, in the order the summary counts them.
pub const KINDS: [&str; 5] = ["ok", "refused", "did not compile", "panicked", "timeout"];

impl Outcome {
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Ok => KINDS[0],
            Outcome::Refused(_) => KINDS[1],
            Outcome::DidNotCompile(_) => KINDS[2],
            Outcome::Panicked(_) => KINDS[3],
            Outcome::Timeout => KINDS[4],
        }
    }

    pub fn is_refused(&self) -> bool {
        matches!(self, Outcome::Refused(_))
    }

    /// Generation succeeded (whether or not the crate compiles).
    pub fn generated(&self) -> bool {
        matches!(self, Outcome::Ok | Outcome::DidNotCompile(_))
    }

    /// A crash or a hang: always a failure of the run.
    pub fn is_failure(&self) -> bool {
        matches!(self, Outcome::Panicked(_) | Outcome::Timeout)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Ok | Outcome::Timeout => f.write_str(self.kind()),
            Outcome::Refused(errors) => {
                let first = errors.first().map(String::as_str).unwrap_or("");
                write!(f, "refused: {first}")?;
                if errors.len() > 1 {
                    write!(f, " [+{} more]", errors.len() - 1)?;
                }
                Ok(())
            }
            Outcome::DidNotCompile(e) => write!(f, "did not compile: {e}"),
            Outcome::Panicked(e) => write!(f, "panicked: {e}"),
        }
    }
}

/// Classifies a run of the codegen CLI from how it exited and its combined output.
pub fn classify_generation(exit: Exit, output: &str) -> Outcome {
    if exit == Exit::TimedOut {
        return Outcome::Timeout;
    }
    if let Some(panic) = panic_message(output) {
        return Outcome::Panicked(panic);
    }
    match exit {
        Exit::Code(0) => Outcome::Ok,
        Exit::Code(code) => {
            let errors: Vec<String> = output
                .lines()
                .filter_map(|l| l.strip_prefix("error: "))
                .map(|m| m.trim().to_owned())
                .collect();
            if errors.is_empty() {
                let last = output.lines().rev().find(|l| !l.trim().is_empty());
                Outcome::Panicked(format!(
                    "exit status {code} without an error message{}",
                    last.map(|l| format!(": {}", l.trim())).unwrap_or_default()
                ))
            } else {
                Outcome::Refused(errors)
            }
        }
        Exit::Signal(signal) => Outcome::Panicked(format!("killed by signal {signal}")),
        Exit::TimedOut => unreachable!("handled above"),
    }
}

/// The message of a Rust panic (`thread 'main' panicked at src/x.rs:1:2:` followed by
/// the message on the next line, as Rust ≥ 1.73 prints it; or the older one-line form),
/// or of a stack overflow.
fn panic_message(output: &str) -> Option<String> {
    let mut lines = output.lines();
    while let Some(line) = lines.next() {
        if let Some((_, at)) = line.split_once("' panicked at ") {
            return Some(match at.strip_suffix(':') {
                // New form: the location ends with `:`, the message follows.
                Some(location) => {
                    let message = lines.next().unwrap_or("").trim();
                    format!("{message} (at {location})")
                }
                // Old form: `panicked at 'message', src/x.rs:1:2`.
                None => at.trim().to_owned(),
            });
        }
        if line.contains("has overflowed its stack") {
            return Some(line.trim().to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFUSAL: &str = "\
error: responses of type `application/octet-stream` are not supported
  --> connect.json:1:19094 (#/paths/~1vaults/get/responses/200)
  = help: offer an `application/json` (or `text/*`) representation
error: unresolvable $ref `#/components/schemas/Missing`
  --> connect.json:1:200 (#/paths/~1x/get)
2 errors; nothing was generated
";

    #[test]
    fn exit_zero_is_ok_even_with_warnings() {
        let output =
            "warning: `oneOf` with 2 different shapes is generated as `serde_json::Value`\n\
                      generated out from spec: 9 files, 9 changed\n";
        assert_eq!(classify_generation(Exit::Code(0), output), Outcome::Ok);
    }

    #[test]
    fn errors_are_a_refusal_with_every_message() {
        let outcome = classify_generation(Exit::Code(1), REFUSAL);
        assert_eq!(
            outcome,
            Outcome::Refused(vec![
                "responses of type `application/octet-stream` are not supported".into(),
                "unresolvable $ref `#/components/schemas/Missing`".into(),
            ])
        );
        assert_eq!(
            outcome.to_string(),
            "refused: responses of type `application/octet-stream` are not supported [+1 more]"
        );
    }

    #[test]
    fn a_panic_is_reported_with_its_message_and_place() {
        let output = "\nthread 'main' panicked at codegen/src/resolve/mod.rs:12:9:\n\
                      index out of bounds: the len is 0 but the index is 0\n\
                      note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
        assert_eq!(
            classify_generation(Exit::Code(101), output),
            Outcome::Panicked(
                "index out of bounds: the len is 0 but the index is 0 \
                 (at codegen/src/resolve/mod.rs:12:9)"
                    .into()
            )
        );
        let old = "thread 'main' panicked at 'boom', src/main.rs:2:5\n";
        assert_eq!(
            classify_generation(Exit::Code(101), old),
            Outcome::Panicked("'boom', src/main.rs:2:5".into())
        );
    }

    #[test]
    fn a_panic_wins_over_earlier_errors() {
        let output = format!("{REFUSAL}thread 'main' panicked at src/x.rs:1:2:\nboom\n");
        assert_eq!(
            classify_generation(Exit::Code(101), &output),
            Outcome::Panicked("boom (at src/x.rs:1:2)".into())
        );
    }

    #[test]
    fn stack_overflows_signals_and_silent_failures_are_crashes() {
        let overflow =
            "\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n";
        assert_eq!(
            classify_generation(Exit::Signal(6), overflow),
            Outcome::Panicked("thread 'main' has overflowed its stack".into())
        );
        assert_eq!(
            classify_generation(Exit::Signal(9), ""),
            Outcome::Panicked("killed by signal 9".into())
        );
        assert_eq!(
            classify_generation(Exit::Code(3), "something odd\n\n"),
            Outcome::Panicked("exit status 3 without an error message: something odd".into())
        );
    }

    #[test]
    fn a_timeout_is_a_timeout_whatever_was_printed() {
        assert_eq!(
            classify_generation(Exit::TimedOut, REFUSAL),
            Outcome::Timeout
        );
        assert!(Outcome::Timeout.is_failure());
        assert!(!Outcome::Refused(vec![]).is_failure());
        assert!(Outcome::DidNotCompile(String::new()).generated());
    }
}
