//! One exercise's graded source: the learner's code outside the test module (its lines kept),
//! then the canonical test module (and the instructor's hidden tests) instrumented to send
//! evidence, the evidence harness, and for run-mode exercises a test that runs `main` under
//! it. Also what the learner changed that they may not, and what only a cheat needs.
//!
//! The file is read with syn. A file syn cannot read is staged with a `compile_error!` at its
//! end: where rustc cannot read it either, the learner sees rustc's own errors; where rustc
//! could, nothing the grader did not read is run.

use anyhow::Result;

use crate::analysis::cheats::{self, Rules, Shipped};
use crate::analysis::harness;
use crate::analysis::instrument;
use crate::analysis::lexical;
use crate::analysis::reader;
use crate::analysis::source::{test_module_span, tokenize};
use crate::model::kit::{Exercise, Harness};

/// The source judged for one exercise, and what the grader found.
#[derive(Debug, Default)]
pub struct GradedSource {
    /// The file to compile.
    pub source: String,
    /// What was found wrong with the learner's version: any finding makes it `tampered`.
    pub findings: Vec<String>,
    /// The tests that must send evidence, by libtest name: the canonical ones first, then the
    /// hidden ones.
    pub tests: Vec<String>,
    /// How many of `tests` are hidden (the last ones).
    pub hidden: usize,
    /// Where the learner's code ends in `source` (constraints look only before it).
    pub learner_end: usize,
}

/// What stages one exercise: the canonical kit's files for it and the run's harness name.
pub struct Stage<'a> {
    /// The exercise.
    pub exercise: &'a Exercise,
    /// The shipped (canonical) exercise file.
    pub shipped: &'a str,
    /// The instructor's hidden test module, if the kit has one for it.
    pub hidden: Option<&'a str>,
    /// The evidence harness module's name for this run.
    pub harness: &'a str,
}

impl Stage<'_> {
    /// The graded source of `learner` (the learner's file).
    pub fn graded(&self, learner: &str) -> Result<GradedSource> {
        let (learner, shipped) = (learner.to_owned(), self.shipped.to_owned());
        let exercise = self.exercise;
        let (code, findings) =
            reader::in_own_thread(move || learner_code(exercise, &learner, &shipped));
        let code = code.trim_end_matches('\n');
        let mut graded = GradedSource {
            findings,
            ..GradedSource::default()
        };
        let canonical = test_module_span(self.shipped).map(|span| &self.shipped[span]);
        let mut tail = String::new();
        if let Some(module) = canonical {
            let done = instrument::test_module(module, self.harness)?;
            tail.push_str(&done.text);
            graded.tests = done.tests;
        }
        if let Some(hidden) = self.hidden {
            let done = instrument::test_module(hidden, self.harness)?;
            tail.push('\n');
            tail.push_str(&done.text);
            graded.hidden = done.tests.len();
            graded.tests.extend(done.tests);
        }
        tail.push(' ');
        tail.push_str(&harness::module(self.harness));
        if self.exercise.harness() == Harness::Main {
            let (module, test) = harness::main_module(self.harness);
            tail.push(' ');
            tail.push_str(&module);
            graded.tests.push(test);
        }
        graded.learner_end = code.len();
        graded.source = format!("{code}\n{tail}\n");
        Ok(graded)
    }
}

