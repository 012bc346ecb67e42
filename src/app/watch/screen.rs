//! Drawing the watch screen: a header (exercise, track, level, clickable path, progress bar), a
//! body (the verdict, a hint, the list), and one line of key help, fitted to the terminal.

use std::io::Write;

use crossterm::{cursor, queue, terminal};
use unicode_width::UnicodeWidthStr;

use crate::model::kit::Exercise;
use crate::outputs::style::{Styles, strip_ansi};

/// What to draw.
#[derive(Debug)]
pub struct Frame {
    /// Header lines.
    pub header: Vec<String>,
    /// Body lines (may be more than fit).
    pub body: Vec<String>,
    /// How many body lines to skip from the top.
    pub scroll: usize,
    /// The key-help line or a prompt.
    pub footer: String,
}

/// How many terminal rows `line` takes at `width` columns.
fn rows(line: &str, width: usize) -> usize {
    let visible = UnicodeWidthStr::width(strip_ansi(line).as_str());
    visible.div_ceil(width.max(1)).max(1)
}

/// The largest scroll offset that still fills the body area.
pub fn max_scroll(body: &[String], width: usize, height: usize) -> usize {
    let mut used = 0;
    for (i, line) in body.iter().enumerate().rev() {
        used += rows(line, width);
        if used > height {
            return i + 1;
        }
    }
    0
}

/// The terminal's size, with a fallback for terminals that do not say.
pub fn size() -> (usize, usize) {
    terminal::size().map_or((80, 24), |(w, h)| {
        (usize::from(w).max(20), usize::from(h).max(8))
    })
}

/// Draws a frame in one write, so the screen never shows half of one.
pub fn draw(frame: &Frame, size: (usize, usize), styles: &Styles) -> std::io::Result<()> {
    let mut out = Vec::with_capacity(16 * 1024);
    queue!(
        out,
        cursor::MoveTo(0, 0),
        terminal::Clear(terminal::ClearType::All)
    )?;
    out.extend_from_slice(compose(frame, size, styles).as_bytes());
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()
}

/// The frame's text as the terminal gets it (after clearing it): the header, a rule, as much
/// of the body as fits, a scroll note, a rule and the footer.
pub fn compose(frame: &Frame, size: (usize, usize), styles: &Styles) -> String {
    use std::fmt::Write as _;
    let (width, height) = size;
    let body_height = height.saturating_sub(frame.header.len() + 3);
    let mut out = String::with_capacity(16 * 1024);
    let rule = styles.dim.style("─".repeat(width)).to_string();
    for line in &frame.header {
        let _ = write!(out, "{line}\r\n");
    }
    let _ = write!(out, "{rule}\r\n");
    let mut used = 0;
    let mut shown = 0;
    let body = &frame.body[frame.scroll.min(frame.body.len())..];
    for line in body {
        let r = rows(line, width);
        if used + r > body_height.saturating_sub(1) && shown + 1 < body.len() {
            break;
        }
        let _ = write!(out, "{line}\x1b[0m\r\n");
        used += r;
        shown += 1;
    }
    let hidden_below = body.len() - shown;
    let mut note = String::new();
    if frame.scroll > 0 || hidden_below > 0 {
        note = format!(
            "[lines {}–{} of {}: ↑/↓ PgUp/PgDn scroll]",
            frame.scroll + 1,
            frame.scroll + shown,
            frame.body.len()
        );
    }
    for _ in used..body_height.saturating_sub(1) {
        out.push_str("\r\n");
    }
    let _ = write!(out, "{}\r\n", styles.dim.style(note));
    let _ = write!(out, "{rule}\r\n{}", frame.footer);
    out
}

/// `path`, as an OSC 8 hyperlink to the file where colour (and so escapes) is on.
pub fn file_link(path: &std::path::Path, text: &str, styles: &Styles) -> String {
    if !styles.color {
        return text.to_owned();
    }
    let url = url_for(path);
    format!(
        "\x1b]8;;{url}\x1b\\{}\x1b]8;;\x1b\\",
        styles.strong.style(text)
    )
}

