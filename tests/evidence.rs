//! Graded runs decide on evidence: tricks that end or fake the test process, take over what
//! the canonical tests' names mean, lie through trait impls, or reach other exercises, each
//! through the real binary against the fixture kit. Hidden tests and `grade --partition`.

mod support;

use std::path::Path;

use serde_json::Value;
use support::Kit;

const NOT_PASSING: i32 = 1;

fn graded(learner: &Kit, instructor: &Kit, extra: &[&str]) -> Value {
    let canonical = instructor.path().to_str().unwrap();
    let mut args = vec!["verify", "--canonical", canonical, "--format", "json"];
    args.extend_from_slice(extra);
    learner.cmd(&args).run().code(NOT_PASSING).json()
}

fn exercise<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap()
}

/// Replaces `from` with `to` (once) in the learner's copy of exercise `name`.
fn edit(learner: &Kit, name: &str, from: &str, to: &str) {
    let path = format!("exercises/basics/{name}.rs");
    let text = learner.read(&path);
    assert!(text.contains(from), "{path} lacks {from:?}");
    learner.write(&path, &text.replacen(from, to, 1));
}

const DOUBLE: &str = "fn double(x: i32) -> i32 {\n    x * 3\n}";

#[test]
#[cfg(unix)]
fn ending_the_process_with_a_forged_summary_is_not_a_pass() {
    let (instructor, learner) = (Kit::fixture("kit"), Kit::fixture("kit"));
    // No word the old deny-list knew: print libtest's success, then replace the process with
    // `true` (exit 0), reached through a path rather than a method call.
    edit(
        &learner,
        "test_fail",
        DOUBLE,
        "fn double(x: i32) -> i32 {\n    println!(\"test tests::doubles ... ok\\ntest tests::doubles_zero ... ok\\ntest tests::doubles_negatives ... ok\\n\\ntest result: ok. 3 passed; 0 failed\");\n    let replace = std::os::unix::process::CommandExt::exec;\n    let _ = replace(&mut std::process::Command::new(\"true\"));\n    x * 3\n}",
    );
    // A record written by learner code to where the harness's file was.
    edit(
        &learner,
        "panics",
        "    let word = text",
        "    if let Ok(path) = std::env::var(\"RUSTSKILL_EVIDENCE\") {\n        let _ = std::fs::write(path, \"tests::empty_text_has_no_word 0123456789abcdef\\n\");\n    }\n    let replace = std::os::unix::process::CommandExt::exec;\n    let _ = replace(&mut std::process::Command::new(\"true\"));\n    let word = text",
    );
    let report = graded(&learner, &instructor, &[]);
    for name in ["test_fail", "panics"] {
        let e = exercise(&report, name);
        assert_ne!(e["status"], "passed", "{e}");
        assert_eq!(
            e["tampered"].as_array().unwrap().len(),
            0,
            "no token check fired: {e}"
        );
    }
    let e = exercise(&report, "test_fail");
    assert_eq!(e["status"], "crashed", "{e}");
    assert!(
        e["summary"].as_str().unwrap().contains("sent no evidence"),
        "{e}"
    );
}

#[test]
fn a_run_mode_main_must_return_to_pass() {
    let (instructor, learner) = (Kit::fixture("kit"), Kit::fixture("kit"));
    learner.write(
        "exercises/basics/run_main.rs",
        "//! main runs and must succeed.\n\nfn main() {\n    println!(\"sum = 3\");\n    std::process::exit(0);\n}\n",
    );
    let report = graded(&learner, &instructor, &[]);
    let e = exercise(&report, "run_main");
    assert_eq!(e["status"], "crashed", "{e}");
    assert!(
        e["summary"]
            .as_str()
            .unwrap()
            .contains("main ended the process before returning"),
        "{e}"
    );
    learner.solve("run_main");
    let report = graded(&learner, &instructor, &[]);
    assert_eq!(exercise(&report, "run_main")["status"], "passed");
}

/// Where a case puts its code in an exercise file.
#[derive(Clone, Copy)]
enum Put {
    /// Before the first line (crate attributes, a shebang).
    First,
    /// After everything (items after the test module are the learner's too).
    Last,
}

