//! How a test binary or `main` ended, as an [`Outcome`]: a pure function of the exit, the
//! output and what the binary lists, apart from spawning anything (that is in `run`).

use std::process::ExitStatus;

use crate::engine::libtest;
use crate::engine::limits::{LimitHit, Limits};
use crate::model::kit::Harness;
use crate::model::outcome::{Outcome, TestFailure};

/// How a process exited, without the platform's types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// It exited by itself with this code (0 is success).
    Code(i32),
    /// It ended abnormally (a signal on Unix, an exception code on Windows); what happened.
    Abnormal(String),
    /// It was killed for writing a file past the file-size limit (`SIGXFSZ`).
    FileTooLarge,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ended {
    /// It exited.
    Exited(Exit),
    /// It hit its time limit and was killed.
    TimedOut,
    /// It was cancelled and killed: no verdict.
    Cancelled,
    /// It could not be started; why.
    NotStarted(String),
}

/// Everything classification looks at.
pub struct Ran<'a> {
    /// How it ended.
    pub ended: Ended,
    /// Its stdout.
    pub stdout: &'a str,
    /// Its stderr.
    pub stderr: &'a str,
    /// Tests or `main`.
    pub harness: Harness,
    /// Its time limit, in seconds.
    pub limit_secs: f64,
    /// The tests the binary lists (`--list`), where they were asked for.
    pub listed: &'a [String],
    /// The limits it ran under.
    pub limits: Limits,
    /// The limit it ran into, where the platform could tell (a cgroup's counters).
    pub limit_hit: Option<LimitHit>,
}

/// The outcome of a run; `None` when it was cancelled.
pub fn classify(ran: &Ran<'_>) -> Option<Outcome> {
    let combined = if ran.stderr.is_empty() {
        ran.stdout.to_owned()
    } else {
        format!("{}{}", ran.stdout, ran.stderr)
    };
    if ran.ended == Ended::Cancelled {
        return None;
    }
    if let Some(hit) = limit_hit(ran) {
        return Some(Outcome::OverLimit {
            limit: hit.describe(),
            output: combined,
        });
    }
    let exit = match &ran.ended {
        Ended::Cancelled => return None,
        Ended::NotStarted(why) => {
            return Some(Outcome::Crashed {
                description: why.clone(),
                output: String::new(),
            });
        }
        Ended::TimedOut => {
            let unfinished = match ran.harness {
                Harness::Tests => unfinished_tests(ran.stdout, ran.listed),
                Harness::Main => Vec::new(),
            };
            return Some(Outcome::TimedOut {
                limit_secs: ran.limit_secs,
                unfinished,
                output: combined,
            });
        }
        Ended::Exited(exit) => exit,
    };
    Some(match (exit, ran.harness) {
        (Exit::Code(0), _) => Outcome::Passed,
        (_, Harness::Tests) => {
            let report = libtest::parse(ran.stdout);
            if !report.failed.is_empty() && *exit == Exit::Code(101) {
                let failures = report
                    .failed
                    .into_iter()
                    .map(|(name, output)| TestFailure { name, output })
                    .collect();
                Outcome::TestsFailed {
                    failures,
                    passed: report.passed,
                }
            } else {
                crashed(exit, combined)
            }
        }
        (Exit::Code(101), Harness::Main) if ran.stderr.contains("panicked") => {
            Outcome::Panicked { output: combined }
        }
        (Exit::Code(code), Harness::Main) => Outcome::RunFailed {
            exit_code: Some(*code),
            output: combined,
        },
        (Exit::Abnormal(_) | Exit::FileTooLarge, Harness::Main) => crashed(exit, combined),
    })
}

/// The limit a run ran into: as the platform counted it, else as its ending shows it (under
/// per-process limits: `SIGXFSZ`, an allocation that failed, a `fork` refused).
fn limit_hit(ran: &Ran<'_>) -> Option<LimitHit> {
    if ran.limit_hit.is_some() {
        return ran.limit_hit;
    }
    let limits = ran.limits;
    let Ended::Exited(exit) = &ran.ended else {
        // A fork bomb under RLIMIT_NPROC spins on refused forks until its time is up.
        return (ran.ended == Ended::TimedOut && refused_fork(ran)).then_some(LimitHit::Tasks {
            limit: limits.tasks,
        });
    };
    match exit {
        Exit::FileTooLarge => Some(LimitHit::FileSize {
            limit_bytes: limits.file_size_bytes,
        }),
        Exit::Code(0) => None,
        // Rust's allocator reports a refused allocation, then aborts.
        _ if ran.stderr.contains("memory allocation of ") && ran.stderr.contains(" failed") => {
            Some(LimitHit::Memory {
                limit_bytes: limits.memory_bytes,
            })
        }
        _ if refused_fork(ran) => Some(LimitHit::Tasks {
            limit: limits.tasks,
        }),
        _ => None,
    }
}

