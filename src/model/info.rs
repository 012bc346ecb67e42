//! The `info.toml` model: the kit's settings and its ordered list of exercises.
//!
//! The format is a superset of rustlings v6 (see `KIT_FORMAT.md`): every rustlings key means
//! the same here, and the extra keys have defaults, so a rustlings kit loads unchanged.

use std::fmt;
use std::path::Path;

use anyhow::{Result, bail};
use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::model::predict::{ChoiceEntry, Claim, QuestionType};
use crate::model::rules::Constraint;

/// The `format_version` values this tool reads.
pub const SUPPORTED_FORMAT_VERSION: u32 = 1;

/// The time limit of a test or `main` run where neither the exercise nor the kit names one.
pub const DEFAULT_TIME_LIMIT_SECS: f64 = 10.0;

/// The memory a test binary or `main` may use where neither the exercise nor the kit names a
/// limit, in MiB.
pub const DEFAULT_MEMORY_LIMIT_MIB: u64 = 1024;

/// The whole `info.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitInfo {
    /// The format's version; only [`SUPPORTED_FORMAT_VERSION`] is understood.
    pub format_version: u32,
    /// The kit's name, shown in headings and recorded in the version stamp.
    #[serde(default = "default_kit_name")]
    pub kit_name: String,
    /// The kit's own version, recorded by `init`.
    #[serde(default = "default_kit_version")]
    pub kit_version: String,
    /// The oldest rustc the exercises are written for, e.g. `"1.85"`.
    pub min_rust: Option<String>,
    /// Shown before the first exercise.
    pub welcome_message: Option<String>,
    /// Shown once every exercise passes.
    pub final_message: Option<String>,
    /// Whether a passed exercise's solution is written into `solutions/`.
    #[serde(default = "yes")]
    pub write_solutions: bool,
    /// The time limit where an exercise names none, in seconds.
    pub default_time_limit: Option<f64>,
    /// The memory limit where an exercise names none, in MiB.
    pub default_memory_limit_mib: Option<u64>,
    /// The exercises, in the order a learner meets them.
    pub exercises: Vec<ExerciseEntry>,
    /// Fixed timed assessments an instructor defines (`assess --set NAME`).
    #[serde(default)]
    pub assessments: Vec<AssessmentEntry>,
    /// Crates every exercise may use, as in a manifest's `[dependencies]`; the generated
    /// manifest carries them, and the kit's `Cargo.lock` pins their versions.
    pub dependencies: Option<toml::Table>,
    /// The salt of the predict items' answer hashes and sealing keys (`dev sync` writes it).
    pub predict_salt: Option<String>,
}

/// One `[[assessments]]` entry: a named set of exercises with a time limit.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentEntry {
    /// The set's name, for `assess --set NAME` and `verify --assessment NAME`.
    pub name: String,
    /// Minutes allowed.
    pub minutes: f64,
    /// The exercises, by name, in the order they are taken.
    pub exercises: Vec<String>,
}

/// One `[[exercises]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseEntry {
    /// Unique name; the file is `exercises/<dir>/<name>.rs`.
    pub name: Spanned<String>,
    /// The track folder under `exercises/`.
    pub dir: Option<String>,
    /// `true`: judged by its tests; `false`: judged by running `main`.
    #[serde(default = "yes")]
    pub test: bool,
    /// Also judged by `cargo clippy -- -D warnings`.
    #[serde(default)]
    pub strict_clippy: bool,
    /// (rustlings) one hint; `hints` gives tiers instead.
    pub hint: Option<String>,
    /// Hints in tiers, revealed one at a time: the concept, the std API, then close.
    pub hints: Option<Vec<String>>,
    /// (rustlings) the shipped exercise may pass already.
    #[serde(default)]
    pub skip_check_unsolved: bool,
    /// 1 first contact, 2 working knowledge, 3 senior interview.
    #[serde(default = "one")]
    pub level: Spanned<u8>,
    /// How the shipped exercise must fail, parsed when `info.toml` is read.
    pub fails_with: Option<DesignedFailure>,
    /// Shown once the exercise passes.
    pub explanation: Option<String>,
    /// Time limit for the test binary or `main`, in seconds.
    pub time_limit: Option<f64>,
    /// The memory its test binary or `main` may use, in MiB.
    pub memory_limit_mib: Option<u64>,
    /// Weight in the score; defaults to the level.
    pub points: Option<u32>,
    /// Held back from the practice order: only assessments draw on it, so a learner who
    /// finished practice still meets problems they have not seen.
    #[serde(default)]
    pub assessment_only: bool,
    /// Shortcuts that would dodge the lesson, and constructs the lesson needs.
    #[serde(default)]
    pub constraints: Vec<Constraint>,
    /// An exercise to fix, or a predict item to answer.
    #[serde(default)]
    pub kind: EntryKind,
    /// A predict item's question, choices and sealed explanations (`dev sync` writes them).
    pub predict: Option<PredictEntry>,
    /// The lesson is `unsafe`: graded runs do not forbid it in the learner's code.
    #[serde(default)]
    pub allow_unsafe: bool,
    /// Traits the lesson is to implement by hand (`Drop`, `PartialEq`, …): graded runs refuse
    /// hand-written impls of [`HAND_WRITTEN_TRAITS`] elsewhere, since the tests trust them.
    #[serde(default)]
    pub manual_impls: Vec<String>,
}

