//! `dev`: commands for kit authors: seal the predict items and regenerate the manifest, check
//! the whole kit.

mod predict;

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::Path;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use crate::analysis::graded;
use crate::analysis::tamper::Stage;
use crate::app::exit_codes;
use crate::base::fsutil;
use crate::engine::judge::{Cache, Judge, JudgeEvent, Judgement, Side, Unit, Verdict};
use crate::engine::process::Cancel;
use crate::model::kit::Kit;
use crate::model::manifest::{self, Flavor};
use crate::outputs::style::Styles;
use crate::outputs::verdict;

/// A solution must finish within this fraction of its time limit, so a loaded machine never
/// turns a correct answer into a time-out.
const SOLUTION_TIME_SHARE: f64 = 1.0 / 3.0;

/// `dev sync`: seals the predict items from their sources, then rewrites the manifest from
/// `info.toml`.
pub fn sync(kit_dir: Option<&Path>, styles: &Styles) -> Result<u8> {
    let root = Kit::find_root(kit_dir)?;
    if predict::seal_kit(&root)? {
        println!(
            "{} the predict items into info.toml from predict/.",
            styles.ok.style("Sealed")
        );
    }
    sync_manifest(&Kit::load(&root)?, styles)
}

/// Rewrites the manifest from `info.toml`.
fn sync_manifest(kit: &Kit, styles: &Styles) -> Result<u8> {
    let flavor = manifest::flavor_of(kit);
    let path = kit.manifest_path();
    let text = manifest::render(kit, flavor);
    if let Ok(existing) = std::fs::read_to_string(&path)
        && let Some(other) = foreign_package(&existing)
    {
        anyhow::bail!(
            "{} is the manifest of package `{other}`, not of the exercises; refusing to overwrite it. \
             In a kit's source repository, create a `dev/` folder: the exercises' manifest goes there.",
            manifest::shown_path(kit, &path)
        );
    }
    if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
        println!(
            "{} is in sync with info.toml.",
            manifest::shown_path(kit, &path)
        );
    } else {
        fsutil::write_atomic(&path, text.as_bytes())?;
        println!(
            "{} {} from info.toml.",
            styles.ok.style("Wrote"),
            manifest::shown_path(kit, &path)
        );
    }
    Ok(exit_codes::SUCCESS)
}

/// The exercise file `dev new` writes: a skeleton to break.
const NEW_EXERCISE: &str = r#"//! LESSON: one idea, in a line or three: what this exercise teaches.

// TASK: what the learner must do ("Make the tests pass without cloning the order.").

fn main() {
    // Learners may experiment here.
}

#[cfg(test)]
mod tests {
    // Import by name (never `use super::*`), so learner items cannot shadow what tests use.

    #[test]
    fn behaves() {
        assert_eq!(1 + 1, 2);
    }
}
"#;

/// `dev new TRACK/NAME`: scaffolds an exercise, appends its entry to info.toml and syncs the
/// manifest.
pub fn new(kit: &Kit, path: &str, styles: &Styles) -> Result<u8> {
    let Some((dir, name)) = path.split_once('/') else {
        anyhow::bail!("give the exercise as TRACK_DIR/NAME, e.g. `01_ownership/borrow_the_ledger`");
    };
    let valid = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid(dir) || !valid(name) {
        anyhow::bail!("`{path}`: the track folder and the name must be letters, digits and `_`");
    }
    if kit.exercises.iter().any(|e| e.name == name) {
        anyhow::bail!("info.toml already has an exercise named `{name}`; choose another name");
    }
    let exercise = format!("exercises/{dir}/{name}.rs");
    let solution = format!("solutions/{dir}/{name}.rs");
    for rel in [&exercise, &solution] {
        if kit.path(rel).exists() {
            anyhow::bail!("{rel} exists already; remove it or choose another name");
        }
    }
    fsutil::write_atomic(&kit.path(&exercise), NEW_EXERCISE.as_bytes())?;
    fsutil::write_atomic(&kit.path(&solution), NEW_EXERCISE.as_bytes())?;
    let info_path = kit.path("info.toml");
    let mut info = std::fs::read_to_string(&info_path)?;
    if !info.ends_with('\n') {
        info.push('\n');
    }
    info.push_str(&format!(
        "\n[[exercises]]\nname = \"{name}\"\ndir = \"{dir}\"\nlevel = 1\nfails_with = \"test\"\n\
         hints = [\n  \"TODO: the concept, in a sentence.\",\n  \"TODO: the std API to reach for.\",\n  \"TODO: close, but never the diff.\",\n]\n\
         explanation = \"\"\"\nTODO: why the compiler objected, what the fix buys, the trade-off.\"\"\"\n"
    ));
    fsutil::write_atomic(&info_path, info.as_bytes())?;
    let kit = Kit::load(&kit.root)?;
    sync_manifest(&kit, styles)?;
    println!(
        "{} {exercise} and {solution}, and its entry at the end of info.toml.",
        styles.ok.style("Created")
    );
    println!(
        "Next: break the exercise, fix the solution, set fails_with/hint/explanation, then `cargo rustskill dev check`."
    );
    Ok(exit_codes::SUCCESS)
}

