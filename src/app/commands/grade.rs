//! `grade`: the instructor's grade of record over many learners' repositories. Only each
//! learner's exercise code is taken from their repository; everything else comes from the
//! instructor's kit. The JSON output feeds `report`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::analysis::graded::{self, Canonical};
use crate::app::cli::{Format, GradeArgs};
use crate::app::exit_codes;
use crate::app::judging::{self, LearnerRecord, Lines};
use crate::engine::sandbox::Sandbox;
use crate::model::answers::Answers;
use crate::model::events;
use crate::model::kit::{Kit, STATE_DIR};
use crate::model::progress::{Loaded, Progress, last_known};
use crate::model::schema::LearnerEntry;
use crate::outputs::json;
use crate::outputs::results::KitResults;
use crate::outputs::style::Styles;

/// Grades every learner in turn, building in one staging folder so what is shared is built
/// once; exits 0 when every learner passes everything. The staging folder is kept in the
/// instructor's kit (`target/rustskill-grade/`), so the kit's dependencies are built once for
/// every learner of every run; a lock keeps two runs from sharing it at once.
pub fn run(kit_dir: Option<&Path>, args: &GradeArgs, styles: &Styles) -> Result<u8> {
    let (format, output, time_limit) = (args.format, args.output.as_deref(), args.time_limit);
    if matches!(format, Format::Junit | Format::Github) {
        anyhow::bail!("grade writes `--format human` or `--format json` (the input of `report`)");
    }
    let partition = args
        .partition
        .as_deref()
        .map(Partition::parse)
        .transpose()?;
    let instructor = Kit::discover(kit_dir)?;
    let sandbox = judging::sandbox(args.sandbox, styles)?;
    let canonical = Canonical::from_dir(&instructor.root)?;
    let staging = instructor.root.join("target").join("rustskill-grade");
    std::fs::create_dir_all(&staging)
        .with_context(|| format!("failed to create {}", staging.display()))?;
    let lock = std::fs::File::create(staging.join("grade.lock"))
        .with_context(|| format!("failed to create a lock in {}", staging.display()))?;
    if lock.try_lock().is_err() {
        eprintln!("waiting for another `grade` of this kit to finish…");
        lock.lock().context("failed to lock the staging folder")?;
    }
    let mut entries = Vec::new();
    let mut everyone_passed = true;
    let learners: Vec<&PathBuf> = args
        .learners
        .iter()
        .enumerate()
        .filter(|(i, learner)| partition.is_none_or(|p| p.takes(*i, &learner_name(learner))))
        .map(|(_, learner)| learner)
        .collect();
    for learner in learners {
        if !learner.join("info.toml").is_file() {
            eprintln!(
                "{} {}: no info.toml, so not a kit; skipped",
                styles.warn.style("warning:"),
                learner.display()
            );
            everyone_passed = false;
            continue;
        }
        let grading = Grading {
            canonical: &canonical,
            staging: &staging,
            format,
            time_limit,
            sandbox: &sandbox,
        };
        let (entry, passed) = grading.grade(learner, styles)?;
        everyone_passed &= passed;
        entries.push(entry);
    }
    if format != Format::Human || output.is_some() {
        let mut report = json::grade_report(&canonical.kit, entries);
        report.partition = args.partition.clone();
        report.sandbox = Some(sandbox.name().to_owned());
        let text = json::to_text(&report)?;
        match output {
            Some(path) => crate::base::fsutil::write_atomic(path, text.as_bytes())?,
            None => print!("{text}"),
        }
    }
    Ok(if everyone_passed {
        exit_codes::SUCCESS
    } else {
        exit_codes::NOT_PASSING
    })
}

/// What grading each learner shares.
struct Grading<'a> {
    canonical: &'a Canonical,
    staging: &'a Path,
    format: Format,
    time_limit: Option<f64>,
    sandbox: &'a Sandbox,
}

