//! A review round: fresh copies of what the queue has due, in `review/` under the kit (the
//! practice files untouched, as in an assessment), predict items asked again with their choices
//! shuffled (and sealed again for the new order), judged the same way; at the end each result
//! is an event (`by: review`) in the kit's log, which the schedule reads.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::base::fsutil;
use crate::engine::cargo::CargoEnv;
use crate::engine::judge::{Cache, Judge};
use crate::engine::process::Cancel;
use crate::model::answers::Answers;
use crate::model::events::{self, AttemptEvent, Event, JudgedBy};
use crate::model::kit::{Exercise, Kit, STATE_DIR};
use crate::model::manifest::{self, Flavor};
use crate::model::outcome::Outcome;
use crate::model::predict::{self, Unsealed};
use crate::model::progress::{Loaded, Progress};
use crate::model::stamp::Stamp;
use crate::model::status::Status;
use crate::model::time::Timestamp;
use crate::session::answering;
use crate::session::files::shipped_version;
use crate::session::judging::judge_and_record;
use crate::session::rules::REVIEW_STATE;

/// Where a review round lives, under the kit.
pub const REVIEW_DIR: &str = "review";

/// What a round stores when it starts.
#[derive(Debug, Serialize, Deserialize)]
pub struct Round {
    /// When it started.
    pub started: Timestamp,
    /// What it reviews.
    pub exercises: Vec<String>,
}

/// The round's folder of `kit`.
pub fn dir(kit: &Kit) -> PathBuf {
    kit.root.join(REVIEW_DIR)
}

/// The round in progress, if any.
pub fn in_progress(kit: &Kit) -> Option<Round> {
    let text = std::fs::read_to_string(dir(kit).join(STATE_DIR).join(REVIEW_STATE)).ok()?;
    toml::from_str(&text).ok()
}

/// Writes `review/`: fresh copies of `names`, predict items with their choices shuffled by
/// `seed`.
pub fn start(kit: &Kit, names: &[String], seed: u64, now: Timestamp) -> Result<Round> {
    let folder = dir(kit);
    let origin = Stamp::origin(Stamp::load(kit).as_ref());
    let text = std::fs::read_to_string(kit.root.join("info.toml"))?;
    let mut table: toml::Table = toml::from_str(&text)?;
    let all = table
        .remove("exercises")
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default();
    let mut picked = Vec::new();
    for name in names {
        let exercise = kit.find(name)?;
        let Some(mut entry) = all
            .iter()
            .find(|e| e.get("name").and_then(|n| n.as_str()) == Some(name.as_str()))
            .cloned()
        else {
            continue;
        };
        if let Some(entry) = entry.as_table_mut() {
            entry.remove("assessment_only");
            if exercise.predict().is_some() {
                shuffle_item(kit, exercise, entry, seed)?;
            }
        }
        picked.push(entry);
    }
    table.insert("exercises".into(), toml::Value::Array(picked));
    table.remove("assessments");
    table.insert("write_solutions".into(), false.into());
    table.insert(
        "kit_name".into(),
        format!("{} review", kit.info.kit_name).into(),
    );
    table.insert(
        "welcome_message".into(),
        "A review of what you found hard before: fresh copies, judged as before. A predict item takes one answer (its choices are in a new order). `q` ends the round and records it."
            .into(),
    );
    table.remove("final_message");
    // The file watcher watches `exercises/`, even in a round of predict items only.
    std::fs::create_dir_all(folder.join("exercises"))?;
    fsutil::write_atomic(
        &folder.join("info.toml"),
        toml::to_string(&table)?.as_bytes(),
    )?;
    let small = Kit::load(&folder)?;
    for exercise in small.exercises.iter().filter(|e| e.predict().is_none()) {
        let shipped = shipped_version(kit, origin, kit.find(&exercise.name)?)?;
        fsutil::write_atomic(&small.path(&exercise.rel_path()), &shipped)?;
    }
    fsutil::write_atomic(
        &folder.join("Cargo.toml"),
        manifest::render(&small, Flavor::Learner).as_bytes(),
    )?;
    if let Ok(lock) = std::fs::read(manifest::package_dir(kit).join("Cargo.lock")) {
        fsutil::write_atomic(&folder.join("Cargo.lock"), &lock)?;
    }
    fsutil::write_atomic(&folder.join(".gitignore"), b"target/\n")?;
    let progress = Progress {
        current: small.exercises.first().map(|e| e.name.clone()),
        ..Progress::default()
    };
    progress.save(&small)?;
    let round = Round {
        started: now,
        exercises: names.to_vec(),
    };
    fsutil::write_atomic(
        &small.state_dir().join(REVIEW_STATE),
        toml::to_string(&round)?.as_bytes(),
    )?;
    Ok(round)
}

