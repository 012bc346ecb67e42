//! `assess`: a timed practice round like a real interview. Picks exercises (reproducibly from a
//! seed, or an instructor's named set), copies fresh versions into `assessment/` (practice
//! progress is untouched), and runs watch mode there with a countdown. The deadline is stored
//! at the start, so quitting and relaunching resumes the same clock. At the end: a score report
//! in the terminal, saved as JSON and Markdown, and kept in a history.

mod pick;
mod score;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::app::cli::AssessArgs;
use crate::app::exit_codes;
use crate::app::opening::open_session;
use crate::app::watch::{self, WatchEnd};
use crate::base::fsutil;
use crate::engine::judge::{Cache, Judge};
use crate::model::events;
use crate::model::events::JudgedBy;
use crate::model::kit::{Kit, STATE_DIR};
use crate::model::manifest::{self, Flavor};
use crate::model::progress::{Loaded, Progress};
use crate::model::stamp::Stamp;
use crate::model::time::Timestamp;
use crate::outputs::style::Styles;
use crate::session::files::shipped_version;
use crate::session::judging::judge_and_record;
use crate::session::rules::{ASSESSMENT_STATE, Rules, Timed};

pub use crate::model::kit::ASSESSMENT_DIR;

/// Minutes, when neither the command nor a named set says.
const DEFAULT_MINUTES: f64 = 45.0;

/// Points a hint costs, when the command does not say.
const DEFAULT_HINT_COST: u32 = 5;

/// What is stored when an assessment starts: enough to resume it, clock and all.
#[derive(Debug, Serialize, Deserialize)]
struct State {
    id: String,
    seed: u64,
    set: Option<String>,
    minutes: f64,
    hint_cost: u32,
    started: Timestamp,
    deadline: Timestamp,
    exercises: Vec<String>,
}

impl State {
    fn path(assessment: &Path) -> PathBuf {
        assessment.join(STATE_DIR).join(ASSESSMENT_STATE)
    }

    fn deadline(&self) -> Result<SystemTime> {
        Ok(self.deadline.system_time())
    }
}

/// Runs the command.
pub fn run(kit_dir: Option<&Path>, args: &AssessArgs, styles: &Styles) -> Result<u8> {
    let kit = Kit::discover(kit_dir)?;
    if args.history {
        return history(&kit, styles);
    }
    if let Some(set_name) = &args.set
        && !kit.info.assessments.iter().any(|s| s.name == *set_name)
    {
        let known: Vec<&str> = kit
            .info
            .assessments
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        let known = if known.is_empty() {
            "none".to_owned()
        } else {
            known.join(", ")
        };
        bail!("info.toml defines no assessment `{set_name}`; it defines: {known}");
    }
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "an assessment runs in watch mode, which needs a terminal: run `cargo rustskill assess` in one"
        );
        return Ok(exit_codes::USAGE_OR_TOOL_ERROR);
    }
    let assessment = kit.root.join(ASSESSMENT_DIR);
    let state = match std::fs::read_to_string(State::path(&assessment)) {
        Ok(text) => {
            let state: State = toml::from_str(&text).with_context(|| {
                format!(
                    "{} is damaged; delete the folder to start afresh",
                    State::path(&assessment).display()
                )
            })?;
            let left = state
                .deadline()?
                .duration_since(SystemTime::now())
                .unwrap_or_default();
            eprintln!(
                "Resuming the assessment started {} ({} exercises, {} left). The clock kept running.",
                state.started,
                state.exercises.len(),
                minutes_seconds(left)
            );
            state
        }
        Err(_) => start(&kit, &assessment, args, styles)?,
    };
    if SystemTime::now() >= state.deadline()? {
        return finish(&kit, &assessment, &state, "time was up", styles);
    }
    let timed = Timed {
        deadline: state.deadline()?,
        hint_cost: state.hint_cost,
    };
    let mut session = open_session(Some(&assessment), styles)?;
    session.rules = Rules::Timed(timed);
    match watch::run(session, args.poll, None, styles)? {
        WatchEnd::Quit | WatchEnd::Review => {
            let left = timed
                .deadline
                .duration_since(SystemTime::now())
                .unwrap_or_default();
            println!(
                "The clock keeps running: {} left. `cargo rustskill assess` resumes.",
                minutes_seconds(left)
            );
            Ok(exit_codes::SUCCESS)
        }
        WatchEnd::Finished => {
            let why = if SystemTime::now() >= timed.deadline {
                "time was up"
            } else {
                "finished"
            };
            finish(&kit, &assessment, &state, why, styles)
        }
    }
}

