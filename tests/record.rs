//! The learner's record survives everything (issue: nothing lost): a cut-short run changes
//! nothing it did not judge, a lost progress file is rebuilt from the events log, opening a
//! session judges nothing by itself, resets can be undone, and upgrades keep the learner's work.

mod support;

use support::Kit;

const NOT_PASSING: i32 = 1;
const SUCCESS: i32 = 0;

#[test]
fn a_time_limited_verify_leaves_the_record_of_what_it_did_not_judge_byte_for_byte() {
    let kit = Kit::fixture("kit");
    kit.solve("test_fail");
    kit.cmd(&["run", "test_fail"]).run().code(SUCCESS);
    kit.cmd(&["run", "compile_fail"]).run().code(NOT_PASSING);
    let progress = kit.read(".rustskill/progress.toml");
    let events = kit.read(".rustskill/events.jsonl");
    assert!(progress.contains("solved = true"), "{progress}");

    let report = kit
        .cmd(&["verify", "--format", "json", "--time-limit", "0.05"])
        .run()
        .code(NOT_PASSING)
        .json();
    assert_eq!(
        kit.read(".rustskill/progress.toml"),
        progress,
        "progress untouched"
    );
    assert_eq!(
        kit.read(".rustskill/events.jsonl"),
        events,
        "no made-up attempts"
    );
    let status = |name: &str| {
        let exercises = report["exercises"].as_array().unwrap();
        let e = exercises.iter().find(|e| e["name"] == name).unwrap();
        (e["status"].clone(), e["last_known"].clone())
    };
    // Cached verdicts come back at once; the rest was cut short before cargo finished.
    assert_eq!(status("test_fail").0, "passed");
    assert_eq!(status("compile_fail").0, "compile-error");
    assert_eq!(
        status("panics"),
        ("not-judged".into(), serde_json::Value::Null)
    );
    assert_eq!(report["passed"], 1);

    let human = kit
        .cmd(&["verify", "--time-limit", "0.05"])
        .run()
        .code(NOT_PASSING);
    assert!(
        human
            .stdout
            .contains("not judged: the run was cut short first (last known: never judged)"),
        "{}",
        human.stdout
    );
    assert_eq!(kit.read(".rustskill/progress.toml"), progress);
}

#[test]
fn a_lost_or_corrupt_progress_file_is_rebuilt_from_the_log_with_nothing_lost() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["run", "test_fail"]).run().code(NOT_PASSING);
    kit.cmd(&["hint", "test_fail"]).run().code(SUCCESS);
    kit.cmd(&["hint", "test_fail"]).run().code(SUCCESS);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    kit.solve("test_fail");
    kit.cmd(&["run", "test_fail"]).run().code(SUCCESS);
    kit.cmd(&["run", "compile_fail"]).run().code(NOT_PASSING);
    let report_before = kit.cmd(&["verify", "--format", "json"]).run().json();
    let before = kit.read(".rustskill/progress.toml");
    assert!(
        before.contains("attempts = 2") && before.contains("hints = 2"),
        "{before}"
    );

    for damage in ["current = [unclosed", ""] {
        if damage.is_empty() {
            std::fs::remove_file(kit.path().join(".rustskill/progress.toml")).unwrap();
        } else {
            kit.write(".rustskill/progress.toml", damage);
        }
        let listed = kit.cmd(&["list"]).run().code(SUCCESS);
        assert!(
            listed
                .stderr
                .contains("rebuilt it from .rustskill/events.jsonl"),
            "{}",
            listed.stderr
        );
        // Attempts, first and last attempt, solved at and hint tiers: as they were (the
        // current exercise is the first unsolved one, as it was here).
        assert_eq!(
            kit.read(".rustskill/progress.toml"),
            before,
            "after {damage:?}"
        );
    }
    // Instructors' figures: the same time to solve, attempts and timestamps.
    let report_after = kit.cmd(&["verify", "--format", "json"]).run().json();
    for field in [
        "attempts",
        "first_attempt",
        "last_attempt",
        "solved_at",
        "time_to_solve_secs",
    ] {
        for i in 0..6 {
            assert_eq!(
                report_after["exercises"][i][field], report_before["exercises"][i][field],
                "{field} of exercise {i}"
            );
        }
    }
    assert!(
        report_after["exercises"][1]["time_to_solve_secs"]
            .as_u64()
            .unwrap()
            >= 1
    );
}

