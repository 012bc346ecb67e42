//! `reset`: restore an exercise to its shipped version.

use std::io::{BufRead, IsTerminal, Write};
use std::process::Command;

use anyhow::{Result, bail};

use super::Session;
use crate::app::exit_codes;
use crate::base::fsutil;
use crate::model::embedded;
use crate::model::kit::{Exercise, Kit};
use crate::outputs::style::Styles;

/// Restores `name`, asking first (unless `yes`) when that discards changes.
pub fn run(session: &Session, name: &str, yes: bool, styles: &Styles) -> Result<u8> {
    let exercise = session.kit.find(name)?;
    let shipped = shipped_version(&session.kit, session.embedded, exercise)?;
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

/// The shipped version of an exercise: from the built-in kit when the kit came from it, else
/// from the kit's git history.
pub fn shipped_version(kit: &Kit, embedded: bool, exercise: &Exercise) -> Result<Vec<u8>> {
    let rel = exercise.rel_path();
    if embedded && let Some(contents) = embedded::file(&rel) {
        return Ok(contents.to_vec());
    }
    let out = Command::new("git")
        .args(["show", &format!("HEAD:{rel}")])
        .current_dir(&kit.root)
        .output();
    match out {
        Ok(out) if out.status.success() => Ok(out.stdout),
        _ => bail!(
            "cannot tell what {rel} looked like as shipped: this kit was not written by \
             `cargo rustskill init` and git has no committed version of it"
        ),
    }
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
