//! Attributes as the compiler reads them, for the graded source checks: `cfg_attr(…)` and
//! `unsafe(…)` opened to the attributes they stand for, and whether a `cfg` predicate mentions
//! `test`, in parsed attributes and in the flat tokens of macro bodies alike.

use crate::analysis::reader::{self, Flat};

/// Each attribute an attribute stands for, `cfg_attr(…, a, b)` and `unsafe(…)` opened: its
/// name (last path segment) and meta.
pub fn flattened(meta: &syn::Meta) -> Vec<(String, &syn::Meta)> {
    let mut out = Vec::new();
    flatten_meta(meta, &mut out);
    out
}

fn flatten_meta<'m>(meta: &'m syn::Meta, out: &mut Vec<(String, &'m syn::Meta)>) {
    let name = reader::last_segment(meta.path());
    out.push((name.clone(), meta));
    // `cfg_attr(pred, a, b)` and `unsafe(a)`: syn leaves their arguments unparsed.
    if let syn::Meta::List(list) = meta
        && matches!(name.as_str(), "cfg_attr" | "unsafe")
        && let Ok(args) = list.parse_args_with(
            syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
        )
    {
        let skip = usize::from(name == "cfg_attr");
        for inner in args.iter().skip(skip) {
            let mut nested = Vec::new();
            flatten_meta(inner, &mut nested);
            for (inner_name, _) in nested {
                // The nested meta is owned by `args`: report it against the outer one, whose
                // tokens hold it (cfg predicates inside are found by `mentions_test`).
                out.push((inner_name, meta));
            }
        }
    }
}

/// Whether a `cfg(…)`/`cfg_attr(…)` mentions `test` in its predicate.
pub fn mentions_test(meta: &syn::Meta) -> bool {
    match meta {
        syn::Meta::List(list) => {
            let tokens = reader::flatten(list.tokens.clone());
            let predicate_end = if reader::last_segment(&list.path) == "cfg_attr" {
                top_level_comma(&tokens).unwrap_or(tokens.len())
            } else {
                tokens.len()
            };
            tokens[..predicate_end].iter().any(|t| t.text == "test")
        }
        _ => false,
    }
}

/// The index of the first comma outside any group.
fn top_level_comma(tokens: &[Flat]) -> Option<usize> {
    let mut depth = 0i32;
    for (i, t) in tokens.iter().enumerate() {
        match t.text.as_str() {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => depth -= 1,
            "," if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// After `cfg` in flattened tokens: whether its parenthesised group mentions `test`.
pub fn group_mentions_test(rest: &[Flat]) -> bool {
    if rest.first().is_none_or(|t| t.text != "(") {
        return false;
    }
    let mut depth = 0;
    for t in rest {
        match t.text.as_str() {
            "(" => depth += 1,
            ")" => {
                depth -= 1;
                if depth == 0 {
                    return false;
                }
            }
            "test" => return true,
            _ => {}
        }
    }
    false
}
