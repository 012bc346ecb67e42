//! Grading that cannot be fooled: `verify --graded` / `--canonical` and `grade`, each tamper
//! path closed, and the report formats CI systems read.

mod support;

use support::Kit;

const NOT_PASSING: i32 = 1;

/// An instructor's kit (the fixture) and a learner's copy of it.
fn instructor_and_learner() -> (Kit, Kit) {
    (Kit::fixture("kit"), Kit::fixture("kit"))
}

fn graded_json(learner: &Kit, instructor: &Kit) -> serde_json::Value {
    let canonical = instructor.path().to_str().unwrap();
    learner
        .cmd(&["verify", "--canonical", canonical, "--format", "json"])
        .run()
        .code(NOT_PASSING)
        .json()
}

fn exercise<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap()
}

#[test]
fn honest_work_is_graded_as_it_is() {
    let (instructor, learner) = instructor_and_learner();
    learner.solve("test_fail");
    learner.solve("panics");
    let report = graded_json(&learner, &instructor);
    assert_eq!(report["schema"], "cargo-rustskill/verify/v1");
    assert_eq!(exercise(&report, "test_fail")["status"], "passed");
    assert_eq!(exercise(&report, "panics")["status"], "passed");
    assert_eq!(exercise(&report, "compile_fail")["status"], "compile-error");
    assert_eq!(report["passed"], 2);
    assert_eq!(report["score"], 3);
    for e in report["exercises"].as_array().unwrap() {
        assert_eq!(e["tampered"].as_array().unwrap().len(), 0, "{e}");
    }
}

#[test]
fn editing_the_tests_is_tampering_and_the_real_verdict_still_shows() {
    let (instructor, learner) = instructor_and_learner();
    let weakened = learner
        .read("exercises/basics/test_fail.rs")
        .replace("assert_eq!(double(5), 10);", "");
    learner.write("exercises/basics/test_fail.rs", &weakened);
    let report = graded_json(&learner, &instructor);
    let e = exercise(&report, "test_fail");
    assert_eq!(e["status"], "tampered");
    assert_eq!(e["points"], 0);
    assert_eq!(e["tampered"][0], "the test module was changed");
    assert!(
        e["summary"].as_str().unwrap().contains("tests::doubles"),
        "judged against the original tests: {e}"
    );
}

#[test]
fn deleting_the_test_module_is_tampering() {
    let (instructor, learner) = instructor_and_learner();
    let source = learner.read("exercises/basics/panics.rs");
    let without_tests = &source[..source.find("#[cfg(test)]").unwrap()];
    learner.write("exercises/basics/panics.rs", without_tests);
    let report = graded_json(&learner, &instructor);
    let e = exercise(&report, "panics");
    assert_eq!(e["tampered"][0], "the test module was removed");
    assert_eq!(e["status"], "tampered");
}

#[test]
fn a_macro_override_cannot_disable_the_assertions() {
    let (instructor, learner) = instructor_and_learner();
    // A learner's assert_eq! that checks nothing, above the canonical test module.
    let cheat = learner.read("exercises/basics/test_fail.rs").replace(
        "fn main() {}",
        "fn main() {}\n\nmacro_rules! assert_eq {\n    ($($t:tt)*) => {};\n}",
    );
    learner.write("exercises/basics/test_fail.rs", &cheat);
    let report = graded_json(&learner, &instructor);
    let e = exercise(&report, "test_fail");
    assert_eq!(
        e["status"], "failed",
        "the canonical assertions still ran: {e}"
    );
    assert_eq!(e["failing_tests"][0]["name"], "tests::doubles");
}

