//! The predict items of a kit's source repository: `dev sync` seals each `predict/<dir>/<name>.toml`
//! into its `info.toml` entry (finding a tracing item's right choice by compiling its program),
//! and `dev check` checks that every entry is sealed from its current source, that exactly one
//! choice is right, that the seal opens with that choice only, and that no shipped file holds
//! an explanation in plain text.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::base::fsutil;
use crate::engine::cargo::CargoEnv;
use crate::engine::judge::Cache;
use crate::engine::predict::Tracer;
use crate::engine::process::Cancel;
use crate::model::info::KitInfo;
use crate::model::kit::{Exercise, Kit};
use crate::model::predict::{Behaviour, QuestionType};
use crate::model::predict_source::{
    self, Block, PREDICT_DIR, PredictSource, Seal, render_entry, source_path,
};
use crate::session::answering::{self, Truth};

/// One item's block and source.
struct Item {
    block: Block,
    source: PredictSource,
    path: String,
}

/// Seals every predict entry of the kit at `root` from its source; returns whether
/// `info.toml` changed. Adds a `predict_salt` where the kit has none.
pub fn seal_kit(root: &Path) -> Result<bool> {
    let info_path = root.join("info.toml");
    let original = std::fs::read_to_string(&info_path)
        .with_context(|| format!("failed to read {}", info_path.display()))?;
    let mut text = with_salt(&original, root);
    let items = read_items(root, &text)?;
    if items.is_empty() {
        return write_if_changed(&info_path, &original, &text);
    }
    let salt = salt_of(&text)?;
    // First with any right choice, to load the kit and run the tracing programs.
    let draft = replace_entries(&text, &items, |item| {
        let right = item.source.right.map_or(0, |r| r - 1);
        render(item, &salt, right, None)
    });
    let kit = Kit::from_info(root.to_path_buf(), KitInfo::parse(&draft, &info_path)?);
    let rights = right_choices(&kit, &items)?;
    let mut fixes = Vec::new();
    for item in &items {
        fixes.push(fix_source(&kit, item)?);
    }
    text = replace_entries(&text, &items, |item| {
        let i = items
            .iter()
            .position(|x| x.block.name == item.block.name)
            .expect("one of them");
        render(item, &salt, rights[i], fixes[i].clone())
    });
    KitInfo::parse(&text, &info_path)?;
    write_if_changed(&info_path, &original, &text)
}

fn write_if_changed(path: &Path, before: &str, after: &str) -> Result<bool> {
    if before == after {
        return Ok(false);
    }
    fsutil::write_atomic(path, after.as_bytes())?;
    Ok(true)
}

fn render(item: &Item, salt: &str, right: usize, fix_source: Option<String>) -> String {
    let seal = Seal {
        salt,
        right,
        fix_source,
    };
    render_entry(
        &item.block.name,
        item.block.dir.as_deref(),
        &item.source,
        &seal,
    )
}

/// The text with each item's block replaced by `make(item)`.
fn replace_entries(text: &str, items: &[Item], make: impl Fn(&Item) -> String) -> String {
    let mut out = text.to_owned();
    for item in items.iter().rev() {
        out.replace_range(item.block.range.clone(), &make(item));
    }
    out
}

/// The text with a `predict_salt` line, added after `format_version` where missing.
fn with_salt(text: &str, root: &Path) -> String {
    if salt_of(text).is_ok() || !predict_source::blocks(text).iter().any(|b| b.predict) {
        return text.to_owned();
    }
    let seed = format!(
        "{:?}{}{}",
        std::time::SystemTime::now(),
        std::process::id(),
        root.display()
    );
    let salt = &blake3::hash(seed.as_bytes()).to_hex()[..32];
    let line = format!(
        "# Salts the predict items' answer hashes and seals (`dev sync` wrote it; keep it).\npredict_salt = \"{salt}\"\n"
    );
    match text.find("format_version") {
        Some(at) => {
            let end = text[at..].find('\n').map_or(text.len(), |n| at + n + 1);
            format!("{}{line}{}", &text[..end], &text[end..])
        }
        None => format!("{line}{text}"),
    }
}

fn salt_of(text: &str) -> Result<String> {
    let table: toml::Table = toml::from_str(text).context("info.toml does not parse")?;
    match table.get("predict_salt").and_then(|v| v.as_str()) {
        Some(salt) if !salt.is_empty() => Ok(salt.to_owned()),
        _ => bail!("info.toml has no predict_salt"),
    }
}