/// The package name of a manifest that is not an exercises package.
fn foreign_package(manifest_text: &str) -> Option<String> {
    let value: toml::Value = toml::from_str(manifest_text).ok()?;
    let name = value.get("package")?.get("name")?.as_str()?;
    (name != "exercises").then(|| name.to_owned())
}

/// `dev check`: every problem with the kit, at once.
pub fn check(kit: &Kit, no_cache: bool, only: &[String], styles: &Styles) -> Result<u8> {
    let mut problems: Vec<String> = Vec::new();
    let cache = if no_cache { Cache::Ignore } else { Cache::Use };
    let judge = Judge::new(kit, cache)?;
    problems.extend(structural_problems(kit));
    problems.extend(predict::problems(kit)?);
    problems.extend(graded_problems(kit));
    for wanted in only {
        if !kit
            .exercises
            .iter()
            .any(|e| e.name == *wanted || e.track() == wanted || e.dir.as_deref() == Some(wanted))
        {
            kit.find(wanted)?;
        }
    }
    let has_solutions = kit
        .exercises
        .iter()
        .filter(|e| e.predict().is_none())
        .all(|e| manifest::solution_target(judge.targets(), e).is_some());
    if !has_solutions && manifest::flavor_of(kit) == Flavor::Dev {
        problems
            .push("dev/Cargo.toml lacks solution targets: run `cargo rustskill dev sync`".into());
    }
    let units = units_to_check(kit, &judge, only, has_solutions, &mut problems)?;
    let judged = judge_with_bar(&judge, &units)?;
    let mut dodge_lines = Vec::new();
    for (unit, judged) in units.iter().zip(&judged) {
        let Some(verdict) = judged.verdict() else {
            problems.push(format!("{}: was not judged", unit.rel_source()));
            continue;
        };
        problems.extend(judged_problem(unit, verdict, styles));
        if let Side::Dodge(dodge) = &unit.side
            && !verdict.outcome.passed()
        {
            dodge_lines.push(format!(
                "{} {}: {}",
                styles.ok.style("✓"),
                dodge.rel_path,
                how_it_fails(&verdict.outcome)
            ));
        }
    }
    print_dodges(&dodge_lines, styles);
    if problems.is_empty() {
        print_sound(&units, has_solutions, dodge_lines.len(), styles);
        return Ok(exit_codes::SUCCESS);
    }
    for problem in &problems {
        println!("{} {problem}", styles.error.style("✗"));
    }
    println!("\n{} problem(s) in the kit.", problems.len());
    Ok(exit_codes::NOT_PASSING)
}

