//! Reading Rust with a real parser (syn) for graded runs: the whole file as rustc's parser sees
//! it, where each item sits in the text, and the flattened tokens of what syn leaves unparsed
//! (macro bodies and invocations, attribute arguments).
//!
//! proc-macro2 keeps every text it has parsed in a per-thread map for the life of the thread,
//! so [`in_own_thread`] runs each analysis on a short-lived thread: grading a cohort parses
//! tens of thousands of files, and their text must not pile up.

use std::ops::Range;

use proc_macro2::{Span, TokenStream, TokenTree};

/// Runs `f` on a thread of its own, so what the parser keeps per thread is freed with it.
pub fn in_own_thread<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        scope
            .spawn(f)
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Parses a whole file (no BOM or shebang stripping: the lexical checks reject those first).
/// On failure: the line and syn's message.
pub fn parse(src: &str) -> Result<syn::File, (usize, String)> {
    syn::parse_str::<syn::File>(src).map_err(|e| (e.span().start().line, e.to_string()))
}

/// The byte range of `span` in the text it was parsed from.
pub fn range(span: Span) -> Range<usize> {
    span.byte_range()
}

/// The 1-based line where `span` starts.
pub fn line(span: Span) -> usize {
    span.start().line
}

/// The top-level `mod tests { … }` of a file, the part the kit owns, with its attributes: its
/// index among the items and its byte range.
pub fn test_module(file: &syn::File) -> Option<(usize, Range<usize>)> {
    file.items
        .iter()
        .enumerate()
        .find_map(|(i, item)| match item {
            syn::Item::Mod(m) if m.ident == "tests" && m.content.is_some() => {
                let start = m
                    .attrs
                    .first()
                    .map_or_else(|| item_start_of_mod(m), |a| range(a.pound_token.span).start);
                let end = range(m.content.as_ref()?.0.span.close()).end;
                Some((i, start..end))
            }
            _ => None,
        })
}

fn item_start_of_mod(m: &syn::ItemMod) -> usize {
    match &m.vis {
        syn::Visibility::Inherited => range(m.mod_token.span).start,
        syn::Visibility::Public(p) => range(p.span).start,
        syn::Visibility::Restricted(r) => range(r.pub_token.span).start,
    }
}

/// Where an item starts in the text: its first attribute (doc comments included), else its
/// first token.
pub fn item_start(item: &syn::Item) -> usize {
    let first = quote::ToTokens::to_token_stream(item).into_iter().next();
    first.map_or(0, |t| range(t.span()).start)
}

/// One token of a flattened token stream: an identifier, a punctuation character or a
/// literal, as text, with its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flat {
    /// Its text (`include_str`, `!`, `"x.rs"`).
    pub text: String,
    /// Its 1-based line.
    pub line: usize,
}

/// Every token of `stream`, groups opened, with their delimiters kept as tokens.
pub fn flatten(stream: TokenStream) -> Vec<Flat> {
    let mut out = Vec::new();
    flatten_into(stream, &mut out);
    out
}

fn flatten_into(stream: TokenStream, out: &mut Vec<Flat>) {
    for tree in stream {
        let line = line(tree.span());
        match tree {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                    proc_macro2::Delimiter::Brace => ("{", "}"),
                    proc_macro2::Delimiter::Bracket => ("[", "]"),
                    proc_macro2::Delimiter::None => ("", ""),
                };
                out.push(Flat {
                    text: open.into(),
                    line,
                });
                flatten_into(group.stream(), out);
                out.push(Flat {
                    text: close.into(),
                    line: self::line(group.span_close()),
                });
            }
            TokenTree::Ident(ident) => {
                let text = ident.to_string();
                let text = text.strip_prefix("r#").map(str::to_owned).unwrap_or(text);
                out.push(Flat { text, line });
            }
            TokenTree::Punct(punct) => out.push(Flat {
                text: punct.as_char().to_string(),
                line,
            }),
            TokenTree::Literal(literal) => out.push(Flat {
                text: literal.to_string(),
                line,
            }),
        }
    }
}

/// The last segment of a path, as text.
pub fn last_segment(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// The names a top-level item puts into the crate root, with their lines.
pub fn item_names(item: &syn::Item, out: &mut Vec<(usize, String)>) {
    let ident = match item {
        syn::Item::Const(i) => Some(&i.ident),
        syn::Item::Enum(i) => Some(&i.ident),
        syn::Item::Fn(i) => Some(&i.sig.ident),
        syn::Item::Mod(i) => Some(&i.ident),
        syn::Item::Static(i) => Some(&i.ident),
        syn::Item::Struct(i) => Some(&i.ident),
        syn::Item::Trait(i) => Some(&i.ident),
        syn::Item::Type(i) => Some(&i.ident),
        syn::Item::Union(i) => Some(&i.ident),
        syn::Item::Macro(i) => i.ident.as_ref(),
        syn::Item::ExternCrate(i) => Some(i.rename.as_ref().map_or(&i.ident, |(_, r)| r)),
        syn::Item::Use(u) => {
            use_names(&u.tree, out);
            None
        }
        _ => None,
    };
    if let Some(ident) = ident {
        out.push((line(ident.span()), ident.to_string()));
    }
}

fn use_names(tree: &syn::UseTree, out: &mut Vec<(usize, String)>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, out),
        syn::UseTree::Name(n) if n.ident != "self" => {
            out.push((line(n.ident.span()), n.ident.to_string()));
        }
        syn::UseTree::Rename(r) => out.push((line(r.rename.span()), r.rename.to_string())),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{flatten, in_own_thread, parse, test_module};

    #[test]
    fn finds_the_kits_module_with_its_attributes() {
        let src =
            "fn a() {}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\nfn b() {}\n";
        let range = in_own_thread(|| test_module(&parse(src).unwrap()).unwrap().1);
        assert_eq!(
            &src[range],
            "#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}"
        );
    }

    #[test]
    fn flattening_keeps_macro_tokens_and_lines() {
        let flat = in_own_thread(|| {
            let stream: proc_macro2::TokenStream = "m!(a,\n include_str!(\"x\"))".parse().unwrap();
            flatten(stream)
        });
        let texts: Vec<&str> = flat.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "m",
                "!",
                "(",
                "a",
                ",",
                "include_str",
                "!",
                "(",
                "\"x\"",
                ")",
                ")"
            ]
        );
        assert_eq!(flat[5].line, 2);
    }
}
