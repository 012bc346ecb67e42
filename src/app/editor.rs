//! Opening an exercise in the learner's editor, at a line: which editor (`--edit-cmd`, the
//! kit's `.rustskill/settings.toml`, `$VISUAL`, `$EDITOR`, or `code -g` inside VS Code's
//! integrated terminal), how it takes a line (`+LINE file`, `-g file:LINE`, `file:LINE`,
//! `--line LINE file`), and whether it runs in this terminal (vim, nano, Helix: the caller
//! hands it the terminal and waits) or in a window of its own (VS Code, Zed, JetBrains: started
//! and left running).

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Result, bail};
use serde::Deserialize;

use crate::model::kit::Kit;

/// The kit-local settings, `.rustskill/settings.toml` (all optional).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The editor command, as for `--edit-cmd`.
    pub edit_cmd: Option<String>,
    /// Open the next exercise in the editor when `n` moves on in watch mode.
    #[serde(default)]
    pub open_next: bool,
}

impl Settings {
    /// Reads the kit's settings; a missing file is the defaults, a broken one an error naming it.
    pub fn load(kit: &Kit) -> Result<Settings> {
        let path = kit.state_dir().join("settings.toml");
        match std::fs::read_to_string(&path) {
            Err(_) => Ok(Settings::default()),
            Ok(text) => toml::from_str(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {} (keys: edit_cmd = \"…\", open_next = true|false)",
                    path.display(),
                    e.message()
                )
            }),
        }
    }
}

/// Where the editor runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runs {
    /// In this terminal: it gets the terminal until it exits.
    InTerminal,
    /// In a window of its own: started and left running.
    Windowed,
}

/// A command ready to open a file at a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Launch {
    /// The program and its arguments.
    pub argv: Vec<String>,
    /// Where it runs.
    pub runs: Runs,
}

/// What was asked for, before the environment is read: `--edit-cmd`, then the kit's setting.
pub fn configured(flag: Option<&str>, settings: &Settings) -> Option<String> {
    flag.map(str::to_owned)
        .or_else(|| settings.edit_cmd.clone())
}

/// The editor command: the configured one, else `$VISUAL`, `$EDITOR`, else `code` inside VS
/// Code's integrated terminal; `None` when there is none.
pub fn choose(configured: Option<String>, env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let set = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    configured
        .or_else(|| set("VISUAL"))
        .or_else(|| set("EDITOR"))
        .or_else(|| (env("TERM_PROGRAM").as_deref() == Some("vscode")).then(|| "code".to_owned()))
}

/// The one-line explanation when no editor is set.
pub const NO_EDITOR: &str = "no editor set: `export EDITOR=nvim` (or VISUAL, e.g. `code`), or `--edit-cmd 'zed'`, or `edit_cmd = \"…\"` in .rustskill/settings.toml";

/// Splits a command line into words: spaces separate, quotes group, as a shell would for the
/// simple commands editors are set to (`code --wait`, `"C:\Program Files\…\Code.exe" -w`).
pub fn split(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (None, c) if c.is_whitespace() => {
                if started || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            (None, c) => word.push(c),
        }
    }
    if started || !word.is_empty() {
        words.push(word);
    }
    words
}

/// How an editor is told the line, by the name of its program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineForm {
    /// `+LINE file`: vi, vim, neovim, nano, emacs, micro, kakoune, gedit.
    Plus,
    /// `-g file:LINE`: VS Code and its forks.
    Goto,
    /// `file:LINE`: Zed, Helix, Sublime Text.
    Colon,
    /// `--line LINE file`: JetBrains' launchers.
    LineFlag,
    /// No known form: the file alone.
    None,
}

fn program_name(program: &str) -> String {
    let base = program.rsplit(['/', '\\']).next().unwrap_or(program);
    let base = base.strip_suffix(".exe").unwrap_or(base);
    let base = base.strip_suffix(".cmd").unwrap_or(base);
    base.to_ascii_lowercase()
}

fn form_and_runs(program: &str, args: &[String]) -> (LineForm, Runs) {
    match program_name(program).as_str() {
        "vi" | "vim" | "nvim" | "nano" | "pico" | "micro" | "kak" | "joe" | "ne" | "mg"
        | "emacs" => (LineForm::Plus, Runs::InTerminal),
        // `emacsclient -n` returns at once (a GUI frame); without it, it waits in the terminal.
        "emacsclient" if args.iter().any(|a| a == "-n" || a == "--no-wait") => {
            (LineForm::Plus, Runs::Windowed)
        }
        "emacsclient" => (LineForm::Plus, Runs::InTerminal),
        "gedit" | "gvim" => (LineForm::Plus, Runs::Windowed),
        "hx" | "helix" => (LineForm::Colon, Runs::InTerminal),
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" | "windsurf" => {
            (LineForm::Goto, Runs::Windowed)
        }
        "zed" | "zeditor" | "subl" | "sublime_text" => (LineForm::Colon, Runs::Windowed),
        "idea" | "idea64" | "clion" | "clion64" | "rustrover" | "rustrover64" | "webstorm"
        | "pycharm" | "goland" | "phpstorm" | "fleet" => (LineForm::LineFlag, Runs::Windowed),
        _ => (LineForm::None, Runs::InTerminal),
    }
}

