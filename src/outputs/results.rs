//! The results of judging a whole kit, and their formats: lines for people and CI logs, a
//! versioned JSON document, JUnit XML (GitLab, Jenkins), and GitHub Actions annotations with a
//! Markdown job summary. `verify` and `grade` both speak through here.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::model::events::AttemptEvent;
use crate::model::kit::{Exercise, Kit};
use crate::model::outcome::Outcome;
use crate::model::progress::Progress;
use crate::model::status::Status;
use crate::outputs::style::Styles;
use crate::outputs::verdict;

/// The `schema` of the JSON report; bumped on incompatible changes (documented in the README).
pub const JSON_SCHEMA: &str = "cargo-rustskill/verify/v1";

/// Test output is cut to this many characters in machine-readable reports.
const OUTPUT_CAP: usize = 4000;

/// One exercise's result.
#[derive(Clone, Debug)]
pub struct ExerciseResult {
    /// What judging found.
    pub outcome: Outcome,
    /// How long its test binary or `main` ran.
    pub seconds: f64,
    /// What the learner changed that they may not (graded runs); non-empty means no points.
    pub tampered: Vec<String>,
}

impl ExerciseResult {
    /// `passed`, `compile-error`, `failed`, `timed-out`, `tampered`, `constraint`, …
    pub fn status(&self) -> Status {
        if self.tampered.is_empty() {
            self.outcome.status()
        } else {
            Status::Tampered
        }
    }

    /// Whether it earns its points.
    pub fn earns(&self) -> bool {
        self.tampered.is_empty() && self.outcome.passed()
    }

    /// A one-line account.
    pub fn summary(&self) -> String {
        if self.tampered.is_empty() {
            return verdict::summary(&self.outcome);
        }
        format!(
            "tampered: {}; judged against the original tests: {}",
            self.tampered.join("; "),
            verdict::summary(&self.outcome)
        )
    }
}

/// A whole kit's results, with what the learner's progress files say about how they got there.
pub struct KitResults<'k> {
    /// The kit judged (its exercises give the order).
    pub kit: &'k Kit,
    /// One per exercise, in kit order.
    pub results: Vec<ExerciseResult>,
    /// The learner's progress file, if any.
    pub progress: Option<&'k Progress>,
    /// The learner's events log.
    pub events: Vec<AttemptEvent>,
}

impl KitResults<'_> {
    /// Exercises and results, in kit order.
    pub fn pairs(&self) -> impl Iterator<Item = (&Exercise, &ExerciseResult)> {
        self.kit.exercises.iter().zip(&self.results)
    }

    /// How many pass and earn their points.
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.earns()).count()
    }

    /// (score, maximum).
    pub fn score(&self) -> (u32, u32) {
        self.pairs().fold((0, 0), |(s, m), (e, r)| {
            (s + if r.earns() { e.points } else { 0 }, m + e.points)
        })
    }

    /// Whether everything passes.
    pub fn all_passed(&self) -> bool {
        self.passed() == self.results.len()
    }
}

/// One line per exercise, for people and CI logs.
pub fn line(exercise: &Exercise, result: &ExerciseResult, styles: &Styles) -> String {
    let mark = if result.earns() {
        styles.ok.style("✓")
    } else {
        styles.error.style("✗")
    };
    format!(
        "{mark} {:>3} {:<32} {}",
        exercise.index + 1,
        exercise.name,
        result.summary()
    )
}

/// The human report's tail: each failing exercise's diagnostics, then the totals.
pub fn human_details(results: &KitResults<'_>, styles: &Styles) -> String {
    let mut out = String::new();
    for (exercise, result) in results.pairs() {
        if result.earns() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n{}",
            styles
                .strong
                .style(format!("── {} ({}) ──", exercise.name, exercise.rel_path()))
        );
        for what in &result.tampered {
            let _ = writeln!(out, "{} {what}", styles.error.style("tampered:"));
        }
        let _ = writeln!(
            out,
            "{}",
            verdict::details(&result.outcome, styles).trim_end()
        );
    }
    let (score, max) = results.score();
    let _ = writeln!(
        out,
        "\n{}/{} exercises passing, {score}/{max} points",
        results.passed(),
        results.results.len()
    );
    out
}

fn cut(text: &str) -> String {
    match text.char_indices().nth(OUTPUT_CAP) {
        Some((at, _)) => format!("{}\n[… cut …]", &text[..at]),
        None => text.to_owned(),
    }
}

