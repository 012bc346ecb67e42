//! `upgrade`: bring a kit written by `init` up to the kit built into this (newer) tool, keeping
//! the learner's code and progress. New exercises are added; files the learner never touched
//! (their content hash is still the one `init` recorded as shipped) take the new version; files
//! the learner edited are never overwritten, and those whose shipped version changed under the
//! edits are named, with how to take the new version (`reset NAME`, which keeps a backup).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, bail};

use crate::app::exit_codes;
use crate::base::fsutil;
use crate::model::embedded;
use crate::model::info::KitInfo;
use crate::model::kit::Kit;
use crate::model::manifest::{self, Flavor};
use crate::model::stamp::Stamp;
use crate::outputs::style::Styles;

/// What upgrading does to one exercise file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// New in this kit version (or missing): written.
    Add,
    /// Untouched since it was shipped, and shipped anew: replaced by the new version.
    Update,
    /// As the new version already, or edited where the shipped version did not change: kept.
    Keep,
    /// Edited by the learner, and shipped differently now: kept, and reported.
    Conflict,
}

/// Decides one file: `current` (the learner's, if any), the hash recorded when it was shipped
/// (if any), and the new shipped contents.
pub fn plan(current: Option<&[u8]>, shipped_hash: Option<&str>, new: &[u8]) -> Action {
    let Some(current) = current else {
        return Action::Add;
    };
    if current == new {
        return Action::Keep;
    }
    let new_hash = fsutil::content_hash(&[new]);
    match shipped_hash {
        Some(old) if old == fsutil::content_hash(&[current]) => Action::Update,
        Some(old) if old == new_hash => Action::Keep,
        // Edited, and either shipped anew or from a kit that did not record what it shipped.
        _ => Action::Conflict,
    }
}

/// Upgrades the kit found from `kit_dir`.
pub fn run(kit_dir: Option<&Path>, styles: &Styles) -> Result<u8> {
    let kit = Kit::discover(kit_dir)?;
    let Some(stamp) = Stamp::load(&kit).filter(|s| s.embedded) else {
        bail!(
            "{} was not written by `cargo rustskill init`, so there is no built-in kit to \
             upgrade it to; update it from where it came from (e.g. `git pull`)",
            kit.root.display()
        );
    };
    let info = KitInfo::parse(embedded::INFO_TOML, Path::new("<built-in kit>/info.toml"))?;
    if info.kit_name != stamp.kit_name {
        bail!(
            "this kit is `{}`, but this tool carries `{}`: nothing to upgrade",
            stamp.kit_name,
            info.kit_name
        );
    }
    // A "predict, then fix" exercise is the program of a predict item: it is written when its
    // item is answered, never before (as `init` does).
    let new_kit = Kit::from_info(
        kit.root.clone(),
        KitInfo::parse(embedded::INFO_TOML, Path::new("<built-in kit>/info.toml"))?,
    );
    let unopened: Vec<String> = new_kit
        .exercises
        .iter()
        .filter(|e| e.opened_by.is_some() && !kit.path(&e.rel_path()).is_file())
        .map(|e| e.rel_path())
        .collect();
    let mut shipped = BTreeMap::new();
    let mut report: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (rel, new) in embedded::exercise_files() {
        if unopened.contains(&rel) {
            continue;
        }
        let current = std::fs::read(kit.path(&rel)).ok();
        let old = stamp.shipped.get(&rel).map(String::as_str);
        let action = plan(current.as_deref(), old, new);
        let recorded = match action {
            Action::Add | Action::Update => {
                fsutil::write_atomic(&kit.path(&rel), new)?;
                fsutil::content_hash(&[new])
            }
            Action::Keep => fsutil::content_hash(&[new]),
            // What their edits started from stays on record.
            Action::Conflict => old.map_or_else(|| fsutil::content_hash(&[new]), str::to_owned),
        };
        shipped.insert(rel.clone(), recorded);
        let word = match action {
            Action::Add => "added",
            Action::Update => "updated",
            Action::Keep => continue,
            Action::Conflict => "conflict",
        };
        report.entry(word).or_default().push(rel);
    }
    fsutil::write_atomic(&kit.path("info.toml"), embedded::INFO_TOML.as_bytes())?;
    let upgraded = Kit::from_info(kit.root.clone(), info);
    fsutil::write_atomic(
        &upgraded.manifest_path(),
        manifest::render(&upgraded, Flavor::Learner).as_bytes(),
    )?;
    fsutil::write_atomic(&upgraded.path("Cargo.lock"), embedded::CARGO_LOCK)?;
    let from = stamp.kit_version.clone();
    Stamp {
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        kit_name: upgraded.info.kit_name.clone(),
        kit_version: upgraded.info.kit_version.clone(),
        embedded: true,
        shipped,
    }
    .save(&upgraded)?;
    print_report(&upgraded, &from, &report, styles);
    Ok(exit_codes::SUCCESS)
}

fn print_report(kit: &Kit, from: &str, report: &BTreeMap<&str, Vec<String>>, styles: &Styles) {
    let count = |word: &str| report.get(word).map_or(0, Vec::len);
    println!(
        "{} kit version {from} → {}: {} exercise files added, {} updated; your code and \
         progress are kept.",
        styles.ok.style("Upgraded:"),
        kit.info.kit_version,
        count("added"),
        count("updated")
    );
    for rel in report.get("added").into_iter().flatten() {
        println!("  added    {rel}");
    }
    for rel in report.get("updated").into_iter().flatten() {
        println!("  updated  {rel}");
    }
    let conflicts = report.get("conflict").map_or(&[][..], Vec::as_slice);
    if conflicts.is_empty() {
        return;
    }
    println!(
        "\n{} {} of your edited exercises changed in this kit version; your versions are kept:",
        styles.warn.style("note:"),
        conflicts.len()
    );
    for rel in conflicts {
        let name = Path::new(rel)
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        println!(
            "  {rel}  (`cargo rustskill reset {name}` takes the new version, keeping yours in a backup)"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{Action, plan};
    use crate::base::fsutil::content_hash;

    #[test]
    fn untouched_files_update_edited_ones_are_kept() {
        let old = content_hash(&[b"old"]);
        let new = b"new";
        assert_eq!(plan(None, None, new), Action::Add);
        assert_eq!(plan(Some(b"old"), Some(&old), new), Action::Update);
        assert_eq!(plan(Some(b"new"), Some(&old), new), Action::Keep);
        assert_eq!(plan(Some(b"mine"), Some(&old), new), Action::Conflict);
        let same = content_hash(&[new]);
        assert_eq!(plan(Some(b"mine"), Some(&same), new), Action::Keep);
        assert_eq!(plan(Some(b"mine"), None, new), Action::Conflict);
    }
}
