//! What watch mode shows: [`view`] turns the state into a [`Frame`] for a terminal size,
//! reading nothing but the state, so every screen can be tested (and snapshotted) as text.

use crate::app::watch::events::{Job, Mode, Running};
use crate::app::watch::screen::{self, Frame};
use crate::app::watch::state::State;
use crate::outputs::style::strip_ansi;
use crate::outputs::{predict, verdict};

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// The frame for a terminal of `size` (columns, rows), its scroll offset kept within what the
/// body has to show.
pub fn view(state: &State<'_>, size: (usize, usize)) -> Frame {
    let kit = state.kit;
    let styles = &state.styles;
    let total = kit.exercises.len();
    let solved = state.progress.solved_count(kit);
    let mut header = vec![format!(
        "{}  {}{}{}",
        styles.strong.style(&kit.info.kit_name),
        screen::progress_bar(solved, total, 30, styles),
        track_progress(state),
        countdown(state)
    )];
    let Some(exercise) = kit.exercises.get(state.shown) else {
        return Frame {
            header,
            body: vec!["This kit has no exercises.".into()],
            scroll: 0,
            footer: "q quit".into(),
        };
    };
    header.push(screen::exercise_heading(exercise, total, styles));
    header.push(match exercise.predict() {
        Some(item) => styles
            .dim
            .style(format!(
                "predict item ({}): say what happens before the compiler does",
                item.question_type
            ))
            .to_string(),
        None => screen::file_link(
            &kit.path(&exercise.rel_path()),
            &exercise.rel_path(),
            styles,
        ),
    });
    let body = match state.mode {
        Mode::List { selected } => list_body(state, selected, size),
        _ => exercise_body(state, size.0),
    };
    let (width, height) = size;
    let max = screen::max_scroll(&body, width, height.saturating_sub(header.len() + 4));
    Frame {
        header,
        body,
        scroll: state.scroll.min(max),
        footer: footer(state),
    }
}

/// The key help, or the question being asked.
fn footer(state: &State<'_>) -> String {
    let styles = &state.styles;
    let exercise = &state.kit.exercises[state.shown];
    match state.mode {
        Mode::ConfirmReset => styles
            .warn
            .style(format!(
                "Reset {} to its shipped version, discarding your changes? y = yes, any other key = no",
                exercise.rel_path()
            ))
            .to_string(),
        Mode::List { .. } => "↑/↓ move · Enter go to exercise · Esc back".into(),
        Mode::ConfirmHint => styles
            .warn
            .style(format!(
                "The next hint costs {} points. y = show it, any other key = no",
                state.rules.hint_cost().unwrap_or(0)
            ))
            .to_string(),
        Mode::ConfirmQuit => styles
            .warn
            .style("f = finish and score now · q = leave (the clock keeps running; `cargo rustskill assess` resumes) · other = back")
            .to_string(),
        Mode::Exercise => (match exercise.predict() {
            Some(item) => format!(
                "1–{} answer · g give up · n next · h hint · l list · c check all · q quit",
                item.choices.len()
            ),
            None => "n next · h hint · o open in editor · l list · r reset · c check all · q quit".into(),
        }) + &review_key(state),
    }
}

/// `  · v review (3 due)`, while reviews are due.
fn review_key(state: &State<'_>) -> String {
    if state.reviews_due == 0 {
        return String::new();
    }
    format!(" · v review ({} due)", state.reviews_due)
}

/// `  ownership [####------] 12/43`: the shown exercise's track, in practice.
fn track_progress(state: &State<'_>) -> String {
    let kit = state.kit;
    let Some(exercise) = kit.exercises.get(state.shown) else {
        return String::new();
    };
    let track: Vec<_> = kit
        .exercises
        .iter()
        .filter(|e| e.track() == exercise.track() && !e.assessment_only)
        .collect();
    let solved = track
        .iter()
        .filter(|e| state.progress.is_solved(&e.name))
        .count();
    format!(
        "  {} {}",
        exercise.track(),
        screen::progress_bar(solved, track.len(), 12, &state.styles).replace(" solved", "")
    )
}

