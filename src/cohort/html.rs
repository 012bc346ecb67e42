//! The HTML report: one self-contained page (inline CSS, no scripts, nothing fetched) with a
//! learners × exercises heat map, the exercises ranked by how many learners are stuck on them
//! and by time to solve, and the compiler errors learners meet per exercise. Every piece of
//! text from the inputs is escaped.

use crate::model::status::Status;
use std::fmt::Write;

use crate::cohort::learners::{
    Cohort, ExerciseStats, LearnerResult, counted, human_duration, median, ranked_by_errors,
    ranked_by_stuck, ranked_by_time,
};

/// A heat-map cell's look: CSS class, background, text colour, and what the legend says.
struct Shade {
    class: &'static str,
    background: &'static str,
    text: &'static str,
    legend: &'static str,
}

/// Every cell shade, in legend order. Passing is green, darker the fewer attempts it took;
/// stuck is orange to red, redder the more attempts went into it.
const SHADES: [Shade; 8] = [
    Shade {
        class: "p1",
        background: "#1a9850",
        text: "#ffffff",
        legend: "passed in 1–2 attempts",
    },
    Shade {
        class: "p2",
        background: "#66bd63",
        text: "#0b2e13",
        legend: "passed in 3–5",
    },
    Shade {
        class: "p3",
        background: "#b8e186",
        text: "#0b2e13",
        legend: "passed in 6 or more",
    },
    Shade {
        class: "s1",
        background: "#fdae61",
        text: "#3b1d00",
        legend: "stuck, 1–2 attempts",
    },
    Shade {
        class: "s2",
        background: "#f46d43",
        text: "#ffffff",
        legend: "stuck, 3–5",
    },
    Shade {
        class: "s3",
        background: "#d73027",
        text: "#ffffff",
        legend: "stuck, 6 or more",
    },
    Shade {
        class: "a",
        background: "#d9d9d9",
        text: "#333333",
        legend: "not passing, not reached yet",
    },
    Shade {
        class: "n",
        background: "#f5f5f5",
        text: "#333333",
        legend: "not started",
    },
];

/// The page styles, shared with the one-learner `stats` page.
pub const CSS: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI",
  Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: #1f2328; background: #ffffff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
