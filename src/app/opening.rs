//! Opening the session for a command, with what the learner should know printed on stderr.

use std::path::Path;

use anyhow::Result;

use crate::outputs::style::Styles;
use crate::session::{Notice, Session};

/// Opens the session of the kit at `kit_dir` (or found from here), printing its notices.
pub fn open_session(kit_dir: Option<&Path>, styles: &Styles) -> Result<Session> {
    Session::open(kit_dir, &mut |notice| match notice {
        Notice::Note(text) => eprintln!("{} {text}", styles.warn.style("note:")),
        Notice::Warning(text) => eprintln!("{} {text}", styles.warn.style("warning:")),
    })
}
