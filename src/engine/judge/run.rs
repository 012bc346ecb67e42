//! Running built test binaries and `main`s: in parallel, under their time limits, with their
//! output drained and capped. How each ended is classified in `classify`.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

use crate::engine::judge::classify::{self, Ended, Ran};
use crate::engine::judge::graded::{self, GradedRun, PrivateCopy};
pub use crate::engine::judge::job::{Job, OUTPUT_CAP, RunResult};

/// A graded run's setting and the private copies of its binaries, by slot.
pub type GradedJobs<'g> = (&'g GradedRun, &'g HashMap<usize, PrivateCopy>);
use crate::engine::libtest;
use crate::engine::limits::Limits;
use crate::engine::process::{self, Cancel, Ending, Resources, StdoutMode};
use crate::model::kit::Harness;

/// Test binaries run at once, per core.
const RUNNERS_PER_CORE: usize = 4;

/// How long listing a binary's tests may take.
const LIST_TIME_LIMIT: Duration = Duration::from_secs(5);

/// Runs the jobs as they arrive on `jobs`, in parallel, until the sender is dropped; returns
/// each one's result by slot. Jobs not started before a cancel are left out. In practice, jobs
/// arrive while cargo still builds the others, so a binary waiting out a sleep or its time
/// limit overlaps the build instead of following it; a graded run sends them only once every
/// private copy is made (see [`graded::private_copies`]).
pub fn run_stream(
    jobs: mpsc::Receiver<Job<'_>>,
    package_dir: &Path,
    graded: Option<GradedJobs<'_>>,
    cancel: &Cancel,
) -> Vec<(usize, RunResult)> {
    // More runners than cores: a binary waiting out its time limit (a deadlock exercise as
    // shipped) uses no CPU, and such waits should overlap rather than queue.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let jobs = Mutex::new(jobs);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..cores * RUNNERS_PER_CORE {
            let tx = tx.clone();
            let jobs = &jobs;
            scope.spawn(move || {
                loop {
                    // The lock is held only while waiting for the next job, never while running.
                    let next = jobs.lock().map(|rx| rx.recv());
                    let Ok(Ok(job)) = next else { break };
                    if cancel.is_cancelled() {
                        continue;
                    }
                    let result = match graded {
                        Some((run, copies)) => match copies.get(&job.slot) {
                            Some(copy) => graded::run_one(&job, copy, run, cancel),
                            None => None,
                        },
                        None => run_one(&job, package_dir, cancel),
                    };
                    let _ = tx.send((job.slot, result));
                }
            });
        }
        drop(tx);
        rx.into_iter().collect()
    })
}

/// Runs one test binary or `main`: how it ended, as an outcome, and how long it ran.
fn run_one(job: &Job<'_>, package_dir: &Path, cancel: &Cancel) -> RunResult {
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
    let outcome = classify::classify(&ran)?;
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