#[test]
fn cheat_only_constructs_are_rejected() {
    let (instructor, learner) = instructor_and_learner();
    let cases = [
        (
            "compile_fail",
            "fn main() {}",
            "fn main() {}\nfn leave() { std::process::exit(0) }",
            "`exit` ends the test process",
        ),
        (
            "test_fail",
            "fn main() {}",
            "fn main() {}\n#[cfg(test)]\nfn double_for_tests() {}",
            "cfg(test)",
        ),
        (
            "panics",
            "fn main() {}",
            "fn main() {}\n#[unsafe(link_section = \".init_array\")]\nstatic EARLY: u8 = 0;",
            "`#[link_section]`",
        ),
        (
            "endless",
            "//! Loops must end.",
            "#![no_implicit_prelude]\n//! Loops must end.",
            "`#![no_implicit_prelude]`",
        ),
    ];
    for (name, from, to, _) in cases {
        let path = format!("exercises/basics/{name}.rs");
        learner.write(&path, &learner.read(&path).replacen(from, to, 1));
    }
    let report = graded_json(&learner, &instructor);
    for (name, _, _, says) in cases {
        let e = exercise(&report, name);
        assert_eq!(e["status"], "tampered", "{name}: {e}");
        assert!(
            e["tampered"][0].as_str().unwrap().contains(says),
            "{name}: {e}"
        );
    }
}

#[test]
fn re_moding_an_exercise_or_adding_build_configuration_is_tampering() {
    let (instructor, learner) = instructor_and_learner();
    learner.solve("strict");
    let info = learner
        .read("info.toml")
        .replace("strict_clippy = true", "strict_clippy = false");
    learner.write("info.toml", &info);
    learner.write(
        ".cargo/config.toml",
        "[build]\nrustflags = [\"--cfg\", \"test\"]\n",
    );
    let report = graded_json(&learner, &instructor);
    let e = exercise(&report, "strict");
    assert_eq!(e["status"], "tampered");
    let tampered: Vec<&str> = e["tampered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(
        tampered.iter().any(|t| t.contains(".cargo/config.toml")),
        "{tampered:?}"
    );
    assert!(
        tampered
            .iter()
            .any(|t| t.contains("how the exercise is judged was changed")),
        "{tampered:?}"
    );
}

#[test]
fn dropping_an_exercise_from_info_toml_is_tampering() {
    let (instructor, learner) = instructor_and_learner();
    let info = learner.read("info.toml");
    let start = info.find("[[exercises]]\nname = \"endless\"").unwrap();
    let end = start
        + info[start..]
            .find("[[exercises]]\nname = \"run_main\"")
            .unwrap();
    learner.write("info.toml", &format!("{}{}", &info[..start], &info[end..]));
    let report = graded_json(&learner, &instructor);
    assert_eq!(report["total"], 6, "graded against the canonical list");
    assert_eq!(
        exercise(&report, "endless")["tampered"][0],
        "info.toml: the exercise was removed"
    );
}

#[test]
fn junit_reads_back_against_its_schema() {
    let kit = Kit::fixture("kit");
    kit.solve("panics");
    let out = kit.path().join("junit.xml");
    kit.cmd(&[
        "verify",
        "--format",
        "junit",
        "--output",
        out.to_str().unwrap(),
    ])
    .run()
    .code(NOT_PASSING)
    .stdout_has("Report written to");
    let text = std::fs::read_to_string(out).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("6"));
    assert_eq!(root.attribute("failures"), Some("5"));
    let cases: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 6);
    for case in &cases {
        assert!(case.parent().unwrap().has_tag_name("testsuite"));
        for attribute in ["classname", "name", "time"] {
            assert!(
                case.attribute(attribute).is_some(),
                "testcase has {attribute}"
            );
        }
        let failure = case.children().find(|n| n.has_tag_name("failure"));
        let passed = case.attribute("name") == Some("panics");
        assert_eq!(failure.is_none(), passed, "{:?}", case.attribute("name"));
        if let Some(failure) = failure {
            assert!(failure.attribute("message").is_some() && failure.attribute("type").is_some());
        }
    }
    let compile = cases
        .iter()
        .find(|c| c.attribute("name") == Some("compile_fail"))
        .unwrap();
    let failure = compile
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert!(failure.text().unwrap().contains("error[E0382]"));
}

