//! `grade`: the instructor's grade of record over many learners' repositories. Only each
//! learner's exercise code is taken from their repository; everything else comes from the
//! instructor's kit. The JSON output feeds `report`.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::json;

use crate::analysis::graded::{self, Canonical};
use crate::app::cli::Format;
use crate::app::exit_codes;
use crate::app::judging::{self, Lines};
use crate::engine::judge::{Cache, Judge};
use crate::model::events;
use crate::model::kit::{Kit, STATE_DIR};
use crate::model::progress::{Loaded, Progress};
use crate::outputs::results::{self, KitResults};
use crate::outputs::style::Styles;

/// The `schema` of the grade report.
pub const GRADE_SCHEMA: &str = "cargo-rustskill/grade/v1";

/// Grades every learner in turn, building in one staging folder so what is shared is built
/// once; exits 0 when every learner passes everything.
pub fn run(
    kit_dir: Option<&Path>,
    learners: &[std::path::PathBuf],
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
    let staging = tempfile::Builder::new()
        .prefix("rustskill-grade")
        .tempdir()
        .context("failed to create a staging folder")?;
    let quiet = Styles::new(false);
    let mut reports = Vec::new();
    let mut everyone_passed = true;
    for learner in learners {
        let name = learner_name(learner);
        if !learner.join("info.toml").is_file() {
            eprintln!(
                "{} {}: no info.toml, so not a kit; skipped",
                styles.warn.style("warning:"),
                learner.display()
            );
            everyone_passed = false;
            continue;
        }
        if format == Format::Human {
            eprintln!("grading {name} ({})…", learner.display());
        }
        let (kit, tampering) = graded::stage(&canonical, learner, staging.path())?;
        let judge = Judge::new(&kit, Cache::Ignore)?.graded();
        let judged =
            judging::judge_kit(&kit, &judge, &tampering, time_limit, Lines::Quiet, &quiet)?;
        let progress = match Progress::load(&learner.join(STATE_DIR).join("progress.toml")) {
            Loaded::Ok(p) => Some(p),
            _ => None,
        };
        let (log, warnings) = events::read(&learner.join(STATE_DIR).join("events.jsonl"));
        for warning in warnings {
            eprintln!("warning: {name}: {warning}");
        }
        let results = KitResults {
            kit: &kit,
            results: judged.into_iter().map(|(_, r)| r).collect(),
            progress: progress.as_ref(),
            events: log,
        };
        everyone_passed &= results.all_passed();
        if format == Format::Human {
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
        reports.push(json!({ "learner": name, "path": learner.display().to_string(), "report": results::json(&results) }));
    }
    if format != Format::Human || output.is_some() {
        let document = json!({
            "schema": GRADE_SCHEMA,
            "tool_version": env!("CARGO_PKG_VERSION"),
            "kit": canonical.kit.info.kit_name,
            "kit_version": canonical.kit.info.kit_version,
            "learners": reports,
        });
        let text = serde_json::to_string_pretty(&document)? + "\n";
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

/// A learner's name: the folder's name.
fn learner_name(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