fn minutes_seconds(d: Duration) -> String {
    format!("{}:{:02}", d.as_secs() / 60, d.as_secs() % 60)
}

/// Picks the exercises and writes the assessment kit.
fn start(kit: &Kit, assessment: &Path, args: &AssessArgs, styles: &Styles) -> Result<State> {
    let seed = args.seed.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() ^ u64::from(d.subsec_nanos()))
    });
    let (names, minutes) = match &args.set {
        Some(set_name) => {
            let set = kit
                .info
                .assessments
                .iter()
                .find(|s| s.name == *set_name)
                .context("the set was checked at start")?;
            (set.exercises.clone(), args.minutes.unwrap_or(set.minutes))
        }
        None => {
            if let Some(track) = &args.track
                && !kit.exercises.iter().any(|e| e.track() == track)
            {
                bail!("no track `{track}` in this kit; `cargo rustskill list` shows the tracks");
            }
            (
                pick::pick(kit, args.track.as_deref(), args.count, seed),
                args.minutes.unwrap_or(DEFAULT_MINUTES),
            )
        }
    };
    if names.is_empty() {
        bail!("no exercises to pick from");
    }
    if !(minutes > 0.0 && minutes.is_finite()) {
        bail!("--minutes must be a positive number");
    }
    let hint_cost = args.hint_cost.unwrap_or(DEFAULT_HINT_COST);
    let now = SystemTime::now();
    let deadline = now + Duration::from_secs_f64(minutes * 60.0);
    let started = Timestamp::from(now);
    let state = State {
        id: started.to_string().replace(':', "-"),
        seed,
        set: args.set.clone(),
        minutes,
        hint_cost,
        started,
        deadline: Timestamp::from(deadline),
        exercises: names,
    };
    write_assessment_kit(kit, assessment, &state)?;
    println!(
        "{} {} exercises, {} minutes (seed {}). Hints cost {} points each. Work in {}/.",
        styles.strong.style("Assessment started:"),
        state.exercises.len(),
        minutes,
        seed,
        hint_cost,
        ASSESSMENT_DIR
    );
    Ok(state)
}

/// Writes `assessment/`: a small kit of fresh copies of the picked exercises.
fn write_assessment_kit(kit: &Kit, assessment: &Path, state: &State) -> Result<()> {
    let origin = Stamp::origin(Stamp::load(kit).as_ref());
    let text = std::fs::read_to_string(kit.root.join("info.toml"))?;
    let mut table: toml::Table = toml::from_str(&text)?;
    let all = table
        .remove("exercises")
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default();
    let picked: Vec<toml::Value> = state
        .exercises
        .iter()
        .filter_map(|name| {
            let mut entry = all
                .iter()
                .find(|e| e.get("name").and_then(|n| n.as_str()) == Some(name.as_str()))
                .cloned()?;
            // In the round everything is to be done; and a predict item's fix exercise is
            // not part of it.
            if let Some(table) = entry.as_table_mut() {
                table.remove("assessment_only");
                if let Some(item) = table.get_mut("predict").and_then(|p| p.as_table_mut()) {
                    item.remove("then_fix");
                }
            }
            Some(entry)
        })
        .collect();
    table.insert("exercises".into(), toml::Value::Array(picked));
    table.remove("assessments");
    table.insert("write_solutions".into(), false.into());
    table.insert(
        "kit_name".into(),
        format!("{} assessment", kit.info.kit_name).into(),
    );
    table.insert(
        "welcome_message".into(),
        format!(
            "A timed assessment: {} exercises, {} minutes. A hint costs {} points (it asks first). \
             Predict items take one answer (press its number), scored as given. \
             `n` moves on once one is done, `l` jumps; `q` offers to finish now or to leave with the clock running.",
            state.exercises.len(),
            state.minutes,
            state.hint_cost
        )
        .into(),
    );
    table.remove("final_message");
    std::fs::create_dir_all(assessment)?;
    fsutil::write_atomic(
        &assessment.join("info.toml"),
        toml::to_string(&table)?.as_bytes(),
    )?;
    let small = Kit::load(assessment)?;
    for exercise in small.exercises.iter().filter(|e| e.predict().is_none()) {
        let original = kit.find(&exercise.name)?;
        let shipped = shipped_version(kit, origin, original)?;
        fsutil::write_atomic(&small.path(&exercise.rel_path()), &shipped)?;
    }
    fsutil::write_atomic(
        &assessment.join("Cargo.toml"),
        manifest::render(&small, Flavor::Learner).as_bytes(),
    )?;
    // The same crate versions as the kit: the assessment builds them `--locked`.
    if let Ok(lock) = std::fs::read(manifest::lock_path(kit)) {
        fsutil::write_atomic(&assessment.join("Cargo.lock"), &lock)?;
    }
    fsutil::write_atomic(&assessment.join(".gitignore"), b"target/\n")?;
    let progress = Progress {
        current: small.exercises.first().map(|e| e.name.clone()),
        ..Progress::default()
    };
    progress.save(&small)?;
    fsutil::write_atomic(&State::path(assessment), toml::to_string(state)?.as_bytes())
}

