//! The application, the top layer: the command line, one module per command, watch mode and
//! timed assessments. Nothing imports it but `main`.

pub mod assess;
pub mod cli;
pub mod commands;
pub mod exit_codes;
pub mod watch;
