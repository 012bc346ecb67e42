//! The input thread: keys, resizes and termination signals turned into watch-loop input, read
//! only while the [`Gate`] is open (an editor running in the terminal gets every key).
//!
//! On Linux the reader sleeps in `poll(2)` on the terminal and the gate's wake-up socket, so an
//! idle watch wakes for nothing; crossterm is asked for events only once the terminal has
//! input (crossterm's own poll would read the bytes, and take an editor's keys). Elsewhere
//! (macOS's `poll` does not take terminals, Windows has none), and when stdin is not the
//! terminal, it asks crossterm every [`INPUT_POLL`].

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event as TermEvent, KeyEvent, KeyEventKind};

/// Input the watch loop reacts to.
pub enum Input {
    /// A key press.
    Key(KeyEvent),
    /// The terminal changed size.
    Resize,
    /// SIGTERM / SIGHUP: quit cleanly.
    Terminate,
}

/// How long the timed reader waits for input before looking at the gate again: rare enough to
/// cost no CPU while idle, short enough that an editor starts at once.
const INPUT_POLL: Duration = Duration::from_millis(200);

/// Lets the loop stop the input thread from reading while another program has the terminal
/// (an editor would otherwise lose keys to it).
pub struct Gate {
    paused: AtomicBool,
    parked: AtomicBool,
    closed: AtomicBool,
    waker: Waker,
}

impl Default for Gate {
    /// An open gate.
    fn default() -> Gate {
        Gate {
            paused: AtomicBool::new(false),
            parked: AtomicBool::new(false),
            closed: AtomicBool::new(false),
            waker: Waker::new(),
        }
    }
}

impl Gate {
    /// Stops reading input, and waits (briefly) until the reader has stopped.
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
        self.waker.wake();
        let started = Instant::now();
        while !self.parked.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Reads input again.
    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
        self.waker.wake();
    }

    /// Stops the reader for good (watch mode ended): a later session's reader gets every key.
    pub fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        self.waker.wake();
    }

    fn closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    fn paused(&self) -> bool {
        self.paused.load(Ordering::SeqCst)
    }
}

/// Starts the threads that read keys (while `gate` is open) and termination signals.
pub fn spawn_input(tx: Sender<Input>, gate: Arc<Gate>) {
    let keys = tx.clone();
    std::thread::spawn(move || {
        // crossterm sets its resize signal up on first use: before the first resize can come.
        let _ = event::poll(Duration::ZERO);
        loop {
            if gate.closed() {
                return;
            }
            let paused = gate.paused();
            gate.parked.store(paused, Ordering::SeqCst);
            // While paused only the gate wakes the reader: the terminal's input is not ours.
            let may_have_input = gate.waker.wait(!paused);
            if gate.closed() {
                return;
            }
            if paused || gate.paused() || !may_have_input {
                continue;
            }
            if !take_events(&keys, &gate) {
                return;
            }
        }
    });
    spawn_signals(tx);
}

/// Sends every event crossterm has now (waiting up to [`INPUT_POLL`] for the first where the
/// reader is timed); `false` once the loop should stop reading.
fn take_events(keys: &Sender<Input>, gate: &Gate) -> bool {
    let mut wait = gate.waker.first_wait();
    loop {
        match event::poll(wait) {
            Ok(true) => {}
            Ok(false) => return true,
            Err(_) => {
                let _ = keys.send(Input::Terminate);
                return false;
            }
        }
        wait = Duration::ZERO;
        if gate.closed() {
            return false;
        }
        let input = match event::read() {
            Ok(TermEvent::Key(key)) if key.kind != KeyEventKind::Release => Input::Key(key),
            Ok(TermEvent::Resize(..)) => Input::Resize,
            Ok(_) => continue,
            Err(_) => Input::Terminate,
        };
        let stop = matches!(input, Input::Terminate);
        if keys.send(input).is_err() || stop {
            return false;
        }
        // A key typed before the pause is ours; the next ones are the editor's.
        if gate.paused() {
            return true;
        }
    }
}