/// Judges everything once more, scores, archives the report and the work, and removes
/// `assessment/`.
fn finish(kit: &Kit, assessment: &Path, state: &State, why: &str, styles: &Styles) -> Result<u8> {
    let small = Kit::load(assessment)?;
    let mut progress = match Progress::load(&Progress::path(&small)) {
        Loaded::Ok(p) => p,
        _ => Progress::default(),
    };
    let judge = Judge::new(&small, Cache::Use)?;
    let all: Vec<_> = small.exercises.iter().collect();
    judge_and_record(
        &small,
        &mut progress,
        &judge,
        &all,
        JudgedBy::Assess,
        &mut |_| {},
    )?;
    let (log, _) = events::read(&events::path(&small));
    let setting = score::Setting {
        id: &state.id,
        seed: state.seed,
        set: state.set.as_deref(),
        minutes: state.minutes,
        hint_cost: state.hint_cost,
        started: state.started,
        ended_because: why,
    };
    let report = score::score(&small, &progress, &log, &setting);
    let archive = history_dir(kit).join(&state.id);
    std::fs::create_dir_all(&archive)
        .with_context(|| format!("failed to create {}", archive.display()))?;
    fsutil::write_atomic(
        &archive.join("report.json"),
        (serde_json::to_string_pretty(&report)? + "\n").as_bytes(),
    )?;
    let markdown = score::markdown(&report);
    fsutil::write_atomic(&archive.join("report.md"), markdown.as_bytes())?;
    if let Ok(answers) = std::fs::read(crate::model::answers::Answers::path(&small)) {
        fsutil::write_atomic(&archive.join("answers.toml"), &answers)?;
    }
    for exercise in &small.exercises {
        let rel = exercise.rel_path();
        if let Ok(code) = std::fs::read(small.path(&rel)) {
            fsutil::write_atomic(&archive.join(&rel), &code)?;
        }
    }
    std::fs::remove_dir_all(assessment)
        .with_context(|| format!("failed to remove {}", assessment.display()))?;
    println!("{markdown}");
    println!(
        "{} {} and report.md (your code is kept beside them). `cargo rustskill assess --history` lists past rounds.",
        styles.ok.style("Saved:"),
        archive.join("report.json").display()
    );
    Ok(if report.points == report.max_points {
        exit_codes::SUCCESS
    } else {
        exit_codes::NOT_PASSING
    })
}

fn history_dir(kit: &Kit) -> PathBuf {
    kit.state_dir().join("assessments")
}

/// `assess --history`: past assessments, oldest first.
fn history(kit: &Kit, styles: &Styles) -> Result<u8> {
    let mut reports: Vec<score::Scorecard> = std::fs::read_dir(history_dir(kit))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.path().join("report.json")).ok())
        .filter_map(|text| serde_json::from_str(&text).ok())
        .collect();
    if reports.is_empty() {
        println!("No assessments yet: `cargo rustskill assess` starts one.");
        return Ok(exit_codes::SUCCESS);
    }
    reports.sort_by_key(|r| r.started);
    println!(
        "{}",
        styles
            .strong
            .style("started               minutes  solved   points   ended")
    );
    for r in &reports {
        let solved = r.exercises.iter().filter(|e| e.solved).count();
        println!(
            "{:<21} {:>7}  {:>2}/{:<4} {:>4}/{:<4} {}",
            r.started,
            r.minutes,
            solved,
            r.exercises.len(),
            r.points,
            r.max_points,
            r.ended_because
        );
    }
    Ok(exit_codes::SUCCESS)
}
