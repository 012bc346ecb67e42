//! One module per subcommand, and what they share: opening the kit with its progress, and
//! judging exercises while recording the attempts.

mod dev;
mod grade;
mod hint;
mod init;
mod list;
mod report;
pub mod reset;
mod run;
mod verify;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::app::cli::{Cli, Command, DevCommand};
use crate::app::exit_codes;
use crate::engine::judge::{Judge, Progress as JudgeProgress, Unit, Verdict};
use crate::engine::process::Cancel;
use crate::model::embedded;
use crate::model::events::{self, AttemptEvent, JudgedBy};
use crate::model::kit::{Exercise, Kit};
use crate::model::progress::{Loaded, Progress};
use crate::model::stamp::Stamp;
use crate::model::time::Timestamp;
use crate::outputs::style::Styles;

/// Runs the command the user asked for and returns the exit code.
pub fn run(cli: Cli, styles: &Styles) -> Result<u8> {
    let kit_dir = cli.kit.as_deref();
    match cli.command {
        Some(Command::Init { dir, ci }) => init::run(&dir, ci, styles),
        Some(Command::List { json }) => list::run(&Session::open(kit_dir, styles)?, json, styles),
        Some(Command::Run { name }) => run::run(
            &mut Session::open(kit_dir, styles)?,
            name.as_deref(),
            styles,
        ),
        Some(Command::Hint { name }) => hint::run(
            &mut Session::open(kit_dir, styles)?,
            name.as_deref(),
            styles,
        ),
        Some(Command::Reset { name, yes }) => {
            reset::run(&Session::open(kit_dir, styles)?, &name, yes, styles)
        }
        Some(Command::Verify(args)) => verify::run(kit_dir, &args, styles),
        Some(Command::Grade {
            learners,
            format,
            output,
            time_limit,
        }) => grade::run(
            kit_dir,
            &learners,
            format,
            output.as_deref(),
            time_limit,
            styles,
        ),
        Some(Command::Report {
            paths,
            format,
            output,
        }) => report::run(&paths, format, output.as_deref(), styles),
        Some(Command::Assess(args)) => crate::app::assess::run(kit_dir, &args, styles),
        Some(Command::Dev(DevCommand::New { path })) => {
            dev::new(&Kit::discover(kit_dir)?, &path, styles)
        }
        Some(Command::Dev(DevCommand::Sync)) => dev::sync(&Kit::discover(kit_dir)?, styles),
        Some(Command::Dev(DevCommand::Check { no_cache, only })) => {
            dev::check(&Kit::discover(kit_dir)?, no_cache, &only, styles)
        }
        None => {
            use std::io::IsTerminal;
            if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
                eprintln!(
                    "watch mode needs a terminal. Outside one, use `cargo rustskill run [NAME]` for one \
                     exercise or `cargo rustskill verify` for all of them."
                );
                return Ok(exit_codes::USAGE_OR_TOOL_ERROR);
            }
            crate::app::watch::run(Session::open(kit_dir, styles)?, cli.watch.poll, styles)
        }
    }
}

/// An open kit with the learner's progress.
pub struct Session {
    /// The kit.
    pub kit: Kit,
    /// The progress read from (and saved to) `.rustskill/progress.toml`.
    pub progress: Progress,
    /// Whether the kit was written from the tool's built-in kit.
    pub embedded: bool,
}