/// Every way in the issue and the threat model for a crate to change what the canonical
/// tests' names mean, or to read differently to rustc than to the grader: each either
/// tampered (with its reason) or harmless (the canonical tests still fail where they should),
/// never a pass. Harmless cases go in `test_fail`, tampered ones in the other exercises, a few
/// learners graded in one `grade`.
#[test]
fn name_resolution_and_reading_tricks_fail() {
    let instructor = Kit::fixture("kit");
    let harmless: &[&str] = &[
        "macro_rules! assert_eq { ($($t:tt)*) => {}; }",
        "use std::assert_ne as assert_eq;",
        "#[allow(dead_code)]\nstruct Vec;\n#[allow(dead_code)]\nfn drop() {}\n#[allow(unused_macros)]\nmacro_rules! vec { ($($t:tt)*) => {}; }",
    ];
    let tampered: &[(Put, &str, &str)] = &[
        (
            Put::First,
            "#![cfg_attr(all(), no_implicit_prelude)]\n",
            "no_implicit_prelude",
        ),
        (Put::First, "#!/usr/bin/env -S cargo run\n", "shebang"),
        (Put::Last, "extern crate core as std;", "extern crate"),
        (Put::Last, "mod std {}", "shadows"),
        (
            Put::Last,
            "#[path = \"../../solutions/basics/test_fail.rs\"]\nmod answer;",
            "#[path]",
        ),
        (
            Put::Last,
            "include!(\"../../solutions/basics/test_fail.rs\");",
            "include!",
        ),
        (Put::Last, "mod elsewhere;", "mod name;"),
        (
            Put::Last,
            "#[cfg(any(test))]\nfn only_tested() {}",
            "cfg(test)",
        ),
        (Put::Last, "fn tested() -> bool { cfg!(test) }", "cfg(test)"),
        (
            Put::Last,
            "#[test]\nfn mine() {}",
            "only the kit's own tests count",
        ),
        (
            Put::Last,
            "macro_rules! mine { () => { #[test] fn mine() {} }; }\nmine!();",
            "`#[test]` written by a macro",
        ),
        (
            Put::Last,
            "#[cfg_attr(all(), unsafe(link_section = \".init_array\"))]\nstatic EARLY: u8 = 0;",
            "link_section",
        ),
        (Put::Last, "fn a() {}\u{2028}fn b() {}", "U+2028"),
        (
            Put::Last,
            "macro_rules! hide { () => { unsafe { } } }",
            "`unsafe` written by a macro",
        ),
    ];
    let others = ["compile_fail", "panics", "endless", "strict", "run_main"];
    let learners = harmless.len().max(tampered.len().div_ceil(others.len()));
    let cohort = Kit::empty();
    let mut repos = Vec::new();
    let put = |repo: &Path, name: &str, put: Put, code: &str| {
        let path = repo.join(format!("exercises/basics/{name}.rs"));
        let text = std::fs::read_to_string(&path).unwrap();
        let text = match put {
            Put::First => format!("{code}{text}"),
            Put::Last => format!("{text}\n{code}\n"),
        };
        std::fs::write(&path, text).unwrap();
    };
    for i in 0..learners {
        let repo = cohort.path().join(format!("learner{i}"));
        support::copy_dir(instructor.path(), &repo);
        if let Some(code) = harmless.get(i) {
            put(&repo, "test_fail", Put::Last, code);
        }
        for (j, name) in others.iter().enumerate() {
            if let Some((at, code, _)) = tampered.get(i * others.len() + j) {
                put(&repo, name, *at, code);
            }
        }
        repos.push(repo.to_str().unwrap().to_owned());
    }
    let mut args = vec!["grade", "--format", "json"];
    args.extend(repos.iter().map(String::as_str));
    let grades = instructor.cmd(&args).run().code(NOT_PASSING).json();
    for (i, code) in harmless.iter().enumerate() {
        let e = exercise(&grades["learners"][i]["report"], "test_fail");
        assert_eq!(e["status"], "failed", "{code:?}: {e}");
        assert_eq!(e["failing_tests"][0]["name"], "tests::doubles", "{code:?}");
    }
    for (k, (_, code, reason)) in tampered.iter().enumerate() {
        let (i, j) = (k / others.len(), k % others.len());
        let e = exercise(&grades["learners"][i]["report"], others[j]);
        assert_eq!(e["status"], "tampered", "{code:?}: {e}");
        assert!(
            e["summary"].as_str().unwrap().contains(reason),
            "{code:?}: {e}"
        );
    }
}

