//! One learner's `stats --html` page: self-contained (no script, nothing fetched), with the
//! cohort report's styles: a bar per track, time spent, the first-try rate on predict items,
//! the compiler errors met most (linked to their `rustc --explain` text), what to practise next.

use std::fmt::Write as _;

use crate::cohort::html::{CSS, esc};
use crate::model::stats::Stats;

fn duration(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        _ => format!("{} h {:02} min", secs / 3600, secs % 3600 / 60),
    }
}

/// Renders the page.
pub fn render(stats: &Stats) -> String {
    let (solved, total) = stats.solved();
    let title = format!("Progress: {}", stats.kit);
    let mut page = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    let _ = writeln!(page, "<title>{}</title>", esc(&title));
    let _ = writeln!(
        page,
        "<style>{CSS}.bar.done span {{ background: #1a7f37; }}</style>\n</head>\n<body>"
    );
    let _ = writeln!(
        page,
        "<header><h1>{}</h1><p class=\"sub\">{solved} of {total} done · {} active</p></header>",
        esc(&title),
        duration(stats.seconds())
    );
    page.push_str(
        "<section id=\"tracks\">\n<h2>Tracks</h2>\n<table class=\"list\">\n<thead><tr><th>track</th>\
         <th>done</th><th class=\"num\">solved</th><th class=\"num\">time</th><th>next up</th></tr></thead>\n<tbody>\n",
    );
    for track in &stats.tracks {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td><span class=\"bar done\"><span style=\"width:{}%\"></span></span></td>\
             <td class=\"num\">{}/{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&track.track),
            (track.solved * 100).checked_div(track.total).unwrap_or(0),
            track.solved,
            track.total,
            duration(track.seconds),
            esc(track.next.as_deref().unwrap_or("–"))
        );
    }
    page.push_str(
        "</tbody>\n</table>\n</section>\n<section id=\"predict\">\n<h2>Predict items</h2>\n",
    );
    let _ = writeln!(
        page,
        "<p>{} of {} answered right on the first try; {} of {} answered.</p>\n</section>",
        stats.first_try_right, stats.predict_answered, stats.predict_answered, stats.predict_total
    );
    page.push_str("<section id=\"errors\">\n<h2>Compiler errors met most</h2>\n<p>");
    if stats.error_codes.is_empty() {
        page.push_str("None yet.");
    }
    for (code, n) in &stats.error_codes {
        let _ = write!(
            page,
            "<span class=\"code\" title=\"rustc --explain {0}\">{0} × {n}</span> ",
            esc(code)
        );
    }
    page.push_str("</p>\n<p class=\"note\">Read any of them with <code>rustc --explain CODE</code>.</p>\n</section>\n");
    page.push_str("<section id=\"next\">\n<h2>Practise next</h2>\n<ul>\n");
    for line in &stats.practise_next {
        let _ = writeln!(page, "<li>{}</li>", esc(line));
    }
    let _ = writeln!(
        page,
        "</ul>\n</section>\n<footer>cargo-rustskill {}</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION")
    );
    page
}
