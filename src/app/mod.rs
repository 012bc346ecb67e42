//! The application, the top layer: the command line, one module per command, watch mode and
//! timed assessments. Nothing imports it but `main`; here the command line is dispatched.

pub mod cli;
pub mod exit_codes;

mod assess;
mod commands;
mod editor;
mod judging;
mod opening;
mod watch;

use anyhow::Result;

use crate::model::kit::Kit;
use crate::outputs::style::Styles;
use cli::{Cli, Command, DevCommand};
use commands::{
    answer, dev, grade, hint, init, list, open, report, reset, review, run as run_cmd, stats,
    upgrade, verify,
};
use opening::open_session;

/// Runs the command the user asked for and returns the exit code.
pub fn run(cli: Cli, styles: &Styles) -> Result<u8> {
    let kit_dir = cli.kit.as_deref();
    match cli.command {
        Some(Command::Init { dir, ci, no_build }) => init::run(&dir, ci, no_build, styles),
        Some(Command::List { json }) => list::run(&open_session(kit_dir, styles)?, json, styles),
        Some(Command::Run { name }) => {
            run_cmd::run(&mut open_session(kit_dir, styles)?, name.as_deref(), styles)
        }
        Some(Command::Answer {
            name,
            choice,
            give_up,
        }) => {
            let asked = match (choice, give_up) {
                (Some(choice), _) => answer::Asked::Choice(choice),
                (None, true) => answer::Asked::GiveUp,
                (None, false) => answer::Asked::Show,
            };
            answer::run(&mut open_session(kit_dir, styles)?, &name, asked, styles)
        }
        Some(Command::Open { name }) => open::run(
            &mut open_session(kit_dir, styles)?,
            name.as_deref(),
            cli.edit_cmd.as_deref(),
            styles,
        ),
        Some(Command::Review { list: true, .. }) => {
            review::list(&open_session(kit_dir, styles)?, styles)
        }
        Some(Command::Review { list: false, poll }) => {
            review::run(kit_dir, poll, cli.edit_cmd.as_deref(), styles)
        }
        Some(Command::Stats { html }) => {
            stats::run(&open_session(kit_dir, styles)?, html.as_deref(), styles)
        }
        Some(Command::Hint { name }) => {
            hint::run(&mut open_session(kit_dir, styles)?, name.as_deref(), styles)
        }
        Some(Command::Reset {
            name,
            all,
            undo,
            yes,
        }) => {
            let target = match (&name, all, undo) {
                (_, _, true) => reset::Target::Undo,
                (_, true, _) => reset::Target::All,
                (Some(name), ..) => reset::Target::One(name),
                (None, ..) => reset::Target::All,
            };
            reset::run(&mut open_session(kit_dir, styles)?, target, yes, styles)
        }
        Some(Command::Verify(args)) => verify::run(kit_dir, &args, styles),
        Some(Command::Upgrade) => upgrade::run(kit_dir, styles),
        Some(Command::Grade(args)) => grade::run(kit_dir, &args, styles),
        Some(Command::Report {
            paths,
            format,
            output,
        }) => report::run(&paths, format, output.as_deref(), styles),
        Some(Command::Assess(args)) => assess::run(kit_dir, &args, styles),
        Some(Command::Dev(DevCommand::New { path })) => {
            dev::new(&Kit::discover(kit_dir)?, &path, styles)
        }
        Some(Command::Dev(DevCommand::Sync)) => dev::sync(kit_dir, styles),
        Some(Command::Dev(DevCommand::Check { no_cache, only })) => {
            dev::check(&Kit::discover(kit_dir)?, no_cache, &only, styles)
        }
        None => watch_mode(kit_dir, cli.watch.poll, cli.edit_cmd.as_deref(), styles),
    }
}

/// The default command: watch mode, which needs a terminal.
fn watch_mode(
    kit_dir: Option<&std::path::Path>,
    poll: bool,
    edit_cmd: Option<&str>,
    styles: &Styles,
) -> Result<u8> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "watch mode needs a terminal. Outside one, use `cargo rustskill run [NAME]` for one \
             exercise or `cargo rustskill verify` for all of them."
        );
        return Ok(exit_codes::USAGE_OR_TOOL_ERROR);
    }
    // `v` leaves watch mode for a review round, and watch mode comes back after it.
    while watch::run(open_session(kit_dir, styles)?, poll, edit_cmd, styles)?
        == watch::WatchEnd::Review
    {
        commands::review::run(kit_dir, poll, edit_cmd, styles)?;
    }
    Ok(exit_codes::SUCCESS)
}
