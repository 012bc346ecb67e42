//! Constraints: shortcuts an exercise forbids because they would dodge its lesson
//! (`.clone()` in an ownership exercise, `unwrap` in an error-handling one).
//!
//! Checked on tokens of the learner's code (everything outside the test module), so comments
//! and strings never count, and renaming imports (`use std::rc::Rc as R`) still names the type.

use anyhow::{Result, bail};
use serde::Serialize;

use crate::info::ConstraintInfo;
use crate::source::{TokenKind, test_module_span, tokenize};

/// What one constraint forbids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Forbidden {
    /// A named group of identifiers (see [`GROUPS`]).
    Group(&'static str, &'static [&'static str]),
    /// The `unsafe` keyword.
    Unsafe,
    /// The `'static` lifetime.
    StaticLifetime,
    /// Any use of one identifier.
    Ident(String),
}

/// The named groups and the identifiers each rejects.
pub const GROUPS: &[(&str, &[&str])] = &[
    ("clone", &["clone", "clone_from", "to_owned", "cloned"]),
    ("unwrap", &["unwrap", "expect", "unwrap_unchecked"]),
    ("rc", &["Rc", "Arc"]),
    ("refcell", &["RefCell", "Cell", "UnsafeCell"]),
    ("leak", &["leak", "forget"]),
    ("panic", &["panic", "unreachable", "todo", "unimplemented"]),
    ("sleep", &["sleep"]),
];

impl Forbidden {
    /// Parses a `forbid` value.
    pub fn parse(text: &str) -> Result<Forbidden> {
        if let Some(name) = text.strip_prefix("ident:") {
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                bail!("`forbid = \"{text}\"`: `ident:` takes one identifier");
            }
            return Ok(Forbidden::Ident(name.to_owned()));
        }
        match text {
            "unsafe" => Ok(Forbidden::Unsafe),
            "static_lifetime" => Ok(Forbidden::StaticLifetime),
            _ => match GROUPS.iter().find(|(name, _)| *name == text) {
                Some((name, idents)) => Ok(Forbidden::Group(name, idents)),
                None => {
                    let known: Vec<&str> = GROUPS.iter().map(|(n, _)| *n).collect();
                    bail!(
                        "`forbid = \"{text}\"` is not a known constraint; use one of {}, unsafe, \
                         static_lifetime, or ident:NAME",
                        known.join(", ")
                    )
                }
            },
        }
    }

    fn matches(&self, kind: TokenKind, text: &str) -> bool {
        match (self, kind) {
            (Forbidden::Group(_, idents), TokenKind::Ident) => idents.contains(&text),
            (Forbidden::Unsafe, TokenKind::Ident) => text == "unsafe",
            (Forbidden::StaticLifetime, TokenKind::Lifetime) => text == "'static",
            (Forbidden::Ident(name), TokenKind::Ident) => text == name,
            _ => false,
        }
    }
}

/// One place where the learner's code uses something a constraint forbids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Violation {
    /// 1-based line in the exercise file.
    pub line: usize,
    /// The token as written.
    pub token: String,
    /// The constraint's `forbid` value.
    pub forbid: String,
    /// Why the lesson forbids it.
    pub why: String,
}

/// Checks the learner's part of `src` against `constraints`.
pub fn check(src: &str, constraints: &[ConstraintInfo]) -> Vec<Violation> {
    if constraints.is_empty() {
        return Vec::new();
    }
    let parsed: Vec<(Forbidden, &ConstraintInfo)> = constraints
        .iter()
        .filter_map(|c| Some((Forbidden::parse(&c.forbid).ok()?, c)))
        .collect();
    let kit_owned = test_module_span(src).unwrap_or(src.len()..src.len());
    tokenize(src)
        .into_iter()
        .filter(|t| !kit_owned.contains(&t.offset))
        .filter_map(|t| {
            let (_, info) = parsed.iter().find(|(f, _)| f.matches(t.kind, t.text))?;
            Some(Violation {
                line: t.line,
                token: t.text.to_owned(),
                forbid: info.forbid.clone(),
                why: info.why.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::info::ConstraintInfo;

    fn forbid(what: &str) -> Vec<ConstraintInfo> {
        vec![ConstraintInfo {
            forbid: what.into(),
            why: "lesson".into(),
        }]
    }

    #[test]
    fn catches_method_and_path_forms_but_not_comments() {
        let src = "// x.clone()\nlet a = s.clone();\nlet b = Clone::clone(&s);\nlet c = \"clone\";\nlet d = s.to_owned();\n";
        let lines: Vec<usize> = check(src, &forbid("clone"))
            .iter()
            .map(|v| v.line)
            .collect();
        assert_eq!(lines, [2, 3, 5]);
    }

    #[test]
    fn renamed_imports_still_name_the_type() {
        let src = "use std::rc::Rc as Shared;\nlet a = Shared::new(1);";
        assert_eq!(check(src, &forbid("rc")).len(), 1);
    }

    #[test]
    fn the_test_module_is_not_the_learners() {
        let src =
            "fn f() {}\n#[cfg(test)]\nmod tests {\n    fn g() { let _ = Some(1).unwrap(); }\n}\n";
        assert!(check(src, &forbid("unwrap")).is_empty());
    }

    #[test]
    fn static_lifetime_and_unsafe() {
        let src = "fn f() -> &'static str { unsafe { \"x\" } }";
        assert_eq!(check(src, &forbid("static_lifetime")).len(), 1);
        assert_eq!(check(src, &forbid("unsafe")).len(), 1);
    }
}
