//! `reset`: restore an exercise to its shipped version.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};

use crate::app::exit_codes;
use crate::base::fsutil;
use crate::outputs::style::Styles;
use crate::session::Session;
use crate::session::files::shipped_version;

/// Restores `name`, asking first (unless `yes`) when that discards changes.
pub fn run(session: &Session, name: &str, yes: bool, styles: &Styles) -> Result<u8> {
    let exercise = session.kit.find(name)?;
    if exercise.predict().is_some() || !session.kit.is_target(exercise) {
        anyhow::bail!(
            "`{name}` has no file to reset: a predict item is answered (`cargo rustskill answer {name}`), and a fix exercise appears once its item is answered"
        );
    }
    let shipped = shipped_version(&session.kit, session.origin, exercise)?;
    let path = session.kit.path(&exercise.rel_path());
    let current = std::fs::read(&path).ok();
    if current.as_deref() == Some(shipped.as_slice()) {
        println!("{} is already as shipped.", exercise.rel_path());
        return Ok(exit_codes::SUCCESS);
    }
    if current.is_some()
        && !yes
        && !confirm(&format!("Discard your changes to {}?", exercise.rel_path()))?
    {
        println!("Nothing changed.");
        return Ok(exit_codes::SUCCESS);
    }
    fsutil::write_atomic(&path, &shipped)?;
    println!(
        "{} {} is back to its shipped version.",
        styles.ok.style("Reset:"),
        exercise.rel_path()
    );
    Ok(exit_codes::SUCCESS)
}

fn confirm(question: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        bail!("{question} Refusing to ask without a terminal: pass --yes to discard them.");
    }
    print!("{question} [y/N] ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}
