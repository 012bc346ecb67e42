//! Constructs in a learner's code that only a cheat needs, found with a real parser (syn) so
//! `cfg_attr`, `cfg!(test)` and renamed imports are seen and a variable named `exit` is not.
//!
//! These checks explain; they do not decide. A graded test passes only on the evidence its
//! own canonical code sends (see `instrument`), and `unsafe` is refused by the compiler; what
//! is found here makes the exercise `tampered`, with the reason, so the learner knows why.
//! What syn leaves unparsed (macro bodies and invocations, attribute arguments) is scanned as
//! tokens for the same constructs.

use std::collections::{HashMap, HashSet};

use quote::ToTokens;
use syn::visit::{self, Visit};

use crate::analysis::attributes::{flattened, group_mentions_test, mentions_test};
use crate::analysis::reader::{self, Flat, item_names};
use crate::model::kit::Harness;

/// Inner attributes a learner may put at the top of the file: lint levels and docs.
const CRATE_ATTRIBUTES: &[&str] = &["allow", "warn", "deny", "forbid", "expect", "doc"];

/// Attributes that run code before `main`, replace symbols or change what names mean.
const CHEAT_ATTRIBUTES: &[&str] = &[
    "no_mangle",
    "export_name",
    "link_section",
    "link_name",
    "used",
    "naked",
    "global_allocator",
    "panic_handler",
    "no_implicit_prelude",
    "no_std",
    "no_main",
];

/// Macros that read other files or bypass the compiler's checks.
const CHEAT_MACROS: &[&str] = &[
    "include",
    "include_str",
    "include_bytes",
    "asm",
    "global_asm",
    "naked_asm",
];

/// Names a learner's top-level item may not take: the canonical tests reach the standard
/// library through them.
const RESERVED_NAMES: &[&str] = &["std", "core", "alloc", "proc_macro", "test"];

/// Calls that end the test process.
const EXIT_CALLS: &[&str] = &["exit", "_exit", "abort", "quick_exit"];

/// Traits whose hand-written impls decide what the canonical assertions see (the model's
/// `HAND_WRITTEN_TRAITS`), and why.
const WATCHED_TRAITS: &[(&str, &str)] = &[
    (
        "PartialEq",
        "the tests compare with `==` and `assert_eq!`, so a hand-written `eq` decides what they see; derive it",
    ),
    (
        "PartialOrd",
        "a hand-written comparison decides what `<` and sorting show the tests; derive it",
    ),
    (
        "Ord",
        "a hand-written comparison decides what `<` and sorting show the tests; derive it",
    ),
    (
        "Hash",
        "a hand-written hash decides what maps and sets show the tests; derive it",
    ),
    (
        "Debug",
        "a hand-written `Debug` decides what the tests print and compare as text; derive it",
    ),
    (
        "Deref",
        "a hand-written `Deref` decides what `*` and method calls reach in the tests",
    ),
    (
        "DerefMut",
        "a hand-written `DerefMut` decides what `*` and method calls reach in the tests",
    ),
    (
        "Drop",
        "a hand-written `Drop` runs hidden code whenever the tests drop a value",
    ),
];

/// Names in the std prelude: a glob import of the learner's items into the tests would let a
/// learner's item of that name replace it.
const PRELUDE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "Default",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "drop",
    "Debug",
    "Hash",
    "assert",
    "assert_eq",
    "panic",
    "vec",
    "format",
];

/// What the exercise allows and what it shipped with.
pub struct Rules<'a> {
    /// Tests or `main`: only test binaries must not end early.
    pub harness: Harness,
    /// Traits the exercise teaches implementing by hand (`manual_impls` in `info.toml`).
    pub manual_impls: &'a [String],
    /// The learner's part of the shipped exercise, as it came.
    pub shipped: &'a Shipped,
    /// Whether the canonical tests glob-import the learner's items (`use super::*`).
    pub tests_glob_import: bool,
    /// Whether the lesson is `unsafe` (else the compiler refuses it in the learner's items,
    /// and macros must not write it where the compiler's check does not reach).
    pub allow_unsafe: bool,
}

