//! The exercises' cargo package: one manifest whose targets are every exercise (and, in a kit's
//! source repository, every solution), generated from `info.toml` and checked against it.
//!
//! Test-mode exercises are `[[test]]` targets and run-mode ones `[[bin]]`s, so that one
//! `cargo build --keep-going --test a --test b --bin c` can build exactly the exercises that
//! need building. rustlings-format manifests (every exercise a `[[bin]]`) are read too: their
//! test-mode bins take a second cargo run (see `engine::cargo`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::model::kit::{Exercise, Kit};

/// The suffix of a solution's target name (rustlings' convention).
pub const SOLUTION_SUFFIX: &str = "_sol";

/// What joins an exercise's name and a dodge's key in the dodge's target name
/// (`move_on_assign__dodge_1`).
pub const DODGE_INFIX: &str = "__dodge_";

/// The folder, in a kit's source repository, of the shortcuts each exercise must reject.
pub const DODGES_DIR: &str = "dodges";

/// One shortcut file: `dodges/<dir>/<name>.<key>.rs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dodge {
    /// The exercise it tries to pass.
    pub exercise: String,
    /// What tells it from the exercise's other dodges (`1`, `clone_everything`).
    pub key: String,
    /// Its path, relative to the kit root.
    pub rel_path: String,
}

impl Dodge {
    /// Its cargo target's name.
    pub fn target_name(&self) -> String {
        format!("{}{DODGE_INFIX}{}", self.exercise, self.key)
    }
}

/// The name of the exercise a target belongs to: itself, its solution or one of its dodges.
pub fn exercise_of_target(name: &str) -> &str {
    if let Some((base, _)) = name.split_once(DODGE_INFIX) {
        return base;
    }
    name.strip_suffix(SOLUTION_SUFFIX).unwrap_or(name)
}

/// The dodge files of every exercise of `kit`, in kit order, and the files under `dodges/`
/// that belong to no exercise (kit-relative paths).
pub fn find_dodges(kit: &Kit) -> (Vec<Dodge>, Vec<String>) {
    let mut dodges = Vec::new();
    let mut claimed = std::collections::BTreeSet::new();
    for exercise in &kit.exercises {
        let dir_rel = match &exercise.dir {
            Some(dir) => format!("{DODGES_DIR}/{dir}"),
            None => DODGES_DIR.to_owned(),
        };
        let Ok(entries) = std::fs::read_dir(kit.path(&dir_rel)) else {
            continue;
        };
        let mut found: Vec<Dodge> = entries
            .flatten()
            .filter_map(|entry| {
                let file = entry.file_name().into_string().ok()?;
                let key = file
                    .strip_prefix(&format!("{}.", exercise.name))?
                    .strip_suffix(".rs")?;
                let valid =
                    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                valid.then(|| Dodge {
                    exercise: exercise.name.clone(),
                    key: key.to_owned(),
                    rel_path: format!("{dir_rel}/{file}"),
                })
            })
            .collect();
        found.sort_by(|a, b| a.key.cmp(&b.key));
        claimed.extend(found.iter().map(|d| d.rel_path.clone()));
        dodges.extend(found);
    }
    let mut orphans = Vec::new();
    let mut stack = vec![kit.path(DODGES_DIR)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(&kit.root) {
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if rel.ends_with(".rs") && !claimed.contains(&rel) {
                    orphans.push(rel);
                }
            }
        }
    }
    orphans.sort();
    (dodges, orphans)
}

/// How a target is declared in the manifest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    /// `[[bin]]`: built normally (`--bin`), or as a test harness (`cargo rustc --profile test`).
    Bin,
    /// `[[test]]`: a test harness (`--test`).
    Test,
}

/// The targets a manifest declares, by name.
#[derive(Debug, Default)]
pub struct Targets {
    /// Name → (kind, path relative to the kit root with `/` separators).
    pub by_name: BTreeMap<String, (TargetKind, String)>,
}

#[derive(Deserialize)]
struct RawManifest {
    #[serde(default)]
    bin: Vec<RawTarget>,
    #[serde(default)]
    test: Vec<RawTarget>,
}

#[derive(Deserialize)]
struct RawTarget {
    name: String,
    path: Option<String>,
}

/// Which targets a generated manifest carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// A learner's kit: the exercises only, manifest at the kit root.
    Learner,
    /// A kit's source repository: exercises and solutions, manifest in `dev/`.
    Dev,
    /// A graded run's staging kit: like a learner's, but every exercise a test target, since
    /// a run-mode exercise's `main` is run by a test there (so it can send evidence).
    Graded,
}

/// Renders the manifest for `kit` in the given flavor.
pub fn render(kit: &Kit, flavor: Flavor) -> String {
    render_with(kit, flavor, kit.info.dependencies.as_ref())
}

