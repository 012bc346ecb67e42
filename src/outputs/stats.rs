//! The learner's picture of their progress in the terminal: a bar per track, time spent, the
//! first-try rate on predict items, the errors met most, what to practise next. Coloured where
//! the styles say so, plain otherwise.

use std::fmt::Write as _;

use crate::model::stats::Stats;
use crate::outputs::style::Styles;

const BAR: usize = 24;

/// `1 h 05 min`, `12 min`, `40 s`.
pub fn duration(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        _ => format!("{} h {:02} min", secs / 3600, secs % 3600 / 60),
    }
}

fn bar(done: usize, total: usize, styles: &Styles) -> String {
    let filled = (done * BAR).checked_div(total).unwrap_or(0);
    format!(
        "{}{}",
        styles.ok.style("█".repeat(filled)),
        styles.dim.style("░".repeat(BAR - filled))
    )
}

/// The whole picture, as text.
pub fn render(stats: &Stats, styles: &Styles) -> String {
    let mut out = String::new();
    let (solved, total) = stats.solved();
    let _ = writeln!(
        out,
        "{}  {solved}/{total} done, {} active",
        styles.strong.style(&stats.kit),
        duration(stats.seconds())
    );
    let width = stats
        .tracks
        .iter()
        .map(|t| t.track.len())
        .max()
        .unwrap_or(5);
    for track in &stats.tracks {
        let _ = writeln!(
            out,
            "  {:<width$}  {}  {:>3}/{:<3}  {:>9}",
            track.track,
            bar(track.solved, track.total, styles),
            track.solved,
            track.total,
            duration(track.seconds)
        );
    }
    let _ = writeln!(out);
    if stats.predict_answered > 0 {
        let _ = writeln!(
            out,
            "{} {}/{} right on the first try ({}%), {} of {} answered",
            styles.strong.style("Predict items:"),
            stats.first_try_right,
            stats.predict_answered,
            stats.first_try_right * 100 / stats.predict_answered,
            stats.predict_answered,
            stats.predict_total
        );
    } else {
        let _ = writeln!(
            out,
            "{} none answered yet, of {}",
            styles.strong.style("Predict items:"),
            stats.predict_total
        );
    }
    if !stats.error_codes.is_empty() {
        let _ = writeln!(out, "{}", styles.strong.style("Compiler errors met most:"));
        for (code, n) in &stats.error_codes {
            let _ = writeln!(
                out,
                "  {}  {n:>3}×   {}",
                styles.error.style(code),
                styles.dim.style(format!("rustc --explain {code}"))
            );
        }
    }
    if !stats.practise_next.is_empty() {
        let _ = writeln!(out, "{}", styles.strong.style("Practise next:"));
        for line in &stats.practise_next {
            let _ = writeln!(out, "  • {line}");
        }
    }
    out
}
