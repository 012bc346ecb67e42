//! The judge: builds the exercises asked for in one cargo invocation, runs their test binaries
//! (or `main`) in parallel under time limits, lints the strict ones, checks constraints, and
//! answers per unit: judged fresh, from the cache, or not judged (cancelled first).
//!
//! Judging goes in stages over typed per-unit state ([`Work`]): cache lookup, build, run,
//! clippy, constraints. Each stage moves the units it concerns from one state to the next.

mod classify;
mod run;
mod unit;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Result, bail};

pub use unit::{Cache, Grading, JudgeEvent, Judgement, Side, Unit, Verdict};

use crate::analysis::constraints;
use crate::engine::cache::VerdictCache;
use crate::engine::cargo::{self, BuildTarget, CargoEnv, Pass};
use crate::engine::process::Cancel;
use crate::engine::toolchain::{self, Toolchain};
use crate::model::kit::Kit;
use crate::model::manifest::{self, SOLUTION_SUFFIX, TargetKind, Targets, exercise_of_target};
use crate::model::outcome::Outcome;

/// A judge for one kit, with the toolchain checked and the manifest known to be in sync.
pub struct Judge<'k> {
    kit: &'k Kit,
    targets: Targets,
    toolchain: Toolchain,
    manifest: Vec<u8>,
    cache: Cache,
    grading: Grading,
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
    /// Built; its executable waits to run.
    ToRun(PathBuf),
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
        Ok(Judge {
            kit,
            targets,
            toolchain,
            manifest,
            cache,
            grading: Grading::Practice,
        })
    }

    /// Makes this a grader's judge (see [`Grading::Graded`]).
    pub fn graded(mut self) -> Judge<'k> {
        self.grading = Grading::Graded;
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
        self.build(&mut work, cancel, on_event)?;
        self.run(&mut work, cancel);
        self.lint(&mut work, cancel)?;
        check_constraints(&mut work);
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

    /// Stage 2: one `cargo build` of every unit to build; an executable to run, or a compile
    /// error.
    fn build(
        &self,
        work: &mut [Work<'_, '_>],
        cancel: &Cancel,
        on_event: &mut dyn FnMut(JudgeEvent<'_>),
    ) -> Result<()> {
        let targets: Vec<BuildTarget> = work
            .iter()
            .filter(|w| matches!(w.state, State::ToBuild))
            .map(|w| self.build_target(w.unit))
            .collect();
        let built = cargo::run_pass(
            self.kit,
            &targets,
            Pass::Build,
            self.cargo_env(),
            cancel,
            &mut |_| on_event(JudgeEvent::Compiled),
        )?;
        for w in work
            .iter_mut()
            .filter(|w| matches!(w.state, State::ToBuild))
        {
            let Some(built) = &built else {
                w.state = State::Cancelled;
                continue;
            };
            let output = built.get(&w.unit.target_name());
            w.state = match output.and_then(|o| o.executable.clone()) {
                Some(exe) => State::ToRun(exe),
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

    /// Stage 3: runs every built executable, in parallel under its time limit.
    fn run(&self, work: &mut [Work<'_, '_>], cancel: &Cancel) {
        let jobs: Vec<run::Job<'_>> = work
            .iter()
            .enumerate()
            .filter_map(|(slot, w)| match &w.state {
                State::ToRun(exe) => Some(run::Job {
                    slot,
                    exe: exe.clone(),
                    exercise: w.unit.exercise,
                }),
                _ => None,
            })
            .collect();
        let package_dir = manifest::package_dir(self.kit);
        for (slot, result) in run::run_all(&jobs, &package_dir, self.grading, cancel) {
            work[slot].state = match result {
                Some((outcome, took)) => State::Judged {
                    outcome,
                    run_time: Some(took),
                },
                None => State::Cancelled,
            };
        }
        // Jobs a cancel kept from starting.
        for w in work
            .iter_mut()
            .filter(|w| matches!(w.state, State::ToRun(_)))
        {
            w.state = State::Cancelled;
        }
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
                &mut |_| {},
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

    fn cargo_env(&self) -> CargoEnv {
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
            "{}|{}|{}|{}|{}|{:?}",
            unit.target_name(),
            exercise.test,
            unit.clippy(),
            exercise.time_limit.as_millis(),
            exercise.memory_limit_mib,
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

/// Stage 5: a passing unit that breaks a constraint does not pass.
fn check_constraints(work: &mut [Work<'_, '_>]) {
    for w in work {
        if let State::Judged { outcome, .. } = &mut w.state
            && outcome.passed()
        {
            let violations = constraints::check(&w.source, &w.unit.exercise.constraints);
            if !violations.is_empty() {
                *outcome = Outcome::ConstraintViolated { violations };
            }
        }
    }
}
