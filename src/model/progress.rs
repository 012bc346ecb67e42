//! The learner's progress, kept in the kit (`.rustskill/progress.toml`, meant to be committed so
//! instructors can read it): the current exercise, which are solved, and per exercise the
//! attempts and their times. Human-readable, and written atomically. It is a summary of the
//! events log, folded by [`Progress::apply`], so a lost one is rebuilt with nothing lost.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::base::fsutil;
use crate::model::events::{AttemptEvent, Event, JudgedBy};
use crate::model::kit::Kit;
use crate::model::status::Status;
use crate::model::time::Timestamp;

const HEADER: &str =
    "# Your progress through this kit, kept by cargo-rustskill. Commit it with your work.\n\n";

/// What the progress file holds.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Progress {
    /// The exercise the learner is on.
    pub current: Option<String>,
    /// Per exercise, in kit order; exercises never attempted are left out.
    #[serde(default, rename = "exercise")]
    pub exercises: Vec<ExerciseProgress>,
}

/// One exercise's record.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
pub struct ExerciseProgress {
    /// The exercise's name.
    pub name: String,
    /// Whether its latest judged version passed.
    pub solved: bool,
    /// How many distinct versions were judged.
    pub attempts: u32,
    /// When the first version was judged.
    pub first_attempt: Option<Timestamp>,
    /// When the latest version was judged.
    pub last_attempt: Option<Timestamp>,
    /// When it first passed.
    pub solved_at: Option<Timestamp>,
    /// How many hint tiers have been revealed.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub hints: u32,
    /// A predict item closed without a right answer: given up on, or answered wrong where
    /// only one answer counts (an assessment). Done, though not solved.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closed: bool,
}

