//! The events log: every judged attempt appends one JSON line to `.rustskill/events.jsonl`
//! (time, exercise, outcome, error codes; for a predict item's answer, the choice and the
//! hint tiers seen), so instructors can see how a learner got there.
//! Append-only; a line torn by a crash mid-write is skipped on reading, with a warning.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::model::kit::Kit;
use crate::model::outcome::Outcome;
use crate::model::status::Status;
use crate::model::time::Timestamp;

/// Which command judged an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JudgedBy {
    /// Watch mode, on a save or check-all.
    Watch,
    /// `run`.
    Run,
    /// `verify`.
    Verify,
    /// Rebuilding a lost progress file.
    Rebuild,
    /// The final judging of a timed assessment.
    Assess,
    /// A predict item answered (`answer`, or a key in watch mode).
    Answer,
    /// A review of something met before (`review`).
    Review,
}

/// One judged attempt.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AttemptEvent {
    /// When it was judged.
    pub time: Timestamp,
    /// The exercise's name.
    pub exercise: String,
    /// The outcome's status word (`passed`, `compile-error`, …).
    pub outcome: Status,
    /// The rustc error codes met, if it did not compile.
    #[serde(default)]
    pub codes: Vec<String>,
    /// Which command judged it.
    pub by: JudgedBy,
    /// A predict item's answer: the choice given (1-based, in the kit's order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<u32>,
    /// A predict item's answer: the hint tiers seen before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hints: Option<u32>,
}

impl AttemptEvent {
    /// An event for an outcome judged at `time`.
    pub fn new(exercise: &str, outcome: &Outcome, by: JudgedBy, time: Timestamp) -> AttemptEvent {
        AttemptEvent {
            time,
            exercise: exercise.to_owned(),
            outcome: outcome.status(),
            codes: outcome.error_codes(),
            by,
            choice: None,
            hints: None,
        }
    }
}

/// The log file of a kit.
pub fn path(kit: &Kit) -> PathBuf {
    kit.state_dir().join("events.jsonl")
}

/// Appends events, each as one line written with a single `write` call in append mode.
pub fn append(kit: &Kit, events: &[AttemptEvent]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let path = path(kit);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("failed to create {}", dir.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| format!("failed to open {}", path.display()))?;
    let mut buf = String::new();
    for event in events {
        buf.push_str(&serde_json::to_string(event)?);
        buf.push('\n');
    }
    file.write_all(buf.as_bytes())
        .with_context(|| format!("failed to append to {}", path.display()))
}

/// Reads a log; lines that do not parse (a torn last line) are skipped and described in the
/// returned warnings.
pub fn read(path: &Path) -> (Vec<AttemptEvent>, Vec<String>) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return (Vec::new(), Vec::new());
    };
    let mut events = Vec::new();
    let mut warnings = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str(line) {
            Ok(event) => events.push(event),
            Err(_) => warnings.push(format!(
                "{}:{}: skipped a damaged line",
                path.display(),
                i + 1
            )),
        }
    }
    (events, warnings)
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn a_torn_last_line_is_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.jsonl");
        let good = r#"{"time":"2026-01-01T00:00:00Z","exercise":"a","outcome":"passed","codes":[],"by":"run"}"#;
        std::fs::write(&path, format!("{good}\n{{\"time\":\"2026")).unwrap();
        let (events, warnings) = read(&path);
        assert_eq!(events.len(), 1);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].ends_with(":2: skipped a damaged line"));
        assert_eq!(events[0].by, super::JudgedBy::Run);
        assert_eq!(events[0].outcome, crate::model::status::Status::Passed);
        assert_eq!(serde_json::to_string(&events[0]).unwrap(), good);
    }
}
