//! Running cargo: one `cargo build --keep-going` (or `cargo clippy`) over the selected targets,
//! read through `--message-format=json-diagnostic-rendered-ansi`, so the compiler's own
//! rendered diagnostics are shown and nothing human-readable is scraped.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;

use anyhow::{Context, Result, bail};
use cargo_metadata::Message;
use cargo_metadata::diagnostic::DiagnosticLevel;

use crate::engine::process::{self, Cancel, Ending, Resources, StdoutMode};
use crate::model::kit::Kit;
use crate::model::manifest::{self, TargetKind};
use crate::model::outcome::{Diagnostic, Level};

/// Keep cargo's stderr (progress lines, its own errors) up to this many bytes.
const STDERR_CAP: usize = 64 * 1024;

/// The profile settings of the tool's own builds: no debug info and no incremental cache keep
/// the target folder small (a test binary of a small exercise is well under a megabyte), and
/// tiny exercises gain nothing from either.
const PROFILE_CONFIG: &[&str] = &[
    "profile.dev.debug=0",
    "profile.dev.incremental=false",
    "profile.dev.strip=\"debuginfo\"",
];

/// Variables a grader's cargo runs without: each can change how the tests are built.
const GRADER_CLEARED_ENV: &[&str] = &[
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_BUILD_RUSTC_WRAPPER",
    "RUSTDOCFLAGS",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET",
];

/// The cargo program: `$CARGO` when run as `cargo rustskill`, else `cargo` from `PATH`.
pub fn cargo_program() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// One target to build.
#[derive(Clone, Debug)]
pub struct BuildTarget {
    /// The cargo target's name.
    pub name: String,
    /// How the manifest declares it.
    pub kind: TargetKind,
    /// Built as a test harness (`true`) or as a plain binary.
    pub test: bool,
}

/// The environment cargo runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CargoEnv {
    /// The caller's, as it is.
    Inherited,
    /// The caller's without the variables that change how tests are built (graded runs).
    Cleared,
}

/// Whether to compile or to lint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    /// `cargo build`: executables to run.
    Build,
    /// `cargo clippy -- -D warnings`.
    Clippy,
}

