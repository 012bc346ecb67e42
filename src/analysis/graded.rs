//! Graded runs: judging a learner's work against the canonical kit, so editing the tests, the
//! manifest or `info.toml` earns nothing.
//!
//! Only each exercise's code outside its test module is taken from the learner. A staging kit
//! is assembled in a folder the tool owns: the canonical `info.toml` and a freshly generated
//! manifest, and per exercise the learner's code with their test module blanked out (so every
//! line keeps its number) and the canonical test module appended, its std macros called by
//! path so a learner's `macro_rules! assert_eq` cannot shadow them (see `tamper`). No build
//! script, profile or `.cargo/config.toml` of the learner's comes along. What the learner
//! changed besides their code, and what only a cheat needs in their code, is reported as
//! tampering.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::analysis::tamper::{GradedSource, Stage};
use crate::model::embedded;
use crate::model::info::KitInfo;
use crate::model::kit::{Exercise, Kit};
use crate::model::manifest::{self, Flavor};
use crate::model::stamp::Stamp;

/// The kit the learner's work is judged against.
pub struct Canonical {
    /// The canonical kit's `info.toml` text.
    pub info_text: String,
    /// The canonical kit.
    pub kit: Kit,
    /// Where its files come from.
    source: Source,
    /// A kit `init` wrote from this very built-in kit: a file it does not have yet (a "predict,
    /// then fix" exercise, written once its item is answered) is the built-in kit's.
    written_from_builtin: bool,
    /// The evidence harness module's name in this run's staged files: random, so learner
    /// code (written before the run) cannot name it; one per run, so learners whose files are
    /// the same share what cargo built for them.
    harness: String,
}

fn harness_name() -> Result<String> {
    Ok(format!(
        "__rustskill_evidence_{:016x}",
        getrandom::u64().context("no random numbers for the harness's name")?
    ))
}

enum Source {
    Embedded,
    Dir(PathBuf),
}

impl Canonical {
    /// The kit built into the binary.
    pub fn embedded() -> Result<Canonical> {
        let info_text = embedded::INFO_TOML.to_owned();
        let info = KitInfo::parse(&info_text, Path::new("<built-in kit>/info.toml"))?;
        Ok(Canonical {
            info_text,
            kit: Kit::from_info(PathBuf::from("."), info),
            source: Source::Embedded,
            harness: harness_name()?,
            written_from_builtin: false,
        })
    }

    /// An instructor's kit in `dir`.
    pub fn from_dir(dir: &Path) -> Result<Canonical> {
        let kit = Kit::load(dir)
            .with_context(|| format!("the canonical kit at {} cannot be read", dir.display()))?;
        let info_text = std::fs::read_to_string(dir.join("info.toml"))?;
        let written_from_builtin = Stamp::load(&kit).is_some_and(|stamp| {
            stamp.embedded
                && info_text == embedded::INFO_TOML
                && stamp.kit_version == kit.info.kit_version
        });
        Ok(Canonical {
            info_text,
            kit,
            source: Source::Dir(dir.to_path_buf()),
            written_from_builtin,
            harness: harness_name()?,
        })
    }

    /// The canonical kit's `Cargo.lock`, which pins its dependencies' versions.
    pub fn lock_file(&self) -> Option<Vec<u8>> {
        match &self.source {
            Source::Embedded => Some(embedded::CARGO_LOCK.to_vec()),
            Source::Dir(dir) => std::fs::read(dir.join("Cargo.lock"))
                .or_else(|_| std::fs::read(dir.join("dev/Cargo.lock")))
                .ok(),
        }
    }

    /// The instructor's hidden tests of `exercise`, if the kit has them (the built-in kit,
    /// whose sources are public, has none).
    pub fn hidden(&self, exercise: &Exercise) -> Option<Vec<u8>> {
        match &self.source {
            Source::Embedded => None,
            Source::Dir(dir) => std::fs::read(dir.join(hidden_path(exercise))).ok(),
        }
    }

