//! The shape of `src/`, kept by CI: dependencies point one way through the layers (the folder
//! layout), the modules' `use crate::…` lines form no cycle, and no file or function grows past
//! what a reader takes in. See the README's "Developing" section for the layers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, bottom first: a module may use its own layer and those below it. `session` and
/// `outputs` stand beside each other (the same rank), so neither may use the other.
const LAYERS: &[(&str, u8)] = &[
    ("base", 0),
    ("model", 1),
    ("analysis", 2),
    ("engine", 3),
    ("session", 4),
    ("outputs", 4),
    ("cohort", 5),
    ("app", 6),
];

const MAX_FILE_LINES: usize = 600;
const MAX_FN_LINES: usize = 100;

/// Every module file under `src/`, by module path (`engine::judge`, `app::watch::state`).
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&src).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if parts.last().is_some_and(|p| p == "mod") {
                    parts.pop();
                }
                let name = if parts == ["main"] {
                    "crate".to_owned()
                } else {
                    parts.join("::")
                };
                modules.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    modules
}

/// The text of `use` items and `crate::`/`super::` paths in `code`, comments left out.
fn paths_used(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let code: String = code
        .lines()
        .map(|l| match l.find("//") {
            Some(at) => &l[..at],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    // `use` items, braces expanded.
    let mut rest = code.as_str();
    while let Some(at) = find_word(rest, "use ") {
        let item = &rest[at + 4..];
        let end = item.find(';').unwrap_or(item.len());
        expand(item[..end].trim(), "", &mut paths);
        rest = &item[end..];
    }
    // Paths written inline, `crate::x::y(…)`.
    for (at, _) in code.match_indices("crate::") {
        if at > 0 && code[..at].ends_with("use ") {
            continue;
        }
        let path: String = code[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        paths.push(path);
    }
    paths
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word)
        .map(|(at, _)| at)
        .find(|&at| at == 0 || !text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// `a::{b, c::{d}}` into `a::b`, `a::c::d`.
fn expand(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        out.push(format!("{prefix}{path}"));
        return;
    };
    let head = format!("{prefix}{}", &tree[..open]);
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand(&inner[start..i], &head, out);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !inner[start..].trim().is_empty() {
        expand(&inner[start..], &head, out);
    }
}

/// The module a path names: the longest known module it starts with.
fn module_of(path: &str, from: &str, modules: &BTreeMap<String, String>) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    let mut base: Vec<String> = Vec::new();
    match parts.first() {
        Some(&"crate") => {
            parts.remove(0);
        }
        Some(&"super") => {
            base = from.split("::").map(str::to_owned).collect();
            while parts.first() == Some(&"super") {
                parts.remove(0);
                base.pop();
            }
        }
        _ => return None,
    }
    let full: Vec<String> = base
        .into_iter()
        .chain(parts.iter().map(|p| (*p).to_owned()))
        .collect();
    (1..=full.len())
        .rev()
        .map(|n| full[..n].join("::"))
        .find(|m| modules.contains_key(m))
}

/// The file's own code, and the code of the inline modules it ends with (`mod tests { … }`),
/// where `super::` names the file's module itself.
fn split_inline(code: &str) -> (&str, &str) {
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        let item = line.trim_start().trim_start_matches("pub ");
        if item.starts_with("mod ") && line.trim_end().ends_with('{') {
            return code.split_at(offset);
        }
        offset += line.len();
    }
    (code, "")
}

/// Module → the modules it uses (its `mod` children count as used by it).
fn dependencies(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut deps = BTreeMap::new();
    for (name, code) in modules {
        let (own, inline) = split_inline(code);
        let inner = format!("{name}::inline");
        let mut used: BTreeSet<String> = paths_used(own)
            .iter()
            .filter_map(|p| module_of(p, name, modules))
            .chain(
                paths_used(inline)
                    .iter()
                    .filter_map(|p| module_of(p, &inner, modules)),
            )
            .filter(|m| m != name)
            .collect();
        // A parent uses its children (it declares them, and usually calls them).
        let prefix = if name == "crate" {
            String::new()
        } else {
            format!("{name}::")
        };
        for child in modules.keys() {
            let direct = child
                .strip_prefix(&prefix)
                .is_some_and(|rest| !rest.is_empty() && !rest.contains("::"));
            if direct && child != name {
                used.insert(child.clone());
            }
        }
        deps.insert(name.clone(), used);
    }
    deps
}

fn layer_of(module: &str) -> Option<(&'static str, u8)> {
    let top = module.split("::").next()?;
    LAYERS.iter().copied().find(|(name, _)| *name == top)
}

#[test]
fn dependencies_point_down_through_the_layers() {
    let modules = modules();
    let mut wrong = Vec::new();
    for (module, used) in dependencies(&modules) {
        if module == "crate" {
            continue;
        }
        let Some((layer, rank)) = layer_of(&module) else {
            wrong.push(format!("{module} is in no layer (src/<layer>/…)"));
            continue;
        };
        for dep in used {
            let Some((dep_layer, dep_rank)) = layer_of(&dep) else {
                wrong.push(format!("{module} uses {dep}, which is in no layer"));
                continue;
            };
            if dep_layer != layer && dep_rank >= rank {
                wrong.push(format!("{module} ({layer}) uses {dep} ({dep_layer})"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "upward or sideways uses:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn nothing_uses_the_app_but_main() {
    let modules = modules();
    let users: Vec<String> = dependencies(&modules)
        .into_iter()
        .filter(|(m, used)| {
            m != "crate" && !m.starts_with("app") && used.iter().any(|d| d.starts_with("app"))
        })
        .map(|(m, _)| m)
        .collect();
    assert!(users.is_empty(), "{users:?} use the app layer");
}

#[test]
fn module_uses_form_no_cycle() {
    let deps = dependencies(&modules());
    // Depth-first search; a module met again while still on the path closes a cycle.
    fn visit(
        m: &str,
        deps: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        cycles: &mut Vec<String>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(at) = path.iter().position(|p| p == m) {
            cycles.push(format!("{} -> {m}", path[at..].join(" -> ")));
            return;
        }
        path.push(m.to_owned());
        for dep in deps.get(m).into_iter().flatten() {
            visit(dep, deps, path, done, cycles);
        }
        path.pop();
        done.insert(m.to_owned());
    }
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for m in deps.keys() {
        visit(m, &deps, &mut Vec::new(), &mut done, &mut cycles);
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn no_file_or_function_is_too_long() {
    let mut long = Vec::new();
    for (module, code) in modules() {
        let lines: Vec<&str> = code.lines().collect();
        if lines.len() > MAX_FILE_LINES {
            long.push(format!("{module}: {} lines", lines.len()));
        }
        for (name, length) in functions(&lines) {
            if length > MAX_FN_LINES {
                long.push(format!("{module}::{name}: {length} lines"));
            }
        }
    }
    assert!(long.is_empty(), "too long:\n{}", long.join("\n"));
}

/// Each function's name and length in lines, from its `fn` line to the `}` closing it at the
/// same indentation (the code is rustfmt-formatted).
fn functions(lines: &[&str]) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let Some(at) = find_word(trimmed, "fn ") else {
            continue;
        };
        let before = &trimmed[..at];
        let is_item = before.split_whitespace().all(|w| {
            matches!(
                w,
                "pub" | "pub(crate)" | "pub(super)" | "const" | "unsafe" | "async" | "extern"
            )
        });
        if !is_item || trimmed.ends_with(';') {
            continue;
        }
        let name: String = trimmed[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = " ".repeat(indent) + "}";
        if let Some(end) = lines[i..].iter().position(|l| l.trim_end() == close) {
            found.push((name, end + 1));
        }
    }
    found
}

#[test]
fn the_checks_see_what_they_should() {
    let mut paths = Vec::new();
    expand(
        "crate::model::{kit::Kit, info::{A, B as C}}",
        "",
        &mut paths,
    );
    assert_eq!(
        paths,
        [
            "crate::model::kit::Kit",
            "crate::model::info::A",
            "crate::model::info::B"
        ]
    );
    let modules = modules();
    assert_eq!(
        module_of("super::state::State", "app::watch::view", &modules).as_deref(),
        Some("app::watch::state")
    );
    let deps = dependencies(&modules);
    assert!(deps["engine::judge"].contains("engine::judge::classify"));
    assert!(deps["app::watch::view"].contains("app::watch::state"));
    assert!(
        !deps["engine::process"].contains("engine"),
        "an inline test module's `super::` is the file's own module"
    );
    let lines = ["fn a() {", "    x", "}", "    pub fn b(&self) {", "    }"];
    assert_eq!(
        functions(&lines),
        [("a".to_owned(), 3), ("b".to_owned(), 2)]
    );
}