/// Wakes the reader when the gate changes, or when the terminal has input or its size
/// changed: a socket pair, one byte a wake-up.
#[cfg(target_os = "linux")]
struct Waker {
    /// The end the reader waits on, and the end written to; `None` where they could not be
    /// made (the reader then polls on a timer).
    pair: Option<(
        std::os::unix::net::UnixStream,
        std::os::unix::net::UnixStream,
    )>,
    /// Whether `poll(2)` can wait on stdin: it is the terminal crossterm reads, and `poll` has
    /// not refused it (else the reader polls on a timer).
    stdin_pollable: AtomicBool,
}

#[cfg(target_os = "linux")]
impl Waker {
    fn new() -> Waker {
        use std::io::IsTerminal as _;
        let pair = std::os::unix::net::UnixStream::pair()
            .ok()
            .filter(|(read, write)| {
                read.set_nonblocking(true).is_ok() && write.set_nonblocking(true).is_ok()
            });
        // A resize wakes the reader too, which then finds crossterm's resize event.
        if let Some(Ok(write)) = pair.as_ref().map(|(_, write)| write.try_clone()) {
            let _ = signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, write);
        }
        Waker {
            pair,
            stdin_pollable: AtomicBool::new(std::io::stdin().is_terminal()),
        }
    }

    fn wake(&self) {
        use std::io::Write as _;
        if let Some((_, write)) = &self.pair {
            // A full socket already holds a wake-up.
            let _ = (&*write).write(&[1]);
        }
    }

    /// Sleeps until a wake-up or, with `terminal`, input on the terminal; whether the
    /// terminal may have input (or a resize) now. Returns at once where it cannot sleep so.
    fn wait(&self, terminal: bool) -> bool {
        use std::io::Read as _;
        use std::os::fd::AsRawFd as _;
        let Some((read, _)) = &self.pair else {
            return timed_wait(terminal);
        };
        if terminal && !self.stdin_pollable.load(Ordering::SeqCst) {
            return timed_wait(terminal);
        }
        let mut fds = [
            libc::pollfd {
                fd: read.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: libc::STDIN_FILENO,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let count = if terminal { 2 } else { 1 };
        // SAFETY: `fds` outlives the call, and `count` is at most its length.
        #[allow(unsafe_code)]
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), count, -1) };
        let mut woken = false;
        if fds[0].revents != 0 {
            let mut drained = [0u8; 64];
            while matches!((&*read).read(&mut drained), Ok(n) if n > 0) {}
            woken = true;
        }
        if fds[1].revents & libc::POLLNVAL != 0 {
            self.stdin_pollable.store(false, Ordering::SeqCst);
        }
        // A wake-up may be a resize; an error or a hang-up on stdin is for crossterm to report.
        ready < 0 || woken || fds[1].revents != 0
    }

    /// How long crossterm may wait for the first event: none, since `wait` found input, unless
    /// the reader is timed.
    fn first_wait(&self) -> Duration {
        if self.pair.is_some() && self.stdin_pollable.load(Ordering::SeqCst) {
            Duration::ZERO
        } else {
            INPUT_POLL
        }
    }
}

/// Wakes the reader when the gate changes: here the reader polls on a timer, so there is
/// nothing to wake.
#[cfg(not(target_os = "linux"))]
struct Waker;

#[cfg(not(target_os = "linux"))]
impl Waker {
    fn new() -> Waker {
        Waker
    }

    fn wake(&self) {}

    fn wait(&self, terminal: bool) -> bool {
        timed_wait(terminal)
    }

    fn first_wait(&self) -> Duration {
        INPUT_POLL
    }
}

/// The timed reader's wait: with `terminal`, none (crossterm then waits up to [`INPUT_POLL`]);
/// without, a short sleep before the gate is looked at again. Whether to ask crossterm.
fn timed_wait(terminal: bool) -> bool {
    if !terminal {
        std::thread::sleep(Duration::from_millis(10));
    }
    terminal
}

#[cfg(unix)]
fn spawn_signals(tx: Sender<Input>) {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Input::Terminate);
        }
    });
}

#[cfg(windows)]
fn spawn_signals(_tx: Sender<Input>) {
    // In raw mode Ctrl-C arrives as a key; closing the console ends the process, and Windows
    // keeps no terminal mode to restore afterwards.
}
