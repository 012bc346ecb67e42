//! What learners of other tools keep asking for, through the real binary: opening the exercise
//! in their editor at the right line (a fake editor records its arguments), the review queue
//! on an injected clock (`RUSTSKILL_NOW`), and `stats` in the terminal and as a page rendered
//! in headless Chromium.

mod support;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::Kit;
use support::chromium::{close, decode_rgb, find_on_path, screenshot};
use support::tmux::Screen;

const SUCCESS: i32 = 0;
const USAGE_OR_TOOL_ERROR: i32 = 2;

/// A fake editor named `name` (its name picks the line form): it writes its arguments, one a
/// line, and then the terminal's `stty -a`, to `record`, and exits.
fn fake_editor(dir: &Path, name: &str, record: &Path) -> PathBuf {
    script(
        dir,
        name,
        &format!(
            "for a in \"$@\"; do echo \"$a\"; done > '{0}.part'\nstty -a 2>/dev/null >> '{0}.part' || true\nmv '{0}.part' '{0}'\n",
            record.display()
        ),
    )
}

/// A fake terminal editor that first reads a line from the terminal (after writing
/// `record.started`), then records it, its arguments and the terminal's `stty -a` to `record`.
fn fake_reading_editor(dir: &Path, name: &str, record: &Path) -> PathBuf {
    script(
        dir,
        name,
        &format!(
            "echo started > '{0}.started'\nread line\necho \"typed: $line\" > '{0}.part'\nfor a in \"$@\"; do echo \"$a\"; done >> '{0}.part'\nstty -a 2>/dev/null >> '{0}.part' || true\nmv '{0}.part' '{0}'\n",
            record.display()
        ),
    )
}

/// An executable shell script `dir/name` running `body`.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

fn wait_for_file(path: &Path) -> String {
    let started = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} never written",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn open_starts_the_editor_at_the_first_error_or_the_failing_tests_panic() {
    let kit = Kit::fixture("kit");
    let tools = Kit::empty();
    let record = tools.path().join("args");
    let nvim = fake_editor(tools.path(), "nvim", &record);
    kit.cmd(&["open", "compile_fail"])
        .env("EDITOR", nvim.to_str().unwrap())
        .env("VISUAL", "")
        .run()
        .code(SUCCESS)
        .stdout_has("Opened exercises/basics/compile_fail.rs:9");
    let args = std::fs::read_to_string(&record).unwrap();
    let file = kit.path().join("exercises/basics/compile_fail.rs");
    assert!(
        args.starts_with(&format!("+9\n{}\n", file.display())),
        "{args}"
    );

    // A graphical editor is started in the background: the record it writes
    // must be a fresh one, not the terminal editor's above.
    std::fs::remove_file(&record).unwrap();
    let code = fake_editor(tools.path(), "code", &record);
    kit.cmd(&["open", "test_fail", "--edit-cmd", code.to_str().unwrap()])
        .run()
        .code(SUCCESS);
    let args = wait_for_file(&record);
    let test_file = kit.path().join("exercises/basics/test_fail.rs");
    let line = kit
        .read("exercises/basics/test_fail.rs")
        .lines()
        .position(|l| l.contains("assert_eq!"))
        .unwrap()
        + 1;
    assert!(
        args.starts_with(&format!("-g\n{}:{line}\n", test_file.display())),
        "the failing test's assertion line: {args}"
    );

    std::fs::remove_file(&record).unwrap();
    kit.write(
        ".rustskill/settings.toml",
        &format!(
            "edit_cmd = \"{} --line {{line}} {{file}}\"\n",
            nvim.display()
        ),
    );
    kit.cmd(&["open", "compile_fail"])
        .env("EDITOR", "nano")
        .run()
        .code(SUCCESS);
    assert!(
        wait_for_file(&record).starts_with("--line\n9\n"),
        "the kit's setting wins over $EDITOR"
    );

    std::fs::remove_file(kit.path().join(".rustskill/settings.toml")).unwrap();
    let mut cmd = Command::new(support::BIN);
    cmd.args(["open", "compile_fail"])
        .current_dir(kit.path())
        .env_remove("EDITOR")
        .env_remove("VISUAL")
        .env_remove("TERM_PROGRAM");
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(USAGE_OR_TOOL_ERROR));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("export EDITOR="), "{stderr}");
}