impl Grading<'_> {
    /// Grades one learner: their entry in the grade report, and whether they pass everything.
    fn grade(&self, learner: &Path, styles: &Styles) -> Result<(LearnerEntry, bool)> {
        let name = learner_name(learner);
        if self.format == Format::Human {
            eprintln!("grading {name} ({})…", learner.display());
        }
        let staged = graded::stage(self.canonical, learner, self.staging)?;
        let judge = judging::graded_judge(&staged, self.sandbox)?;
        let kit = &staged.kit;
        let quiet = Styles::new(false);
        let answers = Answers::load(&Answers::path_in(learner)).unwrap_or_else(|e| {
            eprintln!("warning: {name}: {e:#}; their predict items are judged unanswered");
            Answers::default()
        });
        let progress = match Progress::load(&learner.join(STATE_DIR).join("progress.toml")) {
            Loaded::Ok(p) => Some(p),
            _ => None,
        };
        let (log, warnings) = events::read(&learner.join(STATE_DIR).join("events.jsonl"));
        for warning in warnings {
            eprintln!("warning: {name}: {warning}");
        }
        let known = |exercise: &str| last_known(progress.as_ref(), &log, exercise);
        let record = LearnerRecord {
            answers: &answers,
            tampering: &staged.tampering,
            last_known: &known,
        };
        let judged =
            judging::judge_kit(kit, &judge, &record, self.time_limit, Lines::Quiet, &quiet)?;
        let results = KitResults {
            kit,
            results: judged.into_iter().map(|(_, r)| r).collect(),
            progress: progress.as_ref(),
            events: log,
        };
        if self.format == Format::Human {
            print_line(&name, &results, styles);
        }
        let entry = LearnerEntry {
            learner: name,
            path: learner.display().to_string(),
            report: Some(json::verify_report(&results)),
            error: None,
        };
        Ok((entry, results.all_passed()))
    }
}

/// One learner's line: passing, points, tampering.
fn print_line(name: &str, results: &KitResults<'_>, styles: &Styles) {
    let (score, max) = results.score();
    let tampered = results
        .results
        .iter()
        .filter(|r| !r.tampered.is_empty())
        .count();
    println!(
        "{name:<24} {:>3}/{:<3} passing  {score:>4}/{max:<4} points{}",
        results.passed(),
        results.results.len(),
        if tampered > 0 {
            format!("  {} tampered", styles.error.style(tampered))
        } else {
            String::new()
        }
    );
}

/// One shard of a cohort, as nextest writes it: `count:K/N` or `hash:K/N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Partition {
    by_hash: bool,
    shard: u64,
    shards: u64,
}

impl Partition {
    fn parse(text: &str) -> Result<Partition> {
        let (by_hash, rest) = match text.split_once(':') {
            Some(("count", rest)) => (false, rest),
            Some(("hash", rest)) => (true, rest),
            None => (false, text),
            Some((other, _)) => {
                anyhow::bail!("--partition {text}: `{other}` is neither `count` nor `hash`")
            }
        };
        let parsed = rest
            .split_once('/')
            .and_then(|(k, n)| Some((k.parse::<u64>().ok()?, n.parse::<u64>().ok()?)));
        match parsed {
            Some((shard, shards)) if shard >= 1 && shard <= shards => Ok(Partition {
                by_hash,
                shard,
                shards,
            }),
            _ => anyhow::bail!(
                "--partition {text}: write `count:K/N` or `hash:K/N` with 1 <= K <= N, e.g. `count:1/4`"
            ),
        }
    }

    /// Whether the learner at `index` (in the order given), named `name`, is in this shard.
    fn takes(&self, index: usize, name: &str) -> bool {
        let key = if self.by_hash {
            xxhash_rust::xxh3::xxh3_64(name.as_bytes())
        } else {
            index as u64
        };
        key % self.shards == self.shard - 1
    }
}

/// A learner's name: the folder's name.
fn learner_name(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