    /// The manifest the canonical kit keeps at its root (a rustlings kit, with its own
    /// `[dependencies]`; an instructor's settings): a learner's kit must have that one, and the
    /// staging kit is built with its dependencies. `None` where the kit's manifest is generated.
    pub fn own_manifest(&self) -> Option<String> {
        match &self.source {
            Source::Embedded => None,
            // One the tool generated (a kit `init` wrote) is generated again, for each learner's
            // opened exercises.
            Source::Dir(dir) if self.kit.manifest_path() == self.kit.root.join("Cargo.toml") => {
                std::fs::read_to_string(dir.join("Cargo.toml"))
                    .ok()
                    .filter(|text| *text != manifest::render(&self.kit, Flavor::Learner))
            }
            Source::Dir(_) => None,
        }
    }

    /// The `[dependencies]` of the manifest the canonical kit keeps at its root, if any.
    pub fn own_dependencies(&self) -> Option<toml::Table> {
        let manifest: toml::Table = toml::from_str(&self.own_manifest()?).ok()?;
        manifest.get("dependencies")?.as_table().cloned()
    }

    /// A kit-relative file of the canonical kit.
    pub fn file(&self, rel: &str) -> Option<Vec<u8>> {
        match &self.source {
            Source::Embedded => embedded::file(rel).map(<[u8]>::to_vec),
            Source::Dir(dir) => std::fs::read(dir.join(rel)).ok().or_else(|| {
                self.written_from_builtin
                    .then(|| embedded::file(rel).map(<[u8]>::to_vec))
                    .flatten()
            }),
        }
    }
}

/// What grading found wrong with a learner's repository as a whole, and per exercise.
#[derive(Debug, Default)]
pub struct Tampering {
    /// Changes that affect every exercise (manifest, build configuration).
    pub global: Vec<String>,
    /// Per exercise name: what changed or what cheat was found.
    pub per_exercise: std::collections::HashMap<String, Vec<String>>,
    /// Not tampering, but known at the same time: per exercise, how many hidden tests run.
    pub hidden_tests: std::collections::HashMap<String, usize>,
}

impl Tampering {
    /// Everything reported against one exercise, the global findings included.
    pub fn for_exercise(&self, name: &str) -> Vec<String> {
        let mut all = self.global.clone();
        all.extend(self.per_exercise.get(name).cloned().unwrap_or_default());
        all
    }
}

/// Where an instructor's kit keeps the tests learners never see: `hidden/<dir>/<name>.rs`,
/// each holding one `#[cfg(test)] mod hidden { … }` that graded runs add beside the
/// canonical tests.
pub const HIDDEN_DIR: &str = "hidden";

/// A staged kit, ready for a graded judge.
pub struct Staged {
    /// The staging kit.
    pub kit: Kit,
    /// What the learner tampered with.
    pub tampering: Tampering,
    /// Per exercise: the tests that must send evidence (canonical, then hidden) and how many
    /// of them are hidden.
    pub expected: std::collections::HashMap<String, (Vec<String>, usize)>,
    /// Per exercise: where the learner's code ends in the staged file.
    pub learner_ends: std::collections::HashMap<String, usize>,
}

/// The kit-relative path of an exercise's hidden tests.
pub fn hidden_path(exercise: &Exercise) -> String {
    exercise
        .rel_path()
        .replacen("exercises/", &format!("{HIDDEN_DIR}/"), 1)
}

