//! The canonical tests as graded runs compile them: each `#[test]` body wrapped so it sends
//! evidence when it returns normally (see `harness`), std macros called by path so a learner's
//! `macro_rules!` of the same name cannot stand in for them, and the list of the tests that
//! must send it, read from the canonical source rather than from what the binary lists.
//!
//! Only text is inserted, never a line break, so every line keeps its number.

use anyhow::{Context, Result, bail};

use crate::analysis::reader;
use crate::analysis::source::{TokenKind, tokenize};

/// Std macros a test module may call without a path; graded runs call them by path.
const STD_MACROS: &[&str] = &[
    "assert",
    "assert_eq",
    "assert_ne",
    "assert_matches",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "panic",
    "vec",
    "format",
    "format_args",
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
    "dbg",
    "concat",
    "stringify",
    "line",
    "column",
    "file",
    "module_path",
    "thread_local",
    "env",
    "option_env",
];

/// A test module made ready for a graded run.
#[derive(Debug, Default)]
pub struct Instrumented {
    /// The module's text, wrapped and with std macros by path (same lines as before).
    pub text: String,
    /// The tests that must send evidence, by libtest name (`tests::doubles`), `#[ignore]`d
    /// ones left out.
    pub tests: Vec<String>,
    /// Whether the module glob-imports from the learner's code (`use super::*`).
    pub glob_import: bool,
}

/// Instruments `module_text` (one `#[cfg(test)] mod NAME { … }`, as cut from the canonical
/// file) to report through the harness module `harness`.
pub fn test_module(module_text: &str, harness: &str) -> Result<Instrumented> {
    let (module_text, harness) = (module_text.to_owned(), harness.to_owned());
    reader::in_own_thread(move || instrument(&module_text, &harness))
}

fn instrument(text: &str, harness: &str) -> Result<Instrumented> {
    let file = reader::parse(text)
        .map_err(|(line, e)| anyhow::anyhow!("line {line}: {e}"))
        .context("the canonical test module does not parse")?;
    let mut out = Instrumented::default();
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for item in &file.items {
        let syn::Item::Mod(module) = item else {
            bail!("the canonical test module holds something other than a module");
        };
        walk_module(module, "", harness, &mut out, &mut inserts)?;
    }
    inserts.extend(path_macro_inserts(text));
    inserts.sort_by_key(|(at, _)| *at);
    let mut result = String::with_capacity(text.len() + inserts.len() * 64);
    let mut last = 0;
    for (at, insert) in inserts {
        result.push_str(&text[last..at]);
        result.push_str(&insert);
        last = at;
    }
    result.push_str(&text[last..]);
    out.text = result;
    Ok(out)
}

