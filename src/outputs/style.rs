//! Terminal styles: one struct, plain unless colour is wanted and allowed.

use std::io::IsTerminal;

use clap::ValueEnum;
use owo_colors::Style;

/// The user's `--color` choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour, even into a pipe.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Decides once, at start, whether this run colours its output.
    pub fn resolve(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                !no_color && std::io::stdout().is_terminal()
            }
        }
    }
}

/// The styles every command prints with.
#[derive(Clone, Copy, Debug, Default)]
pub struct Styles {
    /// Whether colour is on; passed on to cargo and the test binaries.
    pub color: bool,
    /// Passed exercises, success lines.
    pub ok: Style,
    /// Failures and errors.
    pub error: Style,
    /// Warnings, pending work.
    pub warn: Style,
    /// Headings and names.
    pub strong: Style,
    /// Secondary text: paths, counts, hints.
    pub dim: Style,
}

impl Styles {
    /// Styles for this run: coloured when `color` is true, plain otherwise.
    pub fn new(color: bool) -> Styles {
        if !color {
            return Styles::default();
        }
        Styles {
            color,
            ok: Style::new().green().bold(),
            error: Style::new().red().bold(),
            warn: Style::new().yellow().bold(),
            strong: Style::new().bold(),
            dim: Style::new().dimmed(),
        }
    }
}

/// `cargo rustskill list | head` should end quietly when `head` stops reading, as Unix tools
/// do, not panic in `println!`: restore the default action of SIGPIPE, which Rust sets to
/// ignore. Children never get input from us, so no write of ours to a child can raise it.
#[cfg(unix)]
#[allow(unsafe_code)]
pub fn exit_quietly_on_closed_pipe() {
    // SAFETY: setting a signal's disposition to SIG_DFL at start, before any thread exists,
    // has no preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Windows has no SIGPIPE; a closed pipe is an error there, which `println!` reports.
#[cfg(not(unix))]
pub fn exit_quietly_on_closed_pipe() {}

/// Removes ANSI escape sequences (CSI and OSC), for plain output of text rendered in colour.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        match chars.next() {
            // CSI: parameters, then one final byte in @..~
            Some('[') => {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            // OSC: up to BEL or ESC \
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\x07' {
                        break;
                    }
                    if c == '\x1b' {
                        chars.next();
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::strip_ansi;

    #[test]
    fn strips_csi_and_osc() {
        let text =
            "\x1b[1m\x1b[38;5;9merror[E0382]\x1b[0m: \x1b]8;;file:///a\x07a.rs\x1b]8;;\x1b\\ x";
        assert_eq!(strip_ansi(text), "error[E0382]: a.rs x");
    }
}
