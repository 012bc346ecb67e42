//! A kit on disk: its root folder, its parsed `info.toml`, its exercises and the cargo package
//! they are targets of.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::model::info::{
    DEFAULT_MEMORY_LIMIT_MIB, DEFAULT_TIME_LIMIT_SECS, DesignedFailure, KitInfo, PredictEntry,
};
use crate::model::predict::{Claim, PredictItem};
use crate::model::rules::Constraint;

/// The folder, under the kit root, where the tool keeps progress, the events log and the stamp.
pub const STATE_DIR: &str = ".rustskill";

/// The folder, under a kit's root, of a timed assessment in progress (itself a small kit).
pub const ASSESSMENT_DIR: &str = "assessment";

/// A loaded kit.
#[derive(Debug)]
pub struct Kit {
    /// The folder holding `info.toml`.
    pub root: PathBuf,
    /// The parsed `info.toml`.
    pub info: KitInfo,
    /// The exercises, in kit order.
    pub exercises: Vec<Exercise>,
}

/// One exercise, with everything resolved from `info.toml`.
#[derive(Debug)]
pub struct Exercise {
    /// Position in the kit, from 0.
    pub index: usize,
    /// Unique name, also the cargo target's name.
    pub name: String,
    /// Track folder, if any.
    pub dir: Option<String>,
    /// Judged by tests (`true`) or by running `main`.
    pub test: bool,
    /// Also judged by clippy with `-D warnings`.
    pub strict_clippy: bool,
    /// 1–3.
    pub level: u8,
    /// The hint tiers, in the order they are revealed (at least one).
    pub hints: Vec<String>,
    /// Shown once it passes.
    pub explanation: Option<String>,
    /// How the shipped version must fail.
    pub fails_with: Option<DesignedFailure>,
    /// (rustlings) the shipped version may already pass.
    pub skip_check_unsolved: bool,
    /// Limit for the test binary or `main`.
    pub time_limit: Duration,
    /// The memory the test binary or `main` may use, in MiB.
    pub memory_limit_mib: u64,
    /// Weight in the score.
    pub points: u32,
    /// Held back from practice, for assessments only.
    pub assessment_only: bool,
    /// Forbidden shortcuts and required constructs.
    pub constraints: Vec<Constraint>,
    /// A program to fix, or a predict item to answer.
    pub kind: Kind,
    /// For the fix exercise of a "predict, then fix" item: that item's name. The exercise's
    /// file is written, and it becomes a cargo target, only once the item is answered.
    pub opened_by: Option<String>,
    /// Graded runs allow `unsafe` in the learner's code (the lesson is `unsafe`).
    pub allow_unsafe: bool,
    /// Traits the learner may implement by hand in graded runs (the lesson is that impl).
    pub manual_impls: Vec<String>,
}

/// What an exercise is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A broken program, a cargo target judged by the compiler and its tests.
    Code,
    /// A predict item: answered, never a cargo target.
    Predict(Box<PredictItem>),
}

/// How an exercise is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Harness {
    /// By its tests: a libtest binary.
    Tests,
    /// By running `main`.
    Main,
}

impl Exercise {
    /// Whether it is judged by its tests or by running `main`.
    pub fn harness(&self) -> Harness {
        if self.test {
            Harness::Tests
        } else {
            Harness::Main
        }
    }

    /// The predict item, if it is one.
    pub fn predict(&self) -> Option<&PredictItem> {
        match &self.kind {
            Kind::Predict(item) => Some(item),
            Kind::Code => None,
        }
    }

