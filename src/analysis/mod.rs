//! Source analysis: a small Rust lexer, constraint checks on the learner's code, and the tamper
//! checks and staging of graded runs. Above the model, below the engine.

pub mod arms;
pub mod attributes;
pub mod cheats;
pub mod constraints;
pub mod graded;
pub mod harness;
pub mod instrument;
pub mod lexical;
pub mod reader;
pub mod source;
pub mod tamper;
