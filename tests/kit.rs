//! The repository's own kit: sound as shipped, and written out whole by `init`.

mod support;

use std::process::Command;

use support::{BIN, Kit, repo_root};

#[test]
fn the_kit_is_sound() {
    // Every exercise fails in its designed way, every solution passes, is clippy-clean and
    // keeps its constraints, and info.toml, the files and dev/Cargo.toml agree.
    let out = Command::new(BIN)
        .args(["dev", "check", "--color", "never"])
        .current_dir(repo_root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "dev check found problems:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Kit is sound"), "{stdout}");
}

#[test]
fn init_writes_a_kit_that_rust_analyzer_and_the_tool_understand() {
    let dir = Kit::empty();
    dir.cmd(&["init"]).run().code(0).stdout_has("cd rustskill");
    let kit = dir.path().join("rustskill");
    for file in [
        "info.toml",
        "Cargo.toml",
        ".gitignore",
        ".rustskill/stamp.toml",
        ".rustskill/progress.toml",
    ] {
        assert!(kit.join(file).is_file(), "{file} written");
    }
    assert!(
        !kit.join("solutions/01_ownership/move_on_assign.rs")
            .exists(),
        "solutions come only after passing"
    );

    // rust-analyzer's view: cargo metadata of the kit's package lists every exercise.
    let info: toml::Value =
        toml::from_str(&std::fs::read_to_string(kit.join("info.toml")).unwrap()).unwrap();
    let names: Vec<&str> = info["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    let meta = Command::new(env!("CARGO"))
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(&kit)
        .output()
        .unwrap();
    assert!(
        meta.status.success(),
        "{}",
        String::from_utf8_lossy(&meta.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&meta.stdout).unwrap();
    let targets: Vec<&str> = meta["packages"][0]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(targets.len(), names.len());
    for name in &names {
        assert!(targets.contains(name), "cargo metadata lists {name}");
    }

    // The first exercise fails as designed; its solution passes and is then written out.
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .current_dir(&kit)
            .env_remove("RUST_BACKTRACE")
            .output()
            .unwrap()
    };
    let first = run(&["run", "--color", "never"]);
    assert_eq!(first.status.code(), Some(1));
    let designed = info["exercises"][0]["fails_with"].as_str().unwrap();
    assert!(String::from_utf8_lossy(&first.stdout).contains(&format!("error[{designed}]")));
    let solution = repo_root()
        .join("solutions/00_warmup")
        .join(format!("{}.rs", names[0]));
    let first_path = kit
        .join("exercises/00_warmup")
        .join(format!("{}.rs", names[0]));
    let shipped = std::fs::read(&first_path).unwrap();
    std::fs::copy(&solution, &first_path).unwrap();
    let passed = run(&["run"]);
    assert_eq!(
        passed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&passed.stdout)
    );
    assert!(
        kit.join("solutions/00_warmup")
            .join(format!("{}.rs", names[0]))
            .is_file(),
        "solution revealed"
    );

    // reset restores the shipped version from the binary.
    let reset = run(&["reset", names[0], "--yes"]);
    assert!(reset.status.success());
    assert_eq!(std::fs::read(&first_path).unwrap(), shipped);

    // A kit written by an older tool or kit version says how to take the new one.
    let stamp = std::fs::read_to_string(kit.join(".rustskill/stamp.toml")).unwrap();
    let kit_version = info["kit_version"].as_str().unwrap();
    std::fs::write(
        kit.join(".rustskill/stamp.toml"),
        stamp.replace(kit_version, "0.0.1"),
    )
    .unwrap();
    let listed = run(&["list"]);
    let note = String::from_utf8_lossy(&listed.stderr);
    assert!(
        note.contains("this kit is version 0.0.1") && note.contains("cargo rustskill upgrade"),
        "{note}"
    );

    // A second init into the same folder refuses.
    dir.cmd(&["init"])
        .run()
        .code(2)
        .stderr_has("already holds a kit");
}
