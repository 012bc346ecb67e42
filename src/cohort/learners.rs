//! Learners and their results in one model (learners × exercises), with the numbers every
//! output shares: who is stuck where, how long exercises take to solve, which compiler errors
//! learners meet.

use crate::model::status::Status;

/// Everything read: the learners, and the exercises any of them has, in kit order.
#[derive(Debug, Default)]
pub struct Cohort {
    /// The learners, in the order their inputs were given (folders read in name order).
    pub learners: Vec<Learner>,
    /// Every exercise some learner has a result for, in the order first seen (kit order).
    pub exercises: Vec<CohortExercise>,
    /// The kits' names, as the inputs give them, without repeats.
    pub kits: Vec<String>,
}

/// An exercise as the cohort knows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CohortExercise {
    /// Its unique name.
    pub name: String,
    /// Its track (empty when it has none).
    pub track: String,
    /// Its level, 1–3.
    pub level: u8,
}

/// One learner and their results.
#[derive(Debug)]
pub struct Learner {
    /// The name shown: from the JSON's `learner` field, else the file or folder name.
    pub name: String,
    /// Where it was read from, for messages.
    pub source: String,
    /// One result per exercise, in kit order.
    pub results: Vec<LearnerResult>,
}

/// One learner's result on one exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct LearnerResult {
    /// The exercise's name.
    pub name: String,
    /// Its track.
    pub track: String,
    /// Its level.
    pub level: u8,
    /// The verdict's status (`passed`, `compile-error`, …), or [`Status::NotStarted`] where a
    /// learner's kit folder shows no attempt (never in a verify report, which judges all).
    pub status: Status,
    /// Points scored.
    pub points: u32,
    /// Points it is worth.
    pub max_points: u32,
    /// How many distinct versions were judged.
    pub attempts: u32,
    /// Seconds from the first attempt to the first pass, where known.
    pub time_to_solve_secs: Option<u64>,
    /// The rustc error codes of the latest verdict.
    pub error_codes: Vec<String>,
    /// Every rustc error code met on the way, in the order first met.
    pub error_codes_met: Vec<String>,
    /// Whether the learner is stuck on it (see [`mark_stuck`]); set when the learner is added.
    pub stuck: bool,
    /// A predict item's first answer: right or not; `None` for exercises and unanswered items.
    pub first_try: Option<bool>,
}

impl LearnerResult {
    /// Whether it passes.
    pub fn passed(&self) -> bool {
        self.status == Status::Passed
    }
}

/// Marks the exercises a learner is stuck on: those not passing at or before their furthest
/// point, which is the exercise after the last one they passed. Exercises further on are not
/// reached yet, and one the learner never tried is skipped rather than stuck.
pub fn mark_stuck(results: &mut [LearnerResult]) {
    let furthest = results
        .iter()
        .rposition(|r| r.passed())
        .map_or(0, |i| i + 1);
    for (i, result) in results.iter_mut().enumerate() {
        result.stuck = i <= furthest && !result.passed() && result.status != Status::NotStarted;
    }
}

impl Learner {
    /// Predict items right on the first try, and predict items answered.
    pub fn first_try(&self) -> (usize, usize) {
        let answered: Vec<bool> = self.results.iter().filter_map(|r| r.first_try).collect();
        (answered.iter().filter(|r| **r).count(), answered.len())
    }

    /// The result for exercise `name`, if this learner has one.
    pub fn result(&self, name: &str) -> Option<&LearnerResult> {
        self.results.iter().find(|r| r.name == name)
    }

    /// How many exercises pass.
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.passed()).count()
    }

    /// Points scored and points possible.
    pub fn points(&self) -> (u32, u32) {
        self.results
            .iter()
            .fold((0, 0), |(s, m), r| (s + r.points, m + r.max_points))
    }

    /// Versions judged, over all exercises.
    pub fn attempts(&self) -> u32 {
        self.results.iter().map(|r| r.attempts).sum()
    }

    /// The exercises this learner is stuck on, in kit order.
    pub fn stuck_on(&self) -> Vec<&str> {
        self.results
            .iter()
            .filter(|r| r.stuck)
            .map(|r| r.name.as_str())
            .collect()
    }
}

