//! Predict items for people: the question with its program (line numbers) and numbered
//! choices, and, once the item is done, every choice explained. Nothing here is shown before
//! the learner is done that could single out the right choice.

use std::fmt::Write as _;

use crate::model::kit::Exercise;
use crate::model::predict::Unsealed;
use crate::outputs::style::Styles;

/// The question, the program with line numbers, and the numbered choices, as lines.
pub fn question_lines(exercise: &Exercise, styles: &Styles) -> Vec<String> {
    let Some(item) = exercise.predict() else {
        return Vec::new();
    };
    let mut lines: Vec<String> = item
        .question
        .lines()
        .map(|l| styles.strong.style(l).to_string())
        .collect();
    if let Some(program) = &item.program {
        lines.push(String::new());
        let width = program.lines().count().to_string().len();
        for (i, line) in program.lines().enumerate() {
            lines.push(format!(
                "{} {line}",
                styles.dim.style(format!("{:>width$} │", i + 1))
            ));
        }
    }
    lines.push(String::new());
    for (i, choice) in item.choices.iter().enumerate() {
        lines.push(format!("  {}  {}", styles.strong.style(i + 1), choice.text));
    }
    lines
}

/// Every choice with why it is right or wrong, then the lesson, as lines.
pub fn explained_lines(
    exercise: &Exercise,
    unsealed: &Unsealed,
    right: usize,
    styles: &Styles,
) -> Vec<String> {
    let Some(item) = exercise.predict() else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (i, choice) in item.choices.iter().enumerate() {
        let mark = if i == right {
            styles.ok.style("✓ right").to_string()
        } else {
            styles.error.style("✗ wrong").to_string()
        };
        lines.push(format!(
            "{} {}  {mark}",
            styles.strong.style(i + 1),
            choice.text
        ));
        if let Some(why) = unsealed.whys.get(i) {
            lines.extend(why.lines().map(|l| format!("   {l}")));
        }
        lines.push(String::new());
    }
    if let Some(explanation) = &unsealed.explanation {
        lines.push(styles.strong.style("The lesson").to_string());
        lines.extend(explanation.lines().map(str::to_owned));
    }
    lines
}

/// Lines joined into one text with a final newline.
pub fn text(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    out
}
