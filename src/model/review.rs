//! The review queue's schedule, derived from the progress file and the events log alone.
//!
//! What comes back: an exercise solved with effort (a hint tier seen, more than
//! [`MANY_VERSIONS`] versions judged, or more than [`LONG_SECS`] from first try to pass), and a
//! predict item whose first answer was wrong, that was given up on, or needed a hint. It is due
//! [`INTERVAL_DAYS`]`[stage]` days after it was done or last reviewed: a review passed first
//! time moves it a stage on (1, 3, 7, 21 days, then it leaves the queue), a miss puts it back
//! to one day.

use serde::Serialize;

use crate::model::events::{AttemptEvent, JudgedBy};
use crate::model::kit::Kit;
use crate::model::progress::Progress;
use crate::model::status::Status;
use crate::model::time::Timestamp;

/// Days until the next review, by stage.
pub const INTERVAL_DAYS: [u64; 4] = [1, 3, 7, 21];

/// More judged versions than this before passing means it was hard.
pub const MANY_VERSIONS: u32 = 4;

/// Longer than this from first try to pass means it was hard.
pub const LONG_SECS: u64 = 20 * 60;

/// One exercise or item in the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Its name.
    pub name: String,
    /// Reviews passed in a row since it entered the queue or was last missed.
    pub stage: usize,
    /// When it is due.
    pub due: Timestamp,
    /// Why it is in the queue.
    pub why: String,
}

impl Entry {
    /// Whether it is due at `now`.
    pub fn is_due(&self, now: Timestamp) -> bool {
        self.due <= now
    }
}

/// Why `name` earned a place in the queue, and since when; `None` if it did not.
fn qualifies(
    kit: &Kit,
    progress: &Progress,
    events: &[&AttemptEvent],
    name: &str,
) -> Option<(String, Timestamp)> {
    let exercise = kit.exercises.iter().find(|e| e.name == name)?;
    let record = progress.exercises.iter().find(|e| e.name == name)?;
    if exercise.predict().is_some() {
        let first = events.iter().find(|e| e.by == JudgedBy::Answer);
        let done = record.last_attempt?;
        if record.closed {
            return Some(("given up".into(), done));
        }
        if !record.solved {
            return None;
        }
        if first.is_some_and(|e| e.outcome != Status::Passed) {
            return Some(("the first answer was wrong".into(), done));
        }
        return (record.hints > 0).then(|| ("it needed a hint".into(), done));
    }
    let solved = record.solved_at?;
    if record.hints > 0 {
        Some((format!("{} hint tier(s) needed", record.hints), solved))
    } else if record.attempts > MANY_VERSIONS {
        Some((
            format!("{} versions before it passed", record.attempts),
            solved,
        ))
    } else if record.time_to_solve_secs().is_some_and(|s| s > LONG_SECS) {
        Some(("it took long".into(), solved))
    } else {
        None
    }
}

/// Every exercise and item in the queue (graduated ones left out), soonest due first.
pub fn schedule(kit: &Kit, progress: &Progress, events: &[AttemptEvent]) -> Vec<Entry> {
    let mut entries = Vec::new();
    for exercise in &kit.exercises {
        let mine: Vec<&AttemptEvent> = events
            .iter()
            .filter(|e| e.exercise == exercise.name)
            .collect();
        let practice: Vec<&AttemptEvent> = mine
            .iter()
            .copied()
            .filter(|e| e.by != JudgedBy::Review)
            .collect();
        let Some((why, since)) = qualifies(kit, progress, &practice, &exercise.name) else {
            continue;
        };
        let mut stage = 0;
        let mut last = since;
        let mut reviews: Vec<&&AttemptEvent> = mine
            .iter()
            .filter(|e| e.by == JudgedBy::Review && e.time >= since)
            .collect();
        reviews.sort_by_key(|e| e.time);
        for review in reviews {
            stage = if review.outcome == Status::Passed {
                stage + 1
            } else {
                0
            };
            last = review.time;
        }
        let Some(days) = INTERVAL_DAYS.get(stage) else {
            continue;
        };
        entries.push(Entry {
            name: exercise.name.clone(),
            stage,
            due: last.plus_secs(days * 24 * 3600),
            why,
        });
    }
    entries.sort_by_key(|e| e.due);
    entries
}
