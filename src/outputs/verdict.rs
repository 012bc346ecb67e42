//! Verdicts for people: a one-line summary of an outcome, and its details (the compiler's own
//! rendering, the failing tests' output, what the program printed).

use std::fmt::Write as _;

use crate::model::outcome::{Diagnostic, Outcome, Violation};
use crate::outputs::style::{Styles, strip_ansi};

/// One line saying what happened.
pub fn summary(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Passed => "passed".into(),
        Outcome::CompileError { diagnostics } => {
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let codes = outcome.error_codes();
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
        Outcome::OverLimit { limit, .. } => format!("stopped: it {limit}"),
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
        Outcome::NotStarted { why } => format!("not started: {why}"),
        Outcome::AnsweredRight { tries: 1 } => "answered right on the first try".into(),
        Outcome::AnsweredRight { tries } => format!("answered right on try {tries}"),
        Outcome::AnsweredWrong { tries } => format!(
            "answered, not right yet ({tries} {})",
            if *tries == 1 { "try" } else { "tries" }
        ),
        Outcome::GaveUp { tries } => format!("gave up after {tries} wrong answer(s)"),
    }
}

/// The full report: the compiler's rendered diagnostics, the failing tests' output, or what
/// the program printed. Coloured only when `styles.color` is set.
pub fn details(outcome: &Outcome, styles: &Styles) -> String {
    let text = match outcome {
        Outcome::Passed
        | Outcome::AnsweredRight { .. }
        | Outcome::AnsweredWrong { .. }
        | Outcome::GaveUp { .. } => String::new(),
        Outcome::NotStarted { why } => format!("{why}\n"),
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
        | Outcome::Crashed { output, .. }
        | Outcome::OverLimit { output, .. } => output.clone(),
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
                let _ = writeln!(out, "{}", describe(v));
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

/// One line for people about a broken constraint: where, what, and why.
pub fn describe(violation: &Violation) -> String {
    match (&violation.line, &violation.found) {
        (Some(line), Some(found)) => {
            format!(
                "line {line}: `{found}` is not allowed here ({}): {}",
                violation.rule, violation.why
            )
        }
        _ => format!(
            "missing: this exercise asks for it ({}): {}",
            violation.rule, violation.why
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{describe, details, summary};
    use crate::model::outcome::{Outcome, Violation};
    use crate::outputs::style::Styles;

    #[test]
    fn a_missing_requirement_says_what_the_lesson_asks_for() {
        let missing = Violation {
            line: None,
            found: None,
            rule: "require thread::scope".into(),
            why: "lesson".into(),
        };
        assert!(describe(&missing).contains("require thread::scope"));
        let outcome = Outcome::ConstraintViolated {
            violations: vec![missing],
        };
        assert!(summary(&outcome).starts_with("passes, but leaves out"));
        assert!(details(&outcome, &Styles::new(false)).starts_with("missing:"));
    }
}