#[test]
fn a_lying_partial_eq_is_tampering_unless_the_lesson_is_that_impl() {
    let (instructor, learner) = (Kit::fixture("kit"), Kit::fixture("kit"));
    // The instructor's test compares a learner type.
    for kit in [&instructor, &learner] {
        edit(
            kit,
            "test_fail",
            "fn main() {}",
            "#[derive(Debug, PartialEq)]\npub struct Doubled(pub i32);\n\npub fn doubled(x: i32) -> Doubled {\n    Doubled(double(x))\n}\n\nfn main() {}",
        );
        edit(
            kit,
            "test_fail",
            "use super::double;",
            "use super::{double, doubled, Doubled};",
        );
        edit(
            kit,
            "test_fail",
            "assert_eq!(double(5), 10);",
            "assert_eq!(double(5), 10);\n        assert_eq!(doubled(2), Doubled(4));",
        );
    }
    edit(
        &learner,
        "test_fail",
        "#[derive(Debug, PartialEq)]",
        "#[derive(Debug)]",
    );
    edit(
        &learner,
        "test_fail",
        "fn main() {}",
        "impl PartialEq for Doubled {\n    fn eq(&self, _: &Doubled) -> bool {\n        true\n    }\n}\n\nfn main() {}",
    );
    let report = graded(&learner, &instructor, &[]);
    let e = exercise(&report, "test_fail");
    assert_eq!(e["status"], "tampered", "{e}");
    assert!(
        e["summary"]
            .as_str()
            .unwrap()
            .contains("a hand-written `impl PartialEq`"),
        "{e}"
    );
    // Where the kit says the lesson is that impl, it is the learner's to write.
    let info = instructor.read("info.toml").replace(
        "name = \"test_fail\"\ndir = \"basics\"\n",
        "name = \"test_fail\"\ndir = \"basics\"\nmanual_impls = [\"PartialEq\"]\n",
    );
    instructor.write("info.toml", &info);
    learner.write("info.toml", &info);
    let report = graded(&learner, &instructor, &[]);
    assert_eq!(
        exercise(&report, "test_fail")["tampered"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

/// One exercise honestly solved whose code, while its tests run, rewrites every other test
/// binary it can find into a script that prints a passing summary: every other exercise is
/// still graded as it is, with the sandbox and without it.
#[test]
#[cfg(unix)]
fn one_exercise_cannot_change_the_others_verdicts() {
    let (instructor, baseline) = (Kit::fixture("kit"), Kit::fixture("kit"));
    baseline.solve("test_fail");
    let expected = graded(&baseline, &instructor, &[]);
    let learner = Kit::fixture("kit");
    learner.solve("test_fail");
    edit(
        &learner,
        "test_fail",
        "fn main() {}",
        r##"fn main() {}

/// Overwrites every file under the staging kit's target folder, and every evidence file.
fn sabotage() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.components().any(|c| c.as_os_str() == "deps" || c.as_os_str() == ".rustskill-run") {
                let _ = std::fs::write(&path, "#!/bin/sh\necho 'test result: ok. 9 passed; 0 failed'\nexit 0\n");
            }
        }
    }
}"##,
    );
    edit(
        &learner,
        "test_fail",
        "    x * 2",
        "    sabotage();\n    x * 2",
    );
    for sandbox in ["auto", "off"] {
        let report = graded(&learner, &instructor, &["--sandbox", sandbox]);
        for e in expected["exercises"].as_array().unwrap() {
            let name = e["name"].as_str().unwrap();
            assert_eq!(
                exercise(&report, name)["status"],
                e["status"],
                "--sandbox {sandbox}: {name}: {}",
                exercise(&report, name)
            );
        }
    }
}

#[test]
fn hidden_tests_catch_hard_coded_answers_and_stay_hidden() {
    let (instructor, learner) = (Kit::fixture("kit"), Kit::fixture("kit"));
    instructor.write(
        "hidden/basics/test_fail.rs",
        "#[cfg(test)]\nmod hidden {\n    use super::double;\n\n    #[test]\n    fn doubles_seven() {\n        assert_eq!(double(7), 14, \"SECRET-ASSERTION\");\n    }\n}\n",
    );
    edit(
        &learner,
        "test_fail",
        "    x * 3",
        "    match x {\n        5 => 10,\n        -4 => -8,\n        _ => 0,\n    }",
    );
    let report = graded(&learner, &instructor, &[]);
    let e = exercise(&report, "test_fail");
    assert_eq!(e["status"], "failed", "{e}");
    assert_eq!(e["failing_tests"][0]["name"], "hidden test 1", "{e}");
    assert_eq!(
        e["hidden_tests"],
        serde_json::json!({"ran": 1, "passed": 0}),
        "{e}"
    );
    let text = report.to_string();
    assert!(
        !text.contains("SECRET") && !text.contains("doubles_seven"),
        "{text}"
    );
    learner.solve("test_fail");
    let report = graded(&learner, &instructor, &[]);
    let e = exercise(&report, "test_fail");
    assert_eq!(e["status"], "passed", "{e}");
    assert_eq!(
        e["hidden_tests"],
        serde_json::json!({"ran": 1, "passed": 1})
    );
}

