//! The outputs' tests: a small kit's results (one exercise of each kind of verdict, with
//! progress and events, all times fixed) in every format, as insta snapshots.

use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use crate::model::events::{AttemptEvent, JudgedBy};
use crate::model::info::KitInfo;
use crate::model::kit::Kit;
use crate::model::outcome::{Diagnostic, Level, Outcome, TestFailure};
use crate::model::progress::Progress;
use crate::model::schema::{GradeReport, LearnerEntry, VerifyReport};
use crate::model::status::Status;
use crate::model::time::Timestamp;
use crate::outputs::github::{annotations, markdown_summary};
use crate::outputs::json::{grade_report, to_text, verify_report};
use crate::outputs::junit::junit;
use crate::outputs::results::{ExerciseResult, KitResults, human_details, line};
use crate::outputs::style::Styles;

const INFO: &str = r#"format_version = 1
kit_name = "fixture"
kit_version = "1.2.0"

[[exercises]]
name = "compile_fail"
dir = "01_basics"
hints = ["h"]

[[exercises]]
name = "test_fail"
dir = "01_basics"
level = 2
hints = ["h"]

[[exercises]]
name = "passes"
dir = "02_errors"
hints = ["h"]

[[exercises]]
name = "endless"
dir = "02_errors"
level = 3
hints = ["h"]
"#;

/// The kit.
fn kit() -> Kit {
    let info = KitInfo::parse(INFO, std::path::Path::new("info.toml")).unwrap();
    Kit::from_info(PathBuf::from("/kit"), info)
}

fn at(secs: u64) -> Timestamp {
    Timestamp::from(UNIX_EPOCH + Duration::from_secs(1_780_000_000 + secs))
}

/// One result per exercise: a compile error (tampered with, too), failed tests, a pass, a
/// time-out.
fn results() -> Vec<ExerciseResult> {
    let compile_error = Outcome::CompileError {
        diagnostics: vec![Diagnostic {
            level: Level::Error,
            code: Some("E0382".into()),
            message: "borrow of moved value: `name`".into(),
            rendered: "\x1b[1merror[E0382]\x1b[0m: borrow of moved value: `name`\n --> exercises/01_basics/compile_fail.rs:9:12\n".into(),
            file: Some("../exercises/01_basics/compile_fail.rs".into()),
            line: Some(9),
        }],
    };
    let tests_failed = Outcome::TestsFailed {
        failures: vec![TestFailure {
            name: "tests::doubles".into(),
            output: "thread 'tests::doubles' panicked at ../exercises/01_basics/test_fail.rs:15:9:\nassertion `left == right` failed\n  left: 3 <\n right: 4 &".into(),
        }],
        passed: vec!["tests::zero".into()],
    };
    let timed_out = Outcome::TimedOut {
        limit_secs: 1.0,
        unfinished: vec!["tests::counts_down".into()],
        output: "running 1 test\n".into(),
    };
    let result = |outcome, seconds, tampered: &[&str]| ExerciseResult {
        hidden: None,
        outcome: Some(outcome),
        last_known: None,
        seconds,
        tampered: tampered.iter().map(|t| (*t).to_owned()).collect(),
    };
    vec![
        result(compile_error, 0.0, &["the test module was changed"]),
        result(tests_failed, 0.25, &[]),
        result(Outcome::Passed, 0.5, &[]),
        result(timed_out, 1.0, &[]),
    ]
}

/// The learner's progress: attempts at the first three, the third solved.
fn progress() -> Progress {
    let mut progress = Progress::default();
    progress.record_attempt("compile_fail", false, at(0));
    progress.record_attempt("test_fail", false, at(60));
    progress.record_attempt("test_fail", false, at(90));
    progress.record_attempt("passes", true, at(120));
    progress
}

/// The events log behind the progress.
fn events() -> Vec<AttemptEvent> {
    let event = |exercise: &str, outcome, codes: &[&str], secs| AttemptEvent {
        time: at(secs),
        exercise: exercise.into(),
        outcome,
        codes: codes.iter().map(|c| (*c).to_owned()).collect(),
        by: JudgedBy::Watch,
        choice: None,
        hints: None,
    };
    vec![
        event("compile_fail", Status::CompileError, &["E0382", "E0308"], 0),
        event("test_fail", Status::Failed, &[], 60),
        event("test_fail", Status::Failed, &[], 90),
        event("passes", Status::Passed, &[], 120),
    ]
}

