//! `cargo rustskill`: parse the command line, decide colour, run the command, map the result to
//! an exit code. Nothing else lives here.

mod assess;
mod cache;
mod cargo;
mod cli;
mod commands;
mod constraints;
mod embedded;
mod events;
mod exit_codes;
mod fsutil;
mod graded;
mod info;
mod judge;
mod kit;
mod libtest;
mod manifest;
mod outcome;
mod process;
mod progress;
mod report;
mod results;
mod rules;
mod source;
mod style;
mod toolchain;
mod watch;

use std::process::ExitCode;

fn main() -> ExitCode {
    style::exit_quietly_on_closed_pipe();
    let cli = cli::parse();
    let styles = style::Styles::new(cli.color.resolve());
    match commands::run(cli, &styles) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("{} {err:#}", styles.error.style("error:"));
            ExitCode::from(exit_codes::USAGE_OR_TOOL_ERROR)
        }
    }
}
