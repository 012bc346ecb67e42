//! The graded run stage: each built test binary copied to a private, read-only place (its hash
//! checked again right before it starts), run in the sandbox from its own scratch folder with
//! a fresh evidence key, only the canonical tests asked for by exact name; then judged on the
//! evidence it sent. What it printed and how it exited only explain a verdict.

use std::collections::{BTreeSet, HashMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::engine::evidence::{Channel, Evidence};
use crate::engine::judge::classify::{self, Ended, Ran};
use crate::engine::judge::job::{Job, OUTPUT_CAP, RunResult};
use crate::engine::libtest;
use crate::engine::limits::{LimitHit, Limits};
use crate::engine::process::{self, Cancel, Ending, Resources, StdoutMode};
use crate::engine::sandbox::Sandbox;
use crate::model::kit::Harness;
use crate::model::outcome::{Outcome, TestFailure};

/// The folder, in the staging kit, holding each test process's scratch folder.
const SCRATCH_DIR: &str = ".rustskill-run";

/// What a graded judge needs beyond a practice one.
pub struct GradedRun {
    /// Per exercise: the tests that must send evidence (canonical, then hidden) and how many
    /// of them are hidden.
    pub expected: HashMap<String, (Vec<String>, usize)>,
    /// Per exercise: where the learner's code ends in its staged file (constraints look only
    /// before it: what follows is the kit's).
    pub learner_ends: HashMap<String, usize>,
    /// Where learner binaries run.
    pub sandbox: Sandbox,
    /// The staging kit's root (scratch folders go inside it).
    pub staging: PathBuf,
}

/// A built binary's private copy and the hash it must still have when it starts.
pub struct PrivateCopy {
    path: PathBuf,
    hash: String,
}

/// Copies each executable into `dir` (which only the grader writes), read-only, and hashes it.
/// Done for all before any runs, so no learner binary can change another's first.
pub fn private_copies(
    exes: &[(usize, PathBuf)],
    dir: &Path,
) -> Result<HashMap<usize, PrivateCopy>> {
    let mut copies = HashMap::new();
    for (slot, exe) in exes {
        let bytes =
            std::fs::read(exe).with_context(|| format!("failed to read {}", exe.display()))?;
        let path = dir.join(format!(
            "{slot}-{}",
            exe.file_name()
                .map_or_else(Default::default, |n| n.to_string_lossy().into_owned())
        ));
        std::fs::write(&path, &bytes)
            .with_context(|| format!("failed to write {}", path.display()))?;
        let mut permissions = std::fs::metadata(&path)?.permissions();
        #[cfg(unix)]
        std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o500);
        #[cfg(not(unix))]
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions)?;
        let hash = crate::base::fsutil::content_hash(&[&bytes]);
        copies.insert(*slot, PrivateCopy { path, hash });
    }
    Ok(copies)
}

/// Runs one job's private copy under the evidence harness, and judges it on its evidence.
pub fn run_one(
    job: &Job<'_>,
    copy: &PrivateCopy,
    graded: &GradedRun,
    cancel: &Cancel,
) -> RunResult {
    let exercise = job.exercise;
    let (expected, hidden) = graded
        .expected
        .get(&exercise.name)
        .cloned()
        .unwrap_or_default();
    let started = Instant::now();
    let limits = Limits::learner(exercise.memory_limit_mib);
    let started_run = start(job, copy, graded, &expected, limits, cancel);
    let (ended, stdout, stderr, evidence, limit_hit) = match started_run {
        Ok(ran) => ran,
        Err(e) => (
            Ended::NotStarted(format!("{e:#}")),
            String::new(),
            String::new(),
            Evidence::default(),
            None,
        ),
    };
    let took = started.elapsed();
    let ran = Ran {
        ended,
        stdout: &stdout,
        stderr: &stderr,
        harness: Harness::Tests,
        limit_secs: exercise.time_limit.as_secs_f64(),
        listed: &[],
        limits,
        limit_hit,
    };
    let outcome = classify::classify(&ran)?;
    let outcome = by_evidence(outcome, &evidence, &expected, exercise.harness(), &stdout);
    let hidden_names = &expected[expected.len().saturating_sub(hidden)..];
    Some((redact_hidden(outcome, hidden_names), took))
}

