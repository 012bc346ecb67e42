//! Tamper checks on a learner's exercise file, for graded runs: their code outside the test
//! module with the canonical test module put back (std macros called by path), what changed in
//! the test module, and constructs only a cheat needs (`#[no_mangle]`, `cfg(test)`, an early
//! `process::exit`).

use crate::analysis::source::{Token, TokenKind, test_module_span, tokenize};
use crate::model::kit::{Exercise, Harness};

/// Std macros the canonical tests may use, called by path in graded runs.
const STD_MACROS: &[&str] = &[
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "panic",
    "vec",
    "format",
    "matches",
    "println",
    "print",
    "eprintln",
    "eprint",
    "write",
    "writeln",
    "unreachable",
    "todo",
    "unimplemented",
    "format_args",
];

/// Inner attributes a learner may use: lint levels. Anything else at crate level (`no_main`,
/// `no_implicit_prelude`, `test_runner`, `feature`) changes how tests are built or run.
const ALLOWED_INNER_ATTRIBUTES: &[&str] = &["allow", "warn", "deny", "forbid", "expect"];

/// Attributes only a cheat needs in an exercise: they run code before `main` or replace
/// symbols the harness uses.
const CHEAT_ATTRIBUTES: &[&str] = &[
    "no_mangle",
    "export_name",
    "link_section",
    "link_name",
    "used",
    "naked",
];

/// Calls that end the test process early, before the harness can report a failure.
const CHEAT_CALLS: &[&str] = &["exit", "_exit", "abort", "quick_exit"];

/// The source judged for one exercise, and what was found wrong with the learner's version.
pub fn graded_source(exercise: &Exercise, learner: &str, shipped: &str) -> (String, Vec<String>) {
    let mut findings = Vec::new();
    let canonical_module = test_module_span(shipped)
        .map(|span| &shipped[span])
        .unwrap_or("");
    let (code, learner_module) = match test_module_span(learner) {
        Some(span) => {
            // Blank the learner's test module line for line, so everything after it keeps its
            // line number too.
            let blank: String = learner[span.clone()]
                .chars()
                .filter(|&c| c == '\n')
                .collect();
            let code = format!("{}{blank}{}", &learner[..span.start], &learner[span.end..]);
            (code, Some(&learner[span]))
        }
        None => (learner.to_owned(), None),
    };
    match learner_module {
        None if !canonical_module.is_empty() => {
            findings.push("the test module was removed".to_owned())
        }
        Some(module) if !same_tokens(module, canonical_module) => {
            findings.push("the test module was changed".to_owned())
        }
        _ => {}
    }
    findings.extend(cheats(&code, exercise.harness()));
    let graded = format!(
        "{}\n{}\n",
        code.trim_end_matches('\n'),
        with_path_macros(canonical_module)
    );
    (graded, findings)
}

/// The shipped exercise with its test module's std macros called by path.
pub fn shipped_with_path_macros(shipped: &str) -> String {
    match test_module_span(shipped) {
        Some(span) => format!(
            "{}{}{}",
            &shipped[..span.start],
            with_path_macros(&shipped[span.clone()]),
            &shipped[span.end..]
        ),
        None => shipped.to_owned(),
    }
}

/// Whether two pieces of code are the same token for token (formatting and comments aside).
fn same_tokens(a: &str, b: &str) -> bool {
    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }
    texts(a) == texts(b)
}

/// Rewrites `assert_eq!(…)` to `::std::assert_eq!(…)` and so on: a path-based macro call cannot
/// be shadowed by a `macro_rules!` of the same name. Same lines, only longer.
pub fn with_path_macros(module: &str) -> String {
    let tokens = tokenize(module);
    let mut out = String::with_capacity(module.len() + 256);
    let mut last = 0;
    for (i, token) in tokens.iter().enumerate() {
        let is_macro_call = token.kind == TokenKind::Ident
            && STD_MACROS.contains(&token.text)
            && tokens.get(i + 1).is_some_and(|t| t.text == "!")
            && !(i >= 1 && tokens[i - 1].text == ":");
        if is_macro_call {
            out.push_str(&module[last..token.offset]);
            out.push_str("::std::");
            last = token.offset;
        }
    }
    out.push_str(&module[last..]);
    out
}

/// Constructs in the learner's code that only a cheat needs.
pub fn cheats(code: &str, harness: Harness) -> Vec<String> {
    let tokens = tokenize(code);
    let mut found = Vec::new();
    let mut note = |token: &Token<'_>, what: String| {
        let line = format!("line {}: {what}", token.line);
        if !found.contains(&line) {
            found.push(line);
        }
    };
    for (i, token) in tokens.iter().enumerate() {
        let next = |k: usize| tokens.get(i + k).map_or("", |t| t.text);
        if token.text == "#"
            && next(1) == "!"
            && next(2) == "["
            && !ALLOWED_INNER_ATTRIBUTES.contains(&next(3))
        {
            note(
                token,
                format!("`#![{}]` changes how the exercise is built", next(3)),
            );
        }
        // `#[no_mangle]`, and edition 2024's `#[unsafe(no_mangle)]`.
        let attribute = if next(2) == "unsafe" && next(3) == "(" {
            next(4)
        } else {
            next(2)
        };
        if token.text == "#" && next(1) == "[" && CHEAT_ATTRIBUTES.contains(&attribute) {
            note(
                token,
                format!("`#[{attribute}]` is not allowed in exercises"),
            );
        }
        if token.kind == TokenKind::Ident
            && matches!(token.text, "cfg" | "cfg_attr")
            && next(1) == "("
        {
            // cfg(test), cfg(not(test)), cfg_attr(test, …): code that differs under test.
            let args: Vec<&str> = tokens[i + 2..].iter().take(4).map(|t| t.text).collect();
            if args.first() == Some(&"test") || args.starts_with(&["not", "(", "test"]) {
                note(token, "code that differs when tested (`cfg(test)`) is not allowed outside the test module".into());
            }
        }
        if harness == Harness::Tests
            && token.kind == TokenKind::Ident
            && CHEAT_CALLS.contains(&token.text)
        {
            note(
                token,
                format!(
                    "`{}` ends the test process before the tests can report",
                    token.text
                ),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{cheats, with_path_macros};
    use crate::model::kit::Harness;

    #[test]
    fn std_macros_are_called_by_path() {
        let module = "mod tests {\n    fn t() { assert_eq!(1, 1); ::std::assert!(true); let v = vec![1]; }\n}";
        assert_eq!(
            with_path_macros(module),
            "mod tests {\n    fn t() { ::std::assert_eq!(1, 1); ::std::assert!(true); let v = ::std::vec![1]; }\n}"
        );
    }

    #[test]
    fn cheats_are_found_with_their_lines() {
        let code = "#![no_implicit_prelude]\n#![allow(dead_code)]\n#[unsafe(no_mangle)]\nfn f() { std::process::exit(0) }\n#[cfg(test)]\nfn g() {}\n#[cfg(not(test))]\nfn h() {}";
        let found = cheats(code, Harness::Tests);
        let lines: Vec<&str> = found.iter().map(|f| f.split(':').next().unwrap()).collect();
        assert_eq!(
            lines,
            ["line 1", "line 3", "line 4", "line 5", "line 7"],
            "{found:?}"
        );
        assert!(found[1].contains("`#[no_mangle]`"));
        assert!(
            cheats("fn main() { std::process::exit(1) }", Harness::Main).is_empty(),
            "run-mode mains may exit"
        );
    }
}
