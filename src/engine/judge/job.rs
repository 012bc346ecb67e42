//! One executable a judging run starts, and what running it gave: shared by the practice and
//! the graded run stages.

use std::path::PathBuf;
use std::time::Duration;

use crate::model::kit::Exercise;
use crate::model::outcome::Outcome;

/// How much of a test binary's or `main`'s output is kept, per stream. The rest is drained and
/// counted, so a `println!` in an endless loop neither eats memory nor stalls the child.
pub const OUTPUT_CAP: usize = 256 * 1024;

/// One executable to run, and the exercise it judges.
pub struct Job<'a> {
    /// Where the caller keeps its result.
    pub slot: usize,
    /// The executable.
    pub exe: PathBuf,
    /// The exercise.
    pub exercise: &'a Exercise,
    /// Its cargo target's name.
    pub target: String,
}

/// What one run gave: its outcome and how long it ran; `None` when it was cancelled.
pub type RunResult = Option<(Outcome, Duration)>;