p.sub, p.note, footer { color: #57606a; }
p.sub { margin: 0 0 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 16px; min-width: 150px; }
.card b { display: block; font-size: 22px; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; }
table.list td, table.list th { padding: 4px 10px; text-align: left; border-bottom: 1px solid #eaeef2; }
table.list th { font-weight: 600; background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.heat { border-collapse: separate; border-spacing: 2px; }
table.heat th { font-weight: 500; }
table.heat th.learner { text-align: right; padding-right: 8px; white-space: nowrap; max-width: 220px;
  overflow: hidden; text-overflow: ellipsis; position: sticky; left: 0; background: #ffffff; z-index: 1; }
table.heat th.track { font-size: 12px; color: #57606a; border-bottom: 2px solid #d0d7de; }
table.heat th.ex { vertical-align: bottom; padding: 4px 0; }
table.heat th.ex div { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
  font-size: 12px; margin: 0 auto; }
table.heat td.h { width: 24px; min-width: 24px; height: 24px; text-align: center; font-size: 11px;
  border-radius: 3px; }
table.heat td.none { background: #ffffff; outline: 1px dashed #d0d7de; outline-offset: -2px; }
table.heat td.sum { padding-left: 8px; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.heat tfoot th { text-align: right; padding-right: 8px; font-size: 12px; color: #57606a; }
table.heat tfoot td { text-align: center; font-size: 11px; color: #57606a; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 8px 0 12px; font-size: 12px; }
.legend span.sw { display: inline-block; width: 14px; height: 14px; border-radius: 3px;
  vertical-align: -2px; margin-right: 4px; }
.bar { display: inline-block; width: 120px; height: 10px; background: #eaeef2; border-radius: 5px;
  vertical-align: middle; margin-right: 8px; }
.bar span { display: block; height: 10px; background: #d73027; border-radius: 5px; }
.code { display: inline-block; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px;
  padding: 1px 6px; margin: 1px 2px; border-radius: 10px; background: #fff1e5; border: 1px solid #f4c9a8; }
.code a { color: inherit; text-decoration: none; }
footer { margin-top: 40px; font-size: 12px; }
"#;

/// At most this many compiler error codes are listed per exercise.
const CODES_SHOWN: usize = 6;

/// Renders the whole page.
pub fn render(cohort: &Cohort) -> String {
    let stats = cohort.stats();
    let title = match cohort.kits.as_slice() {
        [] => "Cohort report".to_owned(),
        kits => format!("Cohort report: {}", kits.join(", ")),
    };
    let mut page = String::new();
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // The page must never reach the network: say so to the browser too.
    page.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n",
    );
    let _ = writeln!(page, "<title>{}</title>", esc(&title));
    let _ = writeln!(page, "<style>{CSS}{}</style>", shade_css());
    page.push_str("</head>\n<body>\n");
    let _ = writeln!(page, "<header><h1>{}</h1>", esc(&title));
    let _ = writeln!(
        page,
        "<p class=\"sub\">{} · {}</p></header>",
        counted(cohort.learners.len(), "learner"),
        counted(cohort.exercises.len(), "exercise")
    );
    page.push_str(&cards(cohort, &stats));
    page.push_str(&heat_map(cohort, &stats));
    page.push_str(&stuck_section(cohort, &stats));
    page.push_str(&first_try_section(cohort));
    page.push_str(&time_section(&stats));
    page.push_str(&errors_section(&stats));
    let _ = writeln!(
        page,
        "<footer>Made by cargo-rustskill {}. Open it anywhere: it loads nothing from the \
         network.</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION")
    );
    page
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn shade_css() -> String {
    let mut css = String::new();
    for s in &SHADES {
        let _ = writeln!(
            css,
            "table.heat td.{c}, .legend .sw.{c} {{ background: {b}; color: {t}; }}",
            c = s.class,
            b = s.background,
            t = s.text
        );
    }
    css
}

/// The shade of one learner's result.
fn shade(result: &LearnerResult) -> &'static Shade {
    let by_attempts = |few: usize| match result.attempts {
        0..=2 => few,
        3..=5 => few + 1,
        _ => few + 2,
    };
    let i = if result.passed() {
        by_attempts(0)
    } else if result.stuck {
        by_attempts(3)
    } else if result.status == Status::NotStarted {
        7
    } else {
        6
    };
    &SHADES[i]
}

fn cards(cohort: &Cohort, stats: &[ExerciseStats<'_>]) -> String {
    let mut passed: Vec<u64> = cohort.learners.iter().map(|l| l.passed() as u64).collect();
    passed.sort_unstable();
    let most_stuck = ranked_by_stuck(stats)
        .first()
        .map_or("nobody is stuck".into(), |s| {
            format!("{} ({} stuck)", s.exercise.name, s.stuck)
        });
    let stuck_learners = cohort
        .learners
        .iter()
        .filter(|l| l.results.iter().any(|r| r.stuck))
        .count();
    let mut html = String::from("<section class=\"cards\">\n");
    for (value, label) in [
        (cohort.learners.len().to_string(), "learners"),
        (
            format!(
                "{} / {}",
                median(&passed).unwrap_or(0),
                cohort.exercises.len()
            ),
            "exercises passed (median)",
        ),
        (stuck_learners.to_string(), "learners stuck somewhere"),
        (most_stuck, "most learners stuck on"),
    ] {
        let _ = writeln!(
            html,
            "<div class=\"card\"><b>{}</b>{label}</div>",
            esc(&value)
        );
    }
    html.push_str("</section>\n");
    html
}

fn heat_map(cohort: &Cohort, stats: &[ExerciseStats<'_>]) -> String {
    let mut html = String::from("<section id=\"heatmap\">\n<h2>Learners × exercises</h2>\n");
    html.push_str(
        "<p class=\"note\">Each cell is one learner's result on one exercise, with the number \
         of versions judged. A learner is <em>stuck</em> on an exercise that does not pass, at \
         or before the exercise after the last one they passed. Hover a cell for details.</p>\n",
    );
    html.push_str("<div class=\"legend\">");
    for s in &SHADES {
        let _ = write!(
            html,
            "<span><span class=\"sw {}\"></span>{}</span>",
            s.class, s.legend
        );
    }
    html.push_str("</div>\n<div class=\"scroll\">\n<table class=\"heat\">\n<thead>\n<tr><th></th>");
    // Consecutive exercises of one track share a heading.
    let mut i = 0;
    while i < cohort.exercises.len() {
        let track = &cohort.exercises[i].track;
        let span = cohort.exercises[i..]
            .iter()
            .take_while(|e| &e.track == track)
            .count();
        let _ = write!(
            html,
            "<th class=\"track\" colspan=\"{span}\">{}</th>",
            esc(track)
        );
        i += span;
    }
    html.push_str("<th></th></tr>\n<tr><th></th>");
    for e in &cohort.exercises {
        let _ = write!(
            html,
            "<th class=\"ex\" title=\"{}\"><div>{}</div></th>",
            esc(&format!("{} ({}, level {})", e.name, e.track, e.level)),
            esc(&e.name)
        );
    }
    html.push_str("<th></th></tr>\n</thead>\n<tbody>\n");
    for learner in &cohort.learners {
        let _ = write!(
            html,
            "<tr><th class=\"learner\" title=\"{0}\">{0}</th>",
            esc(&learner.name)
        );
        for e in &cohort.exercises {
            html.push_str(&cell(&learner.name, learner.result(&e.name)));
        }
        let (score, max) = learner.points();
        let _ = writeln!(
            html,
            "<td class=\"sum\">{}/{} passed · {score}/{max} points</td></tr>",
            learner.passed(),
            learner.results.len()
        );
    }
    html.push_str("</tbody>\n<tfoot>\n");
    for (label, counts) in [
        ("stuck", stats.iter().map(|s| s.stuck).collect::<Vec<_>>()),
        ("passed", stats.iter().map(|s| s.passed).collect()),
    ] {
        let _ = write!(html, "<tr><th>{label}</th>");
        for count in counts {
            let _ = write!(html, "<td>{count}</td>");
        }
        html.push_str("<td></td></tr>\n");
    }
    html.push_str("</tfoot>\n</table>\n</div>\n</section>\n");
    html
}

fn cell(learner: &str, result: Option<&LearnerResult>) -> String {
    let Some(r) = result else {
        return "<td class=\"h none\" title=\"no result\"></td>".to_owned();
    };
    let mut title = format!(
        "{learner} · {}: {}, {} attempt{}",
        r.name,
        r.status,
        r.attempts,
        if r.attempts == 1 { "" } else { "s" }
    );
    if let Some(t) = r.time_to_solve_secs {
        let _ = write!(title, ", solved in {}", human_duration(t));
    }
    if r.stuck {
        title.push_str(", stuck");
    }
    if !r.error_codes_met.is_empty() {
        let _ = write!(title, ", errors met: {}", r.error_codes_met.join(" "));
    }
    let attempts = if r.attempts > 0 {
        r.attempts.to_string()
    } else {
        String::new()
    };
    format!(
        "<td class=\"h {}\" title=\"{}\">{attempts}</td>",
        shade(r).class,
        esc(&title)
    )
}

fn stuck_section(cohort: &Cohort, stats: &[ExerciseStats<'_>]) -> String {
    let mut html = String::from("<section id=\"stuck\">\n<h2>Where learners are stuck</h2>\n");
    let ranked = ranked_by_stuck(stats);
    if ranked.is_empty() {
        html.push_str(
            "<p class=\"note\">Nobody is stuck: every learner passes everything up to where \
             they are.</p>\n</section>\n",
        );
        return html;
    }
    html.push_str(
        "<table class=\"list\">\n<thead><tr><th class=\"num\">#</th><th>exercise</th>\
         <th>track</th><th class=\"num\">level</th><th>learners stuck</th>\
         <th class=\"num\">passed</th><th class=\"num\">attempts</th>\
         <th class=\"num\">median time to solve</th></tr></thead>\n<tbody>\n",
    );
    let cohort_size = cohort.learners.len().max(1);
    for (rank, s) in ranked.iter().enumerate() {
        let _ = writeln!(
            html,
            "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>\
             <td><span class=\"bar\"><span style=\"width:{}%\"></span></span>{} of {}</td>\
             <td class=\"num\">{}/{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            rank + 1,
            esc(&s.exercise.name),
            esc(&s.exercise.track),
            s.exercise.level,
            s.stuck * 100 / cohort_size,
            s.stuck,
            cohort.learners.len(),
            s.passed,
            s.learners,
            s.attempts,
            s.median_time_secs.map_or("–".into(), human_duration),
        );
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
    html
}

/// Each learner's first-try score on predict items (self-reported in homework; from `assess`
/// it is not).
fn first_try_section(cohort: &Cohort) -> String {
    let scores: Vec<(&str, (usize, usize))> = cohort
        .learners
        .iter()
        .map(|l| (l.name.as_str(), l.first_try()))
        .filter(|(_, (_, answered))| *answered > 0)
        .collect();
    if scores.is_empty() {
        return String::new();
    }
    let mut html = String::from(
        "<section id=\"predict\">\n<h2>Predict items: right on the first try</h2>\n\
         <table class=\"list\">\n<thead><tr><th>learner</th><th>first try</th>\
         <th class=\"num\">right / answered</th></tr></thead>\n<tbody>\n",
    );
    for (name, (first, answered)) in scores {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td><span class=\"bar\"><span style=\"width:{}%\"></span></span></td>\
             <td class=\"num\">{first}/{answered}</td></tr>",
            esc(name),
            first * 100 / answered
        );
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
    html
}

fn time_section(stats: &[ExerciseStats<'_>]) -> String {
    let mut html = String::from("<section id=\"time\">\n<h2>Time to solve</h2>\n");
    let ranked = ranked_by_time(stats);
    if ranked.is_empty() {
        html.push_str("<p class=\"note\">No times to solve are known yet.</p>\n</section>\n");
        return html;
    }
    html.push_str(
        "<p class=\"note\">From a learner's first judged version to their first passing one; \
         slowest median first.</p>\n<table class=\"list\">\n<thead><tr>\
         <th class=\"num\">#</th><th>exercise</th><th>track</th>\
         <th class=\"num\">median</th><th class=\"num\">slowest</th>\
         <th class=\"num\">learners timed</th></tr></thead>\n<tbody>\n",
    );
    for (rank, s) in ranked.iter().enumerate() {
        let _ = writeln!(
            html,
            "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            rank + 1,
            esc(&s.exercise.name),
            esc(&s.exercise.track),
            s.median_time_secs.map_or("–".into(), human_duration),
            s.max_time_secs.map_or("–".into(), human_duration),
            s.timed,
        );
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
    html
}

fn errors_section(stats: &[ExerciseStats<'_>]) -> String {
    let mut html = String::from("<section id=\"errors\">\n<h2>Compiler errors per exercise</h2>\n");
    let ranked = ranked_by_errors(stats);
    if ranked.is_empty() {
        html.push_str("<p class=\"note\">No compiler errors were met.</p>\n</section>\n");
        return html;
    }
    html.push_str(
        "<p class=\"note\">The rustc error codes learners met on the way, with how many \
         learners met each.</p>\n<table class=\"list\">\n<thead><tr><th>exercise</th>\
         <th>track</th><th>most common errors</th></tr></thead>\n<tbody>\n",
    );
    for s in ranked {
        let codes: String = s
            .error_codes
            .iter()
            .take(CODES_SHOWN)
            .map(|(code, n)| format!("<span class=\"code\">{} × {n}</span>", code_link(code)))
            .collect();
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{codes}</td></tr>",
            esc(&s.exercise.name),
            esc(&s.exercise.track)
        );
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
    html
}

/// A rustc error code, linked to its explanation when it looks like one (`E` and 4 digits).
fn code_link(code: &str) -> String {
    let real =
        code.len() == 5 && code.starts_with('E') && code[1..].bytes().all(|b| b.is_ascii_digit());
    if real {
        format!(
            "<a href=\"https://doc.rust-lang.org/error_codes/{code}.html\" \
             rel=\"noreferrer\">{code}</a>"
        )
    } else {
        esc(code)
    }
}

#[cfg(test)]
mod tests {
    use super::{code_link, esc, render};
    use crate::cohort::learners::{Cohort, Learner, LearnerResult};
    use crate::model::status::Status;

    fn result(name: &str, status: Status, attempts: u32, solved_in: Option<u64>) -> LearnerResult {
        LearnerResult {
            name: name.into(),
            track: if name == "panics" { "errors" } else { "basics" }.into(),
            level: 1,
            status,
            points: u32::from(status == Status::Passed),
            max_points: 1,
            attempts,
            time_to_solve_secs: solved_in,
            error_codes: Vec::new(),
            error_codes_met: if name == "compile_fail" {
                vec!["E0382".into()]
            } else {
                Vec::new()
            },
            stuck: false,
            first_try: None,
        }
    }

    /// The page without its style sheet, the tool's version redacted: its structure.
    #[test]
    fn the_page_has_its_sections_and_a_cell_per_learner_and_exercise() {
        let mut cohort = Cohort::default();
        let mut problems = Vec::new();
        let learners = [
            ("ada", [Status::Passed, Status::Passed, Status::Failed]),
            (
                "bob <b>",
                [Status::CompileError, Status::NotStarted, Status::NotStarted],
            ),
        ];
        for (name, statuses) in learners {
            let results = ["compile_fail", "test_fail", "panics"]
                .into_iter()
                .zip(statuses)
                .map(|(exercise, status)| {
                    let solved = (status == Status::Passed).then_some(90);
                    let attempts = if status == Status::NotStarted { 0 } else { 2 };
                    result(exercise, status, attempts, solved)
                })
                .collect();
            let learner = Learner {
                name: name.into(),
                source: format!("{name}.json"),
                results,
            };
            cohort.add(learner, Some("fixture"), &mut problems);
        }
        let page = render(&cohort);
        let (head, rest) = page.split_once("<style>").unwrap();
        let (_, body) = rest.split_once("</style>").unwrap();
        let structure =
            format!("{head}<style>…</style>{body}").replace(env!("CARGO_PKG_VERSION"), "[version]");
        insta::assert_snapshot!("report_page", structure);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn only_real_error_codes_are_linked() {
        assert!(code_link("E0382").contains("href"));
        assert_eq!(code_link("E\"><b>"), "E&quot;&gt;&lt;b&gt;");
    }
}
