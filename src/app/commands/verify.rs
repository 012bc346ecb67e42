//! `verify`: judge every exercise without interaction, for learners and CI alike; with
//! `--graded`, against the canonical kit, so editing tests or `info.toml` earns nothing.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use super::Session;
use crate::analysis::graded::{self, Canonical, Tampering};
use crate::app::cli::{Format, VerifyArgs};
use crate::app::exit_codes;
use crate::engine::judge::{Judge, Progress, Unit, Verdict};
use crate::engine::process::Cancel;
use crate::model::events;
use crate::model::kit::Kit;
use crate::model::outcome::Outcome;
use crate::model::progress::{self, Loaded};
use crate::outputs::results::{self, ExerciseResult, KitResults};
use crate::outputs::style::Styles;

/// Judges every exercise and reports; exit code 0 only when all pass.
pub fn run(kit_dir: Option<&Path>, args: &VerifyArgs, styles: &Styles) -> Result<u8> {
    if args.graded || args.canonical.is_some() {
        return run_graded(kit_dir, args, styles);
    }
    let mut session = Session::open(kit_dir, styles)?;
    let judge = Judge::new(&session.kit, !args.no_cache)?;
    let results = judge_all(&session.kit, &judge, &Tampering::default(), args, styles)?;
    let verdicts: Vec<Verdict> = results.iter().map(|(v, _)| v.clone()).collect();
    let all: Vec<_> = session.kit.exercises.iter().collect();
    super::record_verdicts(
        &session.kit,
        &mut session.progress,
        &all,
        &verdicts,
        crate::model::events::JudgedBy::Verify,
    )?;
    let (log, warnings) = events::read(&events::path(&session.kit));
    warn_all(&warnings);
    let (kit, results) = only_the_set(&session.kit, results, args)?;
    let results = KitResults {
        kit: kit.as_ref().unwrap_or(&session.kit),
        results,
        progress: Some(&session.progress),
        events: log,
    };
    report(&results, args, styles)
}

/// `verify --graded`: the learner's code, everything else from the canonical kit.
fn run_graded(kit_dir: Option<&Path>, args: &VerifyArgs, styles: &Styles) -> Result<u8> {
    let learner = Kit::discover(kit_dir)?;
    let canonical = match &args.canonical {
        Some(dir) => Canonical::from_dir(dir)?,
        None => Canonical::embedded()?,
    };
    graded::check_same_kit(&canonical, &learner.info)?;
    let staging = tempfile::Builder::new()
        .prefix("rustskill-graded")
        .tempdir()
        .context("failed to create a staging folder")?;
    let (kit, tampering) = graded::stage(&canonical, &learner.root, staging.path())?;
    let judge = Judge::new(&kit, false)?.graded();
    let results = judge_all(&kit, &judge, &tampering, args, styles)?;
    let progress = match progress::Progress::load(&progress::Progress::path(&learner)) {
        Loaded::Ok(p) => Some(p),
        _ => None,
    };
    let (log, warnings) = events::read(&events::path(&learner));
    warn_all(&warnings);
    let (set_kit, results) = only_the_set(&kit, results, args)?;
    let results = KitResults {
        kit: set_kit.as_ref().unwrap_or(&kit),
        results,
        progress: progress.as_ref(),
        events: log,
    };
    report(&results, args, styles)
}

/// With `--assessment NAME`, the kit narrowed to that set's exercises and their results.
fn only_the_set(
    kit: &Kit,
    results: Vec<(Verdict, ExerciseResult)>,
    args: &VerifyArgs,
) -> Result<(Option<Kit>, Vec<ExerciseResult>)> {
    let results = results.into_iter().map(|(_, r)| r);
    let Some(name) = &args.assessment else {
        return Ok((None, results.collect()));
    };
    let Some(set) = kit.info.assessments.iter().find(|s| s.name == *name) else {
        anyhow::bail!("info.toml defines no assessment `{name}`");
    };
    let keep: Vec<bool> = kit
        .exercises
        .iter()
        .map(|e| set.exercises.contains(&e.name))
        .collect();
    let narrowed = Kit::load(&kit.root)?.only(&set.exercises);
    Ok((
        Some(narrowed),
        results
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(r, _)| r)
            .collect(),
    ))
}