/// The predict blocks of `text`, each with its source read and checked.
fn read_items(root: &Path, text: &str) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    for block in predict_source::blocks(text)
        .into_iter()
        .filter(|b| b.predict)
    {
        let path = source_path(block.dir.as_deref(), &block.name);
        let sealed = text[block.range.clone()].contains("[exercises.predict]");
        if sealed && !root.join(&path).is_file() {
            // A kit without its sources (a learner's or an instructor's copy): kept as sealed.
            continue;
        }
        let source_text = std::fs::read_to_string(root.join(&path)).with_context(|| {
            format!(
                "predict item `{}` has no source at {path}: write it (see KIT_FORMAT.md)",
                block.name
            )
        })?;
        let source = PredictSource::parse(&source_text, Path::new(&path))?;
        items.push(Item {
            block,
            source,
            path,
        });
    }
    Ok(items)
}

/// The right choice of each item: a choice item's `right`, a tracing item's only true claim.
fn right_choices(kit: &Kit, items: &[Item]) -> Result<Vec<usize>> {
    let tracing: Vec<&Exercise> = items
        .iter()
        .filter(|i| i.source.question_type == QuestionType::Tracing)
        .map(|i| kit.find(&i.block.name))
        .collect::<Result<_>>()?;
    let behaviours = if tracing.is_empty() {
        Vec::new()
    } else {
        Tracer::new(kit, CargoEnv::Inherited, Cache::Use).behaviours(&tracing, &Cancel::new())?
    };
    let mut rights = Vec::new();
    for item in items {
        let right = match item.source.right {
            Some(r) => r - 1,
            None => {
                let at = tracing
                    .iter()
                    .position(|e| e.name == item.block.name)
                    .expect("a tracing item");
                let exercise = tracing[at];
                let holding = exercise
                    .predict()
                    .expect("a predict item")
                    .holding(&behaviours[at]);
                match holding.as_slice() {
                    [one] => *one,
                    _ => bail!(
                        "{}: exactly one claim must hold, but {} do{}; the program {}",
                        item.path,
                        holding.len(),
                        if holding.len() == 1 { "es" } else { "" },
                        describe(&behaviours[at])
                    ),
                }
            }
        };
        rights.push(right);
    }
    Ok(rights)
}

/// What a program did, for the author.
pub fn describe(behaviour: &Behaviour) -> String {
    match behaviour {
        Behaviour::CompileError(first) => format!(
            "fails to compile, first with {} at line {}: {}",
            first.code.as_deref().unwrap_or("an error without a code"),
            first.line.map_or("?".into(), |l| l.to_string()),
            first.message
        ),
        Behaviour::Exited {
            code,
            stdout,
            stderr,
        } => format!("exits with {code}, printing {stdout:?} (stderr {stderr:?})"),
        Behaviour::Abnormal(why) => why.clone(),
    }
}

/// The shipped file of an item's fix exercise, sealed into it.
fn fix_source(kit: &Kit, item: &Item) -> Result<Option<String>> {
    let Some(fix) = &item.source.then_fix else {
        return Ok(None);
    };
    let exercise = kit
        .find(fix)
        .with_context(|| format!("{}: `then_fix = \"{fix}\"`", item.path))?;
    let rel = exercise.rel_path();
    std::fs::read_to_string(kit.path(&rel))
        .map(Some)
        .with_context(|| format!("{}: the fix exercise's file {rel} is missing", item.path))
}

