//! The namespace sandbox, set up in the child between `fork` and `exec`: a new user namespace
//! (the same user id inside), mount, network, IPC and PID namespaces; every mount made
//! read-only but the scratch folder; `/proc` covered by an empty read-only tmpfs (no
//! `/proc/self/mem`, no other processes' files); loopback up; then a fork, so the test binary
//! is the first process of its PID namespace and everything it starts dies with it, while the
//! parent waits and exits as it did.
//!
//! Only async-signal-safe calls happen after `fork`: every string is prepared before.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::process::CommandExt as _;
use std::path::Path;
use std::process::Command;

/// `MOUNT_ATTR_RDONLY` and `AT_RECURSIVE` of `mount_setattr(2)`.
const MOUNT_ATTR_RDONLY: u64 = 0x1;
const AT_RECURSIVE: libc::c_int = 0x8000;

/// `struct mount_attr` of `mount_setattr(2)`.
#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

/// What the child needs, prepared before `fork`.
struct Plan {
    scratch: CString,
    uid_map: CString,
    gid_map: CString,
}

/// Adds the sandbox to `cmd`, confining writes to `scratch`.
#[allow(unsafe_code)]
pub fn confine(cmd: &mut Command, scratch: &Path) {
    // SAFETY: getuid/getgid cannot fail and touch no memory.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let plan = Plan {
        scratch: CString::new(scratch.as_os_str().as_bytes()).unwrap_or_default(),
        uid_map: CString::new(format!("{uid} {uid} 1")).unwrap_or_default(),
        gid_map: CString::new(format!("{gid} {gid} 1")).unwrap_or_default(),
    };
    // SAFETY: the closure runs in the forked child before exec and makes only
    // async-signal-safe system calls on memory prepared before the fork.
    unsafe {
        cmd.pre_exec(move || enter(&plan));
    }
}

/// In the child: the namespaces, the mounts, and the fork into the new PID namespace.
#[allow(unsafe_code)]
fn enter(plan: &Plan) -> std::io::Result<()> {
    // Only the errno reaches the grader (no allocation after fork).
    let fail = |_step: u8| std::io::Error::last_os_error();
    // SAFETY (whole block): raw system calls on C strings and structs that outlive them.
    unsafe {
        let flags = libc::CLONE_NEWUSER
            | libc::CLONE_NEWNS
            | libc::CLONE_NEWNET
            | libc::CLONE_NEWIPC
            | libc::CLONE_NEWPID;
        if libc::unshare(flags) != 0 {
            return Err(fail(1));
        }
        write_file(c"/proc/self/setgroups", c"deny");
        if !write_file(c"/proc/self/uid_map", &plan.uid_map)
            || !write_file(c"/proc/self/gid_map", &plan.gid_map)
        {
            return Err(fail(2));
        }
        let null = std::ptr::null::<libc::c_char>();
        if libc::mount(
            null,
            c"/".as_ptr(),
            null,
            libc::MS_REC | libc::MS_PRIVATE,
            std::ptr::null(),
        ) != 0
        {
            return Err(fail(3));
        }
        let scratch = plan.scratch.as_ptr();
        if libc::mount(
            scratch,
            scratch,
            null,
            libc::MS_BIND | libc::MS_REC,
            std::ptr::null(),
        ) != 0
        {
            return Err(fail(4));
        }
        if !set_read_only(c"/", true) || !set_read_only(&plan.scratch, false) {
            return Err(fail(5));
        }
        let hidden = libc::MS_RDONLY | libc::MS_NOSUID | libc::MS_NODEV | libc::MS_NOEXEC;
        if libc::mount(
            c"none".as_ptr(),
            c"/proc".as_ptr(),
            c"tmpfs".as_ptr(),
            hidden,
            c"size=4k".as_ptr().cast(),
        ) != 0
        {
            return Err(fail(6));
        }
        // The working folder was entered before the scratch folder was mounted over itself.
        if libc::chdir(scratch) != 0 {
            return Err(fail(7));
        }
        loopback_up();
        fork_into_namespace()
    }
}

/// Writes `text` to `path`; whether it worked.
#[allow(unsafe_code)]
fn write_file(path: &std::ffi::CStr, text: &std::ffi::CStr) -> bool {
    // SAFETY: open/write/close on valid C strings.
    unsafe {
        let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return false;
        }
        let len = text.to_bytes().len();
        let written = libc::write(fd, text.as_ptr().cast(), len);
        libc::close(fd);
        written == len as isize
    }
}

/// Makes the mounts at and under `path` read-only, or writable again.
#[allow(unsafe_code)]
fn set_read_only(path: &std::ffi::CStr, read_only: bool) -> bool {
    let attr = MountAttr {
        attr_set: if read_only { MOUNT_ATTR_RDONLY } else { 0 },
        attr_clr: if read_only { 0 } else { MOUNT_ATTR_RDONLY },
        propagation: 0,
        userns_fd: 0,
    };
    // SAFETY: mount_setattr reads `attr` for the size given.
    unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            libc::AT_FDCWD,
            path.as_ptr(),
            AT_RECURSIVE,
            &raw const attr,
            std::mem::size_of::<MountAttr>(),
        ) == 0
    }
}

/// Brings the new network namespace's loopback up, so a test's own local server works; the
/// host's network stays out of reach. Best effort.
#[allow(unsafe_code)]
fn loopback_up() {
    // SAFETY: a socket and an ioctl on a zeroed plain-data struct.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return;
        }
        let mut request: libc::ifreq = std::mem::zeroed();
        for (slot, byte) in request.ifr_name.iter_mut().zip(b"lo") {
            *slot = *byte as libc::c_char;
        }
        request.ifr_ifru.ifru_flags = (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
        libc::ioctl(fd, libc::SIOCSIFFLAGS, &raw mut request);
        libc::close(fd);
    }
}

/// Forks: the child, the first process of the new PID namespace, returns to exec the test
/// binary; this process waits for it and exits as it did.
#[allow(unsafe_code)]
fn fork_into_namespace() -> std::io::Result<()> {
    // SAFETY: fork, then only async-signal-safe calls in both processes.
    unsafe {
        let pid = libc::fork();
        if pid < 0 {
            return Err(std::io::Error::last_os_error());
        }
        if pid == 0 {
            // Dies with its parent (killed with the process group on a time limit), and its
            // namespace with it. A new session: no way back to the grader's terminal.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            libc::setsid();
            return Ok(());
        }
        // Only waiting is left here: let go of every inherited descriptor (among them the
        // one through which the grader learns the exec succeeded).
        libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32);
        let mut status = 0;
        while libc::waitpid(pid, &raw mut status, 0) < 0 {
            if *libc::__errno_location() != libc::EINTR {
                libc::_exit(127);
            }
        }
        if libc::WIFSIGNALED(status) {
            let signal = libc::WTERMSIG(status);
            libc::signal(signal, libc::SIG_DFL);
            libc::kill(libc::getpid(), signal);
            libc::_exit(128 + signal);
        }
        libc::_exit(libc::WEXITSTATUS(status));
    }
}
