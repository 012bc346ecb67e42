//! The constraint vocabulary of `info.toml`: what an exercise forbids or requires in the
//! learner's code, parsed once when the kit is read. Checking code against it is in
//! `constraints`.
//!
//! A rule names a group (`clone`, `unsafe`, `wildcard_arm`, …) or gives the code itself: an
//! identifier (`Arc`), a path (`thread::scope`) or a short token sequence (`static mut`). A
//! pattern matches where its tokens appear in that order, so comments, strings and spacing
//! never matter.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The named groups, and the code each one stands for.
pub const GROUPS: &[(&str, &[&str])] = &[
    ("clone", &["clone", "clone_from", "to_owned", "cloned"]),
    (
        "copy",
        &[
            "clone",
            "clone_from",
            "to_owned",
            "cloned",
            "to_string",
            "to_vec",
            "String::from",
            "ToOwned",
        ],
    ),
    ("unwrap", &["unwrap", "expect", "unwrap_unchecked"]),
    ("rc", &["Rc", "Arc"]),
    ("refcell", &["RefCell", "Cell", "UnsafeCell", "OnceCell"]),
    (
        "leak",
        &["leak", "forget", "into_raw", "ManuallyDrop", "from_raw"],
    ),
    ("panic", &["panic", "unreachable", "todo", "unimplemented"]),
    ("sleep", &["sleep", "sleep_ms", "park_timeout"]),
    ("unsafe", &["unsafe"]),
    ("static_lifetime", &["'static"]),
    ("static_mut", &["static mut"]),
    // A catch-all arm: `_`, or a lone binding such as `other` or `ref x` (a lowercase name
    // alone as a pattern matches everything).
    (
        "wildcard_arm",
        &["_ =>", "_ if", "$binding =>", "$binding if", "$binding @ _"],
    ),
];

/// Whether a rule forbids its patterns or requires one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// None of the patterns may appear.
    Forbid,
    /// At least one of the patterns must appear.
    Require,
}

/// One parsed rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Forbid or require.
    pub kind: RuleKind,
    /// The value as written in `info.toml` (`clone`, `thread::scope`), for messages.
    pub name: String,
    /// The code it stands for; each entry is one pattern.
    pub patterns: Vec<String>,
}

impl Rule {
    /// Parses a `forbid` or `require` value.
    pub fn parse(kind: RuleKind, text: &str) -> Result<Rule, String> {
        let patterns = if let Some((_, members)) = GROUPS.iter().find(|(name, _)| *name == text) {
            members.iter().map(|m| (*m).to_owned()).collect()
        } else if let Some(name) = text.strip_prefix("ident:") {
            if !is_identifier(name) {
                return Err(format!("`{text}`: `ident:` takes one identifier"));
            }
            vec![name.to_owned()]
        } else if looks_like_code(text) {
            vec![text.to_owned()]
        } else {
            let groups: Vec<&str> = GROUPS.iter().map(|(n, _)| *n).collect();
            return Err(format!(
                "`{text}` is neither a group ({}) nor code to look for (an identifier, a path \
                 such as `thread::scope`, or tokens such as `static mut`)",
                groups.join(", ")
            ));
        };
        Ok(Rule {
            kind,
            name: text.to_owned(),
            patterns,
        })
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = match self.kind {
            RuleKind::Forbid => "forbid",
            RuleKind::Require => "require",
        };
        write!(f, "{verb} {}", self.name)
    }
}

fn is_identifier(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Code to look for: Rust tokens with at least one identifier or `_` (so a stray group name
/// with a typo still reads as an identifier, and punctuation alone is refused). `$binding`
/// stands for a lone lowercase name in pattern position (`other`, `x`), not a keyword.
fn looks_like_code(text: &str) -> bool {
    text.chars().any(|c| c.is_alphanumeric() || c == '_') && !text.contains(['"', '\n'])
}

/// One entry of an exercise's `constraints`: a rule and why the lesson needs it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawConstraint")]
pub struct Constraint {
    /// What is forbidden or required.
    pub rule: Rule,
    /// Why, shown to the learner.
    pub why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConstraint {
    forbid: Option<String>,
    require: Option<String>,
    why: String,
}

impl TryFrom<RawConstraint> for Constraint {
    type Error = String;

    fn try_from(raw: RawConstraint) -> Result<Constraint, String> {
        let rule = match (raw.forbid, raw.require) {
            (Some(text), None) => Rule::parse(RuleKind::Forbid, &text)?,
            (None, Some(text)) => Rule::parse(RuleKind::Require, &text)?,
            _ => return Err("a constraint takes either `forbid` or `require`, and `why`".into()),
        };
        if raw.why.trim().is_empty() {
            return Err(format!(
                "constraint `{rule}` needs a `why`: the learner is told it"
            ));
        }
        Ok(Constraint { rule, why: raw.why })
    }
}

#[cfg(test)]
mod tests {
    use super::{Rule, RuleKind};

    #[test]
    fn groups_idents_paths_and_typos() {
        let clone = Rule::parse(RuleKind::Forbid, "clone").unwrap();
        assert!(clone.patterns.contains(&"to_owned".to_owned()));
        assert_eq!(
            Rule::parse(RuleKind::Forbid, "ident:Rc").unwrap().patterns,
            ["Rc"]
        );
        assert_eq!(
            Rule::parse(RuleKind::Require, "thread::scope")
                .unwrap()
                .patterns,
            ["thread::scope"]
        );
        assert!(Rule::parse(RuleKind::Forbid, "ident:").is_err());
        assert!(Rule::parse(RuleKind::Forbid, "=>").is_err());
        assert!(Rule::parse(RuleKind::Forbid, "\"clone\"").is_err());
        assert_eq!(
            Rule::parse(RuleKind::Forbid, "pub(crate) lines")
                .unwrap()
                .patterns,
            ["pub(crate) lines"]
        );
        assert_eq!(
            Rule::parse(RuleKind::Require, "Arc").unwrap().to_string(),
            "require Arc"
        );
    }
}
