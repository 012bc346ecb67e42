//! The learner's files the session looks after: an exercise as shipped (to reset it), and a
//! passed exercise's reference solution (to reveal it).

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Result, bail};

use crate::base::fsutil;
use crate::model::embedded;
use crate::model::kit::{Exercise, Kit};
use crate::model::stamp::Origin;

/// The solution of a passed exercise: its path, writing it from the built-in kit first where
/// the kit allows. `None` when there is none to show.
pub fn reveal_solution(kit: &Kit, origin: Origin, exercise: &Exercise) -> Result<Option<PathBuf>> {
    let rel = exercise.rel_solution_path();
    let path = kit.path(&rel);
    if path.is_file() {
        return Ok(Some(path));
    }
    if origin != Origin::BuiltIn || !kit.info.write_solutions {
        return Ok(None);
    }
    match embedded::file(&rel) {
        Some(contents) => {
            fsutil::write_atomic(&path, contents)?;
            Ok(Some(path))
        }
        None => Ok(None),
    }
}

/// The shipped version of an exercise: from the built-in kit when the kit came from it, else
/// from the kit's git history.
pub fn shipped_version(kit: &Kit, origin: Origin, exercise: &Exercise) -> Result<Vec<u8>> {
    let rel = exercise.rel_path();
    if origin == Origin::BuiltIn
        && let Some(contents) = embedded::file(&rel)
    {
        return Ok(contents.to_vec());
    }
    let out = Command::new("git")
        .args(["show", &format!("HEAD:{rel}")])
        .current_dir(&kit.root)
        .output();
    match out {
        Ok(out) if out.status.success() => Ok(out.stdout),
        _ => bail!(
            "cannot tell what {rel} looked like as shipped: this kit was not written by \
             `cargo rustskill init` and git has no committed version of it"
        ),
    }
}