/// [`render`], with `dependencies` as the package's `[dependencies]` (a graded run against a
/// rustlings kit takes them from the kit's own manifest).
pub fn render_with(kit: &Kit, flavor: Flavor, dependencies: Option<&toml::Table>) -> String {
    let prefix = if flavor == Flavor::Dev { "../" } else { "" };
    let mut out = String::from(
        "# Generated by cargo-rustskill from info.toml; `cargo rustskill dev sync` rewrites it.\n\
         # Every exercise is a target of this one package, so rust-analyzer sees them all.\n\
         [package]\nname = \"exercises\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n",
    );
    if let Some(min) = &kit.info.min_rust {
        let _ = writeln!(out, "rust-version = \"{min}\"");
    }
    out.push_str(
        "autobins = false\nautoexamples = false\nautotests = false\nautobenches = false\n",
    );
    if let Some(dependencies) = dependencies {
        let mut table = toml::Table::new();
        table.insert(
            "dependencies".into(),
            toml::Value::Table(dependencies.clone()),
        );
        let _ = write!(out, "\n{}", toml::to_string(&table).unwrap_or_default());
    }
    let dodges = if flavor == Flavor::Dev {
        find_dodges(kit).0
    } else {
        Vec::new()
    };
    let mut push = |kind: &str, name: &str, path: &str| {
        let _ = write!(
            out,
            "\n[[{kind}]]\nname = \"{name}\"\npath = \"{prefix}{path}\"\n"
        );
    };
    // A predict item's program is never a target (the learner's editor would show its errors
    // before they answer), nor is a "predict, then fix" exercise before its item is answered.
    let dev = flavor == Flavor::Dev;
    for exercise in kit
        .exercises
        .iter()
        .filter(|e| kit.is_target(e) || (dev && e.predict().is_none()))
    {
        let kind = if exercise.test || flavor == Flavor::Graded {
            "test"
        } else {
            "bin"
        };
        push(kind, &exercise.name, &exercise.rel_path());
        if flavor == Flavor::Dev {
            push(
                kind,
                &format!("{}{SOLUTION_SUFFIX}", exercise.name),
                &exercise.rel_solution_path(),
            );
            for dodge in dodges.iter().filter(|d| d.exercise == exercise.name) {
                push(kind, &dodge.target_name(), &dodge.rel_path);
            }
        }
    }
    out.push_str("\n# Its own workspace: never part of a workspace around the kit.\n[workspace]\n");
    out
}

/// Reads the targets of the manifest at `path`, with paths made relative to `kit_root`.
pub fn read_targets(path: &Path, kit_root: &Path) -> Result<Targets> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "failed to read {}; `cargo rustskill dev sync` writes it",
            path.display()
        )
    })?;
    let raw: RawManifest = toml::from_str(&text)
        .with_context(|| format!("{} is not a valid manifest", path.display()))?;
    let manifest_dir = path.parent().unwrap_or(Path::new(""));
    let rel_dir = manifest_dir.strip_prefix(kit_root).unwrap_or(Path::new(""));
    let mut targets = Targets::default();
    for (kind, list) in [(TargetKind::Bin, raw.bin), (TargetKind::Test, raw.test)] {
        for target in list {
            let Some(target_path) = target.path else {
                continue;
            };
            let rel = normalize(&rel_dir.join(&target_path));
            targets.by_name.insert(target.name, (kind, rel));
        }
    }
    Ok(targets)
}

/// Lexically resolves `.` and `..` and joins with `/`.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// Checks that the manifest declares every exercise (and nothing else but solutions), at the
/// path `info.toml` gives it. Returns its targets.
pub fn check_in_sync(kit: &Kit) -> Result<Targets> {
    let path = kit.manifest_path();
    let targets = read_targets(&path, &kit.root)?;
    let fix = "run `cargo rustskill dev sync` to regenerate it from info.toml";
    let shown = shown_path(kit, &path);
    let dev = flavor_of(kit) == Flavor::Dev;
    for exercise in &kit.exercises {
        let wanted = kit.is_target(exercise) || (dev && exercise.predict().is_none());
        match targets.by_name.get(&exercise.name) {
            None if !wanted => {}
            Some(_) if !wanted => bail!(
                "{shown} has a target for `{}`, which is not one yet: {fix}",
                exercise.name
            ),
            None if !dev && exercise.opened_by.is_some() => bail!(
                "{} is there, but {shown} does not build it yet: `{}` opens once `{by}` is \
                 answered. Answer it (`cargo rustskill answer {by}`; your file is kept), or, if \
                 you have, run `cargo rustskill dev sync`",
                exercise.rel_path(),
                exercise.name,
                by = exercise.opened_by.as_deref().unwrap_or_default(),
            ),
            None => bail!(
                "{shown} has no target for exercise `{}`: {fix}",
                exercise.name
            ),
            Some((_, p)) if *p != exercise.rel_path() => bail!(
                "{shown}: target `{}` points to {p}, but info.toml says {}: {fix}",
                exercise.name,
                exercise.rel_path()
            ),
            Some(_) => {}
        }
    }
    for name in targets.by_name.keys() {
        let base = exercise_of_target(name);
        if !kit
            .exercises
            .iter()
            .any(|e| e.name == base && e.predict().is_none())
        {
            bail!("{shown} has a target `{name}` that info.toml does not list: {fix}");
        }
    }
    Ok(targets)
}

/// The path as the user would type it from the kit root.
pub fn shown_path(kit: &Kit, path: &Path) -> String {
    path.strip_prefix(&kit.root)
        .map_or_else(|_| path.display().to_string(), |p| p.display().to_string())
}

/// The flavor of an existing manifest, judged by where it sits.
pub fn flavor_of(kit: &Kit) -> Flavor {
    if kit.manifest_path().starts_with(kit.root.join("dev")) {
        Flavor::Dev
    } else {
        Flavor::Learner
    }
}

/// Where a solution target points, if the manifest declares one for `exercise`.
pub fn solution_target(targets: &Targets, exercise: &Exercise) -> Option<(String, TargetKind)> {
    let name = format!("{}{SOLUTION_SUFFIX}", exercise.name);
    targets.by_name.get(&name).map(|(kind, _)| (name, *kind))
}

/// The `Cargo.lock` beside the manifest, which pins the dependencies' versions.
pub fn lock_path(kit: &Kit) -> PathBuf {
    kit.manifest_path().with_file_name("Cargo.lock")
}

/// The manifest's folder (cargo runs executables from there).
pub fn package_dir(kit: &Kit) -> PathBuf {
    kit.manifest_path()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| kit.root.clone())
}
