//! Resets that can be undone: before exercises go back to their shipped versions, the
//! learner's files are kept in `.rustskill/backup/<time>/` (with a `backup.toml` saying which
//! files, and which exercises were solved); `undo` restores the newest backup not yet undone.
//! A reset is logged (the exercise is unsolved again), and so is its undoing.

use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::base::fsutil;
use crate::model::events::{Event, RecalledEvent, ResetEvent};
use crate::model::kit::{Exercise, Kit};
use crate::model::progress::Progress;
use crate::model::stamp::Origin;
use crate::model::status::Status;
use crate::model::time::Timestamp;
use crate::session::files::shipped_version;
use crate::session::record;

/// What a backup folder holds, in its `backup.toml`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    /// When the reset was made.
    time: Option<Timestamp>,
    /// The files kept, kit-relative.
    #[serde(default, rename = "file")]
    files: Vec<KeptFile>,
}

#[derive(Debug, Serialize, Deserialize)]
struct KeptFile {
    /// The exercise.
    exercise: String,
    /// Its file, kit-relative.
    path: String,
    /// Whether it was solved before the reset.
    solved: bool,
}

/// A backup made or restored.
#[derive(Debug)]
pub struct Backup {
    /// Its folder.
    pub dir: PathBuf,
    /// The exercises whose files it holds.
    pub exercises: Vec<String>,
}

/// The exercises of `candidates` whose files differ from their shipped versions (missing ones
/// included), with those versions.
pub fn changed<'k>(
    kit: &Kit,
    origin: Origin,
    candidates: &[&'k Exercise],
) -> Result<Vec<(&'k Exercise, Vec<u8>)>> {
    let mut changed = Vec::new();
    for &exercise in candidates {
        let shipped = shipped_version(kit, origin, exercise)?;
        let current = std::fs::read(kit.path(&exercise.rel_path())).ok();
        if current.as_deref() != Some(shipped.as_slice()) {
            changed.push((exercise, shipped));
        }
    }
    Ok(changed)
}

/// Resets `changed` (from [`changed`]) to their shipped versions, keeping the learner's files
/// in a new backup first, and logs the resets. `None` when there was nothing to reset.
pub fn reset(
    kit: &Kit,
    progress: &mut Progress,
    changed: &[(&Exercise, Vec<u8>)],
) -> Result<Option<Backup>> {
    if changed.is_empty() {
        return Ok(None);
    }
    let now = Timestamp::now();
    let exercises: Vec<&Exercise> = changed.iter().map(|(e, _)| *e).collect();
    let dir = keep(kit, progress, &exercises, now)?;
    let mut logged = Vec::new();
    for (exercise, shipped) in changed {
        fsutil::write_atomic(&kit.path(&exercise.rel_path()), shipped)?;
        let event = Event::Reset(ResetEvent {
            time: now,
            exercise: exercise.name.clone(),
        });
        progress.apply(&event);
        logged.push(event);
    }
    record::persist(kit, progress, &logged)?;
    Ok(Some(Backup {
        dir,
        exercises: changed.iter().map(|(e, _)| e.name.clone()).collect(),
    }))
}

/// Keeps the learner's files of `exercises` in a new backup folder, which it returns.
pub fn keep(
    kit: &Kit,
    progress: &Progress,
    exercises: &[&Exercise],
    now: Timestamp,
) -> Result<PathBuf> {
    let dir = new_backup_dir(kit, now)?;
    let mut manifest = Manifest {
        time: Some(now),
        files: Vec::new(),
    };
    for exercise in exercises {
        let rel = exercise.rel_path();
        if let Ok(current) = std::fs::read(kit.path(&rel)) {
            fsutil::write_atomic(&dir.join(&rel), &current)?;
        }
        manifest.files.push(KeptFile {
            exercise: exercise.name.clone(),
            path: rel,
            solved: progress.is_solved(&exercise.name),
        });
    }
    // The manifest last: a backup without one was interrupted, and is not offered to undo.
    fsutil::write_atomic(
        &dir.join("backup.toml"),
        toml::to_string(&manifest)?.as_bytes(),
    )?;
    Ok(dir)
}

/// Restores the newest backup not yet undone: the learner's files come back, and exercises
/// solved before the reset are solved again. Files changed since the reset are kept in a
/// backup of their own first, so undoing loses nothing either. `None` when there is none.
pub fn undo(kit: &Kit, progress: &mut Progress, origin: Origin) -> Result<Option<Backup>> {
    let Some((dir, manifest)) = newest(kit)? else {
        return Ok(None);
    };
    let touched: Vec<&Exercise> = manifest
        .files
        .iter()
        .filter_map(|f| kit.exercises.iter().find(|e| e.name == f.exercise))
        .collect();
    let edited_since = changed(kit, origin, &touched)?;
    let now = Timestamp::now();
    if !edited_since.is_empty() {
        let edited: Vec<&Exercise> = edited_since.iter().map(|(e, _)| *e).collect();
        // Marked undone at once: undo again would otherwise restore these edits.
        let kept = keep(kit, progress, &edited, now)?;
        std::fs::rename(&kept, kept.with_extension("undone"))?;
    }
    let mut logged = Vec::new();
    for file in &manifest.files {
        let kept = dir.join(&file.path);
        match std::fs::read(&kept) {
            Ok(contents) => fsutil::write_atomic(&kit.path(&file.path), &contents)?,
            // The learner had deleted it: deleted it is again.
            Err(_) => {
                let _ = std::fs::remove_file(kit.path(&file.path));
            }
        }
        if file.solved {
            let event = Event::Recalled(RecalledEvent {
                time: now,
                exercise: file.exercise.clone(),
                outcome: Status::Passed,
            });
            progress.apply(&event);
            logged.push(event);
        }
    }
    record::persist(kit, progress, &logged)?;
    let undone = dir.with_extension("undone");
    std::fs::rename(&dir, &undone)
        .with_context(|| format!("failed to mark {} as undone", dir.display()))?;
    Ok(Some(Backup {
        dir: undone,
        exercises: manifest.files.into_iter().map(|f| f.exercise).collect(),
    }))
}

fn backups_dir(kit: &Kit) -> PathBuf {
    kit.state_dir().join("backup")
}

/// A fresh folder named after `now` (`2026-12-01T10-50-33Z`, with `-2`… when taken).
fn new_backup_dir(kit: &Kit, now: Timestamp) -> Result<PathBuf> {
    let base = now.to_string().replace(':', "-");
    let root = backups_dir(kit);
    for n in 1.. {
        let name = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let dir = root.join(&name);
        if !dir.exists() && !dir.with_extension("undone").exists() {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("failed to create {}", dir.display()))?;
            return Ok(dir);
        }
    }
    unreachable!("some name is free")
}

/// The newest complete backup not yet undone.
fn newest(kit: &Kit) -> Result<Option<(PathBuf, Manifest)>> {
    let root = backups_dir(kit);
    let Ok(entries) = std::fs::read_dir(&root) else {
        return Ok(None);
    };
    let mut found: Vec<(Timestamp, PathBuf, Manifest)> = Vec::new();
    for entry in entries.flatten() {
        let dir = entry.path();
        if dir.extension().is_some_and(|e| e == "undone") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(dir.join("backup.toml")) else {
            continue;
        };
        let manifest: Manifest = toml::from_str(&text)
            .with_context(|| format!("{} is damaged", dir.join("backup.toml").display()))?;
        if let Some(time) = manifest.time {
            found.push((time, dir, manifest));
        }
    }
    found.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    Ok(found.pop().map(|(_, dir, manifest)| (dir, manifest)))
}
