//! The truth of tracing items: each program compiled as a binary of the tool's own scratch
//! package (under the kit's target folder, with the kit's dependencies and `Cargo.lock`, so
//! the crates the exercises built are reused), and run under the item's time limit. What it
//! did is a [`Behaviour`]; which claim holds is the model's business.
//!
//! The scratch package lives in `target/rustskill/predict/`, never in the kit's manifest: a
//! predict program must not be a target the learner's editor checks before they answer. Its
//! manifest lists every tracing item of the kit (so two runs never fight over its content), and
//! a run builds only the ones asked for. Behaviours are cached, keyed on the program, the
//! toolchain, the dependencies and the tool's version: warm, an answer costs no compile.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::base::fsutil;
use crate::engine::cargo::{self, BuildTarget, CargoEnv, Package, Pass};
use crate::engine::judge::Cache;
use crate::engine::limits::Limits;
use crate::engine::process::{self, Cancel, Ending, Resources, StdoutMode};
use crate::engine::toolchain;
use crate::model::kit::{Exercise, Kit};
use crate::model::manifest::{self, TargetKind};
use crate::model::outcome::Diagnostic;
use crate::model::predict::{Behaviour, FirstError, QuestionType};

/// Output kept per stream of a program's run.
const OUTPUT_CAP: usize = 64 * 1024;

/// Bumped when the stored shape of a [`Behaviour`] changes.
const CACHE_FORMAT: u32 = 1;

#[derive(Default, Serialize, Deserialize)]
struct CacheFile {
    format: u32,
    entries: HashMap<String, (String, Behaviour)>,
}

/// Compiles and runs tracing items' programs for one kit.
pub struct Tracer<'k> {
    kit: &'k Kit,
    env: CargoEnv,
    cache: Cache,
}

