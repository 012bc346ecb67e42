//! The verdict on one exercise: a value, never an error. `Err` is kept for the tool's own
//! failures; a learner's compile error or failing test is an [`Outcome`]. Rendering it for
//! people is in `outputs::verdict`.

use serde::{Deserialize, Serialize};

use crate::model::info::DesignedFailure;
use crate::model::status::Status;

/// How serious a compiler diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// An error (an internal compiler error counts as one).
    Error,
    /// A warning.
    Warning,
    /// A note, help or anything else.
    Note,
}

/// One compiler diagnostic, as the compiler rendered it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Error, warning or note.
    pub level: Level,
    /// The rustc code, e.g. `E0382`, or a lint name.
    pub code: Option<String>,
    /// The one-line message.
    pub message: String,
    /// The full rendered text, with ANSI colour.
    pub rendered: String,
    /// The file of the primary span, as rustc names it (relative to the package).
    #[serde(default)]
    pub file: Option<String>,
    /// The line of the primary span.
    #[serde(default)]
    pub line: Option<usize>,
}

impl Diagnostic {
    /// Whether this is an error (as opposed to a warning or note).
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// One way the learner's code breaks a constraint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// 1-based line of the forbidden code; `None` when required code is missing.
    pub line: Option<usize>,
    /// The forbidden code as written; `None` when required code is missing.
    pub found: Option<String>,
    /// The rule, as `forbid clone` or `require Arc`.
    pub rule: String,
    /// Why the lesson needs it.
    pub why: String,
}

/// One failed test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestFailure {
    /// The test's path, e.g. `tests::restock_adds`.
    pub name: String,
    /// What it printed and the panic message.
    pub output: String,
}

/// How an exercise fared. Stored in the verdict cache, tagged by `kind` (the status words of
/// reports are [`Outcome::status`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Outcome {
    /// It compiles, its tests (or `main`) pass, and it keeps its constraints.
    Passed,
    /// It does not compile.
    CompileError {
        /// The compiler's diagnostics, errors and warnings, in order.
        diagnostics: Vec<Diagnostic>,
    },
    /// Some tests failed.
    TestsFailed {
        /// The failed tests.
        failures: Vec<TestFailure>,
        /// Names of the tests that passed.
        passed: Vec<String>,
    },
    /// `main` panicked (run-mode exercises).
    Panicked {
        /// What it printed.
        output: String,
    },
    /// `main` exited unsuccessfully without a panic.
    RunFailed {
        /// Its exit code, where it had one.
        exit_code: Option<i32>,
        /// What it printed.
        output: String,
    },
    /// The run hit its time limit and was killed.
    TimedOut {
        /// The limit, in seconds.
        limit_secs: f64,
        /// Tests that had not finished (none listed for run-mode exercises).
        unfinished: Vec<String>,
        /// What it printed before it was killed.
        output: String,
    },
    /// The process died of a signal or an abnormal exit (stack overflow, abort).
    Crashed {
        /// What happened, e.g. `killed by signal 11 (SIGSEGV)`.
        description: String,
        /// What it printed.
        output: String,
    },
    /// It was stopped at a resource limit (memory, processes, file size): reported as
    /// `crashed`, in words that name the limit.
    OverLimit {
        /// Which limit, e.g. `used more than 1 GiB of memory`.
        limit: String,
        /// What it printed.
        output: String,
    },
    /// It passes, but `clippy -D warnings` objects.
    ClippyWarnings {
        /// Clippy's diagnostics.
        diagnostics: Vec<Diagnostic>,
    },
    /// It passes, but uses a shortcut the exercise forbids.
    ConstraintViolated {
        /// Each forbidden use, with its line.
        violations: Vec<Violation>,
    },
    /// Not started: a predict item not answered yet, or the fix exercise it opens.
    NotStarted {
        /// What to do to start it.
        why: String,
    },
    /// A predict item answered right.
    AnsweredRight {
        /// How many answers it took (1: right on the first try).
        tries: u32,
    },
    /// A predict item answered, never right so far.
    AnsweredWrong {
        /// How many answers.
        tries: u32,
    },
    /// A predict item the learner gave up on.
    GaveUp {
        /// How many answers before giving up.
        tries: u32,
    },
}

impl Outcome {
    /// Whether the exercise is done.
    pub fn passed(&self) -> bool {
        matches!(self, Outcome::Passed | Outcome::AnsweredRight { .. })
    }

    /// A predict item's first-try result: right on the first answer or not; `None` for an
    /// exercise, or an item not answered yet.
    pub fn first_try(&self) -> Option<bool> {
        match self {
            Outcome::AnsweredRight { tries } => Some(*tries == 1),
            Outcome::AnsweredWrong { .. } | Outcome::GaveUp { .. } => Some(false),
            _ => None,
        }
    }

    /// The status word used in lists and reports.
    pub fn status(&self) -> Status {
        match self {
            Outcome::Passed | Outcome::AnsweredRight { .. } => Status::Passed,
            Outcome::CompileError { .. } => Status::CompileError,
            Outcome::TestsFailed { .. } | Outcome::RunFailed { .. } => Status::Failed,
            Outcome::Panicked { .. } => Status::Panicked,
            Outcome::TimedOut { .. } => Status::TimedOut,
            Outcome::Crashed { .. } | Outcome::OverLimit { .. } => Status::Crashed,
            Outcome::ClippyWarnings { .. } => Status::Clippy,
            Outcome::ConstraintViolated { .. } => Status::Constraint,
            Outcome::NotStarted { .. } => Status::NotStarted,
            Outcome::AnsweredWrong { .. } => Status::Wrong,
            Outcome::GaveUp { .. } => Status::GaveUp,
        }
    }

