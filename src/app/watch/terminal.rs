//! The terminal: raw mode while watching, always restored (on quit, on a panic, on SIGTERM),
//! and handed to an editor that runs in it.

use std::io::Write;

use anyhow::{Context, Result};
use crossterm::{cursor, execute, terminal};

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
