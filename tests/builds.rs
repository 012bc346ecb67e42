//! What each command compiles, counted at the compiler: a rustc wrapper (set in the kit's
//! `.cargo/config.toml`, as a learner's own wrapper would be) logs every rustc invocation, and
//! the tests check that a rustlings-format kit (every exercise a `[[bin]]`, its solution a
//! `_sol` bin) has exactly the judged targets compiled, each once, in the mode it is judged in.
#![cfg(unix)]

mod support;

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use support::Kit;
use support::tmux::Screen;

const NOT_PASSING: i32 = 1;

/// How one exercise target was compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum How {
    /// Linked as a program (`main`).
    Program,
    /// Linked as a test harness.
    Harness,
    /// Checked only (clippy), as a program.
    CheckedProgram,
    /// Checked only (clippy), in test mode.
    CheckedHarness,
}

use How::{CheckedHarness, CheckedProgram, Harness, Program};

/// The rustc log of one kit.
struct Compiles {
    dir: tempfile::TempDir,
}

impl Compiles {
    /// Installs the logging wrapper into `kit`.
    fn log(kit: &Kit) -> Compiles {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("rustc-log.sh");
        std::fs::create_dir(dir.path().join("log")).unwrap();
        // One file per invocation (its pid), written whole: parallel rustc runs never
        // interleave. Then the real compiler (or clippy-driver, which cargo puts first).
        let text = format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}/log/'$$\nexec \"$@\"\n",
            dir.path().display()
        );
        std::fs::write(&script, text).unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        kit.write(
            ".cargo/config.toml",
            &format!(
                "[build]\nrustc-wrapper = {:?}\n",
                script.display().to_string()
            ),
        );
        Compiles { dir }
    }

    /// Every exercise compile since the last call, (target, how) → how many times; the log
    /// is emptied.
    fn take(&self) -> BTreeMap<(String, How), usize> {
        let mut seen = BTreeMap::new();
        let log: PathBuf = self.dir.path().join("log");
        for entry in std::fs::read_dir(&log).unwrap() {
            let path = entry.unwrap().path();
            if let Some(key) = parse(&path) {
                *seen.entry(key).or_insert(0) += 1;
            }
            std::fs::remove_file(path).unwrap();
        }
        seen
    }
}

/// One logged invocation: the exercise target it compiled and how, if it compiled one.
fn parse(path: &Path) -> Option<(String, How)> {
    let text = std::fs::read_to_string(path).unwrap();
    let args: Vec<&str> = text.lines().collect();
    let name = args
        .windows(2)
        .find(|w| w[0] == "--crate-name")
        .map(|w| w[1])?;
    // cargo's probes of the compiler (`--crate-name ___`) compile nothing.
    if !name.starts_with("intro") {
        return None;
    }
    let test = args.contains(&"--test");
    let emit = args.iter().find_map(|a| a.strip_prefix("--emit="))?;
    let how = match (emit.contains("link"), test) {
        (true, false) => Program,
        (true, true) => Harness,
        (false, false) => CheckedProgram,
        (false, true) => CheckedHarness,
    };
    Some((name.to_owned(), how))
}

fn each_once(list: &[(&str, How)]) -> BTreeMap<(String, How), usize> {
    list.iter().map(|(n, h)| ((n.to_string(), *h), 1)).collect()
}