#[test]
fn partitions_grade_disjoint_shards_that_report_merges() {
    let instructor = Kit::fixture("kit");
    let cohort = Kit::empty();
    let names = ["ada", "bob", "cyd", "dee", "eve"];
    for name in names {
        support::copy_dir(instructor.path(), &cohort.path().join(name));
    }
    let repos: Vec<String> = names
        .iter()
        .map(|n| cohort.path().join(n).to_str().unwrap().to_owned())
        .collect();
    let mut graded_names = Vec::new();
    let mut outputs = Vec::new();
    for shard in ["count:1/2", "count:2/2"] {
        let out = cohort
            .path()
            .join(format!("{}.json", shard.replace([':', '/'], "-")));
        let mut args = vec![
            "grade",
            "--partition",
            shard,
            "--format",
            "json",
            "--output",
            out.to_str().unwrap(),
        ];
        args.extend(repos.iter().map(String::as_str));
        instructor.cmd(&args).run().code(NOT_PASSING);
        let report: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(report["partition"], shard);
        for learner in report["learners"].as_array().unwrap() {
            graded_names.push(learner["learner"].as_str().unwrap().to_owned());
        }
        outputs.push(out);
    }
    assert_eq!(graded_names, ["ada", "cyd", "eve", "bob", "dee"]);
    let merged = instructor
        .cmd(&[
            "report",
            outputs[0].to_str().unwrap(),
            outputs[1].to_str().unwrap(),
            "--format",
            "csv",
        ])
        .run()
        .code(0);
    for name in names {
        assert!(merged.stdout.contains(name), "{}", merged.stdout);
    }
    instructor
        .cmd(&["grade", "--partition", "3/2", repos[0].as_str()])
        .run()
        .code(2)
        .stderr_has("--partition 3/2: write `count:K/N` or `hash:K/N`");
}

#[test]
fn a_kits_source_repository_grades_like_a_learners_kit() {
    let (instructor, repository) = (Kit::fixture("kit"), Kit::fixture("kit"));
    // The tool's own manifest and build script at the root, the exercises' in dev/.
    repository.write(
        "Cargo.toml",
        "[package]\nname = \"cargo-rustskill\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
    );
    repository.write("build.rs", "fn main() {}\n");
    let report = graded(&repository, &instructor, &[]);
    for e in report["exercises"].as_array().unwrap() {
        assert_eq!(e["tampered"].as_array().unwrap().len(), 0, "{e}");
    }
    assert_eq!(exercise(&report, "test_fail")["status"], "failed");
}

/// The instructor's workflow in the README: its `grade` and `report` steps, run as written
/// (one shard of one, two learners, the fixture kit as the instructor's).
#[test]
fn the_readmes_cohort_workflow_runs_as_written() {
    let readme = std::fs::read_to_string(support::repo_root().join("README.md")).unwrap();
    let start = readme
        .find("```yaml\nname: grade")
        .expect("the workflow block");
    let block = &readme[start..start + readme[start..].find("\n```\n").unwrap()];
    let step = |command: &str| -> Vec<String> {
        let line = block
            .lines()
            .find(|l| l.contains(&format!("cargo rustskill {command}")))
            .unwrap_or_else(|| panic!("no `{command}` step"));
        let args = line.split("cargo rustskill ").nth(1).unwrap();
        args.replace("${{ matrix.shard }}/4", "1/1")
            .replace("${{ matrix.shard }}", "1")
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    let instructor = Kit::fixture("kit");
    let learners = instructor.path().join("learners");
    for name in ["ada", "bob"] {
        support::copy_dir(
            &support::repo_root().join("tests/fixtures/kit"),
            &learners.join(name),
        );
    }
    let mut grade: Vec<String> = Vec::new();
    for arg in step("grade") {
        if arg == "learners/*" {
            grade.extend(["learners/ada".to_owned(), "learners/bob".to_owned()]);
        } else {
            grade.push(arg);
        }
    }
    let grade: Vec<&str> = grade.iter().map(String::as_str).collect();
    instructor.cmd(&grade).run().code(NOT_PASSING);
    // The artifact lands in a folder of its name, as download-artifact writes it.
    let artifact = instructor.path().join("grades-1");
    std::fs::create_dir_all(&artifact).unwrap();
    std::fs::rename(
        instructor.path().join("grades-1.json"),
        artifact.join("grades-1.json"),
    )
    .unwrap();
    let report: Vec<String> = step("report")
        .into_iter()
        .map(|a| {
            if a == "grades-*/" {
                "grades-1/".to_owned()
            } else {
                a
            }
        })
        .collect();
    let report: Vec<&str> = report.iter().map(String::as_str).collect();
    instructor.cmd(&report).run().code(0);
    let html = std::fs::read_to_string(instructor.path().join("cohort.html")).unwrap();
    assert!(html.contains("ada") && html.contains("bob"));
}
