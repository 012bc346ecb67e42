//! Outputs: terminal styles, rendering verdicts, and the report formats of `verify` and `grade`
//! (human lines, JSON, JUnit, GitHub annotations). Beside the session; above the engine.

pub mod github;
pub mod json;
pub mod junit;
pub mod predict;
pub mod results;
pub mod stats;
pub mod style;
pub mod verdict;

#[cfg(test)]
mod tests;
