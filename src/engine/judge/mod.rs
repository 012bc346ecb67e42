//! The judge: builds the exercises asked for in one cargo invocation, runs their test binaries
//! (or `main`) in parallel under time limits, lints the strict ones, checks constraints, and
//! answers per unit: judged fresh, from the cache, or not judged (cancelled first).
//!
//! Judging goes in stages over typed per-unit state ([`Work`]): cache lookup, build and run
//! (each executable runs as soon as cargo has built it, while cargo builds the rest), clippy,
//! constraints. Each stage moves the units it concerns from one state to the next.

mod classify;
pub mod graded;
mod job;
mod run;
mod unit;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Result, bail};

pub use unit::{Cache, Grading, JudgeEvent, Judgement, Side, Unit, Verdict};

use crate::analysis::constraints;
use crate::analysis::tamper::{self, TestModule};
use crate::engine::cache::VerdictCache;
use crate::engine::cargo::{self, BuildTarget, CargoEnv, Pass, TargetOutput};
use crate::engine::process::Cancel;
use crate::engine::toolchain::{self, Toolchain};
use crate::model::embedded;
use crate::model::kit::{Exercise, Kit};
use crate::model::manifest::{self, SOLUTION_SUFFIX, TargetKind, Targets, exercise_of_target};
use crate::model::outcome::{Outcome, Violation};
use crate::model::stamp::{Origin, Stamp};

/// A judge for one kit, with the toolchain checked and the manifest known to be in sync.
pub struct Judge<'k> {
    kit: &'k Kit,
    targets: Targets,
    toolchain: Toolchain,
    manifest: Vec<u8>,
    cache: Cache,
    grading: Grading,
    graded_run: Option<graded::GradedRun>,
    /// In a kit `init` wrote from the built-in kit: each exercise file as shipped, where the
    /// built-in kit holds it exactly so (the stamp's hash agrees), by kit-relative path.
    shipped: HashMap<String, &'static str>,
}

/// One unit on its way through the stages.
struct Work<'u, 'k> {
    /// Its index among the units asked for.
    index: usize,
    unit: &'u Unit<'k>,
    /// The source as read when judging began (what the cache key covers).
    source: String,
    key: String,
    state: State,
}

/// Where a unit is in judging.
enum State {
    /// Waiting to be built.
    ToBuild,
    /// It has an outcome (a compile error, or how its run ended), so far.
    Judged {
        outcome: Outcome,
        run_time: Option<Duration>,
    },
    /// Cancelled before it had a verdict.
    Cancelled,
}

impl<'k> Judge<'k> {
    /// Checks the toolchain and the manifest. With [`Cache::Ignore`] every unit is rebuilt.
    pub fn new(kit: &'k Kit, cache: Cache) -> Result<Judge<'k>> {
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
        let shipped = shipped_files(kit);
        Ok(Judge {
            kit,
            targets,
            toolchain,
            manifest,
            cache,
            grading: Grading::Practice,
            graded_run: None,
            shipped,
        })
    }

    /// Makes this a grader's judge (see [`Grading::Graded`]): every unit is run by the
    /// graded run stage, on evidence.
    pub fn graded(mut self, run: graded::GradedRun) -> Judge<'k> {
        self.grading = Grading::Graded;
        self.graded_run = Some(run);
        self
    }

    /// The manifest's targets.
    pub fn targets(&self) -> &Targets {
        &self.targets
    }

