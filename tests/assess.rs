//! Timed assessments, end to end in a pseudo-terminal with a short time limit.

mod support;

use std::time::Duration;

use support::Kit;
use support::tmux::Screen;

/// The fixture kit, committed (its shipped versions come from git) and with a fixed set.
fn kit() -> Kit {
    let kit = Kit::fixture("kit");
    let info = kit.read("info.toml");
    kit.write(
        "info.toml",
        &format!("{info}\n[[assessments]]\nname = \"screen\"\nminutes = 30\nexercises = [\"compile_fail\", \"panics\"]\n"),
    );
    kit.commit();
    kit
}

fn report(kit: &Kit) -> serde_json::Value {
    let dir = std::fs::read_dir(kit.path().join(".rustskill/assessments"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap()
}

#[test]
fn a_timed_round_ends_at_the_deadline_with_a_saved_report() {
    let kit = kit();
    let practice = kit.read(".rustskill/progress.toml");
    let screen = Screen::start(
        kit.path(),
        "assess --set screen --minutes 0.3 --hint-cost 4",
    );
    let first = screen.wait_for("error[E0382]");
    assert!(first.contains("⏱ 00:"), "a countdown: {first}");
    assert!(first.contains("[1/2] compile_fail"), "{first}");
    assert!(
        first.contains("A hint costs 4 points"),
        "said up front: {first}"
    );

    kit.write(
        "assessment/exercises/basics/compile_fail.rs",
        &kit.read("solutions/basics/compile_fail.rs"),
    );
    screen.wait_for("✓ passed: compile_fail");
    screen.keys("n");
    screen.wait_for("[2/2] panics");
    screen.keys("h");
    screen.wait_for("The next hint costs 4 points. y = show it");
    screen.keys("y");
    screen.wait_for("Return None instead of panicking.");

    let end = screen.wait_for("EXITED");
    assert!(end.contains("ended: time was up"), "{end}");
    let report = report(&kit);
    assert_eq!(report["schema"], "cargo-rustskill/assessment/v1");
    assert_eq!(report["set"], "screen");
    let exercises = report["exercises"].as_array().unwrap();
    assert_eq!(exercises.len(), 2);
    assert_eq!(exercises[0]["name"], "compile_fail");
    assert_eq!(exercises[0]["solved"], true);
    assert_eq!(exercises[0]["compile_errors"][0], "E0382");
    assert!(exercises[0]["seconds_to_solve"].as_u64().is_some());
    assert_eq!(exercises[1]["solved"], false);
    assert_eq!(exercises[1]["hints"], 1);
    assert_eq!(report["points"], 10);
    assert_eq!(report["max_points"], 30);
    assert!(
        report["practise_next"][0]
            .as_str()
            .unwrap()
            .contains("panics")
    );
    assert!(
        !kit.path().join("assessment").exists(),
        "the round's folder is archived"
    );
    assert_eq!(
        kit.read(".rustskill/progress.toml"),
        practice,
        "practice progress untouched"
    );

    let history = kit.cmd(&["assess", "--history"]).run().code(0);
    assert!(
        history.stdout.contains("time was up") && history.stdout.contains("10/30"),
        "{}",
        history.stdout
    );
}

#[test]
fn quitting_and_relaunching_resumes_the_same_clock() {
    let kit = kit();
    let screen = Screen::start(kit.path(), "assess --count 2 --seed 11 --minutes 5");
    screen.wait_for("⏱ 0");
    let picked = kit.read("assessment/info.toml");
    screen.keys("q");
    screen.wait_for("f = finish and score now");
    screen.keys("q");
    screen.wait_for("The clock keeps running");
    drop(screen);
    std::thread::sleep(Duration::from_millis(1500));

    let screen = Screen::start(kit.path(), "assess --count 3 --seed 99");
    let text = screen.wait_for("⏱ 0");
    assert_eq!(
        kit.read("assessment/info.toml"),
        picked,
        "the same assessment, not a new one"
    );
    assert!(!text.contains("⏱ 05:00"), "the clock kept running: {text}");
    screen.keys("q");
    screen.keys("f");
    let end = screen.wait_for("EXITED");
    assert!(end.contains("ended: finished"), "{end}");
}

#[test]
fn a_fixed_assessment_is_graded_with_verify() {
    let kit = kit();
    kit.solve("panics");
    let report = kit
        .cmd(&["verify", "--assessment", "screen", "--format", "json"])
        .run()
        .code(1)
        .json();
    let names: Vec<&str> = report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["compile_fail", "panics"]);
    assert_eq!(report["passed"], 1);
    kit.cmd(&["assess", "--set", "nope"])
        .run()
        .code(2)
        .stderr_has("defines no assessment `nope`; it defines: screen");
}

#[test]
fn a_round_asks_predict_items_once_and_scores_the_first_answer() {
    // The predict fixture as a learner has it: sources and the fix exercise are not shipped.
    let kit = Kit::fixture("predict");
    for dir in ["dev", "predict", "solutions"] {
        std::fs::remove_dir_all(kit.path().join(dir)).unwrap();
    }
    std::fs::remove_file(kit.path().join("exercises/basics/fix_moved_name.rs")).unwrap();
    kit.cmd(&["dev", "sync"]).run().code(0);
    kit.commit();
    let screen = Screen::start(kit.path(), "assess --count 1 --seed 3 --minutes 5");
    screen.wait_for("[1/3] warm_up");
    // Practice cannot tell the round's answers meanwhile.
    let round = kit.read("assessment/.rustskill/assessment.toml");
    let held = [
        "predict_moved_name",
        "predict_pick_owner",
        "predict_prints_order",
    ]
    .into_iter()
    .find(|n| round.contains(n))
    .unwrap();
    kit.cmd(&["answer", held, "1"])
        .run()
        .code(2)
        .stderr_has("part of the timed assessment in progress");
    screen.keys("n");
    screen.keys("l");
    screen.keys("Down");
    screen.keys("Enter");
    let item = screen.wait_for("Press the number of your answer");
    assert!(item.contains("[2/3] predict_"), "{item}");
    // The item on screen is one of the two tracing/choice items; answer 1, then 2: only the
    // first counts, and the explanations open at once.
    screen.keys("1");
    let answered = screen.wait_for("Every choice");
    assert!(
        !answered.contains("Not this one (answer"),
        "no retry in a round: {answered}"
    );
    screen.keys("2");
    screen.wait_for("further answers are not recorded");
    screen.keys("q");
    screen.wait_for("f = finish and score now");
    screen.keys("f");
    screen.wait_for("EXITED");
    let report = report(&kit);
    let exercises = report["exercises"].as_array().unwrap();
    let names: Vec<&str> = exercises
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names.len(),
        3,
        "one to fix and two predict items: {names:?}"
    );
    assert_eq!(
        names.iter().filter(|n| n.starts_with("predict_")).count(),
        2
    );
    assert!(!names.contains(&"fix_moved_name"));
    let answered: Vec<&serde_json::Value> = exercises
        .iter()
        .filter(|e| e["name"].as_str().unwrap().starts_with("predict_") && e["attempts"] == 1)
        .collect();
    assert_eq!(
        answered.len(),
        1,
        "one answer recorded, the second refused: {exercises:?}"
    );
    assert_eq!(
        answered[0]["points"], 0,
        "choice 1 is wrong for both items, and it counts"
    );
}
