//! Watch mode, the learner's main screen: judge the current exercise on every save, with keys
//! to move on, see hints, list, reset and check everything.
//!
//! The logic is [`state`] (a pure `update(event) -> effects`) and [`view`] (state to frame);
//! this module is the thin loop around them. One channel carries file news, keys, signals and
//! finished checks; the loop turns each into an event, lets the state decide, and performs
//! the effects: starting and cancelling checks on their own threads, saving, drawing.

mod events;
mod files;
mod input;
mod predicting;
mod screen;
mod state;
mod terminal;
#[cfg(test)]
mod tests;
mod view;

use std::fs::File;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::Scope;
use std::time::{Instant, SystemTime};

use anyhow::{Context, Result, bail};

pub use events::WatchEnd;

use crate::app::editor::{self, Settings};
use crate::base::fsutil;
use crate::engine::judge::{Cache, Judge, JudgeEvent, Judgement};
use crate::engine::process::Cancel;
use crate::model::answers::Answers;
use crate::model::events as log_file;
use crate::model::kit::{Exercise, Kit};
use crate::model::progress::Progress;
use crate::model::review;
use crate::model::stamp::Origin;
use crate::model::time::Timestamp;
use crate::outputs::style::Styles;
use crate::session::Session;
use crate::session::answering::{self, Truth};
use crate::session::files::{reveal_solution, shipped_version};
use crate::session::rules::{self, REVIEW_STATE, Rules};
use crate::session::{backup, judging, record};
use events::{Effect, Event};
use files::FileNews;
use input::Input;
use state::State;

/// Everything that reaches the loop, on one channel.
enum Message {
    /// From the file watcher.
    Files(FileNews),
    /// From the terminal.
    Input(Input),
    /// A check finished.
    Judged {
        generation: u64,
        result: Result<Vec<Judgement>>,
    },
    /// Check-all has one more verdict.
    Progress { generation: u64 },
    /// A predict item's truth is known.
    Truth {
        generation: u64,
        exercise: usize,
        result: Result<Truth>,
    },
}

/// Runs watch mode until the learner quits, or the session's rules end it.
pub fn run(
    session: Session,
    force_poll: bool,
    edit_cmd: Option<&str>,
    styles: &Styles,
) -> Result<WatchEnd> {
    let Session {
        kit,
        progress,
        origin,
        rules,
    } = session;
    let _lock = lock_kit(&kit)?;
    let judge = Judge::new(&kit, Cache::Use)?;
    let (tx, rx) = mpsc::channel();
    let root = kit.root.canonicalize().unwrap_or_else(|_| kit.root.clone());
    let paths: Vec<PathBuf> = kit
        .exercises
        .iter()
        .map(|e| root.join(e.rel_path()))
        .collect();
    let (file_tx, file_rx) = mpsc::channel();
    let _watcher = files::start(&root.join("exercises"), force_poll, file_tx, move || {
        paths.iter().map(|p| hash_file(p)).collect()
    });
    forward(file_rx, tx.clone(), Message::Files);
    let (input_tx, input_rx) = mpsc::channel();
    let gate = Arc::new(input::Gate::default());
    input::spawn_input(input_tx, gate.clone());
    forward(input_rx, tx.clone(), Message::Input);

    let settings = Settings::load(&kit)?;
    let editor = editor::choose(editor::configured(edit_cmd, &settings), &|v| {
        std::env::var(v).ok()
    });
    let raw = terminal::RawTerminal::enter()?;
    let answers = Answers::load(&Answers::path(&kit))?;
    let on_disk = (hashes(&kit), solutions(&kit), answers);
    let (mut state, effects) = State::new(
        &kit,
        progress,
        rules,
        *styles,
        on_disk,
        screen::size(),
        SystemTime::now(),
    );
    state.open_next = settings.open_next;
    state.held = kit
        .exercises
        .iter()
        .filter(|e| e.predict().is_some() && rules::held_by_assessment(&kit, &e.name))
        .map(|e| e.name.clone())
        .collect();
    if rules == Rules::Practice && !kit.state_dir().join(REVIEW_STATE).is_file() {
        let (log, _) = log_file::read(&log_file::path(&kit));
        let now = Timestamp::now();
        state.reviews_due = review::schedule(&kit, &state.progress, &log)
            .iter()
            .filter(|e| e.is_due(now))
            .count();
    }
    std::thread::scope(|scope| {
        let mut runner = Runner {
            kit: &kit,
            origin,
            judge: &judge,
            editor,
            raw: &raw,
            gate: &gate,
            tx,
            scope,
            running: None,
        };
        let end = event_loop(state, effects, &rx, &mut runner);
        if let Some(cancel) = runner.running.take() {
            cancel.cancel();
        }
        gate.close();
        end
    })
}

