//! JUnit XML, as GitLab and Jenkins display it: one test suite per track, one test case per
//! exercise. Written through quick-junit, which escapes and drops what XML cannot hold.

use std::time::Duration;

use anyhow::Result;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::model::kit::Exercise;
use crate::outputs::results::{ExerciseResult, KitResults, cut};
use crate::outputs::style::Styles;

/// The JUnit document of one kit's results.
pub fn junit(results: &KitResults<'_>) -> Result<String> {
    let kit_name = &results.kit.info.kit_name;
    let mut tracks: Vec<(&str, Vec<(&Exercise, &ExerciseResult)>)> = Vec::new();
    for (e, r) in results.pairs() {
        match tracks.iter_mut().find(|(t, _)| *t == e.track()) {
            Some((_, list)) => list.push((e, r)),
            None => tracks.push((e.track(), vec![(e, r)])),
        }
    }
    let (score, max) = results.score();
    let mut report = Report::new(format!("{kit_name} ({score}/{max} points)"));
    let total: f64 = results.results.iter().map(|r| r.seconds).sum();
    report.set_time(Duration::from_secs_f64(total));
    for (track, list) in tracks {
        let mut suite = TestSuite::new(track);
        let time: f64 = list.iter().map(|(_, r)| r.seconds).sum();
        suite.set_time(Duration::from_secs_f64(time));
        for (e, r) in list {
            suite.add_test_case(test_case(kit_name, track, e, r));
        }
        report.add_test_suite(suite);
    }
    Ok(report.to_string()? + "\n")
}

fn test_case(kit_name: &str, track: &str, e: &Exercise, r: &ExerciseResult) -> TestCase {
    let status = if r.earns() {
        TestCaseStatus::success()
    } else if r.outcome.is_none() && r.tampered.is_empty() {
        let mut status = TestCaseStatus::skipped();
        status
            .set_type(r.status().as_str())
            .set_message(r.summary());
        status
    } else {
        let plain = Styles::new(false);
        let details = format!("{}\n{}", r.tampered.join("\n"), r.details(&plain));
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status
            .set_type(r.status().as_str())
            .set_message(r.summary())
            .set_description(cut(details.trim()));
        status
    };
    let mut case = TestCase::new(e.name.as_str(), status);
    case.set_classname(format!("{kit_name}.{track}"))
        .set_time(Duration::from_secs_f64(r.seconds));
    case.extra.insert("file".into(), e.rel_path().into());
    case
}
