//! Subprocesses: run with a timeout (polling `try_wait`, killing on timeout), and run to
//! completion capturing the output.

use std::io;
use std::process::{Command, ExitStatus, Output};
use std::time::{Duration, Instant};

use crate::outcome::Exit;

/// Runs `cmd` (whose stdio the caller has set up: to files, not pipes, so that a child
/// that prints a lot never blocks on a full pipe) and kills it after `timeout`.
pub fn run_with_timeout(cmd: &mut Command, timeout: Duration) -> io::Result<(Exit, Duration)> {
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let mut poll = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok((exit_of(status), start.elapsed()));
        }
        if start.elapsed() >= timeout {
            // The child may have exited since `try_wait`: then `kill` fails harmlessly.
            let _ = child.kill();
            child.wait()?;
            return Ok((Exit::TimedOut, start.elapsed()));
        }
        std::thread::sleep(poll);
        poll = (poll * 2).min(Duration::from_millis(10));
    }
}

pub fn exit_of(status: ExitStatus) -> Exit {
    if let Some(code) = status.code() {
        return Exit::Code(code);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return Exit::Signal(signal);
        }
    }
    Exit::Code(-1)
}

/// Runs `cmd` to completion; an error names the program when it fails to start or exits
/// non-zero, with its output.
pub fn run_checked(cmd: &mut Command, what: &str) -> Result<Output, String> {
    let output = cmd
        .output()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{what} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(output)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_quick_process_reports_its_exit_code() {
        let (exit, _) = run_with_timeout(
            Command::new("sh").args(["-c", "exit 3"]),
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(exit, Exit::Code(3));
    }

    #[test]
    fn a_slow_process_is_killed_at_the_timeout() {
        let (exit, took) =
            run_with_timeout(Command::new("sleep").arg("10"), Duration::from_millis(200)).unwrap();
        assert_eq!(exit, Exit::TimedOut);
        assert!(took < Duration::from_secs(5), "{took:?}");
    }
}