/// Turns messages into events for the state until the session ends.
fn event_loop<'s, 'k: 's>(
    mut state: State<'k>,
    effects: Vec<Effect>,
    rx: &Receiver<Message>,
    runner: &mut Runner<'s, '_, 'k>,
) -> Result<WatchEnd> {
    runner.perform(&mut state, effects)?;
    draw(&mut state);
    let mut settle: Option<Instant> = None;
    loop {
        if let Some(end) = state.end() {
            return Ok(end);
        }
        let now = Instant::now();
        let tick = state.tick_interval().map(|t| now + t);
        let deadline = match (settle, tick) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let message = match deadline {
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(now)) {
                Ok(message) => Some(message),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return Ok(WatchEnd::Quit),
            },
            None => match rx.recv() {
                Ok(message) => Some(message),
                Err(_) => return Ok(WatchEnd::Quit),
            },
        };
        let events = match message {
            None => {
                let mut events = Vec::new();
                if settle.is_some_and(|at| at <= Instant::now()) {
                    settle = None;
                    events.push(Event::Files(hashes(runner.kit)));
                }
                events.push(Event::Tick(SystemTime::now()));
                events
            }
            Some(Message::Files(FileNews::Touched { settle: quiet })) => {
                // The latest event decides: a write that began after one finished waits again.
                settle = Some(Instant::now() + quiet);
                continue;
            }
            Some(message) => event_of(message).into_iter().collect(),
        };
        for event in events {
            let effects = state.update(event);
            runner.perform(&mut state, effects)?;
        }
        if let Some(end @ (WatchEnd::Quit | WatchEnd::Review)) = state.end() {
            return Ok(end);
        }
        draw(&mut state);
    }
}

/// The state's event for a message; none for a file touch (the loop's settle timer reads
/// the files once they are quiet).
fn event_of(message: Message) -> Option<Event> {
    Some(match message {
        Message::Files(FileNews::Notice(text)) => Event::Notice(text),
        Message::Files(FileNews::Touched { .. }) => return None,
        Message::Input(Input::Key(key)) => Event::Key(key),
        Message::Input(Input::Resize) => {
            let (width, height) = screen::size();
            Event::Resize(width, height)
        }
        Message::Input(Input::Terminate) => Event::Terminate,
        Message::Judged { generation, result } => Event::Judged {
            generation,
            result,
            at: SystemTime::now(),
        },
        Message::Progress { generation } => Event::Progress { generation },
        Message::Truth {
            generation,
            exercise,
            result,
        } => Event::Truth {
            generation,
            exercise,
            result,
        },
    })
}

fn draw(state: &mut State<'_>) {
    let frame = view::view(state, state.size);
    state.clamp_scroll(frame.scroll);
    let _ = screen::draw(&frame, state.size, &state.styles);
}

/// What performs the effects: the check running, the threads, the files.
struct Runner<'s, 'e, 'k> {
    kit: &'k Kit,
    origin: Origin,
    judge: &'k Judge<'k>,
    /// The editor `o` opens exercises in, if one is set.
    editor: Option<String>,
    raw: &'k terminal::RawTerminal,
    gate: &'k input::Gate,
    tx: Sender<Message>,
    scope: &'s Scope<'s, 'e>,
    /// The running check's token.
    running: Option<Cancel>,
}