/// Puts an item's choices in a new order and seals it again for that order (the tool knows
/// the right choice: it finds it as it does to judge).
fn shuffle_item(kit: &Kit, exercise: &Exercise, entry: &mut toml::Table, seed: u64) -> Result<()> {
    let item = exercise.predict().expect("a predict item");
    let truths = answering::truths(
        kit,
        &[exercise],
        CargoEnv::Inherited,
        Cache::Use,
        &Cancel::new(),
    )?;
    let right = truths[0].right(&exercise.name)?;
    let unsealed = answering::unseal(kit, exercise, right)?;
    let n = item.choices.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|i| {
        blake3::hash(format!("{seed}\0{}\0{i}", exercise.name).as_bytes())
            .to_hex()
            .to_string()
    });
    // The right choice always moves, so a remembered position is no help.
    if order.iter().position(|&i| i == right) == Some(right) {
        order.rotate_left(1);
    }
    let new_right = order
        .iter()
        .position(|&i| i == right)
        .expect("a permutation");
    let choices: Vec<toml::Value> = order
        .iter()
        .map(|&i| toml::Value::try_from(&item.choices[i]).expect("a choice serialises"))
        .collect();
    let resealed = Unsealed {
        whys: order
            .iter()
            .map(|&i| unsealed.whys.get(i).cloned().unwrap_or_default())
            .collect(),
        explanation: unsealed.explanation.clone(),
        fix_source: None,
    };
    let salt = kit.salt();
    let text = &item.choices[right].text;
    let Some(table) = entry.get_mut("predict").and_then(|p| p.as_table_mut()) else {
        return Ok(());
    };
    table.insert("choices".into(), toml::Value::Array(choices));
    table.insert(
        "sealed".into(),
        predict::seal(salt, &exercise.name, new_right, text, &resealed).into(),
    );
    if item.answer_hash.is_some() {
        table.insert(
            "answer_hash".into(),
            predict::answer_hash(salt, &exercise.name, new_right, text).into(),
        );
    }
    table.remove("then_fix");
    Ok(())
}

/// One reviewed exercise or item, and whether it was passed first time (no hint, and for a
/// predict item its one answer right).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reviewed {
    /// Its name.
    pub name: String,
    /// Whether the review was passed.
    pub passed: bool,
}

/// Judges the round once more, logs each result in the kit's events log at `now`, and removes
/// `review/`.
pub fn finish(kit: &Kit, now: Timestamp) -> Result<Vec<Reviewed>> {
    let folder = dir(kit);
    let small = Kit::load(&folder)?;
    let mut progress = match Progress::load(&Progress::path(&small)) {
        Loaded::Ok(p) => p,
        _ => Progress::default(),
    };
    let judge = Judge::new(&small, Cache::Use)?;
    let all: Vec<&Exercise> = small.exercises.iter().collect();
    let judged = judge_and_record(
        &small,
        &mut progress,
        &judge,
        &all,
        JudgedBy::Review,
        &mut |_| {},
    )?;
    let mut reviewed = Vec::new();
    let mut log = Vec::new();
    for (exercise, judged) in small.exercises.iter().zip(&judged) {
        let outcome = judged.verdict().map(|v| &v.outcome);
        let hints = progress
            .exercises
            .iter()
            .find(|e| e.name == exercise.name)
            .map_or(0, |e| e.hints);
        let first_time = match outcome {
            Some(Outcome::AnsweredRight { tries: 1 }) => true,
            Some(o) if exercise.predict().is_none() => o.passed(),
            _ => false,
        };
        let passed = first_time && hints == 0;
        log.push(AttemptEvent {
            time: now,
            exercise: exercise.name.clone(),
            outcome: if passed {
                Status::Passed
            } else {
                Status::Failed
            },
            codes: outcome.map(Outcome::error_codes).unwrap_or_default(),
            by: JudgedBy::Review,
            choice: None,
            hints: Some(hints),
        });
        reviewed.push(Reviewed {
            name: exercise.name.clone(),
            passed,
        });
    }
    let log: Vec<Event> = log.into_iter().map(Event::Attempt).collect();
    events::append(kit, &log)?;
    let archive = kit
        .state_dir()
        .join("reviews")
        .join(now.to_string().replace(':', "-"));
    if let Ok(answers) = std::fs::read(Answers::path(&small)) {
        fsutil::write_atomic(&archive.join("answers.toml"), &answers)?;
    }
    remove(&folder)?;
    Ok(reviewed)
}

fn remove(folder: &Path) -> Result<()> {
    std::fs::remove_dir_all(folder)
        .with_context(|| format!("failed to remove {}", folder.display()))
}
