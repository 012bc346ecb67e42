//! `verify`: judge every exercise without interaction, for learners and CI alike; with
//! `--graded`, against the canonical kit, so editing tests or `info.toml` earns nothing.

use std::path::Path;

use anyhow::{Context, Result};

use crate::analysis::graded::{self, Canonical, Tampering};
use crate::app::cli::{Format, VerifyArgs};
use crate::app::exit_codes;
use crate::app::judging::{self, LearnerRecord, Lines};
use crate::app::opening::open_session;
use crate::engine::judge::{Cache, Judge, Judgement};
use crate::model::answers::Answers;
use crate::model::events::{self, JudgedBy};
use crate::model::kit::Kit;
use crate::model::progress::{self, Loaded};
use crate::outputs::results::{self, ExerciseResult, KitResults};
use crate::outputs::style::Styles;
use crate::outputs::{github, json, junit};
use crate::session::record::record_verdicts;

/// Judges every exercise and reports; exit code 0 only when all pass.
pub fn run(kit_dir: Option<&Path>, args: &VerifyArgs, styles: &Styles) -> Result<u8> {
    if args.graded || args.canonical.is_some() {
        return run_graded(kit_dir, args, styles);
    }
    let mut session = open_session(kit_dir, styles)?;
    let cache = if args.no_cache {
        Cache::Ignore
    } else {
        Cache::Use
    };
    let judge = Judge::new(&session.kit, cache)?;
    let answers = Answers::load(&Answers::path(&session.kit))?;
    let (before, _) = events::read(&events::path(&session.kit));
    let known = |name: &str| progress::last_known(Some(&session.progress), &before, name);
    let learner = LearnerRecord {
        answers: &answers,
        tampering: &Tampering::default(),
        last_known: &known,
    };
    let results = judge_all(&session.kit, &judge, &learner, args, styles)?;
    let judged: Vec<Judgement> = results.iter().map(|(j, _)| j.clone()).collect();
    let all: Vec<_> = session.kit.exercises.iter().collect();
    record_verdicts(
        &session.kit,
        &mut session.progress,
        &all,
        &judged,
        JudgedBy::Verify,
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
    write_outputs(&results, args, styles)
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
    let sandbox = judging::sandbox(args.sandbox, styles)?;
    let staged = graded::stage(&canonical, &learner.root, staging.path())?;
    let judge = judging::graded_judge(&staged, &sandbox)?;
    let kit = &staged.kit;
    // The learner's answers, judged against the canonical kit's items.
    let answers = Answers::load(&Answers::path(&learner))?;
    let progress = match progress::Progress::load(&progress::Progress::path(&learner)) {
        Loaded::Ok(p) => Some(p),
        _ => None,
    };
    let (log, warnings) = events::read(&events::path(&learner));
    warn_all(&warnings);
    let known = |name: &str| progress::last_known(progress.as_ref(), &log, name);
    let learner = LearnerRecord {
        answers: &answers,
        tampering: &staged.tampering,
        last_known: &known,
    };
    let results = judge_all(kit, &judge, &learner, args, styles)?;
    let (set_kit, results) = only_the_set(kit, results, args)?;
    let results = KitResults {
        kit: set_kit.as_ref().unwrap_or(kit),
        results,
        progress: progress.as_ref(),
        events: log,
    };
    write_outputs(&results, args, styles)
}

/// With `--assessment NAME`, the kit narrowed to that set's exercises and their results.
fn only_the_set(
    kit: &Kit,
    results: Vec<(Judgement, ExerciseResult)>,
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

/// Judges every exercise, printing lines unless stdout carries the document.
fn judge_all(
    kit: &Kit,
    judge: &Judge<'_>,
    learner: &LearnerRecord<'_>,
    args: &VerifyArgs,
    styles: &Styles,
) -> Result<Vec<(Judgement, ExerciseResult)>> {
    let lines =
        if args.format == Format::Human || args.format == Format::Github || args.output.is_some() {
            Lines::Printed
        } else {
            Lines::Quiet
        };
    judging::judge_kit(kit, judge, learner, args.time_limit, lines, styles)
}

fn warn_all(warnings: &[String]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

/// Writes the report in the chosen format (to `--output` or stdout); returns the exit code.
fn write_outputs(results: &KitResults<'_>, args: &VerifyArgs, styles: &Styles) -> Result<u8> {
    let document = match args.format {
        Format::Human => None,
        Format::Json => Some(json::to_text(&json::verify_report(results))?),
        Format::Junit => Some(junit::junit(results)?),
        Format::Github => {
            print!("{}", github::annotations(results));
            let summary = github::markdown_summary(results);
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