fn walk_module(
    module: &syn::ItemMod,
    parent: &str,
    harness: &str,
    out: &mut Instrumented,
    inserts: &mut Vec<(usize, String)>,
) -> Result<()> {
    let path = if parent.is_empty() {
        module.ident.to_string()
    } else {
        format!("{parent}::{}", module.ident)
    };
    let Some((_, items)) = &module.content else {
        bail!("the canonical module `{path}` is not inline");
    };
    for item in items {
        match item {
            syn::Item::Mod(inner) => walk_module(inner, &path, harness, out, inserts)?,
            syn::Item::Use(u) if is_glob_from_parent(&u.tree) => out.glob_import = true,
            syn::Item::Fn(f) if is_test(f) => {
                let name = format!("{path}::{}", f.sig.ident);
                if !f.attrs.iter().any(|a| a.path().is_ident("ignore")) {
                    inserts.extend(wrap(f, &name, harness));
                    out.tests.push(name);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// `#[test]`, `#[tokio::test]` and the like.
fn is_test(f: &syn::ItemFn) -> bool {
    f.attrs
        .iter()
        .any(|a| reader::last_segment(a.path()) == "test")
}

fn is_glob_from_parent(tree: &syn::UseTree) -> bool {
    match tree {
        syn::UseTree::Path(p) if p.ident == "super" || p.ident == "crate" => {
            matches!(&*p.tree, syn::UseTree::Glob(_)) || is_glob_from_parent(&p.tree)
        }
        syn::UseTree::Group(g) => g.items.iter().any(is_glob_from_parent),
        _ => false,
    }
}

/// The two inserts that wrap a test's body: after its `{` and before its `}`.
fn wrap(f: &syn::ItemFn, name: &str, harness: &str) -> [(usize, String); 2] {
    let open = reader::range(f.block.brace_token.span.open()).end;
    let close = reader::range(f.block.brace_token.span.close()).start;
    let should_panic = f.attrs.iter().find(|a| a.path().is_ident("should_panic"));
    let (prefix, suffix) = if let Some(attr) = should_panic {
        let expected = expected_panic(attr).map_or_else(
            || "::std::option::Option::None".to_owned(),
            |e| format!("::std::option::Option::Some({e})"),
        );
        (
            format!(" crate::{harness}::run_should_panic({name:?}, {expected}, || {{"),
            "})".to_owned(),
        )
    } else if f.sig.asyncness.is_some() {
        (
            format!(" crate::{harness}::run_async({name:?}, async {{"),
            "}).await".to_owned(),
        )
    } else {
        let returns = match &f.sig.output {
            syn::ReturnType::Default => String::new(),
            syn::ReturnType::Type(_, ty) => {
                format!(" -> {}", quote::ToTokens::to_token_stream(ty))
            }
        };
        (
            format!(" crate::{harness}::run({name:?}, ||{returns} {{"),
            "})".to_owned(),
        )
    };
    [(open, prefix), (close, suffix)]
}

/// The `expected = "…"` of a `#[should_panic]`, as a string literal.
fn expected_panic(attr: &syn::Attribute) -> Option<String> {
    match &attr.meta {
        syn::Meta::NameValue(nv) => Some(quote::ToTokens::to_token_stream(&nv.value).to_string()),
        syn::Meta::List(list) => {
            let nv: syn::MetaNameValue = list.parse_args().ok()?;
            nv.path
                .is_ident("expected")
                .then(|| quote::ToTokens::to_token_stream(&nv.value).to_string())
        }
        syn::Meta::Path(_) => None,
    }
}

/// Where `::std::` goes before each std macro called without a path.
fn path_macro_inserts(module: &str) -> Vec<(usize, String)> {
    let tokens = tokenize(module);
    tokens
        .iter()
        .enumerate()
        .filter(|(i, token)| {
            token.kind == TokenKind::Ident
                && STD_MACROS.contains(&token.text)
                && tokens.get(i + 1).is_some_and(|t| t.text == "!")
                && !(*i >= 1 && matches!(tokens[i - 1].text, ":" | "."))
        })
        .map(|(_, token)| (token.offset, "::std::".to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::test_module;

    #[test]
    fn bodies_are_wrapped_and_tests_listed_in_the_same_lines() {
        let module = "#[cfg(test)]\nmod tests {\n    use super::double;\n\n    #[test]\n    fn doubles() {\n        assert_eq!(double(5), 10);\n    }\n\n    #[test]\n    #[ignore]\n    fn slow() {}\n\n    #[test]\n    #[should_panic(expected = \"boom\")]\n    fn panics() { double(0); }\n\n    mod inner {\n        #[tokio::test]\n        async fn waits() -> Result<(), String> { Ok(()) }\n    }\n}";
        let done = test_module(module, "__ev").unwrap();
        assert_eq!(done.text.lines().count(), module.lines().count());
        assert_eq!(
            done.tests,
            ["tests::doubles", "tests::panics", "tests::inner::waits"]
        );
        assert!(done.text.contains(
            "fn doubles() { crate::__ev::run(\"tests::doubles\", || {\n        ::std::assert_eq!(double(5), 10);\n    })}"
        ), "{}", done.text);
        assert!(done.text.contains("run_should_panic(\"tests::panics\", ::std::option::Option::Some(\"boom\"), || { double(0); })}"), "{}", done.text);
        assert!(
            done.text
                .contains("run_async(\"tests::inner::waits\", async { Ok(()) }).await}"),
            "{}",
            done.text
        );
        assert!(done.text.contains("fn slow() {}"));
        assert!(!done.glob_import);
    }

    #[test]
    fn glob_imports_of_the_learners_items_are_noticed() {
        let module = "#[cfg(test)]\nmod tests {\n    use super::*;\n}";
        assert!(test_module(module, "__ev").unwrap().glob_import);
    }
}
