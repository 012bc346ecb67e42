//! Predict items through the real binary: `answer` (right, wrong, give up), what is recorded,
//! "predict, then fix", the reports, graded runs against the canonical kit, `dev check` and
//! `dev sync`, and the keys in watch mode (tmux). The fixture kit `tests/fixtures/predict` is
//! a kit's source repository; [`learner_kit`] makes the kit a learner would receive of it.

mod support;

use support::Kit;
use support::tmux::Screen;

const SUCCESS: i32 = 0;
const NOT_PASSING: i32 = 1;
const USAGE_OR_TOOL_ERROR: i32 = 2;

/// The right choice's text of each item, and text only its sealed explanations hold.
const MOVED_RIGHT: &str = "It fails: E0382, borrow of moved value `name`, at line 4.";
const ORDER_RIGHT: &str = "`end`, `drop b`, `drop a`";
const OWNER_RIGHT: &str = "`fn show(name: &str)`";

/// The fixture as a learner receives it: no sources, solutions or dev manifest, and no fix
/// exercise until its item is answered.
fn learner_kit() -> Kit {
    let kit = Kit::fixture("predict");
    for dir in ["dev", "predict", "solutions"] {
        std::fs::remove_dir_all(kit.path().join(dir)).unwrap();
    }
    std::fs::remove_file(kit.path().join("exercises/basics/fix_moved_name.rs")).unwrap();
    kit.cmd(&["dev", "sync"]).run().code(SUCCESS);
    kit
}

