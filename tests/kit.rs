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
    let entries = info["exercises"].as_array().unwrap();
    let names: Vec<&str> = entries
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    // Predict items are never targets, nor a "predict, then fix" exercise before its item is
    // answered: rust-analyzer must not show their errors first.
    let opened_later: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.get("predict")?.get("then_fix")?.as_str())
        .collect();
    let targets_wanted: Vec<&str> = entries
        .iter()
        .filter(|e| e.get("kind").and_then(|k| k.as_str()) != Some("predict"))
        .map(|e| e["name"].as_str().unwrap())
        .filter(|n| !opened_later.contains(n))
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
    assert_eq!(targets.len(), targets_wanted.len());
    for name in &targets_wanted {
        assert!(targets.contains(name), "cargo metadata lists {name}");
    }
    assert!(!opened_later.is_empty() && names.len() > targets.len());

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

    // A pass means the exercise's own tests passed: with them deleted or weakened, it is not.
    let solved = std::fs::read_to_string(&solution).unwrap();
    let tests_at = solved.find("#[cfg(test)]").unwrap();
    for cheat in [
        solved[..tests_at].to_owned(),
        solved.replacen("assert_eq!", "let _ = ", 1),
    ] {
        std::fs::write(&first_path, &cheat).unwrap();
        let cheated = run(&["run", names[0], "--color", "never"]);
        let stdout = String::from_utf8_lossy(&cheated.stdout);
        assert_eq!(cheated.status.code(), Some(1), "{stdout}");
        assert!(stdout.contains("(the tests as shipped)"), "{stdout}");
    }

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

/// The done-when of the predict issue, on a freshly written kit: every item has exactly one
/// right choice through `answer`, no wrong answer's output holds the right choice's text, no
/// file a learner receives holds an explanation (or the authors' `right =`), and every track
/// from 1 on has at least four items.
#[test]
fn every_predict_item_has_one_right_choice_and_no_learner_file_names_it() {
    let dir = Kit::empty();
    dir.cmd(&["init"]).run().code(0);
    let kit = dir.path().join("rustskill");
    let shipped = support::all_text(&kit);
    let info: toml::Value =
        toml::from_str(&std::fs::read_to_string(kit.join("info.toml")).unwrap()).unwrap();
    let items: Vec<&toml::Value> = info["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e.get("kind").and_then(|k| k.as_str()) == Some("predict"))
        .collect();
    let mut per_track = std::collections::BTreeMap::<&str, usize>::new();
    for item in &items {
        *per_track.entry(item["dir"].as_str().unwrap()).or_default() += 1;
    }
    for track in [
        "01_ownership",
        "02_traits",
        "03_errors",
        "04_concurrency",
        "05_unsafe",
        "06_challenges",
        "07_crates",
    ] {
        assert!(
            per_track.get(track).copied().unwrap_or(0) >= 4,
            "{track}: {per_track:?}"
        );
    }
    for item in &items {
        let name = item["name"].as_str().unwrap();
        let dir_name = item["dir"].as_str().unwrap();
        let source: toml::Value = toml::from_str(
            &std::fs::read_to_string(repo_root().join(format!("predict/{dir_name}/{name}.toml")))
                .unwrap(),
        )
        .unwrap();
        assert!(
            item["predict"].get("right").is_none(),
            "{name}: no `right` is shipped"
        );
        // Each explanation, line by line (what is shown anyway aside), is in no shipped file.
        let shown: Vec<&str> = item["predict"]["choices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap())
            .chain([item["predict"]["question"].as_str().unwrap()])
            .chain(item["predict"].get("program").and_then(|p| p.as_str()))
            .collect();
        let explanations = source["choices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["why"].as_str().unwrap())
            .chain(source.get("explanation").and_then(|e| e.as_str()));
        for text in explanations {
            for line in text.lines().map(str::trim).filter(|l| l.len() >= 40) {
                if shown.iter().any(|s| s.contains(line)) {
                    continue;
                }
                assert!(
                    !shipped.contains(line),
                    "{name}: a shipped file holds {line:?}"
                );
            }
        }
        let choices = item["predict"]["choices"].as_array().unwrap();
        let mut right = Vec::new();
        let mut wrong_outputs = Vec::new();
        for n in 1..=choices.len() {
            let out = Command::new(BIN)
                .args(["answer", name, &n.to_string(), "--color", "never"])
                .current_dir(&kit)
                .output()
                .unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            match out.status.code() {
                Some(0) => right.push(n),
                Some(1) => wrong_outputs.push(text),
                other => panic!("{name} {n}: exit {other:?}: {text}"),
            }
        }
        assert_eq!(right.len(), 1, "{name}: right choices {right:?}");
        let right_text = choices[right[0] - 1]["text"].as_str().unwrap();
        for text in &wrong_outputs {
            assert!(
                !text.contains(right_text),
                "{name}: a wrong answer shows the right one: {text}"
            );
        }
    }
}
