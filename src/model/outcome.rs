//! The verdict on one exercise: a value, never an error. `Err` is kept for the tool's own
//! failures; a learner's compile error or failing test is an [`Outcome`].

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::engine::cargo::Diagnostic;
use crate::analysis::constraints::Violation;
use crate::model::info::DesignedFailure;
use crate::engine::libtest::is_assertion_failure;
use crate::outputs::style::{Styles, strip_ansi};

/// One failed test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestFailure {
    /// The test's path, e.g. `tests::restock_adds`.
    pub name: String,
    /// What it printed and the panic message.
    pub output: String,
}

/// How an exercise fared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
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
}

impl Outcome {
    /// Whether the exercise is done.
    pub fn passed(&self) -> bool {
        matches!(self, Outcome::Passed)
    }

    /// The status word used in lists and reports.
    pub fn status(&self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::CompileError { .. } => "compile-error",
            Outcome::TestsFailed { .. } => "failed",
            Outcome::Panicked { .. } => "panicked",
            Outcome::RunFailed { .. } => "failed",
            Outcome::TimedOut { .. } => "timed-out",
            Outcome::Crashed { .. } => "crashed",
            Outcome::ClippyWarnings { .. } => "clippy",
            Outcome::ConstraintViolated { .. } => "constraint",
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

    /// One line saying what happened.
    pub fn summary(&self) -> String {
        match self {
            Outcome::Passed => "passed".into(),
            Outcome::CompileError { diagnostics } => {
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                let codes = self.error_codes();
                let plural = if errors == 1 { "" } else { "s" };
                if codes.is_empty() {
                    format!("{errors} compile error{plural}")
                } else {
                    format!("{errors} compile error{plural} ({})", codes.join(", "))
                }
            }
            Outcome::TestsFailed { failures, passed } => {
                let names: Vec<&str> = failures.iter().map(|f| f.name.as_str()).collect();
                format!(
                    "{} of {} tests failed: {}",
                    failures.len(),
                    failures.len() + passed.len(),
                    names.join(", ")
                )
            }
            Outcome::Panicked { .. } => "main panicked".into(),
            Outcome::RunFailed { exit_code, .. } => match exit_code {
                Some(code) => format!("main exited with code {code}"),
                None => "main failed".into(),
            },
            Outcome::TimedOut {
                limit_secs,
                unfinished,
                ..
            } => {
                let mut line = format!("timed out after {limit_secs} s");
                if !unfinished.is_empty() {
                    let _ = write!(line, "; still running: {}", unfinished.join(", "));
                }
                line
            }
            Outcome::Crashed { description, .. } => format!("crashed: {description}"),
            Outcome::ClippyWarnings { diagnostics } => {
                format!("clippy: {} warning(s) with -D warnings", diagnostics.len())
            }
            Outcome::ConstraintViolated { violations } => {
                let v = &violations[0];
                match (&v.found, v.line) {
                    (Some(found), Some(line)) => format!(
                        "uses `{found}` on line {line}, which this exercise forbids ({})",
                        v.rule
                    ),
                    _ => format!(
                        "passes, but leaves out what the lesson asks for ({})",
                        v.rule
                    ),
                }
            }
        }
    }

    /// The full report: the compiler's rendered diagnostics, the failing tests' output, or
    /// what the program printed. Coloured only when `styles.color` is set.
    pub fn details(&self, styles: &Styles) -> String {
        let text = match self {
            Outcome::Passed => String::new(),
            Outcome::CompileError { diagnostics } | Outcome::ClippyWarnings { diagnostics } => {
                // Errors first: a learner fixes those before anything else.
                let (errors, rest): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
                    diagnostics.iter().partition(|d| d.is_error());
                errors
                    .into_iter()
                    .chain(rest)
                    .map(|d| d.rendered.as_str())
                    .collect::<String>()
            }
            Outcome::TestsFailed { failures, .. } => {
                let mut out = String::new();
                for failure in failures {
                    let _ = writeln!(
                        out,
                        "---- {} ----\n{}\n",
                        failure.name,
                        failure.output.trim_end()
                    );
                }
                out
            }
            Outcome::Panicked { output }
            | Outcome::RunFailed { output, .. }
            | Outcome::Crashed { output, .. } => output.clone(),
            Outcome::TimedOut {
                output,
                unfinished,
                limit_secs,
            } => {
                let mut out = output.clone();
                let _ = writeln!(
                    out,
                    "\nThe run was stopped after {limit_secs} s{}. An endless loop, a deadlock, or a \
                     receiver waiting for a sender that is never dropped are the usual causes.",
                    if unfinished.is_empty() {
                        String::new()
                    } else {
                        format!(" while {} had not finished", unfinished.join(", "))
                    }
                );
                out
            }
            Outcome::ConstraintViolated { violations } => {
                let mut out = String::new();
                for v in violations {
                    let _ = writeln!(out, "{}", v.describe());
                }
                out
            }
        };
        if styles.color {
            text
        } else {
            strip_ansi(&text)
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
