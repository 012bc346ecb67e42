//! The judge: builds the exercises asked for in one cargo invocation, runs their test binaries
//! (or `main`) in parallel under time limits, lints the strict ones, checks constraints, and
//! returns an [`Outcome`] per exercise, reusing cached verdicts for unchanged sources.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, ExitStatus};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::analysis::constraints;
use crate::engine::cache::VerdictCache;
use crate::engine::cargo::{self, BuildTarget, Pass, TargetOutput};
use crate::engine::libtest;
use crate::engine::process::{self, Cancel, Ending, StdoutMode};
use crate::engine::toolchain::{self, Toolchain};
use crate::model::kit::{Exercise, Kit};
use crate::model::manifest::{
    self, Dodge, SOLUTION_SUFFIX, TargetKind, Targets, exercise_of_target,
};
use crate::model::outcome::{Outcome, TestFailure};

/// How much of a test binary's or `main`'s output is kept, per stream. The rest is drained and
/// counted, so a `println!` in an endless loop neither eats memory nor stalls the child.
const OUTPUT_CAP: usize = 256 * 1024;

/// Test binaries run at once, per core.
const RUNNERS_PER_CORE: usize = 4;

/// Which version of an exercise a unit is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Side {
    /// The learner's file, `exercises/…`.
    Exercise,
    /// The reference solution, `solutions/…` (a kit's source repository).
    Solution,
    /// A shortcut that must fail, `dodges/…` (a kit's source repository).
    Dodge(Dodge),
}

/// What to judge: one version of one exercise.
#[derive(Clone, Debug)]
pub struct Unit<'k> {
    /// The exercise.
    pub exercise: &'k Exercise,
    /// Which version of it.
    pub side: Side,
}

impl Unit<'_> {
    /// The learner's side of an exercise.
    pub fn exercise(exercise: &Exercise) -> Unit<'_> {
        Unit {
            exercise,
            side: Side::Exercise,
        }
    }

    /// The cargo target's name.
    pub fn target_name(&self) -> String {
        match &self.side {
            Side::Exercise => self.exercise.name.clone(),
            Side::Solution => format!("{}{SOLUTION_SUFFIX}", self.exercise.name),
            Side::Dodge(dodge) => dodge.target_name(),
        }
    }

    /// The source file, relative to the kit root.
    pub fn rel_source(&self) -> String {
        match &self.side {
            Side::Exercise => self.exercise.rel_path(),
            Side::Solution => self.exercise.rel_solution_path(),
            Side::Dodge(dodge) => dodge.rel_path.clone(),
        }
    }

    /// Solutions are held to clippy too; a dodge is judged exactly as the exercise would be.
    fn clippy(&self) -> bool {
        self.exercise.strict_clippy || self.side == Side::Solution
    }
}

/// The verdict on one unit.
#[derive(Clone, Debug)]
pub struct Verdict {
    /// What happened.
    pub outcome: Outcome,
    /// Judged just now (`true`) or taken from the cache.
    pub fresh: bool,
    /// How long the test binary or `main` ran, where it ran.
    pub run_time: Option<Duration>,
}

/// Progress while judging, for progress bars and the watch screen.
pub enum Progress<'a> {
    /// Cargo finished compiling one of the targets.
    Compiled,
    /// A unit has its verdict (index into the units passed to [`Judge::judge`]).
    Judged(usize, &'a Verdict),
}

/// A judge for one kit, with the toolchain checked and the manifest known to be in sync.
pub struct Judge<'k> {
    kit: &'k Kit,
    targets: Targets,
    toolchain: Toolchain,
    manifest: Vec<u8>,
    use_cache: bool,
    graded: bool,
}