#[test]
fn watch_hands_the_terminal_to_a_terminal_editor_and_takes_it_back() {
    let kit = Kit::fixture("kit");
    let tools = Kit::empty();
    let record = tools.path().join("args");
    let vim = fake_reading_editor(tools.path(), "vim", &record);
    let screen = Screen::start(kit.path(), &format!("--edit-cmd {}", vim.display()));
    let first = screen.wait_for("error[E0382]");
    assert!(first.contains("o open in editor"), "{first}");
    assert!(
        first.contains("basics [------------] 0/6"),
        "the track's progress: {first}"
    );
    screen.keys("o");
    // What the learner types while the editor runs is the editor's, every key of it.
    wait_for_file(&tools.path().join("args.started"));
    screen.keys("hello");
    screen.keys("Enter");
    let args = wait_for_file(&record);
    assert!(args.starts_with("typed: hello\n+9\n"), "{args}");
    assert!(
        args.split_whitespace().any(|w| w == "icanon"),
        "the editor got a cooked terminal: {args}"
    );
    // Back in watch mode: keys work and the terminal is raw again.
    screen.keys("l");
    screen.wait_for("Enter go to exercise");
    assert!(screen.stty().split_whitespace().any(|w| w == "-icanon"));
    screen.keys("q");
}

/// A time `days` days after 2026-06-01.
fn day(days: u64, extra: &str) -> String {
    format!("2026-06-{:02}T{extra}Z", 1 + days)
}

#[test]
fn what_was_hard_comes_back_on_schedule_and_a_review_moves_it_on() {
    let kit = Kit::fixture("kit");
    kit.commit();
    let t0 = day(0, "10:00:00");
    kit.cmd(&["hint", "test_fail"])
        .env("RUSTSKILL_NOW", &t0)
        .run()
        .code(SUCCESS);
    kit.solve("test_fail");
    kit.cmd(&["run", "test_fail"])
        .env("RUSTSKILL_NOW", &t0)
        .run()
        .code(SUCCESS);
    kit.cmd(&["review", "--list"])
        .env("RUSTSKILL_NOW", &t0)
        .run()
        .code(SUCCESS)
        .stdout_has("0 due now")
        .stdout_has(&format!("{}  test_fail", day(1, "10:00:00")))
        .stdout_has("1 hint tier(s) needed");
    let t1 = day(1, "11:00:00");
    kit.cmd(&["review", "--list"])
        .env("RUSTSKILL_NOW", &t1)
        .run()
        .stdout_has("1 due now")
        .stdout_has("due    test_fail");
    let practice = kit.read("exercises/basics/test_fail.rs");
    // Watch mode offers the round (`v`) while something is due, and comes back after it.
    let screen = Screen::start_with_env(kit.path(), &[("RUSTSKILL_NOW", &t1)], "");
    let watching = screen.wait_for("v review (1 due)");
    assert!(watching.contains("[1/6] compile_fail"), "{watching}");
    screen.keys("v");
    screen.wait_for("fixture review");
    screen.wait_for("tests::doubles");
    assert!(
        kit.path()
            .join("review/exercises/basics/test_fail.rs")
            .is_file()
    );
    kit.write(
        "review/exercises/basics/test_fail.rs",
        &kit.read("solutions/basics/test_fail.rs"),
    );
    screen.wait_for("✓ passed: test_fail");
    screen.keys("q");
    let back = screen.wait_for("[1/6] compile_fail");
    assert!(!back.contains("v review ("), "nothing due any more: {back}");
    screen.keys("q");
    screen.wait_for("EXITED");
    assert!(
        !kit.path().join("review").exists(),
        "the round's folder is gone"
    );
    assert_eq!(
        kit.read("exercises/basics/test_fail.rs"),
        practice,
        "practice files untouched"
    );
    let log = kit.read(".rustskill/events.jsonl");
    assert!(log.contains("\"by\":\"review\""), "{log}");
    // Passed first time: the next review is three days on.
    kit.cmd(&["review", "--list"])
        .env("RUSTSKILL_NOW", &t1)
        .run()
        .stdout_has(&format!("{}  test_fail", day(4, "11:00:00")));
}

