//! The results of judging a whole kit, and the human format: one line per exercise for people
//! and CI logs, then each failing exercise's details. The other formats (`json`, `junit`,
//! `github`) are built from the same [`KitResults`].

use std::fmt::Write as _;

use crate::model::events::AttemptEvent;
use crate::model::kit::{Exercise, Kit};
use crate::model::outcome::Outcome;
use crate::model::progress::Progress;
use crate::model::schema::HiddenTests;
use crate::model::status::Status;
use crate::outputs::style::Styles;
use crate::outputs::verdict;

/// One exercise's result.
#[derive(Clone, Debug)]
pub struct ExerciseResult {
    /// What judging found; `None` when a run cut short ended before judging it.
    pub outcome: Option<Outcome>,
    /// Where it stood before this run, from the learner's record (reported for exercises
    /// not judged).
    pub last_known: Option<Status>,
    /// How long its test binary or `main` ran.
    pub seconds: f64,
    /// What the learner changed that they may not (graded runs); non-empty means no points.
    pub tampered: Vec<String>,
    /// The instructor's hidden tests that ran, counted (graded runs).
    pub hidden: Option<HiddenTests>,
}

/// How many hidden tests ran and passed, from a graded verdict (where hidden tests are named
/// `hidden test N`).
pub fn hidden_tests(outcome: &Outcome, count: usize) -> Option<HiddenTests> {
    if count == 0 {
        return None;
    }
    let is_hidden = |name: &String| name.starts_with("hidden test ");
    let (ran, passed) = match outcome {
        Outcome::Passed | Outcome::ClippyWarnings { .. } | Outcome::ConstraintViolated { .. } => {
            (count, count)
        }
        Outcome::CompileError { .. } => (0, 0),
        Outcome::TestsFailed { passed, .. } => {
            (count, passed.iter().filter(|n| is_hidden(n)).count())
        }
        _ => (count, 0),
    };
    Some(HiddenTests { ran, passed })
}

impl ExerciseResult {
    /// `passed`, `compile-error`, `failed`, `timed-out`, `tampered`, `constraint`, …
    pub fn status(&self) -> Status {
        match &self.outcome {
            _ if !self.tampered.is_empty() => Status::Tampered,
            Some(outcome) => outcome.status(),
            None => Status::NotJudged,
        }
    }

    /// Whether it earns its points.
    pub fn earns(&self) -> bool {
        self.tampered.is_empty() && self.outcome.as_ref().is_some_and(Outcome::passed)
    }

    /// A one-line account.
    pub fn summary(&self) -> String {
        let judged = match &self.outcome {
            Some(outcome) => verdict::summary(outcome),
            None => format!(
                "not judged: the run was cut short first (last known: {})",
                self.last_known.map_or("never judged", Status::as_str)
            ),
        };
        if self.tampered.is_empty() {
            return judged;
        }
        format!(
            "tampered: {}; judged against the original tests: {judged}",
            self.tampered.join("; ")
        )
    }

    /// The verdict's details (compiler errors, failing tests' output); none if not judged.
    pub fn details(&self, styles: &Styles) -> String {
        self.outcome
            .as_ref()
            .map(|o| verdict::details(o, styles))
            .unwrap_or_default()
    }
}

/// A whole kit's results, with what the learner's progress files say about how they got there.
pub struct KitResults<'k> {
    /// The kit judged (its exercises give the order).
    pub kit: &'k Kit,
    /// One per exercise, in kit order.
    pub results: Vec<ExerciseResult>,
    /// The learner's progress file, if any.
    pub progress: Option<&'k Progress>,
    /// The learner's events log.
    pub events: Vec<AttemptEvent>,
}

impl KitResults<'_> {
    /// Exercises and results, in kit order.
    pub fn pairs(&self) -> impl Iterator<Item = (&Exercise, &ExerciseResult)> {
        self.kit.exercises.iter().zip(&self.results)
    }

    /// How many pass and earn their points.
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.earns()).count()
    }

    /// (score, maximum).
    pub fn score(&self) -> (u32, u32) {
        self.pairs().fold((0, 0), |(s, m), (e, r)| {
            (s + if r.earns() { e.points } else { 0 }, m + e.points)
        })
    }

    /// Whether everything passes.
    pub fn all_passed(&self) -> bool {
        self.passed() == self.results.len()
    }
}

/// One line per exercise, for people and CI logs.
pub fn line(exercise: &Exercise, result: &ExerciseResult, styles: &Styles) -> String {
    let mark = if result.earns() {
        styles.ok.style("✓")
    } else {
        styles.error.style("✗")
    };
    format!(
        "{mark} {:>3} {:<32} {}",
        exercise.index + 1,
        exercise.name,
        result.summary()
    )
}

/// The human report's tail: each failing exercise's diagnostics, then the totals.
pub fn human_details(results: &KitResults<'_>, styles: &Styles) -> String {
    let mut out = String::new();
    for (exercise, result) in results.pairs() {
        if result.earns() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n{}",
            styles
                .strong
                .style(format!("── {} ({}) ──", exercise.name, exercise.rel_path()))
        );
        for what in &result.tampered {
            let _ = writeln!(out, "{} {what}", styles.error.style("tampered:"));
        }
        let details = match &result.outcome {
            Some(_) => result.details(styles),
            None => result.summary(),
        };
        let _ = writeln!(out, "{}", details.trim_end());
    }
    let (score, max) = results.score();
    let _ = writeln!(
        out,
        "\n{}/{} exercises passing, {score}/{max} points",
        results.passed(),
        results.results.len()
    );
    let predict: Vec<Option<bool>> = results
        .pairs()
        .filter(|(e, _)| e.predict().is_some())
        .map(|(_, r)| r.outcome.as_ref().and_then(Outcome::first_try))
        .collect();
    if !predict.is_empty() {
        let _ = writeln!(
            out,
            "predict items: {} of {} answered, {} right on the first try",
            predict.iter().flatten().count(),
            predict.len(),
            predict.iter().filter(|f| **f == Some(true)).count()
        );
    }
    out
}

/// Test output is cut to this many characters in machine-readable reports.
const OUTPUT_CAP: usize = 4000;

/// `text`, cut to [`OUTPUT_CAP`] characters for machine-readable reports.
pub fn cut(text: &str) -> String {
    match text.char_indices().nth(OUTPUT_CAP) {
        Some((at, _)) => format!("{}\n[… cut …]", &text[..at]),
        None => text.to_owned(),
    }
}