/// What cargo produced for one target.
#[derive(Debug, Default)]
pub struct TargetOutput {
    /// Whether cargo reported the target built (checked, in the clippy pass).
    pub built: bool,
    /// The executable, if the target compiled to one.
    pub executable: Option<PathBuf>,
    /// Its diagnostics, in the compiler's order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A cargo package to build: the kit's exercises package, or the tool's own scratch package of
/// predict programs (which shares the kit's target folder, dependencies and lock file).
#[derive(Clone, Debug)]
pub struct Package {
    /// Its manifest.
    pub manifest: PathBuf,
    /// Where cargo runs.
    pub dir: PathBuf,
    /// The target folder.
    pub target_dir: PathBuf,
    /// Build the versions the lock file pins, never newer ones.
    pub locked: bool,
    /// Build without the network: the lock file's crates are in cargo's cache.
    pub offline: bool,
}

impl Package {
    /// The kit's exercises package.
    pub fn of_kit(kit: &Kit) -> Package {
        Package {
            manifest: kit.manifest_path(),
            dir: kit.root.clone(),
            target_dir: kit.target_dir(),
            // A learner's kit builds the crate versions its Cargo.lock pins, never newer ones.
            locked: locked(kit),
            offline: offline(kit),
        }
    }
}

/// Runs one cargo pass over `targets` of the kit's package. `on_target_done` is called with
/// each target's name and output (its executable) as soon as cargo reports it built. A
/// cancelled run returns `Ok(None)`.
///
/// Each target is compiled once, in the mode it is judged in. Cargo can pick a `[[bin]]` to
/// build as a test harness, with `--keep-going`, only through `cargo rustc --profile test`,
/// which puts every target of its run in test mode, so a rustlings-format kit (every exercise
/// a `[[bin]]`) takes two runs: its test-mode bins, then the rest. A kit whose test exercises
/// are `[[test]]`s takes one.
pub fn run_pass(
    kit: &Kit,
    targets: &[BuildTarget],
    pass: Pass,
    env: CargoEnv,
    cancel: &Cancel,
    on_target_done: &mut dyn FnMut(&str, &TargetOutput),
) -> Result<Option<HashMap<String, TargetOutput>>> {
    let package = Package::of_kit(kit);
    run_pass_in(&package, targets, pass, env, cancel, on_target_done)
}

/// [`run_pass`] over any package.
pub fn run_pass_in(
    package: &Package,
    targets: &[BuildTarget],
    pass: Pass,
    env: CargoEnv,
    cancel: &Cancel,
    on_target_done: &mut dyn FnMut(&str, &TargetOutput),
) -> Result<Option<HashMap<String, TargetOutput>>> {
    let mut outputs: HashMap<String, TargetOutput> = HashMap::new();
    let wanted: HashMap<&str, bool> = targets.iter().map(|t| (t.name.as_str(), t.test)).collect();
    let mut stderr = String::new();
    for mode in [Mode::Tested, Mode::Normal] {
        let group: Vec<BuildTarget> = targets
            .iter()
            .filter(|t| mode_of(t) == mode)
            .cloned()
            .collect();
        if group.is_empty() {
            continue;
        }
        let cmd = command(package, &group, pass, env);
        let Some(err) = run_one(cmd, &wanted, &mut outputs, cancel, on_target_done)? else {
            return Ok(None);
        };
        stderr.push_str(&err);
    }
    // A target that neither built nor reported an error means cargo itself failed (a broken
    // manifest, a lock it could not take, a full disk): that is the tool's error, not a verdict.
    let unexplained: Vec<BuildTarget> = targets
        .iter()
        .filter(|t| {
            outputs
                .get(&t.name)
                .is_none_or(|o| !o.built && !o.diagnostics.iter().any(Diagnostic::is_error))
        })
        .cloned()
        .collect();
    if let Some(target) = unexplained.first() {
        // Offline because the crates were fetched once, but cargo's cache lost some since:
        // those targets once more with the network (the others are built and reported).
        if package.offline {
            let _ = std::fs::remove_file(fetched_marker(&package.target_dir));
            let online = Package {
                offline: false,
                ..package.clone()
            };
            let retried = run_pass_in(&online, &unexplained, pass, env, cancel, on_target_done)?;
            return Ok(retried.map(|retried| {
                outputs.extend(retried);
                outputs
            }));
        }
        bail!(
            "cargo could not build `{}`; its output:\n{}",
            target.name,
            stderr.trim_end()
        );
    }
    Ok(Some(outputs))
}

/// How cargo is told to compile a group of targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// `cargo rustc --profile test` (`cargo clippy --profile test`): `[[bin]]`s as test
    /// harnesses.
    Tested,
    /// `cargo build` (`cargo clippy`): `[[test]]`s as harnesses (`--test`), `[[bin]]`s as
    /// programs (`--bin`).
    Normal,
}

fn mode_of(target: &BuildTarget) -> Mode {
    if target.kind == TargetKind::Bin && target.test {
        Mode::Tested
    } else {
        Mode::Normal
    }
}

/// Runs one cargo command, taking its messages into `outputs`. Its stderr, or `None` when it
/// was cancelled.
fn run_one(
    cmd: Command,
    wanted: &HashMap<&str, bool>,
    outputs: &mut HashMap<String, TargetOutput>,
    cancel: &Cancel,
    on_target_done: &mut dyn FnMut(&str, &TargetOutput),
) -> Result<Option<String>> {
    let (lines_tx, lines_rx) = mpsc::channel();
    let finished = std::thread::scope(|scope| {
        let runner = scope.spawn(|| {
            process::run(
                cmd,
                StdoutMode::Lines(lines_tx),
                STDERR_CAP,
                None,
                Resources::Unlimited,
                cancel,
            )
        });
        for line in lines_rx {
            let Ok(message) = serde_json::from_str::<Message>(&line) else {
                continue;
            };
            take_message(message, wanted, outputs, on_target_done);
        }
        runner
            .join()
            .expect("the cargo runner thread does not panic")
    });
    let finished = finished.with_context(|| {
        format!(
            "failed to run cargo ({:?}); install Rust from https://rustup.rs",
            cargo_program()
        )
    })?;
    if finished.ending == Ending::Cancelled {
        return Ok(None);
    }
    Ok(Some(finished.stderr.text()))
}

/// The file, in a target folder, that says the crates of the kit's `Cargo.lock` are in
/// cargo's cache (`init` fetched them): it holds the lock file's hash.
fn fetched_marker(target_dir: &Path) -> PathBuf {
    target_dir.join("crates-fetched")
}

fn lock_hash(kit: &Kit) -> Option<String> {
    let lock = std::fs::read(manifest::lock_path(kit)).ok()?;
    Some(crate::base::fsutil::content_hash(&[&lock]))
}

