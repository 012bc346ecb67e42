//! `verify`: judge every exercise without interaction, for learners and CI alike.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::time::Instant;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use super::Session;
use crate::cli::Format;
use crate::events;
use crate::exit_codes;
use crate::judge::{Judge, Progress, Verdict};
use crate::kit::Exercise;
use crate::style::Styles;

/// The `schema` field of the JSON report; bumped on incompatible changes.
pub const JSON_SCHEMA: &str = "cargo-rustskill/verify/v1";

/// Failing tests' output is cut to this many characters in JSON reports.
const JSON_OUTPUT_CAP: usize = 4000;

/// Judges every exercise and reports; exit code 0 only when all pass.
pub fn run(session: &mut Session, format: Format, no_cache: bool, styles: &Styles) -> Result<u8> {
    let started = Instant::now();
    let judge = Judge::new(&session.kit, !no_cache)?;
    let all: Vec<&Exercise> = session.kit.exercises.iter().collect();
    let total = all.len();
    let human = format == Format::Human;
    let bar = if human && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(total as u64 * 2);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {msg}")
                .expect("the template is valid")
                .progress_chars("#>-"),
        );
        bar.set_message("building…");
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Some(bar)
    } else {
        None
    };

    // Lines are printed in kit order as soon as every exercise before them has a verdict.
    let mut done: Vec<Option<(String, bool)>> = vec![None; total];
    let mut printed = 0;
    let mut judged = 0;
    let mut on_progress = |event: Progress<'_>| {
        let Progress::Judged(i, verdict) = event else {
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            return;
        };
        judged += 1;
        done[i] = Some((line(all[i], verdict, styles), verdict.outcome.passed()));
        if let Some(bar) = &bar {
            bar.set_position((judged + total) as u64);
            bar.set_message(format!("{judged}/{total} judged"));
        } else if human {
            while let Some(Some((text, _))) = done.get(printed) {
                println!("{text}");
                printed += 1;
            }
        }
    };
    let verdicts = super::judge_and_record(
        &session.kit,
        &mut session.progress,
        &judge,
        &all,
        "verify",
        &mut on_progress,
    )?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
        for (text, _) in done.iter().flatten() {
            println!("{text}");
        }
    }

    let kit = &session.kit;
    let passed = verdicts.iter().filter(|v| v.outcome.passed()).count();
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&json_report(session, &verdicts))?
        ),
        Format::Human => {
            for (exercise, verdict) in kit.exercises.iter().zip(&verdicts) {
                if verdict.outcome.passed() {
                    continue;
                }
                println!(
                    "\n{}",
                    styles.strong.style(format!(
                        "── {} ({}) ──",
                        exercise.name,
                        exercise.rel_path()
                    ))
                );
                println!("{}", verdict.outcome.details(styles).trim_end());
            }
            let (score, max) = score(kit.exercises.iter().zip(&verdicts));
            println!(
                "\n{passed}/{total} exercises passing, {score}/{max} points ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(if passed == total {
        exit_codes::SUCCESS
    } else {
        exit_codes::NOT_PASSING
    })
}

fn line(exercise: &Exercise, verdict: &Verdict, styles: &Styles) -> String {
    let mark = if verdict.outcome.passed() {
        styles.ok.style("✓")
    } else {
        styles.error.style("✗")
    };
    format!(
        "{mark} {:>3} {:<32} {}",
        exercise.index + 1,
        exercise.name,
        verdict.outcome.summary()
    )
}

fn score<'a>(pairs: impl Iterator<Item = (&'a Exercise, &'a Verdict)>) -> (u32, u32) {
    pairs.fold((0, 0), |(score, max), (e, v)| {
        (
            score + if v.outcome.passed() { e.points } else { 0 },
            max + e.points,
        )
    })
}

fn cut(text: &str) -> String {
    match text.char_indices().nth(JSON_OUTPUT_CAP) {
        Some((at, _)) => format!("{}\n[… cut …]", &text[..at]),
        None => text.to_owned(),
    }
}

/// Seconds from the first attempt to the first pass, where both are known.
fn time_to_solve(first: Option<&String>, solved: Option<&String>) -> Option<u64> {
    let first = humantime::parse_rfc3339(first?).ok()?;
    let solved = humantime::parse_rfc3339(solved?).ok()?;
    solved.duration_since(first).ok().map(|d| d.as_secs())
}

fn json_report(session: &Session, verdicts: &[Verdict]) -> serde_json::Value {
    let kit = &session.kit;
    let plain = Styles::new(false);
    let (log, warnings) = events::read(&events::path(kit));
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    let mut codes_met: HashMap<&str, Vec<&str>> = HashMap::new();
    for event in &log {
        let codes = codes_met.entry(event.exercise.as_str()).or_default();
        for code in &event.codes {
            if !codes.contains(&code.as_str()) {
                codes.push(code);
            }
        }
    }
    let exercises: Vec<serde_json::Value> = kit
        .exercises
        .iter()
        .zip(verdicts)
        .map(|(e, v)| {
            let record = session.progress.exercises.iter().find(|p| p.name == e.name);
            let failing_tests: Vec<serde_json::Value> = match &v.outcome {
                crate::outcome::Outcome::TestsFailed { failures, .. } => failures
                    .iter()
                    .map(|f| json!({ "name": f.name, "output": cut(&f.output) }))
                    .collect(),
                _ => Vec::new(),
            };
            json!({
                "name": e.name,
                "track": e.track(),
                "level": e.level,
                "path": e.rel_path(),
                "status": v.outcome.status(),
                "summary": v.outcome.summary(),
                "points": if v.outcome.passed() { e.points } else { 0 },
                "max_points": e.points,
                "error_codes": v.outcome.error_codes(),
                "failing_tests": failing_tests,
                "details": cut(&v.outcome.details(&plain)),
                "attempts": record.map_or(0, |r| r.attempts),
                "first_attempt": record.and_then(|r| r.first_attempt.clone()),
                "last_attempt": record.and_then(|r| r.last_attempt.clone()),
                "solved_at": record.and_then(|r| r.solved_at.clone()),
                "time_to_solve_secs": time_to_solve(
                    record.and_then(|r| r.first_attempt.as_ref()),
                    record.and_then(|r| r.solved_at.as_ref())
                ),
                "error_codes_met": codes_met.get(e.name.as_str()).cloned().unwrap_or_default(),
            })
        })
        .collect();
    let (score, max) = score(kit.exercises.iter().zip(verdicts));
    json!({
        "schema": JSON_SCHEMA,
        "tool_version": env!("CARGO_PKG_VERSION"),
        "kit": kit.info.kit_name,
        "kit_version": kit.info.kit_version,
        "passed": verdicts.iter().filter(|v| v.outcome.passed()).count(),
        "total": kit.exercises.len(),
        "score": score,
        "max_score": max,
        "exercises": exercises,
    })
}
