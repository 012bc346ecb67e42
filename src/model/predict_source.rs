//! The author's side of predict items: the source files `predict/<dir>/<name>.toml` of a kit's
//! repository (never shipped, never built into the tool), and the sealed `info.toml` entries
//! `dev sync` makes of them. Rendering is deterministic, so `dev check` can tell whether an
//! entry is up to date with its source by rendering it again.

use std::ops::Range;
use std::path::Path;

use anyhow::{Result, bail};
use serde::Deserialize;

use crate::model::predict::{self, Claim, QuestionType, Unsealed};

/// The folder of the sources, in a kit's repository.
pub const PREDICT_DIR: &str = "predict";

/// One predict item as its author writes it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredictSource {
    /// 1–3.
    pub level: u8,
    /// Tracing or choice.
    #[serde(rename = "type")]
    pub question_type: QuestionType,
    /// The question.
    pub question: String,
    /// The program.
    pub program: Option<String>,
    /// Hint tiers: never rule a choice out by name.
    pub hints: Vec<String>,
    /// The lesson, shown after the answer.
    pub explanation: Option<String>,
    /// The choices.
    pub choices: Vec<SourceChoice>,
    /// Choice items: the right choice, 1-based.
    pub right: Option<usize>,
    /// "Predict, then fix": the exercise that follows.
    pub then_fix: Option<String>,
    /// The program's time limit, in seconds.
    pub time_limit: Option<f64>,
}

/// One choice as its author writes it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceChoice {
    /// What the learner reads.
    pub text: String,
    /// Tracing items: what it says the program does.
    pub claim: Option<String>,
    /// Why it is right or wrong.
    pub why: String,
}

/// The source file of item `name` in track `dir`, kit-relative.
pub fn source_path(dir: Option<&str>, name: &str) -> String {
    match dir {
        Some(dir) => format!("{PREDICT_DIR}/{dir}/{name}.toml"),
        None => format!("{PREDICT_DIR}/{name}.toml"),
    }
}

impl PredictSource {
    /// Parses and checks a source; errors name the file (and line, for TOML errors).
    pub fn parse(text: &str, path: &Path) -> Result<PredictSource> {
        let source: PredictSource = toml::from_str(text).map_err(|e| {
            let place = e.span().map_or_else(
                || path.display().to_string(),
                |s| {
                    let (line, col) = crate::model::info::line_col(text, s.start);
                    format!("{}:{line}:{col}", path.display())
                },
            );
            anyhow::anyhow!("{place}: {}", e.message().trim_end())
        })?;
        let shown = path.display();
        if !(1..=3).contains(&source.level) {
            bail!("{shown}: `level` must be 1, 2 or 3");
        }
        if source.choices.len() < 2 {
            bail!("{shown}: an item needs at least two choices");
        }
        if source.hints.is_empty() || source.hints.iter().any(|h| h.trim().is_empty()) {
            bail!("{shown}: `hints` needs at least one tier, none empty");
        }
        match source.question_type {
            QuestionType::Tracing => {
                if source.program.is_none() || source.right.is_some() {
                    bail!(
                        "{shown}: a tracing item has a `program` and no `right`: the truth comes from running it"
                    );
                }
                for (i, choice) in source.choices.iter().enumerate() {
                    let claim = choice.claim.as_deref().unwrap_or_default();
                    if Claim::parse(claim).is_none() {
                        bail!(
                            "{shown}: choice {}: claim {claim:?} is not understood; use error:CODE, error:CODE@LINE, message:TEXT, prints:TEXT, panics or panics:TEXT",
                            i + 1
                        );
                    }
                }
            }
            QuestionType::Choice => {
                let n = source.choices.len();
                if !source.right.is_some_and(|r| (1..=n).contains(&r)) {
                    bail!("{shown}: a choice item needs `right = N`, N from 1 to {n}");
                }
                if source.choices.iter().any(|c| c.claim.is_some()) {
                    bail!("{shown}: a choice item's choices have no `claim`");
                }
            }
        }
        Ok(source)
    }
}

/// One `[[exercises]]` block of an `info.toml`'s text.
#[derive(Clone, Debug)]
pub struct Block {
    /// Its byte range, from its header to the start of what follows (comments just before the
    /// next block belong to that block).
    pub range: Range<usize>,
    /// Its `name`.
    pub name: String,
    /// Its `dir`.
    pub dir: Option<String>,
    /// Whether it says `kind = "predict"`.
    pub predict: bool,
}

/// The `[[exercises]]` blocks of `text`, in order.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let header = trimmed.starts_with('[')
            && !trimmed.starts_with("[exercises.")
            && !trimmed.starts_with("[[exercises.");
        if header {
            starts.push((offset, trimmed == "[[exercises]]"));
        }
        offset += line.len();
    }
    let mut out = Vec::new();
    for (i, &(start, is_exercise)) in starts.iter().enumerate() {
        if !is_exercise {
            continue;
        }
        let next = starts.get(i + 1).map_or(text.len(), |&(s, _)| s);
        let end = start + trailing_start(&text[start..next]);
        let Ok(table) = toml::from_str::<toml::Table>(&text[start..end]) else {
            continue;
        };
        let Some(entry) = table
            .get("exercises")
            .and_then(|e| e.as_array())
            .and_then(|a| a.first())
        else {
            continue;
        };
        let string = |key: &str| entry.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        out.push(Block {
            range: start..end,
            name: string("name").unwrap_or_default(),
            dir: string("dir"),
            predict: string("kind").as_deref() == Some("predict"),
        });
    }
    out
}