/// `  ⏱ 12:34 left`, while timed.
fn countdown(state: &State<'_>) -> String {
    let Some(left) = state.rules.time_left(state.now) else {
        return String::new();
    };
    let left = left.as_secs();
    let text = format!("  ⏱ {:02}:{:02} left", left / 60, left % 60);
    if left < 300 {
        state.styles.error.style(text).to_string()
    } else {
        state.styles.strong.style(text).to_string()
    }
}

fn list_body(state: &State<'_>, selected: usize, size: (usize, usize)) -> Vec<String> {
    let styles = &state.styles;
    let kit = state.kit;
    let current = state.current();
    let visible = size.1.saturating_sub(8).max(3);
    let first = selected
        .saturating_sub(visible / 2)
        .min(kit.exercises.len().saturating_sub(visible));
    kit.exercises
        .iter()
        .skip(first)
        .take(visible)
        .map(|e| {
            let status = if state.progress.is_solved(&e.name) {
                styles.ok.style("solved ").to_string()
            } else {
                styles.warn.style("pending").to_string()
            };
            let marker = if e.index == current { "▶" } else { " " };
            let line = format!(
                "{marker} {:>3}  {status}  {:<36} {} · level {}",
                e.index + 1,
                e.name,
                e.track(),
                e.level
            );
            if e.index == selected {
                format!("\x1b[7m{}\x1b[0m", strip_ansi(&line))
            } else {
                line
            }
        })
        .collect()
}

/// Notices, the welcome, hints and check-all's summary, then the check running and the verdict.
fn exercise_body(state: &State<'_>, width: usize) -> Vec<String> {
    let styles = &state.styles;
    let kit = state.kit;
    let exercise = &kit.exercises[state.shown];
    let current = state.current();
    let mut body = Vec::new();
    for notice in &state.notices {
        for line in screen::prose(notice, width) {
            body.push(styles.warn.style(line).to_string());
        }
    }
    if state.shown != current {
        body.push(
            styles
                .warn
                .style(format!(
                    "You saved `{}`, which is not your current exercise (`{}`); `l` to switch.",
                    exercise.name, kit.exercises[current].name
                ))
                .to_string(),
        );
    }
    if state.welcome
        && let Some(welcome) = &kit.info.welcome_message
    {
        body.extend(screen::prose(welcome.trim(), width));
        body.push(String::new());
    }
    if state.show_hint {
        let tiers = exercise.hints.len();
        for (i, tier) in exercise
            .hints
            .iter()
            .take(state.tiers_revealed())
            .enumerate()
        {
            body.push(
                styles
                    .strong
                    .style(format!("Hint {} of {tiers}:", i + 1))
                    .to_string(),
            );
            body.extend(screen::prose(tier, width));
            body.push(String::new());
        }
    }
    if let Some(summary) = &state.check_summary {
        body.extend(summary.iter().cloned());
        body.push(String::new());
    }
    if exercise.predict().is_some() {
        predict_lines(state, &mut body, width);
    } else if !checking(state, &mut body) {
        verdict_lines(state, &mut body, width);
    }
    body
}

