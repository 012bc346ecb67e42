//! Integration tests: the real binary against fixture kits copied into temporary folders.

mod support;

use support::Kit;

/// Exit codes, as documented in the README.
const SUCCESS: i32 = 0;
const NOT_PASSING: i32 = 1;
const USAGE_OR_TOOL_ERROR: i32 = 2;

#[test]
fn works_as_a_cargo_subcommand_and_directly() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["rustskill", "hint", "test_fail"])
        .run()
        .code(SUCCESS)
        .stdout_has("Multiply, do not add.");
    kit.cmd(&["hint", "test_fail"])
        .run()
        .code(SUCCESS)
        .stdout_has("Multiply, do not add.");
}

#[test]
fn run_reports_a_compile_error_with_the_compilers_rendering() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["run", "compile_fail", "--color", "never"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("error[E0382]: borrow of moved value: `name`")
        .stdout_has("exercises/basics/compile_fail.rs")
        .stdout_has("1 compile error (E0382)")
        .stdout_lacks("\x1b[");
}

#[test]
fn run_passes_once_fixed_and_moves_on() {
    let kit = Kit::fixture("kit");
    kit.solve("compile_fail");
    kit.cmd(&["run"])
        .run()
        .code(SUCCESS)
        .stdout_has("passed")
        .stdout_has("A String moves on assignment.")
        .stdout_has("Next up: test_fail");
    let progress = kit.read(".rustskill/progress.toml");
    assert!(progress.contains("current = \"test_fail\""), "{progress}");
    assert!(progress.contains("solved = true"), "{progress}");
}

#[test]
fn failing_tests_are_named_with_their_output() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["run", "test_fail"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("2 of 3 tests failed: tests::doubles")
        .stdout_has("left: 15")
        .stdout_lacks("---- tests::doubles_zero");
}

