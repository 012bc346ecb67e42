//! Characters that make rustc and other readers of a file disagree, for graded runs: a graded
//! exercise is read by rustc, by the grader's own parser and by people reviewing it, and all
//! three must see the same code. Only a cheat needs any of these, so each is rejected with the
//! reason, before anything else reads the file.

/// What is wrong with the characters of `src`, one finding per kind of problem (its first
/// line), each saying why it is rejected.
pub fn check(src: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut note = |line: usize, what: String| {
        if !found.iter().any(|(_, w)| *w == what) {
            found.push((line, what));
        }
    };
    if src.starts_with('\u{feff}') {
        note(
            1,
            "a byte-order mark starts the file: rustc skips it and other tools do not; save the file as UTF-8 without BOM".into(),
        );
    }
    let body = src.trim_start_matches('\u{feff}');
    if body.starts_with("#!") && !body[2..].trim_start().starts_with('[') {
        note(
            1,
            "a `#!` line starts the file: rustc drops it as a shebang, so code there is read by nobody but a reviewer; remove it".into(),
        );
    }
    let mut line = 1;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
            continue;
        }
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if let Some(why) = why_rejected(c) {
            note(line, format!("U+{:04X} {why}", c as u32));
        }
    }
    found.sort_by_key(|(line, _)| *line);
    found
        .into_iter()
        .map(|(line, what)| format!("line {line}: {what}"))
        .collect()
}

/// Why a character is rejected, if it is.
fn why_rejected(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' => None,
        '\r' => Some(
            "(a carriage return not followed by a line feed): rustc and editors disagree on where the line ends; use \\n or \\r\\n line endings",
        ),
        // Pattern_White_Space outside ASCII: whitespace to rustc, a letter to many scanners.
        '\u{85}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' => Some(
            "(non-ASCII whitespace): rustc reads it as a space, other tools as part of a word; use a plain space, or an escape such as \\u{2028} in a string",
        ),
        // Bidirectional controls reorder what a reviewer sees ("Trojan source").
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(
            "(a bidirectional text control): it makes the code read differently on screen than to the compiler; use an escape in a string",
        ),
        _ if c.is_control() => Some(
            "(a control character): only tab and line breaks belong in source; use an escape such as \\x0b in a string",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn ordinary_source_passes_with_unix_or_windows_line_endings() {
        assert!(check("fn main() {\n\tlet s = \"héllo — ok\";\n}\n").is_empty());
        assert!(check("fn main() {}\r\n// comment\r\n").is_empty());
        assert!(check("#![allow(dead_code)]\nfn f() {}").is_empty());
        assert!(check("#!  [allow(dead_code)]\nfn f() {}").is_empty());
    }

    #[test]
    fn each_disagreement_is_rejected_with_its_line() {
        let cases = [
            ("#!/usr/bin/env run\nfn f() {}", "line 1", "shebang"),
            ("\u{feff}fn f() {}", "line 1", "byte-order mark"),
            ("fn f() {}\nlet a\u{2028}= 1;", "line 2", "U+2028"),
            ("fn f() {}\n\n// \u{202e}", "line 3", "bidirectional"),
            ("fn f() {\u{b}}", "line 1", "U+000B"),
            ("fn f() {}\r fn g() {}", "line 1", "carriage return"),
            ("let s = \"\u{0}\";", "line 1", "control character"),
        ];
        for (src, line, says) in cases {
            let found = check(src);
            assert_eq!(found.len(), 1, "{src:?}: {found:?}");
            assert!(found[0].starts_with(line), "{found:?}");
            assert!(found[0].contains(says), "{found:?}");
        }
    }
}
