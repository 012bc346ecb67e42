//! Judging through the session: the learner's versions of some exercises, recorded; and every
//! exercise of a kit within the whole run's time limit.

use std::time::Duration;

use anyhow::Result;

use crate::engine::judge::{Judge, JudgeEvent, Judgement, Unit};
use crate::engine::process::Cancel;
use crate::model::events::JudgedBy;
use crate::model::kit::{Exercise, Kit};
use crate::model::progress::Progress;
use crate::session::record::record_verdicts;

/// Judges the learner's versions of `exercises` and records the verdicts.
pub fn judge_and_record(
    kit: &Kit,
    progress: &mut Progress,
    judge: &Judge<'_>,
    exercises: &[&Exercise],
    by: JudgedBy,
    on_event: &mut dyn FnMut(JudgeEvent<'_>),
) -> Result<Vec<Judgement>> {
    let units: Vec<Unit<'_>> = exercises.iter().map(|e| Unit::exercise(e)).collect();
    let judged = judge.judge(&units, &Cancel::new(), on_event)?;
    record_verdicts(kit, progress, exercises, &judged, by)?;
    Ok(judged)
}

/// Judges the learner's version of every exercise of `kit`, stopping at `time_limit` for the
/// whole run: what was not judged by then is [`Judged::NotJudged`].
pub fn judge_all(
    kit: &Kit,
    judge: &Judge<'_>,
    time_limit: Option<Duration>,
    on_event: &mut dyn FnMut(JudgeEvent<'_>),
) -> Result<Vec<Judgement>> {
    let cancel = Cancel::new();
    if let Some(limit) = time_limit {
        let cancel = cancel.clone();
        std::thread::spawn(move || {
            std::thread::sleep(limit);
            cancel.cancel();
        });
    }
    let units: Vec<Unit<'_>> = kit.exercises.iter().map(Unit::exercise).collect();
    judge.judge(&units, &cancel, on_event)
}
