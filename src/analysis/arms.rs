//! Catch-all match arms, read with syn for the `wildcard_arm` constraint: `_ =>`, a lone
//! binding (`other =>`, and a capitalised one such as `Other =>` where no variant or constant
//! of that name is in sight), `(_)`, `(x)`, `&_`, `x @ _`, an or-pattern with any of these, a
//! tuple of them, `[..]`; with or without a guard. The token check in `constraints` still runs
//! beside it, for arms inside macro invocations that syn does not parse.

use std::collections::HashSet;

use quote::ToTokens;
use syn::visit::{self, Visit};

use crate::analysis::reader;

/// Each catch-all arm of `src` outside its test module: its line and the arm's head as written
/// (`Other =>`, `(_) if`). `None` when syn cannot read the file.
pub fn catch_all_arms(src: &str) -> Option<Vec<(usize, String)>> {
    let src = src.to_owned();
    reader::in_own_thread(move || {
        let file = reader::parse(&src).ok()?;
        let skip = reader::test_module(&file).map(|(i, _)| i);
        let mut names = Names::default();
        for (i, item) in file.items.iter().enumerate() {
            if Some(i) != skip {
                names.visit_item(item);
            }
        }
        let mut arms = Arms {
            glob: names.glob,
            known: names.known,
            found: Vec::new(),
        };
        for (i, item) in file.items.iter().enumerate() {
            if Some(i) != skip {
                arms.visit_item(item);
            }
        }
        Some(arms.found)
    })
}

/// Names a capitalised pattern may refer to rather than bind: variants, constants, statics and
/// whatever is imported.
#[derive(Default)]
struct Names {
    known: HashSet<String>,
    /// A glob import (`use std::cmp::Ordering::*`) may bring in variants not in sight.
    glob: bool,
}

impl<'ast> Visit<'ast> for Names {
    fn visit_variant(&mut self, node: &'ast syn::Variant) {
        self.known.insert(node.ident.to_string());
        visit::visit_variant(self, node);
    }
    fn visit_item_const(&mut self, node: &'ast syn::ItemConst) {
        self.known.insert(node.ident.to_string());
        visit::visit_item_const(self, node);
    }
    fn visit_item_static(&mut self, node: &'ast syn::ItemStatic) {
        self.known.insert(node.ident.to_string());
        visit::visit_item_static(self, node);
    }
    fn visit_impl_item_const(&mut self, node: &'ast syn::ImplItemConst) {
        self.known.insert(node.ident.to_string());
        visit::visit_impl_item_const(self, node);
    }
    fn visit_use_glob(&mut self, _: &'ast syn::UseGlob) {
        self.glob = true;
    }
    fn visit_use_name(&mut self, node: &'ast syn::UseName) {
        self.known.insert(node.ident.to_string());
    }
    fn visit_use_rename(&mut self, node: &'ast syn::UseRename) {
        self.known.insert(node.rename.to_string());
    }
}

struct Arms {
    glob: bool,
    known: HashSet<String>,
    found: Vec<(usize, String)>,
}

impl Arms {
    fn catch_all(&self, pat: &syn::Pat) -> bool {
        match pat {
            syn::Pat::Wild(_) => true,
            syn::Pat::Ident(p) => match &p.subpat {
                Some((_, sub)) => self.catch_all(sub),
                None => self.binds(&p.ident.to_string()),
            },
            syn::Pat::Paren(p) => self.catch_all(&p.pat),
            syn::Pat::Reference(r) => self.catch_all(&r.pat),
            syn::Pat::Or(o) => o.cases.iter().any(|c| self.catch_all(c)),
            // A tuple is left alone: `(state, _) => state` over a pair of enums is how a state
            // machine keeps its state, and the kit's own solutions do it.
            syn::Pat::Slice(s) => s.elems.len() == 1 && matches!(&s.elems[0], syn::Pat::Rest(_)),
            _ => false,
        }
    }

    /// Whether a lone name in a pattern binds (matches anything) rather than names a variant
    /// or constant.
    fn binds(&self, name: &str) -> bool {
        let capitalised = name.starts_with(|c: char| c.is_uppercase());
        name != "None" && !self.known.contains(name) && !(capitalised && self.glob)
    }
}

impl<'ast> Visit<'ast> for Arms {
    fn visit_arm(&mut self, node: &'ast syn::Arm) {
        if self.catch_all(&node.pat) {
            let head = node.pat.to_token_stream().to_string();
            let after = if node.guard.is_some() { "if" } else { "=>" };
            let line = node
                .pat
                .to_token_stream()
                .into_iter()
                .next()
                .map_or(0, |t| reader::line(t.span()));
            self.found.push((line, format!("{head} {after}")));
        }
        visit::visit_arm(self, node);
    }
}

#[cfg(test)]
mod tests {
    use super::catch_all_arms;

    #[test]
    fn catch_alls_are_seen_in_every_form_and_variants_are_not() {
        let src = "enum Shape { Dot, Line }\nconst LIMIT: u8 = 3;\nfn f(s: Shape, n: u8, o: Option<u8>) {\n    match s { Shape::Dot => {}, Other => {} }\n    match n { LIMIT => {}, (_) => {} }\n    match n { 0 => {}, (x) if x > 2 => {} }\n    match o { None => {}, Some(_) => {} }\n    match (n, n) { (0, _) => {}, (_, _) => {} }\n    match n { 1 | _ => {} }\n    use Shape::{Dot, Line};\n    match s { Dot => {}, Line => {} }\n}\n#[cfg(test)]\nmod tests { fn g(n: u8) { match n { _ => {} } } }\n";
        let found = catch_all_arms(src).unwrap();
        let lines: Vec<(usize, &str)> = found.iter().map(|(l, t)| (*l, t.as_str())).collect();
        assert_eq!(
            lines,
            [
                (4, "Other =>"),
                (5, "(_) =>"),
                (6, "(x) if"),
                (9, "1 | _ =>")
            ]
        );
        assert!(catch_all_arms("fn f( {").is_none());
    }
}
