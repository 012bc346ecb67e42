//! The status vocabulary: one word per way an exercise can stand, shared by the verdicts, the
//! events log, the reports (`verify --format json`, JUnit, GitHub) and the cohort report.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where an exercise stands. The words are part of the documented JSON reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// It compiles, its tests (or `main`) pass, and it keeps its constraints.
    Passed,
    /// It does not compile.
    CompileError,
    /// Tests failed, or `main` exited unsuccessfully.
    Failed,
    /// It panicked.
    Panicked,
    /// It hit its time limit.
    TimedOut,
    /// It died of a signal or an abnormal exit.
    Crashed,
    /// It passes, but strict clippy objects.
    Clippy,
    /// It passes, but breaks a constraint.
    Constraint,
    /// A graded run found the learner changed what they may not.
    Tampered,
    /// No attempt at it: the cohort report's word for a learner's kit without one, and a
    /// predict item not answered yet (or the fix exercise it opens).
    NotStarted,
    /// A predict item answered, but not right yet.
    Wrong,
    /// A predict item the learner gave up on (its explanations were shown).
    GaveUp,
    /// A run cut short (its time limit, a cancel) ended before judging it; its last known
    /// state is reported beside.
    NotJudged,
}

impl Status {
    /// The word, as the reports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::CompileError => "compile-error",
            Status::Failed => "failed",
            Status::Panicked => "panicked",
            Status::TimedOut => "timed-out",
            Status::Crashed => "crashed",
            Status::Clippy => "clippy",
            Status::Constraint => "constraint",
            Status::Tampered => "tampered",
            Status::NotStarted => "not-started",
            Status::Wrong => "wrong",
            Status::GaveUp => "gave-up",
            Status::NotJudged => "not-judged",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn serde_and_display_use_the_same_words() {
        for status in [
            Status::Passed,
            Status::CompileError,
            Status::Failed,
            Status::Panicked,
            Status::TimedOut,
            Status::Crashed,
            Status::Clippy,
            Status::Constraint,
            Status::Tampered,
            Status::NotStarted,
            Status::Wrong,
            Status::GaveUp,
            Status::NotJudged,
        ] {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{status}\""));
            assert_eq!(serde_json::from_str::<Status>(&json).unwrap(), status);
        }
    }
}