#[test]
fn github_annotations_point_at_the_learners_lines_and_the_summary_is_written() {
    let kit = Kit::fixture("kit");
    let summary = kit.path().join("summary.md");
    let done = kit
        .cmd(&["verify", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())
        .run()
        .code(NOT_PASSING);
    assert!(
        done.stdout.contains("::error file=exercises/basics/compile_fail.rs,line=9,title=compile_fail%3A compile-error::"),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout.contains(
            "::error file=exercises/basics/test_fail.rs,line=15,title=test_fail%3A failed::"
        ),
        "{}",
        done.stdout
    );
    let markdown = std::fs::read_to_string(summary).unwrap();
    assert!(
        markdown.starts_with("## fixture: 0/6 exercises passing, 0/10 points"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| 1 | `compile_fail` | basics | ❌ compile-error | 0/1 |"),
        "{markdown}"
    );
}

#[test]
fn a_run_time_limit_still_gives_a_complete_report() {
    let kit = Kit::fixture("kit");
    let report = kit
        .cmd(&[
            "verify",
            "--format",
            "json",
            "--time-limit",
            "0.2",
            "--no-cache",
        ])
        .run()
        .code(NOT_PASSING)
        .json();
    assert_eq!(report["exercises"].as_array().unwrap().len(), 6);
    assert_eq!(report["exercises"][0]["status"], "not-judged");
}

#[test]
fn grade_over_several_learners_is_the_grade_of_record() {
    let instructor = Kit::fixture("kit");
    let cohort = Kit::empty();
    let honest = cohort.path().join("ada");
    let cheater = cohort.path().join("bob");
    support::copy_dir(instructor.path(), &honest);
    support::copy_dir(instructor.path(), &cheater);
    std::fs::copy(
        instructor.path().join("solutions/basics/test_fail.rs"),
        honest.join("exercises/basics/test_fail.rs"),
    )
    .unwrap();
    let gutted = std::fs::read_to_string(cheater.join("exercises/basics/test_fail.rs"))
        .unwrap()
        .replace("assert_eq!(double(5), 10);", "");
    std::fs::write(cheater.join("exercises/basics/test_fail.rs"), gutted).unwrap();

    let human = instructor
        .cmd(&["grade", honest.to_str().unwrap(), cheater.to_str().unwrap()])
        .run()
        .code(NOT_PASSING);
    assert!(
        human.stdout.contains("ada") && human.stdout.contains("1/6"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("bob") && human.stdout.contains("1 tampered"),
        "{}",
        human.stdout
    );

    let out = cohort.path().join("grades.json");
    instructor
        .cmd(&[
            "grade",
            honest.to_str().unwrap(),
            cheater.to_str().unwrap(),
            "--format",
            "json",
            "--output",
            out.to_str().unwrap(),
        ])
        .run()
        .code(NOT_PASSING);
    let grades: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(grades["schema"], "cargo-rustskill/grade/v1");
    let learners = grades["learners"].as_array().unwrap();
    assert_eq!(learners[0]["learner"], "ada");
    assert_eq!(
        exercise(&learners[0]["report"], "test_fail")["status"],
        "passed"
    );
    assert_eq!(learners[1]["learner"], "bob");
    assert_eq!(
        exercise(&learners[1]["report"], "test_fail")["status"],
        "tampered"
    );
    assert_eq!(learners[1]["report"]["score"], 0);
}

#[test]
fn init_writes_ci_workflows_that_pin_this_version() {
    let dir = Kit::empty();
    dir.cmd(&["init", "gh", "--ci", "github", "--no-build"])
        .run()
        .code(0);
    let workflow =
        std::fs::read_to_string(dir.path().join("gh/.github/workflows/rustskill.yml")).unwrap();
    assert!(workflow.contains(&format!(
        "cargo install cargo-rustskill --version ={} --locked",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(workflow.contains("cargo rustskill verify --graded --format github"));
    dir.cmd(&["init", "gl", "--ci", "gitlab", "--no-build"])
        .run()
        .code(0);
    let gitlab = std::fs::read_to_string(dir.path().join("gl/.gitlab-ci.yml")).unwrap();
    assert!(gitlab.contains("junit: rustskill-junit.xml"));
}
