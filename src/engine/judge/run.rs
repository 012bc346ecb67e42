//! Running built test binaries and `main`s: in parallel, under their time limits, with their
//! output drained and capped. How each ended is classified in `classify`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::engine::judge::classify::{self, Ended, Ran};
use crate::engine::judge::unit::Grading;
use crate::engine::libtest;
use crate::engine::limits::Limits;
use crate::engine::process::{self, Cancel, Ending, Resources, StdoutMode};
use crate::model::kit::{Exercise, Harness};
use crate::model::outcome::Outcome;

/// How much of a test binary's or `main`'s output is kept, per stream. The rest is drained and
/// counted, so a `println!` in an endless loop neither eats memory nor stalls the child.
const OUTPUT_CAP: usize = 256 * 1024;

/// Test binaries run at once, per core.
const RUNNERS_PER_CORE: usize = 4;

/// How long listing a binary's tests may take.
const LIST_TIME_LIMIT: Duration = Duration::from_secs(5);

/// One executable to run, and the exercise it judges.
pub struct Job<'a> {
    /// Where the caller keeps its result.
    pub slot: usize,
    /// The executable.
    pub exe: PathBuf,
    /// The exercise.
    pub exercise: &'a Exercise,
}

/// What one run gave: its outcome and how long it ran; `None` when it was cancelled.
pub type RunResult = Option<(Outcome, Duration)>;

/// Runs the jobs in parallel and returns each one's result by slot. Jobs not started before
/// a cancel are left out.
pub fn run_all(
    jobs: &[Job<'_>],
    package_dir: &Path,
    grading: Grading,
    cancel: &Cancel,
) -> Vec<(usize, RunResult)> {
    // More runners than cores: a binary waiting out its time limit (a deadlock exercise as
    // shipped) uses no CPU, and such waits should overlap rather than queue.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let workers = (cores * RUNNERS_PER_CORE).min(jobs.len().max(1));
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                while let Some(job) = jobs.get(next.fetch_add(1, Ordering::SeqCst)) {
                    if cancel.is_cancelled() {
                        break;
                    }
                    let result = run_one(job, package_dir, grading, cancel);
                    let _ = tx.send((job.slot, result));
                }
            });
        }
        drop(tx);
        rx.into_iter().collect()
    })
}

/// Runs one test binary or `main`: how it ended, as an outcome, and how long it ran.
fn run_one(job: &Job<'_>, package_dir: &Path, grading: Grading, cancel: &Cancel) -> RunResult {
    let exercise = job.exercise;
    let harness = exercise.harness();
    let mut cmd = Command::new(&job.exe);
    cmd.current_dir(package_dir);
    if harness == Harness::Tests {
        cmd.args(["--color", "never"]);
    }
    let limits = Limits::learner(exercise.memory_limit_mib);
    let started = Instant::now();
    let finished = process::run(
        cmd,
        StdoutMode::Capture(OUTPUT_CAP),
        OUTPUT_CAP,
        Some(exercise.time_limit),
        Resources::Limited(limits),
        cancel,
    );
    let took = started.elapsed();
    let (ended, stdout, stderr, limit_hit) = match finished {
        Ok(finished) => {
            let ended = match finished.ending {
                Ending::Exited(status) => Ended::Exited(classify::exit_of(status)),
                Ending::TimedOut => Ended::TimedOut,
                Ending::Cancelled => Ended::Cancelled,
            };
            let texts = (finished.stdout.text(), finished.stderr.text());
            (ended, texts.0, texts.1, finished.limit_hit)
        }
        Err(e) => {
            let why = format!("could not start {}: {e}", job.exe.display());
            (Ended::NotStarted(why), String::new(), String::new(), None)
        }
    };
    // Listing the tests is a second run of the binary: only where the verdict needs it.
    let timed_out_tests = ended == Ended::TimedOut && harness == Harness::Tests;
    let listed = if timed_out_tests {
        list_tests(&job.exe, package_dir, limits)
    } else {
        Vec::new()
    };
    let ran = Ran {
        ended,
        stdout: &stdout,
        stderr: &stderr,
        harness,
        limit_secs: exercise.time_limit.as_secs_f64(),
        listed: &listed,
        limits,
        limit_hit,
    };
    let mut outcome = classify::classify(&ran)?;
    if grading == Grading::Graded && harness == Harness::Tests && outcome.passed() {
        let listed = list_tests(&job.exe, package_dir, limits);
        outcome = classify::check_every_test_reported(&stdout, &listed).unwrap_or(outcome);
    }
    Some((outcome, took))
}

/// The tests a binary lists, by name; none when it cannot say.
fn list_tests(exe: &Path, package_dir: &Path, limits: Limits) -> Vec<String> {
    let mut cmd = Command::new(exe);
    cmd.current_dir(package_dir)
        .args(["--list", "--format", "terse"]);
    match process::run(
        cmd,
        StdoutMode::Capture(OUTPUT_CAP),
        OUTPUT_CAP,
        Some(LIST_TIME_LIMIT),
        Resources::Limited(limits),
        &Cancel::new(),
    ) {
        Ok(listed) => libtest::parse_list(&listed.stdout.text()),
        Err(_) => Vec::new(),
    }
}
