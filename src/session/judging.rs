//! Judging through the session: the learner's versions of some exercises, recorded; and every
//! exercise of a kit within the whole run's time limit. Exercises that are cargo targets go to
//! the judge; predict items are judged from the learner's answers against their truth, and a
//! "predict, then fix" exercise not opened yet is not started.

use std::time::Duration;

use anyhow::Result;

use crate::engine::judge::{Judge, JudgeEvent, Judgement, Unit, Verdict};
use crate::engine::process::Cancel;
use crate::model::answers::Answers;
use crate::model::events::JudgedBy;
use crate::model::kit::{Exercise, Kit};
use crate::model::progress::Progress;
use crate::session::answering::{self, Truth};
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
    let answers = Answers::load(&Answers::path(kit))?;
    let judged = judge_some(kit, judge, exercises, &answers, &Cancel::new(), on_event)?;
    record_verdicts(kit, progress, exercises, &judged, by)?;
    Ok(judged)
}

/// Judges the learner's version of every exercise of `kit`, stopping at `time_limit` for the
/// whole run: what was not judged by then is [`Judgement::NotJudged`]. Predict items are judged
/// from `answers`.
pub fn judge_all(
    kit: &Kit,
    judge: &Judge<'_>,
    answers: &Answers,
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
    let all: Vec<&Exercise> = kit.exercises.iter().collect();
    judge_some(kit, judge, &all, answers, &cancel, on_event)
}

/// One answer per exercise of `exercises`; events carry indices into `exercises`.
pub fn judge_some(
    kit: &Kit,
    judge: &Judge<'_>,
    exercises: &[&Exercise],
    answers: &Answers,
    cancel: &Cancel,
    on_event: &mut dyn FnMut(JudgeEvent<'_>),
) -> Result<Vec<Judgement>> {
    let code: Vec<usize> = (0..exercises.len())
        .filter(|&i| kit.is_target(exercises[i]))
        .collect();
    let units: Vec<Unit<'_>> = code.iter().map(|&i| Unit::exercise(exercises[i])).collect();
    let mut answers_out = vec![Judgement::NotJudged; exercises.len()];
    let judged = judge.judge(&units, cancel, &mut |event| match event {
        JudgeEvent::Judged(i, judgement) => on_event(JudgeEvent::Judged(code[i], judgement)),
        JudgeEvent::Compiled => on_event(JudgeEvent::Compiled),
    })?;
    for (&i, judgement) in code.iter().zip(judged) {
        answers_out[i] = judgement;
    }
    // Only answered tracing items need their program run.
    let answered: Vec<&Exercise> = exercises
        .iter()
        .copied()
        .filter(|e| e.predict().is_some() && answers.get(&e.name).is_some())
        .collect();
    let truths = if answered.is_empty() || cancel.is_cancelled() {
        Vec::new()
    } else {
        answering::truths(kit, &answered, judge.cargo_env(), judge.cache(), cancel)?
    };
    for (i, exercise) in exercises.iter().enumerate() {
        if kit.is_target(exercise) {
            continue;
        }
        let truth: Option<&Truth> = answered
            .iter()
            .position(|a| a.name == exercise.name)
            .and_then(|p| truths.get(p));
        let outcome = answering::outcome_of(exercise, answers, truth);
        // Not an attempt: answers are recorded when given, never when judged again.
        answers_out[i] = Judgement::Cached(Verdict {
            outcome,
            run_time: None,
        });
        on_event(JudgeEvent::Judged(i, &answers_out[i]));
    }
    Ok(answers_out)
}