    /// `exercise` or `predict`, as `list --json` and the reports write it.
    pub fn kind_word(&self) -> &'static str {
        match self.kind {
            Kind::Code => "exercise",
            Kind::Predict(_) => "predict",
        }
    }

    /// The exercise file, relative to the kit root, with `/` separators.
    pub fn rel_path(&self) -> String {
        match &self.dir {
            Some(dir) => format!("exercises/{dir}/{}.rs", self.name),
            None => format!("exercises/{}.rs", self.name),
        }
    }

    /// The solution file, relative to the kit root.
    pub fn rel_solution_path(&self) -> String {
        self.rel_path().replacen("exercises/", "solutions/", 1)
    }

    /// The track: the folder name without its number prefix (`01_ownership` → `ownership`).
    pub fn track(&self) -> &str {
        let dir = self.dir.as_deref().unwrap_or("");
        match dir.split_once('_') {
            Some((num, rest)) if num.bytes().all(|b| b.is_ascii_digit()) => rest,
            _ => dir,
        }
    }
}

impl Kit {
    /// Finds the kit: `explicit` if given, else the current folder or the nearest parent with
    /// an `info.toml`.
    pub fn discover(explicit: Option<&Path>) -> Result<Kit> {
        Kit::load(&Kit::find_root(explicit)?)
    }

    /// The folder of the kit [`Kit::discover`] would load, without loading it.
    pub fn find_root(explicit: Option<&Path>) -> Result<PathBuf> {
        match explicit {
            Some(dir) => {
                if !dir.join("info.toml").is_file() {
                    bail!("{} has no info.toml, so it is not a kit", dir.display());
                }
                // Absolute, since cargo and test binaries run from other folders.
                std::path::absolute(dir)
                    .with_context(|| format!("failed to resolve {}", dir.display()))
            }
            None => {
                let cwd = std::env::current_dir().context("failed to read the current folder")?;
                match cwd.ancestors().find(|dir| dir.join("info.toml").is_file()) {
                    Some(dir) => Ok(dir.to_path_buf()),
                    None => bail!(
                        "no kit here: neither this folder nor any parent has an info.toml.\n\
                         Run `cargo rustskill init` to write one (into ./rustskill), then `cd rustskill`, \
                         or point to a kit with `--kit DIR`."
                    ),
                }
            }
        }
    }

    /// Loads the kit at `root`.
    pub fn load(root: &Path) -> Result<Kit> {
        let info_path = root.join("info.toml");
        let text = std::fs::read_to_string(&info_path)
            .with_context(|| format!("failed to read {}", info_path.display()))?;
        let shown = if root == Path::new(".") {
            PathBuf::from("info.toml")
        } else {
            info_path
        };
        let info = KitInfo::parse(&text, &shown)?;
        Ok(Kit::from_info(root.to_path_buf(), info))
    }

    /// Builds the kit from an already parsed `info.toml`.
    pub fn from_info(root: PathBuf, info: KitInfo) -> Kit {
        let default_limit = info.default_time_limit.unwrap_or(DEFAULT_TIME_LIMIT_SECS);
        let opened_by = |name: &str| {
            info.exercises.iter().find_map(|e| {
                let fix = e.predict.as_ref()?.then_fix.as_deref()?;
                (fix == name).then(|| e.name.get_ref().clone())
            })
        };
        let exercises = info
            .exercises
            .iter()
            .enumerate()
            .map(|(index, e)| {
                let level = *e.level.get_ref();
                Exercise {
                    index,
                    name: e.name.get_ref().clone(),
                    dir: e.dir.clone(),
                    test: e.test,
                    strict_clippy: e.strict_clippy,
                    level,
                    hints: e.hint_tiers(),
                    explanation: e.explanation.as_ref().map(|s| s.trim().to_owned()),
                    fails_with: e.fails_with.clone(),
                    skip_check_unsolved: e.skip_check_unsolved,
                    time_limit: Duration::from_secs_f64(e.time_limit.unwrap_or(default_limit)),
                    memory_limit_mib: e
                        .memory_limit_mib
                        .or(info.default_memory_limit_mib)
                        .unwrap_or(DEFAULT_MEMORY_LIMIT_MIB),
                    points: e.points.unwrap_or(u32::from(level)),
                    assessment_only: e.assessment_only,
                    constraints: e.constraints.clone(),
                    kind: e
                        .predict
                        .as_ref()
                        .map_or(Kind::Code, |p| Kind::Predict(Box::new(predict_item(p)))),
                    opened_by: opened_by(e.name.get_ref()),
                    allow_unsafe: e.allow_unsafe,
                    manual_impls: e.manual_impls.clone(),
                }
            })
            .collect();
        Kit {
            root,
            info,
            exercises,
        }
    }