/// Whether the output shows a process or thread refused for the process limit (`EAGAIN`).
fn refused_fork(ran: &Ran<'_>) -> bool {
    let says = |text: &str| text.contains("Resource temporarily unavailable (os error 11)");
    says(ran.stderr) || says(ran.stdout)
}

fn crashed(exit: &Exit, output: String) -> Outcome {
    let description = match exit {
        Exit::Abnormal(what) => what.clone(),
        Exit::Code(code) => describe_code(*code),
        Exit::FileTooLarge => "killed by SIGXFSZ (a file grew past the size limit)".into(),
    };
    Outcome::Crashed {
        description,
        output,
    }
}

/// The tests a timed-out binary had not reported on: those it lists minus those it finished.
fn unfinished_tests(stdout: &str, listed: &[String]) -> Vec<String> {
    let finished = libtest::parse(stdout);
    let done = finished.finished();
    listed
        .iter()
        .filter(|t| !done.contains(t.as_str()))
        .cloned()
        .collect()
}

/// An exit status in portable terms.
#[cfg(unix)]
pub fn exit_of(status: ExitStatus) -> Exit {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => Exit::Code(code),
        (None, Some(libc::SIGSEGV)) => Exit::Abnormal(
            "killed by signal 11 (SIGSEGV): a stack overflow or an invalid memory access".into(),
        ),
        (None, Some(libc::SIGXFSZ)) => Exit::FileTooLarge,
        (None, Some(libc::SIGABRT)) => Exit::Abnormal(
            "aborted (SIGABRT): a stack overflow, `process::abort`, or a panic while panicking"
                .into(),
        ),
        (None, Some(signal)) => Exit::Abnormal(format!("killed by signal {signal}")),
        (None, None) => Exit::Abnormal(format!("exited with {status}")),
    }
}

/// An exit status in portable terms: NTSTATUS exception codes (0xC0000005 access violation,
/// 0xC00000FD stack overflow) show up as negative exit codes.
#[cfg(windows)]
pub fn exit_of(status: ExitStatus) -> Exit {
    match status.code() {
        Some(code) if code >= 0 => Exit::Code(code),
        Some(code) => Exit::Abnormal(match code as u32 {
            0xC00000FD => "stack overflow".into(),
            0xC0000005 => "access violation".into(),
            other => format!("exited with code {other:#x}"),
        }),
        None => Exit::Abnormal(format!("exited with {status}")),
    }
}

/// A plain non-zero exit where a test binary should have reported failures, in the words of
/// the platform's `ExitStatus` display.
fn describe_code(code: i32) -> String {
    if cfg!(windows) {
        format!("exited with exit code: {code}")
    } else {
        format!("exited with exit status: {code}")
    }
}

#[cfg(test)]
mod tests {
    use super::{Ended, Exit, Ran, classify};
    use crate::engine::limits::Limits;
    use crate::model::kit::Harness;
    use crate::model::outcome::Outcome;

    const FAILED: &str = "\nrunning 2 tests\ntest tests::a ... ok\ntest tests::b ... FAILED\n\nfailures:\n\n---- tests::b stdout ----\n\nthread 'tests::b' panicked at src/x.rs:3:5:\nassertion `left == right` failed\n\nfailures:\n    tests::b\n\ntest result: FAILED. 1 passed; 1 failed\n";

    fn ran<'a>(ended: Ended, stdout: &'a str, stderr: &'a str, harness: Harness) -> Ran<'a> {
        Ran {
            ended,
            stdout,
            stderr,
            harness,
            limit_secs: 2.0,
            listed: &[],
            limits: Limits::learner(1024),
            limit_hit: None,
        }
    }

    #[test]
    fn exit_zero_passes_both_harnesses() {
        for harness in [Harness::Tests, Harness::Main] {
            let outcome = classify(&ran(Ended::Exited(Exit::Code(0)), "", "", harness));
            assert_eq!(outcome, Some(Outcome::Passed));
        }
    }

    #[test]
    fn failing_tests_are_named_with_their_output() {
        let outcome = classify(&ran(
            Ended::Exited(Exit::Code(101)),
            FAILED,
            "",
            Harness::Tests,
        ));
        let Some(Outcome::TestsFailed { failures, passed }) = outcome else {
            panic!("{outcome:?}");
        };
        assert_eq!(passed, ["tests::a"]);
        assert_eq!(failures[0].name, "tests::b");
        assert!(
            failures[0]
                .output
                .contains("assertion `left == right` failed")
        );
    }

