//! What the judge is asked to judge and what it answers: units (one version of one exercise),
//! verdicts, and per unit whether it was judged fresh, taken from the cache, or not judged.

use std::time::Duration;

use crate::model::kit::Exercise;
use crate::model::manifest::{Dodge, SOLUTION_SUFFIX};
use crate::model::outcome::Outcome;

/// Which version of an exercise a unit is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Side {
    /// The learner's file, `exercises/…`.
    Exercise,
    /// The reference solution, `solutions/…` (a kit's source repository).
    Solution,
    /// A shortcut that must fail, `dodges/…` (a kit's source repository).
    Dodge(Dodge),
}

/// What to judge: one version of one exercise.
#[derive(Clone, Debug)]
pub struct Unit<'k> {
    /// The exercise.
    pub exercise: &'k Exercise,
    /// Which version of it.
    pub side: Side,
}

impl Unit<'_> {
    /// The learner's side of an exercise.
    pub fn exercise(exercise: &Exercise) -> Unit<'_> {
        Unit {
            exercise,
            side: Side::Exercise,
        }
    }

    /// The cargo target's name.
    pub fn target_name(&self) -> String {
        match &self.side {
            Side::Exercise => self.exercise.name.clone(),
            Side::Solution => format!("{}{SOLUTION_SUFFIX}", self.exercise.name),
            Side::Dodge(dodge) => dodge.target_name(),
        }
    }

    /// The source file, relative to the kit root.
    pub fn rel_source(&self) -> String {
        match &self.side {
            Side::Exercise => self.exercise.rel_path(),
            Side::Solution => self.exercise.rel_solution_path(),
            Side::Dodge(dodge) => dodge.rel_path.clone(),
        }
    }

    /// Solutions are held to clippy too; a dodge is judged exactly as the exercise would be.
    pub fn clippy(&self) -> bool {
        self.exercise.strict_clippy || self.side == Side::Solution
    }
}

/// The verdict on one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// What happened.
    pub outcome: Outcome,
    /// How long the test binary or `main` ran, where it ran.
    pub run_time: Option<Duration>,
}

/// How one unit came out of a judging run.
#[derive(Clone, Debug, PartialEq)]
pub enum Judgement {
    /// Judged just now.
    Fresh(Verdict),
    /// Taken from the verdict cache: its source and how it is judged are unchanged.
    Cached(Verdict),
    /// Not judged: the run was cancelled (a newer save, the whole run's time limit) first.
    NotJudged,
}

impl Judgement {
    /// The verdict, fresh or cached.
    pub fn verdict(&self) -> Option<&Verdict> {
        match self {
            Judgement::Fresh(verdict) | Judgement::Cached(verdict) => Some(verdict),
            Judgement::NotJudged => None,
        }
    }
}

/// What happens while judging, for progress bars and the watch screen.
pub enum JudgeEvent<'a> {
    /// Cargo finished compiling one of the targets.
    Compiled,
    /// A unit has its verdict (index into the units passed to the judge).
    Judged(usize, &'a Judgement),
}

/// Whether the judge may answer from the verdict cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cache {
    /// Reuse the verdicts of unchanged units.
    Use,
    /// Judge every unit afresh (`--no-cache`, graded runs).
    Ignore,
}

/// Whose judge it is: a learner's, or a grader's that trusts nothing the learner controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grading {
    /// Practice: cargo inherits the caller's environment.
    Practice,
    /// A grader's judge: cargo runs without the caller's `RUSTFLAGS` and wrappers, and a test
    /// binary passes only if every test it lists ran and passed, by name.
    Graded,
}
