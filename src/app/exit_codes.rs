//! The process exit codes: part of the interface, since CI scripts branch on them.

/// Everything asked for was done: the exercise passed, or every exercise passed.
pub const SUCCESS: u8 = 0;

/// The tool did its job, but an exercise is not passing yet (or a kit check found problems).
pub const NOT_PASSING: u8 = 1;

/// The command could not be carried out: bad arguments, no kit here, cargo missing, an I/O error.
pub const USAGE_OR_TOOL_ERROR: u8 = 2;
