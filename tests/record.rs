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
