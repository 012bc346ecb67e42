//! A cgroup per learner process on Linux, where the tool may create one: it holds the process
//! and everything it starts (also what leaves the process group), caps their memory and their
//! number, counts when a cap was hit, and kills every member at the end.
//!
//! cgroup v2: a child of the tool's own cgroup with the `pids` and `memory` controllers. v1:
//! a child in each of the `pids` and `memory` hierarchies. Where neither can be made (an
//! unprivileged user whose cgroup is not delegated), there is none, and the per-process limits
//! of `unix` stand in.

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use super::spec::{LimitHit, Limits};

const ROOT: &str = "/sys/fs/cgroup";

/// Set (to anything) to run learner processes under per-process limits only, as where no
/// cgroup can be made: for testing that path, and for debugging.
pub const NO_CGROUP_ENV: &str = "CARGO_RUSTSKILL_NO_CGROUP";

/// Where this process's cgroups are and which version they are.
#[derive(Debug)]
enum Layout {
    /// cgroup v2: the folder children are made in.
    V2(PathBuf),
    /// cgroup v1: the `pids` and `memory` folders children are made in.
    V1 { pids: PathBuf, memory: PathBuf },
}

/// One learner process's cgroup (v2), or pair of cgroups (v1).
#[derive(Debug)]
pub struct Cgroup {
    dirs: Vec<PathBuf>,
    v2: bool,
}

