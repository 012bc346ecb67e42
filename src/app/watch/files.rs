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

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher};

/// How long files must be quiet after an event before they are read: long enough that a
/// half-written file or a burst of saves is read once, short next to a compile.
const SETTLE: Duration = Duration::from_millis(20);

/// How long after a write finished (a file closed after writing, or one renamed into place),
/// which most likely ends a save: a pause that still lets a burst of saves end, but no longer
/// one that waits for a write in progress. Where the platform reports no such event (macOS,
/// Windows), every event waits [`SETTLE`].
const SETTLE_WRITTEN: Duration = Duration::from_millis(2);

/// How often polling looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// How long the probe waits for its own event before deciding native events do not arrive.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// The name of the probe file, written once into the exercises folder at start.
const PROBE_NAME: &str = ".rustskill-watch-probe";

/// What the watcher tells the watch loop.
pub enum FileNews {
    /// Something may have changed: look at the files once they were quiet this long.
    Touched {
        /// How long they must be quiet first.
        settle: Duration,
    },
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
        // Errors (a lost event, a rescan) are a reason to look too.
        let settle = event.map_or(Some(SETTLE), |e| settle_after(&e.kind));
        if let Some(settle) = settle {
            let _ = probe_tx.send(());
            let _ = news.send(FileNews::Touched { settle });
        }
    })?;
    watcher.watch(dir, RecursiveMode::Recursive)?;
    Ok((watcher, probe_rx))
}

/// How long to let the files settle after an event of `kind`; `None` for one that saves
/// nothing. Reading a file is not saving it, and a write that just finished most likely ends a
/// save. The kind is never trusted further than that: macOS merges kinds, editors save in every
/// way there is, and the files' contents decide what changed.
fn settle_after(kind: &EventKind) -> Option<Duration> {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both)) => {
            Some(SETTLE_WRITTEN)
        }
        EventKind::Access(_) => None,
        _ => Some(SETTLE),
    }
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
                if news.send(FileNews::Touched { settle: SETTLE }).is_err() {
                    return;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, DataChange, ModifyKind};

    use super::*;

    #[test]
    fn a_finished_write_settles_sooner_than_a_write_in_progress() {
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let renamed_in = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert_eq!(settle_after(&closed), Some(SETTLE_WRITTEN));
        assert_eq!(settle_after(&renamed_in), Some(SETTLE_WRITTEN));
        assert_eq!(settle_after(&written), Some(SETTLE));
        // Renamed away: the new content is not there yet.
        let renamed_away = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        assert_eq!(settle_after(&renamed_away), Some(SETTLE));
        assert_eq!(
            settle_after(&EventKind::Create(CreateKind::File)),
            Some(SETTLE)
        );
    }

    #[test]
    fn reading_a_file_is_not_a_save() {
        let opened = EventKind::Access(AccessKind::Open(AccessMode::Read));
        let closed_unchanged = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert_eq!(settle_after(&opened), None);
        assert_eq!(settle_after(&closed_unchanged), None);
    }
}