/// What an `[[exercises]]` entry is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A broken program to fix, judged by the compiler and its tests.
    #[default]
    Exercise,
    /// A question about a program, answered with a choice.
    Predict,
}

/// A predict item's `[exercises.predict]` table, as `dev sync` seals it from the author's
/// `predict/<dir>/<name>.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredictEntry {
    /// Tracing (checked by compiling the program) or choice (a salted hash).
    #[serde(rename = "type")]
    pub question_type: QuestionType,
    /// The question.
    pub question: String,
    /// The program the question is about.
    pub program: Option<String>,
    /// The choices, in the order shown.
    pub choices: Vec<ChoiceEntry>,
    /// Choice items: the salted hash of the right choice.
    pub answer_hash: Option<String>,
    /// Every choice's explanation, sealed until the learner answers right or gives up.
    pub sealed: String,
    /// "Predict, then fix": the exercise the program becomes once the item is answered.
    pub then_fix: Option<String>,
}

/// `manual_impls` may name only [`HAND_WRITTEN_TRAITS`].
fn check_manual_impls(ex: &ExerciseEntry, place: &str) -> Result<()> {
    if let Some(bad) = ex
        .manual_impls
        .iter()
        .find(|t| !HAND_WRITTEN_TRAITS.contains(&t.as_str()))
    {
        bail!(
            "{place}: exercise `{}`: `manual_impls` names `{bad}`; it takes {}",
            ex.name.get_ref(),
            HAND_WRITTEN_TRAITS.join(", ")
        );
    }
    Ok(())
}

/// Traits whose hand-written impls decide what canonical assertions see (`==`, `<`, hashing,
/// `{:?}`, `*`, dropping); `manual_impls` may name them.
pub const HAND_WRITTEN_TRAITS: &[&str] = &[
    "PartialEq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Debug",
    "Deref",
    "DerefMut",
    "Drop",
];

impl ExerciseEntry {
    /// The hint tiers, from `hints` or rustlings' single `hint`, trimmed.
    pub fn hint_tiers(&self) -> Vec<String> {
        match (&self.hints, &self.hint) {
            (Some(tiers), _) => tiers.iter().map(|t| t.trim().to_owned()).collect(),
            (None, Some(hint)) => vec![hint.trim().to_owned()],
            (None, None) => Vec::new(),
        }
    }
}

/// The way a shipped exercise is designed to fail: one assertable thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DesignedFailure {
    /// A compile error whose first error carries this rustc code.
    Code(String),
    /// A compile error whose first error's message contains this text.
    Message(String),
    /// At least one test fails; with a name, that test fails.
    Test(Option<String>),
    /// A test or `main` panics with a message that is not an assertion's.
    Panic,
    /// The run hits its time limit.
    Timeout,
    /// Everything passes but strict clippy.
    Clippy,
}

impl DesignedFailure {
    /// Parses a `fails_with` value; `None` if it is not one of the documented forms.
    pub fn parse(text: &str) -> Option<DesignedFailure> {
        let is_code = text.len() == 5
            && text.starts_with('E')
            && text[1..].bytes().all(|b| b.is_ascii_digit());
        Some(match text {
            _ if is_code => DesignedFailure::Code(text.to_owned()),
            "test" => DesignedFailure::Test(None),
            "panic" => DesignedFailure::Panic,
            "timeout" => DesignedFailure::Timeout,
            "clippy" => DesignedFailure::Clippy,
            _ => {
                if let Some(name) = text.strip_prefix("test:").filter(|n| !n.is_empty()) {
                    DesignedFailure::Test(Some(name.to_owned()))
                } else if let Some(msg) = text.strip_prefix("message:").filter(|m| !m.is_empty()) {
                    DesignedFailure::Message(msg.to_owned())
                } else {
                    return None;
                }
            }
        })
    }
}

impl<'de> Deserialize<'de> for DesignedFailure {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DesignedFailure, D::Error> {
        let text = String::deserialize(deserializer)?;
        DesignedFailure::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`fails_with = {text:?}` is not understood; use a rustc code (\"E0382\"), \
                 \"message:TEXT\", \"test\", \"test:NAME\", \"panic\", \"timeout\" or \"clippy\""
            ))
        })
    }
}

