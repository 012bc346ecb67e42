//! Watch mode, the learner's main screen: judge the current exercise on every save, with keys
//! to move on, see hints, list, reset and check everything.
//!
//! One event channel carries file news, keys, signals and finished checks; the loop below owns
//! all state, and the restart policy lives in [`Watch::look_at_files`]: after a short settle,
//! hash the exercise files, and judge what differs from what was last judged, cancelling (and
//! killing) a check of content that is no longer on disk.

mod files;
mod screen;
mod terminal;

use std::collections::HashMap;
use std::fs::File;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result, bail};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::base::fsutil;
use crate::engine::judge::{Cache, Judge, JudgeEvent, Judged, Unit, Verdict};
use crate::engine::process::Cancel;
use crate::model::events::JudgedBy;
use crate::model::kit::Kit;
use crate::model::progress::Progress;
use crate::outputs::style::Styles;
use crate::outputs::verdict;
use crate::session::Session;
use crate::session::files::{reveal_solution, shipped_version};
use crate::session::record::record_verdicts;
use crate::session::rules::{Rules, Timed};
use files::FileNews;
use terminal::Input;

/// How long files must be quiet after an event before they are read: long enough that a
/// half-written file or a burst of saves is read once, short next to a compile.
const SETTLE: Duration = Duration::from_millis(20);

/// Spinner frame interval while a check runs (no timer at all while idle).
const TICK: Duration = Duration::from_millis(100);

/// Countdown refresh while a timed assessment waits for the learner.
const COUNTDOWN_TICK: Duration = Duration::from_secs(1);

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// Everything that reaches the loop, on one channel.
pub enum Event {
    /// From the file watcher.
    Files(FileNews),
    /// From the terminal.
    Input(Input),
    /// A check of one exercise finished (or was cancelled: `Ok(None)`).
    Judged {
        generation: u64,
        result: Result<Option<Judged>>,
    },
    /// Check-all made progress.
    CheckProgress { generation: u64 },
    /// Check-all finished.
    CheckedAll {
        generation: u64,
        result: Result<Option<Vec<Judged>>>,
    },
}

/// What runs in the background.
enum Job {
    /// Judging one exercise, whose file hashed to `hash` when it started.
    One { exercise: usize },
    /// Judging every exercise.
    All { done: usize },
}

struct Running {
    job: Job,
    generation: u64,
    cancel: Cancel,
}

/// Which view is on screen.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Timed assessments: a hint costs points, so ask first.
    ConfirmHint,
    /// Timed assessments: finish and score, or only leave.
    ConfirmQuit,
    Exercise,
    List {
        selected: usize,
    },
    ConfirmReset,
}

/// How a watch session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchEnd {
    /// The learner quit (a timed assessment's clock keeps running).
    Quit,
    /// A timed assessment is over: time is up, all solved, or the learner finished it.
    Finished,
}

