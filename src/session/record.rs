//! Recording what the judge said, as events: each freshly judged version is an attempt, a
//! cached verdict that changes whether the exercise is solved is recalled, and a unit not
//! judged leaves the record as it was. Progress changes only by folding those events in, the
//! same way a lost progress file is rebuilt from the log.

use anyhow::Result;

use crate::engine::judge::Judgement;
use crate::model::events::{self, AttemptEvent, Event, JudgedBy, RecalledEvent};
use crate::model::kit::{Exercise, Kit};
use crate::model::progress::Progress;
use crate::model::time::Timestamp;

/// Records `judged` (one per exercise) in `progress`, as judged `by` at `now`, and returns the
/// events to log. Touches no file.
pub fn record(
    progress: &mut Progress,
    exercises: &[&Exercise],
    judged: &[Judgement],
    by: JudgedBy,
    now: Timestamp,
) -> Vec<Event> {
    let mut logged = Vec::new();
    for (exercise, judged) in exercises.iter().zip(judged) {
        let event = match judged {
            Judgement::Fresh(verdict) => {
                Event::Attempt(AttemptEvent::new(&exercise.name, &verdict.outcome, by, now))
            }
            Judgement::Cached(verdict)
                if progress.is_solved(&exercise.name) != verdict.outcome.passed() =>
            {
                Event::Recalled(RecalledEvent {
                    time: now,
                    exercise: exercise.name.clone(),
                    outcome: verdict.outcome.status(),
                })
            }
            Judgement::Cached(_) | Judgement::NotJudged => continue,
        };
        progress.apply(&event);
        logged.push(event);
    }
    logged
}

/// Appends the events to the log (the record of truth) first, then saves the summary.
pub fn persist(kit: &Kit, progress: &Progress, logged: &[Event]) -> Result<()> {
    events::append(kit, logged)?;
    progress.save(kit)
}

/// [`record`]s the verdicts now and [`persist`]s them.
pub fn record_verdicts(
    kit: &Kit,
    progress: &mut Progress,
    exercises: &[&Exercise],
    judged: &[Judgement],
    by: JudgedBy,
) -> Result<()> {
    let logged = record(progress, exercises, judged, by, Timestamp::now());
    persist(kit, progress, &logged)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::record;
    use crate::engine::judge::{Judgement, Verdict};
    use crate::model::events::{Event, JudgedBy};
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
        let logged = record(&mut progress, &all, &judged, JudgedBy::Verify, now);
        let [Event::Attempt(attempt), Event::Recalled(recalled)] = logged.as_slice() else {
            panic!("{logged:?}");
        };
        assert_eq!(
            (attempt.exercise.as_str(), attempt.outcome, attempt.by),
            ("a", Status::Passed, JudgedBy::Verify)
        );
        assert_eq!(
            (recalled.exercise.as_str(), recalled.outcome),
            ("b", Status::Passed)
        );
        let a = &progress.exercises.iter().find(|e| e.name == "a").unwrap();
        assert_eq!((a.attempts, a.solved, a.solved_at), (1, true, Some(now)));
        let b = &progress.exercises.iter().find(|e| e.name == "b").unwrap();
        assert_eq!((b.attempts, b.solved), (0, true));
        assert!(progress.is_solved("c"), "not judged: left as it was");
        // The same events, folded afresh, give the same record of what they concern.
        let mut rebuilt = Progress::default();
        rebuilt.entry("c").solved = true;
        for event in &logged {
            rebuilt.apply(event);
        }
        assert_eq!(rebuilt, progress);
    }
}
