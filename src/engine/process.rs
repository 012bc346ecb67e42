//! Owned child processes: stdin closed, both pipes drained on their own threads with a cap on
//! what is kept, a time limit, resource limits for learner processes (see `limits`), the whole
//! process tree killed on timeout or cancel (a process group on Unix, and the cgroup where
//! there is one; a job object on Windows), and the child always reaped, exactly once.

use std::io::{self, BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::engine::limits::{Contained, LimitHit, Limits};

/// How long to wait for the pipes to close once the process is gone. A grandchild that left
/// the process group may hold them open; its output is not worth hanging for.
const PIPE_GRACE: Duration = Duration::from_secs(1);

/// How often a learner process's limits are looked at while it runs.
const LIMIT_POLL: Duration = Duration::from_millis(50);

/// A way to stop running children from another thread (watch mode cancels a check when a newer
/// save arrives). Cloning shares the token.
#[derive(Clone, Default)]
pub struct Cancel {
    inner: Arc<CancelInner>,
}

#[derive(Default)]
struct CancelInner {
    cancelled: AtomicBool,
    running: Mutex<Vec<ProcessTree>>,
}

impl Cancel {
    /// A token that nothing has cancelled yet.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Cancels: kills every child running under this token now, and any started later.
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::SeqCst);
        for tree in self
            .inner
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            tree.kill();
        }
    }

    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::SeqCst)
    }

    fn register(&self, tree: ProcessTree) {
        let mut running = self.inner.running.lock().unwrap_or_else(|e| e.into_inner());
        // Checked under the lock, so a cancel() racing with this spawn cannot miss the child.
        if self.is_cancelled() {
            tree.kill();
        }
        running.push(tree);
    }

    fn unregister(&self, id: u32) {
        self.inner
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|t| t.id != id);
    }
}

/// Output kept from one pipe: the first and last `cap / 2` bytes, and a count of what was
/// dropped between them, while the pipe is drained to the end.
#[derive(Clone, Debug, Default)]
pub struct Captured {
    head: Vec<u8>,
    tail: std::collections::VecDeque<u8>,
    /// Bytes dropped from the middle.
    pub dropped: u64,
    cap: usize,
}

impl Captured {
    fn with_cap(cap: usize) -> Captured {
        Captured {
            cap,
            ..Captured::default()
        }
    }

    fn push(&mut self, mut bytes: &[u8]) {
        let half = self.cap / 2;
        if self.head.len() < half {
            let take = bytes.len().min(half - self.head.len());
            self.head.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
        }
        self.tail.extend(bytes);
        if self.tail.len() > half {
            let excess = self.tail.len() - half;
            self.tail.drain(..excess);
            self.dropped += excess as u64;
        }
    }

    /// The kept text (lossy UTF-8), with a note where the middle was dropped.
    pub fn text(&self) -> String {
        let mut text = String::from_utf8_lossy(&self.head).into_owned();
        if self.dropped > 0 {
            text.push_str(&format!(
                "\n[… {} bytes of output not shown …]\n",
                self.dropped
            ));
        }
        let (a, b) = self.tail.as_slices();
        text.push_str(&String::from_utf8_lossy(&[a, b].concat()));
        text
    }
}

/// What to do with the child's stdout.
pub enum StdoutMode {
    /// Keep up to this many bytes, as [`Captured`].
    Capture(usize),
    /// Send each line as it arrives (cargo's JSON messages); nothing is kept.
    Lines(mpsc::Sender<String>),
}

/// How a finished child ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// It exited by itself with this status.
    Exited(ExitStatus),
    /// It hit the time limit and was killed.
    TimedOut,
    /// Its [`Cancel`] token was cancelled and it was killed.
    Cancelled,
}

/// A child that has finished and been reaped.
#[derive(Debug)]
pub struct Finished {
    /// How it ended.
    pub ending: Ending,
    /// Its stdout, when captured.
    pub stdout: Captured,
    /// Its stderr.
    pub stderr: Captured,
    /// The resource limit it ran into, where one was set and the platform can tell.
    pub limit_hit: Option<LimitHit>,
}

/// What a child may use: nothing is limited for the tool's own children (cargo), every
/// learner process runs under [`Limits`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resources {
    /// As much as the tool itself may.
    Unlimited,
    /// Under these limits.
    Limited(Limits),
}

/// Runs `cmd` to completion under the given limits. `Err` only when it cannot be started.
pub fn run(
    cmd: Command,
    stdout_mode: StdoutMode,
    stderr_cap: usize,
    time_limit: Option<Duration>,
    resources: Resources,
    cancel: &Cancel,
) -> io::Result<Finished> {
    run_fed(
        cmd,
        None,
        stdout_mode,
        stderr_cap,
        time_limit,
        resources,
        cancel,
    )
}

