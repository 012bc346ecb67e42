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

use crate::analysis::tamper::{graded_source, shipped_with_path_macros};
use crate::model::embedded;
use crate::model::info::KitInfo;
use crate::model::kit::{Exercise, Kit};
use crate::model::manifest::{self, Flavor};

/// The kit the learner's work is judged against.
pub struct Canonical {
    /// The canonical kit's `info.toml` text.
    pub info_text: String,
    /// The canonical kit.
    pub kit: Kit,
    /// Where its files come from.
    source: Source,
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
        })
    }

    /// An instructor's kit in `dir`.
    pub fn from_dir(dir: &Path) -> Result<Canonical> {
        let kit = Kit::load(dir)
            .with_context(|| format!("the canonical kit at {} cannot be read", dir.display()))?;
        let info_text = std::fs::read_to_string(dir.join("info.toml"))?;
        Ok(Canonical {
            info_text,
            kit,
            source: Source::Dir(dir.to_path_buf()),
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

    /// The manifest a learner's kit must have and the staging kit is built with: the one the
    /// kit generates, or where the canonical kit keeps its own at its root (a rustlings kit,
    /// with its own `[dependencies]`; an instructor's settings), that one.
    pub fn manifest_text(&self) -> String {
        let generated = || manifest::render(&self.kit, Flavor::Learner);
        match &self.source {
            Source::Embedded => generated(),
            Source::Dir(dir) if self.kit.manifest_path() == self.kit.root.join("Cargo.toml") => {
                std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_else(|_| generated())
            }
            Source::Dir(_) => generated(),
        }
    }

    /// A kit-relative file of the canonical kit.
    pub fn file(&self, rel: &str) -> Option<Vec<u8>> {
        match &self.source {
            Source::Embedded => embedded::file(rel).map(<[u8]>::to_vec),
            Source::Dir(dir) => std::fs::read(dir.join(rel)).ok(),
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
}

impl Tampering {
    /// Everything reported against one exercise, the global findings included.
    pub fn for_exercise(&self, name: &str) -> Vec<String> {
        let mut all = self.global.clone();
        all.extend(self.per_exercise.get(name).cloned().unwrap_or_default());
        all
    }
}

/// Assembles the staging kit in `staging` from the learner's kit at `learner` and returns it
/// with what was tampered with. Files are rewritten only when their content changes, so cargo
/// reuses what it built for an earlier learner or run.
pub fn stage(canonical: &Canonical, learner: &Path, staging: &Path) -> Result<(Kit, Tampering)> {
    let mut tampering = Tampering::default();
    check_repository(canonical, learner, &mut tampering);
    std::fs::create_dir_all(staging)
        .with_context(|| format!("failed to create {}", staging.display()))?;
    write_if_changed(&staging.join("info.toml"), canonical.info_text.as_bytes())?;
    let kit = Kit::from_info(
        staging.to_path_buf(),
        KitInfo::parse(&canonical.info_text, Path::new("info.toml"))?,
    );
    write_if_changed(
        &staging.join("Cargo.toml"),
        canonical.manifest_text().as_bytes(),
    )?;
    if let Some(lock) = canonical.lock_file() {
        write_if_changed(&staging.join("Cargo.lock"), &lock)?;
    }
    for exercise in &kit.exercises {
        let rel = exercise.rel_path();
        let shipped = canonical
            .file(&rel)
            .with_context(|| format!("the canonical kit lacks {rel}"))?;
        let shipped = String::from_utf8_lossy(&shipped).into_owned();
        let (source, findings) = match std::fs::read_to_string(learner.join(&rel)) {
            Ok(learner_source) => graded_source(exercise, &learner_source, &shipped),
            Err(_) => (
                shipped_with_path_macros(&shipped),
                vec![format!("{rel} is missing: judged as shipped")],
            ),
        };
        if !findings.is_empty() {
            tampering
                .per_exercise
                .entry(exercise.name.clone())
                .or_default()
                .extend(findings);
        }
        write_if_changed(&staging.join(&rel), source.as_bytes())?;
    }
    Ok((kit, tampering))
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
    let manifest = learner.join("Cargo.toml");
    if let Ok(text) = std::fs::read_to_string(&manifest)
        && text != canonical.manifest_text()
    {
        tampering
            .global
            .push("Cargo.toml differs from the kit's generated manifest".into());
    }
    for rel in [
        ".cargo/config.toml",
        ".cargo/config",
        "build.rs",
        "rust-toolchain.toml",
        "rust-toolchain",
    ] {
        if learner.join(rel).exists() {
            tampering.global.push(format!(
                "{rel} was added (it changes how exercises are built or run)"
            ));
        }
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
