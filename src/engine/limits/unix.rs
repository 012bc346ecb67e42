//! Per-process resource limits on Unix, set in the child between `fork` and `exec`: file size,
//! no core dumps, address space (Linux: an allocation past it fails at once, where a cgroup's
//! out-of-memory killer may take seconds of reclaim first; the cgroup stays the backstop for
//! all the processes together), and where no cgroup holds the child, the per-user process
//! count. On macOS, which does not enforce `RLIMIT_AS`, a watchdog reads the process group's
//! resident memory instead.

use std::ffi::CString;
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::spec::Limits;

/// How long a count of the user's processes is reused: counting reads `/proc`, and the budget
/// on top of it leaves room for what starts meanwhile.
const COUNT_REUSED_FOR: Duration = Duration::from_secs(5);

/// Sets the limits up in `cmd`'s child. `cgroup_procs`: the `cgroup.procs` files the child
/// writes itself into first; where that fails, per-process limits stand in for the cgroup.
#[allow(unsafe_code)]
pub fn set_rlimits(cmd: &mut Command, limits: &Limits, cgroup_procs: Option<Vec<CString>>) {
    use std::os::unix::process::CommandExt;
    let limits = *limits;
    // Counted here, in the parent: the child may only make async-signal-safe calls.
    let nproc = match cgroup_procs {
        Some(_) => None,
        None => user_tasks().map(|n| n + u64::from(limits.tasks)),
    };
    if cfg!(target_os = "linux") {
        // glibc reserves 64 MiB of address space per malloc arena (up to eight per core):
        // under RLIMIT_AS that reservation, not use, would run out first.
        cmd.env("MALLOC_ARENA_MAX", "2");
    }
    // SAFETY: the closure runs in the forked child before exec and only calls setrlimit,
    // open, write and close (async-signal-safe) on data prepared before the fork.
    unsafe {
        cmd.pre_exec(move || {
            set(libc::RLIMIT_CORE, 0);
            set(libc::RLIMIT_FSIZE, limits.file_size_bytes);
            if let Some(files) = &cgroup_procs {
                // A child that cannot enter its cgroup still has its per-process limits.
                for file in files {
                    enter(file);
                }
            }
            #[cfg(target_os = "linux")]
            set(libc::RLIMIT_AS, limits.memory_bytes);
            if let Some(n) = nproc {
                set(libc::RLIMIT_NPROC, n);
            }
            Ok(())
        });
    }
}

/// Lowers one limit (soft and hard), never raising it.
#[allow(unsafe_code)]
fn set(resource: LimitResource, value: u64) {
    let mut current = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain syscalls on a local struct.
    unsafe {
        if libc::getrlimit(resource, &mut current) != 0 {
            return;
        }
        let value = value as libc::rlim_t;
        let cap = |old: libc::rlim_t| {
            if old == libc::RLIM_INFINITY {
                value
            } else {
                old.min(value)
            }
        };
        let wanted = libc::rlimit {
            rlim_cur: cap(current.rlim_cur),
            rlim_max: cap(current.rlim_max),
        };
        libc::setrlimit(resource, &wanted);
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
type LimitResource = libc::__rlimit_resource_t;
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
type LimitResource = libc::c_int;

/// Writes the calling process into a cgroup: `0` names the writer.
#[allow(unsafe_code)]
fn enter(procs: &CString) -> bool {
    // SAFETY: open, write and close on a NUL-terminated path prepared before the fork.
    unsafe {
        let fd = libc::open(procs.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return false;
        }
        let written = libc::write(fd, b"0".as_ptr().cast(), 1);
        libc::close(fd);
        written == 1
    }
}

/// How many processes (Linux: tasks, threads included) the user runs now, which
/// `RLIMIT_NPROC` counts; `None` for root, whom the limit does not bind, or when unknown.
fn user_tasks() -> Option<u64> {
    static LAST: Mutex<Option<(Instant, u64)>> = Mutex::new(None);
    // SAFETY: getuid and geteuid cannot fail.
    #[allow(unsafe_code)]
    let (uid, euid) = unsafe { (libc::getuid(), libc::geteuid()) };
    if euid == 0 {
        return None;
    }
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((when, count)) = *last
        && when.elapsed() < COUNT_REUSED_FOR
    {
        return Some(count);
    }
    let count = count_tasks(uid)?;
    *last = Some((Instant::now(), count));
    Some(count)
}

#[cfg(target_os = "linux")]
fn count_tasks(uid: libc::uid_t) -> Option<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        if !entry
            .file_name()
            .to_string_lossy()
            .bytes()
            .all(|b| b.is_ascii_digit())
        {
            continue;
        }
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else {
            continue;
        };
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|n| n.parse::<u64>().ok())
        };
        if field("Uid:") == Some(u64::from(uid)) {
            total += field("Threads:").unwrap_or(1);
        }
    }
    Some(total)
}

