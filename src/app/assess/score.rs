//! Scoring a finished assessment: per exercise and per track, with what to practise next, as a
//! terminal report, JSON and Markdown.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::model::events::AttemptEvent;
use crate::model::kit::Kit;
use crate::model::progress::Progress;
use crate::model::status::Status;
use crate::model::time::Timestamp;

/// Each point of an exercise (`points` in info.toml, by default its level) is worth this many
/// assessment points, so hint costs can be fine-grained.
pub const POINTS_PER_LEVEL: u32 = 10;

/// The `schema` of an assessment report.
pub const SCHEMA: &str = "cargo-rustskill/assessment/v1";

/// One exercise's result in an assessment.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExerciseScore {
    /// The exercise.
    pub name: String,
    /// Its track.
    pub track: String,
    /// Its level.
    pub level: u8,
    /// Whether it passed at the end.
    pub solved: bool,
    /// Seconds from the start of the assessment to its first pass.
    pub seconds_to_solve: Option<u64>,
    /// How many versions were judged.
    pub attempts: u32,
    /// The rustc error codes met on the way.
    pub compile_errors: Vec<String>,
    /// How many hint tiers were revealed (each costs points).
    pub hints: u32,
    /// Versions judged that used a forbidden shortcut.
    pub constraint_violations: u32,
    /// Points earned.
    pub points: u32,
    /// Points possible.
    pub max_points: u32,
}

/// A track's share of the score.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TrackScore {
    /// The track.
    pub track: String,
    /// Points earned.
    pub points: u32,
    /// Points possible.
    pub max_points: u32,
}

/// A finished assessment's scorecard (`report.json` in its archive).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Scorecard {
    /// [`SCHEMA`].
    pub schema: String,
    /// The assessment's id (its start time).
    pub id: String,
    /// The kit's name.
    pub kit: String,
    /// The seed that picked the exercises.
    pub seed: u64,
    /// The instructor's named set, if one was taken.
    pub set: Option<String>,
    /// Minutes allowed.
    pub minutes: f64,
    /// Points each hint cost.
    pub hint_cost: u32,
    /// When it started.
    pub started: Timestamp,
    /// When it ended.
    pub ended: Timestamp,
    /// Why it ended: time up, all solved, or finished early.
    pub ended_because: String,
    /// Per exercise.
    pub exercises: Vec<ExerciseScore>,
    /// Points earned.
    pub points: u32,
    /// Points possible.
    pub max_points: u32,
    /// Per track.
    pub tracks: Vec<TrackScore>,
    /// What to practise next.
    pub practise_next: Vec<String>,
}

/// What [`score`] needs to know about the assessment besides the kit's state.
pub struct Setting<'a> {
    /// The assessment's id.
    pub id: &'a str,
    /// The seed.
    pub seed: u64,
    /// The named set.
    pub set: Option<&'a str>,
    /// Minutes allowed.
    pub minutes: f64,
    /// Hint cost.
    pub hint_cost: u32,
    /// When it started.
    pub started: Timestamp,
    /// Why it ended.
    pub ended_because: &'a str,
}

