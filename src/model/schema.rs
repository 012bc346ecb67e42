//! The JSON reports, one set of types for the writer (`verify --format json`, `grade`) and the
//! reader (`report`): schema `cargo-rustskill/verify/v1` and `cargo-rustskill/grade/v1`, as
//! the README documents them. A reader takes what a writer of the same schema may leave out
//! as defaults, so reports of older v1 writers still read.

use serde::{Deserialize, Serialize};

use crate::model::status::Status;
use crate::model::time::Timestamp;

/// The `schema` of a verify report; bumped on incompatible changes.
pub const VERIFY_SCHEMA: &str = "cargo-rustskill/verify/v1";

/// The `schema` of a grade report.
pub const GRADE_SCHEMA: &str = "cargo-rustskill/grade/v1";

/// One learner's kit, judged: `verify --format json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerifyReport {
    /// [`VERIFY_SCHEMA`].
    pub schema: String,
    /// A name for the learner, where a tool around this one added it (never written here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner: Option<String>,
    /// The version of cargo-rustskill that wrote it.
    #[serde(default)]
    pub tool_version: String,
    /// The kit's name.
    #[serde(default)]
    pub kit: String,
    /// The kit's version.
    #[serde(default)]
    pub kit_version: String,
    /// Exercises passing (and earning their points).
    #[serde(default)]
    pub passed: usize,
    /// Exercises judged.
    #[serde(default)]
    pub total: usize,
    /// Points earned.
    #[serde(default)]
    pub score: u32,
    /// Points possible.
    #[serde(default)]
    pub max_score: u32,
    /// Predict items in the kit.
    #[serde(default)]
    pub predict_total: usize,
    /// Predict items answered (right, wrong or given up).
    #[serde(default)]
    pub predict_answered: usize,
    /// Predict items answered right on the first try: the first-try score. In homework it is
    /// self-reported (the answers file is the learner's); in `assess` it is not.
    #[serde(default)]
    pub predict_first_try: usize,
    /// Per exercise, in kit order.
    pub exercises: Vec<ExerciseRecord>,
}

/// One exercise in a verify report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExerciseRecord {
    /// The exercise's name.
    pub name: String,
    /// Its track.
    #[serde(default)]
    pub track: String,
    /// `exercise`, or `predict` for a predict item.
    #[serde(default = "exercise_kind")]
    pub kind: String,
    /// A predict item's first answer: right (`true`) or not; absent while unanswered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_try: Option<bool>,
    /// Its level, 1–3.
    #[serde(default)]
    pub level: u8,
    /// Its file, kit-relative.
    #[serde(default)]
    pub path: String,
    /// Where it stands.
    pub status: Status,
    /// One line saying what happened.
    #[serde(default)]
    pub summary: String,
    /// Points earned.
    #[serde(default)]
    pub points: u32,
    /// Points possible.
    #[serde(default)]
    pub max_points: u32,
    /// How long its test binary or `main` ran.
    #[serde(default)]
    pub duration_secs: f64,
    /// The rustc error codes of this verdict.
    #[serde(default)]
    pub error_codes: Vec<String>,
    /// The failing tests, with their output cut short.
    #[serde(default)]
    pub failing_tests: Vec<FailingTest>,
    /// What the learner changed that they may not (graded runs).
    #[serde(default)]
    pub tampered: Vec<String>,
    /// The instructor's hidden tests (graded runs with a kit that has them): how many ran and
    /// passed, never their code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_tests: Option<HiddenTests>,
    /// The verdict's details, plain and cut short.
    #[serde(default)]
    pub details: String,
    /// For a `not-judged` exercise: its status before this run, from the learner's record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_known: Option<Status>,
    /// Versions judged, from the learner's progress.
    #[serde(default)]
    pub attempts: u32,
    /// When the first version was judged.
    #[serde(default)]
    pub first_attempt: Option<Timestamp>,
    /// When the latest version was judged.
    #[serde(default)]
    pub last_attempt: Option<Timestamp>,
    /// When it first passed.
    #[serde(default)]
    pub solved_at: Option<Timestamp>,
    /// Seconds from the first attempt to the first pass.
    #[serde(default)]
    pub time_to_solve_secs: Option<u64>,
    /// Every rustc error code met on the way, in the order first met.
    #[serde(default)]
    pub error_codes_met: Vec<String>,
}

fn exercise_kind() -> String {
    "exercise".to_owned()
}

/// The hidden tests of one exercise, counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenTests {
    /// How many ran.
    pub ran: usize,
    /// How many passed, on evidence.
    pub passed: usize,
}

/// A failing test in a verify report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FailingTest {
    /// The test's path.
    pub name: String,
    /// Its output, cut short.
    #[serde(default)]
    pub output: String,
}

/// Many learners graded: `grade --format json`. `R` is the per-learner report: a
/// [`VerifyReport`] when written, and anything JSON when read, so that one learner's damaged
/// report costs only that learner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradeReport<R = VerifyReport> {
    /// [`GRADE_SCHEMA`].
    pub schema: String,
    /// The version of cargo-rustskill that wrote it.
    #[serde(default)]
    pub tool_version: String,
    /// The instructor's kit's name.
    #[serde(default)]
    pub kit: String,
    /// Its version.
    #[serde(default)]
    pub kit_version: String,
    /// The shard of the cohort this report grades (`grade --partition`, e.g. `count:1/4`);
    /// `report` merges shards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<String>,
    /// Where learner code ran: `bubblewrap`, `namespaces` or `off`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sandbox: Option<String>,
    /// One entry per learner.
    pub learners: Vec<LearnerEntry<R>>,
}

/// One learner of a grade report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LearnerEntry<R = VerifyReport> {
    /// The learner's name (their folder's).
    #[serde(default)]
    pub learner: String,
    /// Where their kit was.
    #[serde(default)]
    pub path: String,
    /// Their report; `None` where they could not be graded.
    pub report: Option<R>,
    /// Why they could not be graded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