/// Hand-written impls and macros of the shipped exercise: the kit's own are not a learner's.
#[derive(Debug, Default)]
pub struct Shipped {
    tokens: HashSet<String>,
}

impl Shipped {
    /// The watched impls and the macros of the shipped file's learner part.
    pub fn of(file: &syn::File, skip: Option<usize>) -> Shipped {
        let mut collector = ShippedCollector::default();
        for (i, item) in file.items.iter().enumerate() {
            if Some(i) != skip {
                collector.visit_item(item);
            }
        }
        Shipped {
            tokens: collector.tokens,
        }
    }
}

#[derive(Default)]
struct ShippedCollector {
    tokens: HashSet<String>,
}

impl<'ast> Visit<'ast> for ShippedCollector {
    fn visit_item_impl(&mut self, node: &'ast syn::ItemImpl) {
        self.tokens.insert(node.to_token_stream().to_string());
        visit::visit_item_impl(self, node);
    }
    fn visit_macro(&mut self, node: &'ast syn::Macro) {
        self.tokens.insert(node.to_token_stream().to_string());
    }
}

/// The constructs in `file` (all items but the one at `skip`, the kit's test module) that only
/// a cheat needs: `line N: what, and why`.
pub fn check(file: &syn::File, skip: Option<usize>, rules: &Rules<'_>) -> Vec<String> {
    let mut finder = Finder {
        rules,
        found: Vec::new(),
        aliases: HashMap::new(),
        exit_names: HashSet::new(),
    };
    let mut uses = UseCollector::default();
    for (i, item) in file.items.iter().enumerate() {
        if Some(i) != skip {
            uses.visit_item(item);
        }
    }
    finder.aliases = uses.aliases;
    finder.exit_names = uses.exit_names;
    for (line, rename) in uses.renamed_macros {
        finder.note(
            line,
            format!("`use … as {rename}` renames a macro the grader checks; call it by its name"),
        );
    }
    for attr in &file.attrs {
        finder.crate_attribute(attr);
    }
    for (i, item) in file.items.iter().enumerate() {
        if Some(i) == skip {
            continue;
        }
        finder.top_level_name(item);
        finder.visit_item(item);
    }
    finder.found.sort_by_key(|(line, _)| *line);
    finder
        .found
        .into_iter()
        .map(|(line, what)| format!("line {line}: {what}"))
        .collect()
}

/// Every `use` of the learner's code: renames (`as`) and imported exit functions.
#[derive(Default)]
struct UseCollector {
    /// Local name → the name it renames.
    aliases: HashMap<String, String>,
    /// Local names of imported `exit`/`abort`.
    exit_names: HashSet<String>,
    /// Macros the grader checks, imported under another name: (line, new name).
    renamed_macros: Vec<(usize, String)>,
}

impl<'ast> Visit<'ast> for UseCollector {
    fn visit_use_name(&mut self, node: &'ast syn::UseName) {
        let name = node.ident.to_string();
        if EXIT_CALLS.contains(&name.as_str()) {
            self.exit_names.insert(name);
        }
    }
    fn visit_use_rename(&mut self, node: &'ast syn::UseRename) {
        let (from, to) = (node.ident.to_string(), node.rename.to_string());
        if EXIT_CALLS.contains(&from.as_str()) {
            self.exit_names.insert(to.clone());
        }
        if CHEAT_MACROS.contains(&from.as_str()) {
            self.renamed_macros
                .push((reader::line(node.rename.span()), to.clone()));
        }
        self.aliases.insert(to, from);
    }
}

/// What scanned tokens come from.
#[derive(Clone, Copy)]
enum Scanned<'a> {
    /// An attribute's arguments (`derive(PartialEq)` names traits without implementing them).
    Attribute,
    /// A macro, as written in full: the kit's own macros are not a learner's.
    Macro(&'a str),
}

struct Finder<'r> {
    rules: &'r Rules<'r>,
    found: Vec<(usize, String)>,
    aliases: HashMap<String, String>,
    exit_names: HashSet<String>,
}