/// Scores the assessment kit from its progress and events.
pub fn score(
    kit: &Kit,
    progress: &Progress,
    events: &[AttemptEvent],
    setting: &Setting<'_>,
) -> Scorecard {
    let exercises: Vec<ExerciseScore> = kit
        .exercises
        .iter()
        .map(|e| {
            let record = progress.exercises.iter().find(|p| p.name == e.name);
            let solved = record.is_some_and(|r| r.solved);
            let hints = record.map_or(0, |r| r.hints);
            let max_points = e.points * POINTS_PER_LEVEL;
            let points = if solved {
                max_points.saturating_sub(hints * setting.hint_cost)
            } else {
                0
            };
            let seconds_to_solve = record
                .and_then(|r| r.solved_at)
                .and_then(|solved| setting.started.until(solved))
                .map(|d| d.as_secs());
            let mine = events.iter().filter(|ev| ev.exercise == e.name);
            let mut compile_errors: Vec<String> = Vec::new();
            let mut constraint_violations = 0;
            for event in mine {
                constraint_violations += u32::from(event.outcome == Status::Constraint);
                for code in &event.codes {
                    if !compile_errors.contains(code) {
                        compile_errors.push(code.clone());
                    }
                }
            }
            ExerciseScore {
                name: e.name.clone(),
                track: e.track().to_owned(),
                level: e.level,
                solved,
                seconds_to_solve,
                attempts: record.map_or(0, |r| r.attempts),
                compile_errors,
                hints,
                constraint_violations,
                points,
                max_points,
            }
        })
        .collect();
    let mut by_track: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for e in &exercises {
        let entry = by_track.entry(&e.track).or_default();
        entry.0 += e.points;
        entry.1 += e.max_points;
    }
    let tracks: Vec<TrackScore> = by_track
        .into_iter()
        .map(|(track, (points, max_points))| TrackScore {
            track: track.to_owned(),
            points,
            max_points,
        })
        .collect();
    Scorecard {
        schema: SCHEMA.to_owned(),
        id: setting.id.to_owned(),
        kit: kit.info.kit_name.clone(),
        seed: setting.seed,
        set: setting.set.map(str::to_owned),
        minutes: setting.minutes,
        hint_cost: setting.hint_cost,
        started: setting.started,
        ended: Timestamp::now(),
        ended_because: setting.ended_because.to_owned(),
        points: exercises.iter().map(|e| e.points).sum(),
        max_points: exercises.iter().map(|e| e.max_points).sum(),
        practise_next: practise_next(&exercises, &tracks),
        exercises,
        tracks,
    }
}

/// The tracks that cost the most points, weakest first, then the exercises behind them.
fn practise_next(exercises: &[ExerciseScore], tracks: &[TrackScore]) -> Vec<String> {
    let mut weak: Vec<&TrackScore> = tracks.iter().filter(|t| t.points < t.max_points).collect();
    weak.sort_by_key(|t| std::cmp::Reverse(t.max_points - t.points));
    let mut advice = Vec::new();
    for track in weak {
        let missed: Vec<&str> = exercises
            .iter()
            .filter(|e| e.track == track.track && e.points < e.max_points)
            .map(|e| e.name.as_str())
            .collect();
        advice.push(format!(
            "the {} track ({}/{} points): revisit {}",
            track.track,
            track.points,
            track.max_points,
            missed.join(", ")
        ));
    }
    advice
}

fn duration(seconds: Option<u64>) -> String {
    seconds.map_or_else(|| "–".to_owned(), |s| format!("{}:{:02}", s / 60, s % 60))
}

/// The report as Markdown (also what the terminal shows).
pub fn markdown(report: &Scorecard) -> String {
    let mut out = format!(
        "# Assessment {}: {}/{} points\n\n{} exercises in {} minutes, seed {}{}; ended: {}. Each hint cost {} points.\n\n",
        report.id,
        report.points,
        report.max_points,
        report.exercises.len(),
        report.minutes,
        report.seed,
        report
            .set
            .as_deref()
            .map(|s| format!(", set `{s}`"))
            .unwrap_or_default(),
        report.ended_because,
        report.hint_cost
    );
    out.push_str("| exercise | track | level | solved | time | attempts | compile errors | hints | constraint | points |\n");
    out.push_str("|---|---|---:|---|---:|---:|---|---:|---:|---:|\n");
    for e in &report.exercises {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} | {}/{} |",
            e.name,
            e.track,
            e.level,
            if e.solved { "yes" } else { "no" },
            duration(e.seconds_to_solve),
            e.attempts,
            if e.compile_errors.is_empty() {
                "–".to_owned()
            } else {
                e.compile_errors.join(", ")
            },
            e.hints,
            e.constraint_violations,
            e.points,
            e.max_points
        );
    }
    out.push_str("\n## By track\n\n");
    for t in &report.tracks {
        let _ = writeln!(out, "- {}: {}/{} points", t.track, t.points, t.max_points);
    }
    out.push_str("\n## Practise next\n\n");
    if report.practise_next.is_empty() {
        out.push_str(
            "- Nothing missed: try a harder set (`--track challenges`) or fewer minutes.\n",
        );
    }
    for advice in &report.practise_next {
        let _ = writeln!(out, "- {advice}");
    }
    out
}
