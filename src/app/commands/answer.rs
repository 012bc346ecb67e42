//! `answer`: a predict item from the command line. Without a choice it shows the question;
//! with one it says right (exit 0) or not (exit 1), recording the answer like any attempt;
//! `--give-up` records giving up. Once the item is done every choice is explained. A wrong
//! answer says only that it is wrong, and offers the next hint tier.

use anyhow::{Result, bail};

use crate::app::exit_codes;
use crate::engine::cargo::CargoEnv;
use crate::engine::judge::Cache;
use crate::engine::process::Cancel;
use crate::model::answers::Answers;
use crate::model::kit::Exercise;
use crate::model::time::Timestamp;
use crate::outputs::predict;
use crate::outputs::style::Styles;
use crate::session::Session;
use crate::session::answering::{self, Answered};
use crate::session::rules;

/// What the learner asked for.
pub enum Asked {
    /// Show the question.
    Show,
    /// Answer with this choice (1-based, as shown).
    Choice(usize),
    /// Give up: see every explanation.
    GiveUp,
}

/// Runs the command.
pub fn run(session: &mut Session, name: &str, asked: Asked, styles: &Styles) -> Result<u8> {
    let index = session.kit.find(name)?.index;
    let exercise = &session.kit.exercises[index];
    let Some(item) = exercise.predict() else {
        bail!(
            "`{name}` is an exercise to fix, not a predict item: edit {} (`cargo rustskill run {name}` judges it)",
            exercise.rel_path()
        );
    };
    if let Asked::Choice(choice) = asked
        && !(1..=item.choices.len()).contains(&choice)
    {
        bail!(
            "`{name}` has choices 1 to {}; `cargo rustskill answer {name}` shows them",
            item.choices.len()
        );
    }
    if !matches!(asked, Asked::Show) && rules::held_by_assessment(&session.kit, name) {
        bail!(
            "`{name}` is part of the timed assessment in progress: answer it there (in assessment/), once"
        );
    }
    let mut answers = Answers::load(&Answers::path(&session.kit))?;
    let tries = session.rules.tries(&session.kit);
    if let Asked::Show = asked {
        print!(
            "{}",
            predict::text(&predict::question_lines(exercise, styles))
        );
        if let Some(right) = done_right(session, exercise, &answers, tries)? {
            let unsealed = answering::unseal(&session.kit, exercise, right)?;
            println!("\n{}", styles.strong.style("You are done with this one:"));
            print!(
                "{}",
                predict::text(&predict::explained_lines(
                    exercise, &unsealed, right, styles
                ))
            );
            return Ok(exit_codes::SUCCESS);
        }
        println!(
            "\n{}",
            styles.dim.style(format!(
                "Answer with `cargo rustskill answer {name} N`; a hint: `cargo rustskill hint {name}`."
            ))
        );
        return Ok(exit_codes::SUCCESS);
    }
    let truths = answering::truths(
        &session.kit,
        &[exercise],
        CargoEnv::Inherited,
        Cache::Use,
        &Cancel::new(),
    )?;
    let right = truths[0].right(name)?;
    let now = Timestamp::now();
    let progress = &mut session.progress;
    let answered = match asked {
        Asked::Choice(choice) => answering::apply(
            progress,
            &mut answers,
            exercise,
            choice - 1,
            right,
            tries,
            now,
        ),
        _ => answering::apply_give_up(progress, &mut answers, exercise, right, tries, now),
    };
    answering::persist(
        &session.kit,
        &session.progress,
        &answers,
        answered.event.as_ref(),
    )?;
    report(session, exercise, &answered, right, styles)?;
    let is_current = session.progress.current_index(&session.kit) == index;
    if answered.done && is_current {
        let next = session.progress.next_unsolved(&session.kit, index);
        session.progress.current = next.map(|i| session.kit.exercises[i].name.clone());
        session.progress.save(&session.kit)?;
    }
    Ok(if answered.right {
        exit_codes::SUCCESS
    } else {
        exit_codes::NOT_PASSING
    })
}

/// The right choice of an item the learner is done with; `None` while it is open.
fn done_right(
    session: &Session,
    exercise: &Exercise,
    answers: &Answers,
    tries: answering::Tries,
) -> Result<Option<usize>> {
    let Some(record) = answers.get(&exercise.name) else {
        return Ok(None);
    };
    if record.choices.is_empty() && !record.gave_up {
        return Ok(None);
    }
    let truths = answering::truths(
        &session.kit,
        &[exercise],
        CargoEnv::Inherited,
        Cache::Use,
        &Cancel::new(),
    )?;
    let right = truths[0].right(&exercise.name)?;
    Ok(answering::is_done(Some(record), right, tries).then_some(right))
}

/// Says how the answer went; once the item is done, explains every choice.
fn report(
    session: &Session,
    exercise: &Exercise,
    answered: &Answered,
    right: usize,
    styles: &Styles,
) -> Result<()> {
    let name = &exercise.name;
    if answered.event.is_none() {
        let verdict = if answered.right {
            styles.ok.style("✓ right").to_string()
        } else {
            styles.error.style("✗ not this one").to_string()
        };
        println!(
            "{verdict}. {}",
            styles.dim.style(format!(
                "This item is done already; this answer is not recorded (`cargo rustskill answer {name}` shows the explanations)."
            ))
        );
        return Ok(());
    }
    if answered.right {
        println!("{} right.", styles.ok.style("✓"));
    } else if answered.event.as_ref().is_some_and(|e| e.choice.is_none()) {
        println!(
            "{} You gave up on `{name}`: here is every choice, explained.",
            styles.warn.style("·")
        );
    } else {
        println!("{} Not this one.", styles.error.style("✗"));
    }
    if !answered.done {
        let seen = session
            .progress
            .exercises
            .iter()
            .find(|e| e.name == *name)
            .map_or(0, |e| e.hints as usize);
        let tiers = exercise.hints.len();
        if seen < tiers {
            println!(
                "A hint: `cargo rustskill hint {name}` shows tier {} of {tiers}.",
                seen + 1
            );
        }
        println!(
            "{}",
            styles.dim.style(format!(
                "Try again with `cargo rustskill answer {name} N`, or `cargo rustskill answer {name} --give-up` to see every explanation."
            ))
        );
        return Ok(());
    }
    let unsealed = answering::unseal(&session.kit, exercise, right)?;
    println!();
    print!(
        "{}",
        predict::text(&predict::explained_lines(
            exercise, &unsealed, right, styles
        ))
    );
    if let Some(rel) = answering::open_fix(&session.kit, exercise, &unsealed)? {
        println!(
            "\n{} {rel}: now make this program work (`cargo rustskill run`).",
            styles.ok.style("Yours to fix:")
        );
    }
    Ok(())
}
