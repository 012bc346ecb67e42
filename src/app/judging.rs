//! Judging a whole kit on the terminal, for `verify` and `grade`: a progress bar on a
//! terminal, or one line per exercise in kit order, and the whole run's time limit.

use std::io::IsTerminal;
use std::time::Duration;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use crate::analysis::graded::{Staged, Tampering};
use crate::app::cli::SandboxArg;
use crate::engine::judge::graded::GradedRun;
use crate::engine::judge::{Cache, Judge, JudgeEvent, Judgement, Verdict};
use crate::engine::sandbox::{Sandbox, SandboxChoice};
use crate::model::answers::Answers;
use crate::model::kit::Kit;
use crate::model::status::Status;
use crate::outputs::results::{self, ExerciseResult};
use crate::outputs::style::Styles;
use crate::session::judging;

/// The sandbox `--sandbox` asks for, its warning printed once where there is none.
pub fn sandbox(arg: SandboxArg, styles: &Styles) -> Result<Sandbox> {
    let choice = match arg {
        SandboxArg::Auto => SandboxChoice::Auto,
        SandboxArg::Bubblewrap => SandboxChoice::Bubblewrap,
        SandboxArg::Namespaces => SandboxChoice::Namespaces,
        SandboxArg::Off => SandboxChoice::Off,
    };
    let (sandbox, warning) = Sandbox::new(choice)?;
    if let Some(warning) = warning {
        eprintln!("{} {warning}", styles.warn.style("warning:"));
    }
    Ok(sandbox)
}

/// A grader's judge over a staged kit.
pub fn graded_judge<'k>(staged: &'k Staged, sandbox: &Sandbox) -> Result<Judge<'k>> {
    let run = GradedRun {
        expected: staged.expected.clone(),
        learner_ends: staged.learner_ends.clone(),
        sandbox: sandbox.clone(),
        staging: staged.kit.root.clone(),
    };
    Ok(Judge::new(&staged.kit, Cache::Ignore)?.graded(run))
}

/// Whether the per-exercise lines are printed while judging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    /// On stdout (with a progress bar instead where stderr is a terminal).
    Printed,
    /// Not at all: stdout carries a document.
    Quiet,
}

/// What a run knows of the learner whose kit it judges.
pub struct LearnerRecord<'a> {
    /// Their answers to predict items.
    pub answers: &'a Answers,
    /// What they tampered with (graded runs; none in practice).
    pub tampering: &'a Tampering,
    /// Where an exercise stood before this run, by name (for what the run does not judge).
    pub last_known: &'a dyn Fn(&str) -> Option<Status>,
}

/// Judges every exercise of `kit`, stopping at `time_limit` (seconds) for the whole run and
/// reporting what was not judged with its last known state; one answer and one result per
/// exercise, in kit order.
pub fn judge_kit(
    kit: &Kit,
    judge: &Judge<'_>,
    learner: &LearnerRecord<'_>,
    time_limit: Option<f64>,
    lines: Lines,
    styles: &Styles,
) -> Result<Vec<(Judgement, ExerciseResult)>> {
    let LearnerRecord {
        answers,
        tampering,
        last_known,
    } = *learner;
    let total = kit.exercises.len();
    let bar = (lines == Lines::Printed && std::io::stderr().is_terminal()).then(|| bar(total));
    let result_of = |i: usize, verdict: &Verdict| ExerciseResult {
        outcome: Some(verdict.outcome.clone()),
        last_known: None,
        seconds: verdict.run_time.map_or(0.0, |d| d.as_secs_f64()),
        tampered: tampering.for_exercise(&kit.exercises[i].name),
        hidden: results::hidden_tests(
            &verdict.outcome,
            tampering
                .hidden_tests
                .get(&kit.exercises[i].name)
                .copied()
                .unwrap_or(0),
        ),
    };
    // Lines are printed in kit order as soon as every exercise before them has a verdict.
    let mut done: Vec<Option<String>> = vec![None; total];
    let mut printed = 0;
    let mut judged_count = 0;
    let limit = time_limit.map(Duration::from_secs_f64);
    let judged = judging::judge_all(kit, judge, answers, limit, &mut |event| {
        let JudgeEvent::Judged(i, judged) = event else {
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            return;
        };
        let Some(verdict) = judged.verdict() else {
            return;
        };
        judged_count += 1;
        done[i] = Some(results::line(
            &kit.exercises[i],
            &result_of(i, verdict),
            styles,
        ));
        if let Some(bar) = &bar {
            bar.set_position((judged_count + total) as u64);
            bar.set_message(format!("{judged_count}/{total} judged"));
        } else if lines == Lines::Printed {
            while let Some(Some(text)) = done.get(printed) {
                println!("{text}");
                printed += 1;
            }
        }
    })?;
    // What the run did not judge is reported as not judged, with its last known state; the
    // record of it is left as it was.
    let pairs: Vec<(Judgement, ExerciseResult)> = judged
        .into_iter()
        .enumerate()
        .map(|(i, judged)| {
            let result = match judged.verdict() {
                Some(verdict) => result_of(i, verdict),
                None => ExerciseResult {
                    hidden: None,
                    outcome: None,
                    last_known: last_known(&kit.exercises[i].name),
                    seconds: 0.0,
                    tampered: tampering.for_exercise(&kit.exercises[i].name),
                },
            };
            (judged, result)
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if lines == Lines::Printed {
        for (i, (_, result)) in pairs.iter().enumerate().skip(printed) {
            println!("{}", results::line(&kit.exercises[i], result, styles));
        }
    }
    Ok(pairs)
}

fn bar(total: usize) -> ProgressBar {
    let bar = ProgressBar::new(total as u64 * 2);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {msg}")
            .expect("the template is valid")
            .progress_chars("#>-"),
    );
    bar.set_message("building…");
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}
