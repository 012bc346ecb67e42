//! `open`: the exercise (default: the current one) in the learner's editor, at the line of its
//! first error or of the first failing test's panic.

use anyhow::{Result, bail};

use crate::app::editor::{self, Settings};
use crate::app::exit_codes;
use crate::engine::judge::{Cache, Judge, Judgement};
use crate::model::events::JudgedBy;
use crate::outputs::style::Styles;
use crate::session::Session;
use crate::session::judging::judge_and_record;

/// Opens `name` (or the current exercise) with `edit_cmd`, the kit's setting or `$EDITOR`.
pub fn run(
    session: &mut Session,
    name: Option<&str>,
    edit_cmd: Option<&str>,
    styles: &Styles,
) -> Result<u8> {
    let index = session.exercise(name)?.index;
    let exercise = &session.kit.exercises[index];
    if exercise.predict().is_some() {
        bail!(
            "`{}` is a predict item, with no file to edit: `cargo rustskill answer {}` shows it",
            exercise.name,
            exercise.name
        );
    }
    if !session.kit.is_target(exercise) {
        bail!(
            "`{}` opens once you answer `{}`",
            exercise.name,
            exercise.opened_by.as_deref().unwrap_or_default()
        );
    }
    let settings = Settings::load(&session.kit)?;
    let Some(chosen) = editor::choose(editor::configured(edit_cmd, &settings), &|v| {
        std::env::var(v).ok()
    }) else {
        eprintln!("{}", editor::NO_EDITOR);
        return Ok(exit_codes::USAGE_OR_TOOL_ERROR);
    };
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
    let rel = exercise.rel_path();
    let line = judged
        .first()
        .and_then(Judgement::verdict)
        .and_then(|v| v.outcome.line_in(&rel))
        .unwrap_or(1);
    let launch = editor::launch(&chosen, &session.kit.path(&rel), line)?;
    editor::run(&launch)?;
    println!(
        "{} {rel}:{line} in `{}`.",
        styles.ok.style("Opened"),
        launch.argv[0]
    );
    Ok(exit_codes::SUCCESS)
}