type Started = (Ended, String, String, Evidence, Option<LimitHit>);

fn start(
    job: &Job<'_>,
    copy: &PrivateCopy,
    graded: &GradedRun,
    expected: &[String],
    limits: Limits,
    cancel: &Cancel,
) -> Result<Started> {
    let scratch = graded.staging.join(SCRATCH_DIR).join(&job.target);
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch)
        .with_context(|| format!("failed to create {}", scratch.display()))?;
    let scratch = scratch.canonicalize()?;
    let channel = Channel::create(&scratch).context("failed to create the evidence channel")?;
    let mut args: Vec<OsString> = ["--exact", "--color", "never"].map(OsString::from).to_vec();
    args.extend(expected.iter().map(OsString::from));
    if expected.is_empty() {
        // No filter would run every test in the binary, a learner's among them: ask for none.
        args.push("__rustskill_no_tests__".into());
    }
    let mut cmd = graded.sandbox.command(&copy.path, &args, &scratch);
    let (var, value) = channel.env();
    cmd.env(var, value);
    let bytes = std::fs::read(&copy.path)?;
    if crate::base::fsutil::content_hash(&[&bytes]) != copy.hash {
        anyhow::bail!(
            "the test binary changed after it was built (something rewrote {}): not run",
            copy.path.display()
        );
    }
    let finished = process::run_fed(
        cmd,
        Some(channel.key_line()),
        StdoutMode::Capture(OUTPUT_CAP),
        OUTPUT_CAP,
        Some(job.exercise.time_limit),
        Resources::Limited(limits),
        cancel,
    )
    .with_context(|| format!("could not start {}", copy.path.display()))?;
    let ended = match finished.ending {
        Ending::Exited(status) => Ended::Exited(classify::exit_of(status)),
        Ending::TimedOut => Ended::TimedOut,
        Ending::Cancelled => Ended::Cancelled,
    };
    let evidence = channel.read(expected);
    let _ = std::fs::remove_dir_all(&scratch);
    Ok((
        ended,
        finished.stdout.text(),
        finished.stderr.text(),
        evidence,
        finished.limit_hit,
    ))
}

/// The verdict on a graded test binary: passed only when every expected test sent evidence
/// and the process then exited cleanly; otherwise how it fell short, in the words of the
/// exercise's harness (a run-mode exercise's `main` runs as the one test).
pub fn by_evidence(
    outcome: Outcome,
    evidence: &Evidence,
    expected: &[String],
    harness: Harness,
    stdout: &str,
) -> Outcome {
    let missing: Vec<String> = expected
        .iter()
        .filter(|t| !evidence.passed.contains(*t))
        .cloned()
        .collect();
    if harness == Harness::Main {
        return main_outcome(outcome, missing.is_empty(), stdout);
    }
    let passed: Vec<String> = expected
        .iter()
        .filter(|t| evidence.passed.contains(*t))
        .cloned()
        .collect();
    let no_evidence = || {
        let forged = if evidence.forged > 0 {
            format!(
                " ({} lines of its evidence were not the tests' own)",
                evidence.forged
            )
        } else {
            String::new()
        };
        Outcome::Crashed {
            description: format!(
                "{} of {} tests sent no evidence that they ran to their end ({}): the test process ended early, or what it printed was not the tests' own{forged}",
                missing.len(),
                expected.len(),
                missing.join(", ")
            ),
            output: stdout.to_owned(),
        }
    };
    match outcome {
        Outcome::Passed if missing.is_empty() => Outcome::Passed,
        Outcome::Passed => no_evidence(),
        Outcome::TestsFailed { failures, .. } => {
            // In the canonical order, whatever order the tests finished in.
            let mut failures: Vec<TestFailure> = failures
                .into_iter()
                .filter(|f| missing.contains(&f.name))
                .collect();
            failures.sort_by_key(|f| expected.iter().position(|e| *e == f.name));
            if failures.is_empty() {
                no_evidence()
            } else {
                Outcome::TestsFailed { failures, passed }
            }
        }
        Outcome::TimedOut {
            limit_secs, output, ..
        } => {
            let failed: BTreeSet<String> = libtest::parse(stdout)
                .failed
                .into_iter()
                .map(|(n, _)| n)
                .collect();
            let unfinished = missing
                .into_iter()
                .filter(|t| !failed.contains(t))
                .collect();
            Outcome::TimedOut {
                limit_secs,
                unfinished,
                output,
            }
        }
        other => other,
    }
}