impl fmt::Display for DesignedFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DesignedFailure::Code(code) => write!(f, "{code}"),
            DesignedFailure::Message(msg) => write!(f, "message:{msg}"),
            DesignedFailure::Test(None) => write!(f, "test"),
            DesignedFailure::Test(Some(name)) => write!(f, "test:{name}"),
            DesignedFailure::Panic => write!(f, "panic"),
            DesignedFailure::Timeout => write!(f, "timeout"),
            DesignedFailure::Clippy => write!(f, "clippy"),
        }
    }
}

fn yes() -> bool {
    true
}
fn one() -> Spanned<u8> {
    Spanned::new(0..0, 1)
}
fn default_kit_name() -> String {
    "rustlings-format kit".to_owned()
}
fn default_kit_version() -> String {
    "0".to_owned()
}

/// What is wrong with an entry as a predict item (or as the fix exercise of one), if anything.
fn check_predict(info: &KitInfo, ex: &ExerciseEntry) -> Result<(), String> {
    let name = ex.name.get_ref();
    let sync = "run `cargo rustskill dev sync` to seal it from its source in predict/";
    let entry = match (ex.kind, &ex.predict) {
        (EntryKind::Exercise, None) => return Ok(()),
        (EntryKind::Exercise, Some(_)) => {
            return Err(format!(
                "exercise `{name}` has a `predict` table but no `kind = \"predict\"`"
            ));
        }
        (EntryKind::Predict, None) => {
            return Err(format!(
                "predict item `{name}` is a placeholder without its question: {sync}"
            ));
        }
        (EntryKind::Predict, Some(entry)) => entry,
    };
    if info.predict_salt.as_deref().is_none_or(str::is_empty) {
        return Err(format!(
            "predict item `{name}` needs the kit-level `predict_salt`: {sync}"
        ));
    }
    if ex.fails_with.is_some() || !ex.constraints.is_empty() || ex.strict_clippy {
        return Err(format!(
            "predict item `{name}` is answered, not compiled: drop `fails_with`, `constraints` and `strict_clippy`"
        ));
    }
    if entry.choices.len() < 2 {
        return Err(format!("predict item `{name}` needs at least two choices"));
    }
    match entry.question_type {
        QuestionType::Tracing => {
            if entry.program.is_none() || entry.answer_hash.is_some() {
                return Err(format!(
                    "tracing item `{name}` needs a `program` and no `answer_hash`: the truth comes from running it"
                ));
            }
            for choice in &entry.choices {
                let claim = choice.claim.as_deref().unwrap_or_default();
                if Claim::parse(claim).is_none() {
                    return Err(format!(
                        "tracing item `{name}`: claim {claim:?} is not understood; use error:CODE, error:CODE@LINE, message:TEXT, prints:TEXT, panics or panics:TEXT"
                    ));
                }
            }
        }
        QuestionType::Choice => {
            if entry.answer_hash.is_none() || entry.choices.iter().any(|c| c.claim.is_some()) {
                return Err(format!(
                    "choice item `{name}` needs an `answer_hash` and no claims: {sync}"
                ));
            }
        }
    }
    if let Some(fix) = &entry.then_fix {
        let found = info.exercises.iter().find(|e| e.name.get_ref() == fix);
        if found.is_none_or(|e| e.kind != EntryKind::Exercise) {
            return Err(format!(
                "predict item `{name}`: `then_fix = \"{fix}\"` names no exercise of this kit"
            ));
        }
    }
    Ok(())
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.len(), |nl| before.len() - nl - 1)
        + 1;
    (line, col)
}