#[test]
fn a_panic_is_reported() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["run", "panics"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("there is always a word");
    kit.cmd(&["run", "run_main"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("main panicked")
        .stdout_has("ParseIntError");
}

#[test]
fn an_endless_loop_times_out_and_names_the_test() {
    let kit = Kit::fixture("kit");
    let started = std::time::Instant::now();
    kit.cmd(&["run", "endless"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("timed out after 1 s; still running: tests::counts_down");
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn a_main_that_prints_forever_is_drained_capped_and_stopped() {
    let kit = Kit::fixture("kit");
    kit.write(
        "exercises/basics/run_main.rs",
        "fn main() {\n    loop {\n        println!(\"spam\");\n    }\n}\n",
    );
    let done = kit
        .cmd(&["run", "run_main"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("timed out after 5 s");
    assert!(
        done.stdout.contains("bytes of output not shown"),
        "the middle of the output is dropped"
    );
    assert!(
        done.stdout.len() < 2_000_000,
        "output is capped, got {} bytes",
        done.stdout.len()
    );
}

#[test]
fn run_mode_judges_main() {
    let kit = Kit::fixture("kit");
    kit.solve("run_main");
    kit.cmd(&["run", "run_main"])
        .run()
        .code(SUCCESS)
        .stdout_has("passed");
}

#[test]
fn strict_clippy_is_part_of_the_verdict() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["run", "strict"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("needless_range_loop");
    kit.solve("strict");
    kit.cmd(&["run", "strict"]).run().code(SUCCESS);
}

#[test]
fn a_forbidden_shortcut_does_not_pass() {
    let kit = Kit::fixture("kit");
    let dodged = kit
        .read("exercises/basics/compile_fail.rs")
        .replace("greeting(name);", "greeting(name.clone());");
    kit.write("exercises/basics/compile_fail.rs", &dodged);
    kit.cmd(&["run", "compile_fail"])
        .run()
        .code(NOT_PASSING)
        .stdout_has(
            "line 8: `clone` is not allowed here (forbid clone): borrow instead of copying",
        );
}

#[test]
fn verify_judges_everything_and_reuses_verdicts() {
    let kit = Kit::fixture("kit");
    let first = kit.cmd(&["verify"]).run().code(NOT_PASSING);
    for line in [
        "✗   1 compile_fail",
        "✗   4 endless",
        "0/6 exercises passing",
    ] {
        assert!(first.stdout.contains(line), "{line:?} in\n{}", first.stdout);
    }
    for name in [
        "compile_fail",
        "test_fail",
        "panics",
        "endless",
        "run_main",
        "strict",
    ] {
        kit.solve(name);
    }
    let solved = kit
        .cmd(&["verify"])
        .run()
        .code(SUCCESS)
        .stdout_has("6/6 exercises passing");
    assert!(!solved.stdout.contains('✗'), "{}", solved.stdout);
    // Break one again: only it is judged afresh, the rest come from the cache.
    kit.write(
        "exercises/basics/test_fail.rs",
        &kit.read("exercises/basics/test_fail.rs")
            .replace("x * 2", "x * 3"),
    );
    kit.cmd(&["verify"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("5/6 exercises passing");
    let progress = kit.read(".rustskill/progress.toml");
    assert!(
        progress.contains("attempts = 3"),
        "test_fail was judged three times:\n{progress}"
    );
}

#[test]
fn verify_json_is_a_versioned_report() {
    let kit = Kit::fixture("kit");
    kit.solve("panics");
    let done = kit
        .cmd(&["verify", "--format", "json"])
        .run()
        .code(NOT_PASSING);
    let report = done.json();
    assert_eq!(report["schema"], "cargo-rustskill/verify/v1");
    assert_eq!(report["total"], 6);
    assert_eq!(report["passed"], 1);
    let exercises = report["exercises"].as_array().unwrap();
    assert_eq!(exercises[0]["status"], "compile-error");
    assert_eq!(exercises[0]["error_codes"][0], "E0382");
    let failing: Vec<&str> = exercises[1]["failing_tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(failing.contains(&"tests::doubles"), "{failing:?}");
    assert_eq!(exercises[2]["status"], "passed");
    assert_eq!(exercises[2]["points"], 2);
    assert_eq!(exercises[3]["status"], "timed-out");
    assert_eq!(exercises[0]["attempts"], 1);
    assert_eq!(exercises[0]["error_codes_met"][0], "E0382");
    assert!(exercises[0]["first_attempt"].is_string());
    assert_eq!(exercises[2]["time_to_solve_secs"], 0);
}

/// The whole JSON report, its volatile parts redacted: the tool's version, times, and what
/// the compiler and test binaries printed (their wording and test order vary by toolchain).
#[test]
fn verify_json_snapshot() {
    let kit = Kit::fixture("kit");
    kit.solve("panics");
    let mut report = kit
        .cmd(&["verify", "--format", "json"])
        .run()
        .code(NOT_PASSING)
        .json();
    report["tool_version"] = "[version]".into();
    for exercise in report["exercises"].as_array_mut().unwrap() {
        for field in [
            "duration_secs",
            "first_attempt",
            "last_attempt",
            "solved_at",
        ] {
            if !exercise[field].is_null() {
                exercise[field] = "[time]".into();
            }
        }
        for field in ["details", "summary"] {
            exercise[field] = "[printed]".into();
        }
        let mut failing: Vec<String> = exercise["failing_tests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_owned())
            .collect();
        failing.sort();
        exercise["failing_tests"] = failing.into();
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&report).unwrap());
}

#[test]
fn list_shows_order_status_and_json() {
    let kit = Kit::fixture("kit");
    kit.solve("compile_fail");
    kit.cmd(&["run"]).run().code(SUCCESS);
    let done = kit.cmd(&["list"]).run().code(SUCCESS);
    assert!(
        done.stdout
            .contains("    1  compile_fail  basics      1  solved"),
        "{}",
        done.stdout
    );
    assert!(done.stdout.contains(">   2  test_fail"), "{}", done.stdout);
    assert!(done.stdout.contains("1/6 solved"), "{}", done.stdout);
    let json = kit.cmd(&["list", "--json"]).run().code(SUCCESS).json();
    assert_eq!(json["solved"], 1);
    assert_eq!(json["exercises"][1]["current"], true);
}

#[test]
fn unknown_names_get_a_suggestion() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["run", "test_fial"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("no exercise named `test_fial`; did you mean `test_fail`?");
}

#[test]
fn outside_a_kit_the_tool_says_how_to_make_one() {
    let dir = Kit::empty();
    dir.cmd(&["list"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("cargo rustskill init");
}

#[test]
fn a_malformed_info_toml_names_file_line_and_key() {
    let kit = Kit::fixture("kit");
    let info = kit
        .read("info.toml")
        .replacen("hint = \"Return None", "hnit = \"Return None", 1);
    kit.write("info.toml", &info);
    let done = kit.cmd(&["list"]).run().code(USAGE_OR_TOOL_ERROR);
    assert!(
        done.stderr.contains("info.toml:36:1: unknown field `hnit`"),
        "{}",
        done.stderr
    );
}

#[test]
fn a_duplicate_name_and_a_missing_file_get_one_line_fixes() {
    let kit = Kit::fixture("kit");
    let info = kit
        .read("info.toml")
        .replacen("name = \"panics\"", "name = \"test_fail\"", 1);
    kit.write("info.toml", &info);
    kit.cmd(&["list"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("exercise name `test_fail` is used twice");

    let kit = Kit::fixture("kit");
    std::fs::remove_file(kit.path().join("exercises/basics/panics.rs")).unwrap();
    kit.cmd(&["run", "test_fail"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("exercises/basics/panics.rs is missing (exercise `panics`): `cargo rustskill reset panics` restores it");
}

#[test]
fn an_out_of_sync_manifest_says_how_to_fix_it() {
    let kit = Kit::fixture("kit");
    let info = kit
        .read("info.toml")
        .replace("name = \"strict\"", "name = \"strict_renamed\"");
    kit.write("info.toml", &info);
    std::fs::rename(
        kit.path().join("exercises/basics/strict.rs"),
        kit.path().join("exercises/basics/strict_renamed.rs"),
    )
    .unwrap();
    kit.cmd(&["run", "test_fail"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("dev/Cargo.toml has no target for exercise `strict_renamed`: run `cargo rustskill dev sync`");
}

#[test]
fn a_corrupt_progress_file_is_rebuilt_with_a_warning() {
    let kit = Kit::fixture("kit");
    kit.solve("test_fail");
    kit.cmd(&["run", "test_fail"]).run().code(SUCCESS);
    kit.write(".rustskill/progress.toml", "current = [unclosed");
    // Solved since, but not judged: the rebuilt record knows only what the log holds.
    kit.solve("panics");
    let done = kit
        .cmd(&["list"])
        .run()
        .code(SUCCESS)
        .stdout_has("1/6 solved");
    assert!(
        done.stdout
            .contains("    2  test_fail     basics      1  solved"),
        "{}",
        done.stdout
    );
    assert!(
        done.stderr.contains("progress file is unreadable")
            && done
                .stderr
                .contains("rebuilt it from .rustskill/events.jsonl (1 event)"),
        "{}",
        done.stderr
    );
    assert!(
        kit.read(".rustskill/progress.toml")
            .contains("current = \"compile_fail\"")
    );
}

#[test]
fn no_color_and_color_never_give_plain_output() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["run", "compile_fail", "--color", "always"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("\x1b[");
    kit.cmd(&["run", "compile_fail"])
        .env("NO_COLOR", "1")
        .run()
        .code(NOT_PASSING)
        .stdout_lacks("\x1b[");
}

#[test]
fn watch_mode_needs_a_terminal() {
    let kit = Kit::fixture("kit");
    kit.cmd(&[])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("cargo rustskill verify");
}

#[test]
fn a_rustlings_v6_kit_runs_unchanged() {
    let kit = Kit::fixture("rustlings");
    kit.cmd(&["verify"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("✗   1 intro1")
        .stdout_has("✓   2 intro2");
    kit.cmd(&["hint", "intro1"])
        .run()
        .code(SUCCESS)
        .stdout_has("Add the missing semicolon");
}

#[test]
fn dev_new_scaffolds_and_dev_check_reports_every_problem_at_once() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["dev", "new", "basics/ledger"])
        .run()
        .code(SUCCESS)
        .stdout_has("exercises/basics/ledger.rs");
    assert!(
        kit.read("info.toml")
            .contains("name = \"ledger\"\ndir = \"basics\"")
    );
    assert!(
        kit.read("dev/Cargo.toml")
            .contains("path = \"../solutions/basics/ledger.rs\"")
    );
    kit.cmd(&["dev", "new", "basics/ledger"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("already has an exercise named `ledger`");

    // Three problems at once: the skeleton passes as shipped, a solution is broken, a file is orphaned.
    kit.write(
        "solutions/basics/panics.rs",
        &kit.read("exercises/basics/panics.rs"),
    );
    kit.write("exercises/basics/stray.rs", "fn main() {}\n");
    let done = kit.cmd(&["dev", "check"]).run().code(NOT_PASSING);
    for problem in [
        "exercises/basics/ledger.rs: should fail with `test` but it passes",
        "solutions/basics/panics.rs: the solution does not pass",
        "exercises/basics/stray.rs is not listed in info.toml",
        "3 problem(s) in the kit.",
    ] {
        assert!(
            done.stdout.contains(problem),
            "{problem:?} in\n{}",
            done.stdout
        );
    }
}

#[test]
fn a_too_old_rustc_is_named_with_the_fix() {
    let kit = Kit::fixture("kit");
    kit.write(
        "info.toml",
        &kit.read("info.toml")
            .replace("min_rust = \"1.85\"", "min_rust = \"9.0\""),
    );
    kit.cmd(&["run", "test_fail"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("this kit needs Rust 9.0 or newer")
        .stderr_has("rustup update stable");
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let kit = Kit::fixture("kit");
    // More output than a pipe holds: read one byte of it, then close the pipe.
    let long_hint = "a very long hint ".repeat(20_000);
    kit.write(
        "info.toml",
        &kit.read("info.toml")
            .replace("Multiply, do not add.", &long_hint),
    );
    let mut child = Command::new(support::BIN)
        .args(["hint", "test_fail"])
        .current_dir(kit.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn hints_come_in_tiers_one_at_a_time_and_are_recorded() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["hint", "test_fail"])
        .run()
        .code(SUCCESS)
        .stdout_has("Hint 1 of 3 for test_fail:\nMultiply, do not add.")
        .stdout_lacks("The `*` operator")
        .stdout_has("shows the next one");
    assert!(kit.read(".rustskill/progress.toml").contains("hints = 1"));
    kit.cmd(&["hint", "test_fail"])
        .run()
        .code(SUCCESS)
        .stdout_has("Multiply, do not add.")
        .stdout_has("Hint 2 of 3 for test_fail:\nThe `*` operator, not `+`.")
        .stdout_lacks("Two times");
    kit.cmd(&["hint", "test_fail"]).run().code(SUCCESS);
    kit.cmd(&["hint", "test_fail"])
        .run()
        .code(SUCCESS)
        .stdout_has("Hint 3 of 3")
        .stdout_has("That is every hint");
    assert!(kit.read(".rustskill/progress.toml").contains("hints = 3"));
}

#[test]
fn dev_check_runs_every_dodge_and_a_passing_one_is_a_kit_bug() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["dev", "check", "--color", "never"])
        .run()
        .code(SUCCESS)
        .stdout_has("dodges/basics/compile_fail.clone.rs: constraint (forbid clone)")
        .stdout_has("dodges/basics/test_fail.constants.rs: test (tests::doubles_negatives)")
        .stdout_has("2 dodges, every one rejected.");

    // A shortcut nobody closed: the solution itself, as a dodge of an exercise without tests
    // that could tell. dev check says so, and `dev sync` is needed first.
    kit.write(
        "dodges/basics/panics.same.rs",
        &kit.read("solutions/basics/panics.rs"),
    );
    kit.write("dodges/basics/nosuch.1.rs", "fn main() {}\n");
    kit.cmd(&["dev", "check", "--color", "never"])
        .run()
        .code(NOT_PASSING)
        .stdout_has(
            "dodges/basics/panics.same.rs is not in the manifest: run `cargo rustskill dev sync`",
        )
        .stdout_has("dodges/basics/nosuch.1.rs names no exercise");
    kit.cmd(&["dev", "sync"]).run().code(SUCCESS);
    kit.cmd(&["dev", "check", "--color", "never"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("dodges/basics/panics.same.rs: this shortcut passes `panics`")
        .stdout_has("2 problem(s) in the kit.");
}

#[test]
fn a_required_construct_must_appear_in_the_learners_code() {
    let kit = Kit::fixture("kit");
    kit.write(
        "info.toml",
        &kit.read("info.toml").replace(
            "explanation = \"Doubling is multiplying by two.\"",
            "explanation = \"Doubling is multiplying by two.\"\nconstraints = [{ require = \"checked_mul\", why = \"overflow must be caught\" }]",
        ),
    );
    kit.solve("test_fail");
    kit.cmd(&["run", "test_fail", "--color", "never"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("leaves out what the lesson asks for (require checked_mul)")
        .stdout_has("overflow must be caught");
    kit.write(
        "info.toml",
        &kit.read("info.toml")
            .replace("require = \"checked_mul\"", "require = \"=>\""),
    );
    kit.cmd(&["run", "test_fail"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("info.toml:")
        .stderr_has("`=>` is neither a group");
}

#[test]
fn a_rustlings_kit_with_its_own_dependencies_keeps_working() {
    let kit = Kit::fixture("rustlings");
    let manifest = kit
        .read("Cargo.toml")
        .replace("[dependencies]", "[dependencies]\nitoa = \"1\"");
    kit.write("Cargo.toml", &manifest);
    let uses_a_crate = "fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n\nfn main() {}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn adds() {\n        assert_eq!(itoa::Buffer::new().format(add(1, 2)), \"3\");\n    }\n}\n";
    kit.write("exercises/00_intro/intro3.rs", uses_a_crate);
    kit.cmd(&["run", "intro3"])
        .run()
        .code(SUCCESS)
        .stdout_has("passed");
    kit.cmd(&["verify"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("✓   3 intro3");
    assert_eq!(kit.read("Cargo.toml"), manifest, "its manifest is its own");

    // Graded against itself as the canonical kit, its dependencies come along.
    let learner = Kit::fixture("rustlings");
    learner.write("Cargo.toml", &manifest);
    learner.write("exercises/00_intro/intro3.rs", uses_a_crate);
    let canonical = kit.path().to_str().unwrap();
    let report = learner
        .cmd(&["verify", "--canonical", canonical, "--format", "json"])
        .run()
        .json();
    let intro3 = &report["exercises"][2];
    assert_eq!(intro3["status"], "passed", "{intro3}");
}
