//! Reading a cohort's results: `verify --format json` reports, `grade` reports, and learners'
//! kit folders with their committed `.rustskill/`. A folder that is not a kit is searched for
//! these. Anything unreadable is described in the problems and skipped; the rest still counts.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::cohort::learners::{Cohort, Learner, LearnerResult};
use crate::model::events;
use crate::model::kit::Kit;
use crate::model::progress::{Loaded, Progress};
use crate::model::schema::{
    ExerciseRecord, GRADE_SCHEMA, GradeReport, VERIFY_SCHEMA, VerifyReport,
};
use crate::model::status::Status;

/// Folders never searched for reports: build output and tools' hidden state.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// Reads every input into one cohort. The returned problems name each input that was
/// skipped, or partly skipped, and why.
pub fn load(paths: &[PathBuf]) -> (Cohort, Vec<String>) {
    let mut reader = Reader::default();
    for path in paths {
        let before = reader.found;
        reader.read_path(path, true);
        if path.is_dir() && reader.found == before {
            reader.problems.push(format!(
                "found nothing to read in {}: it holds no .json reports and no kit folders",
                path.display()
            ));
        }
    }
    (reader.cohort, reader.problems)
}

#[derive(Default)]
struct Reader {
    cohort: Cohort,
    problems: Vec<String>,
    /// Inputs found (read or not), to tell an empty folder.
    found: usize,
}

impl From<ExerciseRecord> for LearnerResult {
    fn from(e: ExerciseRecord) -> LearnerResult {
        LearnerResult {
            name: e.name,
            track: e.track,
            level: e.level,
            status: e.status,
            points: e.points,
            max_points: e.max_points,
            attempts: e.attempts,
            time_to_solve_secs: e.time_to_solve_secs,
            error_codes: e.error_codes,
            error_codes_met: e.error_codes_met,
            stuck: false,
            first_try: e.first_try,
        }
    }
}

impl Reader {
    fn read_path(&mut self, path: &Path, given: bool) {
        if path.join("info.toml").is_file() {
            self.found += 1;
            self.read_kit(path);
        } else if path.is_dir() {
            self.read_dir(path);
        } else if path.is_file() {
            self.found += 1;
            self.read_json_file(path);
        } else if given {
            self.problems.push(format!(
                "skipped {}: no such file or folder",
                path.display()
            ));
        }
    }

