//! Running cargo: one `cargo build --keep-going` (or `cargo clippy`) over the selected targets,
//! read through `--message-format=json-diagnostic-rendered-ansi`, so the compiler's own
//! rendered diagnostics are shown and nothing human-readable is scraped.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::PathBuf;
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

/// Runs one cargo pass over `targets`. `on_target_done` is called with each target's name as
/// soon as cargo reports it built. A cancelled run returns `Ok(None)`.
pub fn run_pass(
    kit: &Kit,
    targets: &[BuildTarget],
    pass: Pass,
    env: CargoEnv,
    cancel: &Cancel,
    on_target_done: &mut dyn FnMut(&str),
) -> Result<Option<HashMap<String, TargetOutput>>> {
    let mut outputs: HashMap<String, TargetOutput> = HashMap::new();
    if targets.is_empty() {
        return Ok(Some(outputs));
    }
    let cmd = command(kit, targets, pass, env);
    let wanted: HashMap<&str, bool> = targets.iter().map(|t| (t.name.as_str(), t.test)).collect();
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
            take_message(message, &wanted, &mut outputs, on_target_done);
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
    // A target that neither built nor reported an error means cargo itself failed (a broken
    // manifest, a lock it could not take, a full disk): that is the tool's error, not a verdict.
    let unexplained = targets.iter().find(|t| {
        outputs
            .get(&t.name)
            .is_none_or(|o| !o.built && !o.diagnostics.iter().any(Diagnostic::is_error))
    });
    if let Some(target) = unexplained {
        // Offline because the crates were fetched once, but cargo's cache lost some since:
        // once more with the network.
        if offline(kit) {
            forget_fetched(kit);
            return run_pass(kit, targets, pass, env, cancel, on_target_done);
        }
        bail!(
            "cargo could not build `{}`; its output:\n{}",
            target.name,
            finished.stderr.text().trim_end()
        );
    }
    Ok(Some(outputs))
}

/// The file, in the tool's target folder, that says the crates of the kit's `Cargo.lock` are
/// in cargo's cache (`init` fetched them): it holds the lock file's hash.
fn fetched_marker(kit: &Kit) -> std::path::PathBuf {
    kit.target_dir().join("crates-fetched")
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
    crate::base::fsutil::write_atomic(&fetched_marker(kit), hash.as_bytes())
}

fn forget_fetched(kit: &Kit) {
    let _ = std::fs::remove_file(fetched_marker(kit));
}

/// Whether builds run `--offline`: the crates of this very `Cargo.lock` were fetched.
fn offline(kit: &Kit) -> bool {
    let marked = std::fs::read_to_string(fetched_marker(kit)).ok();
    marked.is_some() && marked == lock_hash(kit)
}

/// The cargo command of one pass (also what `init` builds the dependencies with, so the
/// judge's builds find them built).
pub fn command(kit: &Kit, targets: &[BuildTarget], pass: Pass, env: CargoEnv) -> Command {
    let mut cmd = Command::new(cargo_program());
    cmd.current_dir(&kit.root);
    if env == CargoEnv::Cleared {
        for var in GRADER_CLEARED_ENV {
            cmd.env_remove(var);
        }
    }
    cmd.arg(if pass == Pass::Build {
        "build"
    } else {
        "clippy"
    });
    cmd.args([
        "--keep-going",
        "--message-format=json-diagnostic-rendered-ansi",
        "--color=never",
    ]);
    cmd.arg("--manifest-path").arg(kit.manifest_path());
    // A learner's kit builds the crate versions its Cargo.lock pins, never newer ones.
    if locked(kit) {
        cmd.arg("--locked");
    }
    if offline(kit) {
        cmd.arg("--offline");
    }
    cmd.arg("--target-dir").arg(kit.target_dir());
    for setting in PROFILE_CONFIG {
        cmd.args(["--config", setting]);
    }
    let mut tests_flag = false;
    for target in targets {
        match (target.kind, target.test) {
            (TargetKind::Test, _) => {
                cmd.args(["--test", &target.name]);
            }
            (TargetKind::Bin, false) => {
                cmd.args(["--bin", &target.name]);
            }
            // rustlings-format manifests: a [[bin]] in test mode can only be picked with
            // --tests, which takes every bin and test (the fresh ones cost nothing).
            (TargetKind::Bin, true) => tests_flag = true,
        }
    }
    if tests_flag {
        cmd.arg("--tests");
    }
    if pass == Pass::Clippy {
        cmd.args(["--", "-D", "warnings"]);
    }
    cmd
}

/// Whether the kit builds `--locked`: a learner's kit with dependencies of its own.
pub fn locked(kit: &Kit) -> bool {
    kit.info.dependencies.is_some() && manifest::flavor_of(kit) == manifest::Flavor::Learner
}

/// Takes one of cargo's messages: a diagnostic of a wanted target, or a target built.
fn take_message(
    message: Message,
    wanted: &HashMap<&str, bool>,
    outputs: &mut HashMap<String, TargetOutput>,
    on_target_done: &mut dyn FnMut(&str),
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
                on_target_done(name);
            }
        }
        _ => {}
    }
}