impl Cgroup {
    /// Creates the cgroup, with its limits set; `None` where the tool may not.
    pub fn create(limits: &Limits) -> Option<Cgroup> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let layout = layout()?;
        // Above the per-process RLIMIT_AS, which fails an allocation at once: the cgroup also
        // charges page cache and kernel memory, and its out-of-memory killer is slow (seconds of
        // reclaim); it is the backstop for everything the process starts, together.
        let memory = limits.memory_bytes + (limits.memory_bytes / 4).max(64 * super::spec::MIB);
        let name = format!(
            "rustskill-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let (cgroup, settings): (Cgroup, Vec<(usize, &str, String)>) = match layout {
            Layout::V2(parent) => (
                Cgroup {
                    dirs: vec![parent.join(&name)],
                    v2: true,
                },
                vec![
                    (0, "pids.max", limits.tasks.to_string()),
                    (0, "memory.max", memory.to_string()),
                    (0, "memory.swap.max", "0".into()),
                ],
            ),
            Layout::V1 { pids, memory } => (
                Cgroup {
                    dirs: vec![pids.join(&name), memory.join(&name)],
                    v2: false,
                },
                vec![
                    (0, "pids.max", limits.tasks.to_string()),
                    (1, "memory.limit_in_bytes", limits.memory_bytes.to_string()),
                    (
                        1,
                        "memory.memsw.limit_in_bytes",
                        limits.memory_bytes.to_string(),
                    ),
                ],
            ),
        };
        for dir in &cgroup.dirs {
            if std::fs::create_dir(dir).is_err() {
                cgroup.remove();
                return None;
            }
        }
        for (i, file, value) in settings {
            let written = std::fs::write(cgroup.dirs[i].join(file), value);
            // Swap limits exist only where the kernel accounts swap; the others must hold.
            if written.is_err() && !file.contains("sw") {
                cgroup.remove();
                return None;
            }
        }
        Some(cgroup)
    }

    /// The `cgroup.procs` files the child writes itself into before it execs.
    pub fn procs_files(&self) -> Vec<CString> {
        self.dirs
            .iter()
            .filter_map(|d| {
                CString::new(d.join("cgroup.procs").into_os_string().into_encoded_bytes()).ok()
            })
            .collect()
    }

    /// Kills every member, until none is left (v2 in one write; v1 a few rounds, since a
    /// member may fork while the others are killed, until `pids.max` stops it).
    pub fn kill_all(&self) {
        if self.v2 && std::fs::write(self.dirs[0].join("cgroup.kill"), "1").is_ok() {
            return;
        }
        for _ in 0..100 {
            let members = members(&self.dirs[0]);
            if members.is_empty() {
                return;
            }
            for pid in members {
                // SAFETY: kill has no memory-safety preconditions; a pid gone meanwhile gives
                // ESRCH, and a member of this cgroup is a learner process.
                #[allow(unsafe_code)]
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// Whether a fork was refused for the process limit, or a member killed for memory.
    pub fn over_limit(&self) -> bool {
        let (pids, memory) = self.event_files();
        counter(&pids, "max") > 0 || counter(&memory, "oom_kill") > 0
    }

    fn event_files(&self) -> (PathBuf, PathBuf) {
        if self.v2 {
            (
                self.dirs[0].join("pids.events"),
                self.dirs[0].join("memory.events"),
            )
        } else {
            (
                self.dirs[0].join("pids.events"),
                self.dirs[1].join("memory.oom_control"),
            )
        }
    }

    /// Kills what is left, reads which limit was hit, and removes the cgroup.
    pub fn finish(self, limits: &Limits) -> Option<LimitHit> {
        self.kill_all();
        let (pids, memory) = self.event_files();
        let hit = if counter(&memory, "oom_kill") > 0 {
            Some(LimitHit::Memory {
                limit_bytes: limits.memory_bytes,
            })
        } else if counter(&pids, "max") > 0 {
            Some(LimitHit::Tasks {
                limit: limits.tasks,
            })
        } else {
            None
        };
        self.remove();
        hit
    }

    /// Removes the cgroups; a member still exiting keeps one busy for a moment.
    fn remove(&self) {
        for dir in &self.dirs {
            for _ in 0..50 {
                if std::fs::remove_dir(dir).is_ok() || !dir.exists() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
    }
}

impl Drop for Cgroup {
    fn drop(&mut self) {
        if self.dirs.iter().any(|d| d.exists()) {
            self.kill_all();
            self.remove();
        }
    }
}

fn members(dir: &Path) -> Vec<libc::pid_t> {
    std::fs::read_to_string(dir.join("cgroup.procs"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect()
}

/// A `name value` line's value in a cgroup's flat-keyed file.
fn counter(file: &Path, name: &str) -> u64 {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            let (key, value) = l.split_once(' ')?;
            (key == name).then(|| value.trim().parse().ok()).flatten()
        })
        .unwrap_or(0)
}

/// This process's cgroup layout, found once: `None` where no child cgroup can be made.
fn layout() -> Option<&'static Layout> {
    static LAYOUT: OnceLock<Option<Layout>> = OnceLock::new();
    LAYOUT.get_or_init(find_layout).as_ref()
}

fn find_layout() -> Option<Layout> {
    if std::env::var_os(NO_CGROUP_ENV).is_some() {
        return None;
    }
    let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let path_of = |wanted: &str| {
        own.lines().find_map(|line| {
            let mut parts = line.splitn(3, ':');
            let (_, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
            controllers
                .split(',')
                .any(|c| c == wanted)
                .then(|| path.trim_start_matches('/').to_owned())
        })
    };
    let root = Path::new(ROOT);
    if root.join("cgroup.controllers").is_file() {
        let parent = root.join(path_of("")?);
        let wanted = "+pids +memory";
        let enabled = |p: &Path| {
            let text =
                std::fs::read_to_string(p.join("cgroup.subtree_control")).unwrap_or_default();
            text.split_whitespace().any(|c| c == "pids")
                && text.split_whitespace().any(|c| c == "memory")
        };
        if !enabled(&parent) {
            // Allowed only where no process sits in `parent` itself but the root's.
            let _ = std::fs::write(parent.join("cgroup.subtree_control"), wanted);
        }
        return (enabled(&parent) && writable(&parent)).then_some(Layout::V2(parent));
    }
    let pids = root.join("pids").join(path_of("pids")?);
    let memory = root.join("memory").join(path_of("memory")?);
    (writable(&pids) && writable(&memory)).then_some(Layout::V1 { pids, memory })
}

/// Whether children can be made in `dir`: by trying.
fn writable(dir: &Path) -> bool {
    let probe = dir.join(format!("rustskill-probe-{}", std::process::id()));
    let made = std::fs::create_dir(&probe).is_ok();
    if made {
        let _ = std::fs::remove_dir(&probe);
    }
    made
}
