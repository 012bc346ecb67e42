//! `hint`: the hint of an exercise.

use anyhow::Result;

use super::Session;
use crate::exit_codes;
use crate::style::Styles;

/// Prints the hint of `name`, or of the current exercise.
pub fn run(session: &Session, name: Option<&str>, styles: &Styles) -> Result<u8> {
    let exercise = session.exercise(name)?;
    println!(
        "{} {}\n\n{}",
        styles.strong.style("Hint for"),
        styles.strong.style(&exercise.name),
        exercise.hint
    );
    Ok(exit_codes::SUCCESS)
}
