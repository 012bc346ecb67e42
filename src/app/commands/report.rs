//! `report`: read a cohort's results (grade and verify reports, learners' kit folders) and
//! show where learners are stuck, as a terminal table, CSV or a self-contained HTML page.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::app::exit_codes;
use crate::cohort::learners::counted;
use crate::cohort::{self, ReportFormat};
use crate::outputs::style::Styles;

/// Reads `paths` and writes the report to `output` (default: standard output). Unreadable
/// inputs are named on stderr and skipped; only when nothing at all could be read does it fail.
pub fn run(
    paths: &[PathBuf],
    format: Option<ReportFormat>,
    output: Option<&Path>,
    styles: &Styles,
) -> Result<u8> {
    let (cohort, problems) = cohort::load::load(paths);
    for problem in &problems {
        eprintln!("{} {problem}", styles.warn.style("warning:"));
    }
    if cohort.learners.is_empty() {
        eprintln!(
            "{} no learner's results could be read. Give `cargo rustskill verify --format json` \
             or `cargo rustskill grade` reports, learners' kit folders with their committed \
             .rustskill/, or folders holding them.",
            styles.error.style("error:")
        );
        return Ok(exit_codes::USAGE_OR_TOOL_ERROR);
    }
    let format = format
        .or_else(|| output.and_then(ReportFormat::from_extension))
        .unwrap_or(ReportFormat::Table);
    let text = match format {
        // A file gets plain text whatever the terminal can do.
        ReportFormat::Table if output.is_some() => {
            cohort::table::render(&cohort, &Styles::new(false))
        }
        ReportFormat::Table => cohort::table::render(&cohort, styles),
        ReportFormat::Csv => cohort::csv::render(&cohort),
        ReportFormat::Html => cohort::html::render(&cohort),
    };
    match output {
        Some(path) => {
            crate::base::fsutil::write_atomic(path, text.as_bytes())?;
            eprintln!(
                "wrote {} ({}, {})",
                path.display(),
                counted(cohort.learners.len(), "learner"),
                counted(cohort.exercises.len(), "exercise")
            );
        }
        None => {
            let written = std::io::stdout().lock().write_all(text.as_bytes());
            // A reader that stopped early (`| head`) is not an error.
            if let Err(e) = written
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(e).context("failed to write the report to standard output");
            }
        }
    }
    Ok(exit_codes::SUCCESS)
}
