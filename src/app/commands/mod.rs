//! One module per subcommand. Each dispatches to the layers below; none is a library for
//! another (what commands share lives in the session, the outputs, or `app::judging`).

pub mod answer;
pub mod dev;
pub mod grade;
pub mod hint;
pub mod init;
pub mod list;
pub mod open;
pub mod report;
pub mod reset;
pub mod review;
pub mod run;
pub mod stats;
pub mod upgrade;
pub mod verify;