/// [`run`], with `input` written to the child's stdin and stdin then closed (a graded test
/// binary reads its evidence key there).
pub fn run_fed(
    mut cmd: Command,
    input: Option<Vec<u8>>,
    stdout_mode: StdoutMode,
    stderr_cap: usize,
    time_limit: Option<Duration>,
    resources: Resources,
    cancel: &Cancel,
) -> io::Result<Finished> {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    new_process_group(&mut cmd);
    let mut contained = match resources {
        Resources::Limited(limits) => Some(Contained::prepare(limits, &mut cmd)),
        Resources::Unlimited => None,
    };
    let started = Instant::now();
    let mut child = cmd.spawn()?;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        // On its own thread: a child that never reads must not block the time limit.
        thread::spawn(move || {
            use std::io::Write as _;
            let _ = stdin.write_all(&input);
        });
    }
    if let Some(contained) = &mut contained {
        contained.started(&child);
    }
    let contained = contained.map(Arc::new);
    let tree = ProcessTree::adopt(&child, contained.clone());
    let id = tree.id;
    cancel.register(tree.clone());

    let (pipes_tx, pipes_rx) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    let out_tx = pipes_tx.clone();
    thread::spawn(move || {
        let captured = match stdout_mode {
            StdoutMode::Capture(cap) => drain(stdout, cap),
            StdoutMode::Lines(lines) => {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    if lines.send(line).is_err() {
                        break;
                    }
                }
                Captured::default()
            }
        };
        let _ = out_tx.send((true, captured));
    });
    thread::spawn(move || {
        let _ = pipes_tx.send((false, drain(stderr, stderr_cap)));
    });

    let ending = wait(&mut child, &tree, time_limit, started, cancel);
    cancel.unregister(id);
    let limit_hit = tree.limit_hit();
    drop(tree);
    let limit_hit = limit_hit.or_else(|| {
        contained
            .and_then(|c| Arc::try_unwrap(c).ok())
            .and_then(Contained::finish)
    });
    let mut finished = Finished {
        ending,
        stdout: Captured::default(),
        stderr: Captured::default(),
        limit_hit,
    };
    let grace_end = Instant::now() + PIPE_GRACE;
    for _ in 0..2 {
        let Ok((is_stdout, captured)) =
            pipes_rx.recv_timeout(grace_end.saturating_duration_since(Instant::now()))
        else {
            break;
        };
        if is_stdout {
            finished.stdout = captured;
        } else {
            finished.stderr = captured;
        }
    }
    Ok(finished)
}

fn drain(mut pipe: impl Read, cap: usize) -> Captured {
    let mut captured = Captured::with_cap(cap);
    let mut buf = [0u8; 16 * 1024];
    loop {
        match pipe.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => captured.push(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    captured
}

/// Waits for the child on a helper thread, so the limit and the cancel token can cut in; the
/// child is reaped by that one `wait` whatever happens.
fn wait(
    child: &mut Child,
    tree: &ProcessTree,
    limit: Option<Duration>,
    started: Instant,
    cancel: &Cancel,
) -> Ending {
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        scope.spawn(move || {
            let status = child.wait();
            let _ = tx.send(status);
        });
        let deadline = limit.map(|limit| started + limit);
        // Under limits, looked at every so often: a fork bomb held at its process limit spins
        // on refused forks, starving everything else, until it is stopped.
        let poll = tree.contained.as_ref().map(|_| LIMIT_POLL);
        let status = loop {
            let until_deadline = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let wait_for = match (until_deadline, poll) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let Some(wait_for) = wait_for else {
                break rx.recv().ok();
            };
            match rx.recv_timeout(wait_for) {
                Ok(status) => break Some(status),
                Err(RecvTimeoutError::Disconnected) => break None,
                Err(RecvTimeoutError::Timeout) => {}
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                tree.kill();
                let _ = rx.recv();
                return Ending::TimedOut;
            }
            if tree.contained.as_ref().is_some_and(|c| c.over_limit()) {
                tree.kill();
                break rx.recv().ok();
            }
        };
        // Kill what the child may have left behind in its group (a test's stray threads are
        // gone with it; a grandchild process is not).
        tree.kill();
        match status {
            _ if cancel.is_cancelled() => Ending::Cancelled,
            Some(Ok(status)) => Ending::Exited(status),
            // wait() failing means the child is gone in a way we cannot observe: treat as killed.
            _ => Ending::Cancelled,
        }
    })
}