    /// Judges `units`, one answer per unit in their order. Units not judged before `cancel`
    /// fired are [`Judged::NotJudged`]; nothing of a cancelled run is cached, since its files
    /// may have changed under it.
    pub fn judge(
        &self,
        units: &[Unit<'_>],
        cancel: &Cancel,
        on_event: &mut dyn FnMut(JudgeEvent<'_>),
    ) -> Result<Vec<Judgement>> {
        let mut cache = VerdictCache::load(&self.kit.target_dir());
        let mut answers = vec![Judgement::NotJudged; units.len()];
        let mut work = self.look_up(units, &cache, &mut answers, on_event);
        self.build_and_run(&mut work, cancel, on_event)?;
        self.lint(&mut work, cancel)?;
        check_constraints(&mut work, self.graded_run.as_ref());
        self.check_tests_kept(&mut work);
        let cancelled = cancel.is_cancelled();
        for w in work {
            let State::Judged { outcome, run_time } = w.state else {
                continue;
            };
            if !cancelled {
                let target = w.unit.target_name();
                cache.put(&target, w.key, outcome.clone(), run_time);
            }
            answers[w.index] = Judgement::Fresh(Verdict { outcome, run_time });
            // A cancelled run's callers drop its verdicts, so they hear of none.
            if !cancelled {
                on_event(JudgeEvent::Judged(w.index, &answers[w.index]));
            }
        }
        // A cache that cannot be written costs speed next time, not correctness now.
        let _ = cache.save();
        Ok(answers)
    }

    /// Stage 1: answers what the cache knows; the rest is work to build.
    fn look_up<'u, 'x>(
        &self,
        units: &'u [Unit<'x>],
        cache: &VerdictCache,
        answers: &mut [Judgement],
        on_event: &mut dyn FnMut(JudgeEvent<'_>),
    ) -> Vec<Work<'u, 'x>> {
        let mut work = Vec::new();
        for (index, unit) in units.iter().enumerate() {
            let source =
                std::fs::read_to_string(self.kit.path(&unit.rel_source())).unwrap_or_default();
            let key = self.cache_key(unit, &source);
            let cached = (self.cache == Cache::Use)
                .then(|| cache.get(&unit.target_name(), &key))
                .flatten();
            if let Some((outcome, run_time)) = cached {
                answers[index] = Judgement::Cached(Verdict {
                    outcome: outcome.clone(),
                    run_time,
                });
                on_event(JudgeEvent::Judged(index, &answers[index]));
                continue;
            }
            work.push(Work {
                index,
                unit,
                source,
                key,
                state: State::ToBuild,
            });
        }
        work
    }

    /// Stages 2 and 3: the cargo build of every unit to build, each executable run (in
    /// parallel, under its time limit) as soon as cargo reports it built; the others have a
    /// compile error. A graded run first builds everything and makes its private copies, so no
    /// learner code runs while cargo still writes binaries.
    fn build_and_run(
        &self,
        work: &mut [Work<'_, '_>],
        cancel: &Cancel,
        on_event: &mut dyn FnMut(JudgeEvent<'_>),
    ) -> Result<()> {
        let to_build: Vec<usize> = (0..work.len())
            .filter(|&i| matches!(work[i].state, State::ToBuild))
            .collect();
        let targets: Vec<BuildTarget> = to_build
            .iter()
            .map(|&i| self.build_target(work[i].unit))
            .collect();
        let slots: HashMap<String, (usize, &Exercise)> = to_build
            .iter()
            .map(|&i| (work[i].unit.target_name(), (i, work[i].unit.exercise)))
            .collect();
        let package_dir = manifest::package_dir(self.kit);
        let (jobs_tx, jobs_rx) = mpsc::channel();
        let built = if let Some(graded_run) = &self.graded_run {
            let built = cargo::run_pass(
                self.kit,
                &targets,
                Pass::Build,
                self.cargo_env(),
                cancel,
                &mut |_, _| on_event(JudgeEvent::Compiled),
            )?;
            let jobs = built
                .iter()
                .flat_map(|b| jobs_of(b, &slots))
                .collect::<Vec<_>>();
            let exes: Vec<(usize, PathBuf)> =
                jobs.iter().map(|j| (j.slot, j.exe.clone())).collect();
            let private = tempfile::Builder::new()
                .prefix("rustskill-binaries")
                .tempdir()?;
            let copies = graded::private_copies(&exes, private.path())?;
            for job in jobs {
                let _ = jobs_tx.send(job);
            }
            drop(jobs_tx);
            let ran = run::run_stream(jobs_rx, &package_dir, Some((graded_run, &copies)), cancel);
            Ok((built, ran))
        } else {
            std::thread::scope(|scope| {
                let runner = scope.spawn(|| run::run_stream(jobs_rx, &package_dir, None, cancel));
                let built = cargo::run_pass(
                    self.kit,
                    &targets,
                    Pass::Build,
                    self.cargo_env(),
                    cancel,
                    &mut |name, output| {
                        on_event(JudgeEvent::Compiled);
                        if let Some(job) = job_of(name, output, &slots) {
                            let _ = jobs_tx.send(job);
                        }
                    },
                );
                drop(jobs_tx);
                let ran = runner.join().expect("the runner thread does not panic");
                built.map(|built| (built, ran))
            })
        };
        let (built, ran) = built?;
        let mut ran: HashMap<usize, run::RunResult> = ran.into_iter().collect();
        for &i in &to_build {
            let w = &mut work[i];
            let Some(built) = &built else {
                w.state = State::Cancelled;
                continue;
            };
            let output = built.get(&w.unit.target_name());
            w.state = match output.and_then(|o| o.executable.as_ref()) {
                // Ran, or a cancel kept it from starting.
                Some(_) => match ran.remove(&i).flatten() {
                    Some((outcome, took)) => State::Judged {
                        outcome,
                        run_time: Some(took),
                    },
                    None => State::Cancelled,
                },
                None => State::Judged {
                    outcome: Outcome::CompileError {
                        diagnostics: output.map(|o| o.diagnostics.clone()).unwrap_or_default(),
                    },
                    run_time: None,
                },
            };
        }
        Ok(())
    }

    /// Stage 4: `cargo clippy -D warnings` over the passing units held to clippy.
    fn lint(&self, work: &mut [Work<'_, '_>], cancel: &Cancel) -> Result<()> {
        let wants_lint = |w: &Work<'_, '_>| {
            w.unit.clippy() && matches!(&w.state, State::Judged { outcome, .. } if outcome.passed())
        };
        let targets: Vec<BuildTarget> = work
            .iter()
            .filter(|w| wants_lint(w))
            .map(|w| self.build_target(w.unit))
            .collect();
        let linted = if cancel.is_cancelled() {
            None
        } else {
            cargo::run_pass(
                self.kit,
                &targets,
                Pass::Clippy,
                self.cargo_env(),
                cancel,
                &mut |_, _| {},
            )?
        };
        for w in work.iter_mut().filter(|w| wants_lint(w)) {
            let Some(linted) = &linted else {
                w.state = State::Cancelled;
                continue;
            };
            let diagnostics = linted
                .get(&w.unit.target_name())
                .map(|o| o.diagnostics.clone())
                .unwrap_or_default();
            if !diagnostics.is_empty()
                && let State::Judged { outcome, .. } = &mut w.state
            {
                *outcome = Outcome::ClippyWarnings { diagnostics };
            }
        }
        Ok(())
    }

    /// Whether it may answer from its caches.
    pub fn cache(&self) -> Cache {
        self.cache
    }

    /// The environment cargo runs in: the caller's, or a grader's.
    pub fn cargo_env(&self) -> CargoEnv {
        match self.grading {
            Grading::Practice => CargoEnv::Inherited,
            Grading::Graded => CargoEnv::Cleared,
        }
    }

    fn build_target(&self, unit: &Unit<'_>) -> BuildTarget {
        let name = unit.target_name();
        let kind = self
            .targets
            .by_name
            .get(&name)
            // A fix exercise opened after the judge read the manifest: declared by its mode.
            .map_or(
                if unit.exercise.test {
                    TargetKind::Test
                } else {
                    TargetKind::Bin
                },
                |(kind, _)| *kind,
            );
        BuildTarget {
            name,
            kind,
            // A graded run's `main` runs in a test (see `graded`).
            test: unit.exercise.test || self.graded_run.is_some(),
        }
    }

    /// The file a practice unit was shipped as, where the tool knows it for sure (see
    /// [`shipped_files`]). Solutions and dodges are the kit's own files, and graded runs stage
    /// the tests themselves.
    fn shipped_source(&self, unit: &Unit<'_>) -> Option<&'static str> {
        if self.grading != Grading::Practice || unit.side != Side::Exercise {
            return None;
        }
        self.shipped.get(&unit.exercise.rel_path()).copied()
    }

    /// Stage 6 (practice): a passing unit whose test module is not the shipped one does not
    /// pass. Deleting or weakening the tests is the first shortcut a learner who wants green
    /// would try; a graded run ignores their test module altogether.
    fn check_tests_kept(&self, work: &mut [Work<'_, '_>]) {
        for w in work {
            let Some(shipped) = self.shipped_source(w.unit) else {
                continue;
            };
            let State::Judged { outcome, .. } = &mut w.state else {
                continue;
            };
            if !outcome.passed() {
                continue;
            }
            let what = match tamper::test_module(&w.source, shipped) {
                TestModule::Kept => continue,
                TestModule::Removed => "was removed".to_owned(),
                TestModule::Changed(line) => format!("(line {line}) was changed"),
            };
            *outcome = Outcome::ConstraintViolated {
                violations: vec![Violation {
                    line: None,
                    found: None,
                    rule: "the tests as shipped".to_owned(),
                    why: format!(
                        "the exercise's tests say when it passes, and its `mod tests` block {what}: \
                         put it back as shipped (`cargo rustskill reset {}` restores the file and \
                         keeps yours as a backup)",
                        w.unit.exercise.name
                    ),
                }],
            };
        }
    }

    fn cache_key(&self, unit: &Unit<'_>, source: &str) -> String {
        let exercise = unit.exercise;
        let how = format!(
            "{}|{}|{}|{}|{}|{:?}|{}",
            unit.target_name(),
            exercise.test,
            unit.clippy(),
            exercise.time_limit.as_millis(),
            exercise.memory_limit_mib,
            exercise
                .constraints
                .iter()
                .map(|c| (c.rule.to_string(), &c.why))
                .collect::<Vec<_>>(),
            self.shipped_source(unit).is_some(),
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

/// The exercise files of a kit `init` wrote from the built-in kit, as shipped: the built-in
/// kit's, each where the stamp's hash says it is what was shipped (a later tool's kit may have
/// changed it). None for any other kit.
fn shipped_files(kit: &Kit) -> HashMap<String, &'static str> {
    let Some(stamp) = Stamp::load(kit).filter(|s| Stamp::origin(Some(s)) == Origin::BuiltIn) else {
        return HashMap::new();
    };
    stamp
        .shipped
        .into_iter()
        .filter_map(|(rel, recorded)| {
            let file = embedded::file(&rel)?;
            let same = crate::base::fsutil::content_hash(&[file]) == recorded;
            let text = std::str::from_utf8(file).ok().filter(|_| same)?;
            Some((rel, text))
        })
        .collect()
}

/// Stage 5: a passing unit that breaks a constraint does not pass. In a graded run only the
/// learner's part of the staged file is looked at.
fn check_constraints(work: &mut [Work<'_, '_>], graded: Option<&graded::GradedRun>) {
    for w in work {
        if let State::Judged { outcome, .. } = &mut w.state
            && outcome.passed()
        {
            let end = graded
                .and_then(|g| g.learner_ends.get(&w.unit.exercise.name))
                .map_or(w.source.len(), |&end| end.min(w.source.len()));
            let learner = w.source.get(..end).unwrap_or(&w.source);
            let violations = constraints::check(learner, &w.unit.exercise.constraints);
            if !violations.is_empty() {
                *outcome = Outcome::ConstraintViolated { violations };
            }
        }
    }
}

/// The run of a target cargo reports built, if it is one of `slots` and has an executable.
fn job_of<'e>(
    name: &str,
    output: &TargetOutput,
    slots: &HashMap<String, (usize, &'e Exercise)>,
) -> Option<run::Job<'e>> {
    let (&(slot, exercise), exe) = (slots.get(name)?, output.executable.as_ref()?);
    Some(run::Job {
        slot,
        exe: exe.clone(),
        exercise,
        target: name.to_owned(),
    })
}

/// The runs of every target of a finished build.
fn jobs_of<'e>(
    built: &HashMap<String, TargetOutput>,
    slots: &HashMap<String, (usize, &'e Exercise)>,
) -> Vec<run::Job<'e>> {
    let mut jobs: Vec<run::Job<'e>> = built
        .iter()
        .filter_map(|(name, output)| job_of(name, output, slots))
        .collect();
    jobs.sort_by_key(|j| j.slot);
    jobs
}
