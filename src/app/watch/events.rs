//! What reaches watch mode's state and what it asks of the loop: [`Event`]s in, [`Effect`]s
//! out, and the small types of what is on screen and running.

use std::time::SystemTime;

use anyhow::Result;
use crossterm::event::KeyEvent;

use crate::engine::judge::Judgement;
use crate::model::events::{AttemptEvent, Event as Logged};
use crate::session::answering::Truth;

/// How a watch session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchEnd {
    /// The learner quit (a timed assessment's clock keeps running).
    Quit,
    /// A timed assessment is over: time is up, all solved, or the learner finished it.
    Finished,
    /// The learner asked for the review round (`v`, while something is due).
    Review,
}

/// What happens to watch mode.
#[derive(Debug)]
pub enum Event {
    /// A key press.
    Key(KeyEvent),
    /// The terminal is now this many columns and rows.
    Resize(usize, usize),
    /// SIGTERM or SIGHUP: quit.
    Terminate,
    /// The files settled after a save: each exercise file's content hash as now on disk.
    Files(Vec<Option<String>>),
    /// A note for the learner (the file watcher fell back to polling).
    Notice(String),
    /// Time passed (spinner, countdown).
    Tick(SystemTime),
    /// A check finished, at `at`.
    Judged {
        /// Which check.
        generation: u64,
        /// One answer per exercise checked.
        result: Result<Vec<Judgement>>,
        /// When.
        at: SystemTime,
    },
    /// Check-all has one more verdict.
    Progress {
        /// Which check.
        generation: u64,
    },
    /// A passed exercise's reference solution is (or is not) on disk now.
    Solution {
        /// The exercise.
        exercise: usize,
        /// Whether there is one to show.
        available: bool,
    },
    /// An exercise was reset to its shipped version, whose content hashes to `hash`.
    Reset {
        /// The exercise.
        exercise: usize,
        /// Its new content's hash.
        hash: Option<String>,
    },
    /// An effect a key asked for failed; why.
    Failed(String),
    /// A done item's "predict, then fix" exercise was written into the kit.
    FixOpened {
        /// The fix exercise.
        exercise: usize,
        /// Its file's content hash.
        hash: Option<String>,
    },
    /// A predict item's truth was found (or could not be).
    Truth {
        /// Which check.
        generation: u64,
        /// The item.
        exercise: usize,
        /// Its truth.
        result: Result<Truth>,
    },
}

/// What the loop is to do.
#[derive(Debug, PartialEq)]
pub enum Effect {
    /// Draw now, before the slower effects that follow (the learner sees a verdict first).
    Draw,
    /// Judge one exercise, cancelling any check still running.
    Judge {
        /// The exercise.
        exercise: usize,
        /// The check's generation, sent back with its result.
        generation: u64,
    },
    /// Judge every exercise, cancelling any check still running.
    JudgeAll {
        /// The check's generation.
        generation: u64,
    },
    /// Save the progress file (after a key); a failure is a notice.
    SaveProgress,
    /// Log these events (attempts after a verdict, a hint revealed) and save the progress
    /// file; a failure ends watch mode, since the record would be lost.
    Record(Vec<Logged>),
    /// Reveal the exercise's reference solution (it passed); answered by [`Event::Solution`].
    RevealSolution(usize),
    /// Reset the exercise to its shipped version; answered by [`Event::Reset`].
    Reset(usize),
    /// Find a tracing item's truth (compile and run its program), cancelling any check
    /// running; answered by [`Event::Truth`].
    Truth {
        /// The item.
        exercise: usize,
        /// The check's generation.
        generation: u64,
    },
    /// Save the answers and the progress, and log this answer; a failure ends watch mode.
    RecordAnswer(Option<AttemptEvent>),
    /// Write a done item's "predict, then fix" exercise into the kit; a notice says so.
    OpenFix(usize),
    /// Open an exercise in the learner's editor at a line; a failure is a notice.
    OpenEditor {
        /// The exercise.
        exercise: usize,
        /// The line.
        line: usize,
    },
}

/// What runs in the background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    /// Judging one exercise.
    One {
        /// The exercise.
        exercise: usize,
    },
    /// Judging every exercise; how many have their verdict.
    All {
        /// Verdicts so far.
        done: usize,
    },
}

/// The check running, and its generation: results of any other generation are stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Running {
    /// What it judges.
    pub job: Job,
    /// Its generation.
    pub generation: u64,
}

/// Which view is on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The exercise and its verdict.
    Exercise,
    /// The list of exercises, one selected.
    List {
        /// The selected exercise.
        selected: usize,
    },
    /// Reset asks first.
    ConfirmReset,
    /// Timed assessments: a hint costs points, so ask first.
    ConfirmHint,
    /// Timed assessments: finish and score, or only leave.
    ConfirmQuit,
}

/// What the learner asked of a predict item whose truth was not known yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    /// This choice (0-based).
    Choice(usize),
    /// Giving up.
    GiveUp,
}
