//! `review`: the review queue. `--list` shows what is due and when the rest comes back;
//! otherwise a round of fresh copies of what is due runs in watch mode in `review/`, and its
//! results are recorded (and move each one's next review out, or back to tomorrow).

use std::path::Path;

use anyhow::Result;

use crate::app::exit_codes;
use crate::app::opening::open_session;
use crate::app::watch;
use crate::model::events;
use crate::model::review::{self, Entry, INTERVAL_DAYS};
use crate::model::time::Timestamp;
use crate::outputs::style::Styles;
use crate::session::Session;
use crate::session::review as round;

/// The queue as it stands now.
fn queue(session: &Session) -> Vec<Entry> {
    let (log, _) = events::read(&events::path(&session.kit));
    review::schedule(&session.kit, &session.progress, &log)
}

/// Prints what is due and what comes back later.
pub fn list(session: &Session, styles: &Styles) -> Result<u8> {
    let now = Timestamp::now();
    let entries = queue(session);
    if entries.is_empty() {
        println!("Nothing to review: what you found hard comes back here once it is done.");
        return Ok(exit_codes::SUCCESS);
    }
    let (due, later): (Vec<&Entry>, Vec<&Entry>) = entries.iter().partition(|e| e.is_due(now));
    println!(
        "{} {} due now (intervals: {:?} days)",
        styles.strong.style("Review:"),
        due.len(),
        INTERVAL_DAYS
    );
    for entry in &due {
        println!("  due    {:<36} ({})", entry.name, entry.why);
    }
    for entry in &later {
        println!("  {}  {:<36} ({})", entry.due, entry.name, entry.why);
    }
    Ok(exit_codes::SUCCESS)
}

/// Runs a round of what is due (or resumes the one in progress) in watch mode.
pub fn run(
    kit_dir: Option<&Path>,
    poll: bool,
    edit_cmd: Option<&str>,
    styles: &Styles,
) -> Result<u8> {
    use std::io::IsTerminal;
    let session = open_session(kit_dir, styles)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return list(&session, styles);
    }
    let now = Timestamp::now();
    if round::in_progress(&session.kit).is_none() {
        let due: Vec<String> = queue(&session)
            .into_iter()
            .filter(|e| e.is_due(now))
            .map(|e| e.name)
            .collect();
        if due.is_empty() {
            return list(&session, styles);
        }
        let seed = now
            .to_string()
            .bytes()
            .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
        round::start(&session.kit, &due, seed, now)?;
    }
    let small = open_session(Some(&round::dir(&session.kit)), styles)?;
    watch::run(small, poll, edit_cmd, styles)?;
    let reviewed = round::finish(&session.kit, Timestamp::now())?;
    for r in &reviewed {
        let mark = if r.passed {
            styles.ok.style("✓ passed first time: comes back later")
        } else {
            styles.warn.style("· not yet: comes back tomorrow")
        };
        println!("{mark}  {}", r.name);
    }
    let session = open_session(kit_dir, styles)?;
    list(&session, styles)
}
