//! Noticing saves. File events are only a prompt to look: the watch loop then hashes the
//! exercise files `info.toml` names and judges what changed. So every way an editor saves
//! (in place, truncate-then-write, write-and-rename, delete-then-create, bursts) looks the same,
//! and editor temp files, event kinds and path spellings never matter.
//!
//! Native events (notify) are used where they work. A watcher that starts but never delivers
//! (WSL's Windows drives, NFS) is caught with a probe file at start; then, or when the native
//! watcher cannot start (inotify limit), or with `--poll`, the files are polled instead.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

/// How often polling looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// How long the probe waits for its own event before deciding native events do not arrive.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// The name of the probe file, written once into the exercises folder at start.
const PROBE_NAME: &str = ".rustskill-watch-probe";

/// What the watcher tells the watch loop.
pub enum FileNews {
    /// Something may have changed: look at the files.
    Touched,
    /// A note for the learner (a fallback to polling).
    Notice(String),
}

/// Keeps the native watcher alive (dropping it stops watching); a polling thread needs no
/// handle and ends with the process.
pub struct FileWatch {
    _native: Option<notify::RecommendedWatcher>,
}

/// Starts watching `dir` (recursively). `snapshot` hashes the files, for polling.
pub fn start(
    dir: &Path,
    force_poll: bool,
    news: Sender<FileNews>,
    snapshot: impl Fn() -> Vec<Option<String>> + Send + 'static,
) -> FileWatch {
    if force_poll {
        spawn_poller(news, snapshot);
        return FileWatch { _native: None };
    }
    match start_native(dir, news.clone()) {
        Ok((watcher, probe_rx)) => {
            probe(dir, probe_rx, news, snapshot);
            FileWatch {
                _native: Some(watcher),
            }
        }
        Err(e) => {
            let _ = news.send(FileNews::Notice(format!(
                "native file watching could not start ({e}); polling every {} ms instead",
                POLL_INTERVAL.as_millis()
            )));
            spawn_poller(news, snapshot);
            FileWatch { _native: None }
        }
    }
}

fn start_native(
    dir: &Path,
    news: Sender<FileNews>,
) -> notify::Result<(notify::RecommendedWatcher, mpsc::Receiver<()>)> {
    let (probe_tx, probe_rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let relevant = match &event {
            // Reading a file is not saving it; everything else (including rescans and errors)
            // is a reason to look. The kind is never trusted further than that: macOS merges
            // kinds, and editors save in every way there is.
            Ok(e) => !matches!(e.kind, EventKind::Access(_)),
            Err(_) => true,
        };
        if relevant {
            let _ = probe_tx.send(());
            let _ = news.send(FileNews::Touched);
        }
    })?;
    watcher.watch(dir, RecursiveMode::Recursive)?;
    Ok((watcher, probe_rx))
}

/// Writes a probe file and waits for any event; without one, native events do not work here
/// and polling takes over.
fn probe(
    dir: &Path,
    probe_rx: mpsc::Receiver<()>,
    news: Sender<FileNews>,
    snapshot: impl Fn() -> Vec<Option<String>> + Send + 'static,
) {
    let probe_path: PathBuf = dir.join(PROBE_NAME);
    std::thread::spawn(move || {
        if std::fs::write(
            &probe_path,
            b"cargo-rustskill checks that file events arrive\n",
        )
        .is_err()
        {
            return;
        }
        let arrived = probe_rx.recv_timeout(PROBE_TIMEOUT).is_ok();
        let _ = std::fs::remove_file(&probe_path);
        if !arrived {
            let _ = news.send(FileNews::Notice(format!(
                "file events do not arrive on this file system; polling every {} ms instead (use --poll to skip this check)",
                POLL_INTERVAL.as_millis()
            )));
            spawn_poller(news, snapshot);
        }
    });
}

fn spawn_poller(
    news: Sender<FileNews>,
    snapshot: impl Fn() -> Vec<Option<String>> + Send + 'static,
) {
    std::thread::spawn(move || {
        let mut last = snapshot();
        loop {
            std::thread::sleep(POLL_INTERVAL);
            let now = snapshot();
            if now != last {
                last = now;
                if news.send(FileNews::Touched).is_err() {
                    return;
                }
            }
        }
    });
}