impl<'k> Judge<'k> {
    /// Checks the toolchain and the manifest. With `use_cache` off every unit is rebuilt.
    pub fn new(kit: &'k Kit, use_cache: bool) -> Result<Judge<'k>> {
        let toolchain =
            toolchain::check(&kit.root, kit.info.min_rust.as_deref(), &kit.target_dir())?;
        let targets = manifest::check_in_sync(kit)?;
        // Cargo refuses to build anything while one target's file is missing, so say which
        // file it is, and how to get it back, before cargo does.
        for (name, (_, path)) in &targets.by_name {
            if !kit.path(path).is_file() {
                let base = exercise_of_target(name);
                if name.contains(manifest::DODGE_INFIX) {
                    bail!(
                        "{path} is missing (a dodge of `{base}`): restore it, or `cargo rustskill dev sync`"
                    );
                }
                if name.ends_with(SOLUTION_SUFFIX) {
                    bail!(
                        "{path} is missing (the solution of `{base}`): restore it, e.g. `git checkout -- {path}`"
                    );
                }
                bail!(
                    "{path} is missing (exercise `{base}`): `cargo rustskill reset {base}` restores it"
                );
            }
        }
        let manifest = std::fs::read(kit.manifest_path())?;
        Ok(Judge {
            kit,
            targets,
            toolchain,
            manifest,
            use_cache,
            graded: false,
        })
    }

    /// Makes this a grader's judge: cargo runs without the caller's `RUSTFLAGS` and wrappers,
    /// and a test binary passes only if every test it lists ran and passed, by name (so a
    /// process that exits 0 early, having printed "ok" lines of its own, does not).
    pub fn graded(mut self) -> Judge<'k> {
        self.graded = true;
        self
    }

    /// The manifest's targets.
    pub fn targets(&self) -> &Targets {
        &self.targets
    }

    /// Judges `units`. `Ok(None)` when `cancel` was cancelled midway (nothing is cached then).
    pub fn judge(
        &self,
        units: &[Unit<'_>],
        cancel: &Cancel,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<Option<Vec<Verdict>>> {
        let mut cache = VerdictCache::load(&self.kit.target_dir());
        let mut verdicts: Vec<Option<Verdict>> = vec![None; units.len()];
        let mut keys = Vec::with_capacity(units.len());
        let mut sources = Vec::with_capacity(units.len());
        for (i, unit) in units.iter().enumerate() {
            let source =
                std::fs::read_to_string(self.kit.path(&unit.rel_source())).unwrap_or_default();
            let key = self.cache_key(unit, &source);
            if self.use_cache
                && let Some((outcome, run_time)) = cache.get(&unit.target_name(), &key)
            {
                let verdict = Verdict {
                    outcome: outcome.clone(),
                    fresh: false,
                    run_time,
                };
                progress(Progress::Judged(i, &verdict));
                verdicts[i] = Some(verdict);
            }
            keys.push(key);
            sources.push(source);
        }

        let pending: Vec<usize> = (0..units.len())
            .filter(|&i| verdicts[i].is_none())
            .collect();
        let build_targets: Vec<BuildTarget> = pending
            .iter()
            .map(|&i| self.build_target(&units[i]))
            .collect();
        let Some(built) = cargo::run_pass(
            self.kit,
            &build_targets,
            Pass::Build,
            self.graded,
            cancel,
            &mut |_| progress(Progress::Compiled),
        )?
        else {
            return Ok(None);
        };

        let mut outcomes: HashMap<usize, Outcome> = HashMap::new();
        let mut run_times: HashMap<usize, Duration> = HashMap::new();
        let mut runnable = Vec::new();
        for &i in &pending {
            let output = built.get(&units[i].target_name());
            match output {
                Some(TargetOutput {
                    executable: Some(exe),
                    ..
                }) => runnable.push((i, exe.clone())),
                _ => {
                    let diagnostics = output.map(|o| o.diagnostics.clone()).unwrap_or_default();
                    outcomes.insert(i, Outcome::CompileError { diagnostics });
                }
            }
        }

        let package_dir = manifest::package_dir(self.kit);
        let ran = run_all(&runnable, units, &package_dir, self.graded, cancel);
        if cancel.is_cancelled() {
            return Ok(None);
        }
        for (i, (outcome, run_time)) in ran {
            outcomes.insert(i, outcome);
            run_times.insert(i, run_time);
        }

        let to_lint: Vec<usize> = pending
            .iter()
            .copied()
            .filter(|i| units[*i].clippy() && outcomes[i].passed())
            .collect();
        let lint_targets: Vec<BuildTarget> = to_lint
            .iter()
            .map(|&i| self.build_target(&units[i]))
            .collect();
        let Some(linted) = cargo::run_pass(
            self.kit,
            &lint_targets,
            Pass::Clippy,
            self.graded,
            cancel,
            &mut |_| {},
        )?
        else {
            return Ok(None);
        };
        for i in to_lint {
            let diagnostics = linted
                .get(&units[i].target_name())
                .map(|o| o.diagnostics.clone())
                .unwrap_or_default();
            if !diagnostics.is_empty() {
                outcomes.insert(i, Outcome::ClippyWarnings { diagnostics });
            }
        }

        for &i in &pending {
            let mut outcome = outcomes
                .remove(&i)
                .expect("every pending unit has an outcome");
            if outcome.passed() {
                let violations = constraints::check(&sources[i], &units[i].exercise.constraints);
                if !violations.is_empty() {
                    outcome = Outcome::ConstraintViolated { violations };
                }
            }
            let run_time = run_times.get(&i).copied();
            cache.put(
                &units[i].target_name(),
                keys[i].clone(),
                outcome.clone(),
                run_time,
            );
            let verdict = Verdict {
                outcome,
                fresh: true,
                run_time,
            };
            progress(Progress::Judged(i, &verdict));
            verdicts[i] = Some(verdict);
        }
        // A cache that cannot be written costs speed next time, not correctness now.
        let _ = cache.save();
        Ok(Some(
            verdicts
                .into_iter()
                .map(|v| v.expect("every unit judged"))
                .collect(),
        ))
    }

    fn build_target(&self, unit: &Unit<'_>) -> BuildTarget {
        let name = unit.target_name();
        let kind = self
            .targets
            .by_name
            .get(&name)
            .map_or(TargetKind::Test, |(kind, _)| *kind);
        BuildTarget {
            name,
            kind,
            test: unit.exercise.test,
        }
    }

    fn cache_key(&self, unit: &Unit<'_>, source: &str) -> String {
        let exercise = unit.exercise;
        let how = format!(
            "{}|{}|{}|{}|{:?}",
            unit.target_name(),
            exercise.test,
            unit.clippy(),
            exercise.time_limit.as_millis(),
            exercise
                .constraints
                .iter()
                .map(|c| (c.rule.to_string(), &c.why))
                .collect::<Vec<_>>()
        );
        crate::base::fsutil::content_hash(&[
            env!("CARGO_PKG_VERSION").as_bytes(),
            self.toolchain.id.as_bytes(),
            &self.manifest,
            how.as_bytes(),
            source.as_bytes(),
        ])
    }
}

/// Runs the built executables in parallel, one worker per core.
fn run_all(
    runnable: &[(usize, std::path::PathBuf)],
    units: &[Unit<'_>],
    package_dir: &Path,
    graded: bool,
    cancel: &Cancel,
) -> HashMap<usize, (Outcome, Duration)> {
    // More runners than cores: a binary waiting out its time limit (a deadlock exercise as
    // shipped) uses no CPU, and such waits should overlap rather than queue.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let workers = (cores * RUNNERS_PER_CORE).min(runnable.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let job = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some((i, exe)) = runnable.get(job) else {
                        break;
                    };
                    if cancel.is_cancelled() {
                        break;
                    }
                    let outcome =
                        run_executable(exe, units[*i].exercise, package_dir, graded, cancel);
                    let _ = tx.send((*i, outcome));
                }
            });
        }
        drop(tx);
        rx.into_iter().collect()
    })
}

