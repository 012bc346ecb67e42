//! `hint`: the next hint tier of an exercise. Hints come in tiers (the concept, the std API,
//! then close); each call reveals one more and records it in the progress file.

use anyhow::Result;

use crate::app::exit_codes;
use crate::model::events::{Event, HintEvent};
use crate::model::time::Timestamp;
use crate::outputs::style::Styles;
use crate::session::{Session, record};

/// Reveals the next hint tier of `name` (or of the current exercise) and prints every tier
/// revealed so far.
pub fn run(session: &mut Session, name: Option<&str>, styles: &Styles) -> Result<u8> {
    let index = session.exercise(name)?.index;
    let exercise = &session.kit.exercises[index];
    if let Some(item) = &exercise.opened_by
        && !session.kit.is_target(exercise)
    {
        anyhow::bail!(
            "`{}` opens once you answer `{item}` (`cargo rustskill answer {item}`)",
            exercise.name
        );
    }
    let tiers = exercise.hints.len();
    let already = session.progress.entry(&exercise.name).hints as usize;
    let shown = (already + 1).min(tiers);
    let mut logged = Vec::new();
    if shown > already {
        let event = Event::Hint(HintEvent {
            time: Timestamp::now(),
            exercise: exercise.name.clone(),
            tier: shown as u32,
        });
        session.progress.apply(&event);
        logged.push(event);
    }
    for (i, tier) in exercise.hints.iter().take(shown).enumerate() {
        println!(
            "{}\n{tier}\n",
            styles
                .strong
                .style(format!("Hint {} of {tiers} for {}:", i + 1, exercise.name))
        );
    }
    if shown < tiers {
        println!(
            "{}",
            styles.dim.style(format!(
                "Still stuck? `cargo rustskill hint {}` shows the next one.",
                exercise.name
            ))
        );
    } else if already >= tiers {
        println!(
            "{}",
            styles.dim.style("That is every hint for this exercise.")
        );
    }
    record::persist(&session.kit, &session.progress, &logged)?;
    Ok(exit_codes::SUCCESS)
}