/// A handle that can kill a child and everything it started.
#[derive(Clone)]
struct ProcessTree {
    id: u32,
    /// The limits it runs under, which may also hold what left its process group.
    contained: Option<Arc<Contained>>,
    #[cfg(windows)]
    job: Arc<windows::Job>,
}

#[cfg(unix)]
fn new_process_group(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    cmd.process_group(0);
}

#[cfg(unix)]
#[allow(unsafe_code)]
impl ProcessTree {
    fn adopt(child: &Child, contained: Option<Arc<Contained>>) -> ProcessTree {
        ProcessTree {
            id: child.id(),
            contained,
        }
    }

    fn kill(&self) {
        // The child leads its own group (process_group(0)), so -pid names the whole group.
        // SAFETY: kill has no memory-safety preconditions; a stale group id only yields ESRCH.
        unsafe {
            libc::kill(-(self.id as libc::pid_t), libc::SIGKILL);
        }
        if let Some(contained) = &self.contained {
            contained.kill_all();
        }
    }

    /// Where the platform tells from the process tree itself (Windows' job), the limit hit.
    fn limit_hit(&self) -> Option<LimitHit> {
        None
    }
}

#[cfg(windows)]
fn new_process_group(cmd: &mut Command) {
    use std::os::windows::process::CommandExt;
    const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;
    cmd.creation_flags(CREATE_NEW_PROCESS_GROUP);
}

#[cfg(windows)]
impl ProcessTree {
    fn adopt(child: &Child, contained: Option<Arc<Contained>>) -> ProcessTree {
        let limits = contained.as_ref().map(|c| c.limits());
        ProcessTree {
            id: child.id(),
            job: Arc::new(windows::Job::for_child(child, limits)),
            contained,
        }
    }

    fn kill(&self) {
        self.job.terminate();
    }

    /// The limit the job's processes reached.
    fn limit_hit(&self) -> Option<LimitHit> {
        let limits = self.contained.as_ref()?.limits();
        self.job.limit_hit(&limits)
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
mod windows {
    //! A job object per child: terminating the job ends the child and all it started.

    use std::os::windows::io::AsRawHandle;
    use std::process::Child;

    use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION, JobObjectExtendedLimitInformation,
        SetInformationJobObject, TerminateJobObject,
    };
    use windows_sys::Win32::System::Threading::TerminateProcess;

    use crate::engine::limits::{self, LimitHit, Limits};

    pub struct Job {
        job: HANDLE,
        process: HANDLE,
    }

    // SAFETY: both handles are kernel object handles, usable from any thread.
    unsafe impl Send for Job {}
    // SAFETY: the job and process APIs used here are thread-safe on the kernel side.
    unsafe impl Sync for Job {}

    impl Job {
        pub fn for_child(child: &Child, allowed: Option<Limits>) -> Job {
            let process = child.as_raw_handle() as HANDLE;
            // SAFETY: a null name and null attributes create an anonymous job; the limit
            // struct is zeroed plain data; `process` is a live handle owned by `child`.
            let job = unsafe {
                let job = CreateJobObjectW(std::ptr::null(), std::ptr::null());
                if !job.is_null() {
                    let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
                    info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
                    if let Some(allowed) = &allowed {
                        limits::windows::apply(&mut info, allowed);
                    }
                    SetInformationJobObject(
                        job,
                        JobObjectExtendedLimitInformation,
                        (&raw const info).cast(),
                        std::mem::size_of_val(&info) as u32,
                    );
                    AssignProcessToJobObject(job, process);
                }
                job
            };
            Job { job, process }
        }

        pub fn limit_hit(&self, allowed: &Limits) -> Option<LimitHit> {
            if self.job.is_null() {
                return None;
            }
            limits::windows::hit(self.job, allowed)
        }

        pub fn terminate(&self) {
            // SAFETY: the handles stay valid until drop; terminating twice is harmless.
            unsafe {
                if self.job.is_null() {
                    TerminateProcess(self.process, 1);
                } else {
                    TerminateJobObject(self.job, 1);
                }
            }
        }
    }

    impl Drop for Job {
        fn drop(&mut self) {
            if !self.job.is_null() {
                // SAFETY: we own the job handle; closing it kills what is left in the job.
                unsafe { CloseHandle(self.job) };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Captured;

    #[test]
    fn capture_keeps_head_and_tail() {
        let mut c = Captured::with_cap(8);
        c.push(b"abcdef");
        c.push(b"ghijkl");
        assert_eq!(c.dropped, 4);
        assert_eq!(c.text(), "abcd\n[… 4 bytes of output not shown …]\nijkl");
    }
}
