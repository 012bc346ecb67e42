//! The kit's dependencies (tokio, serde, …): fetched and built once, up front, into the tool's
//! target folder, so the first exercise is not slow and the kit works offline afterwards.
//!
//! Built with the very command the judge uses for an exercise (same profile settings, target
//! folder and `--locked`), so every later build finds them built: the exercise compiled with
//! them fails as shipped, and that is no concern here.

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::mpsc;

use anyhow::{Context, Result, bail};
use cargo_metadata::Message;

use crate::engine::cargo::{self, BuildTarget, CargoEnv, Pass};
use crate::engine::process::{self, Cancel, Ending, Resources, StdoutMode};
use crate::model::kit::Kit;
use crate::model::manifest::{self, TargetKind};

/// Keep this much of cargo's stderr for an error message.
const STDERR_CAP: usize = 64 * 1024;

/// The crates a kit's build pulls in: the packages of its `Cargo.lock` but its own.
pub fn crate_count(kit: &Kit) -> usize {
    std::fs::read_to_string(manifest::lock_path(kit))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|lock| lock.get("package")?.as_array().map(Vec::len))
        .map_or(0, |n| n.saturating_sub(1))
}

/// `cargo fetch`: downloads the crates of the kit's `Cargo.lock` into cargo's cache.
pub fn fetch(kit: &Kit) -> Result<()> {
    let mut cmd = Command::new(cargo::cargo_program());
    cmd.current_dir(&kit.root)
        .arg("fetch")
        .arg("--manifest-path")
        .arg(kit.manifest_path());
    if cargo::locked(kit) {
        cmd.arg("--locked");
    }
    let finished = process::run(
        cmd,
        StdoutMode::Capture(STDERR_CAP),
        STDERR_CAP,
        None,
        Resources::Unlimited,
        &Cancel::new(),
    )
    .context("failed to run `cargo fetch`")?;
    if !matches!(finished.ending, Ending::Exited(status) if status.success()) {
        bail!(
            "`cargo fetch` could not download the kit's crates:\n{}",
            finished.stderr.text().trim_end()
        );
    }
    Ok(())
}

/// Builds the kit's dependencies as the judge will, calling `on_crate` with each crate's name
/// as cargo finishes it; records them fetched, so builds run offline from now on.
pub fn build(kit: &Kit, on_crate: &mut dyn FnMut(&str)) -> Result<()> {
    let targets = manifest::read_targets(&kit.manifest_path(), &kit.root)?;
    let Some(exercise) = kit.exercises.first() else {
        return Ok(());
    };
    let kind = targets
        .by_name
        .get(&exercise.name)
        .map_or(TargetKind::Test, |(kind, _)| *kind);
    let target = BuildTarget {
        name: exercise.name.clone(),
        kind,
        test: exercise.test,
    };
    let cmd = cargo::command(
        &cargo::Package::of_kit(kit),
        &[target],
        Pass::Build,
        CargoEnv::Inherited,
    );
    let (lines_tx, lines_rx) = mpsc::channel();
    let mut failed_crate = None;
    let mut built_own = false;
    let finished = std::thread::scope(|scope| {
        let runner = scope.spawn(|| {
            process::run(
                cmd,
                StdoutMode::Lines(lines_tx),
                STDERR_CAP,
                None,
                Resources::Unlimited,
                &Cancel::new(),
            )
        });
        let mut seen = BTreeSet::new();
        for line in lines_rx {
            match serde_json::from_str::<Message>(&line) {
                Ok(Message::CompilerArtifact(artifact)) => {
                    let name = artifact.target.name.to_string();
                    if name == exercise.name {
                        built_own = true;
                    } else if seen.insert(artifact.package_id.repr.clone()) {
                        on_crate(&name);
                    }
                }
                Ok(Message::CompilerMessage(msg)) if msg.target.name == exercise.name => {
                    // The exercise fails as shipped: its errors are no concern here.
                    built_own = true;
                }
                Ok(Message::CompilerMessage(msg)) => {
                    failed_crate.get_or_insert(msg.target.name.to_string());
                }
                _ => {}
            }
        }
        runner
            .join()
            .expect("the cargo runner thread does not panic")
    });
    let finished = finished.context("failed to run cargo")?;
    if !built_own {
        bail!(
            "cargo could not build the kit's dependencies{}:\n{}",
            failed_crate.map_or_else(String::new, |c| format!(" (`{c}`)")),
            finished.stderr.text().trim_end()
        );
    }
    cargo::mark_fetched(kit)
}