/// The cohort's numbers for one exercise.
#[derive(Debug)]
pub struct ExerciseStats<'a> {
    /// The exercise.
    pub exercise: &'a CohortExercise,
    /// Learners with a result for it.
    pub learners: usize,
    /// Learners passing it.
    pub passed: usize,
    /// Learners stuck on it.
    pub stuck: usize,
    /// Versions judged, over all learners.
    pub attempts: u32,
    /// The median time to solve of the learners who solved it, in seconds.
    pub median_time_secs: Option<u64>,
    /// The longest time to solve, in seconds.
    pub max_time_secs: Option<u64>,
    /// How many learners' times to solve are known.
    pub timed: usize,
    /// Compiler error codes met, with how many learners met each, most common first.
    pub error_codes: Vec<(String, usize)>,
}

impl Cohort {
    /// Adds a learner, renaming them when the name is taken (and saying so in `problems`).
    pub fn add(&mut self, mut learner: Learner, kit: Option<&str>, problems: &mut Vec<String>) {
        if self.learners.iter().any(|l| l.name == learner.name) {
            let taken = |name: &str| self.learners.iter().any(|l| l.name == name);
            let renamed = (2..)
                .map(|n| format!("{} ({n})", learner.name))
                .find(|name| !taken(name))
                .expect("some number is free");
            problems.push(format!(
                "{} is named {:?} like an earlier input; it is shown as {renamed:?}",
                learner.source, learner.name
            ));
            learner.name = renamed;
        }
        if let Some(kit) = kit.filter(|k| !k.is_empty())
            && !self.kits.iter().any(|k| k == kit)
        {
            self.kits.push(kit.to_owned());
        }
        mark_stuck(&mut learner.results);
        for result in &learner.results {
            if !self.exercises.iter().any(|e| e.name == result.name) {
                self.exercises.push(CohortExercise {
                    name: result.name.clone(),
                    track: result.track.clone(),
                    level: result.level,
                });
            }
        }
        self.learners.push(learner);
    }

    /// The numbers of every exercise, in kit order.
    pub fn stats(&self) -> Vec<ExerciseStats<'_>> {
        self.exercises.iter().map(|e| self.stats_of(e)).collect()
    }

    fn stats_of<'a>(&'a self, exercise: &'a CohortExercise) -> ExerciseStats<'a> {
        let results: Vec<&LearnerResult> = self
            .learners
            .iter()
            .filter_map(|l| l.result(&exercise.name))
            .collect();
        let mut times: Vec<u64> = results
            .iter()
            .filter_map(|r| r.time_to_solve_secs)
            .collect();
        times.sort_unstable();
        let mut codes: Vec<(String, usize)> = Vec::new();
        for result in &results {
            // A learner counts once per code, whether it came up once or twenty times.
            let mut seen: Vec<&str> = Vec::new();
            for code in result.error_codes_met.iter().chain(&result.error_codes) {
                if seen.contains(&code.as_str()) {
                    continue;
                }
                seen.push(code);
                match codes.iter_mut().find(|(c, _)| c == code) {
                    Some((_, n)) => *n += 1,
                    None => codes.push((code.clone(), 1)),
                }
            }
        }
        // Stable: equally common codes keep the order they were first met in.
        codes.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        ExerciseStats {
            exercise,
            learners: results.len(),
            passed: results.iter().filter(|r| r.passed()).count(),
            stuck: results.iter().filter(|r| r.stuck).count(),
            attempts: results.iter().map(|r| r.attempts).sum(),
            median_time_secs: median(&times),
            max_time_secs: times.last().copied(),
            timed: times.len(),
            error_codes: codes,
        }
    }
}

/// The exercises someone is stuck on, most learners stuck first (then by attempts, then kit
/// order).
pub fn ranked_by_stuck<'s, 'a>(stats: &'s [ExerciseStats<'a>]) -> Vec<&'s ExerciseStats<'a>> {
    let mut ranked: Vec<&ExerciseStats<'_>> = stats.iter().filter(|s| s.stuck > 0).collect();
    ranked.sort_by(|a, b| b.stuck.cmp(&a.stuck).then(b.attempts.cmp(&a.attempts)));
    ranked
}

