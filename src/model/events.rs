//! The events log, `.rustskill/events.jsonl`: the record of truth of a learner's progress.
//! Every judged attempt appends one JSON line (time, exercise, outcome, error codes; for a
//! predict item's answer, the choice and the hint tiers seen), and so
//! does every hint tier revealed and every verdict recalled from the cache that changed whether
//! an exercise is solved; `progress.toml` is a summary folded from it (`Progress::apply`), and
//! is rebuilt from it when lost. Append-only; a line torn by a crash mid-write is skipped on
//! reading, with a warning.
//!
//! An attempt's line has no `kind` (the log's first format, which cohort tools read); every
//! other event names its `kind`. A kind this version does not know (written by a newer tool)
//! is passed over in silence. A new kind is a variant of [`Event`] and of the tagged form, and
//! an arm in `Progress::apply`.

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
    /// A review of something met before (`review`): judged in a scratch copy, so it moves the
    /// review schedule, never the practice progress.
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

/// A hint tier revealed.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct HintEvent {
    /// When.
    pub time: Timestamp,
    /// The exercise's name.
    pub exercise: String,
    /// How many tiers are revealed now (1 is the first).
    pub tier: u32,
}

/// A verdict taken from the cache (an earlier version of the file restored) that changed
/// whether the exercise is solved; not a new attempt.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct RecalledEvent {
    /// When.
    pub time: Timestamp,
    /// The exercise's name.
    pub exercise: String,
    /// The outcome's status word.
    pub outcome: Status,
}

/// An exercise reset to its shipped version: unsolved again (its history stays).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ResetEvent {
    /// When.
    pub time: Timestamp,
    /// The exercise's name.
    pub exercise: String,
}

/// One line of the log.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A version judged freshly.
    Attempt(AttemptEvent),
    /// A hint tier revealed.
    Hint(HintEvent),
    /// A cached verdict that changed the solved state.
    Recalled(RecalledEvent),
    /// An exercise reset to its shipped version.
    Reset(ResetEvent),
}

/// The events that carry a `kind`, as written.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Tagged {
    Hint(HintEvent),
    Recalled(RecalledEvent),
    Reset(ResetEvent),
}

impl Event {
    fn to_line(&self) -> serde_json::Result<String> {
        match self {
            Event::Attempt(e) => serde_json::to_string(e),
            Event::Hint(e) => serde_json::to_string(&Tagged::Hint(e.clone())),
            Event::Recalled(e) => serde_json::to_string(&Tagged::Recalled(e.clone())),
            Event::Reset(e) => serde_json::to_string(&Tagged::Reset(e.clone())),
        }
    }

    /// Reads one line: `Ok(None)` for a kind this version does not know.
    fn from_line(line: &str) -> serde_json::Result<Option<Event>> {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let Some(kind) = value.get("kind") else {
            return serde_json::from_value(value).map(|e| Some(Event::Attempt(e)));
        };
        if !matches!(kind.as_str(), Some("hint" | "recalled" | "reset")) {
            return Ok(None);
        }
        Ok(Some(match serde_json::from_value(value)? {
            Tagged::Hint(e) => Event::Hint(e),
            Tagged::Recalled(e) => Event::Recalled(e),
            Tagged::Reset(e) => Event::Reset(e),
        }))
    }
}

/// The log file of a kit.
pub fn path(kit: &Kit) -> PathBuf {
    kit.state_dir().join("events.jsonl")
}

/// Appends events, all in one `write` call in append mode, so a crash tears at most the last.
pub fn append(kit: &Kit, events: &[Event]) -> Result<()> {
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
        buf.push_str(&event.to_line()?);
        buf.push('\n');
    }
    file.write_all(buf.as_bytes())
        .with_context(|| format!("failed to append to {}", path.display()))
}

/// Reads the attempts of a log (what the reports show); see [`read_all`].
pub fn read(path: &Path) -> (Vec<AttemptEvent>, Vec<String>) {
    let (events, warnings) = read_all(path);
    let attempts = events
        .into_iter()
        .filter_map(|e| match e {
            Event::Attempt(a) => Some(a),
            _ => None,
        })
        .collect();
    (attempts, warnings)
}

/// Reads a log; lines that do not parse (a torn last line) are skipped and described in the
/// returned warnings.
pub fn read_all(path: &Path) -> (Vec<Event>, Vec<String>) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return (Vec::new(), Vec::new());
    };
    let mut events = Vec::new();
    let mut warnings = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match Event::from_line(line) {
            Ok(Some(event)) => events.push(event),
            Ok(None) => {}
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
    use super::{Event, read, read_all};

    #[test]
    fn every_kind_round_trips_and_unknown_kinds_are_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.jsonl");
        let lines = [
            r#"{"time":"2026-01-01T00:00:00Z","exercise":"a","outcome":"failed","codes":[],"by":"watch"}"#,
            r#"{"kind":"hint","time":"2026-01-01T00:01:00Z","exercise":"a","tier":1}"#,
            r#"{"kind":"recalled","time":"2026-01-01T00:02:00Z","exercise":"a","outcome":"passed"}"#,
            r#"{"kind":"answer","time":"2026-01-01T00:03:00Z","exercise":"a","from":"a newer tool"}"#,
        ];
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        let (events, warnings) = read_all(&path);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(events.len(), 3);
        assert!(matches!(&events[1], Event::Hint(h) if h.tier == 1));
        for (event, line) in events.iter().zip(lines) {
            assert_eq!(event.to_line().unwrap(), line);
        }
        assert_eq!(read(&path).0.len(), 1, "the reports read attempts only");
    }

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