fn events(kit: &Kit) -> Vec<serde_json::Value> {
    kit.read(".rustskill/events.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn record<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap()
}

#[test]
fn a_tracing_item_is_judged_by_its_program_recorded_and_then_opens_its_fix() {
    let kit = learner_kit();
    assert!(
        !support::all_text(kit.path()).contains("WHY-")
            && !support::all_text(kit.path()).contains("LESSON-"),
        "no learner file holds an explanation"
    );
    assert!(!kit.read("Cargo.toml").contains("fix_moved_name"));
    kit.cmd(&["answer", "predict_moved_name"])
        .run()
        .code(SUCCESS)
        .stdout_has("4 │     println!(\"{name} {other}\");")
        .stdout_has("  2  ")
        .stdout_lacks("WHY-");
    kit.cmd(&["hint", "predict_moved_name"]).run().code(SUCCESS);
    let wrong = kit
        .cmd(&["answer", "predict_moved_name", "1"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("Not this one")
        .stdout_has("shows tier 2 of 2")
        .stdout_lacks("WHY-")
        .stdout_lacks("LESSON-");
    assert!(!wrong.stdout.contains(MOVED_RIGHT) && !wrong.stderr.contains(MOVED_RIGHT));
    assert!(
        !kit.path()
            .join("exercises/basics/fix_moved_name.rs")
            .exists()
    );
    kit.cmd(&["answer", "predict_moved_name", "2"])
        .run()
        .code(SUCCESS)
        .stdout_has("✓ right")
        .stdout_has("WHY-MOVED-1")
        .stdout_has("WHY-MOVED-3")
        .stdout_has("LESSON-MOVED")
        .stdout_has("Yours to fix: exercises/basics/fix_moved_name.rs");
    assert!(kit.read("Cargo.toml").contains("name = \"fix_moved_name\""));
    kit.cmd(&["run", "fix_moved_name"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("E0382");
    let answers = kit.read(".rustskill/answers.toml");
    assert!(answers.contains("choices = [1, 2]"), "{answers}");
    assert!(answers.contains("hints_before_first = 1"), "{answers}");
    let logged: Vec<_> = events(&kit)
        .into_iter()
        .filter(|e| e["by"] == "answer")
        .collect();
    assert_eq!(logged.len(), 2);
    assert_eq!(
        (logged[0]["outcome"].as_str(), logged[0]["choice"].as_u64()),
        (Some("wrong"), Some(1))
    );
    assert_eq!(
        (logged[1]["outcome"].as_str(), logged[1]["hints"].as_u64()),
        (Some("passed"), Some(1))
    );
    let progress = kit.read(".rustskill/progress.toml");
    assert!(
        progress.contains("name = \"predict_moved_name\"\nsolved = true\nattempts = 2"),
        "{progress}"
    );
    kit.cmd(&["answer", "predict_moved_name", "1"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("not recorded");
    assert_eq!(
        events(&kit).iter().filter(|e| e["by"] == "answer").count(),
        2
    );

    let done = kit
        .cmd(&["verify", "--format", "json"])
        .run()
        .code(NOT_PASSING);
    let report = done.json();
    let item = record(&report, "predict_moved_name");
    assert_eq!(
        (item["kind"].as_str(), item["status"].as_str()),
        (Some("predict"), Some("passed"))
    );
    assert_eq!(item["first_try"], false);
    assert_eq!(
        record(&report, "predict_pick_owner")["status"],
        "not-started"
    );
    assert_eq!(record(&report, "fix_moved_name")["status"], "compile-error");
    assert_eq!(
        (
            report["predict_total"].as_u64(),
            report["predict_answered"].as_u64(),
            report["predict_first_try"].as_u64()
        ),
        (Some(3), Some(1), Some(0))
    );
}

#[test]
fn giving_up_explains_every_choice_and_wrong_answers_never_single_out_the_right_one() {
    let kit = learner_kit();
    for (item, choice, right) in [
        ("predict_pick_owner", "1", OWNER_RIGHT),
        ("predict_pick_owner", "2", OWNER_RIGHT),
        ("predict_prints_order", "1", ORDER_RIGHT),
        ("predict_prints_order", "3", ORDER_RIGHT),
    ] {
        let done = kit.cmd(&["answer", item, choice]).run().code(NOT_PASSING);
        assert!(
            !done.stdout.contains(right)
                && !done.stderr.contains(right)
                && !done.stdout.contains("WHY-"),
            "{item} {choice}: {}{}",
            done.stdout,
            done.stderr
        );
    }
    kit.cmd(&["answer", "predict_pick_owner", "--give-up"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("You gave up")
        .stdout_has("WHY-OWNER-3")
        .stdout_has("LESSON-OWNER");
    assert!(
        kit.read(".rustskill/answers.toml")
            .contains("gave_up = true")
    );
    kit.cmd(&["answer", "predict_pick_owner", "3"])
        .run()
        .code(SUCCESS)
        .stdout_has("not recorded");
    kit.cmd(&["answer", "predict_pick_owner", "9"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("has choices 1 to 3");
    kit.cmd(&["answer", "warm_up", "1"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("not a predict item");
    let report = kit.cmd(&["verify", "--format", "json"]).run().json();
    assert_eq!(record(&report, "predict_pick_owner")["status"], "gave-up");
    assert_eq!(record(&report, "predict_prints_order")["status"], "wrong");
    let listed = kit.cmd(&["list", "--json"]).run().code(SUCCESS).json();
    let items = listed["exercises"].as_array().unwrap();
    assert_eq!(items[0]["kind"], "exercise");
    assert!(items[0].get("choices").is_none());
    assert_eq!(items[3]["kind"], "predict");
    assert_eq!(items[3]["choices"][2], OWNER_RIGHT);
    assert_eq!(items[3]["choices"].as_array().unwrap().len(), 3);
}

#[test]
fn a_graded_run_judges_the_answers_against_the_canonical_kit() {
    let canonical = Kit::fixture("predict");
    let kit = learner_kit();
    // The learner makes choice 1 "right" in their own kit: their info.toml's hash now says so.
    let info = kit.read("info.toml");
    let hash_line = info
        .lines()
        .find(|l| l.starts_with("answer_hash"))
        .unwrap()
        .to_owned();
    let forged = info.replace(&hash_line, &format!("answer_hash = \"{}\"", "0".repeat(64)));
    kit.write("info.toml", &forged);
    kit.write(
        ".rustskill/answers.toml",
        "[[item]]\nname = \"predict_pick_owner\"\nchoices = [3]\n\n[[item]]\nname = \"predict_prints_order\"\nchoices = [1]\n",
    );
    let canonical_dir = canonical.path().to_str().unwrap();
    let done = kit
        .cmd(&["verify", "--canonical", canonical_dir, "--format", "json"])
        .run()
        .code(NOT_PASSING);
    let report = done.json();
    assert_eq!(record(&report, "predict_pick_owner")["status"], "passed");
    assert_eq!(record(&report, "predict_pick_owner")["first_try"], true);
    assert_eq!(record(&report, "predict_prints_order")["status"], "wrong");
    assert_eq!(record(&report, "fix_moved_name")["status"], "not-started");
    assert_eq!(report["predict_first_try"], 1);
    // Practice verify reads the learner's own kit, where the forged hash matches nothing.
    kit.cmd(&["answer", "predict_pick_owner", "3"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("matches none of its choices");
}

#[test]
fn dev_check_wants_every_item_sealed_from_its_current_source() {
    let kit = Kit::fixture("predict");
    kit.cmd(&["dev", "check"])
        .run()
        .code(SUCCESS)
        .stdout_has("predict items sealed");
    let path = "predict/basics/predict_pick_owner.toml";
    kit.write(path, &kit.read(path).replace("WHY-OWNER-2", "WHY-OWNER-2b"));
    kit.cmd(&["dev", "check"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("`predict_pick_owner` is not sealed from the current predict/basics/predict_pick_owner.toml");
    kit.cmd(&["dev", "sync"])
        .run()
        .code(SUCCESS)
        .stdout_has("Sealed");
    kit.cmd(&["dev", "check"]).run().code(SUCCESS);
    // A tracing item whose claims do not single out one behaviour is refused.
    let path = "predict/basics/predict_prints_order.toml";
    kit.write(
        path,
        &kit.read(path)
            .replace("prints:end\\ndrop b\\ndrop a\\n", "panics:nope"),
    );
    kit.cmd(&["dev", "sync"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has(
            "predict/basics/predict_prints_order.toml: exactly one claim must hold, but 0 do",
        );
    // A placeholder without its source.
    kit.write(
        "info.toml",
        &(kit.read("info.toml")
            + "\n[[exercises]]\nname = \"predict_new\"\ndir = \"basics\"\nkind = \"predict\"\n"),
    );
    kit.cmd(&["list"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has("predict item `predict_new` is a placeholder without its question: run `cargo rustskill dev sync`");
}

#[test]
fn watch_mode_answers_with_digits_and_gives_up_with_g() {
    let kit = learner_kit();
    kit.write(
        ".rustskill/progress.toml",
        "current = \"predict_prints_order\"\n",
    );
    let screen = Screen::start(kit.path(), "");
    // The footer is drawn last: once it shows, so does the rest of the frame.
    let first = screen.wait_for("1–3 answer · g give up");
    assert!(first.contains(" 9 │     let _b = Loud(\"b\");"), "{first}");
    assert!(first.contains("Press the number of your answer"), "{first}");
    screen.keys("1");
    let wrong = screen.wait_for("Not this one");
    assert!(
        !wrong.contains("WHY-") && !wrong.contains("✓ right"),
        "{wrong}"
    );
    screen.keys("g");
    let explained = screen.wait_for("WHY-ORDER-2");
    assert!(explained.contains("You gave up"), "{explained}");
    screen.keys("q");
    let answers = kit.read(".rustskill/answers.toml");
    assert!(
        answers.contains("choices = [1]") && answers.contains("gave_up = true"),
        "{answers}"
    );
    let logged: Vec<_> = events(&kit)
        .into_iter()
        .filter(|e| e["by"] == "answer")
        .collect();
    assert_eq!(logged.len(), 2, "{logged:?}");
    assert_eq!(logged[1]["outcome"], "gave-up");
}

#[test]
fn watch_mode_opens_the_fix_exercise_once_the_item_is_answered() {
    let kit = learner_kit();
    kit.write(
        ".rustskill/progress.toml",
        "current = \"predict_moved_name\"\n",
    );
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("Press the number of your answer");
    screen.keys("2");
    screen.wait_for("WHY-MOVED-2");
    screen.wait_for("exercises/basics/fix_moved_name.rs is yours to fix now");
    screen.keys("n");
    screen.wait_for("error[E0382]");
    screen.keys("q");
    assert!(kit.read("Cargo.toml").contains("fix_moved_name"));
}

/// An instructor who grades against a kit `init` wrote (not the kit's source) has no file yet
/// for a "predict, then fix" exercise; a learner who answered its item has one. The grade
/// takes the exercise's shipped version from the built-in kit that kit was written from.
#[test]
fn grading_against_an_initd_kit_judges_a_fix_exercise_the_learner_opened() {
    let dir = Kit::empty();
    for kit in ["instructor", "learner"] {
        dir.cmd(&["init", kit, "--no-build"]).run().code(SUCCESS);
    }
    let learner = dir.path().join("learner");
    let answer = |choice: &str| {
        std::process::Command::new(support::BIN)
            .args(["answer", "predict_move_in_loop", choice])
            .current_dir(&learner)
            .output()
            .unwrap()
            .status
            .success()
    };
    assert!(
        ["1", "2", "3", "4"].into_iter().any(answer),
        "no choice was right"
    );
    let fix = "exercises/01_ownership/archive_batch_in_loop.rs";
    assert!(
        learner.join(fix).is_file(),
        "answering opens the fix exercise"
    );
    assert!(!dir.path().join("instructor").join(fix).exists());

    let done = dir
        .cmd(&[
            "grade",
            "learner",
            "--kit",
            "instructor",
            "--sandbox",
            "off",
            "--format",
            "json",
        ])
        .run()
        .code(NOT_PASSING);
    let grades = done.json();
    let report = &grades["learners"][0]["report"];
    assert_eq!(record(report, "predict_move_in_loop")["status"], "passed");
    // Judged as shipped: broken, and not an error of the grade.
    assert_eq!(
        record(report, "archive_batch_in_loop")["status"],
        "compile-error"
    );
}

#[test]
fn a_fix_exercise_written_before_its_item_is_answered_is_explained_and_kept() {
    let kit = learner_kit();
    let mine = "// mine, before I answered\nfn main() {\n    let x: u8 = \"mine\";\n}\n";
    kit.write("exercises/basics/fix_moved_name.rs", mine);
    kit.cmd(&["verify"])
        .run()
        .code(USAGE_OR_TOOL_ERROR)
        .stderr_has(
            "exercises/basics/fix_moved_name.rs is there, but Cargo.toml does not build it yet",
        )
        .stderr_has("`fix_moved_name` opens once `predict_moved_name` is answered")
        .stderr_has("cargo rustskill answer predict_moved_name");
    kit.cmd(&["answer", "predict_moved_name", "2"])
        .run()
        .code(SUCCESS)
        .stdout_lacks("Yours to fix");
    assert_eq!(kit.read("exercises/basics/fix_moved_name.rs"), mine);
    assert!(kit.read("Cargo.toml").contains("name = \"fix_moved_name\""));
    // Judged, not refused: the learner's own file (E0308), not the shipped one (E0382).
    kit.cmd(&["run", "fix_moved_name"])
        .run()
        .code(NOT_PASSING)
        .stdout_has("E0308");
}
