//! A small Rust lexer: enough to find identifiers, keywords and lifetimes outside comments and
//! strings, and to find an exercise's test module (the part of the file the kit owns).

/// One token of Rust source that matters to the checks here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// What kind of token it is.
    pub kind: TokenKind,
    /// The token's text as written.
    pub text: &'a str,
    /// Byte offset where it starts.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
}

/// The kinds of token the lexer tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// An identifier or keyword (`r#` raw identifiers are stripped of their prefix).
    Ident,
    /// A lifetime or label, `'a`.
    Lifetime,
    /// A string, byte-string, char or number literal (its contents never count as code).
    Literal,
    /// Any single punctuation character.
    Punct,
}

/// Splits `src` into tokens, skipping whitespace and comments.
pub fn tokenize(src: &str) -> Vec<Token<'_>> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < bytes.len() {
        let start = i;
        let start_line = line;
        let b = bytes[i];
        let kind = match b {
            b'\n' => {
                line += 1;
                i += 1;
                continue;
            }
            _ if b.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(bytes, i, &mut line);
                continue;
            }
            b'"' => {
                i = skip_quoted(bytes, i + 1, b'"', &mut line);
                TokenKind::Literal
            }
            b'\'' => {
                let (end, kind) = char_or_lifetime(bytes, i, &mut line);
                i = end;
                kind
            }
            _ if raw_string_hashes(bytes, i).is_some() => {
                i = skip_raw_string(bytes, i, &mut line);
                TokenKind::Literal
            }
            b'b' | b'c' if matches!(bytes.get(i + 1), Some(b'"')) => {
                i = skip_quoted(bytes, i + 2, b'"', &mut line);
                TokenKind::Literal
            }
            b'b' if bytes.get(i + 1) == Some(&b'\'') => {
                i = skip_quoted(bytes, i + 2, b'\'', &mut line);
                TokenKind::Literal
            }
            _ if b.is_ascii_digit() => {
                while i < bytes.len()
                    && (is_ident_byte(bytes[i])
                        || bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
                {
                    i += 1;
                }
                TokenKind::Literal
            }
            _ if is_ident_byte(b) => {
                while i < bytes.len() && is_ident_byte(bytes[i]) {
                    i += 1;
                }
                TokenKind::Ident
            }
            _ => {
                i += char_len(b);
                TokenKind::Punct
            }
        };
        let mut text = &src[start..i];
        if kind == TokenKind::Ident && text == "r" && bytes.get(i) == Some(&b'#') {
            // Raw identifier r#name: the identifier is `name`.
            let name_start = i + 1;
            i = name_start;
            while i < bytes.len() && is_ident_byte(bytes[i]) {
                i += 1;
            }
            text = &src[name_start..i];
        }
        tokens.push(Token {
            kind,
            text,
            offset: start,
            line: start_line,
        });
    }
    tokens
}

/// Past a block comment starting at `i` (they nest).
fn skip_block_comment(bytes: &[u8], mut i: usize, line: &mut usize) -> usize {
    let mut depth = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                break;
            }
        } else {
            *line += usize::from(bytes[i] == b'\n');
            i += 1;
        }
    }
    i
}

/// A char literal ('x', '\n') or a lifetime ('a, 'static) starting at `i`: where it ends.
fn char_or_lifetime(bytes: &[u8], mut i: usize, line: &mut usize) -> (usize, TokenKind) {
    let is_char = bytes.get(i + 1) == Some(&b'\\')
        || (i + 2 < bytes.len()
            && char_len(bytes[i + 1]) + i + 1 < bytes.len()
            && bytes[i + 1 + char_len(bytes[i + 1])] == b'\'');
    if is_char {
        return (skip_quoted(bytes, i + 1, b'\'', line), TokenKind::Literal);
    }
    i += 1;
    while i < bytes.len() && is_ident_byte(bytes[i]) {
        i += 1;
    }
    (i, TokenKind::Lifetime)
}

/// Past a raw string (`r"…"`, `br#"…"#`) starting at `i`.
fn skip_raw_string(bytes: &[u8], mut i: usize, line: &mut usize) -> usize {
    let (prefix, hashes) = raw_string_hashes(bytes, i).unwrap_or_default();
    i += prefix + hashes + 1;
    let closing: Vec<u8> = std::iter::once(b'"')
        .chain(std::iter::repeat_n(b'#', hashes))
        .collect();
    while i < bytes.len() && !bytes[i..].starts_with(&closing) {
        *line += usize::from(bytes[i] == b'\n');
        i += 1;
    }
    (i + closing.len()).min(bytes.len())
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Length in bytes of the UTF-8 character starting with byte `b`.
fn char_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Skips to just past the closing `quote`, honouring backslash escapes; counts newlines.
fn skip_quoted(bytes: &[u8], mut i: usize, quote: u8, line: &mut usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return i + 1,
            b => {
                *line += usize::from(b == b'\n');
                i += 1;
            }
        }
    }
    bytes.len()
}