/// `dev check`'s problems with the predict items of `kit`.
pub fn problems(kit: &Kit) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let info_text = std::fs::read_to_string(kit.path("info.toml"))?;
    let items = match read_items(&kit.root, &info_text) {
        Ok(items) => items,
        Err(e) => return Ok(vec![format!("{e:#}")]),
    };
    let rights = match right_choices(kit, &items) {
        Ok(rights) => rights,
        Err(e) => return Ok(vec![format!("{e:#}")]),
    };
    let shipped = shipped_text(kit, &info_text);
    for (item, &right) in items.iter().zip(&rights) {
        let exercise = kit.find(&item.block.name)?;
        let predict = exercise.predict().expect("a predict item");
        let name = &exercise.name;
        let fix = fix_source(kit, item).unwrap_or(None);
        let expected = render(item, kit.salt(), right, fix);
        if info_text[item.block.range.clone()] != expected {
            problems.push(format!(
                "predict item `{name}` is not sealed from the current {} (or from this compiler's truth): run `cargo rustskill dev sync`",
                item.path
            ));
        }
        if predict.question_type == QuestionType::Choice
            && predict.hashed_right(kit.salt(), name) != Some(right)
        {
            problems.push(format!(
                "choice item `{name}`: its answer hash does not single out choice {}",
                right + 1
            ));
        }
        if predict.opening_choices(kit.salt(), name) != vec![right] {
            problems.push(format!(
                "predict item `{name}`: its seal must open with its right choice only"
            ));
        }
        // What the learner sees before answering (the question, the choices) may be quoted.
        let shown: Vec<&str> = item
            .source
            .choices
            .iter()
            .map(|c| c.text.as_str())
            .chain([item.source.question.as_str()])
            .chain(item.source.program.as_deref())
            .collect();
        for text in item
            .source
            .choices
            .iter()
            .map(|c| c.why.as_str())
            .chain(item.source.explanation.as_deref())
        {
            if let Some(line) = revealing_line(text, &shipped, &shown) {
                problems.push(format!(
                    "predict item `{name}`: a shipped file holds its explanation in plain text ({line:?})"
                ));
            }
        }
    }
    problems.extend(sourceless_problems(kit, &items)?);
    problems.extend(orphan_sources(kit));
    Ok(problems)
}

/// Items sealed in `info.toml` without a source here (a copy of a kit, not its repository):
/// exactly one choice is right with this compiler, and the seal opens with it only.
fn sourceless_problems(kit: &Kit, items: &[Item]) -> Result<Vec<String>> {
    let sourceless: Vec<&Exercise> = kit
        .exercises
        .iter()
        .filter(|e| e.predict().is_some() && !items.iter().any(|i| i.block.name == e.name))
        .collect();
    if sourceless.is_empty() {
        return Ok(Vec::new());
    }
    let truths = answering::truths(
        kit,
        &sourceless,
        CargoEnv::Inherited,
        Cache::Use,
        &Cancel::new(),
    )?;
    let mut problems = Vec::new();
    for (exercise, truth) in sourceless.iter().zip(truths) {
        let item = exercise.predict().expect("a predict item");
        match truth {
            Truth::Right(right)
                if item.opening_choices(kit.salt(), &exercise.name) == vec![right] => {}
            Truth::Right(_) => problems.push(format!(
                "predict item `{}`: its seal must open with its right choice only",
                exercise.name
            )),
            Truth::Unknown(why) => {
                problems.push(format!("predict item `{}`: {why}", exercise.name))
            }
        }
    }
    Ok(problems)
}

/// A line of `text` (long enough to be telling) that appears in `shipped`, other than what
/// the learner is shown anyway.
fn revealing_line<'t>(text: &'t str, shipped: &str, shown: &[&str]) -> Option<&'t str> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.len() >= 40 && !shown.iter().any(|s| s.contains(*l)))
        .find(|l| shipped.contains(l))
}

/// Everything a learner's kit receives, as text: `info.toml` and the exercise files.
fn shipped_text(kit: &Kit, info_text: &str) -> String {
    let mut all = info_text.to_owned();
    for exercise in &kit.exercises {
        if let Ok(text) = std::fs::read_to_string(kit.path(&exercise.rel_path())) {
            all.push_str(&text);
        }
    }
    all
}

/// Sources under `predict/` that no `info.toml` entry seals.
fn orphan_sources(kit: &Kit) -> Vec<String> {
    let listed: BTreeSet<String> = kit
        .exercises
        .iter()
        .filter(|e| e.predict().is_some())
        .map(|e| source_path(e.dir.as_deref(), &e.name))
        .collect();
    let mut orphans = Vec::new();
    let mut stack = vec![kit.path(PREDICT_DIR)];
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
                if rel.ends_with(".toml") && !listed.contains(&rel) {
                    orphans.push(format!(
                        "{rel} has no entry in info.toml: add `[[exercises]] name = \"…\" dir = \"…\" kind = \"predict\"` where it belongs, then `dev sync`"
                    ));
                }
            }
        }
    }
    orphans.sort();
    orphans
}