/// The JSON report (schema [`JSON_SCHEMA`]).
pub fn json(results: &KitResults<'_>) -> Value {
    let kit = results.kit;
    let plain = Styles::new(false);
    let mut codes_met: HashMap<&str, Vec<&str>> = HashMap::new();
    for event in &results.events {
        let codes = codes_met.entry(event.exercise.as_str()).or_default();
        for code in &event.codes {
            if !codes.contains(&code.as_str()) {
                codes.push(code);
            }
        }
    }
    let exercises: Vec<Value> = results
        .pairs()
        .map(|(e, r)| {
            let record = results
                .progress
                .and_then(|p| p.exercises.iter().find(|x| x.name == e.name));
            let failing_tests: Vec<Value> = match &r.outcome {
                Outcome::TestsFailed { failures, .. } => failures
                    .iter()
                    .map(|f| json!({ "name": f.name, "output": cut(&f.output) }))
                    .collect(),
                _ => Vec::new(),
            };
            json!({
                "name": e.name,
                "track": e.track(),
                "level": e.level,
                "path": e.rel_path(),
                "status": r.status(),
                "summary": r.summary(),
                "points": if r.earns() { e.points } else { 0 },
                "max_points": e.points,
                "duration_secs": r.seconds,
                "error_codes": r.outcome.error_codes(),
                "failing_tests": failing_tests,
                "tampered": r.tampered,
                "details": cut(&verdict::details(&r.outcome, &plain)),
                "attempts": record.map_or(0, |x| x.attempts),
                "first_attempt": record.and_then(|x| x.first_attempt),
                "last_attempt": record.and_then(|x| x.last_attempt),
                "solved_at": record.and_then(|x| x.solved_at),
                "time_to_solve_secs": record.and_then(|x| x.time_to_solve_secs()),
                "error_codes_met": codes_met.get(e.name.as_str()).cloned().unwrap_or_default(),
            })
        })
        .collect();
    let (score, max) = results.score();
    json!({
        "schema": JSON_SCHEMA,
        "tool_version": env!("CARGO_PKG_VERSION"),
        "kit": kit.info.kit_name,
        "kit_version": kit.info.kit_version,
        "passed": results.passed(),
        "total": kit.exercises.len(),
        "score": score,
        "max_score": max,
        "exercises": exercises,
    })
}

/// Escapes text for XML attributes and content, dropping characters XML 1.0 cannot hold
/// (ANSI escapes, other control characters).
fn xml(text: &str) -> String {
    let plain: String = crate::outputs::style::strip_ansi(text)
        .chars()
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
        .collect();
    crate::cohort::html::esc(&plain)
}

/// JUnit XML: one test suite per track, one test case per exercise.
pub fn junit(results: &KitResults<'_>) -> String {
    let plain = Styles::new(false);
    let mut tracks: Vec<(&str, Vec<(&Exercise, &ExerciseResult)>)> = Vec::new();
    for (e, r) in results.pairs() {
        match tracks.iter_mut().find(|(t, _)| *t == e.track()) {
            Some((_, list)) => list.push((e, r)),
            None => tracks.push((e.track(), vec![(e, r)])),
        }
    }
    let total_time: f64 = results.results.iter().map(|r| r.seconds).sum();
    let (score, max) = results.score();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" time=\"{total_time:.3}\">",
        xml(&format!(
            "{} ({score}/{max} points)",
            results.kit.info.kit_name
        )),
        results.results.len(),
        results.results.len() - results.passed()
    );
    for (track, list) in tracks {
        let failures = list.iter().filter(|(_, r)| !r.earns()).count();
        let time: f64 = list.iter().map(|(_, r)| r.seconds).sum();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{time:.3}\">",
            xml(track),
            list.len()
        );
        for (e, r) in list {
            let _ = write!(
                out,
                "    <testcase classname=\"{}.{}\" name=\"{}\" file=\"{}\" time=\"{:.3}\"",
                xml(&results.kit.info.kit_name),
                xml(track),
                xml(&e.name),
                xml(&e.rel_path()),
                r.seconds
            );
            if r.earns() {
                out.push_str("/>\n");
            } else {
                let details = format!(
                    "{}\n{}",
                    r.tampered.join("\n"),
                    verdict::details(&r.outcome, &plain)
                );
                let _ = write!(
                    out,
                    ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                    r.status(),
                    xml(&r.summary()),
                    xml(cut(details.trim()).as_str())
                );
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Escapes a GitHub workflow command's data (`%`, CR, LF) or property (also `:` and `,`).
fn gh_escape(text: &str, property: bool) -> String {
    let mut out = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
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
            let line = failures.iter().find_map(|f| {
                let at = f.output.find(&marker)? + marker.len();
                f.output[at..].split(':').next()?.parse().ok()
            });
            (rel, line.unwrap_or(1))
        }
        Outcome::ConstraintViolated { violations } => {
            (rel, violations.iter().find_map(|v| v.line).unwrap_or(1))
        }
        _ => (rel, 1),
    }
}

/// GitHub Actions: an `::error` annotation on the learner's line for each exercise not passing.
pub fn github_annotations(results: &KitResults<'_>) -> String {
    let mut out = String::new();
    for (e, r) in results.pairs() {
        if r.earns() {
            continue;
        }
        let (file, line) = location(e, &r.outcome);
        let plain = Styles::new(false);
        let message = format!(
            "{}\n\n{}",
            r.summary(),
            cut(verdict::details(&r.outcome, &plain).trim())
        );
        let _ = writeln!(
            out,
            "::error file={},line={line},title={}::{}",
            gh_escape(&file, true),
            gh_escape(&format!("{}: {}", e.name, r.status()), true),
            gh_escape(&message, false)
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
        let icon = if r.earns() { "✅" } else { "❌" };
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
    use super::{gh_escape, xml};

    #[test]
    fn xml_escapes_and_drops_control_characters() {
        assert_eq!(xml("a<b & \"c\"\x1b[31m\x07"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(xml("it's\nfine"), "it&#39;s\nfine");
    }

    #[test]
    fn github_commands_escape_newlines_and_separators() {
        assert_eq!(gh_escape("50%\nnext", false), "50%25%0Anext");
        assert_eq!(gh_escape("a:b,c", true), "a%3Ab%2Cc");
    }
}