    /// Distinct rustc error codes, in the order first seen.
    pub fn error_codes(&self) -> Vec<String> {
        let Outcome::CompileError { diagnostics } = self else {
            return Vec::new();
        };
        let mut codes: Vec<String> = Vec::new();
        for code in diagnostics
            .iter()
            .filter(|d| d.is_error())
            .filter_map(|d| d.code.clone())
        {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        codes
    }

    /// The line of the exercise file `rel_path` to open it at: the first error's there, or
    /// the first panic's there (of the failing tests, the one first in the file; a panicking
    /// `main`); `None` when neither points into it.
    pub fn line_in(&self, rel_path: &str) -> Option<usize> {
        let in_file = |file: &str| file.replace('\\', "/").ends_with(rel_path);
        match self {
            Outcome::CompileError { diagnostics } | Outcome::ClippyWarnings { diagnostics } => {
                let mut first = diagnostics
                    .iter()
                    .filter(|d| d.file.as_deref().is_some_and(in_file));
                let errors = first.clone().find(|d| d.is_error());
                errors.or_else(|| first.next()).and_then(|d| d.line)
            }
            // Tests run in parallel and fail in any order: the failing test first in the file.
            Outcome::TestsFailed { failures, .. } => failures
                .iter()
                .filter_map(|f| panic_line(&f.output, rel_path))
                .min(),
            Outcome::Panicked { output }
            | Outcome::RunFailed { output, .. }
            | Outcome::Crashed { output, .. }
            | Outcome::TimedOut { output, .. } => panic_line(output, rel_path),
            Outcome::ConstraintViolated { violations } => violations.iter().find_map(|v| v.line),
            _ => None,
        }
    }

    /// Whether this is the way `designed` says the shipped exercise fails.
    pub fn matches(&self, designed: &DesignedFailure) -> bool {
        let first_error = || match self {
            Outcome::CompileError { diagnostics } => diagnostics.iter().find(|d| d.is_error()),
            _ => None,
        };
        match (designed, self) {
            (DesignedFailure::Code(code), _) => {
                first_error().is_some_and(|d| d.code.as_deref() == Some(code))
            }
            (DesignedFailure::Message(text), _) => {
                first_error().is_some_and(|d| d.message.contains(text.as_str()))
            }
            (DesignedFailure::Test(None), Outcome::TestsFailed { .. }) => true,
            (DesignedFailure::Test(Some(name)), Outcome::TestsFailed { failures, .. }) => {
                failures.iter().any(|f| f.name == *name)
            }
            (DesignedFailure::Panic, Outcome::TestsFailed { failures, .. }) => {
                failures.iter().any(|f| !is_assertion_failure(&f.output))
            }
            (DesignedFailure::Panic, Outcome::Panicked { .. }) => true,
            (DesignedFailure::Timeout, Outcome::TimedOut { .. }) => true,
            (DesignedFailure::Clippy, Outcome::ClippyWarnings { .. }) => true,
            _ => false,
        }
    }
}

/// The line of the first `panicked at <path>:LINE:COL` in `output` that points into `rel_path`.
fn panic_line(output: &str, rel_path: &str) -> Option<usize> {
    let output = output.replace('\\', "/");
    output.match_indices(rel_path).find_map(|(at, _)| {
        let rest = output[at + rel_path.len()..].strip_prefix(':')?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

/// Whether a panic message is an assertion's (`assert!`, `assert_eq!`, `assert_ne!`).
pub fn is_assertion_failure(output: &str) -> bool {
    output.contains("assertion failed")
        || output.contains("assertion `left == right` failed")
        || output.contains("assertion `left != right` failed")
}

#[cfg(test)]
mod tests {
    use super::{Outcome, TestFailure};
    use crate::model::info::DesignedFailure;
    use crate::model::status::Status;

    #[test]
    fn the_line_to_open_is_the_first_error_or_panic_in_the_file() {
        // Reported in the order they failed, which parallel tests do not fix.
        let failure = |name: &str, line: u32| TestFailure {
            name: name.into(),
            output: format!("thread '{name}' panicked at ../exercises/b/x.rs:{line}:9:\nassertion"),
        };
        let failed = Outcome::TestsFailed {
            failures: vec![failure("tests::b", 40), failure("tests::a", 31)],
            passed: Vec::new(),
        };
        assert_eq!(failed.line_in("exercises/b/x.rs"), Some(31));
        assert_eq!(failed.line_in("exercises/b/y.rs"), None);
        assert_eq!(Outcome::Passed.line_in("exercises/b/x.rs"), None);
    }

    #[test]
    fn a_panic_is_not_an_assertion() {
        let failed = |output: &str| Outcome::TestsFailed {
            failures: vec![TestFailure {
                name: "tests::a".into(),
                output: output.into(),
            }],
            passed: Vec::new(),
        };
        assert!(
            failed("called `Option::unwrap()` on a `None` value").matches(&DesignedFailure::Panic)
        );
        assert!(!failed("assertion `left == right` failed").matches(&DesignedFailure::Panic));
        assert!(failed("x").matches(&DesignedFailure::Test(Some("tests::a".into()))));
        assert_eq!(failed("x").status(), Status::Failed);
    }
}
