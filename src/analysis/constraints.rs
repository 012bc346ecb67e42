//! Constraints: shortcuts an exercise forbids because they would dodge its lesson (`.clone()`
//! in an ownership exercise, `unwrap` in an error-handling one), and constructs it requires
//! because they are the lesson (`Arc`, `thread::scope`).
//!
//! Checked on tokens of the learner's code (everything outside the test module), so comments
//! and strings never count, and renaming imports (`use std::rc::Rc as R`) still names the type.

use crate::analysis::arms;
use crate::analysis::source::{Token, TokenKind, test_module_span, tokenize};
use crate::model::outcome::Violation;
use crate::model::rules::{Constraint, RuleKind};

/// Checks the learner's part of `src` against `constraints`.
pub fn check(src: &str, constraints: &[Constraint]) -> Vec<Violation> {
    if constraints.is_empty() {
        return Vec::new();
    }
    let kit_owned = test_module_span(src).unwrap_or(src.len()..src.len());
    let tokens: Vec<Token<'_>> = tokenize(src)
        .into_iter()
        .filter(|t| !kit_owned.contains(&t.offset))
        .collect();
    let mut violations = Vec::new();
    for constraint in constraints {
        let rule = &constraint.rule;
        let hits: Vec<(usize, usize)> = rule
            .patterns
            .iter()
            .flat_map(|pattern| find(&tokens, pattern))
            .collect();
        match rule.kind {
            RuleKind::Forbid => {
                let mut lines = Vec::new();
                for (at, len) in hits {
                    lines.push(tokens[at].line);
                    let found: Vec<&str> = tokens[at..at + len].iter().map(|t| t.text).collect();
                    violations.push(Violation {
                        line: Some(tokens[at].line),
                        found: Some(join_tokens(&found)),
                        rule: rule.to_string(),
                        why: constraint.why.clone(),
                    });
                }
                // Catch-all arms the tokens miss (`Other =>`, `(_)`), read with syn.
                if rule.name == "wildcard_arm" {
                    let learner = kit_owned_blanked(src, &kit_owned);
                    for (line, found) in arms::catch_all_arms(&learner).unwrap_or_default() {
                        if !lines.contains(&line) {
                            violations.push(Violation {
                                line: Some(line),
                                found: Some(found),
                                rule: rule.to_string(),
                                why: constraint.why.clone(),
                            });
                        }
                    }
                }
            }
            RuleKind::Require if hits.is_empty() => violations.push(Violation {
                line: None,
                found: None,
                rule: rule.to_string(),
                why: constraint.why.clone(),
            }),
            RuleKind::Require => {}
        }
    }
    violations.sort_by_key(|v| v.line.unwrap_or(0));
    violations
}

/// `src` with the kit-owned range replaced by its line breaks (lines keep their numbers).
fn kit_owned_blanked(src: &str, kit_owned: &std::ops::Range<usize>) -> String {
    let blank: String = src[kit_owned.clone()]
        .chars()
        .filter(|&c| c == '\n')
        .collect();
    format!(
        "{}{blank}{}",
        &src[..kit_owned.start],
        &src[kit_owned.end..]
    )
}

/// The placeholder for a lone binding in a pattern (`other =>`): a lowercase identifier that
/// is not a keyword, with `ref`/`mut` allowed before it.
const BINDING: &str = "$binding";

/// Keywords that can stand where a binding would (`else if`, `move |x|`, …).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
    "where", "while", "yield",
];

fn is_binding(token: &Token<'_>) -> bool {
    token.kind == TokenKind::Ident
        && token.text != "_"
        && token
            .text
            .starts_with(|c: char| c.is_lowercase() || c == '_')
        && !KEYWORDS.contains(&token.text)
}

