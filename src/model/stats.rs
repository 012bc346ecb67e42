//! One learner's picture of their progress (`stats`), computed from the kit, the progress file
//! and the events log: per track solved of total and time spent, the first-try rate on
//! predict items, the compiler errors met most often, and what to practise next.
//!
//! Time spent is *active* time: the gaps between consecutive events, each counted for the
//! exercise of the later one, and capped at [`IDLE_CAP_SECS`], so a night away is not a night
//! of work.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::events::{AttemptEvent, JudgedBy};
use crate::model::kit::Kit;
use crate::model::progress::Progress;
use crate::model::status::Status;

/// A gap between two events longer than this counts as this much.
pub const IDLE_CAP_SECS: u64 = 10 * 60;

/// Compiler errors listed, most met first.
const CODES_SHOWN: usize = 5;

/// One track's share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrackStats {
    /// The track's name.
    pub track: String,
    /// Exercises and predict items done right.
    pub solved: usize,
    /// In practice (the held-back bank left out).
    pub total: usize,
    /// Active seconds spent on it.
    pub seconds: u64,
    /// The first of it not solved yet, in kit order.
    pub next: Option<String>,
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    /// The kit's name.
    pub kit: String,
    /// Per track, in kit order.
    pub tracks: Vec<TrackStats>,
    /// Predict items right on the first answer.
    pub first_try_right: usize,
    /// Predict items answered.
    pub predict_answered: usize,
    /// Predict items in practice.
    pub predict_total: usize,
    /// Compiler error codes met, with how many judged versions met each, most first.
    pub error_codes: Vec<(String, usize)>,
    /// What to practise next, in a sentence each.
    pub practise_next: Vec<String>,
}

impl Stats {
    /// Exercises solved and in practice, over all tracks.
    pub fn solved(&self) -> (usize, usize) {
        self.tracks
            .iter()
            .fold((0, 0), |(s, t), track| (s + track.solved, t + track.total))
    }

    /// Active seconds, over all tracks.
    pub fn seconds(&self) -> u64 {
        self.tracks.iter().map(|t| t.seconds).sum()
    }
}

/// Computes the picture. `reviews_due` names what the review queue has due now.
pub fn compute(
    kit: &Kit,
    progress: &Progress,
    events: &[AttemptEvent],
    reviews_due: &[String],
) -> Stats {
    let seconds = active_seconds(events);
    let mut tracks: Vec<TrackStats> = Vec::new();
    for exercise in kit.exercises.iter().filter(|e| !e.assessment_only) {
        let track = exercise.track().to_owned();
        if !tracks.iter().any(|t| t.track == track) {
            tracks.push(TrackStats {
                track: track.clone(),
                solved: 0,
                total: 0,
                seconds: 0,
                next: None,
            });
        }
        let entry = tracks
            .iter_mut()
            .find(|t| t.track == track)
            .expect("pushed");
        entry.total += 1;
        entry.seconds += seconds.get(exercise.name.as_str()).copied().unwrap_or(0);
        if progress.is_solved(&exercise.name) {
            entry.solved += 1;
        } else if entry.next.is_none() && !progress.is_done(&exercise.name) {
            entry.next = Some(exercise.name.clone());
        }
    }
    let items: Vec<&str> = kit
        .exercises
        .iter()
        .filter(|e| e.predict().is_some() && !e.assessment_only)
        .map(|e| e.name.as_str())
        .collect();
    let mut first_answers: BTreeMap<&str, bool> = BTreeMap::new();
    for event in events.iter().filter(|e| e.by == JudgedBy::Answer) {
        if items.contains(&event.exercise.as_str()) {
            first_answers
                .entry(event.exercise.as_str())
                .or_insert(event.outcome == Status::Passed);
        }
    }
    let error_codes = codes_met(events);
    let mut stats = Stats {
        kit: kit.info.kit_name.clone(),
        tracks,
        first_try_right: first_answers.values().filter(|r| **r).count(),
        predict_answered: first_answers.len(),
        predict_total: items.len(),
        error_codes,
        practise_next: Vec::new(),
    };
    stats.practise_next = practise_next(&stats, reviews_due);
    stats
}

/// Active seconds per exercise.
fn active_seconds(events: &[AttemptEvent]) -> BTreeMap<&str, u64> {
    let mut sorted: Vec<&AttemptEvent> = events.iter().collect();
    sorted.sort_by_key(|e| e.time);
    let mut seconds: BTreeMap<&str, u64> = BTreeMap::new();
    for pair in sorted.windows(2) {
        let gap = pair[0].time.until(pair[1].time).map_or(0, |d| d.as_secs());
        *seconds.entry(pair[1].exercise.as_str()).or_default() += gap.min(IDLE_CAP_SECS);
    }
    seconds
}

/// Codes met, by how many judged versions met each, most first (ties by code).
fn codes_met(events: &[AttemptEvent]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for code in events.iter().flat_map(|e| &e.codes) {
        *counts.entry(code.as_str()).or_default() += 1;
    }
    let mut codes: Vec<(String, usize)> =
        counts.into_iter().map(|(c, n)| (c.to_owned(), n)).collect();
    codes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    codes.truncate(CODES_SHOWN);
    codes
}

/// Reviews due first, then the least-done started track's next exercise, then the error met
/// most often.
fn practise_next(stats: &Stats, reviews_due: &[String]) -> Vec<String> {
    let mut next = Vec::new();
    if !reviews_due.is_empty() {
        next.push(format!(
            "{} due for review ({}): `cargo rustskill review`",
            reviews_due.len(),
            reviews_due.join(", ")
        ));
    }
    let share = |t: &TrackStats| t.solved as f64 / t.total.max(1) as f64;
    let open = stats.tracks.iter().filter(|t| t.next.is_some());
    let weakest = open
        .clone()
        .filter(|t| t.solved > 0 || t.seconds > 0)
        .min_by(|a, b| share(a).total_cmp(&share(b)))
        .or_else(|| open.clone().next());
    if let Some(track) = weakest {
        next.push(format!(
            "{}: {} of {} done; next up `{}`",
            track.track,
            track.solved,
            track.total,
            track.next.as_deref().unwrap_or_default()
        ));
    }
    if let Some((code, n)) = stats.error_codes.first() {
        next.push(format!(
            "{code} is the error you met most ({n} times): `rustc --explain {code}`"
        ));
    }
    next
}
