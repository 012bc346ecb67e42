//! Watch mode, end to end: the real binary in a tmux pseudo-terminal, driven by keys and by
//! saving files the ways editors do.

mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use support::Kit;
use support::tmux::Screen;

fn stty_flags(screen: &Screen) -> Vec<String> {
    screen
        .stty()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

fn events(kit: &Kit, exercise: &str) -> Vec<serde_json::Value> {
    let text =
        std::fs::read_to_string(kit.path().join(".rustskill/events.jsonl")).unwrap_or_default();
    text.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|e| e["exercise"] == exercise)
        .collect()
}

/// The events of `exercise` once `expected` of them are logged (or after 5 s): a verdict is
/// drawn before it is logged, so the log may trail the screen by a moment.
fn settled_events(kit: &Kit, exercise: &str, expected: usize) -> Vec<serde_json::Value> {
    let started = Instant::now();
    loop {
        let found = events(kit, exercise);
        if found.len() >= expected || started.elapsed() > Duration::from_secs(5) {
            // A moment more, so an extra (wrong) event would show too.
            std::thread::sleep(Duration::from_millis(200));
            return events(kit, exercise);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Replaces a file the way vim and JetBrains' safe write do: a temporary file renamed over it.
fn save_by_rename(kit: &Kit, rel: &str, contents: &str) {
    let tmp = kit.path().join(format!("{rel}.tmp~"));
    std::fs::write(&tmp, contents).unwrap();
    std::fs::rename(tmp, kit.path().join(rel)).unwrap();
}

const COMPILE_FAIL: &str = "exercises/basics/compile_fail.rs";

#[test]
fn first_screen_then_an_in_place_save_turns_it_green_and_q_restores_the_terminal() {
    let kit = Kit::fixture("kit");
    let screen = Screen::start(kit.path(), "");
    let first = screen.wait_for("error[E0382]");
    assert!(first.contains("[1/6] compile_fail"), "{first}");
    assert!(first.contains("Welcome to the fixture kit."), "{first}");
    assert!(
        first.contains(
            "n next · h hint · o open in editor · l list · r reset · c check all · q quit"
        ),
        "{first}"
    );
    assert!(
        stty_flags(&screen).contains(&"-icanon".to_owned()),
        "raw mode while watching"
    );

    kit.write(COMPILE_FAIL, &kit.read("solutions/basics/compile_fail.rs"));
    let passed = screen.wait_for("✓ passed: compile_fail");
    assert!(
        passed.contains("A String moves on assignment."),
        "the explanation shows: {passed}"
    );
    assert!(
        passed.contains("Press n for the next exercise."),
        "{passed}"
    );

    screen.keys("q");
    screen.wait_for("EXITED 0");
    let flags = stty_flags(&screen);
    assert!(
        flags.contains(&"icanon".to_owned()) && flags.contains(&"echo".to_owned()),
        "terminal restored: {flags:?}"
    );
}

#[test]
fn an_atomic_rename_save_is_seen() {
    let kit = Kit::fixture("kit");
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("error[E0382]");
    save_by_rename(
        &kit,
        COMPILE_FAIL,
        &kit.read("solutions/basics/compile_fail.rs"),
    );
    screen.wait_for("✓ passed: compile_fail");
}

#[test]
fn delete_then_create_is_seen() {
    let kit = Kit::fixture("kit");
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("error[E0382]");
    let solution = kit.read("solutions/basics/compile_fail.rs");
    std::fs::remove_file(kit.path().join(COMPILE_FAIL)).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    kit.write(COMPILE_FAIL, &solution);
    screen.wait_for("✓ passed: compile_fail");
}

#[test]
fn a_burst_of_saves_gives_one_verdict_for_the_last_content() {
    let kit = Kit::fixture("kit");
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("error[E0382]");
    assert_eq!(
        settled_events(&kit, "compile_fail", 1).len(),
        1,
        "the start judged it once"
    );
    let broken = kit.read(COMPILE_FAIL);
    let solution = kit.read("solutions/basics/compile_fail.rs");
    // Three saves within 50 ms: two broken versions, then the fix.
    kit.write(COMPILE_FAIL, &broken.replace("hello", "hi"));
    std::thread::sleep(Duration::from_millis(15));
    save_by_rename(&kit, COMPILE_FAIL, &broken.replace("hello", "hey"));
    std::thread::sleep(Duration::from_millis(15));
    kit.write(COMPILE_FAIL, &solution);
    screen.wait_for("✓ passed: compile_fail");
    std::thread::sleep(Duration::from_millis(1500));
    let judged = events(&kit, "compile_fail");
    assert_eq!(judged.len(), 2, "exactly one more verdict: {judged:?}");
    assert_eq!(judged[1]["outcome"], "passed");
}

#[test]
fn a_save_during_a_long_build_cancels_it_and_judges_the_new_content() {
    let kit = Kit::fixture("kit");
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("error[E0382]");
    // A version that takes seconds to compile (a long const evaluation), then the fix mid-build.
    let slow = format!(
        "#![allow(long_running_const_eval)]\nconst SPIN: u64 = {{ let mut i = 0u64; while i < 8_000_000 {{ i += 1; }} i }};\n{}",
        kit.read(COMPILE_FAIL)
            .replace("fn main() {}", "fn main() { println!(\"{SPIN}\"); }")
    );
    kit.write(COMPILE_FAIL, &slow);
    screen.wait_for("checking compile_fail…");
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    kit.write(COMPILE_FAIL, &kit.read("solutions/basics/compile_fail.rs"));
    screen.wait_for("✓ passed: compile_fail");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "the slow build was cancelled, not waited for"
    );
    let judged = settled_events(&kit, "compile_fail", 2);
    assert_eq!(
        judged.len(),
        2,
        "no verdict for the cancelled content: {judged:?}"
    );
    let cargo_left = Command::new("pgrep")
        .args(["-f", &format!("{}.*compile_fail", kit.path().display())])
        .output();
    if let Ok(out) = cargo_left {
        assert!(
            out.stdout.is_empty(),
            "no process of the cancelled build is left"
        );
    }
}

#[test]
fn an_endless_loop_times_out_and_the_keys_stay_responsive() {
    let kit = Kit::fixture("kit");
    kit.write(".rustskill/progress.toml", "current = \"endless\"\n");
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("checking endless…");
    screen.keys("h");
    screen.wait_for("The loop never ends: count down.");
    screen.wait_for("timed out after 1 s; still running: tests::counts_down");
    screen.keys("q");
    screen.wait_for("EXITED 0");
}

#[test]
fn quitting_during_a_check_is_immediate() {
    let kit = Kit::fixture("kit");
    kit.write(".rustskill/progress.toml", "current = \"endless\"\n");
    kit.write(
        "info.toml",
        &kit.read("info.toml")
            .replace("time_limit = 1", "time_limit = 30"),
    );
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("checking endless…");
    let started = Instant::now();
    screen.keys("C-c");
    screen.wait_for("EXITED 0");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "Ctrl-C does not wait for the 30 s time limit"
    );
}

#[test]
fn keys_hint_list_reset_and_next() {
    let kit = Kit::fixture("kit");
    kit.commit();
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("error[E0382]");
    screen.keys("h");
    screen.wait_for("Borrow the name instead of moving it.");

    screen.keys("n");
    screen.wait_for("`n` moves on once this exercise passes");

    screen.keys("l");
    let list = screen.wait_for("Enter go to exercise");
    assert!(list.contains("▶   1  pending  compile_fail"), "{list}");
    screen.keys("Down");
    screen.keys("Down");
    screen.keys("Enter");
    screen.wait_for("[3/6] panics");
    screen.wait_for("there is always a word");
    assert!(
        kit.read(".rustskill/progress.toml")
            .contains("current = \"panics\"")
    );

    // Reset asks first; any key but y keeps the work.
    kit.write(
        "exercises/basics/panics.rs",
        &kit.read("solutions/basics/panics.rs"),
    );
    screen.wait_for("✓ passed: panics");
    screen.keys("r");
    screen.wait_for("y = yes, any other key = no");
    screen.keys("x");
    assert_eq!(
        kit.read("exercises/basics/panics.rs"),
        kit.read("solutions/basics/panics.rs")
    );
    screen.keys("n");
    screen.wait_for("[4/6] endless");

    screen.keys("l");
    screen.wait_for("Enter go to exercise");
    screen.keys("Up");
    screen.keys("Enter");
    screen.wait_for("✓ passed: panics");
    screen.keys("r");
    screen.keys("y");
    screen.wait_for("there is always a word");
    assert!(
        kit.read("exercises/basics/panics.rs")
            .contains("expect(\"there is always a word\")")
    );
}

#[test]
fn saving_another_exercise_judges_it_and_says_so() {
    let kit = Kit::fixture("kit");
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("error[E0382]");
    kit.write(
        "exercises/basics/test_fail.rs",
        &kit.read("solutions/basics/test_fail.rs"),
    );
    let text = screen.wait_for("✓ passed: test_fail");
    assert!(
        text.contains("You saved `test_fail`, which is not your current exercise (`compile_fail`)"),
        "{text}"
    );
}

#[test]
fn check_all_judges_every_exercise() {
    let kit = Kit::fixture("kit");
    kit.solve("strict");
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("error[E0382]");
    screen.keys("c");
    let text = screen.wait_for("Checked all 6 exercises: 1 passing.");
    assert!(text.contains("4 endless"), "{text}");
}

#[test]
fn polling_sees_saves_too() {
    let kit = Kit::fixture("kit");
    let screen = Screen::start(kit.path(), "--poll");
    screen.wait_for("error[E0382]");
    kit.write(COMPILE_FAIL, &kit.read("solutions/basics/compile_fail.rs"));
    screen.wait_for("✓ passed: compile_fail");
}

#[test]
fn a_second_watch_session_in_the_same_kit_says_so() {
    let kit = Kit::fixture("kit");
    let first = Screen::start(kit.path(), "");
    first.wait_for("error[E0382]");
    let second = Screen::start(kit.path(), "");
    second.wait_for("another `cargo rustskill` is already watching this kit");
    second.wait_for("EXITED 2");
}

#[test]
fn sigterm_quits_cleanly_and_restores_the_terminal() {
    let kit = Kit::fixture("kit");
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("error[E0382]");
    assert!(stty_flags(&screen).contains(&"-icanon".to_owned()));
    let status = Command::new("kill")
        .args(["-TERM", &screen.program_pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    screen.wait_for("EXITED 0");
    let flags = stty_flags(&screen);
    assert!(
        flags.contains(&"icanon".to_owned()) && flags.contains(&"echo".to_owned()),
        "terminal restored: {flags:?}"
    );
}

/// Each thread's context switches so far (voluntary and not), by thread id: each is a wake-up.
#[cfg(target_os = "linux")]
fn wake_ups(pid: u32) -> std::collections::HashMap<String, u64> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .filter_map(|task| {
            let task = task.ok()?;
            let status = std::fs::read_to_string(task.path().join("status")).ok()?;
            let switches = status
                .lines()
                .filter(|l| l.contains("ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum();
            Some((task.file_name().to_string_lossy().into_owned(), switches))
        })
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn an_idle_watch_wakes_for_nothing_and_still_takes_keys_at_once() {
    let kit = Kit::fixture("kit");
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("error[E0382]");
    let pid = screen.program_pid();
    // Start-up done: the first check drawn, the file watcher's probe seen.
    std::thread::sleep(Duration::from_secs(1));
    let before = wake_ups(pid);
    std::thread::sleep(Duration::from_secs(2));
    let after = wake_ups(pid);
    let woke: u64 = after
        .iter()
        .filter_map(|(tid, n)| Some(n - before.get(tid)?))
        .sum();
    assert!(
        woke <= 2,
        "{woke} wake-ups in 2 s of idle: {before:?} → {after:?}"
    );
    screen.keys("l");
    screen.wait_for("Enter go to exercise");
    screen.keys("q");
}

#[test]
fn a_resized_terminal_is_redrawn_to_its_new_width_without_a_key() {
    let kit = Kit::fixture("kit");
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("error[E0382]");
    let rule = |width: usize| move |text: &str| text.lines().any(|l| l == "─".repeat(width));
    assert!(rule(110)(&screen.text()), "{}", screen.text());
    screen.resize(72, 30);
    screen.wait_until("a rule 72 columns wide", rule(72));
    screen.keys("q");
}
