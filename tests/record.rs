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

/// The `"path" = "hash"` line of `path` in a stamp's `[shipped]` table.
fn shipped_line<'a>(stamp: &'a str, path: &str) -> &'a str {
    stamp
        .lines()
        .find(|l| l.starts_with(&format!("\"{path}\" = ")))
        .unwrap_or_else(|| panic!("{path} not in the stamp:\n{stamp}"))
}

#[test]
fn upgrade_keeps_the_learners_work_adds_updates_and_names_conflicts() {
    let dir = Kit::empty();
    dir.cmd(&["init", "k", "--no-build"]).run().code(SUCCESS);
    let kit = dir.path().join("k");
    let read = |rel: &str| std::fs::read_to_string(kit.join(rel)).unwrap();
    let write = |rel: &str, text: &str| std::fs::write(kit.join(rel), text).unwrap();
    let cmd = |args: &[&str]| {
        let out = std::process::Command::new(support::BIN)
            .args(args)
            .current_dir(&kit)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    // Four exercise files from the built-in kit, and a fifth as their donor of "old" content.
    let files: Vec<String> = read(".rustskill/stamp.toml")
        .lines()
        .filter_map(|l| {
            l.strip_prefix('"')?
                .split_once('"')
                .map(|(p, _)| p.to_owned())
        })
        .filter(|p| p.starts_with("exercises/00_warmup/"))
        .take(5)
        .collect();
    let [untouched, edited, added, kept, donor] = &files[..] else {
        panic!("{files:?}");
    };
    let new_edited = read(edited);
    let new_untouched = read(untouched);

    // Make it a kit written by an older kit version: `untouched` was shipped as the donor's
    // content and never touched; `edited` was shipped as the donor's content and edited since;
    // `added` did not exist; `kept` is edited where the shipped version did not change.
    let mut stamp = read(".rustskill/stamp.toml").replace(
        &format!("kit_version = \"{}\"", kit_version(&read("info.toml"))),
        "kit_version = \"0.0.1\"",
    );
    let donor_hash = shipped_line(&stamp, donor)
        .split(" = ")
        .nth(1)
        .unwrap()
        .to_owned();
    for path in [untouched, edited] {
        let line = shipped_line(&stamp, path).to_owned();
        stamp = stamp.replace(&line, &format!("\"{path}\" = {donor_hash}"));
    }
    let line = shipped_line(&stamp, added).to_owned();
    stamp = stamp.replace(&format!("{line}\n"), "");
    write(".rustskill/stamp.toml", &stamp);
    write(untouched, &read(donor));
    write(edited, "// my edits of an old version\n");
    std::fs::remove_file(kit.join(added)).unwrap();
    write(kept, "// my edits\n");
    cmd(&["hint"]);
    let progress = read(".rustskill/progress.toml");
    let events = read(".rustskill/events.jsonl");

    let (code, out) = cmd(&["upgrade"]);
    assert_eq!(code, Some(SUCCESS), "{out}");
    assert!(out.contains("kit version 0.0.1 →"), "{out}");
    assert!(out.contains(&format!("added    {added}")), "{out}");
    assert!(out.contains(&format!("updated  {untouched}")), "{out}");
    assert!(
        out.contains(&format!("  {edited}  (`cargo rustskill reset")),
        "{out}"
    );
    assert!(!out.contains(kept.as_str()), "{out}");
    assert_eq!(
        read(untouched),
        new_untouched,
        "untouched: takes the new version"
    );
    assert_eq!(
        read(edited),
        "// my edits of an old version\n",
        "never overwritten"
    );
    assert_eq!(read(kept), "// my edits\n");
    assert!(kit.join(added).is_file());
    // The fix exercise of a "predict, then fix" item waits for its item to be answered.
    let info = read("info.toml");
    let fix = info
        .lines()
        .find_map(|l| l.strip_prefix("then_fix = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("the built-in kit has a predict, then fix item");
    assert!(!out.contains(&format!("/{fix}.rs")), "{out}");
    assert!(
        !has_exercise_file(&kit, fix),
        "an unopened fix exercise was written"
    );
    assert_eq!(read(".rustskill/progress.toml"), progress, "progress kept");
    assert_eq!(read(".rustskill/events.jsonl"), events);
    let stamp = read(".rustskill/stamp.toml");
    assert!(!stamp.contains("kit_version = \"0.0.1\""), "{stamp}");
    assert_eq!(
        shipped_line(&stamp, edited).split(" = ").nth(1).unwrap(),
        donor_hash,
        "an edited file keeps the version its edits started from"
    );
    // Taking the new version of the conflicting exercise keeps the learner's in a backup.
    let name = std::path::Path::new(edited)
        .file_stem()
        .unwrap()
        .to_str()
        .unwrap();
    let (code, _) = cmd(&["reset", name, "--yes"]);
    assert_eq!(code, Some(SUCCESS));
    assert_eq!(read(edited), new_edited);
    // A second upgrade has nothing left to do.
    let (_, out) = cmd(&["upgrade"]);
    assert!(out.contains("0 exercise files added, 0 updated"), "{out}");
}

fn kit_version(info: &str) -> String {
    info.lines()
        .find_map(|l| l.strip_prefix("kit_version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap()
        .to_owned()
}

/// Whether an exercise file named `name` is in the kit.
fn has_exercise_file(kit: &std::path::Path, name: &str) -> bool {
    support::files(&kit.join("exercises"))
        .iter()
        .any(|p| p.file_stem().is_some_and(|s| s == name))
}
