//! `stats`: the learner's picture of their progress, in the terminal or as a self-contained
//! HTML page.

use std::path::Path;

use anyhow::Result;

use crate::app::exit_codes;
use crate::cohort::stats_page;
use crate::model::events;
use crate::model::review;
use crate::model::stats;
use crate::model::time::Timestamp;
use crate::outputs::stats as render;
use crate::outputs::style::Styles;
use crate::session::Session;

/// Prints the picture, or writes it as a page to `html`.
pub fn run(session: &Session, html: Option<&Path>, styles: &Styles) -> Result<u8> {
    let kit = &session.kit;
    let (log, warnings) = events::read(&events::path(kit));
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    let now = Timestamp::now();
    let due: Vec<String> = review::schedule(kit, &session.progress, &log)
        .into_iter()
        .filter(|e| e.is_due(now))
        .map(|e| e.name)
        .collect();
    let stats = stats::compute(kit, &session.progress, &log, &due);
    match html {
        Some(path) => {
            crate::base::fsutil::write_atomic(path, stats_page::render(&stats).as_bytes())?;
            println!("Wrote {}", path.display());
        }
        None => print!("{}", render::render(&stats, styles)),
    }
    Ok(exit_codes::SUCCESS)
}
