//! The JSON reports, built as the typed schema (`model::schema`) the cohort report reads.

use std::collections::HashMap;

use crate::model::kit::Kit;
use crate::model::outcome::Outcome;
use crate::model::schema::{
    ExerciseRecord, FailingTest, GRADE_SCHEMA, GradeReport, LearnerEntry, VERIFY_SCHEMA,
    VerifyReport,
};
use crate::outputs::results::{KitResults, cut};
use crate::outputs::style::Styles;

/// The verify report of one kit's results.
pub fn verify_report(results: &KitResults<'_>) -> VerifyReport {
    let kit = results.kit;
    let plain = Styles::new(false);
    let mut codes_met: HashMap<&str, Vec<String>> = HashMap::new();
    for event in &results.events {
        let codes = codes_met.entry(event.exercise.as_str()).or_default();
        for code in &event.codes {
            if !codes.contains(code) {
                codes.push(code.clone());
            }
        }
    }
    let exercises = results
        .pairs()
        .map(|(e, r)| {
            let record = results
                .progress
                .and_then(|p| p.exercises.iter().find(|x| x.name == e.name));
            let failing_tests = match &r.outcome {
                Some(Outcome::TestsFailed { failures, .. }) => failures
                    .iter()
                    .map(|f| FailingTest {
                        name: f.name.clone(),
                        output: cut(&f.output),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            ExerciseRecord {
                name: e.name.clone(),
                track: e.track().to_owned(),
                kind: e.kind_word().to_owned(),
                first_try: r.outcome.as_ref().and_then(Outcome::first_try),
                level: e.level,
                path: e.rel_path(),
                status: r.status(),
                summary: r.summary(),
                points: if r.earns() { e.points } else { 0 },
                max_points: e.points,
                duration_secs: r.seconds,
                error_codes: r
                    .outcome
                    .as_ref()
                    .map(Outcome::error_codes)
                    .unwrap_or_default(),
                failing_tests,
                tampered: r.tampered.clone(),
                hidden_tests: r.hidden,
                details: cut(&r.details(&plain)),
                last_known: r.outcome.is_none().then_some(r.last_known).flatten(),
                attempts: record.map_or(0, |x| x.attempts),
                first_attempt: record.and_then(|x| x.first_attempt),
                last_attempt: record.and_then(|x| x.last_attempt),
                solved_at: record.and_then(|x| x.solved_at),
                time_to_solve_secs: record.and_then(|x| x.time_to_solve_secs()),
                error_codes_met: codes_met.remove(e.name.as_str()).unwrap_or_default(),
            }
        })
        .collect();
    let (score, max_score) = results.score();
    let predict: Vec<Option<bool>> = results
        .pairs()
        .filter(|(e, _)| e.predict().is_some())
        .map(|(_, r)| r.outcome.as_ref().and_then(Outcome::first_try))
        .collect();
    VerifyReport {
        predict_total: predict.len(),
        predict_answered: predict.iter().flatten().count(),
        predict_first_try: predict.iter().filter(|f| **f == Some(true)).count(),
        schema: VERIFY_SCHEMA.to_owned(),
        learner: None,
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        kit: kit.info.kit_name.clone(),
        kit_version: kit.info.kit_version.clone(),
        passed: results.passed(),
        total: kit.exercises.len(),
        score,
        max_score,
        exercises,
    }
}

/// The grade report over many learners, graded against `kit`.
pub fn grade_report(kit: &Kit, learners: Vec<LearnerEntry>) -> GradeReport {
    GradeReport {
        schema: GRADE_SCHEMA.to_owned(),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        kit: kit.info.kit_name.clone(),
        kit_version: kit.info.kit_version.clone(),
        partition: None,
        sandbox: None,
        learners,
    }
}

/// A document as written: pretty, with a final newline.
pub fn to_text<T: serde::Serialize>(document: &T) -> serde_json::Result<String> {
    Ok(serde_json::to_string_pretty(document)? + "\n")
}