/// The learner's code with their test module blanked line for line, and what was found wrong
/// with it.
fn learner_code(exercise: &Exercise, learner: &str, shipped: &str) -> (String, Vec<String>) {
    let mut findings = lexical::check(learner);
    let shipped_file = reader::parse(shipped).ok();
    let shipped_module = shipped_file.as_ref().and_then(reader::test_module);
    let canonical_module = shipped_module
        .as_ref()
        .map_or("", |(_, range)| &shipped[range.clone()]);
    let glob = canonical_module.contains("super::*") || canonical_module.contains("crate::*");
    let parsed = if findings.is_empty() {
        reader::parse(learner)
    } else {
        Err((1, "see above".into()))
    };
    let (span, unreadable) = match &parsed {
        Ok(file) => (reader::test_module(file).map(|(_, r)| r), None),
        Err((line, e)) => (test_module_span(learner), Some((*line, e.clone()))),
    };
    match span.as_ref().map(|s| &learner[s.clone()]) {
        None if !canonical_module.is_empty() => {
            findings.push("the test module was removed".to_owned())
        }
        Some(module) if !same_tokens(module, canonical_module) => {
            findings.push("the test module was changed".to_owned())
        }
        _ => {}
    }
    if let Ok(file) = &parsed {
        let shipped = shipped_file
            .as_ref()
            .map(|f| Shipped::of(f, shipped_module.as_ref().map(|(i, _)| *i)))
            .unwrap_or_default();
        let rules = Rules {
            harness: exercise.harness(),
            manual_impls: &exercise.manual_impls,
            shipped: &shipped,
            tests_glob_import: glob,
            allow_unsafe: exercise.allow_unsafe,
        };
        let skip = reader::test_module(file).map(|(i, _)| i);
        findings.extend(cheats::check(file, skip, &rules));
    }
    // Each of the learner's items under `#[forbid(unsafe_code)]` (the canonical tests may use
    // `unsafe`; the learner's code may not, unless that is the lesson), inserted on the item's
    // own first line so no line moves.
    let mut inserts: Vec<usize> = Vec::new();
    if let Ok(file) = &parsed
        && !exercise.allow_unsafe
    {
        let skip = reader::test_module(file).map(|(i, _)| i);
        for (i, item) in file.items.iter().enumerate() {
            if Some(i) != skip && !matches!(item, syn::Item::Macro(_)) {
                inserts.push(reader::item_start(item));
            }
        }
    }
    const FORBID: &str = "#[forbid(unsafe_code)] ";
    let mut code = String::with_capacity(learner.len() + inserts.len() * FORBID.len());
    let mut last = 0;
    for &at in &inserts {
        code.push_str(&learner[last..at]);
        code.push_str(FORBID);
        last = at;
    }
    code.push_str(&learner[last..]);
    if let Some(span) = span {
        // The module's range moves by the inserts before it; blank it line for line.
        let shift = inserts.iter().filter(|&&at| at <= span.start).count() * FORBID.len();
        let (start, end) = (span.start + shift, span.end + shift);
        let blank: String = code[start..end].chars().filter(|&c| c == '\n').collect();
        code = format!("{}{blank}{}", &code[..start], &code[end..]);
    }
    if let Some((line, e)) = unreadable
        && findings.is_empty()
    {
        let why = format!(
            "the grader's parser cannot read this file (line {line}: {e}); rewrite that construct"
        );
        code.push_str(&format!("\n::core::compile_error!({why:?});"));
    }
    (code, findings)
}

/// What became of a shipped file's test module in the learner's version.
#[derive(Debug, PartialEq, Eq)]
pub enum TestModule {
    /// The same, token for token (or the shipped file has none).
    Kept,
    /// Gone.
    Removed,
    /// Changed, in the module that starts on this 1-based line.
    Changed(usize),
}

/// Compares the test module of `learner` with that of `shipped`, token for token (formatting
/// and comments aside), as a graded run would: the exercise's tests are the kit's, and a pass
/// is what they say.
pub fn test_module(learner: &str, shipped: &str) -> TestModule {
    let Some(canonical) = test_module_span(shipped).map(|span| &shipped[span]) else {
        return TestModule::Kept;
    };
    match test_module_span(learner) {
        None => TestModule::Removed,
        Some(span) if same_tokens(&learner[span.clone()], canonical) => TestModule::Kept,
        Some(span) => TestModule::Changed(learner[..span.start].matches('\n').count() + 1),
    }
}

/// Whether two pieces of code are the same token for token (formatting and comments aside).
fn same_tokens(a: &str, b: &str) -> bool {
    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }
    texts(a) == texts(b)
}

#[cfg(test)]
mod tests {
    use super::{Stage, TestModule, test_module};
    use crate::model::kit::Exercise;