impl<'k> Tracer<'k> {
    /// A tracer for `kit`'s tracing items: practice (the caller's environment) or a grader's
    /// ([`CargoEnv::Cleared`]).
    pub fn new(kit: &'k Kit, env: CargoEnv, cache: Cache) -> Tracer<'k> {
        Tracer { kit, env, cache }
    }

    fn dir(&self) -> PathBuf {
        self.kit.target_dir().join("predict")
    }

    /// What each item's program does, one answer per item, in order. Items that are not
    /// tracing items are an error of the caller.
    pub fn behaviours(&self, items: &[&Exercise], cancel: &Cancel) -> Result<Vec<Behaviour>> {
        let toolchain = toolchain::check(
            &self.kit.root,
            self.kit.info.min_rust.as_deref(),
            &self.kit.target_dir(),
        )?;
        let package = self.write_package()?;
        let cache_path = self.kit.target_dir().join("predict-truths.json");
        let mut cached: CacheFile = std::fs::read(&cache_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .filter(|c: &CacheFile| c.format == CACHE_FORMAT)
            .unwrap_or(CacheFile {
                format: CACHE_FORMAT,
                entries: HashMap::new(),
            });
        let manifest_bytes = std::fs::read(&package.manifest).unwrap_or_default();
        let lock = std::fs::read(self.dir().join("Cargo.lock")).unwrap_or_default();
        let keys: Vec<String> = items
            .iter()
            .map(|item| {
                let program = item.predict().and_then(|p| p.program.as_deref());
                fsutil::content_hash(&[
                    env!("CARGO_PKG_VERSION").as_bytes(),
                    toolchain.id.as_bytes(),
                    &manifest_bytes,
                    &lock,
                    item.time_limit.as_millis().to_string().as_bytes(),
                    program.unwrap_or_default().as_bytes(),
                ])
            })
            .collect();
        let mut answers: Vec<Option<Behaviour>> = items
            .iter()
            .zip(&keys)
            .map(|(item, key)| {
                let hit = cached.entries.get(&item.name).filter(|(k, _)| k == key);
                hit.filter(|_| self.cache == Cache::Use)
                    .map(|(_, b)| b.clone())
            })
            .collect();
        let missing: Vec<usize> = (0..items.len()).filter(|&i| answers[i].is_none()).collect();
        if !missing.is_empty() {
            let wanted: Vec<&Exercise> = missing.iter().map(|&i| items[i]).collect();
            let found = self.build_and_run(&package, &wanted, cancel)?;
            for (&i, behaviour) in missing.iter().zip(found) {
                cached
                    .entries
                    .insert(items[i].name.clone(), (keys[i].clone(), behaviour.clone()));
                answers[i] = Some(behaviour);
            }
            // A cache that cannot be written costs a compile next time, nothing else.
            if !cancel.is_cancelled()
                && let Ok(bytes) = serde_json::to_vec(&cached)
            {
                let _ = fsutil::write_atomic_unsynced(&cache_path, &bytes);
            }
        }
        Ok(answers.into_iter().flatten().collect())
    }

    /// Writes the scratch package (only what changed, so cargo reuses what it built).
    fn write_package(&self) -> Result<Package> {
        let dir = self.dir();
        let kit = self.kit;
        let mut text = String::from(
            "# The tool's scratch package of predict programs (cargo-rustskill writes it).\n\
             [package]\nname = \"exercises\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\
             autobins = false\nautoexamples = false\nautotests = false\nautobenches = false\n",
        );
        if let Some(dependencies) = &kit.info.dependencies {
            let mut table = toml::Table::new();
            table.insert(
                "dependencies".into(),
                toml::Value::Table(dependencies.clone()),
            );
            let _ = write!(text, "\n{}", toml::to_string(&table).unwrap_or_default());
        }
        for exercise in &kit.exercises {
            let Some(item) = exercise.predict() else {
                continue;
            };
            if item.question_type != QuestionType::Tracing {
                continue;
            }
            let program = item.program.as_deref().unwrap_or_default();
            let rel = format!("src/{}.rs", exercise.name);
            write_if_changed(&dir.join(&rel), program.as_bytes())?;
            let _ = write!(
                text,
                "\n[[bin]]\nname = \"{}\"\npath = \"{rel}\"\n",
                exercise.name
            );
        }
        text.push_str("\n[workspace]\n");
        write_if_changed(&dir.join("Cargo.toml"), text.as_bytes())?;
        // The same package name, version and dependencies as the exercises' package, so the
        // kit's lock file fits unchanged and `--locked` builds the very versions it pins.
        let kit_lock = manifest::package_dir(kit).join("Cargo.lock");
        let locked = match std::fs::read(&kit_lock) {
            Ok(lock) if kit.info.dependencies.is_some() => {
                write_if_changed(&dir.join("Cargo.lock"), &lock)?;
                true
            }
            _ => false,
        };
        Ok(Package {
            manifest: dir.join("Cargo.toml"),
            dir: dir.clone(),
            target_dir: kit.target_dir(),
            locked,
            offline: cargo::offline(kit),
        })
    }

    fn build_and_run(
        &self,
        package: &Package,
        items: &[&Exercise],
        cancel: &Cancel,
    ) -> Result<Vec<Behaviour>> {
        let targets: Vec<BuildTarget> = items
            .iter()
            .map(|item| BuildTarget {
                name: item.name.clone(),
                kind: TargetKind::Bin,
                test: false,
            })
            .collect();
        let built = cargo::run_pass_in(
            package,
            &targets,
            Pass::Build,
            self.env,
            cancel,
            &mut |_, _| {},
        )?
        .context("cancelled")?;
        let mut behaviours = Vec::new();
        for item in items {
            let output = built.get(&item.name);
            let behaviour = match output.and_then(|o| o.executable.clone()) {
                Some(exe) => run(&exe, &package.dir, item, cancel),
                None => {
                    let diagnostics = output.map(|o| o.diagnostics.as_slice()).unwrap_or(&[]);
                    Behaviour::CompileError(first_error(diagnostics))
                }
            };
            behaviours.push(behaviour);
        }
        Ok(behaviours)
    }
}

/// The first error among a compile's diagnostics.
fn first_error(diagnostics: &[Diagnostic]) -> FirstError {
    let first = diagnostics.iter().find(|d| d.is_error());
    FirstError {
        code: first.and_then(|d| d.code.clone()),
        message: first.map(|d| d.message.clone()).unwrap_or_default(),
        line: first.and_then(|d| d.line),
    }
}

/// Runs a built program under the item's time limit.
fn run(exe: &Path, dir: &Path, item: &Exercise, cancel: &Cancel) -> Behaviour {
    let mut cmd = Command::new(exe);
    cmd.current_dir(dir);
    let finished = process::run(
        cmd,
        StdoutMode::Capture(OUTPUT_CAP),
        OUTPUT_CAP,
        Some(item.time_limit),
        Resources::Limited(Limits::learner(item.memory_limit_mib)),
        cancel,
    );
    match finished {
        Err(e) => Behaviour::Abnormal(format!("could not start it: {e}")),
        Ok(finished) => match finished.ending {
            Ending::Exited(status) => match status.code() {
                Some(code) => Behaviour::Exited {
                    code,
                    stdout: finished.stdout.text(),
                    stderr: finished.stderr.text(),
                },
                None => Behaviour::Abnormal(format!("it ended abnormally ({status})")),
            },
            Ending::TimedOut => Behaviour::Abnormal(format!(
                "it ran past its time limit of {} s",
                item.time_limit.as_secs_f64()
            )),
            Ending::Cancelled => Behaviour::Abnormal("cancelled".into()),
        },
    }
}

fn write_if_changed(path: &Path, contents: &[u8]) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    fsutil::write_atomic_unsynced(path, contents)
        .with_context(|| format!("failed to write {}", path.display()))
}