impl<'s, 'k: 's> Runner<'s, '_, 'k> {
    /// Performs effects in order, feeding what they answer back to the state.
    fn perform(&mut self, state: &mut State<'k>, effects: Vec<Effect>) -> Result<()> {
        for effect in effects {
            if let Some(event) = self.perform_one(state, effect)? {
                let more = state.update(event);
                self.perform(state, more)?;
            }
        }
        Ok(())
    }

    fn perform_one(&mut self, state: &mut State<'k>, effect: Effect) -> Result<Option<Event>> {
        let kit = self.kit;
        match effect {
            Effect::Draw => draw(state),
            Effect::Judge {
                exercise,
                generation,
            } => self.start(generation, vec![&kit.exercises[exercise]], &state.answers),
            Effect::JudgeAll { generation } => {
                self.start(generation, kit.exercises.iter().collect(), &state.answers)
            }
            Effect::Truth {
                exercise,
                generation,
            } => self.find_truth(generation, exercise),
            Effect::RecordAnswer(event) => {
                answering::persist(kit, &state.progress, &state.answers, event.as_ref())?
            }
            Effect::OpenFix(exercise) => return Ok(self.open_fix(state, exercise)),
            Effect::OpenEditor { exercise, line } => {
                return Ok(self.open_editor(state, exercise, line));
            }
            Effect::SaveProgress => {
                if let Err(e) = state.progress.save(kit) {
                    return Ok(Some(Event::Failed(format!("{e:#}"))));
                }
            }
            Effect::Record(logged) => record::persist(kit, &state.progress, &logged)?,
            Effect::RevealSolution(exercise) => {
                let shown = reveal_solution(kit, self.origin, &kit.exercises[exercise])?;
                let available = shown.is_some();
                return Ok(Some(Event::Solution {
                    exercise,
                    available,
                }));
            }
            Effect::Reset(exercise) => return Ok(Some(self.reset(exercise, &state.progress))),
        }
        Ok(None)
    }

    /// A new cancel token for a check, cancelling (and killing) the one running.
    fn replace_running(&mut self) -> Cancel {
        if let Some(cancel) = self.running.take() {
            cancel.cancel();
        }
        let cancel = Cancel::new();
        self.running = Some(cancel.clone());
        cancel
    }

    /// Starts a check on its own thread, cancelling (and killing) the one running. Predict
    /// items among `exercises` are judged from a snapshot of the answers.
    fn start(&mut self, generation: u64, exercises: Vec<&'k Exercise>, answers: &Answers) {
        let cancel = self.replace_running();
        let (kit, judge, tx) = (self.kit, self.judge, self.tx.clone());
        let answers = answers.clone();
        self.scope.spawn(move || {
            let progress_tx = tx.clone();
            // Check-all counts these; the state ignores them for a single exercise.
            let result =
                judging::judge_some(kit, judge, &exercises, &answers, &cancel, &mut |event| {
                    if let JudgeEvent::Judged(..) = event {
                        let _ = progress_tx.send(Message::Progress { generation });
                    }
                });
            let _ = tx.send(Message::Judged { generation, result });
        });
    }

    /// Finds a tracing item's truth on its own thread (its program compiled and run).
    fn find_truth(&mut self, generation: u64, exercise: usize) {
        let cancel = self.replace_running();
        let (kit, judge, tx) = (self.kit, self.judge, self.tx.clone());
        self.scope.spawn(move || {
            let item = &kit.exercises[exercise];
            let result = answering::truths(kit, &[item], judge.cargo_env(), judge.cache(), &cancel)
                .map(|mut truths| truths.remove(0));
            let _ = tx.send(Message::Truth {
                generation,
                exercise,
                result,
            });
        });
    }

