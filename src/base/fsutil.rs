//! File helpers: atomic writes and content hashes.

use std::path::Path;

use anyhow::{Context, Result};

/// Writes `contents` to `path` through a temporary file in the same folder and a rename,
/// so a crash or Ctrl-C leaves either the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, contents, Durability::Synced)
}

/// Like [`write_atomic`], without waiting for the disk: for caches, where losing the newest
/// version in a power cut costs only a recomputation, and the wait would be on the hot path.
pub fn write_atomic_unsynced(path: &Path, contents: &[u8]) -> Result<()> {
    replace(path, contents, Durability::Unsynced)
}

#[derive(PartialEq)]
enum Durability {
    Synced,
    Unsynced,
}

fn replace(path: &Path, contents: &[u8], durability: Durability) -> Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("failed to create {}", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".rustskill-tmp")
        .tempfile_in(dir)
        .with_context(|| format!("failed to create a temporary file in {}", dir.display()))?;
    tmp.write_all(contents)
        .and_then(|()| match durability {
            Durability::Synced => tmp.as_file().sync_data(),
            Durability::Unsynced => Ok(()),
        })
        .with_context(|| format!("failed to write {}", path.display()))?;
    keep_permissions(path, tmp.as_file());
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("failed to replace {}", path.display()))?;
    Ok(())
}

/// Gives the replacement the permissions of the file it replaces, or the usual ones for a new
/// file (the temporary file is created readable by its owner only).
fn keep_permissions(path: &Path, tmp: &std::fs::File) {
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => match new_file_permissions() {
            Some(permissions) => permissions,
            None => return,
        },
    };
    // Best effort: the content is what matters; a file system without modes refuses this.
    let _ = tmp.set_permissions(permissions);
}

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    // What `File::create` gives under the usual umask.
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    // A temporary file on Windows already carries the folder's inherited permissions.
    None
}

/// A stable 128-bit hash of some bytes, as hex: the same on every platform and tool build.
pub fn content_hash(parts: &[&[u8]]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        // Length-prefix each part so ("ab", "c") and ("a", "bc") differ.
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    format!("{:032x}", hasher.digest128())
}
