//! The Rust toolchain the kit needs: cargo, rustc at the kit's minimum version or newer, and
//! clippy. Checked at start, with the exact command to run when something is missing.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::base::fsutil;
use crate::engine::cargo::cargo_program;

/// What the toolchain check learned; `id` keys the verdict cache.
#[derive(Debug, Clone)]
pub struct Toolchain {
    /// `rustc -vV` output: release, commit hash, host. Changes with any toolchain change.
    pub id: String,
}

/// Parses `1.85` or `1.85.1` (a `-beta`/`-nightly` suffix is ignored).
pub fn parse_version(text: &str) -> Option<(u32, u32, u32)> {
    let core = text.split(['-', ' ']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u32>());
    let major = parts.next()?.ok()?;
    let minor = parts.next()?.ok()?;
    let patch = parts.next().unwrap_or(Ok(0)).ok()?;
    Some((major, minor, patch))
}

/// Checks the toolchain from `dir` (where a `rust-toolchain.toml` would apply) against
/// `min_rust`. The clippy check runs once per toolchain and is remembered in `cache_dir`.
pub fn check(dir: &Path, min_rust: Option<&str>, cache_dir: &Path) -> Result<Toolchain> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(&rustc).arg("-vV").current_dir(dir).output();
    let output = match output {
        Ok(out) if out.status.success() => out,
        Ok(out) => bail!(
            "`rustc -vV` failed: {}\nInstall a Rust toolchain with rustup: https://rustup.rs",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(_) => bail!(
            "rustc was not found. Install Rust with rustup (https://rustup.rs), then open a new terminal."
        ),
    };
    let id = String::from_utf8_lossy(&output.stdout).into_owned();
    let version = id
        .lines()
        .find_map(|l| l.strip_prefix("release: "))
        .and_then(parse_version)
        .with_context(|| format!("could not read the rustc version from:\n{id}"))?;
    if let Some(min) = min_rust {
        let wanted = parse_version(min)
            .with_context(|| format!("info.toml: min_rust = {min:?} is not a version"))?;
        if version < wanted {
            bail!(
                "this kit needs Rust {min} or newer, and rustc here is {}.{}.{}. Run `rustup update stable`.",
                version.0,
                version.1,
                version.2
            );
        }
    }
    let stamp = cache_dir.join("toolchain-checked");
    let key = fsutil::content_hash(&[id.as_bytes()]);
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(key.as_str()) {
        check_clippy(dir)?;
        // Remembering is an optimisation: failing to write the stamp only means checking again.
        let _ = fsutil::write_atomic(&stamp, key.as_bytes());
    }
    Ok(Toolchain { id })
}

fn check_clippy(dir: &Path) -> Result<()> {
    let out = Command::new(cargo_program())
        .args(["clippy", "--version"])
        .current_dir(dir)
        .output();
    match out {
        Ok(out) if out.status.success() => Ok(()),
        Ok(_) => {
            bail!("clippy is not installed for this toolchain. Run `rustup component add clippy`.")
        }
        Err(_) => bail!(
            "cargo was not found. Install Rust with rustup (https://rustup.rs), then open a new terminal."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_version;

    #[test]
    fn versions() {
        assert_eq!(parse_version("1.85"), Some((1, 85, 0)));
        assert_eq!(parse_version("1.95.0-nightly"), Some((1, 95, 0)));
        assert_eq!(parse_version("x"), None);
    }
}