    /// Whether `exercise` is a cargo target now: a program (not a predict item), and, for the
    /// fix exercise of a "predict, then fix" item, only once its file has been written.
    pub fn is_target(&self, exercise: &Exercise) -> bool {
        exercise.kind == Kind::Code
            && (exercise.opened_by.is_none() || self.path(&exercise.rel_path()).is_file())
    }

    /// The salt of the predict items' hashes and seals.
    pub fn salt(&self) -> &str {
        self.info.predict_salt.as_deref().unwrap_or_default()
    }

    /// The kit narrowed to the exercises named (kept in kit order).
    pub fn only(mut self, names: &[String]) -> Kit {
        self.info
            .exercises
            .retain(|e| names.contains(e.name.get_ref()));
        Kit::from_info(self.root, self.info)
    }

    /// An absolute-or-root-relative path for a kit-relative one.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The tool's state folder, `.rustskill/`.
    pub fn state_dir(&self) -> PathBuf {
        self.root.join(STATE_DIR)
    }

    /// The manifest of the exercises package: `dev/Cargo.toml` where the kit has a `dev/`
    /// folder (a kit's source repository, whose root `Cargo.toml` may be a tool's own), else
    /// `Cargo.toml`.
    pub fn manifest_path(&self) -> PathBuf {
        let dev = self.root.join("dev");
        if dev.is_dir() {
            dev.join("Cargo.toml")
        } else {
            self.root.join("Cargo.toml")
        }
    }

    /// The tool's own cargo target folder, apart from the one rust-analyzer uses, so the
    /// editor's background checks and the tool never wait on each other's lock.
    pub fn target_dir(&self) -> PathBuf {
        // An assessment's small kit builds in its kit's target folder (beside the practice
        // builds, which share its exercise names): the dependencies built there serve every
        // round, while the round's own folder goes when it ends.
        if let Some(parent) = self.root.parent()
            && self.root.file_name().is_some_and(|n| n == ASSESSMENT_DIR)
            && parent.join("info.toml").is_file()
        {
            return parent.join("target").join("rustskill-assessment");
        }
        self.root.join("target").join("rustskill")
    }

    /// Looks an exercise up by name, with a "did you mean" when there is none.
    pub fn find(&self, name: &str) -> Result<&Exercise> {
        if let Some(exercise) = self.exercises.iter().find(|e| e.name == name) {
            return Ok(exercise);
        }
        let closest = self
            .exercises
            .iter()
            .map(|e| (strsim::jaro_winkler(name, &e.name), &e.name))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        match closest {
            Some((_, suggestion)) => {
                bail!("no exercise named `{name}`; did you mean `{suggestion}`?")
            }
            None => bail!("no exercise named `{name}`; `cargo rustskill list` shows them all"),
        }
    }
}

/// A predict item from its (validated) `info.toml` table.
fn predict_item(entry: &PredictEntry) -> PredictItem {
    PredictItem {
        question_type: entry.question_type,
        question: entry.question.trim().to_owned(),
        program: entry.program.clone(),
        choices: entry.choices.clone(),
        claims: entry
            .choices
            .iter()
            .filter_map(|c| c.claim.as_deref().and_then(Claim::parse))
            .collect(),
        answer_hash: entry.answer_hash.clone(),
        sealed: entry.sealed.clone(),
        then_fix: entry.then_fix.clone(),
    }
}