/// The units `dev check` judges: the chosen exercises, their solutions and their dodges.
fn units_to_check<'k>(
    kit: &'k Kit,
    judge: &Judge<'_>,
    only: &[String],
    has_solutions: bool,
    problems: &mut Vec<String>,
) -> Result<Vec<Unit<'k>>> {
    let chosen = |e: &crate::model::kit::Exercise| {
        only.is_empty()
            || only
                .iter()
                .any(|w| e.name == *w || e.track() == w || e.dir.as_deref() == Some(w))
    };
    let code = |e: &crate::model::kit::Exercise| chosen(e) && e.predict().is_none();
    let mut units: Vec<Unit<'_>> = kit
        .exercises
        .iter()
        .filter(|e| code(e))
        .map(Unit::exercise)
        .collect();
    if has_solutions {
        units.extend(
            kit.exercises
                .iter()
                .filter(|e| code(e))
                .map(|exercise| Unit {
                    exercise,
                    side: Side::Solution,
                }),
        );
    }
    let (dodges, orphans) = manifest::find_dodges(kit);
    for orphan in orphans {
        problems.push(format!(
            "{orphan} names no exercise: dodges are `dodges/<dir>/<name>.<key>.rs`, key of letters, digits and `_`"
        ));
    }
    for dodge in dodges {
        if !judge.targets().by_name.contains_key(&dodge.target_name()) {
            problems.push(format!(
                "{} is not in the manifest: run `cargo rustskill dev sync`",
                dodge.rel_path
            ));
            continue;
        }
        let exercise = kit.find(&dodge.exercise)?;
        if !chosen(exercise) {
            continue;
        }
        units.push(Unit {
            exercise,
            side: Side::Dodge(dodge),
        });
    }
    Ok(units
        .into_iter()
        .filter(|u| kit.path(&u.rel_source()).is_file())
        .collect())
}

