//! The cohort report: many learners' results in one model (`learners`), read from verify and
//! grade reports and learners' kit folders (`load`), written as a terminal table, CSV or a
//! self-contained HTML page (one module each).

pub mod csv;
pub mod html;
pub mod learners;
pub mod load;
pub mod stats_page;
pub mod table;

use std::path::Path;

use clap::ValueEnum;

/// Output formats of `report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Tables for the terminal: learners, and the exercises they are stuck on.
    Table,
    /// One row per learner and exercise, for spreadsheets.
    Csv,
    /// A self-contained web page with a heat map; opens offline.
    Html,
}

impl ReportFormat {
    /// The format an output file's extension asks for (`.csv`, `.html`, `.htm`), if any.
    pub fn from_extension(path: &Path) -> Option<ReportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(ReportFormat::Csv),
            "html" | "htm" => Some(ReportFormat::Html),
            _ => None,
        }
    }
}
