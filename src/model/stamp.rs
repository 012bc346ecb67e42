//! The version stamp `init` writes (`.rustskill/stamp.toml`): which tool and kit versions wrote
//! the kit, so a later tool can tell an old kit, and the content hash of every exercise file as
//! shipped, so `upgrade` can tell the files the learner never touched from those they edited.

use std::collections::BTreeMap;

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
    /// Kit-relative path → content hash of each exercise file as shipped (absent in kits
    /// written before upgrades could tell).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub shipped: BTreeMap<String, String>,
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

    /// Writes the stamp into `kit`.
    pub fn save(&self, kit: &Kit) -> anyhow::Result<()> {
        let text = toml::to_string(self)?;
        crate::base::fsutil::write_atomic(&Stamp::path(kit), text.as_bytes())
    }

    /// The stamp of `kit`, if `init` wrote one.
    pub fn load(kit: &Kit) -> Option<Stamp> {
        toml::from_str(&std::fs::read_to_string(Stamp::path(kit)).ok()?).ok()
    }
}
