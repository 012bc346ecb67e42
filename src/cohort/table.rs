//! The terminal report: one line per learner, then the exercises ranked by how many learners
//! are stuck on them.

use unicode_width::UnicodeWidthStr;

use crate::cohort::learners::{Cohort, ExerciseStats, counted, human_duration, ranked_by_stuck};
use crate::outputs::style::Styles;

/// At most this many exercises are named in a learner's "stuck on" column.
const STUCK_SHOWN: usize = 3;

/// At most this many compiler error codes are named per exercise.
const CODES_SHOWN: usize = 3;

/// Renders the report as text, coloured by `styles`.
pub fn render(cohort: &Cohort, styles: &Styles) -> String {
    let stats = cohort.stats();
    let mut out = String::new();
    let kits = match cohort.kits.as_slice() {
        [] => String::new(),
        kits => format!(" (kit {})", kits.join(", ")),
    };
    out.push_str(&format!(
        "{}\n\n",
        styles.strong.style(format!(
            "{}, {}{kits}",
            counted(cohort.learners.len(), "learner"),
            counted(cohort.exercises.len(), "exercise")
        ))
    ));
    out.push_str(&learners(cohort, styles));
    out.push('\n');
    let ranked = ranked_by_stuck(&stats);
    if ranked.is_empty() {
        out.push_str("Nobody is stuck: every learner passes everything up to where they are.\n");
    } else {
        out.push_str(&format!(
            "{}\n",
            styles
                .strong
                .style("Where learners are stuck (not passing, at or before their furthest point)")
        ));
        out.push_str(&stuck(&ranked, cohort.learners.len(), styles));
    }
    out
}

fn learners(cohort: &Cohort, styles: &Styles) -> String {
    let rows: Vec<Vec<String>> = cohort
        .learners
        .iter()
        .map(|l| {
            let (score, max) = l.points();
            let stuck = l.stuck_on();
            let mut stuck_text = stuck
                .iter()
                .take(STUCK_SHOWN)
                .map(|name| printable(name))
                .collect::<Vec<_>>()
                .join(", ");
            if stuck.len() > STUCK_SHOWN {
                stuck_text.push_str(&format!(" and {} more", stuck.len() - STUCK_SHOWN));
            }
            let (first, answered) = l.first_try();
            vec![
                printable(&l.name),
                format!("{}/{}", l.passed(), l.results.len()),
                format!("{score}/{max}"),
                l.attempts().to_string(),
                if answered == 0 {
                    "–".into()
                } else {
                    format!("{first}/{answered}")
                },
                stuck_text,
            ]
        })
        .collect();
    grid(
        &[
            "learner",
            "passed",
            "points",
            "attempts",
            "first try",
            "stuck on",
        ],
        &[false, true, true, true, true, false],
        &rows,
        styles,
    )
}

fn stuck(ranked: &[&ExerciseStats<'_>], cohort_size: usize, styles: &Styles) -> String {
    let rows: Vec<Vec<String>> = ranked
        .iter()
        .map(|s| {
            let codes: Vec<String> = s
                .error_codes
                .iter()
                .take(CODES_SHOWN)
                .map(|(code, n)| format!("{code}×{n}"))
                .collect();
            vec![
                printable(&s.exercise.name),
                printable(&s.exercise.track),
                s.exercise.level.to_string(),
                format!("{}/{cohort_size}", s.stuck),
                format!("{}/{}", s.passed, s.learners),
                s.median_time_secs.map_or("–".into(), human_duration),
                codes.join(" "),
            ]
        })
        .collect();
    grid(
        &[
            "exercise",
            "track",
            "level",
            "stuck",
            "passed",
            "median time to solve",
            "compiler errors met",
        ],
        &[false, false, true, true, true, true, false],
        &rows,
        styles,
    )
}

/// Text from the inputs with control characters replaced, so a learner's name cannot send
/// escape sequences to the terminal.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// Lays out rows under a header, each column as wide as its widest cell; `right` says which
/// columns hold numbers. Trailing spaces are trimmed.
fn grid(header: &[&str], right: &[bool], rows: &[Vec<String>], styles: &Styles) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .map(|r| r[c].width())
                .chain([header[c].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c] - cell.width());
                if right[c] {
                    format!("{pad}{cell}")
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    let mut out = format!("{}\n", styles.dim.style(line(&header)));
    for row in rows {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}
