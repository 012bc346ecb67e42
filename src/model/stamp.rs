//! The version stamp `init` writes (`.rustskill/stamp.toml`): which tool and kit versions wrote
//! the kit, so a later tool can tell an old kit.

use serde::{Deserialize, Serialize};

use crate::model::kit::Kit;

/// What `init` records about the kit it wrote.
#[derive(Debug, Serialize, Deserialize)]
pub struct Stamp {
    /// The version of cargo-rustskill that wrote the kit.
    pub tool_version: String,
    /// The kit's name.
    pub kit_name: String,
    /// The kit's version.
    pub kit_version: String,
    /// Whether the kit came from the tool's built-in kit (so `reset` and solutions can use it).
    pub embedded: bool,
}

/// Where a kit's files came from, which says where its shipped versions and solutions are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `init` wrote it from the kit built into the tool.
    BuiltIn,
    /// Anywhere else (a kit's repository, a copy): its git history has the shipped versions.
    Elsewhere,
}

impl Stamp {
    /// Where the stamp of `kit` lives.
    pub fn path(kit: &Kit) -> std::path::PathBuf {
        kit.state_dir().join("stamp.toml")
    }

    /// Where the files of a kit with this stamp (or with none) came from.
    pub fn origin(stamp: Option<&Stamp>) -> Origin {
        match stamp {
            Some(stamp) if stamp.embedded => Origin::BuiltIn,
            _ => Origin::Elsewhere,
        }
    }

    /// The stamp of `kit`, if `init` wrote one.
    pub fn load(kit: &Kit) -> Option<Stamp> {
        toml::from_str(&std::fs::read_to_string(Stamp::path(kit)).ok()?).ok()
    }
}
