//! `run`: judge one exercise and show the verdict; the exit code says whether it passed.

use anyhow::Result;

use crate::app::exit_codes;
use crate::engine::judge::{Cache, Judge, Judgement, Verdict};
use crate::model::events::JudgedBy;
use crate::model::kit::Exercise;
use crate::outputs::style::Styles;
use crate::outputs::verdict;
use crate::session::Session;
use crate::session::judging::judge_and_record;

/// Judges `name` (or the current exercise) and prints the verdict.
pub fn run(session: &mut Session, name: Option<&str>, styles: &Styles) -> Result<u8> {
    let index = session.exercise(name)?.index;
    let judge = Judge::new(&session.kit, Cache::Use)?;
    let exercise = &session.kit.exercises[index];
    let judged = judge_and_record(
        &session.kit,
        &mut session.progress,
        &judge,
        &[exercise],
        JudgedBy::Run,
        &mut |_| {},
    )?;
    let exercise = &session.kit.exercises[index];
    let Some(verdict) = judged.first().and_then(Judgement::verdict) else {
        anyhow::bail!("{} was not judged", exercise.name);
    };
    if exercise.predict().is_some() {
        print!(
            "{}",
            crate::outputs::predict::text(&crate::outputs::predict::question_lines(
                exercise, styles
            ))
        );
        println!(
            "\n{} (answer with `cargo rustskill answer {} N`)",
            verdict::summary(&verdict.outcome),
            exercise.name
        );
        return Ok(if verdict.outcome.passed() {
            exit_codes::SUCCESS
        } else {
            exit_codes::NOT_PASSING
        });
    }
    print_verdict(session, exercise, verdict, styles);
    if !verdict.outcome.passed() {
        return Ok(exit_codes::NOT_PASSING);
    }
    if let Some(path) = session.reveal_solution(exercise)? {
        println!("A reference solution to compare with: {}", path.display());
    }
    let is_current = session.progress.current_index(&session.kit) == index;
    if is_current {
        let next = session.progress.next_unsolved(&session.kit, index);
        session.progress.current = next.map(|i| session.kit.exercises[i].name.clone());
        session.progress.save(&session.kit)?;
        match next {
            Some(i) => println!(
                "Next up: {} (`cargo rustskill run`)",
                session.kit.exercises[i].name
            ),
            None => {
                if let Some(message) = &session.kit.info.final_message {
                    println!("\n{}", message.trim());
                }
            }
        }
    }
    Ok(exit_codes::SUCCESS)
}

/// The heading, the details and the summary of one verdict.
pub fn print_verdict(session: &Session, exercise: &Exercise, verdict: &Verdict, styles: &Styles) {
    let heading = format!(
        "[{}/{}] {} ({}, level {}): {}",
        exercise.index + 1,
        session.kit.exercises.len(),
        exercise.name,
        exercise.track(),
        exercise.level,
        exercise.rel_path()
    );
    println!("{}", styles.strong.style(heading));
    let details = verdict::details(&verdict.outcome, styles);
    if !details.is_empty() {
        println!("{}", details.trim_end());
    }
    if verdict.outcome.passed() {
        println!("{} {}", styles.ok.style("✓"), styles.ok.style("passed"));
        if let Some(explanation) = &exercise.explanation {
            println!(
                "\n{}\n{explanation}\n",
                styles.strong.style("Why it works:")
            );
        }
    } else {
        println!(
            "{} {}",
            styles.error.style("✗"),
            verdict::summary(&verdict.outcome)
        );
        println!(
            "{}",
            styles
                .dim
                .style(format!("Stuck? `cargo rustskill hint {}`", exercise.name))
        );
    }
}
