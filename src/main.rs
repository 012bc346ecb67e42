//! `cargo rustskill`: parse the command line, decide colour, run the command, map the result to
//! an exit code. Nothing else lives here.

mod analysis;
mod app;
mod base;
mod cohort;
mod engine;
mod model;
mod outputs;
mod session;

use std::process::ExitCode;

fn main() -> ExitCode {
    outputs::style::exit_quietly_on_closed_pipe();
    let cli = app::cli::parse();
    let styles = outputs::style::Styles::new(cli.color.resolve());
    match app::run(cli, &styles) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("{} {err:#}", styles.error.style("error:"));
            ExitCode::from(app::exit_codes::USAGE_OR_TOOL_ERROR)
        }
    }
}
