//! The terminal: raw mode while watching, always restored (on quit, on a panic, on SIGTERM),
//! and a thread that turns keys, resizes and termination signals into watch-loop events.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossterm::event::{self, Event as TermEvent, KeyEvent, KeyEventKind};
use crossterm::{cursor, execute, terminal};

/// Input the watch loop reacts to.
pub enum Input {
    /// A key press.
    Key(KeyEvent),
    /// The terminal changed size.
    Resize,
    /// SIGTERM / SIGHUP: quit cleanly.
    Terminate,
}

/// Raw mode and a hidden cursor for as long as it lives.
pub struct RawTerminal {
    _private: (),
}

impl RawTerminal {
    /// Enters raw mode, and makes sure a panic restores the terminal before its message prints.
    pub fn enter() -> Result<RawTerminal> {
        terminal::enable_raw_mode().context("failed to put the terminal into raw mode")?;
        let _ = execute!(std::io::stdout(), cursor::Hide);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        Ok(RawTerminal { _private: () })
    }
}

impl RawTerminal {
    /// Hands the terminal to another program (an editor running in it): cooked mode, the
    /// cursor shown, the screen cleared, as `git commit` leaves it to `$EDITOR`.
    pub fn suspend(&self) {
        let _ = execute!(
            std::io::stdout(),
            terminal::Clear(terminal::ClearType::All),
            cursor::MoveTo(0, 0)
        );
        restore();
    }

    /// Takes the terminal back after [`RawTerminal::suspend`].
    pub fn resume(&self) -> Result<()> {
        terminal::enable_raw_mode().context("failed to put the terminal into raw mode")?;
        let _ = execute!(std::io::stdout(), cursor::Hide);
        Ok(())
    }
}

/// Lets the loop stop the input thread from reading while another program has the terminal
/// (an editor would otherwise lose keys to it).
#[derive(Default)]
pub struct Gate {
    paused: AtomicBool,
    parked: AtomicBool,
    closed: AtomicBool,
}

impl Gate {
    /// Stops reading input, and waits (briefly) until the reader has stopped.
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
        let started = Instant::now();
        while !self.parked.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Reads input again.
    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }

    /// Stops the reader for good (watch mode ended): a later session's reader gets every key.
    pub fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
    }
}

/// How long the reader waits for input before looking at the gate again: rare enough to cost
/// no CPU while idle, short enough that an editor starts at once.
const INPUT_POLL: Duration = Duration::from_millis(200);

impl Drop for RawTerminal {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode and shows the cursor; safe to call more than once.
fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(out, cursor::Show);
    let _ = out.write_all(b"\r\n");
    let _ = out.flush();
}

/// Starts the threads that read keys (while `gate` is open) and termination signals.
pub fn spawn_input(tx: Sender<Input>, gate: Arc<Gate>) {
    let keys = tx.clone();
    std::thread::spawn(move || {
        loop {
            if gate.closed.load(Ordering::SeqCst) {
                return;
            }
            if gate.paused.load(Ordering::SeqCst) {
                gate.parked.store(true, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
            gate.parked.store(false, Ordering::SeqCst);
            match event::poll(INPUT_POLL) {
                Ok(false) => continue,
                Ok(true) if gate.closed.load(Ordering::SeqCst) => return,
                Ok(true) => {}
                Err(_) => {
                    let _ = keys.send(Input::Terminate);
                    return;
                }
            }
            let input = match event::read() {
                Ok(TermEvent::Key(key)) if key.kind != KeyEventKind::Release => Input::Key(key),
                Ok(TermEvent::Resize(..)) => Input::Resize,
                Ok(_) => continue,
                Err(_) => Input::Terminate,
            };
            let stop = matches!(input, Input::Terminate);
            if keys.send(input).is_err() || stop {
                return;
            }
        }
    });
    spawn_signals(tx);
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