impl Finder<'_> {
    fn note(&mut self, line: usize, what: String) {
        if !self.found.iter().any(|(l, w)| *l == line && *w == what) {
            self.found.push((line, what));
        }
    }

    /// The name `name` stands for, through `use … as …`.
    fn resolved<'a>(&'a self, name: &'a str) -> &'a str {
        self.aliases.get(name).map_or(name, String::as_str)
    }

    fn crate_attribute(&mut self, attr: &syn::Attribute) {
        let line = reader::line(attr.pound_token.span);
        for (name, _) in flattened(&attr.meta) {
            if !CRATE_ATTRIBUTES.contains(&name.as_str()) && name != "cfg_attr" {
                self.note(
                    line,
                    format!("`#![{name}]` changes how the exercise is built or what its names mean; only lint levels (`#![allow(…)]`) may stand at the top"),
                );
            }
        }
    }

    fn top_level_name(&mut self, item: &syn::Item) {
        let mut names = Vec::new();
        item_names(item, &mut names);
        for (line, name) in names {
            if RESERVED_NAMES.contains(&name.as_str()) {
                self.note(
                    line,
                    format!("an item named `{name}` shadows the crate the tests reach through that name; rename it"),
                );
            } else if self.rules.tests_glob_import && PRELUDE_NAMES.contains(&name.as_str()) {
                self.note(
                    line,
                    format!("an item named `{name}` replaces the standard `{name}` in the tests, which import your items with `*`; rename it"),
                );
            }
        }
    }

    fn attribute(&mut self, attr: &syn::Attribute) {
        let line = reader::line(attr.pound_token.span);
        for (name, meta) in flattened(&attr.meta) {
            if CHEAT_ATTRIBUTES.contains(&name.as_str()) {
                self.note(line, format!("`#[{name}]` is not allowed in exercises: it runs code before the tests, replaces symbols they use, or changes what names mean"));
            }
            if name == "path" {
                self.note(line, "`#[path]` points a module at another file, which the grader does not take from your repository".into());
            }
            if matches!(name.as_str(), "test" | "bench" | "test_case") {
                self.note(line, "a test outside the kit's test module: only the kit's own tests count, so yours would never run".into());
            }
            if matches!(name.as_str(), "cfg" | "cfg_attr") && mentions_test(meta) {
                self.cfg_test(line);
            }
            if let syn::Meta::List(list) = meta {
                self.scan(&reader::flatten(list.tokens.clone()), Scanned::Attribute);
            }
        }
    }

    fn cfg_test(&mut self, line: usize) {
        self.note(
            line,
            "code that differs when tested (`cfg(test)`) is not allowed outside the test module"
                .into(),
        );
    }

    /// Scans tokens syn did not parse (macro bodies and invocations, attribute arguments).
    fn scan(&mut self, tokens: &[Flat], scanned: Scanned<'_>) {
        let at = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
        for (i, token) in tokens.iter().enumerate() {
            let text = token.text.as_str();
            if CHEAT_MACROS.contains(&text) && at(i + 1) == "!" {
                self.cheat_macro(token.line, text);
            }
            if matches!(text, "cfg" | "cfg_attr") && group_mentions_test(&tokens[i + 1..]) {
                self.cfg_test(token.line);
            }
            if text == "#" {
                let j = if at(i + 1) == "!" { i + 2 } else { i + 1 };
                let k = if at(j + 2) == "unsafe" { j + 4 } else { j + 1 };
                let test = matches!(at(k), "test" | "bench" | "test_case") && at(k + 1) == "]";
                if at(j) == "[" && (CHEAT_ATTRIBUTES.contains(&at(k)) || at(k) == "path" || test) {
                    self.note(
                        token.line,
                        format!(
                            "`#[{}]` written by a macro is not allowed in exercises",
                            at(k)
                        ),
                    );
                }
            }
            if text == "extern" && at(i + 1) == "crate" {
                self.extern_crate(token.line);
            }
            if text == "mod" && at(i + 2) == ";" {
                self.out_of_line(token.line);
            }
            // In attribute arguments `unsafe(…)` and trait names are the compiler's to check.
            let Scanned::Macro(whole) = scanned else {
                continue;
            };
            if text == "unsafe" && !self.rules.allow_unsafe {
                self.note(token.line, "`unsafe` written by a macro: graded runs compile your code without `unsafe`, and a macro's output is where that check cannot follow".into());
            }

            let resolved = self.resolved(text).to_owned();
            if let Some((name, _)) = WATCHED_TRAITS.iter().find(|(t, _)| *t == resolved)
                && !self.rules.manual_impls.iter().any(|m| m == name)
                && !self.rules.shipped.tokens.contains(whole)
            {
                self.note(token.line, format!("a macro names `{name}`: the grader cannot see what it generates, and a hand-written `{name}` is not allowed here"));
            }
        }
    }

    fn cheat_macro(&mut self, line: usize, name: &str) {
        let why = if name.starts_with("include") {
            "reads another file at compile time, which the grader does not take from your repository"
        } else {
            "is not allowed in exercises"
        };
        self.note(line, format!("`{name}!` {why}"));
    }

    fn extern_crate(&mut self, line: usize) {
        self.note(line, "`extern crate` can give a crate another name (`extern crate core as std`); the kit's crates need none".into());
    }

    fn out_of_line(&mut self, line: usize) {
        self.note(line, "`mod name;` pulls in another file, which the grader does not take from your repository; write the module inline (`mod name { … }`)".into());
    }

    fn exit(&mut self, line: usize, name: &str) {
        if self.rules.harness == Harness::Tests {
            self.note(
                line,
                format!("`{name}` ends the test process before the tests can report"),
            );
        }
    }
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_attribute(&mut self, node: &'ast syn::Attribute) {
        self.attribute(node);
        visit::visit_attribute(self, node);
    }

    fn visit_item_mod(&mut self, node: &'ast syn::ItemMod) {
        if node.content.is_none() {
            self.out_of_line(reader::line(node.mod_token.span));
        }
        visit::visit_item_mod(self, node);
    }

    fn visit_item_extern_crate(&mut self, node: &'ast syn::ItemExternCrate) {
        self.extern_crate(reader::line(node.extern_token.span));
        visit::visit_item_extern_crate(self, node);
    }

    fn visit_item_impl(&mut self, node: &'ast syn::ItemImpl) {
        if let Some((_, path, _)) = &node.trait_ {
            let name = reader::last_segment(path);
            let name = self.resolved(&name).to_owned();
            if let Some((trait_name, why)) = WATCHED_TRAITS.iter().find(|(t, _)| *t == name) {
                let allowed = self.rules.manual_impls.iter().any(|m| m == trait_name);
                let shipped = self
                    .rules
                    .shipped
                    .tokens
                    .contains(&node.to_token_stream().to_string());
                if !allowed && !shipped {
                    let line = reader::line(node.impl_token.span);
                    self.note(line, format!("a hand-written `impl {trait_name}`: {why}"));
                }
            }
        }
        visit::visit_item_impl(self, node);
    }

    fn visit_macro(&mut self, node: &'ast syn::Macro) {
        let name = reader::last_segment(&node.path);
        let line = node
            .path
            .segments
            .first()
            .map_or(0, |s| reader::line(s.ident.span()));
        let name = self.resolved(&name).to_owned();
        if CHEAT_MACROS.contains(&name.as_str()) {
            self.cheat_macro(line, &name);
        }
        let tokens = reader::flatten(node.tokens.clone());
        if name == "cfg" && tokens.iter().any(|t| t.text == "test") {
            self.cfg_test(line);
        }
        let whole = node.to_token_stream().to_string();
        self.scan(&tokens, Scanned::Macro(&whole));
        visit::visit_macro(self, node);
    }

    fn visit_expr_call(&mut self, node: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = &*node.func {
            let segments = &path.path.segments;
            let last = reader::last_segment(&path.path);
            let imported = segments.len() == 1 && self.exit_names.contains(&last);
            let resolved = self.resolved(&last).to_owned();
            let names: Vec<String> = segments.iter().map(|s| s.ident.to_string()).collect();
            let from_std = names.len() > 1
                && (names[names.len() - 2] == "process"
                    || matches!(names[0].as_str(), "std" | "core" | "libc"));
            if (from_std && EXIT_CALLS.contains(&resolved.as_str())) || imported {
                let line = segments.first().map_or(0, |s| reader::line(s.ident.span()));
                self.exit(line, &resolved);
            }
        }
        visit::visit_expr_call(self, node);
    }

    fn visit_expr_method_call(&mut self, node: &'ast syn::ExprMethodCall) {
        if node.method == "exec" {
            self.exit(reader::line(node.method.span()), "exec");
        }
        visit::visit_expr_method_call(self, node);
    }
}