/// The command that opens `file` at `line` with `editor` (a command line). `{file}` and
/// `{line}` in it are replaced, and then nothing is added; otherwise the editor's own line
/// form is used. An editor unknown here gets the file alone and the terminal.
pub fn launch(editor: &str, file: &Path, line: usize) -> Result<Launch> {
    let words = split(editor);
    let Some(program) = words.first().cloned() else {
        bail!("{NO_EDITOR}");
    };
    let file_text = file.display().to_string();
    let args = &words[1..];
    let (form, runs) = form_and_runs(&program, args);
    if words
        .iter()
        .any(|w| w.contains("{file}") || w.contains("{line}"))
    {
        let argv = words
            .iter()
            .map(|w| {
                w.replace("{file}", &file_text)
                    .replace("{line}", &line.to_string())
            })
            .collect();
        return Ok(Launch { argv, runs });
    }
    let mut argv = words.clone();
    match form {
        LineForm::Plus => argv.extend([format!("+{line}"), file_text]),
        LineForm::Goto => argv.extend(["-g".to_owned(), format!("{file_text}:{line}")]),
        LineForm::Colon => argv.push(format!("{file_text}:{line}")),
        LineForm::LineFlag => argv.extend(["--line".to_owned(), line.to_string(), file_text]),
        LineForm::None => argv.push(file_text),
    }
    Ok(Launch { argv, runs })
}

/// Runs a launch: an editor in this terminal is waited for (the caller gave it the terminal);
/// a windowed one is started and reaped on a thread of its own. A missing program is an error
/// saying how to set one.
pub fn run(launch: &Launch) -> Result<()> {
    let mut cmd = Command::new(&launch.argv[0]);
    cmd.args(&launch.argv[1..]);
    if launch.runs == Runs::Windowed {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
    }
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("the editor `{}` was not found; {NO_EDITOR}", launch.argv[0])
        }
        Err(e) => bail!("could not start the editor `{}`: {e}", launch.argv[0]),
    };
    match launch.runs {
        Runs::InTerminal => {
            child.wait()?;
        }
        Runs::Windowed => {
            std::thread::spawn(move || child.wait());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Runs, choose, launch, split};
    use std::path::Path;

    #[test]
    fn each_editor_gets_its_line_form() {
        let at = |editor: &str| launch(editor, Path::new("/k/a.rs"), 7).unwrap();
        assert_eq!(at("nvim").argv, ["nvim", "+7", "/k/a.rs"]);
        assert_eq!(at("nvim").runs, Runs::InTerminal);
        assert_eq!(
            at("code --wait").argv,
            ["code", "--wait", "-g", "/k/a.rs:7"]
        );
        assert_eq!(at("code").runs, Runs::Windowed);
        assert_eq!(at("zed").argv, ["zed", "/k/a.rs:7"]);
        assert_eq!(at("hx").argv, ["hx", "/k/a.rs:7"]);
        assert_eq!(at("hx").runs, Runs::InTerminal);
        assert_eq!(
            at("/opt/bin/rustrover").argv,
            ["/opt/bin/rustrover", "--line", "7", "/k/a.rs"]
        );
        assert_eq!(at("emacsclient -n").runs, Runs::Windowed);
        assert_eq!(at("my-editor").argv, ["my-editor", "/k/a.rs"]);
        assert_eq!(at("ed {line} {file}").argv, ["ed", "7", "/k/a.rs"]);
        assert_eq!(
            at("\"C:\\Program Files\\Code.exe\" -r").argv[..2],
            ["C:\\Program Files\\Code.exe", "-r"]
        );
    }

    #[test]
    fn the_flag_then_the_variables_then_vs_code() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let both = env(&[("VISUAL", "code"), ("EDITOR", "vim")]);
        assert_eq!(choose(None, &both).as_deref(), Some("code"));
        assert_eq!(choose(Some("zed".into()), &both).as_deref(), Some("zed"));
        let vscode = env(&[("TERM_PROGRAM", "vscode"), ("EDITOR", "")]);
        assert_eq!(choose(None, &vscode).as_deref(), Some("code"));
        assert_eq!(choose(None, &env(&[])), None);
        assert_eq!(split("a 'b c' \"\" d"), ["a", "b c", "", "d"]);
    }
}