/// Runs watch mode until the learner quits, or the session's rules end it.
pub fn run(session: Session, force_poll: bool, styles: &Styles) -> Result<WatchEnd> {
    let Session {
        kit,
        progress,
        embedded,
        rules,
    } = session;
    let timed = match rules {
        Rules::Practice => None,
        Rules::Timed(timed) => Some(timed),
    };
    let _lock = lock_kit(&kit)?;
    let judge = Judge::new(&kit, Cache::Use)?;
    let (tx, rx) = mpsc::channel();
    let root = kit.root.canonicalize().unwrap_or_else(|_| kit.root.clone());
    let paths: Vec<_> = kit
        .exercises
        .iter()
        .map(|e| root.join(e.rel_path()))
        .collect();
    let (file_tx, file_rx) = mpsc::channel();
    let _watcher = files::start(&root.join("exercises"), force_poll, file_tx, move || {
        paths.iter().map(|p| hash_file(p)).collect()
    });
    forward(file_rx, tx.clone(), Event::Files);
    let (input_tx, input_rx) = mpsc::channel();
    terminal::spawn_input(input_tx);
    forward(input_rx, tx.clone(), Event::Input);

    let _raw = terminal::RawTerminal::enter()?;
    std::thread::scope(|scope| {
        let mut watch = Watch::new(&kit, progress, embedded, &judge, styles, tx, scope);
        watch.timed = timed;
        watch.event_loop(&rx)
    })
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

fn forward<T: Send + 'static>(rx: Receiver<T>, tx: Sender<Event>, wrap: fn(T) -> Event) {
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

/// The loop's state.
struct Watch<'k, 's, 'scope, 'env> {
    kit: &'k Kit,
    progress: Progress,
    embedded: bool,
    judge: &'k Judge<'k>,
    styles: &'s Styles,
    tx: Sender<Event>,
    scope: &'scope std::thread::Scope<'scope, 'env>,
    /// The exercise on screen (the current one, or one the learner saved out of order).
    shown: usize,
    mode: Mode,
    /// Content hash of each exercise when it was last judged (or seen at start).
    judged_hash: Vec<Option<String>>,
    verdicts: HashMap<usize, Verdict>,
    running: Option<Running>,
    generation: u64,
    settle: Option<Instant>,
    show_hint: bool,
    /// The rules of a timed assessment, if this is one.
    timed: Option<Timed>,
    /// The learner chose to finish the assessment.
    finished: bool,
    /// The kit's welcome shows until the learner first saves or presses a key.
    welcome: bool,
    notices: Vec<String>,
    check_summary: Option<Vec<String>>,
    scroll: usize,
    spinner: usize,
}

impl<'k, 's, 'scope, 'env> Watch<'k, 's, 'scope, 'env>
where
    'k: 'scope,
{
    fn new(
        kit: &'k Kit,
        progress: Progress,
        embedded: bool,
        judge: &'k Judge<'k>,
        styles: &'s Styles,
        tx: Sender<Event>,
        scope: &'scope std::thread::Scope<'scope, 'env>,
    ) -> Self {
        let judged_hash = kit
            .exercises
            .iter()
            .map(|e| hash_file(&kit.path(&e.rel_path())))
            .collect();
        let shown = progress.current_index(kit);
        let welcome = progress.exercises.iter().all(|e| e.attempts == 0);
        Watch {
            kit,
            progress,
            embedded,
            judge,
            styles,
            tx,
            scope,
            shown,
            mode: Mode::Exercise,
            judged_hash,
            verdicts: HashMap::new(),
            running: None,
            generation: 0,
            settle: None,
            show_hint: false,
            welcome,
            timed: None,
            finished: false,
            notices: Vec::new(),
            check_summary: None,
            scroll: 0,
            spinner: 0,
        }
    }

    fn current(&self) -> usize {
        self.progress.current_index(self.kit)
    }

    fn event_loop(&mut self, rx: &Receiver<Event>) -> Result<WatchEnd> {
        if !self.kit.exercises.is_empty() {
            self.start_one(self.shown);
        }
        self.draw();
        let end = loop {
            if self.time_is_up() || self.finished {
                break WatchEnd::Finished;
            }
            let now = Instant::now();
            let mut deadline = self.settle;
            // A spinner while checking, a countdown while timed; no timer at all otherwise.
            let tick = match (&self.running, &self.timed) {
                (Some(_), _) => Some(now + TICK),
                (None, Some(_)) => Some(now + COUNTDOWN_TICK),
                (None, None) => None,
            };
            if let Some(tick) = tick {
                deadline = Some(deadline.map_or(tick, |d| d.min(tick)));
            }
            let event = match deadline {
                Some(at) => match rx.recv_timeout(at.saturating_duration_since(now)) {
                    Ok(event) => Some(event),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => break WatchEnd::Quit,
                },
                None => match rx.recv() {
                    Ok(event) => Some(event),
                    Err(_) => break WatchEnd::Quit,
                },
            };
            match event {
                None => {
                    if self.settle.is_some_and(|at| at <= Instant::now()) {
                        self.settle = None;
                        self.look_at_files();
                    }
                    self.spinner = self.spinner.wrapping_add(1);
                }
                Some(Event::Files(FileNews::Touched)) => {
                    self.settle = Some(Instant::now() + SETTLE);
                    continue;
                }
                Some(Event::Files(FileNews::Notice(text))) => self.notices.push(text),
                Some(Event::Input(Input::Terminate)) => break WatchEnd::Quit,
                Some(Event::Input(Input::Resize)) => self.scroll = 0,
                Some(Event::Input(Input::Key(key))) => {
                    self.welcome = false;
                    match self.on_key(key) {
                        Ok(true) => {}
                        Ok(false) => break WatchEnd::Quit,
                        // A key whose action failed (a reset with nothing to reset from) says
                        // so on screen; the session goes on.
                        Err(e) => self.notices.push(format!("{e:#}")),
                    }
                }
                Some(Event::Judged { generation, result }) => self.on_judged(generation, result)?,
                Some(Event::CheckProgress { generation }) => {
                    if let Some(Running {
                        job: Job::All { done },
                        generation: g,
                        ..
                    }) = &mut self.running
                        && *g == generation
                    {
                        *done += 1;
                    }
                }
                Some(Event::CheckedAll { generation, result }) => {
                    self.on_checked_all(generation, result)?
                }
            }
            self.draw();
        };
        if let Some(running) = self.running.take() {
            running.cancel.cancel();
        }
        Ok(end)
    }

    /// A timed assessment ends once everything passes.
    fn finish_if_all_solved(&mut self) {
        if self.timed.is_some() && self.progress.next_unsolved(self.kit, 0).is_none() {
            self.finished = true;
        }
    }

    fn time_is_up(&self) -> bool {
        self.timed.is_some_and(|t| SystemTime::now() >= t.deadline)
    }

    /// Hint tiers revealed so far for the exercise on screen.
    fn tiers_revealed(&self) -> usize {
        let name = &self.kit.exercises[self.shown].name;
        self.progress
            .exercises
            .iter()
            .find(|e| e.name == *name)
            .map_or(0, |e| e.hints as usize)
    }

    /// `h`: shows the hints revealed so far, or reveals the next tier; with every tier shown,
    /// hides them. In an assessment each new tier costs points, so it asks first.
    fn hint_key(&mut self) -> Result<()> {
        let revealed = self.tiers_revealed();
        let tiers = self.kit.exercises[self.shown].hints.len();
        if !self.show_hint && revealed > 0 {
            self.show_hint = true;
            return Ok(());
        }
        if revealed >= tiers {
            self.show_hint = !self.show_hint;
            return Ok(());
        }
        if self.timed.is_some() {
            self.mode = Mode::ConfirmHint;
            return Ok(());
        }
        self.reveal_hint()
    }

    fn reveal_hint(&mut self) -> Result<()> {
        self.show_hint = true;
        let tiers = self.kit.exercises[self.shown].hints.len() as u32;
        let name = self.kit.exercises[self.shown].name.clone();
        let entry = self.progress.entry(&name);
        entry.hints = (entry.hints + 1).min(tiers);
        self.progress.save(self.kit)
    }

    /// The restart policy: judge what changed on disk since it was last judged; the current
    /// exercise first. A check of content that changed again is cancelled and started afresh.
    fn look_at_files(&mut self) {
        let hashes: Vec<Option<String>> = self
            .kit
            .exercises
            .iter()
            .map(|e| hash_file(&self.kit.path(&e.rel_path())))
            .collect();
        let changed: Vec<usize> = (0..hashes.len())
            .filter(|&i| hashes[i].is_some() && hashes[i] != self.judged_hash[i])
            .collect();
        let current = self.current();
        let Some(&target) = changed.iter().find(|&&i| i == current).or(changed.first()) else {
            return;
        };
        self.shown = target;
        self.welcome = false;
        self.check_summary = None;
        self.start_one(target);
    }

    fn start_one(&mut self, exercise: usize) {
        if let Some(running) = self.running.take() {
            running.cancel.cancel();
        }
        self.generation += 1;
        let generation = self.generation;
        self.judged_hash[exercise] =
            hash_file(&self.kit.path(&self.kit.exercises[exercise].rel_path()));
        let cancel = Cancel::new();
        self.running = Some(Running {
            job: Job::One { exercise },
            generation,
            cancel: cancel.clone(),
        });
        let (judge, tx, ex) = (self.judge, self.tx.clone(), &self.kit.exercises[exercise]);
        self.scope.spawn(move || {
            let result = judge
                .judge(&[Unit::exercise(ex)], &cancel, &mut |_| {})
                .map(|mut judged| judged.pop().filter(|j| j.verdict().is_some()));
            let _ = tx.send(Event::Judged { generation, result });
        });
    }

    fn start_all(&mut self) {
        if let Some(running) = self.running.take() {
            running.cancel.cancel();
        }
        self.generation += 1;
        let generation = self.generation;
        for (i, e) in self.kit.exercises.iter().enumerate() {
            self.judged_hash[i] = hash_file(&self.kit.path(&e.rel_path()));
        }
        let cancel = Cancel::new();
        self.running = Some(Running {
            job: Job::All { done: 0 },
            generation,
            cancel: cancel.clone(),
        });
        let (judge, tx, kit) = (self.judge, self.tx.clone(), self.kit);
        self.scope.spawn(move || {
            let units: Vec<Unit<'_>> = kit.exercises.iter().map(Unit::exercise).collect();
            let progress_tx = tx.clone();
            let result = judge.judge(&units, &cancel, &mut |event| {
                if let JudgeEvent::Judged(..) = event {
                    let _ = progress_tx.send(Event::CheckProgress { generation });
                }
            });
            // A check-all cut short by a cancel is dropped whole, as before.
            let result = result.map(|judged| {
                let complete = judged.iter().all(|j| j.verdict().is_some());
                complete.then_some(judged)
            });
            let _ = tx.send(Event::CheckedAll { generation, result });
        });
    }

    /// The finished job, if `generation` is the one running: results of cancelled or
    /// superseded checks are dropped here, so the screen never shows a stale verdict.
    fn take_finished(&mut self, generation: u64) -> Option<Job> {
        if self
            .running
            .as_ref()
            .is_some_and(|r| r.generation == generation)
        {
            self.running.take().map(|r| r.job)
        } else {
            None
        }
    }

    fn on_judged(&mut self, generation: u64, result: Result<Option<Judged>>) -> Result<()> {
        let Some(Job::One { exercise }) = self.take_finished(generation) else {
            return Ok(());
        };
        match result {
            Ok(Some(judged)) => {
                let Some(verdict) = judged.verdict().cloned() else {
                    return Ok(());
                };
                let ex = &self.kit.exercises[exercise];
                let passed = verdict.outcome.passed();
                self.verdicts.insert(exercise, verdict.clone());
                self.scroll = 0;
                // The learner sees the verdict first; the bookkeeping (synced writes) follows.
                self.draw();
                record_verdicts(
                    self.kit,
                    &mut self.progress,
                    &[ex],
                    &[judged],
                    JudgedBy::Watch,
                )?;
                if passed {
                    reveal_solution(self.kit, self.embedded, ex)?;
                }
                self.finish_if_all_solved();
            }
            Ok(None) => {}
            Err(e) => self.notices.push(format!("the check failed: {e:#}")),
        }
        // Saves that arrived during the check, to other files, are judged now.
        self.look_at_files();
        Ok(())
    }

    fn on_checked_all(
        &mut self,
        generation: u64,
        result: Result<Option<Vec<Judged>>>,
    ) -> Result<()> {
        let Some(Job::All { .. }) = self.take_finished(generation) else {
            return Ok(());
        };
        match result {
            Ok(Some(judged)) => {
                let all: Vec<_> = self.kit.exercises.iter().collect();
                record_verdicts(self.kit, &mut self.progress, &all, &judged, JudgedBy::Watch)?;
                let verdicts: Vec<Verdict> =
                    judged.iter().filter_map(|j| j.verdict().cloned()).collect();
                let failing: Vec<String> = self
                    .kit
                    .exercises
                    .iter()
                    .zip(&verdicts)
                    .filter(|(_, v)| !v.outcome.passed())
                    .map(|(e, v)| {
                        format!(
                            "  {:>3} {:<32} {}",
                            e.index + 1,
                            e.name,
                            verdict::summary(&v.outcome)
                        )
                    })
                    .collect();
                let mut summary = vec![format!(
                    "Checked all {} exercises: {} passing.",
                    verdicts.len(),
                    verdicts.len() - failing.len()
                )];
                if !failing.is_empty() {
                    summary.push("Not passing yet:".into());
                    summary.extend(failing);
                }
                for (i, verdict) in verdicts.into_iter().enumerate() {
                    self.verdicts.insert(i, verdict);
                }
                self.check_summary = Some(summary);
                self.scroll = 0;
            }
            Ok(None) => {}
            Err(e) => self.notices.push(format!("checking all failed: {e:#}")),
        }
        self.look_at_files();
        Ok(())
    }

    /// Handles a key; `false` quits.
    fn on_key(&mut self, key: KeyEvent) -> Result<bool> {
        let ctrl_c =
            key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        if ctrl_c {
            return Ok(false);
        }
        match self.mode {
            Mode::ConfirmHint => {
                self.mode = Mode::Exercise;
                if key.code == KeyCode::Char('y') {
                    self.reveal_hint()?;
                }
            }
            Mode::ConfirmQuit => {
                self.mode = Mode::Exercise;
                match key.code {
                    KeyCode::Char('f') => self.finished = true,
                    KeyCode::Char('q') => return Ok(false),
                    _ => {}
                }
            }
            Mode::ConfirmReset => {
                self.mode = Mode::Exercise;
                if key.code == KeyCode::Char('y') {
                    self.reset_shown()?;
                }
            }
            Mode::List { selected } => self.on_list_key(key, selected)?,
            Mode::Exercise => match key.code {
                KeyCode::Char('q') if self.timed.is_some() => self.mode = Mode::ConfirmQuit,
                KeyCode::Char('q') => return Ok(false),
                KeyCode::Char('n') => self.next()?,
                KeyCode::Char('h') => self.hint_key()?,
                KeyCode::Char('l') => {
                    self.mode = Mode::List {
                        selected: self.shown,
                    }
                }
                KeyCode::Char('r') => self.mode = Mode::ConfirmReset,
                KeyCode::Char('c') => {
                    self.check_summary = None;
                    self.start_all();
                }
                KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => self.scroll += 1,
                KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(screen::size().1 / 2),
                KeyCode::PageDown => self.scroll += screen::size().1 / 2,
                _ => {}
            },
        }
        Ok(true)
    }

    fn on_list_key(&mut self, key: KeyEvent, selected: usize) -> Result<()> {
        let last = self.kit.exercises.len().saturating_sub(1);
        let page = screen::size().1 / 2;
        let selected = match key.code {
            KeyCode::Up | KeyCode::Char('k') => selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => (selected + 1).min(last),
            KeyCode::PageUp => selected.saturating_sub(page),
            KeyCode::PageDown => (selected + page).min(last),
            KeyCode::Home | KeyCode::Char('g') => 0,
            KeyCode::End | KeyCode::Char('G') => last,
            KeyCode::Enter => {
                self.mode = Mode::Exercise;
                self.go_to(selected)?;
                return Ok(());
            }
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('l') => {
                self.mode = Mode::Exercise;
                return Ok(());
            }
            _ => selected,
        };
        self.mode = Mode::List { selected };
        Ok(())
    }

    /// `n`: on to the next unsolved exercise, once the current one passes.
    fn next(&mut self) -> Result<()> {
        let current = self.current();
        if !self.progress.is_solved(&self.kit.exercises[current].name) {
            self.notices
                .push("`n` moves on once this exercise passes; `l` jumps to any exercise.".into());
            return Ok(());
        }
        match self.progress.next_unsolved(self.kit, current + 1) {
            Some(next) => self.go_to(next),
            None => Ok(()),
        }
    }

    /// Makes `index` the current exercise and shows its verdict.
    fn go_to(&mut self, index: usize) -> Result<()> {
        self.progress.current = Some(self.kit.exercises[index].name.clone());
        self.progress.save(self.kit)?;
        self.shown = index;
        self.show_hint = false;
        self.check_summary = None;
        self.notices.clear();
        self.scroll = 0;
        if !self.verdicts.contains_key(&index) {
            self.start_one(index);
        }
        Ok(())
    }

    fn reset_shown(&mut self) -> Result<()> {
        let exercise = &self.kit.exercises[self.shown];
        let shipped = shipped_version(self.kit, self.embedded, exercise)?;
        fsutil::write_atomic(&self.kit.path(&exercise.rel_path()), &shipped)?;
        self.notices.push(format!(
            "{} is back to its shipped version.",
            exercise.rel_path()
        ));
        // Judged right away; the watcher's event for this write then finds nothing new.
        self.start_one(self.shown);
        Ok(())
    }

    fn draw(&mut self) {
        let frame = self.frame();
        let (width, height) = screen::size();
        let max = screen::max_scroll(
            &frame.body,
            width,
            height.saturating_sub(frame.header.len() + 4),
        );
        self.scroll = self.scroll.min(max);
        let frame = screen::Frame {
            scroll: self.scroll,
            ..frame
        };
        let _ = screen::draw(&frame);
    }

    /// `  ⏱ 12:34 left`, while timed.
    fn countdown(&self) -> String {
        let Some(timed) = self.timed else {
            return String::new();
        };
        let left = timed
            .deadline
            .duration_since(SystemTime::now())
            .unwrap_or_default()
            .as_secs();
        let text = format!("  ⏱ {:02}:{:02} left", left / 60, left % 60);
        if left < 300 {
            self.styles.error.style(text).to_string()
        } else {
            self.styles.strong.style(text).to_string()
        }
    }

    fn frame(&self) -> screen::Frame<'s> {
        let styles = self.styles;
        let kit = self.kit;
        let total = kit.exercises.len();
        let solved = self.progress.solved_count(kit);
        let mut header = vec![format!(
            "{}  {}{}",
            styles.strong.style(&kit.info.kit_name),
            screen::progress_bar(solved, total, 30, styles),
            self.countdown()
        )];
        let Some(exercise) = kit.exercises.get(self.shown) else {
            return screen::Frame {
                header,
                body: vec!["This kit has no exercises.".into()],
                scroll: 0,
                footer: "q quit".into(),
                styles,
            };
        };
        header.push(screen::exercise_heading(exercise, total, styles));
        header.push(screen::file_link(
            &kit.path(&exercise.rel_path()),
            &exercise.rel_path(),
            styles,
        ));
        let footer = match self.mode {
            Mode::ConfirmReset => styles
                .warn
                .style(format!("Reset {} to its shipped version, discarding your changes? y = yes, any other key = no", exercise.rel_path()))
                .to_string(),
            Mode::List { .. } => "↑/↓ move · Enter go to exercise · Esc back".into(),
            Mode::ConfirmHint => styles
                .warn
                .style(format!(
                    "The next hint costs {} points. y = show it, any other key = no",
                    self.timed.map_or(0, |t| t.hint_cost)
                ))
                .to_string(),
            Mode::ConfirmQuit => styles
                .warn
                .style("f = finish and score now · q = leave (the clock keeps running; `cargo rustskill assess` resumes) · other = back")
                .to_string(),
            Mode::Exercise => "n next · h hint · l list · r reset · c check all · q quit".into(),
        };
        let body = match self.mode {
            Mode::List { selected } => self.list_body(selected),
            _ => self.exercise_body(),
        };
        screen::Frame {
            header,
            body,
            scroll: 0,
            footer,
            styles,
        }
    }

    fn list_body(&self, selected: usize) -> Vec<String> {
        let styles = self.styles;
        let current = self.current();
        let (_, height) = screen::size();
        let visible = height.saturating_sub(8).max(3);
        let first = selected
            .saturating_sub(visible / 2)
            .min(self.kit.exercises.len().saturating_sub(visible));
        self.kit
            .exercises
            .iter()
            .skip(first)
            .take(visible)
            .map(|e| {
                let status = if self.progress.is_solved(&e.name) {
                    styles.ok.style("solved ").to_string()
                } else {
                    styles.warn.style("pending").to_string()
                };
                let marker = if e.index == current { "▶" } else { " " };
                let line = format!(
                    "{marker} {:>3}  {status}  {:<36} {} · level {}",
                    e.index + 1,
                    e.name,
                    e.track(),
                    e.level
                );
                if e.index == selected {
                    format!("\x1b[7m{}\x1b[0m", crate::outputs::style::strip_ansi(&line))
                } else {
                    line
                }
            })
            .collect()
    }

    fn exercise_body(&self) -> Vec<String> {
        let styles = self.styles;
        let kit = self.kit;
        let exercise = &kit.exercises[self.shown];
        let current = self.current();
        let mut body = Vec::new();
        for notice in &self.notices {
            body.push(styles.warn.style(notice).to_string());
        }
        if self.shown != current {
            body.push(
                styles
                    .warn
                    .style(format!(
                        "You saved `{}`, which is not your current exercise (`{}`); `l` to switch.",
                        exercise.name, kit.exercises[current].name
                    ))
                    .to_string(),
            );
        }
        if self.welcome
            && let Some(welcome) = &kit.info.welcome_message
        {
            body.extend(screen::lines(welcome.trim()));
            body.push(String::new());
        }
        if self.show_hint {
            let tiers = exercise.hints.len();
            for (i, tier) in exercise
                .hints
                .iter()
                .take(self.tiers_revealed())
                .enumerate()
            {
                body.push(
                    styles
                        .strong
                        .style(format!("Hint {} of {tiers}:", i + 1))
                        .to_string(),
                );
                body.extend(screen::lines(tier));
                body.push(String::new());
            }
        }
        if let Some(summary) = &self.check_summary {
            body.extend(summary.iter().cloned());
            body.push(String::new());
        }
        match &self.running {
            Some(Running {
                job: Job::All { done },
                ..
            }) => {
                body.push(format!(
                    "{} checking all exercises: {done}/{}",
                    SPINNER[self.spinner % SPINNER.len()],
                    kit.exercises.len()
                ));
                return body;
            }
            Some(Running {
                job: Job::One { exercise },
                ..
            }) if *exercise == self.shown => {
                body.push(format!(
                    "{} checking {}…",
                    SPINNER[self.spinner % SPINNER.len()],
                    kit.exercises[*exercise].name
                ));
                if self.verdicts.contains_key(&self.shown) {
                    body.push(
                        styles
                            .dim
                            .style("(below: the result before your last save)")
                            .to_string(),
                    );
                }
            }
            _ => {}
        }
        let Some(verdict) = self.verdicts.get(&self.shown) else {
            return body;
        };
        let details = verdict::details(&verdict.outcome, styles);
        body.extend(screen::lines(details.trim_end()));
        if verdict.outcome.passed() {
            body.push(format!(
                "{} {}",
                styles.ok.style("✓ passed:"),
                exercise.name
            ));
            if let Some(explanation) = &exercise.explanation {
                body.push(String::new());
                body.push(styles.strong.style("Why it works").to_string());
                body.extend(screen::lines(explanation));
            }
            let solution = kit.path(&exercise.rel_solution_path());
            if solution.is_file() {
                body.push(String::new());
                body.push(format!(
                    "A reference solution: {}",
                    screen::file_link(&solution, &exercise.rel_solution_path(), styles)
                ));
            }
            body.push(String::new());
            if self.progress.next_unsolved(kit, 0).is_none() {
                if let Some(message) = &kit.info.final_message {
                    body.extend(screen::lines(message.trim()));
                }
            } else if self.shown == current {
                body.push(
                    styles
                        .ok
                        .style("Press n for the next exercise.")
                        .to_string(),
                );
            }
        } else {
            body.push(format!(
                "{} {}",
                styles.error.style("✗"),
                verdict::summary(&verdict.outcome)
            ));
            let (revealed, tiers) = (self.tiers_revealed(), exercise.hints.len());
            if !self.show_hint || revealed < tiers {
                let which = if revealed == 0 {
                    "a hint"
                } else {
                    "the next hint"
                };
                body.push(
                    styles
                        .dim
                        .style(format!("h for {which} ({} of {tiers} seen)", revealed))
                        .to_string(),
                );
            }
        }
        body
    }
}
