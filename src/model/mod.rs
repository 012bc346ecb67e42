//! The kit model, the bottom layer: `info.toml`, the kit on disk and its cargo manifest, the
//! constraint rules, verdicts and their status words, the learner's progress and attempts log.
//! It imports nothing above `base`.

pub mod answers;
pub mod embedded;
pub mod events;
pub mod info;
pub mod kit;
pub mod manifest;
pub mod outcome;
pub mod predict;
pub mod predict_source;
pub mod progress;
pub mod review;
pub mod rules;
pub mod schema;
pub mod stamp;
pub mod stats;
pub mod status;
pub mod time;
