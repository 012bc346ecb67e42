//! The engine: the judge and what it drives (cargo, child processes, libtest's output, the
//! verdict cache, the toolchain check). Above the model and source analysis.

pub mod cache;
pub mod cargo;
pub mod deps;
pub mod evidence;
pub mod judge;
pub mod libtest;
pub mod limits;
pub mod predict;
pub mod process;
pub mod sandbox;
pub mod toolchain;