fn url_for(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        // Windows: file:///C:/...
        url.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

/// `[#####-----] 12/40 solved`.
pub fn progress_bar(solved: usize, total: usize, width: usize, styles: &Styles) -> String {
    let filled = (solved * width).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}] {solved}/{total} solved",
        styles.ok.style("#".repeat(filled)),
        styles.dim.style("-".repeat(width - filled))
    )
}

/// The heading line for an exercise.
pub fn exercise_heading(exercise: &Exercise, total: usize, styles: &Styles) -> String {
    format!(
        "{} {}  {}",
        styles
            .strong
            .style(format!("[{}/{}]", exercise.index + 1, total)),
        styles.strong.style(&exercise.name),
        styles
            .dim
            .style(format!("{} · level {}", exercise.track(), exercise.level))
    )
}

/// Splits multi-line text into body lines.
pub fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// Prose (a hint, an explanation, a message) as body lines word-wrapped to `width` columns,
/// measured in display width (wide characters take two). Code is kept as written: indented
/// lines and fenced blocks; a word longer than the line is broken.
pub fn prose(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        let fence = line.trim_start().starts_with("```");
        if fence || in_fence || line.starts_with([' ', '\t']) || line.is_empty() {
            in_fence ^= fence;
            out.push(line.to_owned());
            continue;
        }
        out.extend(
            textwrap::wrap(line, width.max(10))
                .into_iter()
                .map(|part| part.into_owned()),
        );
    }
    out
}

/// One line of prose word-wrapped to `width` columns, its continuation lines indented as far as
/// the line itself is (an explanation under its choice).
pub fn indented_prose(line: &str, width: usize) -> Vec<String> {
    let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
    let options = textwrap::Options::new(width.max(10)).subsequent_indent(indent);
    textwrap::wrap(line, options)
        .into_iter()
        .map(|part| part.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{indented_prose, max_scroll, prose, rows, url_for};

    #[test]
    fn an_indented_line_wraps_under_itself() {
        let lines = indented_prose("   moves the name into the greeting, so it is gone", 24);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines.iter().all(|l| l.starts_with("   ") && l.len() <= 24),
            "{lines:?}"
        );
    }

    #[test]
    fn prose_wraps_at_words_by_display_width_and_keeps_code() {
        let text = "Borrow the name instead of moving it into the greeting.\n    let name = &owner;\n```\nfn a_long_line_of_code_that_stays() {}\n```\n名前を借りてください、移動しないで";
        let wrapped = prose(text, 20);
        assert_eq!(
            &wrapped[..4],
            [
                "Borrow the name",
                "instead of moving it",
                "into the greeting.",
                "    let name = &owner;"
            ]
        );
        assert!(wrapped.contains(&"fn a_long_line_of_code_that_stays() {}".to_owned()));
        for line in wrapped.iter().skip(7) {
            assert!(
                unicode_width::UnicodeWidthStr::width(line.as_str()) <= 20,
                "{line}"
            );
        }
        assert!(
            wrapped.len() > 8,
            "the wide text took two lines: {wrapped:?}"
        );
    }

    #[test]
    fn wide_lines_take_several_rows() {
        assert_eq!(rows("abcdef", 4), 2);
        assert_eq!(rows("\x1b[31mab\x1b[0m", 4), 1);
        assert_eq!(rows("", 4), 1);
    }

    #[test]
    fn scroll_stops_when_the_last_line_is_visible() {
        let body: Vec<String> = (0..10).map(|i| i.to_string()).collect();
        assert_eq!(max_scroll(&body, 80, 4), 6);
        assert_eq!(max_scroll(&body, 80, 20), 0);
    }

    #[test]
    fn urls_escape_spaces() {
        assert_eq!(
            url_for(std::path::Path::new("/tmp/my kit/a.rs")),
            "file:///tmp/my%20kit/a.rs"
        );
    }
}