/// A predict item: its question and choices; once done, every choice explained.
fn predict_lines(state: &State<'_>, body: &mut Vec<String>, width: usize) {
    let styles = &state.styles;
    let kit = state.kit;
    let exercise = &kit.exercises[state.shown];
    if let Some((right, unsealed)) = &state.opened[state.shown] {
        let question = predict::question_lines(exercise, styles);
        // The choices are repeated, explained, below.
        let choices = exercise.predict().map_or(0, |p| p.choices.len());
        body.extend(
            question
                .iter()
                .take(question.len().saturating_sub(choices))
                .cloned(),
        );
        let explained = predict::explained_lines(exercise, unsealed, *right, styles);
        body.extend(
            explained
                .iter()
                .flat_map(|l| screen::indented_prose(l, width)),
        );
        body.push(String::new());
        if state.progress.next_unsolved(kit, 0).is_some() && state.shown == state.current() {
            body.push(
                styles
                    .ok
                    .style("Press n for the next exercise.")
                    .to_string(),
            );
        }
        return;
    }
    body.extend(predict::question_lines(exercise, styles));
    body.push(String::new());
    let spinner = SPINNER[state.spinner % SPINNER.len()];
    if matches!(state.running, Some(Running { job: Job::One { exercise }, .. }) if exercise == state.shown)
    {
        body.push(
            styles
                .dim
                .style(format!("{spinner} getting the program ready…"))
                .to_string(),
        );
    }
    let (revealed, tiers) = (state.tiers_revealed(), exercise.hints.len());
    body.push(
        styles
            .dim
            .style(format!(
                "Press the number of your answer. h for a hint ({revealed} of {tiers} seen), g to give up and see every choice explained."
            ))
            .to_string(),
    );
    let prompt = body.pop().unwrap_or_default();
    body.extend(screen::indented_prose(&prompt, width));
}

/// The line of a check running; `true` when it hides the verdict (check-all).
fn checking(state: &State<'_>, body: &mut Vec<String>) -> bool {
    let spinner = SPINNER[state.spinner % SPINNER.len()];
    match &state.running {
        Some(Running {
            job: Job::All { done },
            ..
        }) => {
            body.push(format!(
                "{spinner} checking all exercises: {done}/{}",
                state.kit.exercises.len()
            ));
            true
        }
        Some(Running {
            job: Job::One { exercise },
            ..
        }) if *exercise == state.shown => {
            body.push(format!(
                "{spinner} checking {}…",
                state.kit.exercises[*exercise].name
            ));
            if state.verdicts[state.shown].is_some() {
                body.push(
                    state
                        .styles
                        .dim
                        .style("(below: the result before your last save)")
                        .to_string(),
                );
            }
            false
        }
        _ => false,
    }
}

/// The verdict on the exercise shown: its details, then what to do next.
fn verdict_lines(state: &State<'_>, body: &mut Vec<String>, width: usize) {
    let styles = &state.styles;
    let kit = state.kit;
    let exercise = &kit.exercises[state.shown];
    let Some(verdict) = &state.verdicts[state.shown] else {
        return;
    };
    let details = verdict::details(&verdict.outcome, styles);
    body.extend(screen::lines(details.trim_end()));
    if !verdict.outcome.passed() {
        body.push(format!(
            "{} {}",
            styles.error.style("✗"),
            verdict::summary(&verdict.outcome)
        ));
        let (revealed, tiers) = (state.tiers_revealed(), exercise.hints.len());
        if !state.show_hint || revealed < tiers {
            let which = if revealed == 0 {
                "a hint"
            } else {
                "the next hint"
            };
            body.push(
                styles
                    .dim
                    .style(format!("h for {which} ({revealed} of {tiers} seen)"))
                    .to_string(),
            );
        }
        return;
    }
    body.push(format!(
        "{} {}",
        styles.ok.style("✓ passed:"),
        exercise.name
    ));
    if let Some(explanation) = &exercise.explanation {
        body.push(String::new());
        body.push(styles.strong.style("Why it works").to_string());
        body.extend(screen::prose(explanation, width));
    }
    if state.solutions[state.shown] {
        let solution = kit.path(&exercise.rel_solution_path());
        body.push(String::new());
        body.push(format!(
            "A reference solution: {}",
            screen::file_link(&solution, &exercise.rel_solution_path(), styles)
        ));
    }
    body.push(String::new());
    if state.progress.next_unsolved(kit, 0).is_none() {
        if let Some(message) = &kit.info.final_message {
            body.extend(screen::prose(message.trim(), width));
        }
    } else if state.shown == state.current() {
        body.push(
            styles
                .ok
                .style("Press n for the next exercise.")
                .to_string(),
        );
    }
}
