//! The session: a kit opened with the learner's progress, the rules it is worked under
//! (practice, or a timed assessment), and recording what the judge says. Above the engine;
//! the commands, watch mode and assessments all work through it.

pub mod answering;
pub mod backup;
pub mod files;
pub mod judging;
pub mod record;
pub mod review;
pub mod rules;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::model::embedded;
use crate::model::events;
use crate::model::kit::{Exercise, Kit};
use crate::model::manifest::shown_path;
use crate::model::progress::{Loaded, Progress};
use crate::model::stamp::{Origin, Stamp};
use rules::Rules;

/// Something the learner should know about the kit they opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// For information (an older kit version).
    Note(String),
    /// Something was wrong and is being put right (a lost progress file).
    Warning(String),
}

/// An open kit with the learner's progress.
pub struct Session {
    /// The kit.
    pub kit: Kit,
    /// The progress read from (and saved to) `.rustskill/progress.toml`.
    pub progress: Progress,
    /// Where the kit's files came from.
    pub origin: Origin,
    /// The rules it is worked under.
    pub rules: Rules,
}

impl Session {
    /// Opens the kit and its progress, telling `notify` what the learner should know. A
    /// missing or corrupt progress file is rebuilt from the events log, the record of truth;
    /// opening never judges anything.
    pub fn open(kit_dir: Option<&Path>, notify: &mut dyn FnMut(Notice)) -> Result<Session> {
        let kit = Kit::discover(kit_dir)?;
        let stamp = Stamp::load(&kit);
        if let Some(notice) = stamp.as_ref().and_then(|s| old_kit(&kit, s)) {
            notify(notice);
        }
        let origin = Stamp::origin(stamp.as_ref());
        let path = Progress::path(&kit);
        let problem = match Progress::load(&path) {
            Loaded::Ok(progress) => {
                return Ok(Session {
                    kit,
                    progress,
                    origin,
                    rules: Rules::Practice,
                });
            }
            Loaded::Missing => format!("no progress file at {}", shown_path(&kit, &path)),
            Loaded::Corrupt(why) => format!("the progress file is unreadable ({why})"),
        };
        let log = events::path(&kit);
        let (events, warnings) = events::read_all(&log);
        for warning in warnings {
            notify(Notice::Warning(warning));
        }
        let progress = Progress::from_events(&kit, &events);
        notify(Notice::Warning(if events.is_empty() {
            format!(
                "{problem}, and {} holds no record yet: starting afresh (`cargo rustskill verify` \
                 judges every exercise)",
                shown_path(&kit, &log)
            )
        } else {
            let plural = if events.len() == 1 { "" } else { "s" };
            format!(
                "{problem}; rebuilt it from {} ({} event{plural})",
                shown_path(&kit, &log),
                events.len()
            )
        }));
        progress.save(&kit)?;
        Ok(Session {
            kit,
            progress,
            origin,
            rules: Rules::Practice,
        })
    }

    /// The exercise `name`, or the current one.
    pub fn exercise(&self, name: Option<&str>) -> Result<&Exercise> {
        match name {
            Some(name) => self.kit.find(name),
            None => match self
                .kit
                .exercises
                .get(self.progress.current_index(&self.kit))
            {
                Some(exercise) => Ok(exercise),
                None => anyhow::bail!("this kit has no exercises; add some to info.toml"),
            },
        }
    }

    /// The solution of a passed exercise (see [`files::reveal_solution`]).
    pub fn reveal_solution(&self, exercise: &Exercise) -> Result<Option<PathBuf>> {
        files::reveal_solution(&self.kit, self.origin, exercise)
    }
}

/// A note when the kit came from an older version of the built-in kit.
fn old_kit(kit: &Kit, stamp: &Stamp) -> Option<Notice> {
    let ours = embedded::kit_version();
    let old = stamp.embedded
        && stamp.kit_name == kit.info.kit_name
        && ours.as_deref() != Some(stamp.kit_version.as_str());
    old.then(|| {
        Notice::Note(format!(
            "this kit is version {} (written by cargo-rustskill {}); this tool carries version {}. \
             Your work is untouched; `cargo rustskill upgrade` brings in the new version, keeping \
             your code and progress.",
            stamp.kit_version,
            stamp.tool_version,
            ours.unwrap_or_else(|| "unknown".into())
        ))
    })
}