#[test]
fn a_rustlings_kit_compiles_only_what_is_judged_each_once() {
    let kit = Kit::fixture("rustlings");
    let compiles = Compiles::log(&kit);

    // verify: the three exercises, each in its mode; no solution; intro3 fails its test, so
    // its strict clippy never runs.
    kit.cmd(&["verify"]).run().code(NOT_PASSING);
    assert_eq!(
        compiles.take(),
        each_once(&[
            ("intro1", Program),
            ("intro2", Harness),
            ("intro3", Harness)
        ])
    );
    // Nothing changed: the verdicts are cached, nothing is compiled.
    kit.cmd(&["verify"]).run().code(NOT_PASSING);
    assert_eq!(compiles.take(), BTreeMap::new());

    // run: the one exercise, and its lint now that it passes.
    kit.write(
        "exercises/00_intro/intro3.rs",
        &kit.read("solutions/00_intro/intro3.rs"),
    );
    kit.cmd(&["run", "intro3"]).run().code(0);
    assert_eq!(
        compiles.take(),
        each_once(&[("intro3", Harness), ("intro3", CheckedHarness)])
    );

    // dev check: the solutions now (the exercises' verdicts are cached), each built once and
    // linted once, as solutions are.
    kit.cmd(&["dev", "check"]).run();
    assert_eq!(
        compiles.take(),
        each_once(&[
            ("intro1_sol", Program),
            ("intro1_sol", CheckedProgram),
            ("intro2_sol", Harness),
            ("intro2_sol", CheckedHarness),
            ("intro3_sol", Harness),
            ("intro3_sol", CheckedHarness),
        ])
    );
}

#[test]
fn watch_mode_on_a_rustlings_kit_compiles_the_saved_exercise_once() {
    let kit = Kit::fixture("rustlings");
    let compiles = Compiles::log(&kit);
    // Opening a kit never judges it whole: the current exercise alone is built.
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("error: expected `;`");
    assert_eq!(compiles.take(), each_once(&[("intro1", Program)]));

    kit.write(
        "exercises/00_intro/intro1.rs",
        &kit.read("solutions/00_intro/intro1.rs"),
    );
    screen.wait_for("✓ passed: intro1");
    assert_eq!(compiles.take(), each_once(&[("intro1", Program)]));

    // On to intro2, a test exercise that passes as shipped: built as a harness, alone.
    screen.keys("n");
    screen.wait_for("✓ passed: intro2");
    assert_eq!(compiles.take(), each_once(&[("intro2", Harness)]));

    // And intro3: built as a harness on arrival (it fails as shipped), then once per save.
    screen.keys("n");
    screen.wait_for("[3/3] intro3");
    screen.wait_for("✗ ");
    assert_eq!(compiles.take(), each_once(&[("intro3", Harness)]));
    kit.write(
        "exercises/00_intro/intro3.rs",
        &kit.read("solutions/00_intro/intro3.rs"),
    );
    screen.wait_for("✓ passed: intro3");
    assert_eq!(
        compiles.take(),
        each_once(&[("intro3", Harness), ("intro3", CheckedHarness)])
    );
}

/// A built exercise runs while cargo still builds the others. intro1 (a program, built in the
/// second cargo run, after the test-mode bins) includes a named pipe that only intro2's test
/// writes: if runs waited for the whole build, intro1's compile would wait forever.
#[test]
fn a_built_exercise_runs_while_cargo_builds_the_rest() {
    let kit = Kit::fixture("rustlings");
    let fifo = kit.path().join("gate");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo = fifo.display().to_string();
    kit.write(
        "exercises/00_intro/intro1.rs",
        &format!("const GATE: &[u8] = include_bytes!({fifo:?});\n\nfn main() {{\n    assert_eq!(GATE, b\"open\");\n}}\n"),
    );
    kit.write(
        "exercises/00_intro/intro2.rs",
        &format!("fn main() {{}}\n\n#[cfg(test)]\nmod tests {{\n    #[test]\n    fn opens_the_gate() {{\n        std::fs::write({fifo:?}, b\"open\").unwrap();\n    }}\n}}\n"),
    );
    let mut verify = std::process::Command::new(support::BIN)
        .args(["verify", "--color", "never"])
        .current_dir(kit.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while verify.try_wait().unwrap().is_none() {
        if started.elapsed() > support::tmux::PATIENCE {
            // Let the waiting compile finish, so nothing is left running.
            std::fs::write(&fifo, b"open").unwrap();
            let _ = verify.kill();
            panic!("intro2 never ran while intro1 was being compiled");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = verify.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("✓   1 intro1"), "{stdout}");
    assert!(stdout.contains("✓   2 intro2"), "{stdout}");
}