/// The tool's version changes with every release.
fn redacted(text: &str) -> String {
    text.replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn the_verify_report_reads_back_as_written() {
    let kit = kit();
    let progress = progress();
    let results = KitResults {
        kit: &kit,
        results: results(),
        progress: Some(&progress),
        events: events(),
    };
    let report = verify_report(&results);
    let text = to_text(&report).unwrap();
    insta::assert_snapshot!("verify_report", redacted(&text));
    let read: VerifyReport = serde_json::from_str(&text).unwrap();
    assert_eq!(read, report);
    let grade = grade_report(
        &kit,
        vec![LearnerEntry {
            learner: "ada".into(),
            path: "/repos/ada".into(),
            report: Some(report),
            error: None,
        }],
    );
    let text = to_text(&grade).unwrap();
    let read: GradeReport = serde_json::from_str(&text).unwrap();
    assert_eq!(read, grade);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["schema"], "cargo-rustskill/grade/v1");
    assert!(value["learners"][0].get("error").is_none(), "{text}");
}

#[test]
fn one_suite_per_track_failures_escaped_and_plain() {
    let kit = kit();
    let results = KitResults {
        kit: &kit,
        results: results(),
        progress: None,
        events: Vec::new(),
    };
    let xml = junit(&results).unwrap();
    assert!(!xml.contains('\x1b'), "no ANSI escapes in XML");
    assert!(xml.contains("left: 3 &lt;\n right: 4 &amp;"), "{xml}");
    insta::assert_snapshot!("junit", xml);
}

#[test]
fn annotations_point_at_the_learners_lines_and_the_summary_has_every_exercise() {
    let kit = kit();
    let results = KitResults {
        kit: &kit,
        results: results(),
        progress: None,
        events: Vec::new(),
    };
    insta::assert_snapshot!("github_annotations", annotations(&results));
    insta::assert_snapshot!("github_summary", markdown_summary(&results));
}

#[test]
fn lines_then_details_then_totals() {
    let kit = kit();
    let results = KitResults {
        kit: &kit,
        results: results(),
        progress: None,
        events: Vec::new(),
    };
    let plain = Styles::new(false);
    let mut text: String = results
        .pairs()
        .map(|(e, r)| line(e, r, &plain) + "\n")
        .collect();
    text.push_str(&human_details(&results, &plain));
    assert_eq!(
        results.score(),
        (1, 7),
        "only the pass earns: tampering costs the rest"
    );
    insta::assert_snapshot!("human", text);
}

#[test]
fn an_exercise_not_judged_says_so_with_its_last_known_state_in_every_format() {
    let kit = kit();
    let mut results = results();
    results[2] = ExerciseResult {
        hidden: None,
        outcome: None,
        last_known: Some(Status::Passed),
        seconds: 0.0,
        tampered: Vec::new(),
    };
    let progress = progress();
    let results = KitResults {
        kit: &kit,
        results,
        progress: Some(&progress),
        events: events(),
    };
    let report = verify_report(&results);
    let record = &report.exercises[2];
    assert_eq!(record.status, Status::NotJudged);
    assert_eq!(record.last_known, Some(Status::Passed));
    assert!(
        record.summary.contains("last known: passed"),
        "{}",
        record.summary
    );
    let text = serde_json::to_string(&report).unwrap();
    assert!(text.contains(r#""status":"not-judged""#) && text.contains(r#""last_known":"passed""#));
    let xml = junit(&results).unwrap();
    assert!(
        xml.contains("<skipped") && xml.contains("not-judged"),
        "{xml}"
    );
    let annotations = annotations(&results);
    assert!(
        annotations.contains("::warning file=") && annotations.contains("passes%3A not-judged")
    );
    let human = human_details(&results, &Styles::new(false));
    assert!(human.contains("not judged: the run was cut short first (last known: passed)"));
}
