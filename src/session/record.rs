//! Recording what the judge said: each freshly judged version is an attempt in the progress
//! file and a line in the events log; a cached verdict only refreshes the solved state; a unit
//! not judged leaves the record as it was.

use anyhow::Result;

use crate::engine::judge::Judgement;
use crate::model::events::{self, AttemptEvent, JudgedBy};
use crate::model::kit::{Exercise, Kit};
use crate::model::progress::Progress;
use crate::model::time::Timestamp;

/// Records `judged` (one per exercise) in `progress`, as judged `by` at `now`, and returns the
/// attempts to log. Touches no file.
pub fn record(
    progress: &mut Progress,
    exercises: &[&Exercise],
    judged: &[Judgement],
    by: JudgedBy,
    now: Timestamp,
) -> Vec<AttemptEvent> {
    let mut attempts = Vec::new();
    for (exercise, judged) in exercises.iter().zip(judged) {
        match judged {
            Judgement::Fresh(verdict) => {
                progress.record_attempt(&exercise.name, verdict.outcome.passed(), now);
                attempts.push(AttemptEvent::new(&exercise.name, &verdict.outcome, by, now));
            }
            Judgement::Cached(verdict) => {
                progress.entry(&exercise.name).solved = verdict.outcome.passed();
            }
            Judgement::NotJudged => {}
        }
    }
    attempts
}

/// Saves the progress, then appends the attempts to the events log.
pub fn persist(kit: &Kit, progress: &Progress, attempts: &[AttemptEvent]) -> Result<()> {
    progress.save(kit)?;
    events::append(kit, attempts)
}

/// [`record`]s the verdicts now and [`persist`]s them.
pub fn record_verdicts(
    kit: &Kit,
    progress: &mut Progress,
    exercises: &[&Exercise],
    judged: &[Judgement],
    by: JudgedBy,
) -> Result<()> {
    let attempts = record(progress, exercises, judged, by, Timestamp::now());
    persist(kit, progress, &attempts)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::record;
    use crate::engine::judge::{Judgement, Verdict};
    use crate::model::events::JudgedBy;
    use crate::model::info::KitInfo;
    use crate::model::kit::Kit;
    use crate::model::outcome::Outcome;
    use crate::model::progress::Progress;
    use crate::model::status::Status;
    use crate::model::time::Timestamp;

    fn kit() -> Kit {
        let mut text = String::from("format_version = 1\n");
        for name in ["a", "b", "c"] {
            text.push_str(&format!("[[exercises]]\nname = \"{name}\"\nhint = \"h\"\n"));
        }
        let info = KitInfo::parse(&text, std::path::Path::new("info.toml")).unwrap();
        Kit::from_info(PathBuf::from("."), info)
    }

    #[test]
    fn fresh_is_an_attempt_cached_refreshes_and_not_judged_leaves_it() {
        let kit = kit();
        let all: Vec<_> = kit.exercises.iter().collect();
        let mut progress = Progress::default();
        progress.entry("c").solved = true;
        let passed = Verdict {
            outcome: Outcome::Passed,
            run_time: None,
        };
        let judged = [
            Judgement::Fresh(passed.clone()),
            Judgement::Cached(passed),
            Judgement::NotJudged,
        ];
        let now = Timestamp::now();
        let attempts = record(&mut progress, &all, &judged, JudgedBy::Verify, now);
        assert_eq!(attempts.len(), 1);
        assert_eq!(
            (attempts[0].exercise.as_str(), attempts[0].outcome),
            ("a", Status::Passed)
        );
        assert_eq!(attempts[0].by, JudgedBy::Verify);
        let a = &progress.exercises.iter().find(|e| e.name == "a").unwrap();
        assert_eq!((a.attempts, a.solved, a.solved_at), (1, true, Some(now)));
        let b = &progress.exercises.iter().find(|e| e.name == "b").unwrap();
        assert_eq!((b.attempts, b.solved), (0, true));
        assert!(progress.is_solved("c"), "not judged: left as it was");
    }
}