#[test]
fn a_predict_item_comes_back_with_its_choices_shuffled() {
    let kit = Kit::fixture("predict");
    let t0 = day(0, "10:00:00");
    kit.cmd(&["answer", "predict_pick_owner", "1"])
        .env("RUSTSKILL_NOW", &t0)
        .run();
    kit.cmd(&["answer", "predict_pick_owner", "3"])
        .env("RUSTSKILL_NOW", &t0)
        .run()
        .code(SUCCESS);
    let t1 = day(1, "12:00:00");
    kit.cmd(&["review", "--list"])
        .env("RUSTSKILL_NOW", &t1)
        .run()
        .stdout_has("due    predict_pick_owner")
        .stdout_has("the first answer was wrong");
    let screen = Screen::start_with_env(kit.path(), &[("RUSTSKILL_NOW", &t1)], "review");
    let shown = screen.wait_for("Press the number of your answer");
    let right = "`fn show(name: &str)`";
    let number = shown
        .lines()
        .find(|l| l.contains(right))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_owned();
    assert_ne!(number, "3", "the choices come in a new order: {shown}");
    screen.keys(&number);
    screen.wait_for("✓ Right");
    screen.keys("q");
    let end = screen.wait_for("EXITED");
    assert!(end.contains("passed first time"), "{end}");
    kit.cmd(&["review", "--list"])
        .env("RUSTSKILL_NOW", &t1)
        .run()
        .stdout_has(&format!("{}  predict_pick_owner", day(4, "12:00:00")));
}

#[test]
fn stats_draws_progress_plain_off_a_terminal_coloured_on_request_and_as_a_page() {
    let kit = Kit::fixture("kit");
    kit.cmd(&["run", "compile_fail"]).run();
    kit.solve("test_fail");
    kit.cmd(&["run", "test_fail"]).run();
    let plain = kit
        .cmd(&["stats"])
        .run()
        .code(SUCCESS)
        .stdout_has("1/6 done")
        .stdout_has("basics")
        .stdout_has("1/6")
        .stdout_has("Predict items: none answered yet, of 0")
        .stdout_has("E0382")
        .stdout_has("rustc --explain E0382")
        .stdout_has("Practise next:")
        .stdout_has("next up `compile_fail`");
    assert!(!plain.stdout.contains('\u{1b}'), "plain off a terminal");
    let coloured = kit.cmd(&["stats", "--color", "always"]).run().code(SUCCESS);
    assert!(coloured.stdout.contains('\u{1b}'), "coloured when asked");

    let dir = Kit::empty();
    let html = dir.path().join("stats.html");
    kit.cmd(&["stats", "--html", html.to_str().unwrap()])
        .run()
        .code(SUCCESS);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("rustc --explain E0382")
            && !page.contains("http://")
            && !page.contains("https://"),
        "self-contained"
    );
    let Some(chromium) = find_on_path("chromium") else {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !ci,
            "chromium is not installed, and under CI this test must run"
        );
        let _ = std::io::stderr().write_all(b"SKIPPED the stats page's screenshot: no chromium\n");
        return;
    };
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("stats-page.png");
    let _ = std::fs::remove_file(&shot);
    screenshot(
        &chromium,
        &html,
        &shot,
        &dir.path().join("profile"),
        (1000, 800),
    );
    let pixels = green_pixels(&shot);
    assert!(
        pixels > 60,
        "the track bar's green shows in the page ({pixels} pixels): {}",
        shot.display()
    );
}

/// Pixels of the done bars' green (#1a7f37) in a screenshot.
fn green_pixels(path: &Path) -> usize {
    let (_, _, pixels) = decode_rgb(path);
    pixels
        .into_iter()
        .filter(|p| close(*p, [0x1a, 0x7f, 0x37]))
        .count()
}
