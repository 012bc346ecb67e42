//! Integration tests of `report`: a small cohort made by running the real binary on the fixture
//! kit (verify reports and a learner's kit folder), hand-written grade reports, bad inputs, and
//! the HTML heat map rendered in headless Chromium.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use support::Kit;
use support::chromium::{close, decode_rgb, find_on_path, screenshot};

/// Exit codes, as documented in the README.
const SUCCESS: i32 = 0;
const NOT_PASSING: i32 = 1;
const USAGE_OR_TOOL_ERROR: i32 = 2;

/// A folder of learners' results, made once per test run (judging takes a while):
/// - `alice.json`: verify report, nothing solved;
/// - `bob.json`: compile_fail solved, test_fail solved after three failed versions;
/// - `carol.json`: also panics and run_main solved, endless skipped;
/// - `dave/`: carol's kit folder itself, with `.rustskill/` and a torn last event line.
///
/// Tests only read it; those adding files copy what they need.
fn cohort() -> &'static Path {
    static COHORT: OnceLock<PathBuf> = OnceLock::new();
    COHORT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-cohort");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let kit = Kit::fixture("kit");
        let verify = |learner: &str| {
            let done = kit
                .cmd(&["verify", "--format", "json"])
                .run()
                .code(NOT_PASSING);
            std::fs::write(dir.join(format!("{learner}.json")), &done.stdout).unwrap();
        };
        verify("alice");
        let test_fail = kit.read("exercises/basics/test_fail.rs");
        for attempt in 1..=2 {
            kit.write(
                "exercises/basics/test_fail.rs",
                &format!("{test_fail}\n// attempt {attempt}\n"),
            );
            kit.cmd(&["run", "test_fail"]).run().code(NOT_PASSING);
        }
        kit.solve("compile_fail");
        kit.solve("test_fail");
        verify("bob");
        kit.solve("panics");
        kit.solve("run_main");
        verify("carol");
        let dave = dir.join("dave");
        support::copy_dir(kit.path(), &dave);
        let events = dave.join(".rustskill/events.jsonl");
        let log = std::fs::read_to_string(&events).unwrap();
        std::fs::write(&events, format!("{log}{{\"time\":\"2026-")).unwrap();
        dir
    })
}

