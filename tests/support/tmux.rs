//! Driving the real binary in a tmux pseudo-terminal: start it, read the screen, send keys.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::BIN;

/// Long enough for a cold compile on a loaded 2-core machine.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// A tmux session running watch mode in a kit.
pub struct Screen {
    name: String,
}

impl Screen {
    /// Starts `cargo-rustskill ARGS` in `kit`, in a 110×40 terminal.
    pub fn start(kit: &Path, args: &str) -> Screen {
        Screen::start_with_env(kit, &[], args)
    }

    /// [`Screen::start`], with environment variables set for the program (the tmux server's
    /// environment is not the test's).
    pub fn start_with_env(kit: &Path, env: &[(&str, &str)], args: &str) -> Screen {
        let vars: String = env.iter().map(|(k, v)| format!("{k}='{v}' ")).collect();
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "rustskill-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let command = format!(
            "cd '{}' && env -u NO_COLOR -u RUST_BACKTRACE {vars}'{BIN}' {args}; echo EXITED $?; sleep 600",
            kit.display()
        );
        let status = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &name,
                "-x",
                "110",
                "-y",
                "40",
                &command,
            ])
            .status()
            .expect("tmux is installed (.ci/run installs it)");
        assert!(status.success());
        Screen { name }
    }

    /// The screen's text.
    pub fn text(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `needle`; returns the screen.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(&format!("{needle:?}"), |text| text.contains(needle))
    }

    /// Waits until the screen is as `shows` says (`what` names it for the failure); returns
    /// the screen.
    pub fn wait_until(&self, what: &str, shows: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let text = self.text();
            if shows(&text) {
                return text;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "screen never showed {what}; it shows:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends keys (tmux key names).
    pub fn keys(&self, keys: &str) {
        Command::new("tmux")
            .args(["send-keys", "-t", &self.name, keys])
            .status()
            .unwrap();
        // Separate keys arrive separately (an Esc followed at once by a key reads as Alt-key).
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Resizes the terminal, as a learner dragging the window's corner.
    pub fn resize(&self, width: u16, height: u16) {
        let status = Command::new("tmux")
            .args(["resize-window", "-t", &self.name, "-x", &width.to_string()])
            .args(["-y", &height.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// The pid of the program the pane runs (the child of the pane's shell).
    pub fn program_pid(&self) -> u32 {
        let out = Command::new("tmux")
            .args(["display", "-p", "-t", &self.name, "#{pane_pid}"])
            .output()
            .unwrap();
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let out = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
        let pids = String::from_utf8_lossy(&out.stdout);
        pids.lines()
            .next()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("no child of {shell}"))
    }

    /// The pane's terminal settings, for checking that raw mode was left.
    pub fn stty(&self) -> String {
        let out = Command::new("tmux")
            .args(["display", "-p", "-t", &self.name, "#{pane_tty}"])
            .output()
            .unwrap();
        let tty = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let out = Command::new("stty")
            .args(["-a", "-F", &tty])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .status();
    }
}