    /// Opens an exercise in the editor: one in this terminal gets it (raw mode and input
    /// reading suspended, then restored and the screen redrawn); a windowed one is started.
    fn open_editor(&self, state: &mut State<'k>, exercise: usize, line: usize) -> Option<Event> {
        let Some(chosen) = &self.editor else {
            return Some(Event::Failed(editor::NO_EDITOR.into()));
        };
        let file = self.kit.path(&self.kit.exercises[exercise].rel_path());
        let launch = match editor::launch(chosen, &file, line) {
            Ok(launch) => launch,
            Err(e) => return Some(Event::Failed(format!("{e:#}"))),
        };
        let in_terminal = launch.runs == editor::Runs::InTerminal;
        if in_terminal {
            self.gate.pause();
            self.raw.suspend();
        }
        let ran = editor::run(&launch);
        if in_terminal {
            let _ = self.raw.resume();
            self.gate.resume();
            draw(state);
        }
        match ran {
            Ok(()) => None,
            Err(e) => Some(Event::Failed(format!("{e:#}"))),
        }
    }

    /// Writes a done item's fix exercise into the kit; the file watcher then judges it.
    fn open_fix(&self, state: &State<'k>, exercise: usize) -> Option<Event> {
        let (_, unsealed) = state.opened[exercise].as_ref()?;
        let item = &self.kit.exercises[exercise];
        Some(match answering::open_fix(self.kit, item, unsealed) {
            Ok(Some(rel)) => Event::FixOpened {
                exercise: self
                    .kit
                    .exercises
                    .iter()
                    .position(|e| e.rel_path() == rel)?,
                hash: hash_file(&self.kit.path(&rel)),
            },
            Ok(None) => return None,
            Err(e) => Event::Failed(format!("{e:#}")),
        })
    }

    fn reset(&self, exercise: usize, progress: &Progress) -> Event {
        let kit = self.kit;
        let exercise_info = &kit.exercises[exercise];
        let written = shipped_version(kit, self.origin, exercise_info).and_then(|shipped| {
            // The learner's version is kept, for `cargo rustskill reset --undo`.
            backup::keep(kit, progress, &[exercise_info], Timestamp::now())?;
            fsutil::write_atomic(&kit.path(&exercise_info.rel_path()), &shipped)?;
            Ok(fsutil::content_hash(&[&shipped]))
        });
        match written {
            Ok(hash) => Event::Reset {
                exercise,
                hash: Some(hash),
            },
            // A reset with nothing to reset from says so on screen; the session goes on.
            Err(e) => Event::Failed(format!("{e:#}")),
        }
    }
}

/// Only one watch session per kit: the second would fight the first over builds and progress.
/// An OS lock, so a crashed session leaves nothing behind.
fn lock_kit(kit: &Kit) -> Result<File> {
    let dir = kit.state_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("failed to create {}", dir.display()))?;
    let path = dir.join("watch.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("failed to open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            bail!(
                "another `cargo rustskill` is already watching this kit; use that one, or quit it first"
            )
        }
        Err(std::fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("failed to lock {}", path.display()))
        }
    }
}

fn forward<T: Send + 'static>(rx: Receiver<T>, tx: Sender<Message>, wrap: fn(T) -> Message) {
    std::thread::spawn(move || {
        for item in rx {
            if tx.send(wrap(item)).is_err() {
                return;
            }
        }
    });
}

fn hash_file(path: &std::path::Path) -> Option<String> {
    std::fs::read(path)
        .ok()
        .map(|bytes| fsutil::content_hash(&[&bytes]))
}

/// Each exercise file's content hash, as on disk now.
fn hashes(kit: &Kit) -> Vec<Option<String>> {
    kit.exercises
        .iter()
        .map(|e| hash_file(&kit.path(&e.rel_path())))
        .collect()
}

/// Whether each exercise's reference solution is on disk now.
fn solutions(kit: &Kit) -> Vec<bool> {
    kit.exercises
        .iter()
        .map(|e| kit.path(&e.rel_solution_path()).is_file())
        .collect()
}