#[cfg(target_os = "macos")]
#[allow(unsafe_code)]
fn count_tasks(uid: libc::uid_t) -> Option<u64> {
    /// libproc.h's `PROC_RUID_ONLY`: processes by real user id, which `RLIMIT_NPROC` counts.
    const PROC_RUID_ONLY: u32 = 5;
    // SAFETY: with a null buffer, proc_listpids only returns the size it would need.
    let bytes = unsafe { libc::proc_listpids(PROC_RUID_ONLY, uid, std::ptr::null_mut(), 0) };
    (bytes > 0).then(|| bytes as u64 / std::mem::size_of::<libc::pid_t>() as u64)
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn count_tasks(_uid: libc::uid_t) -> Option<u64> {
    None
}

/// Watches a process group's resident memory and kills the group past the limit (macOS).
pub struct Watchdog {
    #[cfg(target_os = "macos")]
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    #[cfg(target_os = "macos")]
    thread: std::thread::JoinHandle<bool>,
}

impl Watchdog {
    /// Starts watching the group led by `pid`.
    #[cfg(target_os = "macos")]
    pub fn start(pid: u32, limit_bytes: u64) -> Watchdog {
        use std::sync::atomic::{AtomicBool, Ordering};
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            while !stopping.load(Ordering::SeqCst) {
                if group_resident_bytes(pid as libc::pid_t) > limit_bytes {
                    // SAFETY: kill has no memory-safety preconditions.
                    #[allow(unsafe_code)]
                    unsafe {
                        libc::kill(-(pid as libc::pid_t), libc::SIGKILL);
                    }
                    return true;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            false
        });
        Watchdog { stop, thread }
    }

    /// Stops watching; whether the group was killed for its memory.
    pub fn stop(self) -> bool {
        #[cfg(target_os = "macos")]
        {
            self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
            return self.thread.join().unwrap_or(false);
        }
        #[allow(unreachable_code)]
        false
    }
}

/// The resident memory of every process in the group `pgid`.
#[cfg(target_os = "macos")]
#[allow(unsafe_code)]
fn group_resident_bytes(pgid: libc::pid_t) -> u64 {
    let mut pids = vec![0 as libc::pid_t; 4096];
    let size = (pids.len() * std::mem::size_of::<libc::pid_t>()) as libc::c_int;
    // SAFETY: the buffer is as large as we say; the call fills at most that many bytes.
    let bytes = unsafe { libc::proc_listpgrppids(pgid, pids.as_mut_ptr().cast(), size) };
    let n = (bytes.max(0) as usize / std::mem::size_of::<libc::pid_t>()).min(pids.len());
    pids[..n]
        .iter()
        .map(|&pid| {
            // SAFETY: proc_taskinfo is plain data; the call writes at most its size.
            unsafe {
                let mut info: libc::proc_taskinfo = std::mem::zeroed();
                let wanted = std::mem::size_of::<libc::proc_taskinfo>() as libc::c_int;
                let got = libc::proc_pidinfo(
                    pid,
                    libc::PROC_PIDTASKINFO,
                    0,
                    (&raw mut info).cast(),
                    wanted,
                );
                if got == wanted {
                    info.pti_resident_size
                } else {
                    0
                }
            }
        })
        .sum()
}