/// The exercises with a known time to solve, slowest median first.
pub fn ranked_by_time<'s, 'a>(stats: &'s [ExerciseStats<'a>]) -> Vec<&'s ExerciseStats<'a>> {
    let mut ranked: Vec<&ExerciseStats<'_>> = stats
        .iter()
        .filter(|s| s.median_time_secs.is_some())
        .collect();
    ranked.sort_by_key(|s| std::cmp::Reverse(s.median_time_secs));
    ranked
}

/// The exercises whose learners met compiler errors, most learners first.
pub fn ranked_by_errors<'s, 'a>(stats: &'s [ExerciseStats<'a>]) -> Vec<&'s ExerciseStats<'a>> {
    let met = |s: &ExerciseStats<'_>| s.error_codes.first().map_or(0, |(_, n)| *n);
    let mut ranked: Vec<&ExerciseStats<'_>> =
        stats.iter().filter(|s| !s.error_codes.is_empty()).collect();
    ranked.sort_by_key(|s| std::cmp::Reverse(met(s)));
    ranked
}

/// The median of sorted numbers (of an even count, the two middle ones' mean, rounded down).
pub fn median(sorted: &[u64]) -> Option<u64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(u64::midpoint(sorted[n / 2 - 1], sorted[n / 2])),
    }
}

/// A count with its noun: `1 learner`, `3 learners`.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A duration for people: `42 s`, `7 min`, `2 h 5 min`, `3 d 4 h`.
pub fn human_duration(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        3600..86400 => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
        _ => format!("{} d {} h", secs / 86400, secs % 86400 / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(name: &str, status: Status) -> LearnerResult {
        LearnerResult {
            name: name.into(),
            track: String::new(),
            level: 1,
            status,
            points: 0,
            max_points: 0,
            attempts: 1,
            time_to_solve_secs: None,
            error_codes: Vec::new(),
            error_codes_met: Vec::new(),
            stuck: false,
            first_try: None,
        }
    }

    #[test]
    fn stuck_means_not_passing_at_or_before_the_furthest_point() {
        let mut results = vec![
            result("a", Status::Passed),
            result("b", Status::CompileError),
            result("c", Status::NotStarted),
            result("d", Status::Passed),
            result("e", Status::Failed),
            result("f", Status::Failed),
        ];
        mark_stuck(&mut results);
        let stuck: Vec<&str> = results
            .iter()
            .filter(|r| r.stuck)
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(stuck, ["b", "e"]);
    }

    #[test]
    fn a_learner_who_passed_nothing_is_stuck_on_the_first_exercise() {
        let mut results = vec![result("a", Status::Failed), result("b", Status::Failed)];
        mark_stuck(&mut results);
        assert!(results[0].stuck && !results[1].stuck);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5]), Some(5));
        assert_eq!(median(&[1, 3, 9]), Some(3));
        assert_eq!(median(&[1, 4]), Some(2));
        assert_eq!(median(&[3, 5]), Some(4));
        assert_eq!(median(&[u64::MAX, u64::MAX]), Some(u64::MAX));
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human_duration(42), "42 s");
        assert_eq!(human_duration(7 * 60 + 5), "7 min");
        assert_eq!(human_duration(2 * 3600 + 5 * 60), "2 h 5 min");
        assert_eq!(human_duration(3 * 86400 + 4 * 3600), "3 d 4 h");
    }

    #[test]
    fn a_taken_name_is_numbered() {
        let mut cohort = Cohort::default();
        let mut problems = Vec::new();
        for source in ["a/alice.json", "b/alice.json"] {
            let learner = Learner {
                name: "alice".into(),
                source: source.into(),
                results: vec![result("x", Status::Passed)],
            };
            cohort.add(learner, Some("kit"), &mut problems);
        }
        assert_eq!(cohort.learners[1].name, "alice (2)");
        assert_eq!(problems.len(), 1);
        assert_eq!(cohort.kits, ["kit"]);
        assert_eq!(cohort.exercises.len(), 1);
    }
}
