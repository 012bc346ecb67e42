//! Resource limits for every learner process (test binaries, `main`, predict programs): how
//! much memory it may use, how many processes and threads it may start, how large a file it
//! may write; and, once it has ended, which limit it ran into.
//!
//! The API is small so that other wrappers (a sandbox) compose with it: [`Limits`] says what is
//! allowed; [`Contained::prepare`] sets a [`Command`] up before it is spawned;
//! [`Contained::started`] takes the child; [`Contained::over_limit`] says, while it runs, that
//! it hit a limit it would go on fighting (a fork bomb); [`Contained::kill_all`] ends
//! everything it started, also what left its process group; [`Contained::finish`] says which
//! limit was hit.
//!
//! How each limit is enforced, per platform:
//!
//! - Linux: a cgroup per process where the tool may create one (cgroup v2 with the `pids` and
//!   `memory` controllers, or v1's `pids` and `memory` hierarchies; typically as root, in CI or
//!   a container): `pids.max` and the memory limit, and every member killed at the end; and
//!   `RLIMIT_AS` in each process, where an allocation past the limit fails at once. Where there
//!   is no cgroup: `RLIMIT_AS`, and `RLIMIT_NPROC` (per user, so set above what the user runs
//!   already; root ignores it, and root has the cgroups).
//! - macOS: `RLIMIT_NPROC` as on Linux, and a watchdog that reads the process group's resident
//!   memory (macOS does not enforce `RLIMIT_AS`).
//! - Unix: `RLIMIT_FSIZE` for file size, and no core dumps.
//! - Windows: the job object's per-process memory limit and active-process limit.

#[cfg(target_os = "linux")]
mod cgroup;
mod spec;
#[cfg(unix)]
mod unix;
#[cfg(windows)]
pub mod windows;

use std::process::{Child, Command};

pub use spec::{LimitHit, Limits};

/// The limits set up for one child, from before it is spawned until after it is reaped.
pub struct Contained {
    limits: Limits,
    #[cfg(target_os = "linux")]
    cgroup: Option<cgroup::Cgroup>,
    #[cfg(unix)]
    watchdog: Option<unix::Watchdog>,
}

impl Contained {
    /// Sets `cmd` up to run under `limits`: call before spawning it.
    pub fn prepare(limits: Limits, cmd: &mut Command) -> Contained {
        #[cfg(target_os = "linux")]
        let cgroup = cgroup::Cgroup::create(&limits);
        #[cfg(target_os = "linux")]
        let in_cgroup = cgroup.as_ref().map(cgroup::Cgroup::procs_files);
        #[cfg(not(target_os = "linux"))]
        let in_cgroup: Option<Vec<std::ffi::CString>> = None;
        #[cfg(unix)]
        unix::set_rlimits(cmd, &limits, in_cgroup);
        #[cfg(not(unix))]
        let _ = (&in_cgroup, &cmd);
        Contained {
            limits,
            #[cfg(target_os = "linux")]
            cgroup,
            #[cfg(unix)]
            watchdog: None,
        }
    }

    /// The limits.
    #[cfg_attr(not(windows), allow(dead_code))]
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Takes the spawned child (macOS starts its memory watchdog here).
    pub fn started(&mut self, child: &Child) {
        #[cfg(target_os = "macos")]
        {
            self.watchdog = Some(unix::Watchdog::start(child.id(), self.limits.memory_bytes));
        }
        let _ = child;
    }

    /// Kills everything the child started that is still running, also processes that left
    /// its process group (a cgroup knows them all).
    pub fn kill_all(&self) {
        #[cfg(target_os = "linux")]
        if let Some(cgroup) = &self.cgroup {
            cgroup.kill_all();
        }
    }

    /// Whether the process has run into a limit it would go on fighting (a fork bomb refused
    /// new processes spins until stopped), where the platform counts it (a cgroup).
    pub fn over_limit(&self) -> bool {
        #[cfg(target_os = "linux")]
        if let Some(cgroup) = &self.cgroup {
            return cgroup.over_limit();
        }
        false
    }

    /// After the child is reaped: kills what is left, and says which limit it ran into, where
    /// the platform can tell (a cgroup's counters, the watchdog).
    #[cfg_attr(not(unix), allow(unused_mut))]
    pub fn finish(mut self) -> Option<LimitHit> {
        self.kill_all();
        #[cfg(unix)]
        if let Some(watchdog) = self.watchdog.take()
            && watchdog.stop()
        {
            return Some(LimitHit::Memory {
                limit_bytes: self.limits.memory_bytes,
            });
        }
        #[cfg(target_os = "linux")]
        if let Some(cgroup) = self.cgroup.take() {
            return cgroup.finish(&self.limits);
        }
        None
    }
}