    const SHIPPED: &str = "fn double(x: i32) -> i32 {\n    x * 3\n}\n\nfn main() {}\n\n#[cfg(test)]\nmod tests {\n    use super::double;\n\n    #[test]\n    fn doubles() {\n        assert_eq!(double(5), 10);\n    }\n}\n";

    fn exercise(test: bool) -> Exercise {
        let info = format!(
            "format_version = 1\n[[exercises]]\nname = \"d\"\ntest = {test}\nhint = \"h\"\n"
        );
        let info = crate::model::info::KitInfo::parse(&info, std::path::Path::new("i")).unwrap();
        crate::model::kit::Kit::from_info(".".into(), info)
            .exercises
            .remove(0)
    }

    fn stage<'a>(exercise: &'a Exercise, hidden: Option<&'a str>) -> Stage<'a> {
        Stage {
            exercise,
            shipped: SHIPPED,
            hidden,
            harness: "__ev",
        }
    }

    #[test]
    fn the_learners_lines_keep_their_numbers_and_the_tests_are_canonical() {
        let exercise = exercise(true);
        let learner = SHIPPED.replace("x * 3", "x * 2").replace(
            "assert_eq!(double(5), 10);",
            "assert_eq!(double(5), 10);\n        assert!(true);",
        );
        let graded = stage(&exercise, None).graded(&learner).unwrap();
        assert_eq!(graded.findings, ["the test module was changed"]);
        assert_eq!(graded.tests, ["tests::doubles"]);
        assert!(
            graded
                .source
                .starts_with("#[forbid(unsafe_code)] fn double")
        );
        assert!(
            graded
                .source
                .contains("\n#[forbid(unsafe_code)] fn main() {}\n")
        );
        assert_eq!(graded.source.lines().nth(1), Some("    x * 2"));
        assert!(
            graded
                .source
                .contains("crate::__ev::run(\"tests::doubles\"")
        );
        assert!(graded.source.contains("mod __ev {"));
    }

    #[test]
    fn hidden_tests_and_mains_send_evidence_too() {
        let exercise = exercise(false);
        let hidden = "#[cfg(test)]\nmod hidden {\n    #[test]\n    fn seven() { assert_eq!(super::double(7), 14); }\n}";
        let graded = stage(&exercise, Some(hidden)).graded(SHIPPED).unwrap();
        assert!(graded.findings.is_empty(), "{:?}", graded.findings);
        assert_eq!(
            graded.tests,
            ["tests::doubles", "hidden::seven", "__rustskill_main::runs"]
        );
        assert_eq!(graded.hidden, 1);
        assert!(
            graded
                .source
                .contains("run_main(\"__rustskill_main::runs\", super::main)")
        );
    }

    #[test]
    fn a_file_the_parser_cannot_read_does_not_compile() {
        let exercise = exercise(true);
        let learner = SHIPPED.replace("fn main() {}", "fn main() {} fn broken( {}");
        let graded = stage(&exercise, None).graded(&learner).unwrap();
        assert!(graded.findings.is_empty());
        assert!(
            graded.source.contains(
                "::core::compile_error!(\"the grader's parser cannot read this file (line 5"
            ),
            "{}",
            graded.source
        );
    }

    #[test]
    fn a_test_module_kept_token_for_token_is_kept_and_any_other_is_not() {
        let reformatted = SHIPPED.replace(
            "assert_eq!(double(5), 10);",
            "assert_eq!( double(5) , 10 ); // ok",
        );
        assert_eq!(test_module(&reformatted, SHIPPED), TestModule::Kept);
        let gone = &SHIPPED[..SHIPPED.find("#[cfg(test)]").unwrap()];
        assert_eq!(test_module(gone, SHIPPED), TestModule::Removed);
        let weakened = SHIPPED.replace("assert_eq!(double(5), 10);", "");
        assert_eq!(test_module(&weakened, SHIPPED), TestModule::Changed(7));
        // A file shipped without tests has nothing to keep.
        assert_eq!(
            test_module("fn main() {}", "fn main() {}\n"),
            TestModule::Kept
        );
    }
}