fn warn_all(warnings: &[String]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

/// Judges every exercise of `kit`, with a progress bar on a terminal or one line per exercise
/// in kit order otherwise; stops at the whole run's time limit, reporting what was not judged.
pub fn judge_all(
    kit: &Kit,
    judge: &Judge<'_>,
    tampering: &Tampering,
    args: &VerifyArgs,
    styles: &Styles,
) -> Result<Vec<(Verdict, ExerciseResult)>> {
    let total = kit.exercises.len();
    let lines_to_stdout =
        args.format == Format::Human || args.format == Format::Github || args.output.is_some();
    let bar = (lines_to_stdout && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(total as u64 * 2);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {msg}")
                .expect("the template is valid")
                .progress_chars("#>-"),
        );
        bar.set_message("building…");
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    });
    let cancel = Cancel::new();
    if let Some(limit) = args.time_limit {
        let cancel = cancel.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs_f64(limit));
            cancel.cancel();
        });
    }
    let result_of = |i: usize, verdict: &Verdict| ExerciseResult {
        outcome: verdict.outcome.clone(),
        seconds: verdict.run_time.map_or(0.0, |d| d.as_secs_f64()),
        tampered: tampering.for_exercise(&kit.exercises[i].name),
    };
    // Lines are printed in kit order as soon as every exercise before them has a verdict.
    let mut done: Vec<Option<String>> = vec![None; total];
    let mut printed = 0;
    let mut judged = 0;
    let units: Vec<Unit<'_>> = kit.exercises.iter().map(Unit::exercise).collect();
    let verdicts = judge.judge(&units, &cancel, &mut |event| {
        let Progress::Judged(i, verdict) = event else {
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            return;
        };
        judged += 1;
        done[i] = Some(results::line(
            &kit.exercises[i],
            &result_of(i, verdict),
            styles,
        ));
        if let Some(bar) = &bar {
            bar.set_position((judged + total) as u64);
            bar.set_message(format!("{judged}/{total} judged"));
        } else if lines_to_stdout {
            while let Some(Some(text)) = done.get(printed) {
                println!("{text}");
                printed += 1;
            }
        }
    })?;
    let verdicts = verdicts.unwrap_or_else(|| {
        let limit = args.time_limit.unwrap_or_default();
        let outcome = Outcome::TimedOut {
            limit_secs: limit,
            unfinished: Vec::new(),
            output: format!("The whole run's time limit ({limit} s) was reached before this exercise was judged."),
        };
        vec![Verdict { outcome, fresh: false, run_time: None }; total]
    });
    let pairs: Vec<(Verdict, ExerciseResult)> = verdicts
        .into_iter()
        .enumerate()
        .map(|(i, v)| (v.clone(), result_of(i, &v)))
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if lines_to_stdout {
        for (i, (_, result)) in pairs.iter().enumerate().skip(printed) {
            println!("{}", results::line(&kit.exercises[i], result, styles));
        }
    }
    Ok(pairs)
}

/// Writes the report in the chosen format (to `--output` or stdout); returns the exit code.
pub fn report(results: &KitResults<'_>, args: &VerifyArgs, styles: &Styles) -> Result<u8> {
    let document = match args.format {
        Format::Human => None,
        Format::Json => Some(serde_json::to_string_pretty(&results::json(results))? + "\n"),
        Format::Junit => Some(results::junit(results)),
        Format::Github => {
            print!("{}", results::github_annotations(results));
            let summary = results::markdown_summary(results);
            if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") {
                append(Path::new(&path), &summary)?;
            }
            Some(summary)
        }
    };
    match (&args.output, document) {
        (Some(path), Some(document)) => {
            write_report(path, &document)?;
            print!("{}", results::human_details(results, styles));
            println!("Report written to {}", path.display());
        }
        (Some(path), None) => {
            let plain = Styles::new(false);
            write_report(path, &results::human_details(results, &plain))?;
            print!("{}", results::human_details(results, styles));
        }
        (None, Some(document)) if args.format != Format::Github => print!("{document}"),
        _ => print!("{}", results::human_details(results, styles)),
    }
    Ok(if results.all_passed() {
        exit_codes::SUCCESS
    } else {
        exit_codes::NOT_PASSING
    })
}

fn write_report(path: &Path, text: &str) -> Result<()> {
    crate::base::fsutil::write_atomic(path, text.as_bytes())
        .with_context(|| format!("failed to write the report to {}", path.display()))
}

fn append(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("failed to append to {}", path.display()))
}