/// Assembles the staging kit in `staging` from the learner's kit at `learner`: what was
/// tampered with, and the tests each exercise must send evidence for. Files are rewritten only
/// when their content changes.
pub fn stage(canonical: &Canonical, learner: &Path, staging: &Path) -> Result<Staged> {
    let mut tampering = Tampering::default();
    let mut expected = std::collections::HashMap::new();
    let mut learner_ends = std::collections::HashMap::new();
    let harness = &canonical.harness;
    check_repository(canonical, learner, &mut tampering);
    std::fs::create_dir_all(staging)
        .with_context(|| format!("failed to create {}", staging.display()))?;
    write_if_changed(&staging.join("info.toml"), canonical.info_text.as_bytes())?;
    let kit = Kit::from_info(
        staging.to_path_buf(),
        KitInfo::parse(&canonical.info_text, Path::new("info.toml"))?,
    );
    for exercise in &kit.exercises {
        let rel = exercise.rel_path();
        if exercise.predict().is_some() {
            continue;
        }
        // A "predict, then fix" exercise exists once its item is answered: judged where the
        // learner has it, not started where not (and gone from a staging folder shared with an
        // earlier learner).
        if exercise.opened_by.is_some() && !learner.join(&rel).is_file() {
            let _ = std::fs::remove_file(staging.join(&rel));
            continue;
        }
        let shipped = canonical.file(&rel).with_context(|| {
            format!(
                "the canonical kit lacks {rel}: put the exercise's shipped file there (a kit \
                     `init` wrote gets a \"predict, then fix\" exercise only once its item is \
                     answered; grading against the kit's source repository has them all)"
            )
        })?;
        let shipped = String::from_utf8_lossy(&shipped).into_owned();
        let hidden = canonical
            .hidden(exercise)
            .map(|h| String::from_utf8_lossy(&h).into_owned());
        let stage = Stage {
            exercise,
            shipped: &shipped,
            hidden: hidden.as_deref(),
            harness,
        };
        let GradedSource {
            source,
            mut findings,
            tests,
            hidden,
            learner_end,
        } = match std::fs::read(learner.join(&rel)) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => stage.graded(&text)?,
                Err(_) => {
                    let mut graded = stage.graded(&shipped)?;
                    graded.findings = vec![format!("{rel} is not UTF-8 text: judged as shipped")];
                    graded
                }
            },
            Err(_) => {
                let mut graded = stage.graded(&shipped)?;
                graded.findings = vec![format!("{rel} is missing: judged as shipped")];
                graded
            }
        };
        findings.dedup();
        expected.insert(exercise.name.clone(), (tests, hidden));
        learner_ends.insert(exercise.name.clone(), learner_end);
        if hidden > 0 {
            tampering.hidden_tests.insert(exercise.name.clone(), hidden);
        }
        if !findings.is_empty() {
            tampering
                .per_exercise
                .entry(exercise.name.clone())
                .or_default()
                .extend(findings);
        }
        write_if_changed(&staging.join(&rel), source.as_bytes())?;
    }
    // Every exercise a test target, never a solution; a rustlings kit's own dependencies kept.
    let own_dependencies = canonical.own_dependencies();
    let dependencies = own_dependencies.as_ref().or(kit.info.dependencies.as_ref());
    let staged_manifest = manifest::render_with(&kit, Flavor::Graded, dependencies);
    write_if_changed(&staging.join("Cargo.toml"), staged_manifest.as_bytes())?;
    if let Some(lock) = canonical.lock_file() {
        write_if_changed(&staging.join("Cargo.lock"), &lock)?;
    }
    Ok(Staged {
        kit,
        tampering,
        expected,
        learner_ends,
    })
}

fn write_if_changed(path: &Path, contents: &[u8]) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, contents).with_context(|| format!("failed to write {}", path.display()))
}