/// Judges the units, with a progress bar on a terminal.
fn judge_with_bar(judge: &Judge<'_>, units: &[Unit<'_>]) -> Result<Vec<Judgement>> {
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(units.len() as u64 * 2);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
                .expect("valid template"),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        bar
    });
    let judged = judge.judge(units, &Cancel::new(), &mut |event| {
        if let (Some(bar), JudgeEvent::Compiled | JudgeEvent::Judged(..)) = (&bar, event) {
            bar.inc(1);
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(judged)
}

fn print_dodges(dodge_lines: &[String], styles: &Styles) {
    if dodge_lines.is_empty() {
        return;
    }
    println!("{}", styles.strong.style("Dodges, each rejected:"));
    for line in dodge_lines {
        println!("  {line}");
    }
    println!();
}

fn print_sound(units: &[Unit<'_>], has_solutions: bool, dodges: usize, styles: &Styles) {
    println!(
        "{} {} exercises{}: each fails as designed{}; predict items sealed, each with one right choice; info.toml, files and manifest agree.",
        styles.ok.style("Kit is sound:"),
        units.iter().filter(|u| u.side == Side::Exercise).count(),
        if has_solutions {
            " and their solutions"
        } else {
            ""
        },
        if has_solutions {
            ", each solution passes, clippy-clean, within its time limit"
        } else {
            ""
        },
    );
    if dodges > 0 {
        println!("{dodges} dodges, every one rejected.");
    }
}

/// What is wrong with a unit's verdict, if anything.
fn judged_problem(unit: &Unit<'_>, verdict: &Verdict, styles: &Styles) -> Option<String> {
    let exercise = unit.exercise;
    let outcome = &verdict.outcome;
    let path = unit.rel_source();
    if matches!(unit.side, Side::Dodge(_)) && outcome.passed() {
        return Some(format!(
            "{path}: this shortcut passes `{}`: close it with a test or a constraint",
            exercise.name
        ));
    }
    if matches!(unit.side, Side::Dodge(_)) {
        return None;
    }
    if unit.side == Side::Solution {
        if !outcome.passed() {
            let details = verdict::details(
                outcome,
                &Styles {
                    color: styles.color,
                    ..Styles::default()
                },
            );
            return Some(format!(
                "{path}: the solution does not pass: {}\n{}",
                verdict::summary(outcome),
                indent(&details)
            ));
        }
        let limit = exercise.time_limit.as_secs_f64();
        if let Some(took) = verdict.run_time.map(|d| d.as_secs_f64())
            && took > limit * SOLUTION_TIME_SHARE
        {
            return Some(format!(
                "{path}: the solution ran {took:.2} s, more than a third of its {limit} s time limit; raise `time_limit`"
            ));
        }
        return None;
    }
    if exercise.skip_check_unsolved {
        return None;
    }
    match &exercise.fails_with {
        Some(designed) if !outcome.matches(designed) => Some(format!(
            "{path}: should fail with `{designed}` but {}",
            if outcome.passed() {
                "it passes".to_owned()
            } else {
                verdict::summary(outcome)
            }
        )),
        None if outcome.passed() => Some(format!(
            "{path}: passes as shipped; break it, or set `skip_check_unsolved = true`"
        )),
        _ => None,
    }
}

/// How a dodge fails, in a few words: which test, which constraint, which compile error.
fn how_it_fails(outcome: &crate::model::outcome::Outcome) -> String {
    use crate::model::outcome::Outcome;
    match outcome {
        Outcome::ConstraintViolated { violations } => {
            let rules: BTreeSet<&str> = violations.iter().map(|v| v.rule.as_str()).collect();
            format!(
                "constraint ({})",
                rules.into_iter().collect::<Vec<_>>().join(", ")
            )
        }
        Outcome::TestsFailed { failures, .. } => {
            let names: Vec<&str> = failures.iter().map(|f| f.name.as_str()).collect();
            format!("test ({})", names.join(", "))
        }
        other => verdict::summary(other),
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .take(30)
        .map(|l| format!("    {l}\n"))
        .collect()
}

/// Problems visible without building: missing files and hints, orphan files.
fn structural_problems(kit: &Kit) -> Vec<String> {
    let mut problems = Vec::new();
    let mut referenced = BTreeSet::new();
    for exercise in kit.exercises.iter().filter(|e| e.predict().is_none()) {
        let rel = exercise.rel_path();
        if !kit.path(&rel).is_file() {
            problems.push(format!(
                "{rel} is missing (listed in info.toml as `{}`)",
                exercise.name
            ));
        }
        if exercise.hints.iter().all(String::is_empty) {
            problems.push(format!("exercise `{}` has no hint", exercise.name));
        }
        referenced.insert(rel);
        referenced.insert(exercise.rel_solution_path());
    }
    for top in ["exercises", "solutions"] {
        for file in rust_files(&kit.root, top) {
            if !referenced.contains(&file) {
                problems.push(format!(
                    "{file} is not listed in info.toml: add it or delete it"
                ));
            }
        }
    }
    problems
}

/// What a graded run would hold against the shipped exercises and the solutions, as learner
/// code (a hand-written `PartialEq` the exercise does not list in `manual_impls`, `unsafe`
/// without `allow_unsafe`, …), and hidden test files that do not fit.
fn graded_problems(kit: &Kit) -> Vec<String> {
    let mut problems = Vec::new();
    for exercise in &kit.exercises {
        let Ok(shipped) = std::fs::read_to_string(kit.path(&exercise.rel_path())) else {
            continue;
        };
        let hidden_rel = graded::hidden_path(exercise);
        let hidden = std::fs::read_to_string(kit.path(&hidden_rel)).ok();
        let stage = Stage {
            exercise,
            shipped: &shipped,
            hidden: hidden.as_deref(),
            harness: "__rustskill_check",
        };
        for rel in [exercise.rel_path(), exercise.rel_solution_path()] {
            let Ok(text) = std::fs::read_to_string(kit.path(&rel)) else {
                continue;
            };
            match stage.graded(&text) {
                Err(e) => problems.push(format!("{hidden_rel}: {e:#}")),
                Ok(graded) if !graded.findings.is_empty() => problems.push(format!(
                    "{rel}: a graded run would call it tampered: {} (if that is the lesson, say so with `manual_impls` or `allow_unsafe` in info.toml)",
                    graded.findings.join("; ")
                )),
                Ok(_) => {}
            }
        }
    }
    for file in rust_files(&kit.root, graded::HIDDEN_DIR) {
        if !kit.exercises.iter().any(|e| graded::hidden_path(e) == file) {
            problems.push(format!(
                "{file} holds hidden tests of no exercise of info.toml"
            ));
        }
    }
    problems
}

/// Every `.rs` file under `root/top`, kit-relative with `/` separators.
fn rust_files(root: &Path, top: &str) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![root.join(top)];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && let Ok(rel) = path.strip_prefix(root)
            {
                files.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    files.sort();
    files
}