impl KitInfo {
    /// Parses and validates `info.toml`; errors name the file, line and column.
    pub fn parse(text: &str, path: &Path) -> Result<KitInfo> {
        let at = |offset: usize| {
            let (line, col) = line_col(text, offset);
            format!("{}:{line}:{col}", path.display())
        };
        let info: KitInfo = match toml::from_str(text) {
            Ok(info) => info,
            Err(e) => {
                let place = e
                    .span()
                    .map_or_else(|| path.display().to_string(), |s| at(s.start));
                bail!("{place}: {}", e.message().trim_end());
            }
        };
        if info.format_version != SUPPORTED_FORMAT_VERSION {
            bail!(
                "{}: format_version {} is not supported; this cargo-rustskill reads version {}. \
                 Update the tool (`cargo install cargo-rustskill`) or the kit.",
                path.display(),
                info.format_version,
                SUPPORTED_FORMAT_VERSION
            );
        }
        let mut seen = std::collections::HashMap::new();
        for ex in &info.exercises {
            let name = ex.name.get_ref();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                bail!(
                    "{}: exercise name {name:?} must be letters, digits and `_` (it names a cargo target)",
                    at(ex.name.span().start)
                );
            }
            if let Some(first) = seen.insert(name.as_str(), ex.name.span().start) {
                bail!(
                    "{}: exercise name `{name}` is used twice (first at {}); rename one of them",
                    at(ex.name.span().start),
                    at(first)
                );
            }
            if !(1..=3).contains(ex.level.get_ref()) {
                bail!("{}: `level` must be 1, 2 or 3", at(ex.level.span().start));
            }
            for limit in [ex.time_limit, info.default_time_limit]
                .into_iter()
                .flatten()
            {
                if !(limit > 0.0 && limit.is_finite()) {
                    bail!(
                        "{}: time limits must be a positive number of seconds",
                        at(ex.name.span().start)
                    );
                }
            }
            check_predict(&info, ex)
                .map_err(|why| anyhow::anyhow!("{}: {why}", at(ex.name.span().start)))?;
            check_manual_impls(ex, &at(ex.name.span().start))?;
            match (&ex.hint, &ex.hints) {
                (Some(_), Some(_)) => bail!(
                    "{}: exercise `{name}` has both `hint` and `hints`; keep `hints`, the tiers",
                    at(ex.name.span().start)
                ),
                (None, None) => bail!(
                    "{}: exercise `{name}` needs `hints = [\"the concept\", \"the std API\", \"close\"]`",
                    at(ex.name.span().start)
                ),
                _ if ex.hint_tiers().iter().any(String::is_empty) => bail!(
                    "{}: exercise `{name}` has an empty hint",
                    at(ex.name.span().start)
                ),
                _ => {}
            }
        }
        for set in &info.assessments {
            if let Some(missing) = set
                .exercises
                .iter()
                .find(|n| !seen.contains_key(n.as_str()))
            {
                bail!(
                    "{}: assessment `{}` names `{missing}`, which is not an exercise of this kit",
                    path.display(),
                    set.name
                );
            }
            if !(set.minutes > 0.0 && set.minutes.is_finite()) || set.exercises.is_empty() {
                bail!(
                    "{}: assessment `{}` needs `minutes` > 0 and at least one exercise",
                    path.display(),
                    set.name
                );
            }
        }
        Ok(info)
    }
}

#[cfg(test)]
mod tests {
    use super::{DesignedFailure, KitInfo, line_col};
    use std::path::Path;

    #[test]
    fn parses_failure_forms() {
        assert_eq!(
            DesignedFailure::parse("E0382"),
            Some(DesignedFailure::Code("E0382".into()))
        );
        assert_eq!(
            DesignedFailure::parse("test:tests::a"),
            Some(DesignedFailure::Test(Some("tests::a".into())))
        );
        assert_eq!(
            DesignedFailure::parse("message:x y"),
            Some(DesignedFailure::Message("x y".into()))
        );
        assert_eq!(DesignedFailure::parse("E038"), None);
        assert_eq!(DesignedFailure::parse("test:"), None);
    }

    #[test]
    fn fails_with_is_parsed_when_read_and_a_bad_one_names_its_place() {
        let entry = "format_version = 1\n[[exercises]]\nname = \"a\"\nhint = \"h\"\nfails_with = ";
        let info = KitInfo::parse(&format!("{entry}\"E0382\"\n"), Path::new("info.toml")).unwrap();
        assert_eq!(
            info.exercises[0].fails_with,
            Some(DesignedFailure::Code("E0382".into()))
        );
        let err = KitInfo::parse(&format!("{entry}\"E38\"\n"), Path::new("info.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("info.toml:5:14: `fails_with = \"E38\"` is not understood"),
            "{err}"
        );
    }

    #[test]
    fn line_and_column_are_one_based() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }

    #[test]
    fn rustlings_v6_keys_load() {
        let text = "format_version = 1\nwelcome_message = \"hi\"\n\n[[exercises]]\nname = \"intro1\"\ndir = \"00_intro\"\ntest = false\nskip_check_unsolved = true\nhint = \"\"\"\nnone\"\"\"\n";
        let info = KitInfo::parse(text, Path::new("info.toml")).unwrap();
        assert!(!info.exercises[0].test);
        assert_eq!(*info.exercises[0].level.get_ref(), 1);
    }

    #[test]
    fn unknown_key_names_its_line() {
        let text = "format_version = 1\n[[exercises]]\nname = \"a\"\nhint = \"h\"\nhnit = 1\n";
        let err = KitInfo::parse(text, Path::new("info.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("info.toml:5:1: unknown field `hnit`"),
            "{err}"
        );
    }

    #[test]
    fn duplicate_names_point_at_both() {
        let text = "format_version = 1\n[[exercises]]\nname = \"a\"\nhint = \"h\"\n[[exercises]]\nname = \"a\"\nhint = \"h\"\n";
        let err = KitInfo::parse(text, Path::new("info.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("info.toml:6:8") && err.contains("first at info.toml:3:8"),
            "{err}"
        );
    }
}