/// Compares what the learner may not change with the canonical kit.
fn check_repository(canonical: &Canonical, learner: &Path, tampering: &mut Tampering) {
    match std::fs::read_to_string(learner.join("info.toml")) {
        Err(_) => tampering.global.push("info.toml is missing".into()),
        Ok(text) => match KitInfo::parse(&text, Path::new("info.toml")) {
            Err(_) => tampering.global.push("info.toml no longer parses".into()),
            Ok(info) => {
                let theirs = Kit::from_info(learner.to_path_buf(), info);
                for exercise in &canonical.kit.exercises {
                    let what = match theirs.exercises.iter().find(|e| e.name == exercise.name) {
                        None => Some("info.toml: the exercise was removed".to_owned()),
                        Some(e) if judged_differently(e, exercise) => {
                            Some("info.toml: how the exercise is judged was changed".to_owned())
                        }
                        _ => None,
                    };
                    if let Some(what) = what {
                        tampering
                            .per_exercise
                            .entry(exercise.name.clone())
                            .or_default()
                            .push(what);
                    }
                }
            }
        },
    }
    let source_kit = is_source_kit(learner);
    // A learner's manifest lists the fix exercises they have opened, so it is compared with the
    // canonical kit's as it stands in the learner's folder.
    let as_learner = KitInfo::parse(&canonical.info_text, Path::new("info.toml"))
        .map(|info| Kit::from_info(learner.to_path_buf(), info));
    if source_kit {
        check_dev_manifest(canonical, learner, tampering);
    } else if let Ok(text) = std::fs::read_to_string(learner.join("Cargo.toml"))
        && let Ok(as_learner) = &as_learner
        && text
            != canonical
                .own_manifest()
                .unwrap_or_else(|| manifest::render(as_learner, Flavor::Learner))
    {
        tampering
            .global
            .push("Cargo.toml differs from the kit's generated manifest".into());
    }
    // In a kit's source repository the root's manifest, build script and toolchain file are
    // the tool's own; the exercises' package is in dev/.
    let build_files: &[&str] = if source_kit {
        &[
            ".cargo/config.toml",
            ".cargo/config",
            "dev/build.rs",
            "dev/.cargo/config.toml",
            "dev/.cargo/config",
        ]
    } else {
        &[
            ".cargo/config.toml",
            ".cargo/config",
            "build.rs",
            "rust-toolchain.toml",
            "rust-toolchain",
        ]
    };
    for rel in build_files {
        if learner.join(rel).exists() {
            tampering.global.push(format!(
                "{rel} was added (it changes how exercises are built or run)"
            ));
        }
    }
}

/// A kit's source repository: the exercises' manifest in `dev/`, the root's (if any) another
/// package's (this tool's own repository is one).
fn is_source_kit(root: &Path) -> bool {
    let root_package = std::fs::read_to_string(root.join("Cargo.toml"))
        .ok()
        .and_then(|text| toml::from_str::<toml::Value>(&text).ok())
        .and_then(|v| Some(v.get("package")?.get("name")?.as_str()?.to_owned()));
    root.join("dev/Cargo.toml").is_file() && root_package.is_none_or(|name| name != "exercises")
}

/// A source kit's `dev/Cargo.toml` must still point each exercise at its file.
fn check_dev_manifest(canonical: &Canonical, learner: &Path, tampering: &mut Tampering) {
    let Ok(targets) = manifest::read_targets(&learner.join("dev/Cargo.toml"), learner) else {
        tampering
            .global
            .push("dev/Cargo.toml no longer parses".into());
        return;
    };
    // Predict items are never targets.
    let moved = canonical
        .kit
        .exercises
        .iter()
        .filter(|e| e.predict().is_none())
        .any(|e| {
            targets
                .by_name
                .get(&e.name)
                .is_none_or(|(_, path)| *path != e.rel_path())
        });
    if moved {
        tampering
            .global
            .push("dev/Cargo.toml differs from the kit's generated manifest".into());
    }
}

fn judged_differently(theirs: &Exercise, canonical: &Exercise) -> bool {
    theirs.test != canonical.test
        || theirs.strict_clippy != canonical.strict_clippy
        || theirs.dir != canonical.dir
        || theirs.time_limit != canonical.time_limit
        || theirs.memory_limit_mib != canonical.memory_limit_mib
        || theirs.points != canonical.points
        || theirs.constraints != canonical.constraints
        || theirs.allow_unsafe != canonical.allow_unsafe
        || theirs.manual_impls != canonical.manual_impls
}

/// Checks that `canonical` is usable for the learner kit: the same kit by name.
pub fn check_same_kit(canonical: &Canonical, learner_info: &KitInfo) -> Result<()> {
    if canonical.kit.info.kit_name != learner_info.kit_name {
        bail!(
            "the canonical kit is `{}`, but this kit says it is `{}`; point --canonical at the kit this work was set from",
            canonical.kit.info.kit_name,
            learner_info.kit_name
        );
    }
    Ok(())
}