/// Records that the crates of the kit's `Cargo.lock` are in cargo's cache, so builds run
/// `--offline`: no network from now on.
pub fn mark_fetched(kit: &Kit) -> Result<()> {
    let Some(hash) = lock_hash(kit) else {
        return Ok(());
    };
    crate::base::fsutil::write_atomic(&fetched_marker(&kit.target_dir()), hash.as_bytes())
}

/// Whether the kit's builds run `--offline`: the crates of this very `Cargo.lock` were fetched.
pub fn offline(kit: &Kit) -> bool {
    let marked = std::fs::read_to_string(fetched_marker(&kit.target_dir())).ok();
    marked.is_some() && marked == lock_hash(kit)
}

/// Whether the kit builds `--locked`: a learner's kit with dependencies of its own.
pub fn locked(kit: &Kit) -> bool {
    kit.info.dependencies.is_some() && manifest::flavor_of(kit) == manifest::Flavor::Learner
}

/// The cargo command of one pass over `targets`, which are all built in one mode (see
/// [`run_pass`]; the first target's mode is taken). Also what `init` builds the dependencies
/// with, so the judge's builds find them built.
pub fn command(package: &Package, targets: &[BuildTarget], pass: Pass, env: CargoEnv) -> Command {
    let mode = targets.first().map_or(Mode::Normal, mode_of);
    let mut cmd = Command::new(cargo_program());
    cmd.current_dir(&package.dir);
    if env == CargoEnv::Cleared {
        for var in GRADER_CLEARED_ENV {
            cmd.env_remove(var);
        }
    }
    cmd.arg(match (pass, mode) {
        (Pass::Build, Mode::Normal) => "build",
        (Pass::Build, Mode::Tested) => "rustc",
        (Pass::Clippy, _) => "clippy",
    });
    // The test profile is what puts `cargo rustc` and `cargo clippy` in test mode; it inherits
    // the dev profile, so dependencies built for either are shared.
    if mode == Mode::Tested {
        cmd.args(["--profile", "test"]);
    }
    cmd.args([
        "--keep-going",
        "--message-format=json-diagnostic-rendered-ansi",
        "--color=never",
    ]);
    cmd.arg("--manifest-path").arg(&package.manifest);
    if package.locked {
        cmd.arg("--locked");
    }
    if package.offline {
        cmd.arg("--offline");
    }
    cmd.arg("--target-dir").arg(&package.target_dir);
    for setting in PROFILE_CONFIG {
        cmd.args(["--config", setting]);
    }
    for target in targets {
        let flag = match target.kind {
            TargetKind::Test => "--test",
            TargetKind::Bin => "--bin",
        };
        cmd.args([flag, &target.name]);
    }
    if pass == Pass::Clippy {
        cmd.args(["--", "-D", "warnings"]);
    }
    cmd
}

/// Takes one of cargo's messages: a diagnostic of a wanted target, or a target built.
fn take_message(
    message: Message,
    wanted: &HashMap<&str, bool>,
    outputs: &mut HashMap<String, TargetOutput>,
    on_target_done: &mut dyn FnMut(&str, &TargetOutput),
) {
    match message {
        Message::CompilerMessage(msg) => {
            if !wanted.contains_key(msg.target.name.as_str()) {
                return;
            }
            let d = msg.message;
            // Summaries ("aborting due to 2 previous errors", "3 warnings emitted") point at
            // no code and say nothing the others have not.
            if d.spans.is_empty() && d.code.is_none() {
                return;
            }
            let level = match d.level {
                DiagnosticLevel::Error | DiagnosticLevel::Ice => Level::Error,
                DiagnosticLevel::Warning => Level::Warning,
                _ => Level::Note,
            };
            let primary = d.spans.iter().find(|s| s.is_primary);
            let diagnostic = Diagnostic {
                level,
                code: d.code.map(|c| c.code),
                file: primary.map(|s| s.file_name.clone()),
                line: primary.map(|s| s.line_start),
                message: d.message,
                rendered: d.rendered.unwrap_or_default(),
            };
            outputs
                .entry(msg.target.name.clone())
                .or_default()
                .diagnostics
                .push(diagnostic);
        }
        Message::CompilerArtifact(artifact) => {
            let name = artifact.target.name.as_str();
            if wanted.get(name) == Some(&artifact.profile.test) {
                let entry = outputs.entry(artifact.target.name.to_string()).or_default();
                entry.built = true;
                entry.executable = artifact.executable.map(Into::into);
                on_target_done(name, entry);
            }
        }
        _ => {}
    }
}
