//! The kit built into the binary, so `init` can write it anywhere and `reset` can restore any
//! exercise without network or the repository.

use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::model::info::KitInfo;

/// The embedded `info.toml`, as written.
pub const INFO_TOML: &str = include_str!("../../info.toml");

/// The kit's `Cargo.lock`, which pins the versions of the crates the exercises use.
pub const CARGO_LOCK: &[u8] = include_bytes!("../../dev/Cargo.lock");

static EXERCISES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/exercises");
static SOLUTIONS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/solutions");

/// A file of the embedded kit by its kit-relative path (`exercises/…` or `solutions/…`).
pub fn file(rel: &str) -> Option<&'static [u8]> {
    let (dir, rest) = if let Some(rest) = rel.strip_prefix("exercises/") {
        (&EXERCISES, rest)
    } else {
        (&SOLUTIONS, rel.strip_prefix("solutions/")?)
    };
    dir.get_file(rest).map(|f| f.contents())
}

/// Every embedded exercise file, as (kit-relative path, contents).
pub fn exercise_files() -> Vec<(String, &'static [u8])> {
    let mut files = Vec::new();
    collect(&EXERCISES, "exercises", &mut files);
    files
}

fn collect(dir: &'static Dir<'static>, prefix: &str, out: &mut Vec<(String, &'static [u8])>) {
    for file in dir.files() {
        out.push((
            format!(
                "{prefix}/{}",
                file.path().to_string_lossy().replace('\\', "/")
            ),
            file.contents(),
        ));
    }
    for sub in dir.dirs() {
        collect(sub, prefix, out);
    }
}

/// The built-in kit's version.
pub fn kit_version() -> Option<String> {
    let info = KitInfo::parse(INFO_TOML, Path::new("info.toml")).ok()?;
    Some(info.kit_version)
}
