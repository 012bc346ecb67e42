//! The foundations every layer may use: file helpers with no knowledge of kits.

pub mod fsutil;
