//! GitHub Actions: an `::error` annotation on the learner's line for each exercise not passing,
//! and a Markdown job summary.

use std::fmt::Write as _;

use crate::model::kit::Exercise;
use crate::model::outcome::Outcome;
use crate::outputs::results::{KitResults, cut};
use crate::outputs::style::Styles;

/// Escapes a GitHub workflow command's data: `%`, CR, LF.
fn gh_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a GitHub workflow command's property: as data, and `:` and `,` too.
fn gh_property(text: &str) -> String {
    gh_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Where a failure points: the first error's primary span, or where a test panicked.
fn location(exercise: &Exercise, outcome: &Outcome) -> (String, usize) {
    let rel = exercise.rel_path();
    match outcome {
        Outcome::CompileError { diagnostics } | Outcome::ClippyWarnings { diagnostics } => {
            let line = diagnostics
                .iter()
                .find(|d| d.file.as_deref().is_some_and(|f| f.ends_with(&rel)))
                .and_then(|d| d.line);
            (rel, line.unwrap_or(1))
        }
        Outcome::TestsFailed { failures, .. } => {
            let marker = format!("{rel}:");
            // The first line among the failures: tests finish, and are reported, in any order.
            let line = failures
                .iter()
                .filter_map(|f| {
                    let at = f.output.find(&marker)? + marker.len();
                    f.output[at..].split(':').next()?.parse::<usize>().ok()
                })
                .min();
            (rel, line.unwrap_or(1))
        }
        Outcome::ConstraintViolated { violations } => {
            (rel, violations.iter().find_map(|v| v.line).unwrap_or(1))
        }
        _ => (rel, 1),
    }
}

/// An `::error` annotation on the learner's line for each exercise not passing.
pub fn annotations(results: &KitResults<'_>) -> String {
    let mut out = String::new();
    let plain = Styles::new(false);
    for (e, r) in results.pairs() {
        if r.earns() {
            continue;
        }
        let Some(outcome) = &r.outcome else {
            let _ = writeln!(
                out,
                "::warning file={},title={}::{}",
                gh_property(&e.rel_path()),
                gh_property(&format!("{}: {}", e.name, r.status())),
                gh_data(&r.summary())
            );
            continue;
        };
        let (file, line) = location(e, outcome);
        let message = format!("{}\n\n{}", r.summary(), cut(r.details(&plain).trim()));
        let _ = writeln!(
            out,
            "::error file={},line={line},title={}::{}",
            gh_property(&file),
            gh_property(&format!("{}: {}", e.name, r.status())),
            gh_data(&message)
        );
    }
    out
}

/// The Markdown job summary: the score, then a table of every exercise.
pub fn markdown_summary(results: &KitResults<'_>) -> String {
    let (score, max) = results.score();
    let mut out = format!(
        "## {}: {}/{} exercises passing, {score}/{max} points\n\n| # | exercise | track | status | points |\n|---:|---|---|---|---:|\n",
        results.kit.info.kit_name,
        results.passed(),
        results.results.len()
    );
    for (e, r) in results.pairs() {
        let icon = match (&r.outcome, r.earns()) {
            (_, true) => "✅",
            (None, false) => "⏸️",
            (Some(_), false) => "❌",
        };
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {icon} {} | {}/{} |",
            e.index + 1,
            e.name,
            e.track(),
            r.status(),
            if r.earns() { e.points } else { 0 },
            e.points
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{gh_data, gh_property};

    #[test]
    fn github_commands_escape_newlines_and_separators() {
        assert_eq!(gh_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(gh_property("a:b,c"), "a%3Ab%2Cc");
    }
}