/// Where the comment and blank lines at the end of `block` begin (they introduce what follows).
fn trailing_start(block: &str) -> usize {
    let mut end = block.len();
    let lines: Vec<&str> = block.split_inclusive('\n').collect();
    for line in lines.iter().skip(1).rev() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            end -= line.len();
        } else {
            break;
        }
    }
    end
}

/// A TOML string for `text`: a literal multi-line string where that reads better.
fn toml_string(text: &str) -> String {
    let literal_ok = text.contains('\n')
        && !text.contains("'''")
        && !text.ends_with('\'')
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t');
    if literal_ok {
        format!("'''\n{text}'''")
    } else {
        toml::Value::String(text.to_owned()).to_string()
    }
}

/// What sealing an item needs besides its source.
pub struct Seal<'a> {
    /// The kit's salt.
    pub salt: &'a str,
    /// The right choice, 0-based: `right` for a choice item, the program's truth for a
    /// tracing item.
    pub right: usize,
    /// The fix exercise's shipped file, for "predict, then fix" items.
    pub fix_source: Option<String>,
}

/// The sealed `info.toml` block of item `name` in track `dir`.
pub fn render_entry(
    name: &str,
    dir: Option<&str>,
    source: &PredictSource,
    seal: &Seal<'_>,
) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("[[exercises]]\n");
    let _ = writeln!(out, "name = {}", toml_string(name));
    if let Some(dir) = dir {
        let _ = writeln!(out, "dir = {}", toml_string(dir));
    }
    let _ = writeln!(
        out,
        "kind = \"predict\"\n# Sealed by `cargo rustskill dev sync` from {}: edit that file, then sync.\nlevel = {}",
        source_path(dir, name),
        source.level
    );
    if let Some(limit) = source.time_limit {
        let _ = writeln!(out, "time_limit = {limit}");
    }
    out.push_str("hints = [\n");
    for hint in &source.hints {
        let _ = writeln!(out, "  {},", toml_string(hint.trim()));
    }
    out.push_str("]\n\n[exercises.predict]\n");
    let _ = writeln!(out, "type = \"{}\"", source.question_type);
    let _ = writeln!(out, "question = {}", toml_string(source.question.trim()));
    if let Some(program) = &source.program {
        let _ = writeln!(out, "program = {}", toml_string(program));
    }
    if let Some(fix) = &source.then_fix {
        let _ = writeln!(out, "then_fix = {}", toml_string(fix));
    }
    let right_text = &source.choices[seal.right].text;
    if source.question_type == QuestionType::Choice {
        let hash = predict::answer_hash(seal.salt, name, seal.right, right_text);
        let _ = writeln!(out, "answer_hash = \"{hash}\"");
    }
    let unsealed = Unsealed {
        whys: source
            .choices
            .iter()
            .map(|c| c.why.trim().to_owned())
            .collect(),
        explanation: source.explanation.as_ref().map(|e| e.trim().to_owned()),
        fix_source: seal.fix_source.clone(),
    };
    let sealed = predict::seal(seal.salt, name, seal.right, right_text, &unsealed);
    let _ = writeln!(out, "sealed = \"{sealed}\"");
    for choice in &source.choices {
        let _ = writeln!(
            out,
            "\n[[exercises.predict.choices]]\ntext = {}",
            toml_string(&choice.text)
        );
        if let Some(claim) = &choice.claim {
            let _ = writeln!(out, "claim = {}", toml::Value::String(claim.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Block, PredictSource, Seal, blocks, render_entry};
    use crate::model::info::KitInfo;
    use crate::model::kit::Kit;
    use std::path::Path;

    const SOURCE: &str = r#"
level = 2
type = "choice"
question = "Which?"
program = '''
fn main() {}
'''
right = 2
hints = ["think"]
explanation = "the lesson"

[[choices]]
text = "one"
why = "no: one"

[[choices]]
text = "two"
why = "yes: two"
"#;

    #[test]
    fn a_rendered_entry_loads_and_names_no_answer() {
        let source = PredictSource::parse(SOURCE, Path::new("p.toml")).unwrap();
        let seal = Seal {
            salt: "salt",
            right: 1,
            fix_source: None,
        };
        let entry = render_entry("predict_x", Some("01_t"), &source, &seal);
        assert!(!entry.contains("yes: two") && !entry.contains("the lesson"));
        assert!(!entry.contains("right"));
        let text = format!("format_version = 1\npredict_salt = \"salt\"\n\n{entry}");
        let info = KitInfo::parse(&text, Path::new("info.toml")).unwrap();
        let kit = Kit::from_info(".".into(), info);
        let item = kit.exercises[0].predict().unwrap();
        assert_eq!(item.choices[1].text, "two");
        assert_eq!(item.hashed_right("salt", "predict_x"), Some(1));
        assert_eq!(item.opening_choices("salt", "predict_x"), vec![1]);
        let opened = item.unseal("salt", "predict_x", 1).unwrap();
        assert_eq!(opened.whys, ["no: one", "yes: two"]);
        assert_eq!(item.program.as_deref(), Some("fn main() {}\n"));
    }

    #[test]
    fn blocks_end_before_the_comments_that_introduce_the_next() {
        let text = "format_version = 1\n\n[[exercises]]\nname = \"a\"\nkind = \"predict\"\n\n# ─── next ───\n[[exercises]]\nname = \"b\"\n";
        let found: Vec<Block> = blocks(text);
        assert_eq!(found.len(), 2);
        assert!(found[0].predict && !found[1].predict);
        assert_eq!(
            &text[found[0].range.clone()],
            "[[exercises]]\nname = \"a\"\nkind = \"predict\"\n"
        );
        assert_eq!(found[1].name, "b");
    }
}