    #[test]
    fn a_test_binary_that_exits_otherwise_crashed() {
        let outcome = classify(&ran(
            Ended::Exited(Exit::Code(3)),
            "running 1 test\n",
            "",
            Harness::Tests,
        ));
        let Some(Outcome::Crashed {
            description,
            output,
        }) = outcome
        else {
            panic!("{outcome:?}");
        };
        assert!(description.starts_with("exited with exit"), "{description}");
        assert_eq!(output, "running 1 test\n");
    }

    #[test]
    fn main_panicking_exiting_and_crashing() {
        let panicked = classify(&ran(
            Ended::Exited(Exit::Code(101)),
            "hi\n",
            "thread 'main' panicked at src/main.rs:2:5:\nboom\n",
            Harness::Main,
        ));
        assert!(
            matches!(&panicked, Some(Outcome::Panicked { output }) if output.starts_with("hi\nthread"))
        );
        let exited = classify(&ran(
            Ended::Exited(Exit::Code(2)),
            "",
            "bad input\n",
            Harness::Main,
        ));
        assert_eq!(
            exited,
            Some(Outcome::RunFailed {
                exit_code: Some(2),
                output: "bad input\n".into()
            })
        );
        let signal = Exit::Abnormal("killed by signal 11 (SIGSEGV): a stack overflow".into());
        let crashed = classify(&ran(Ended::Exited(signal), "", "", Harness::Main));
        assert!(
            matches!(crashed, Some(Outcome::Crashed { description, .. }) if description.contains("SIGSEGV"))
        );
    }

    #[test]
    fn a_time_out_names_the_tests_that_had_not_finished() {
        let listed = ["tests::a".to_owned(), "tests::slow".to_owned()];
        let timed_out = Ran {
            listed: &listed,
            ..ran(
                Ended::TimedOut,
                "running 2 tests\ntest tests::a ... ok\n",
                "",
                Harness::Tests,
            )
        };
        assert_eq!(
            classify(&timed_out),
            Some(Outcome::TimedOut {
                limit_secs: 2.0,
                unfinished: vec!["tests::slow".into()],
                output: "running 2 tests\ntest tests::a ... ok\n".into(),
            })
        );
        let main = classify(&ran(Ended::TimedOut, "spam\n", "", Harness::Main));
        assert!(
            matches!(main, Some(Outcome::TimedOut { unfinished, .. }) if unfinished.is_empty())
        );
    }

    #[test]
    fn cancelled_is_no_verdict_and_not_starting_is_a_crash() {
        assert_eq!(
            classify(&ran(Ended::Cancelled, "", "", Harness::Tests)),
            None
        );
        let outcome = classify(&ran(
            Ended::NotStarted("could not start x: denied".into()),
            "",
            "",
            Harness::Main,
        ));
        assert!(
            matches!(outcome, Some(Outcome::Crashed { description, .. }) if description == "could not start x: denied")
        );
    }

    #[test]
    fn a_limit_hit_is_named_instead_of_a_crash_code() {
        let counted = Ran {
            limit_hit: Some(crate::engine::limits::LimitHit::Tasks { limit: 512 }),
            ..ran(Ended::TimedOut, "", "", Harness::Main)
        };
        assert!(matches!(
            classify(&counted),
            Some(Outcome::OverLimit { limit, .. }) if limit.starts_with("started too many processes")
        ));
        let refused = ran(
            Ended::Exited(Exit::Abnormal("aborted (SIGABRT)".into())),
            "running 1 test\n",
            "memory allocation of 33554432 bytes failed\n",
            Harness::Tests,
        );
        assert!(matches!(
            classify(&refused),
            Some(Outcome::OverLimit { limit, .. }) if limit == "used more than 1 GiB of memory"
        ));
        let big = ran(Ended::Exited(Exit::FileTooLarge), "", "", Harness::Tests);
        assert!(matches!(
            classify(&big),
            Some(Outcome::OverLimit { limit, .. }) if limit == "wrote a file larger than 64 MiB"
        ));
        let cancelled = Ran {
            limit_hit: Some(crate::engine::limits::LimitHit::Tasks { limit: 512 }),
            ..ran(Ended::Cancelled, "", "", Harness::Main)
        };
        assert_eq!(classify(&cancelled), None, "a cancelled run has no verdict");
    }
}
