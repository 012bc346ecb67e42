//! `list`: every exercise with its number, track, level and status, and a progress line.

use anyhow::Result;
use serde::Serialize;

use crate::app::exit_codes;
use crate::outputs::style::Styles;
use crate::session::Session;

#[derive(Serialize)]
struct Row<'a> {
    number: usize,
    name: &'a str,
    /// `exercise` or `predict`.
    kind: &'static str,
    /// A predict item's choices as shown, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    choices: Option<Vec<&'a str>>,
    track: &'a str,
    level: u8,
    path: String,
    status: &'static str,
    current: bool,
    attempts: u32,
}

/// Prints the list, as a table or as JSON.
pub fn run(session: &Session, json: bool, styles: &Styles) -> Result<u8> {
    let kit = &session.kit;
    let current = session.progress.current_index(kit);
    let rows: Vec<Row<'_>> = kit
        .exercises
        .iter()
        .map(|e| Row {
            number: e.index + 1,
            name: &e.name,
            kind: e.kind_word(),
            choices: e
                .predict()
                .map(|p| p.choices.iter().map(|c| c.text.as_str()).collect()),
            track: e.track(),
            level: e.level,
            path: if e.predict().is_some() {
                String::new()
            } else {
                e.rel_path()
            },
            status: if session.progress.is_solved(&e.name) {
                "solved"
            } else if session.progress.is_done(&e.name) {
                "gave-up"
            } else {
                "pending"
            },
            current: e.index == current,
            attempts: session
                .progress
                .exercises
                .iter()
                .find(|p| p.name == e.name)
                .map_or(0, |p| p.attempts),
        })
        .collect();
    let solved = session.progress.solved_count(kit);
    if json {
        let doc = serde_json::json!({
            "kit": kit.info.kit_name,
            "solved": solved,
            "total": kit.exercises.len(),
            "exercises": rows,
        });
        println!("{}", serde_json::to_string_pretty(&doc)?);
        return Ok(exit_codes::SUCCESS);
    }
    let shown_name = |row: &Row<'_>| {
        if row.kind == "predict" {
            format!("{} (predict)", row.name)
        } else {
            row.name.to_owned()
        }
    };
    let name_width = rows
        .iter()
        .map(|r| shown_name(r).len())
        .max()
        .unwrap_or(4)
        .max(4);
    let track_width = rows.iter().map(|r| r.track.len()).max().unwrap_or(5).max(5);
    println!(
        "{}",
        styles.strong.style(format!(
            "  {:>3}  {:name_width$}  {:track_width$}  level  status",
            "#", "name", "track"
        ))
    );
    for row in &rows {
        let marker = if row.current { ">" } else { " " };
        let status = match row.status {
            "solved" => styles.ok.style("solved").to_string(),
            "gave-up" => styles.dim.style("gave up").to_string(),
            _ => styles.warn.style("pending").to_string(),
        };
        let name = shown_name(row);
        println!(
            "{marker} {:>3}  {:name_width$}  {:track_width$}  {:>5}  {status}",
            row.number, name, row.track, row.level
        );
    }
    println!("\n{}", progress_line(solved, kit.exercises.len(), styles));
    Ok(exit_codes::SUCCESS)
}

/// `Progress: [#####-----] 12/40 solved (30%)`.
pub fn progress_line(solved: usize, total: usize, styles: &Styles) -> String {
    const WIDTH: usize = 30;
    let filled = (solved * WIDTH).checked_div(total).unwrap_or(0);
    let percent = (solved * 100).checked_div(total).unwrap_or(0);
    format!(
        "Progress: [{}{}] {solved}/{total} solved ({percent}%)",
        styles.ok.style("#".repeat(filled)),
        "-".repeat(WIDTH - filled)
    )
}