impl Session {
    /// Opens the kit and its progress. A missing or corrupt progress file is rebuilt from the
    /// exercises' real state (by judging them), with a warning.
    pub fn open(kit_dir: Option<&Path>, styles: &Styles) -> Result<Session> {
        let kit = Kit::discover(kit_dir)?;
        let stamp = Stamp::load(&kit);
        if let Some(stamp) = &stamp {
            warn_if_old(&kit, stamp, styles);
        }
        let embedded = stamp.is_some_and(|s| s.embedded);
        let path = Progress::path(&kit);
        let problem = match Progress::load(&path) {
            Loaded::Ok(progress) => {
                return Ok(Session {
                    kit,
                    progress,
                    embedded,
                });
            }
            Loaded::Missing => format!(
                "no progress file at {}",
                crate::model::manifest::shown_path(&kit, &path)
            ),
            Loaded::Corrupt(why) => format!("the progress file is unreadable ({why})"),
        };
        eprintln!(
            "{} {problem}; judging every exercise to rebuild it from their real state…",
            styles.warn.style("warning:")
        );
        let mut session = Session {
            kit,
            progress: Progress::default(),
            embedded,
        };
        let judge = Judge::new(&session.kit, true)?;
        let all: Vec<&Exercise> = session.kit.exercises.iter().collect();
        let verdicts = judge_and_record(
            &session.kit,
            &mut session.progress,
            &judge,
            &all,
            JudgedBy::Rebuild,
            &mut |_| {},
        )?;
        for (exercise, verdict) in session.kit.exercises.iter().zip(&verdicts) {
            if verdict.outcome.passed() {
                session.progress.entry(&exercise.name).solved = true;
            }
        }
        session.progress.current = session
            .progress
            .next_unsolved(&session.kit, 0)
            .map(|i| session.kit.exercises[i].name.clone());
        session.progress.save(&session.kit)?;
        Ok(session)
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

    /// The solution of a passed exercise (see [`reveal_solution`]).
    pub fn reveal_solution(&self, exercise: &Exercise) -> Result<Option<PathBuf>> {
        reveal_solution(&self.kit, self.embedded, exercise)
    }
}

/// The solution of a passed exercise: its path, writing it from the built-in kit first where
/// the kit allows. `None` when there is none to show.
pub fn reveal_solution(kit: &Kit, embedded: bool, exercise: &Exercise) -> Result<Option<PathBuf>> {
    let rel = exercise.rel_solution_path();
    let path = kit.path(&rel);
    if path.is_file() {
        return Ok(Some(path));
    }
    if !embedded || !kit.info.write_solutions {
        return Ok(None);
    }
    match embedded::file(&rel) {
        Some(contents) => {
            crate::base::fsutil::write_atomic(&path, contents)?;
            Ok(Some(path))
        }
        None => Ok(None),
    }
}

/// Judges the learner's versions of `exercises` and records the verdicts (see
/// [`record_verdicts`]). Cancelling is for watch mode, which judges on its own threads.
pub fn judge_and_record(
    kit: &Kit,
    progress: &mut Progress,
    judge: &Judge<'_>,
    exercises: &[&Exercise],
    by: JudgedBy,
    on_progress: &mut dyn FnMut(JudgeProgress<'_>),
) -> Result<Vec<Verdict>> {
    let units: Vec<Unit<'_>> = exercises.iter().map(|e| Unit::exercise(e)).collect();
    let verdicts = judge
        .judge(&units, &Cancel::new(), on_progress)?
        .expect("an uncancelled judge finishes");
    record_verdicts(kit, progress, exercises, &verdicts, by)?;
    Ok(verdicts)
}

/// Records verdicts: each freshly judged version is an attempt in the progress file and a line
/// in the events log; a cached one only refreshes the solved state. Saves the progress.
pub fn record_verdicts(
    kit: &Kit,
    progress: &mut Progress,
    exercises: &[&Exercise],
    verdicts: &[Verdict],
    by: JudgedBy,
) -> Result<()> {
    let mut attempts = Vec::new();
    let now = Timestamp::now();
    for (exercise, verdict) in exercises.iter().zip(verdicts) {
        if verdict.fresh {
            progress.record_attempt(&exercise.name, verdict.outcome.passed(), now);
            attempts.push(AttemptEvent::new(&exercise.name, &verdict.outcome, by, now));
        } else {
            progress.entry(&exercise.name).solved = verdict.outcome.passed();
        }
    }
    progress.save(kit)?;
    events::append(kit, &attempts)
}

fn warn_if_old(kit: &Kit, stamp: &Stamp, styles: &Styles) {
    let ours = embedded_kit_version();
    if stamp.embedded
        && stamp.kit_name == kit.info.kit_name
        && ours.as_deref() != Some(stamp.kit_version.as_str())
    {
        eprintln!(
            "{} this kit is version {} (written by cargo-rustskill {}); this tool carries version {}. \
             Your work is untouched; `cargo rustskill init NEWDIR` writes the new version beside it, \
             and `cargo rustskill reset NAME` takes the new version of one exercise.",
            styles.warn.style("note:"),
            stamp.kit_version,
            stamp.tool_version,
            ours.unwrap_or_else(|| "unknown".into())
        );
    }
}

/// The built-in kit's version.
pub fn embedded_kit_version() -> Option<String> {
    let info =
        crate::model::info::KitInfo::parse(embedded::INFO_TOML, Path::new("info.toml")).ok()?;
    Some(info.kit_version)
}
