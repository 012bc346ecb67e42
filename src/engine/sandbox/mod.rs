//! The sandbox graded runs start learner binaries in: no network, and writes confined to the
//! process's own scratch folder inside the staging kit (everything else is read-only, `/proc`
//! is hidden, and the process gets its own process namespace, so nothing it starts outlives
//! it). Bubblewrap where it is installed; else, on Linux, unprivileged user, mount, network
//! and PID namespaces set up directly; elsewhere, or where the system refuses them (some CI
//! runners restrict user namespaces), none, said once in a warning.
//!
//! A sandbox only wraps the command: the process module still owns the child (its time
//! limit, its process group, whatever resource limits it sets, all of which the sandboxed
//! process inherits).

#[cfg(target_os = "linux")]
mod linux;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Result, bail};

/// Which sandbox to use (`--sandbox`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SandboxChoice {
    /// Bubblewrap if installed, else namespaces, else none with a warning.
    #[default]
    Auto,
    /// Bubblewrap, or an error.
    Bubblewrap,
    /// Namespaces set up by the tool itself, or an error.
    Namespaces,
    /// None: learner code runs with the grader's privileges.
    Off,
}

/// A sandbox, chosen and checked to work on this machine.
#[derive(Clone, Debug)]
pub struct Sandbox {
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    Off,
    Bubblewrap(PathBuf),
    #[cfg(target_os = "linux")]
    Namespaces,
}

impl Sandbox {
    /// No sandbox.
    pub fn off() -> Sandbox {
        Sandbox { kind: Kind::Off }
    }

    /// The sandbox `choice` asks for, checked by starting a process in it. With
    /// [`SandboxChoice::Auto`], falls back to none, with the warning to print.
    pub fn new(choice: SandboxChoice) -> Result<(Sandbox, Option<String>)> {
        if choice == SandboxChoice::Off {
            return Ok((Sandbox::off(), None));
        }
        let mut why_not = Vec::new();
        if matches!(choice, SandboxChoice::Auto | SandboxChoice::Bubblewrap) {
            match find_on_path("bwrap") {
                Some(bwrap) => {
                    let sandbox = Sandbox {
                        kind: Kind::Bubblewrap(bwrap),
                    };
                    match sandbox.probe() {
                        Ok(()) => return Ok((sandbox, None)),
                        Err(e) => why_not.push(format!("bubblewrap does not start ({e})")),
                    }
                }
                None => why_not.push("bubblewrap is not installed".to_owned()),
            }
        }
        if matches!(choice, SandboxChoice::Auto | SandboxChoice::Namespaces) {
            match namespaces() {
                Ok(sandbox) => return Ok((sandbox, None)),
                Err(e) => why_not.push(e),
            }
        }
        let why = why_not.join("; ");
        if choice != SandboxChoice::Auto {
            bail!("the sandbox asked for is not available here: {why}");
        }
        Ok((
            Sandbox::off(),
            Some(format!(
                "no sandbox for learner code ({why}): it runs with your privileges and network; run graded work in a container, or install bubblewrap"
            )),
        ))
    }

    /// What it is, for reports: `bubblewrap`, `namespaces` or `off`.
    pub fn name(&self) -> &'static str {
        match self.kind {
            Kind::Off => "off",
            Kind::Bubblewrap(_) => "bubblewrap",
            #[cfg(target_os = "linux")]
            Kind::Namespaces => "namespaces",
        }
    }

    /// A command that runs `exe` with `args` in the sandbox, in `scratch` (the one folder it
    /// may write; an absolute path that exists).
    pub fn command(&self, exe: &Path, args: &[OsString], scratch: &Path) -> Command {
        let mut cmd = match &self.kind {
            Kind::Off => Command::new(exe),
            Kind::Bubblewrap(bwrap) => {
                let mut cmd = Command::new(bwrap);
                cmd.args([
                    "--unshare-user",
                    "--unshare-ipc",
                    "--unshare-pid",
                    "--unshare-net",
                    "--unshare-uts",
                    "--die-with-parent",
                    "--new-session",
                    "--ro-bind",
                    "/",
                    "/",
                    "--dev",
                    "/dev",
                    "--tmpfs",
                    "/proc",
                ]);
                cmd.arg("--bind").arg(scratch).arg(scratch);
                cmd.arg("--chdir").arg(scratch).arg("--").arg(exe);
                cmd
            }
            #[cfg(target_os = "linux")]
            Kind::Namespaces => {
                let mut cmd = Command::new(exe);
                linux::confine(&mut cmd, scratch);
                cmd
            }
        };
        cmd.args(args).current_dir(scratch).env("TMPDIR", scratch);
        cmd
    }

    /// Starts a trivial process in the sandbox.
    fn probe(&self) -> Result<()> {
        let scratch = tempfile::tempdir()?;
        let scratch = scratch.path().canonicalize()?;
        let exe = std::env::current_exe()?;
        let output = self
            .command(&exe, &["--version".into()], &scratch)
            .stdin(std::process::Stdio::null())
            .output()?;
        if !output.status.success() {
            bail!(
                "{}; {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(())
    }
}

#[cfg(target_os = "linux")]
fn namespaces() -> Result<Sandbox, String> {
    let sandbox = Sandbox {
        kind: Kind::Namespaces,
    };
    sandbox
        .probe()
        .map(|()| sandbox)
        .map_err(|e| format!("user namespaces are not available ({e})"))
}

#[cfg(not(target_os = "linux"))]
fn namespaces() -> Result<Sandbox, String> {
    Err("namespaces are Linux's; this system has no sandbox the tool can set up".into())
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}
