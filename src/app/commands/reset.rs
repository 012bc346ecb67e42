//! `reset`: restore one exercise (`reset NAME`) or every one (`reset --all`) to its shipped
//! version, asking first and keeping the learner's files in `.rustskill/backup/<time>/`;
//! `reset --undo` brings the last reset's files back.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};

use crate::app::exit_codes;
use crate::model::kit::{Exercise, Kit};
use crate::model::manifest::shown_path;
use crate::outputs::style::Styles;
use crate::session::{Session, backup};

/// What to reset.
pub enum Target<'a> {
    /// One exercise, by name.
    One(&'a str),
    /// Every exercise.
    All,
    /// Undo the last reset.
    Undo,
}

/// Resets what `target` names, asking first (unless `yes`) when that discards changes.
pub fn run(session: &mut Session, target: Target<'_>, yes: bool, styles: &Styles) -> Result<u8> {
    let candidates: Vec<&Exercise> = match target {
        Target::Undo => return undo(session, styles),
        Target::One(name) => {
            let exercise = session.kit.find(name)?;
            if !has_file(&session.kit, exercise) {
                bail!(
                    "`{name}` has no file to reset: a predict item is answered (`cargo rustskill answer {name}`), and a fix exercise appears once its item is answered"
                );
            }
            vec![exercise]
        }
        Target::All => session
            .kit
            .exercises
            .iter()
            .filter(|e| has_file(&session.kit, e))
            .collect(),
    };
    let changed = backup::changed(&session.kit, session.origin, &candidates)?;
    if changed.is_empty() {
        match candidates.as_slice() {
            [one] => println!("{} is already as shipped.", one.rel_path()),
            _ => println!("Every exercise is already as shipped."),
        }
        return Ok(exit_codes::SUCCESS);
    }
    let question = match changed.as_slice() {
        [(one, _)] => format!("Discard your changes to {}?", one.rel_path()),
        many => format!(
            "Reset {} exercises to their shipped versions, discarding your changes?",
            many.len()
        ),
    };
    if !yes && !confirm(&question)? {
        println!("Nothing changed.");
        return Ok(exit_codes::SUCCESS);
    }
    let kit = &session.kit;
    let Some(made) = backup::reset(kit, &mut session.progress, &changed)? else {
        return Ok(exit_codes::SUCCESS);
    };
    let what = match changed.as_slice() {
        [(one, _)] => format!("{} is back to its shipped version.", one.rel_path()),
        many => format!(
            "{} exercises are back to their shipped versions.",
            many.len()
        ),
    };
    println!("{} {what}", styles.ok.style("Reset:"));
    println!(
        "Your files are kept in {}; `cargo rustskill reset --undo` brings them back.",
        shown_path(kit, &made.dir)
    );
    Ok(exit_codes::SUCCESS)
}

fn undo(session: &mut Session, styles: &Styles) -> Result<u8> {
    let kit = &session.kit;
    match backup::undo(kit, &mut session.progress, session.origin)? {
        None => {
            println!("There is no reset to undo.");
        }
        Some(restored) => println!(
            "{} {} restored from {}.",
            styles.ok.style("Undone:"),
            match restored.exercises.as_slice() {
                [one] => format!("your version of {one} is"),
                many => format!("your versions of {} exercises are", many.len()),
            },
            shown_path(kit, &restored.dir)
        ),
    }
    Ok(exit_codes::SUCCESS)
}

fn confirm(question: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        bail!("{question} Refusing to ask without a terminal: pass --yes to discard them.");
    }
    print!("{question} (your files are kept for `reset --undo`) [y/N] ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

/// Whether `exercise` has a file of the learner's to reset: not a predict item, nor a fix
/// exercise its item has not opened yet.
fn has_file(kit: &Kit, exercise: &Exercise) -> bool {
    exercise.predict().is_none() && kit.is_target(exercise)
}
