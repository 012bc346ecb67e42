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
use crate::model::outcome::Outcome;
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

/// Judges every exercise of `kit`, stopping at `time_limit` (seconds) for the whole run and
/// reporting what was not judged; one answer and one result per exercise, in kit order.
pub fn judge_kit(
    kit: &Kit,
    judge: &Judge<'_>,
    answers: &Answers,
    tampering: &Tampering,
    time_limit: Option<f64>,
    lines: Lines,
    styles: &Styles,
) -> Result<Vec<(Judgement, ExerciseResult)>> {
    let total = kit.exercises.len();
    let bar = (lines == Lines::Printed && std::io::stderr().is_terminal()).then(|| bar(total));
    let result_of = |i: usize, verdict: &Verdict| ExerciseResult {
        outcome: verdict.outcome.clone(),
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
    let timed_out = timed_out(time_limit);
    let cut_short = judged.contains(&Judgement::NotJudged);
    let pairs: Vec<(Judgement, ExerciseResult)> = judged
        .into_iter()
        .enumerate()
        .map(|(i, judged)| {
            // NOTE: a run cut short by the whole run's time limit reports every exercise as
            // timed out, and records each as not freshly judged (refreshing its solved
            // state), as it always has. The judge now tells which units it did judge
            // (`Judged::NotJudged` for the rest): reporting and recording only those is the
            // reliability issue's fix, not this one's.
            let judged = if cut_short {
                Judgement::Cached(timed_out.clone())
            } else {
                judged
            };
            let result = result_of(i, judged.verdict().unwrap_or(&timed_out));
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

/// The verdict of an exercise the whole run's time limit left unjudged.
fn timed_out(time_limit: Option<f64>) -> Verdict {
    let limit = time_limit.unwrap_or_default();
    Verdict {
        outcome: Outcome::TimedOut {
            limit_secs: limit,
            unfinished: Vec::new(),
            output: format!(
                "The whole run's time limit ({limit} s) was reached before this exercise was judged."
            ),
        },
        run_time: None,
    }
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