/// A verify report of the cohort, parsed.
fn report_of(learner: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(cohort().join(format!("{learner}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Runs the binary outside any kit.
fn report(args: &[&str]) -> support::Done {
    let mut full = vec!["report", "--color", "never"];
    full.extend_from_slice(args);
    Kit::empty().cmd(&full).run()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// Parses CSV as RFC 4180 writes it: quoted fields may hold commas, quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the last row ends with a line break"
    );
    rows
}

#[test]
fn the_table_lists_learners_and_ranks_where_they_are_stuck() {
    let done = report(&[path_str(cohort())]).code(SUCCESS);
    let out = &done.stdout;
    assert!(
        out.contains("4 learners, 6 exercises (kit fixture)"),
        "{out}"
    );
    for (learner, passed) in [
        ("alice", "0/6"),
        ("bob", "2/6"),
        ("carol", "4/6"),
        ("dave", "4/6"),
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{learner} ")))
            .unwrap_or_else(|| panic!("no line for {learner}:\n{out}"));
        assert!(line.contains(passed), "{line}");
    }
    let bob = out.lines().find(|l| l.starts_with("bob ")).unwrap();
    assert!(bob.ends_with("panics"), "bob is stuck on panics: {bob}");
    // endless and strict: carol and dave; compile_fail: alice; panics: bob.
    let stuck = out.split("Where learners are stuck").nth(1).expect(out);
    let rows: Vec<&str> = stuck.lines().skip(2).collect();
    assert!(
        rows[0].starts_with("endless ") && rows[0].contains("2/4"),
        "{stuck}"
    );
    assert!(
        rows[1].starts_with("strict ") && rows[1].contains("2/4"),
        "{stuck}"
    );
    assert!(
        rows[2].starts_with("compile_fail ") && rows[2].contains("E0382×"),
        "{stuck}"
    );
    assert_eq!(rows.len(), 4, "{stuck}");
    assert!(
        done.stderr.contains("skipped a damaged line"),
        "{}",
        done.stderr
    );
    assert!(!out.contains('\x1b'), "plain under --color never");
}

#[test]
fn csv_has_one_row_per_learner_and_exercise() {
    let dir = Kit::empty();
    let mut eve = report_of("bob");
    eve["learner"] = "Eve, \"the\" tester".into();
    // As if her first exercise were a predict item she answered right on the first try.
    eve["exercises"][0]["first_try"] = true.into();
    let answered = eve["exercises"][0]["name"].as_str().unwrap().to_owned();
    dir.write("eve.json", &eve.to_string());
    std::fs::copy(cohort().join("alice.json"), dir.path().join("alice.json")).unwrap();
    let done = report(&[path_str(dir.path()), "--format", "csv"]).code(SUCCESS);
    let rows = parse_csv(&done.stdout);
    assert_eq!(
        rows[0],
        [
            "learner",
            "exercise",
            "track",
            "level",
            "status",
            "attempts",
            "time_to_solve_secs",
            "error_codes_met",
            "first_try"
        ]
    );
    assert_eq!(rows.len(), 1 + 2 * 6, "{}", done.stdout);
    let row = |learner: &str, exercise: &str| {
        rows.iter()
            .find(|r| r[0] == learner && r[1] == exercise)
            .unwrap_or_else(|| panic!("no row {learner}/{exercise}:\n{}", done.stdout))
    };
    let compile = row("alice", "compile_fail");
    assert_eq!(compile[2..6], ["basics", "1", "compile-error", "1"]);
    assert_eq!(compile[6], "");
    assert_eq!(compile[7], "E0382");
    assert_eq!(compile[8], "", "not a predict item");
    let test_fail = row("Eve, \"the\" tester", "test_fail");
    assert_eq!(test_fail[4], "passed");
    assert_eq!(test_fail[5], "4");
    assert!(test_fail[6].parse::<u64>().is_ok(), "{test_fail:?}");
    assert_eq!(row("Eve, \"the\" tester", &answered)[8], "yes");
}

#[test]
fn html_is_one_self_contained_page_with_learner_text_escaped() {
    let dir = Kit::empty();
    let mut mallory = report_of("alice");
    mallory["learner"] = "<script>alert('x')</script>".into();
    mallory["exercises"][1]["error_codes_met"] = serde_json::json!(["E0599\"><img src=x>"]);
    dir.write("m.json", &mallory.to_string());
    for learner in ["bob", "carol"] {
        let from = cohort().join(format!("{learner}.json"));
        std::fs::copy(from, dir.path().join(format!("{learner}.json"))).unwrap();
    }
    let html = report(&[path_str(dir.path()), "--format", "html"])
        .code(SUCCESS)
        .stdout;
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("E0599&quot;&gt;&lt;img src=x&gt;"));
    let lower = html.to_lowercase();
    for forbidden in ["<script", "<img", "<link", "src=\"", "@import", "url("] {
        assert!(!lower.contains(forbidden), "the page has {forbidden:?}");
    }
    assert_eq!(html.matches("<table class=\"heat\">").count(), 1);
    assert_eq!(html.matches("<th class=\"learner\"").count(), 3);
    assert_eq!(html.matches("<td class=\"h ").count(), 3 * 6);
    assert_eq!(html.matches("<th class=\"ex\"").count(), 6);
    for section in [
        "id=\"heatmap\"",
        "id=\"stuck\"",
        "id=\"time\"",
        "id=\"errors\"",
    ] {
        assert!(html.contains(section), "{section}");
    }
    let errors = html.split("id=\"errors\"").nth(1).unwrap();
    assert!(errors.contains("error_codes/E0382.html"), "{errors}");
    // bob passed test_fail on his fourth version; carol on her fourth too.
    assert!(html.contains("class=\"h p2\" title=\"bob · test_fail: passed, 4 attempts"));
}

#[test]
fn a_grade_report_gives_one_learner_per_entry() {
    let dir = Kit::empty();
    let grade = serde_json::json!({
        "schema": "cargo-rustskill/grade/v1",
        "tool_version": "0.1.0",
        "kit": "fixture",
        "learners": [
            { "learner": "frank", "path": "/repos/frank", "report": report_of("alice") },
            { "learner": "grace", "path": "/repos/grace", "report": report_of("carol") },
            { "learner": "heidi", "path": "/repos/heidi", "report": null,
              "error": "not a kit: no info.toml" },
        ]
    });
    dir.write("cohort-2026.json", &grade.to_string());
    let done = report(&[path_str(&dir.path().join("cohort-2026.json"))])
        .code(SUCCESS)
        .stdout_has("2 learners, 6 exercises (kit fixture)")
        .stderr_has("\"heidi\")")
        .stderr_has("not a kit: no info.toml");
    assert!(
        done.stdout
            .lines()
            .any(|l| l.starts_with("frank ") && l.contains("0/6"))
    );
    assert!(
        done.stdout
            .lines()
            .any(|l| l.starts_with("grace ") && l.contains("4/6"))
    );
}

#[test]
fn malformed_and_foreign_files_are_named_and_skipped() {
    let dir = Kit::empty();
    std::fs::copy(cohort().join("bob.json"), dir.path().join("bob.json")).unwrap();
    dir.write(
        "broken.json",
        "{\"schema\": \"cargo-rustskill/verify/v1\", ",
    );
    dir.write(
        "foreign.json",
        "{\"schema\": \"someone-else/v3\", \"exercises\": []}",
    );
    dir.write("package.json", "{\"name\": \"not ours\"}");
    dir.write(
        "odd.json",
        "{\"schema\": \"cargo-rustskill/verify/v1\", \"exercises\": 7}",
    );
    dir.write("notes.txt", "not read: only .json files are searched for");
    report(&[path_str(dir.path())])
        .code(SUCCESS)
        .stdout_has("1 learner, 6 exercises")
        .stderr_has("broken.json: it is not valid JSON")
        .stderr_has("foreign.json: its schema is \"someone-else/v3\"")
        .stderr_has("package.json: it has no \"schema\" field")
        .stderr_has("odd.json: it says it is a cargo-rustskill/verify/v1 report but");
}

#[test]
fn nothing_readable_is_a_usage_error() {
    let dir = Kit::empty();
    dir.write("broken.json", "not json at all");
    report(&[
        path_str(&dir.path().join("broken.json")),
        path_str(&dir.path().join("missing.json")),
    ])
    .code(USAGE_OR_TOOL_ERROR)
    .stderr_has("broken.json: it is not valid JSON")
    .stderr_has("missing.json: no such file or folder")
    .stderr_has("no learner's results could be read");
    report(&[path_str(&dir.path().join("empty"))]).code(USAGE_OR_TOOL_ERROR);
}

#[test]
fn a_learner_kit_folder_is_read_from_its_committed_state() {
    let dave = cohort().join("dave");
    let done = report(&[path_str(&dave), "--format", "csv"])
        .code(SUCCESS)
        .stderr_has("events.jsonl:")
        .stderr_has("skipped a damaged line");
    let rows = parse_csv(&done.stdout);
    let row = |exercise: &str| rows.iter().find(|r| r[1] == exercise).unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(row("compile_fail")[0], "dave", "named after the folder");
    assert_eq!(row("compile_fail")[4], "passed");
    assert_eq!(row("compile_fail")[7], "E0382");
    assert_eq!(row("test_fail")[5], "4");
    assert_eq!(row("endless")[4], "timed-out");
    assert_eq!(row("strict")[4], "clippy");

    // Without its committed progress file, a kit folder is named and skipped.
    let bare = Kit::fixture("kit");
    std::fs::remove_dir_all(bare.path().join(".rustskill")).unwrap();
    report(&[
        path_str(bare.path()),
        path_str(&cohort().join("alice.json")),
    ])
    .code(SUCCESS)
    .stderr_has("it has no .rustskill/progress.toml")
    .stdout_has("1 learner, 6 exercises");
}

#[test]
fn the_output_file_picks_the_format_from_its_extension() {
    let dir = Kit::empty();
    let out = dir.path().join("out/cohort.csv");
    report(&[path_str(cohort()), "--output", path_str(&out)])
        .code(SUCCESS)
        .stderr_has("wrote ")
        .stderr_has("(4 learners, 6 exercises)");
    assert!(dir.read("out/cohort.csv").starts_with("learner,exercise,"));
    let txt = dir.path().join("cohort.txt");
    report(&[path_str(cohort()), "-o", path_str(&txt)]).code(SUCCESS);
    assert!(dir.read("cohort.txt").starts_with("4 learners"));
}

/// The heat-map colours the screenshot must show (from src/report/html.rs).
const PASSED_QUICKLY: [u8; 3] = [0x1a, 0x98, 0x50];
const PASSED_SLOWLY: [u8; 3] = [0x66, 0xbd, 0x63];
const STUCK: [u8; 3] = [0xfd, 0xae, 0x61];
const NOT_REACHED: [u8; 3] = [0xd9, 0xd9, 0xd9];

/// A legend swatch is 14 × 14 pixels; a heat-map cell at least 24 × 24 with a digit in it.
/// Counts above this can only come from cells.
const MORE_THAN_A_SWATCH: usize = 400;

#[test]
fn the_heat_map_renders_in_headless_chromium() {
    let Some(chromium) = find_on_path("chromium") else {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !ci,
            "chromium is not installed, and under CI this test must run: install Debian's \
             `chromium` package (apt-get install -y chromium)"
        );
        // Straight to stderr, past the test harness's capture, so the skip is seen.
        let _ = std::io::stderr().write_all(
            b"SKIPPED the_heat_map_renders_in_headless_chromium: chromium is not installed \
              (Debian: apt-get install -y chromium). Under CI this test fails instead.\n",
        );
        return;
    };
    let dir = Kit::empty();
    let html = dir.path().join("cohort.html");
    report(&[path_str(cohort()), "-o", path_str(&html)]).code(SUCCESS);
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-heatmap.png");
    let _ = std::fs::remove_file(&shot);
    screenshot(
        &chromium,
        &html,
        &shot,
        &dir.path().join("profile"),
        (1200, 900),
    );
    println!("screenshot of the report: {}", shot.display());

    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "the screenshot is {size} bytes: nothing rendered?"
    );
    let (width, height, pixels) = decode_rgb(&shot);
    assert_eq!((width, height), (1200, 900));
    for (name, colour, cells) in [
        ("passed in 1–2 attempts", PASSED_QUICKLY, 5),
        ("passed in 3–5 attempts", PASSED_SLOWLY, 3),
        ("stuck", STUCK, 5),
        ("not reached", NOT_REACHED, 5),
    ] {
        let count = pixels.iter().filter(|p| close(**p, colour)).count();
        assert!(
            count > cells * MORE_THAN_A_SWATCH,
            "the screenshot has {count} pixels of {name} ({colour:02x?}); the heat map has at \
             least {cells} such cells: did it render? See {}",
            shot.display()
        );
    }
}