/// Runs one test binary or `main`: how it ended, as an outcome, and how long it ran.
fn run_executable(
    exe: &Path,
    exercise: &Exercise,
    package_dir: &Path,
    graded: bool,
    cancel: &Cancel,
) -> (Outcome, Duration) {
    let started = Instant::now();
    let (mut outcome, stdout) = run_and_classify(exe, exercise, package_dir, cancel);
    let took = started.elapsed();
    if graded && exercise.test && outcome.passed() {
        outcome = check_every_test_reported(exe, package_dir, &stdout).unwrap_or(outcome);
    }
    (outcome, took)
}

/// Runs the executable and classifies how it ended; also returns its stdout.
fn run_and_classify(
    exe: &Path,
    exercise: &Exercise,
    package_dir: &Path,
    cancel: &Cancel,
) -> (Outcome, String) {
    let mut cmd = Command::new(exe);
    cmd.current_dir(package_dir);
    if exercise.test {
        cmd.args(["--color", "never"]);
    }
    let finished = match process::run(
        cmd,
        StdoutMode::Capture(OUTPUT_CAP),
        OUTPUT_CAP,
        Some(exercise.time_limit),
        cancel,
    ) {
        Ok(finished) => finished,
        Err(e) => {
            let description = format!("could not start {}: {e}", exe.display());
            return (
                Outcome::Crashed {
                    description,
                    output: String::new(),
                },
                String::new(),
            );
        }
    };
    let stdout = finished.stdout.text();
    let stderr = finished.stderr.text();
    let combined = if stderr.is_empty() {
        stdout.clone()
    } else {
        format!("{stdout}{stderr}")
    };
    let status = match finished.ending {
        Ending::Exited(status) => status,
        Ending::TimedOut => {
            let unfinished = if exercise.test {
                unfinished_tests(exe, &stdout, package_dir)
            } else {
                Vec::new()
            };
            let limit_secs = exercise.time_limit.as_secs_f64();
            return (
                Outcome::TimedOut {
                    limit_secs,
                    unfinished,
                    output: combined,
                },
                stdout,
            );
        }
        // The caller discards verdicts of a cancelled run.
        Ending::Cancelled => {
            return (
                Outcome::Crashed {
                    description: "cancelled".into(),
                    output: combined,
                },
                stdout,
            );
        }
    };
    let outcome = if status.success() {
        Outcome::Passed
    } else if exercise.test {
        let report = libtest::parse(&stdout);
        if !report.failed.is_empty() && status.code() == Some(101) {
            let failures = report
                .failed
                .into_iter()
                .map(|(name, output)| TestFailure { name, output })
                .collect();
            Outcome::TestsFailed {
                failures,
                passed: report.passed,
            }
        } else {
            Outcome::Crashed {
                description: describe_abnormal(status),
                output: combined,
            }
        }
    } else {
        match status.code() {
            Some(101) if stderr.contains("panicked") => Outcome::Panicked { output: combined },
            Some(code) if !is_abnormal(status) => Outcome::RunFailed {
                exit_code: Some(code),
                output: combined,
            },
            _ => Outcome::Crashed {
                description: describe_abnormal(status),
                output: combined,
            },
        }
    };
    (outcome, stdout)
}