/// For a raw string starting at `i` (`r"`, `r#"`, `br##"`, `cr"`): the prefix length and the
/// number of `#`s.
fn raw_string_hashes(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let prefix = match bytes.get(i..i + 2)? {
        [b'b' | b'c', b'r'] => 2,
        [b'r', _] => 1,
        _ => return None,
    };
    // `r` must start a token, not end an identifier such as `bar"`.
    if i > 0 && is_ident_byte(bytes[i - 1]) {
        return None;
    }
    let hashes = bytes[i + prefix..]
        .iter()
        .take_while(|&&b| b == b'#')
        .count();
    (bytes.get(i + prefix + hashes) == Some(&b'"')).then_some((prefix, hashes))
}

/// The byte range of the exercise's test module: from its `#[cfg(test)]` attribute to the
/// closing brace of the `mod` that follows it. `None` if the file has none.
pub fn test_module_span(src: &str) -> Option<std::ops::Range<usize>> {
    let tokens = tokenize(src);
    let texts: Vec<&str> = tokens.iter().map(|t| t.text).collect();
    // Every `#[cfg(test)] … mod NAME {` with the index of its `{` and its name. The kit's
    // module is the one named `tests` (two of that name do not compile); a learner's own
    // extra `#[cfg(test)]` module is learner code, so it cannot hide code from the checks.
    let candidates: Vec<(usize, usize, &str)> = texts
        .windows(7)
        .enumerate()
        .filter(|(_, w)| *w == ["#", "[", "cfg", "(", "test", ")", "]"])
        .filter_map(|(start, _)| {
            let mut i = start + 7;
            // Allow further attributes between #[cfg(test)] and `mod`.
            while texts.get(i) == Some(&"#") {
                i = texts[i..].iter().position(|t| *t == "]")? + i + 1;
            }
            if texts.get(i) == Some(&"pub") {
                i += 1;
            }
            (texts.get(i) == Some(&"mod") && texts.get(i + 2) == Some(&"{"))
                .then(|| (start, i + 2, texts[i + 1]))
        })
        .collect();
    let (start, open, _) = candidates
        .iter()
        .find(|(_, _, name)| *name == "tests")
        .or(candidates.last())?;
    let mut depth = 0;
    for token in &tokens[*open..] {
        match token.text {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if depth == 0 {
                    return Some(tokens[*start].offset..token.offset + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{TokenKind, test_module_span, tokenize};

    fn idents(src: &str) -> Vec<&str> {
        tokenize(src)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Ident)
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn comments_and_strings_hide_their_contents() {
        let src = "let a = \"x.clone()\"; // b.clone()\n/* c.clone() /* nested */ */ r#\"clone\"#; 'c'; b\"clone\";";
        assert_eq!(idents(src), ["let", "a"]);
    }

    #[test]
    fn lifetimes_are_not_chars() {
        let tokens = tokenize("fn f<'a>(x: &'static str) -> char { '\\'' }");
        let lifetimes: Vec<_> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Lifetime)
            .map(|t| t.text)
            .collect();
        assert_eq!(lifetimes, ["'a", "'static"]);
    }

    #[test]
    fn lines_are_counted_through_multiline_tokens() {
        let tokens = tokenize("\"a\nb\"\n/* x\n */ after");
        assert_eq!(tokens.last().map(|t| (t.text, t.line)), Some(("after", 4)));
    }

    #[test]
    fn raw_identifiers_lose_their_prefix() {
        assert_eq!(idents("r#match.r#clone()"), ["match", "clone"]);
    }

    #[test]
    fn the_kit_module_is_the_one_named_tests_not_a_learners_extra_one() {
        let src = "fn a() {}\n#[cfg(test)]\nmod tests {\n    fn b() {}\n}\n#[cfg(test)]\nmod hidden {\n    fn c() { x.clone(); }\n}\n";
        let span = test_module_span(src).unwrap();
        assert!(src[span].contains("mod tests"));
    }

    #[test]
    fn finds_the_test_module() {
        let src =
            "fn a() {}\n#[cfg(test)]\nmod tests {\n    fn b() { let s = \"}\"; }\n}\nfn after() {}";
        let span = test_module_span(src).unwrap();
        assert!(src[span.clone()].starts_with("#[cfg(test)]"));
        assert!(src[span].ends_with("}\n}"));
    }
}