#[test]
fn a_torn_last_line_of_the_log_is_skipped_with_a_warning() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["run", "test_fail"]).run().code(NOT_PASSING);
    let log = kit.path().join(".rustskill/events.jsonl");
    let mut text = std::fs::read_to_string(&log).unwrap();
    text.push_str("{\"time\":\"2026-");
    std::fs::write(&log, text).unwrap();
    std::fs::remove_file(kit.path().join(".rustskill/progress.toml")).unwrap();
    let listed = kit.cmd(&["list"]).run().code(SUCCESS);
    assert!(
        listed
            .stderr
            .contains("events.jsonl:2: skipped a damaged line"),
        "{}",
        listed.stderr
    );
    assert!(
        kit.read(".rustskill/progress.toml")
            .contains("attempts = 1")
    );
}

#[test]
fn opening_a_session_never_judges_the_kit() {
    let kit = Kit::fixture("kit");
    std::fs::remove_dir_all(kit.path().join(".rustskill")).ok();
    let hint = kit.cmd(&["hint", "test_fail"]).run().code(SUCCESS);
    assert!(
        hint.stderr.contains("holds no record yet"),
        "{}",
        hint.stderr
    );
    std::fs::remove_file(kit.path().join(".rustskill/progress.toml")).unwrap();
    let list = kit.cmd(&["list"]).run().code(SUCCESS);
    assert!(
        list.stderr.contains("(1 event)"),
        "the hint was logged: {}",
        list.stderr
    );
    assert!(kit.read(".rustskill/progress.toml").contains("hints = 1"));
    assert!(
        !kit.path().join("target").exists(),
        "nothing was built, so nothing was judged"
    );
}

#[test]
fn reset_all_asks_keeps_a_backup_and_undo_brings_the_files_back() {
    let kit = Kit::fixture("kit");
    kit.commit(); // the shipped versions, for a kit not written by `init`
    kit.solve("test_fail");
    kit.cmd(&["run", "test_fail"]).run().code(SUCCESS);
    kit.write("exercises/basics/panics.rs", "// my attempt\n");
    let mine = kit.read("exercises/basics/test_fail.rs");

    // Without a terminal it refuses to ask, and changes nothing.
    let refused = kit.cmd(&["reset", "--all"]).run().code(2);
    assert!(refused.stderr.contains("pass --yes"), "{}", refused.stderr);
    assert_eq!(kit.read("exercises/basics/test_fail.rs"), mine);

    let done = kit.cmd(&["reset", "--all", "--yes"]).run().code(SUCCESS);
    assert!(
        done.stdout
            .contains("2 exercises are back to their shipped versions."),
        "{}",
        done.stdout
    );
    assert!(done.stdout.contains("reset --undo"), "{}", done.stdout);
    assert_ne!(kit.read("exercises/basics/test_fail.rs"), mine);
    let backups: Vec<_> = std::fs::read_dir(kit.path().join(".rustskill/backup"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(backups.len(), 1);
    let kept = backups[0].path();
    assert_eq!(
        std::fs::read_to_string(kept.join("exercises/basics/test_fail.rs")).unwrap(),
        mine
    );
    let listed = kit.cmd(&["list"]).run().code(SUCCESS);
    assert!(
        listed.stdout.contains("0/6 solved"),
        "a reset exercise is unsolved again"
    );

    let undone = kit.cmd(&["reset", "--undo"]).run().code(SUCCESS);
    assert!(
        undone
            .stdout
            .contains("your versions of 2 exercises are restored"),
        "{}",
        undone.stdout
    );
    assert_eq!(kit.read("exercises/basics/test_fail.rs"), mine);
    assert_eq!(kit.read("exercises/basics/panics.rs"), "// my attempt\n");
    let listed = kit.cmd(&["list"]).run().code(SUCCESS);
    assert!(
        listed.stdout.contains("1/6 solved"),
        "solved again: {}",
        listed.stdout
    );
    let again = kit.cmd(&["reset", "--undo"]).run().code(SUCCESS);
    assert!(
        again.stdout.contains("There is no reset to undo."),
        "{}",
        again.stdout
    );

    // The record survives a rebuild: the reset and its undoing are events.
    std::fs::remove_file(kit.path().join(".rustskill/progress.toml")).unwrap();
    let listed = kit.cmd(&["list"]).run().code(SUCCESS);
    assert!(listed.stdout.contains("1/6 solved"), "{}", listed.stdout);
}

#[test]
fn reset_one_exercise_keeps_a_backup_too() {
    let kit = Kit::fixture("kit");
    kit.commit();
    kit.write("exercises/basics/panics.rs", "// mine\n");
    kit.cmd(&["reset", "panics", "--yes"]).run().code(SUCCESS);
    assert_ne!(kit.read("exercises/basics/panics.rs"), "// mine\n");
    let again = kit.cmd(&["reset", "panics", "--yes"]).run().code(SUCCESS);
    assert!(
        again.stdout.contains("already as shipped"),
        "{}",
        again.stdout
    );
    kit.cmd(&["reset", "--undo"]).run().code(SUCCESS);
    assert_eq!(kit.read("exercises/basics/panics.rs"), "// mine\n");
}
