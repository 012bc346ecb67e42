//! `grade`: the instructor's grade of record over many learners' repositories. Only each
//! learner's exercise code is taken from their repository; everything else comes from the
//! instructor's kit. The JSON output feeds `report`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::analysis::graded::{self, Canonical};
use crate::app::cli::Format;
use crate::app::exit_codes;
use crate::app::judging::{self, Lines};
use crate::engine::judge::{Cache, Judge};
use crate::model::events;
use crate::model::kit::{Kit, STATE_DIR};
use crate::model::progress::{Loaded, Progress, last_known};
use crate::model::schema::LearnerEntry;
use crate::outputs::json;
use crate::outputs::results::KitResults;
use crate::outputs::style::Styles;

/// Grades every learner in turn, building in one staging folder so what is shared is built
/// once; exits 0 when every learner passes everything. The staging folder is kept in the
/// instructor's kit (`target/rustskill-grade/`), so the kit's dependencies are built once for
/// every learner of every run; a lock keeps two runs from sharing it at once.
pub fn run(
    kit_dir: Option<&Path>,
    learners: &[PathBuf],
    format: Format,
    output: Option<&Path>,
    time_limit: Option<f64>,
    styles: &Styles,
) -> Result<u8> {
    if matches!(format, Format::Junit | Format::Github) {
        anyhow::bail!("grade writes `--format human` or `--format json` (the input of `report`)");
    }
    let instructor = Kit::discover(kit_dir)?;
    let canonical = Canonical::from_dir(&instructor.root)?;
    let staging = instructor.root.join("target").join("rustskill-grade");
    std::fs::create_dir_all(&staging)
        .with_context(|| format!("failed to create {}", staging.display()))?;
    let lock = std::fs::File::create(staging.join("grade.lock"))
        .with_context(|| format!("failed to create a lock in {}", staging.display()))?;
    if lock.try_lock().is_err() {
        eprintln!("waiting for another `grade` of this kit to finish…");
        lock.lock().context("failed to lock the staging folder")?;
    }
    let mut entries = Vec::new();
    let mut everyone_passed = true;
    for learner in learners {
        if !learner.join("info.toml").is_file() {
            eprintln!(
                "{} {}: no info.toml, so not a kit; skipped",
                styles.warn.style("warning:"),
                learner.display()
            );
            everyone_passed = false;
            continue;
        }
        let grading = Grading {
            canonical: &canonical,
            staging: &staging,
            format,
            time_limit,
        };
        let (entry, passed) = grading.grade(learner, styles)?;
        everyone_passed &= passed;
        entries.push(entry);
    }
    if format != Format::Human || output.is_some() {
        let text = json::to_text(&json::grade_report(&canonical.kit, entries))?;
        match output {
            Some(path) => crate::base::fsutil::write_atomic(path, text.as_bytes())?,
            None => print!("{text}"),
        }
    }
    Ok(if everyone_passed {
        exit_codes::SUCCESS
    } else {
        exit_codes::NOT_PASSING
    })
}

/// What grading each learner shares.
struct Grading<'a> {
    canonical: &'a Canonical,
    staging: &'a Path,
    format: Format,
    time_limit: Option<f64>,
}

impl Grading<'_> {
    /// Grades one learner: their entry in the grade report, and whether they pass everything.
    fn grade(&self, learner: &Path, styles: &Styles) -> Result<(LearnerEntry, bool)> {
        let name = learner_name(learner);
        if self.format == Format::Human {
            eprintln!("grading {name} ({})…", learner.display());
        }
        let (kit, tampering) = graded::stage(self.canonical, learner, self.staging)?;
        let judge = Judge::new(&kit, Cache::Ignore)?.graded();
        let quiet = Styles::new(false);
        let progress = match Progress::load(&learner.join(STATE_DIR).join("progress.toml")) {
            Loaded::Ok(p) => Some(p),
            _ => None,
        };
        let (log, warnings) = events::read(&learner.join(STATE_DIR).join("events.jsonl"));
        for warning in warnings {
            eprintln!("warning: {name}: {warning}");
        }
        let known = |exercise: &str| last_known(progress.as_ref(), &log, exercise);
        let judged = judging::judge_kit(
            &kit,
            &judge,
            &tampering,
            self.time_limit,
            Lines::Quiet,
            &quiet,
            &known,
        )?;
        let results = KitResults {
            kit: &kit,
            results: judged.into_iter().map(|(_, r)| r).collect(),
            progress: progress.as_ref(),
            events: log,
        };
        if self.format == Format::Human {
            print_line(&name, &results, styles);
        }
        let entry = LearnerEntry {
            learner: name,
            path: learner.display().to_string(),
            report: Some(json::verify_report(&results)),
            error: None,
        };
        Ok((entry, results.all_passed()))
    }
}

/// One learner's line: passing, points, tampering.
fn print_line(name: &str, results: &KitResults<'_>, styles: &Styles) {
    let (score, max) = results.score();
    let tampered = results
        .results
        .iter()
        .filter(|r| !r.tampered.is_empty())
        .count();
    println!(
        "{name:<24} {:>3}/{:<3} passing  {score:>4}/{max:<4} points{}",
        results.passed(),
        results.results.len(),
        if tampered > 0 {
            format!("  {} tampered", styles.error.style(tampered))
        } else {
            String::new()
        }
    );
}

/// A learner's name: the folder's name.
fn learner_name(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