/// A run-mode exercise's verdict from its one test's.
fn main_outcome(outcome: Outcome, returned: bool, stdout: &str) -> Outcome {
    let output = libtest::parse(stdout)
        .failed
        .into_iter()
        .next()
        .map(|(_, o)| o)
        .unwrap_or_else(|| stdout.to_owned());
    match outcome {
        Outcome::Passed if returned => Outcome::Passed,
        Outcome::TimedOut {
            limit_secs, output, ..
        } => Outcome::TimedOut {
            limit_secs,
            unfinished: Vec::new(),
            output,
        },
        _ if output.contains("main returned unsuccessfully") => Outcome::RunFailed {
            exit_code: Some(1),
            output,
        },
        _ if output.contains("panicked") => Outcome::Panicked { output },
        Outcome::Crashed {
            description,
            output,
        } => Outcome::Crashed {
            description,
            output,
        },
        _ => Outcome::Crashed {
            description:
                "main ended the process before returning: graded runs need `main` to return".into(),
            output,
        },
    }
}

/// Hidden tests are counted, never shown: their names become `hidden test N` and their output
/// (the instructor's assertions and values) is left out.
pub fn redact_hidden(outcome: Outcome, hidden: &[String]) -> Outcome {
    if hidden.is_empty() {
        return outcome;
    }
    let rename = |name: String| match hidden.iter().position(|h| *h == name) {
        Some(i) => format!("hidden test {}", i + 1),
        None => name,
    };
    let scrub = |text: String| scrub(&text, hidden);
    match outcome {
        Outcome::TestsFailed { failures, passed } => Outcome::TestsFailed {
            failures: failures
                .into_iter()
                .map(|f| {
                    let is_hidden = hidden.contains(&f.name);
                    TestFailure {
                        output: if is_hidden {
                            "(a hidden test: its code and output stay with the instructor)".into()
                        } else {
                            scrub(f.output)
                        },
                        name: rename(f.name),
                    }
                })
                .collect(),
            passed: passed.into_iter().map(rename).collect(),
        },
        Outcome::TimedOut {
            limit_secs,
            unfinished,
            output,
        } => Outcome::TimedOut {
            limit_secs,
            unfinished: unfinished.into_iter().map(rename).collect(),
            output: scrub(output),
        },
        Outcome::Crashed {
            description,
            output,
        } => Outcome::Crashed {
            description: scrub(description),
            output: scrub(output),
        },
        other => other,
    }
}

/// `text` without hidden tests' output sections, their names replaced.
fn scrub(text: &str, hidden: &[String]) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with("---- ")
            || line.starts_with("failures:")
            || line.starts_with("test result")
        {
            skipping = hidden
                .iter()
                .any(|h| line.starts_with(&format!("---- {h} ")));
            if skipping {
                continue;
            }
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    for (i, name) in hidden.iter().enumerate() {
        out = out.replace(name.as_str(), &format!("hidden test {}", i + 1));
    }
    out
}