#[cfg(test)]
mod tests {
    use super::{Rules, Shipped, check};
    use crate::analysis::reader::{in_own_thread, parse};
    use crate::model::kit::Harness;

    fn found(code: &str, shipped: &str, manual_impls: &[String]) -> Vec<String> {
        let (code, shipped) = (code.to_owned(), shipped.to_owned());
        let manual_impls = manual_impls.to_vec();
        in_own_thread(move || {
            let shipped = Shipped::of(&parse(&shipped).unwrap(), None);
            let rules = Rules {
                harness: Harness::Tests,
                manual_impls: &manual_impls,
                shipped: &shipped,
                tests_glob_import: false,
                allow_unsafe: false,
            };
            check(&parse(&code).unwrap(), None, &rules)
        })
    }

    fn lines(found: &[String]) -> Vec<&str> {
        found.iter().map(|f| f.split(':').next().unwrap()).collect()
    }

    #[test]
    fn hidden_forms_are_seen_and_harmless_names_are_not() {
        let code = "#![cfg_attr(all(), no_implicit_prelude)]
#![allow(dead_code)]
#[cfg_attr(all(), unsafe(link_section = \".init_array\"))]
static EARLY: u8 = 0;
fn f() -> i32 { let exit = 3; if cfg!(test) { exit } else { 0 } }
#[cfg(any(test))]
fn g() {}
fn h() { std::process::exit(0) }
use std::process::abort as stop;
fn k() { stop() }
fn m() { let s = include_str!(\"/etc/passwd\"); }
#[path = \"other.rs\"]
mod other;
extern crate core as std;
#[tokio::test]
async fn mine() {}
fn n() { Job::abort(1); }
";
        let found = found(code, "", &[]);
        assert_eq!(
            lines(&found),
            [
                "line 1", "line 3", "line 5", "line 6", "line 8", "line 10", "line 11", "line 12",
                "line 13", "line 14", "line 14", "line 15"
            ],
            "{found:#?}"
        );
        assert!(found[0].contains("no_implicit_prelude"), "{found:?}");
        assert!(found[1].contains("link_section"), "{found:?}");
    }

    #[test]
    fn hand_written_impls_are_refused_unless_shipped_or_taught() {
        let shipped = "struct Kept;\nimpl Drop for Kept { fn drop(&mut self) {} }";
        let code = "struct Kept;\nimpl Drop for Kept { fn drop(&mut self) {} }
#[derive(Debug, PartialEq)]
struct Money(u32);
use std::cmp::PartialEq as Same;
struct Lie;
impl Same for Lie { fn eq(&self, _: &Lie) -> bool { true } }
macro_rules! lie { ($t:ident) => { impl PartialEq for $t { fn eq(&self, _: &$t) -> bool { true } } } }
";
        let found = found(code, shipped, &[]);
        assert_eq!(lines(&found), ["line 7", "line 8"], "{found:#?}");
        assert!(found[0].contains("`impl PartialEq`"));
        let taught = super::tests::found(code, shipped, &["PartialEq".to_owned()]);
        assert!(taught.is_empty(), "{taught:?}");
    }
}
