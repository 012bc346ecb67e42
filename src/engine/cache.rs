//! The verdict cache. Cargo never caches a failed compile, so without this every `verify` and
//! every launch would recompile every still-broken exercise. A verdict is reused only while
//! its key matches: a hash of the exercise source, the manifest, the toolchain, the tool's
//! version and how the exercise is judged.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::base::fsutil;
use crate::model::outcome::Outcome;

/// Bumped whenever the stored shape of an [`Outcome`] changes.
const CACHE_FORMAT: u32 = 4;

#[derive(Default, Serialize, Deserialize)]
struct CacheFile {
    format: u32,
    entries: HashMap<String, Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    key: String,
    outcome: Outcome,
    run_secs: Option<f64>,
}

/// Verdicts by target name, loaded from and saved to the tool's target folder.
pub struct VerdictCache {
    path: PathBuf,
    file: CacheFile,
    dirty: bool,
}

impl VerdictCache {
    /// Loads the cache; a missing or unreadable one is simply empty.
    pub fn load(target_dir: &Path) -> VerdictCache {
        let path = target_dir.join("verdicts.json");
        let file = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|f| f.format == CACHE_FORMAT)
            .unwrap_or(CacheFile {
                format: CACHE_FORMAT,
                entries: HashMap::new(),
            });
        VerdictCache {
            path,
            file,
            dirty: false,
        }
    }

    /// The cached outcome for `target`, if its key still matches.
    pub fn get(&self, target: &str, key: &str) -> Option<(&Outcome, Option<Duration>)> {
        let entry = self.file.entries.get(target).filter(|e| e.key == key)?;
        Some((&entry.outcome, entry.run_secs.map(Duration::from_secs_f64)))
    }

    /// Records an outcome and how long the run took.
    pub fn put(&mut self, target: &str, key: String, outcome: Outcome, run_time: Option<Duration>) {
        let run_secs = run_time.map(|d| d.as_secs_f64());
        self.file.entries.insert(
            target.to_owned(),
            Entry {
                key,
                outcome,
                run_secs,
            },
        );
        self.dirty = true;
    }

    /// Writes the cache back if anything changed.
    pub fn save(&mut self) -> Result<()> {
        if self.dirty {
            fsutil::write_atomic_unsynced(&self.path, &serde_json::to_vec(&self.file)?)?;
            self.dirty = false;
        }
        Ok(())
    }
}