    /// Searches a folder that is not a kit: its `.json` files and its subfolders, in name
    /// order so the learners come out in the same order every time.
    fn read_dir(&mut self, dir: &Path) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                let shown = dir.display();
                self.problems
                    .push(format!("skipped {shown}: cannot list it ({e})"));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if !name.starts_with('.') && !SKIPPED_DIRS.contains(&name) {
                    self.read_path(&path, false);
                }
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            {
                self.read_path(&path, false);
            }
        }
    }

    fn read_json_file(&mut self, path: &Path) {
        let shown = path.display();
        let text = match std::fs::read(path) {
            Ok(bytes) => match decode(&bytes) {
                Some(text) => text,
                None => {
                    self.problems.push(format!(
                        "skipped {shown}: it is not text (UTF-8, or UTF-16 with a byte-order mark)"
                    ));
                    return;
                }
            },
            Err(e) => {
                self.problems
                    .push(format!("skipped {shown}: cannot read it ({e})"));
                return;
            }
        };
        let value: Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(e) => {
                self.problems
                    .push(format!("skipped {shown}: it is not valid JSON ({e})"));
                return;
            }
        };
        let stem = path
            .file_stem()
            .map_or_else(|| shown.to_string(), |s| s.to_string_lossy().into_owned());
        match value.get("schema").and_then(Value::as_str) {
            Some(VERIFY_SCHEMA) => {
                if let Some((learner, kit)) = self.verify_report(value, &stem, &shown.to_string()) {
                    self.cohort.add(learner, kit.as_deref(), &mut self.problems);
                }
            }
            Some(GRADE_SCHEMA) => self.grade_report(value, &shown.to_string()),
            Some(other) if other.starts_with("cargo-rustskill/") => self.problems.push(format!(
                "skipped {shown}: its schema is {other:?}, which this version does not read \
                 (it reads {VERIFY_SCHEMA} and {GRADE_SCHEMA}); try a newer cargo-rustskill"
            )),
            Some(other) => self.problems.push(format!(
                "skipped {shown}: its schema is {other:?}, so it is not a cargo-rustskill report \
                 ({VERIFY_SCHEMA} or {GRADE_SCHEMA})"
            )),
            None => self.problems.push(format!(
                "skipped {shown}: it has no \"schema\" field, so it is not a cargo-rustskill \
                 report; make one with `cargo rustskill verify --format json` or \
                 `cargo rustskill grade`"
            )),
        }
    }

    /// Reads one verify report; the learner's name is its `learner` field, else `fallback`.
    fn verify_report(
        &mut self,
        value: Value,
        fallback: &str,
        source: &str,
    ) -> Option<(Learner, Option<String>)> {
        let report: VerifyReport = match serde_json::from_value(value) {
            Ok(report) => report,
            Err(e) => {
                self.problems.push(format!(
                    "skipped {source}: it says it is a {VERIFY_SCHEMA} report but does not \
                     match that format ({e})"
                ));
                return None;
            }
        };
        let learner = Learner {
            name: report
                .learner
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| fallback.to_owned()),
            source: source.to_owned(),
            results: report.exercises.into_iter().map(Into::into).collect(),
        };
        Some((learner, Some(report.kit)))
    }

    /// Reads a grade report: one verify report per learner.
    fn grade_report(&mut self, value: Value, source: &str) {
        let grade: GradeReport<Value> = match serde_json::from_value(value) {
            Ok(grade) => grade,
            Err(e) => {
                self.problems.push(format!(
                    "skipped {source}: it says it is a {GRADE_SCHEMA} report but does not \
                     match that format ({e})"
                ));
                return;
            }
        };
        for (i, entry) in grade.learners.into_iter().enumerate() {
            let name = if entry.learner.is_empty() {
                format!("learner {}", i + 1)
            } else {
                entry.learner
            };
            let entry_source = format!("{source} (learner {name:?})");
            let is_verify = entry
                .report
                .as_ref()
                .and_then(|r| r.get("schema"))
                .and_then(Value::as_str)
                == Some(VERIFY_SCHEMA);
            let report = match (entry.report, is_verify) {
                (Some(report), true) => report,
                (report, _) => {
                    let why = match (report, entry.error) {
                        (None, Some(error)) => format!("it has no report: {error}"),
                        (None, None) => "it has no report".to_owned(),
                        (Some(_), _) => format!("its report is not a {VERIFY_SCHEMA} report"),
                    };
                    self.problems.push(format!("skipped {entry_source}: {why}"));
                    continue;
                }
            };
            if let Some((mut learner, kit)) = self.verify_report(report, &name, &entry_source) {
                // The grade's own name for the learner wins over one inside the report.
                learner.name = name;
                let kit = kit
                    .filter(|k| !k.is_empty())
                    .unwrap_or_else(|| grade.kit.clone());
                self.cohort.add(learner, Some(&kit), &mut self.problems);
            }
        }
    }

    /// Reads a learner's kit folder: its exercises from `info.toml`, their state from the
    /// committed progress file and events log.
    fn read_kit(&mut self, dir: &Path) {
        let shown = dir.display();
        let kit = match Kit::load(dir) {
            Ok(kit) => kit,
            Err(e) => {
                self.problems.push(format!("skipped {shown}: {e:#}"));
                return;
            }
        };
        let progress = match Progress::load(&Progress::path(&kit)) {
            Loaded::Ok(progress) => progress,
            Loaded::Missing => {
                self.problems.push(format!(
                    "skipped {shown}: it has no .rustskill/progress.toml; ask the learner to \
                     commit it, or run `cargo rustskill verify` in that folder"
                ));
                return;
            }
            Loaded::Corrupt(why) => {
                self.problems.push(format!(
                    "skipped {shown}: its progress file is unreadable ({why})"
                ));
                return;
            }
        };
        let (log, warnings) = events::read(&events::path(&kit));
        self.problems.extend(warnings);
        let results = kit
            .exercises
            .iter()
            .map(|exercise| {
                let record = progress.exercises.iter().find(|p| p.name == exercise.name);
                let mine: Vec<&events::AttemptEvent> =
                    log.iter().filter(|e| e.exercise == exercise.name).collect();
                let solved = record.is_some_and(|r| r.solved);
                let attempts = record.map_or(0, |r| r.attempts);
                let status = match mine.last() {
                    _ if solved => Status::Passed,
                    Some(last) => last.outcome,
                    // Attempts without events: a log from before events were kept.
                    None if attempts > 0 => Status::Failed,
                    None => Status::NotStarted,
                };
                let mut met: Vec<String> = Vec::new();
                for code in mine.iter().flat_map(|e| &e.codes) {
                    if !met.contains(code) {
                        met.push(code.clone());
                    }
                }
                LearnerResult {
                    name: exercise.name.clone(),
                    track: exercise.track().to_owned(),
                    level: exercise.level,
                    points: if solved { exercise.points } else { 0 },
                    max_points: exercise.points,
                    attempts,
                    time_to_solve_secs: record.and_then(|r| r.time_to_solve_secs()),
                    error_codes: match mine.last() {
                        Some(last) if !solved => last.codes.clone(),
                        _ => Vec::new(),
                    },
                    error_codes_met: met,
                    status,
                    stuck: false,
                    // The first answer logged (self-reported, like the whole folder).
                    first_try: mine
                        .iter()
                        .find(|e| e.by == events::JudgedBy::Answer)
                        .map(|e| e.outcome == Status::Passed),
                }
            })
            .collect();
        let name = folder_name(dir);
        let learner = Learner {
            name,
            source: shown.to_string(),
            results,
        };
        self.cohort
            .add(learner, Some(&kit.info.kit_name), &mut self.problems);
    }
}

/// A JSON file's text: UTF-8, with or without a byte-order mark, or UTF-16 with one (what
/// Windows PowerShell 5 writes for `verify --format json > file`).
fn decode(bytes: &[u8]) -> Option<String> {
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Option<Vec<u16>> = rest
            .chunks(2)
            .map(|c| Some(unit([c[0], *c.get(1)?])))
            .collect();
        String::from_utf16(&units?).ok()
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
}

/// A folder's own name, also for `.` and paths ending in `..`.
fn folder_name(dir: &Path) -> String {
    let named = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    named(dir)
        .filter(|n| n != "..")
        .or_else(|| named(&dir.canonicalize().ok()?))
        .unwrap_or_else(|| dir.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn json_is_read_in_utf8_and_utf16_with_a_byte_order_mark() {
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("{}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("{}".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&utf16le).as_deref(), Some("{}"));
        assert_eq!(decode(&utf16be).as_deref(), Some("{}"));
        assert_eq!(decode(b"\xEF\xBB\xBF{}").as_deref(), Some("{}"));
        assert_eq!(decode(b"{}").as_deref(), Some("{}"));
        assert_eq!(decode(&[0xFF, 0xFE, b'{']), None);
        assert_eq!(decode(&[0xC3, 0x28]), None);
    }
}