/// Where the tokens of `pattern` appear in order in `tokens`: (start, length) of each.
fn find(tokens: &[Token<'_>], pattern: &str) -> Vec<(usize, usize)> {
    let wanted: Vec<&str> = if let Some(rest) = pattern.strip_prefix(BINDING) {
        std::iter::once(BINDING)
            .chain(tokenize(rest).into_iter().map(|t| t.text))
            .collect()
    } else {
        tokenize(pattern).into_iter().map(|t| t.text).collect()
    };
    if wanted.is_empty() || wanted.len() > tokens.len() {
        return Vec::new();
    }
    (0..=tokens.len() - wanted.len())
        .filter(|&i| {
            let at_arm_start = |i: usize| {
                // A binding catch-all starts an arm: after `{`, `,`, `}` or `|`, or after
                // `ref`/`mut` that do.
                let mut j = i;
                while j > 0 && matches!(tokens[j - 1].text, "ref" | "mut") {
                    j -= 1;
                }
                j == 0 || matches!(tokens[j - 1].text, "{" | "," | "}" | "|")
            };
            tokens[i..i + wanted.len()]
                .iter()
                .zip(&wanted)
                .all(|(t, w)| {
                    if *w == BINDING {
                        is_binding(t) && at_arm_start(i)
                    } else {
                        t.text == *w
                    }
                })
        })
        .map(|i| (i, wanted.len()))
        .collect()
}

/// Tokens back into code for a message: `thread::scope`, `static mut`, `_ =>`.
fn join_tokens(tokens: &[&str]) -> String {
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        let glued =
            |t: &str| t.len() == 1 && t != "_" && t.chars().all(|c| c.is_ascii_punctuation());
        if i > 0
            && !(glued(token) && glued(tokens[i - 1]))
            && !(*token == ":" || tokens[i - 1] == ":")
        {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::model::rules::{Constraint, Rule, RuleKind};

    fn rule(kind: RuleKind, what: &str) -> Vec<Constraint> {
        vec![Constraint {
            rule: Rule::parse(kind, what).unwrap(),
            why: "lesson".into(),
        }]
    }

    fn forbid(what: &str) -> Vec<Constraint> {
        rule(RuleKind::Forbid, what)
    }

    #[test]
    fn catches_method_and_path_forms_but_not_comments() {
        let src = "// x.clone()\nlet a = s.clone();\nlet b = Clone::clone(&s);\nlet c = \"clone\";\nlet d = s.to_owned();\n";
        let lines: Vec<Option<usize>> = check(src, &forbid("clone"))
            .iter()
            .map(|v| v.line)
            .collect();
        assert_eq!(lines, [Some(2), Some(3), Some(5)]);
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
    fn static_lifetime_unsafe_static_mut_and_wildcard_arms() {
        let src = "static mut N: u8 = 0;\nfn f() -> &'static str { unsafe { \"x\" } }\nfn g(x: u8) -> u8 { match x { 1 => 2, _ => 0 } }";
        assert_eq!(check(src, &forbid("static_lifetime")).len(), 1);
        assert_eq!(check(src, &forbid("unsafe")).len(), 1);
        let static_mut = check(src, &forbid("static_mut"));
        assert_eq!(static_mut[0].found.as_deref(), Some("static mut"));
        let arms = check(src, &forbid("wildcard_arm"));
        assert_eq!((arms.len(), arms[0].line), (1, Some(3)));
        assert_eq!(arms[0].found.as_deref(), Some("_ =>"));
    }

    #[test]
    fn a_lone_binding_is_a_catch_all_but_variants_and_else_if_are_not() {
        let src = "fn g(s: Shape) -> u8 {\n    match s {\n        Shape::Dot => 0,\n        other => 1,\n    }\n}\nfn h(x: u8) -> u8 { match x { 0 => 1, ref n if *n > 3 => 2, Red => 3, n @ _ => 4 } }\nfn k(a: bool) -> u8 { if a { 1 } else if !a { 2 } else { 3 } }";
        let arms = check(src, &forbid("wildcard_arm"));
        let found: Vec<(Option<usize>, Option<&str>)> =
            arms.iter().map(|v| (v.line, v.found.as_deref())).collect();
        assert_eq!(
            found,
            [
                (Some(4), Some("other =>")),
                (Some(7), Some("_ =>")),
                (Some(7), Some("n if")),
                (Some(7), Some("n @ _"))
            ]
        );
    }

    #[test]
    fn required_code_must_appear_outside_the_tests() {
        let require = rule(RuleKind::Require, "thread::scope");
        let uses = "fn f() { std::thread::scope(|s| {}); }";
        assert!(check(uses, &require).is_empty());
        let lacks = "fn f() {}\n#[cfg(test)]\nmod tests { fn t() { std::thread::scope(|s| {}); } }";
        let missing = check(lacks, &require);
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].line, None);
        assert_eq!(missing[0].rule, "require thread::scope");
    }
}