impl ExerciseProgress {
    /// Seconds from the first attempt to the first pass, where both are known.
    pub fn time_to_solve_secs(&self) -> Option<u64> {
        let solving = self.first_attempt?.until(self.solved_at?)?;
        Some(solving.as_secs())
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What loading found.
pub enum Loaded {
    /// The file was read.
    Ok(Progress),
    /// There is no progress file.
    Missing,
    /// The file is there but unreadable; the message says why.
    Corrupt(String),
}

impl Progress {
    /// The progress file of `kit`.
    pub fn path(kit: &Kit) -> PathBuf {
        kit.state_dir().join("progress.toml")
    }

    /// Reads the progress file.
    pub fn load(path: &Path) -> Loaded {
        match std::fs::read_to_string(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Loaded::Missing,
            Err(e) => Loaded::Corrupt(format!("{}: {e}", path.display())),
            Ok(text) => match toml::from_str::<Progress>(&text) {
                Ok(progress) => Loaded::Ok(progress),
                Err(e) => Loaded::Corrupt(format!("{}: {}", path.display(), e.message())),
            },
        }
    }

    /// Writes the progress file atomically, exercises in kit order.
    pub fn save(&self, kit: &Kit) -> Result<()> {
        let order = |name: &str| {
            kit.exercises
                .iter()
                .position(|e| e.name == name)
                .unwrap_or(usize::MAX)
        };
        let mut sorted = self.clone();
        sorted.exercises.sort_by_key(|e| order(&e.name));
        let body = toml::to_string(&sorted).context("failed to serialise progress")?;
        fsutil::write_atomic(&Progress::path(kit), format!("{HEADER}{body}").as_bytes())
    }

    /// The record for `name`, created if missing.
    pub fn entry(&mut self, name: &str) -> &mut ExerciseProgress {
        if let Some(i) = self.exercises.iter().position(|e| e.name == name) {
            return &mut self.exercises[i];
        }
        self.exercises.push(ExerciseProgress {
            name: name.to_owned(),
            ..ExerciseProgress::default()
        });
        self.exercises.last_mut().expect("just pushed")
    }

    /// Whether `name` is solved.
    pub fn is_solved(&self, name: &str) -> bool {
        self.exercises.iter().any(|e| e.name == name && e.solved)
    }

    /// Whether `name` is behind the learner: solved, or a predict item closed unsolved.
    pub fn is_done(&self, name: &str) -> bool {
        self.exercises
            .iter()
            .any(|e| e.name == name && (e.solved || e.closed))
    }

    /// The progress the events tell, in order; the current exercise is the first unsolved.
    pub fn from_events(kit: &Kit, events: &[Event]) -> Progress {
        let mut progress = Progress::default();
        for event in events {
            progress.apply(event);
        }
        progress.current = progress
            .next_unsolved(kit, 0)
            .map(|i| kit.exercises[i].name.clone());
        progress
    }

    /// Folds one event in: the one way progress changes, live and when rebuilt.
    pub fn apply(&mut self, event: &Event) {
        match event {
            // A review is judged in a scratch copy: it moves the review schedule only.
            Event::Attempt(a) if a.by == JudgedBy::Review => {}
            // Giving up on a predict item closes it, unsolved; it is no attempt.
            Event::Attempt(a) if a.outcome == Status::GaveUp => {
                let entry = self.entry(&a.exercise);
                entry.closed = true;
                entry.first_attempt.get_or_insert(a.time);
                entry.last_attempt = Some(a.time);
            }
            Event::Attempt(a) => {
                self.record_attempt(&a.exercise, a.outcome == Status::Passed, a.time);
            }
            Event::Hint(h) => {
                let entry = self.entry(&h.exercise);
                entry.hints = entry.hints.max(h.tier);
            }
            Event::Recalled(r) => self.entry(&r.exercise).solved = r.outcome == Status::Passed,
            Event::Reset(r) => self.entry(&r.exercise).solved = false,
        }
    }

    /// Records a version of an exercise judged freshly at `time`.
    pub fn record_attempt(&mut self, name: &str, passed: bool, time: Timestamp) {
        let entry = self.entry(name);
        entry.attempts += 1;
        entry.first_attempt.get_or_insert(time);
        entry.last_attempt = Some(time);
        if passed && entry.solved_at.is_none() {
            entry.solved_at = Some(time);
        }
        entry.solved = passed;
    }

    /// How many of the kit's exercises are solved.
    pub fn solved_count(&self, kit: &Kit) -> usize {
        kit.exercises
            .iter()
            .filter(|e| self.is_solved(&e.name))
            .count()
    }

    /// The first unsolved practice exercise at or after `from`, wrapping around; `None` when
    /// all are. Exercises held back for assessments are not practice.
    pub fn next_unsolved(&self, kit: &Kit, from: usize) -> Option<usize> {
        let n = kit.exercises.len();
        (0..n).map(|k| (from + k) % n).find(|&i| {
            let exercise = &kit.exercises[i];
            !exercise.assessment_only && !self.is_done(&exercise.name)
        })
    }

    /// The current exercise's index: the recorded one if it still exists, else the first
    /// unsolved one, else the last.
    pub fn current_index(&self, kit: &Kit) -> usize {
        self.current
            .as_deref()
            .and_then(|name| kit.exercises.iter().position(|e| e.name == name))
            .or_else(|| self.next_unsolved(kit, 0))
            .unwrap_or(kit.exercises.len().saturating_sub(1))
    }
}

/// Where exercise `name` stood by the learner's record: passed where the progress says solved,
/// else the status of its last logged attempt; `None` when it was never judged.
pub fn last_known(
    progress: Option<&Progress>,
    events: &[AttemptEvent],
    name: &str,
) -> Option<Status> {
    if progress.is_some_and(|p| p.is_solved(name)) {
        return Some(Status::Passed);
    }
    let last = events
        .iter()
        .rev()
        .find(|e| e.exercise == name && e.by != JudgedBy::Review)?
        .outcome;
    // A pass the progress no longer shows was followed by a failing version it kept.
    Some(if last == Status::Passed && progress.is_some() {
        Status::Failed
    } else {
        last
    })
}

#[cfg(test)]
mod tests {
    use super::Progress;
    use crate::model::time::Timestamp;

    fn at(secs: u64) -> Timestamp {
        Timestamp::from(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
    }

    #[test]
    fn attempts_keep_first_and_solved_times() {
        let mut p = Progress::default();
        p.record_attempt("a", false, at(100));
        p.record_attempt("a", true, at(160));
        p.record_attempt("a", false, at(200));
        let e = &p.exercises[0];
        assert_eq!(e.attempts, 3);
        assert!(!e.solved && e.solved_at == Some(at(160)) && e.first_attempt == Some(at(100)));
        assert_eq!(e.last_attempt, Some(at(200)));
        assert_eq!(e.time_to_solve_secs(), Some(60));
    }

    #[test]
    fn a_file_written_before_typed_times_still_loads() {
        let text = "current = \"a\"\n\n[[exercise]]\nname = \"a\"\nsolved = true\nattempts = 2\nfirst_attempt = \"2026-11-01T10:00:00Z\"\nlast_attempt = \"2026-11-01T10:05:00Z\"\nsolved_at = \"2026-11-01T10:05:00Z\"\nhints = 1\n";
        let p: Progress = toml::from_str(text).unwrap();
        assert_eq!(p.exercises[0].time_to_solve_secs(), Some(300));
        assert_eq!(toml::to_string(&p).unwrap(), text, "written back the same");
    }

    #[test]
    fn round_trips_through_toml() {
        let mut p = Progress {
            current: Some("a".into()),
            ..Progress::default()
        };
        p.record_attempt("a", true, at(5));
        let text = toml::to_string(&p).unwrap();
        assert_eq!(toml::from_str::<Progress>(&text).unwrap(), p);
    }
}