/// A passing test binary must have reported every test it lists as passed; `Some` outcome
/// when it did not.
fn check_every_test_reported(exe: &Path, package_dir: &Path, stdout: &str) -> Option<Outcome> {
    let report = libtest::parse(stdout);
    let missing: Vec<String> = list_tests(exe, package_dir)
        .into_iter()
        .filter(|t| !report.passed.contains(t))
        .collect();
    (!missing.is_empty()).then(|| Outcome::Crashed {
        description: format!(
            "the test binary exited successfully without running and passing {}",
            missing.join(", ")
        ),
        output: stdout.to_owned(),
    })
}

fn list_tests(exe: &Path, package_dir: &Path) -> Vec<String> {
    let mut cmd = Command::new(exe);
    cmd.current_dir(package_dir)
        .args(["--list", "--format", "terse"]);
    match process::run(
        cmd,
        StdoutMode::Capture(OUTPUT_CAP),
        OUTPUT_CAP,
        Some(Duration::from_secs(5)),
        &Cancel::new(),
    ) {
        Ok(listed) => libtest::parse_list(&listed.stdout.text()),
        Err(_) => Vec::new(),
    }
}

/// The tests a timed-out binary had not reported on: those it lists minus those it finished.
fn unfinished_tests(exe: &Path, stdout: &str, package_dir: &Path) -> Vec<String> {
    let finished = libtest::parse(stdout);
    let done = finished.finished();
    list_tests(exe, package_dir)
        .into_iter()
        .filter(|t| !done.contains(t.as_str()))
        .collect()
}

#[cfg(unix)]
fn is_abnormal(status: ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal().is_some()
}

#[cfg(windows)]
fn is_abnormal(status: ExitStatus) -> bool {
    // NTSTATUS exception codes (0xC0000005 access violation, 0xC00000FD stack overflow) show
    // up as negative exit codes.
    status.code().is_some_and(|c| c < 0)
}

#[cfg(unix)]
fn describe_abnormal(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status.signal() {
        Some(libc::SIGSEGV) => {
            "killed by signal 11 (SIGSEGV): a stack overflow or an invalid memory access".into()
        }
        Some(libc::SIGABRT) => {
            "aborted (SIGABRT): a stack overflow, `process::abort`, or a panic while panicking"
                .into()
        }
        Some(signal) => format!("killed by signal {signal}"),
        None => format!("exited with {status}"),
    }
}

#[cfg(windows)]
fn describe_abnormal(status: ExitStatus) -> String {
    match status.code().map(|c| c as u32) {
        Some(0xC00000FD) => "stack overflow".into(),
        Some(0xC0000005) => "access violation".into(),
        Some(code) => format!("exited with code {code:#x}"),
        None => format!("exited with {status}"),
    }
}
