//! Watch mode's logic, apart from its effects: the [`State`] of the screen and the checks, and
//! [`State::update`], which takes one [`Event`] (a key, settled files, a finished check, a tick)
//! and returns the [`Effect`]s for the loop to perform (start or cancel a check, save, draw).
//! It reads no file, spawns nothing and looks at no clock, so it is tested without a terminal.
//!
//! The restart policy lives in [`State::look_at_files`]: judge what differs on disk from what
//! was last judged, the current exercise first; a check of content that changed again is
//! superseded (the loop cancels it when it starts the next one).

use std::time::{Duration, SystemTime};

use anyhow::Result;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::watch::events::{Effect, Event, Job, Mode, Pending, Running, WatchEnd};
use crate::engine::judge::{Judgement, Verdict};
use crate::model::answers::Answers;
use crate::model::events::{Event as Logged, HintEvent, JudgedBy};
use crate::model::kit::Kit;
use crate::model::predict::Unsealed;
use crate::model::progress::Progress;
use crate::model::time::Timestamp;
use crate::outputs::style::Styles;
use crate::outputs::verdict;
use crate::session::answering::Truth;
use crate::session::record;
use crate::session::rules::Rules;

/// Spinner frame interval while a check runs (no timer at all while idle).
const TICK: Duration = Duration::from_millis(100);

/// Countdown refresh while a timed assessment waits for the learner.
const COUNTDOWN_TICK: Duration = Duration::from_secs(1);

/// Everything watch mode knows.
pub struct State<'k> {
    /// The kit.
    pub kit: &'k Kit,
    /// The learner's progress (the loop saves it when told).
    pub progress: Progress,
    /// The rules the session is worked under.
    pub rules: Rules,
    /// Styles to draw with.
    pub styles: Styles,
    /// The exercise on screen (the current one, or one the learner saved out of order).
    pub shown: usize,
    /// Which view is on screen.
    pub mode: Mode,
    /// The latest verdict per exercise, this session.
    pub verdicts: Vec<Option<Verdict>>,
    /// Whether each exercise's reference solution is on disk.
    pub solutions: Vec<bool>,
    /// The check running, if any.
    pub running: Option<Running>,
    /// Whether the revealed hints are shown.
    pub show_hint: bool,
    /// The kit's welcome shows until the learner first saves or presses a key.
    pub welcome: bool,
    /// Notes for the learner, above the verdict.
    pub notices: Vec<String>,
    /// Check-all's summary, until something else is shown.
    pub check_summary: Option<Vec<String>>,
    /// Body lines scrolled past.
    pub scroll: usize,
    /// The spinner's frame.
    pub spinner: usize,
    /// The time, as of the latest tick or verdict.
    pub now: SystemTime,
    /// The terminal's columns and rows.
    pub size: (usize, usize),
    /// The learner's answers to predict items (the loop saves them when told).
    pub answers: Answers,
    /// Per exercise: a predict item's truth, once known.
    pub truths: Vec<Option<Truth>>,
    /// Per exercise: a done predict item's right choice and its opened explanations.
    pub opened: Vec<Option<(usize, Unsealed)>>,
    /// Open the next exercise in the editor when `n` moves on (the kit's `open_next`).
    pub open_next: bool,
    /// How many reviews are due (practice only): `v` starts the round.
    pub reviews_due: usize,
    /// Predict items of a timed assessment in progress beside this kit: not answered here.
    pub held: Vec<String>,
    review: bool,
    /// An answer given while the item's truth was still being found.
    pub(super) pending: Option<(usize, Pending)>,
    /// Content hash of each exercise file as last read from disk.
    disk: Vec<Option<String>>,
    /// Content hash of each exercise file when it was last judged (or seen at start).
    judged: Vec<Option<String>>,
    pub(super) generation: u64,
    /// The learner chose to finish, or a timed session's exercises all pass.
    finished: bool,
    quit: bool,
}

impl<'k> State<'k> {
    /// The state at start, given the files' content hashes, which solutions are on disk and
    /// the answers file,
    /// and the effects that start it: judging the exercise on screen.
    pub fn new(
        kit: &'k Kit,
        progress: Progress,
        rules: Rules,
        styles: Styles,
        on_disk: (Vec<Option<String>>, Vec<bool>, Answers),
        size: (usize, usize),
        now: SystemTime,
    ) -> (State<'k>, Vec<Effect>) {
        let (hashes, solutions, answers) = on_disk;
        let shown = progress.current_index(kit);
        let welcome = progress.exercises.iter().all(|e| e.attempts == 0);
        let mut state = State {
            kit,
            progress,
            rules,
            styles,
            shown,
            mode: Mode::Exercise,
            verdicts: vec![None; kit.exercises.len()],
            solutions,
            running: None,
            show_hint: false,
            welcome,
            notices: Vec::new(),
            check_summary: None,
            scroll: 0,
            spinner: 0,
            now,
            size,
            answers,
            truths: vec![None; kit.exercises.len()],
            opened: vec![None; kit.exercises.len()],
            pending: None,
            open_next: false,
            reviews_due: 0,
            held: Vec::new(),
            review: false,
            judged: hashes.clone(),
            disk: hashes,
            generation: 0,
            finished: false,
            quit: false,
        };
        let mut effects = Vec::new();
        if !kit.exercises.is_empty() {
            effects.push(state.start_one(shown));
        }
        (state, effects)
    }

    /// How the session ends, once it has.
    pub fn end(&self) -> Option<WatchEnd> {
        if self.review {
            Some(WatchEnd::Review)
        } else if self.quit {
            Some(WatchEnd::Quit)
        } else if self.finished || self.rules.time_is_up(self.now) {
            Some(WatchEnd::Finished)
        } else {
            None
        }
    }

    /// How often the loop should send [`Event::Tick`]: a spinner while checking, a countdown
    /// while timed, no timer at all otherwise.
    pub fn tick_interval(&self) -> Option<Duration> {
        match (&self.running, &self.rules) {
            (Some(_), _) => Some(TICK),
            (None, Rules::Timed(_)) => Some(COUNTDOWN_TICK),
            (None, Rules::Practice) => None,
        }
    }

    /// The exercise the learner is on.
    pub fn current(&self) -> usize {
        self.progress.current_index(self.kit)
    }

    /// Hint tiers revealed so far for the exercise on screen.
    pub fn tiers_revealed(&self) -> usize {
        let name = &self.kit.exercises[self.shown].name;
        self.progress
            .exercises
            .iter()
            .find(|e| e.name == *name)
            .map_or(0, |e| e.hints as usize)
    }

    /// Keeps the scroll offset within what the body has to show (the view knows how much).
    pub fn clamp_scroll(&mut self, max: usize) {
        self.scroll = self.scroll.min(max);
    }

    /// Takes one event; returns what the loop is to do, in order.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(key) => {
                self.welcome = false;
                self.on_key(key)
            }
            Event::Resize(width, height) => {
                self.size = (width, height);
                self.scroll = 0;
                Vec::new()
            }
            Event::Terminate => {
                self.quit = true;
                Vec::new()
            }
            Event::Files(hashes) => {
                self.disk = hashes;
                self.look_at_files().into_iter().collect()
            }
            Event::Notice(text) | Event::Failed(text) => {
                self.notices.push(text);
                Vec::new()
            }
            Event::Tick(now) => {
                self.now = now;
                self.spinner = self.spinner.wrapping_add(1);
                Vec::new()
            }
            Event::Judged {
                generation,
                result,
                at,
            } => {
                self.now = at;
                self.on_judged(generation, result)
            }
            Event::Progress { generation } => {
                if let Some(Running {
                    job: Job::All { done },
                    generation: g,
                }) = &mut self.running
                    && *g == generation
                {
                    *done += 1;
                }
                Vec::new()
            }
            Event::Solution {
                exercise,
                available,
            } => {
                self.solutions[exercise] = available;
                Vec::new()
            }
            Event::FixOpened { exercise, hash } => {
                // Not a save of the learner's: judged once they go there (`n`).
                self.disk[exercise] = hash.clone();
                self.judged[exercise] = hash;
                self.notices.push(format!(
                    "{} is yours to fix now: the same program, made into an exercise (`n` goes there).",
                    self.kit.exercises[exercise].rel_path()
                ));
                Vec::new()
            }
            Event::Truth {
                generation,
                exercise,
                result,
            } => self.on_truth(generation, exercise, result),
            Event::Reset { exercise, hash } => {
                self.disk[exercise] = hash;
                self.notices.push(format!(
                    "{} is back to its shipped version.",
                    self.kit.exercises[exercise].rel_path()
                ));
                // Judged right away; the watcher's event for this write then finds nothing new.
                vec![self.start_one(exercise)]
            }
        }
    }

    /// The restart policy: judge what changed on disk since it was last judged; the current
    /// exercise first.
    pub(super) fn look_at_files(&mut self) -> Option<Effect> {
        let changed: Vec<usize> = (0..self.disk.len())
            .filter(|&i| self.disk[i].is_some() && self.disk[i] != self.judged[i])
            .collect();
        let current = self.current();
        let target = *changed
            .iter()
            .find(|&&i| i == current)
            .or(changed.first())?;
        self.shown = target;
        self.welcome = false;
        self.check_summary = None;
        Some(self.start_one(target))
    }

    fn start_one(&mut self, exercise: usize) -> Effect {
        if self.kit.exercises[exercise].predict().is_some() {
            return self.prepare_item(exercise);
        }
        self.generation += 1;
        self.judged[exercise] = self.disk[exercise].clone();
        self.running = Some(Running {
            job: Job::One { exercise },
            generation: self.generation,
        });
        Effect::Judge {
            exercise,
            generation: self.generation,
        }
    }

    fn start_all(&mut self) -> Effect {
        self.generation += 1;
        self.judged = self.disk.clone();
        self.running = Some(Running {
            job: Job::All { done: 0 },
            generation: self.generation,
        });
        Effect::JudgeAll {
            generation: self.generation,
        }
    }

    /// The finished job, if `generation` is the one running: results of cancelled or
    /// superseded checks are dropped here, so the screen never shows a stale verdict.
    pub(super) fn take_finished(&mut self, generation: u64) -> Option<Job> {
        match self.running {
            Some(running) if running.generation == generation => {
                self.running = None;
                Some(running.job)
            }
            _ => None,
        }
    }

    fn on_judged(&mut self, generation: u64, result: Result<Vec<Judgement>>) -> Vec<Effect> {
        let mut effects = match (self.take_finished(generation), result) {
            (None, _) => return Vec::new(),
            (Some(Job::One { exercise }), Ok(judged)) => self.judged_one(exercise, judged),
            (Some(Job::All { .. }), Ok(judged)) => self.judged_all(judged),
            (Some(Job::One { .. }), Err(e)) => {
                self.notices.push(format!("the check failed: {e:#}"));
                Vec::new()
            }
            (Some(Job::All { .. }), Err(e)) => {
                self.notices.push(format!("checking all failed: {e:#}"));
                Vec::new()
            }
        };
        // Saves that arrived during the check, to other files, are judged now.
        effects.extend(self.look_at_files());
        effects
    }

    fn judged_one(&mut self, exercise: usize, judged: Vec<Judgement>) -> Vec<Effect> {
        let Some(verdict) = judged.first().and_then(Judgement::verdict).cloned() else {
            return Vec::new();
        };
        let passed = verdict.outcome.passed();
        self.verdicts[exercise] = Some(verdict);
        self.scroll = 0;
        // The learner sees the verdict first; the bookkeeping (synced writes) follows.
        let mut effects = vec![Effect::Draw, self.record(&[exercise], &judged)];
        if passed {
            effects.push(Effect::RevealSolution(exercise));
        }
        self.finish_if_all_solved();
        effects
    }

    fn judged_all(&mut self, judged: Vec<Judgement>) -> Vec<Effect> {
        // A check-all cut short by a cancel is dropped whole.
        let Some(verdicts) = judged
            .iter()
            .map(|j| j.verdict().cloned())
            .collect::<Option<Vec<Verdict>>>()
        else {
            return Vec::new();
        };
        let all: Vec<usize> = (0..self.kit.exercises.len()).collect();
        let record = self.record(&all, &judged);
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
        self.verdicts = verdicts.into_iter().map(Some).collect();
        self.check_summary = Some(summary);
        self.scroll = 0;
        vec![record]
    }

    /// Records verdicts in the progress; the attempts to log go to the loop.
    fn record(&mut self, exercises: &[usize], judged: &[Judgement]) -> Effect {
        let exercises: Vec<_> = exercises.iter().map(|&i| &self.kit.exercises[i]).collect();
        let now = Timestamp::from(self.now);
        let logged = record::record(&mut self.progress, &exercises, judged, JudgedBy::Watch, now);
        Effect::Record(logged)
    }

    /// A timed assessment ends once everything passes.
    pub(super) fn finish_if_all_solved(&mut self) {
        if self.rules.ends_when_all_solved() && self.progress.next_unsolved(self.kit, 0).is_none() {
            self.finished = true;
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let ctrl_c =
            key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        if ctrl_c {
            self.quit = true;
            return Vec::new();
        }
        let confirmed = key.code == KeyCode::Char('y');
        match self.mode {
            Mode::ConfirmHint => {
                self.mode = Mode::Exercise;
                if confirmed {
                    return self.reveal_hint();
                }
            }
            Mode::ConfirmQuit => {
                self.mode = Mode::Exercise;
                match key.code {
                    KeyCode::Char('f') => self.finished = true,
                    KeyCode::Char('q') => self.quit = true,
                    _ => {}
                }
            }
            Mode::ConfirmReset => {
                self.mode = Mode::Exercise;
                if confirmed {
                    return vec![Effect::Reset(self.shown)];
                }
            }
            Mode::List { selected } => return self.on_list_key(key, selected),
            Mode::Exercise => return self.on_exercise_key(key),
        }
        Vec::new()
    }

    fn on_exercise_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let half_page = self.size.1 / 2;
        if let Some(effects) = self.on_predict_key(key) {
            return effects;
        }
        match key.code {
            KeyCode::Char('q') if self.rules.quitting_asks() => self.mode = Mode::ConfirmQuit,
            KeyCode::Char('q') => self.quit = true,
            KeyCode::Char('n') => return self.next(),
            KeyCode::Char('h') => return self.hint_key(),
            KeyCode::Char('l') => {
                self.mode = Mode::List {
                    selected: self.shown,
                }
            }
            KeyCode::Char('r') => self.mode = Mode::ConfirmReset,
            KeyCode::Char('o') => return vec![self.open_in_editor(self.shown)],
            KeyCode::Char('v') if self.reviews_due > 0 => self.review = true,
            KeyCode::Char('c') => {
                self.check_summary = None;
                return vec![self.start_all()];
            }
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.scroll += 1,
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(half_page),
            KeyCode::PageDown => self.scroll += half_page,
            _ => {}
        }
        Vec::new()
    }

    fn on_list_key(&mut self, key: KeyEvent, selected: usize) -> Vec<Effect> {
        let last = self.kit.exercises.len().saturating_sub(1);
        let page = self.size.1 / 2;
        let selected = match key.code {
            KeyCode::Up | KeyCode::Char('k') => selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => (selected + 1).min(last),
            KeyCode::PageUp => selected.saturating_sub(page),
            KeyCode::PageDown => (selected + page).min(last),
            KeyCode::Home | KeyCode::Char('g') => 0,
            KeyCode::End | KeyCode::Char('G') => last,
            KeyCode::Enter => {
                self.mode = Mode::Exercise;
                return self.go_to(selected);
            }
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('l') => {
                self.mode = Mode::Exercise;
                return Vec::new();
            }
            _ => selected,
        };
        self.mode = Mode::List { selected };
        Vec::new()
    }

    /// `h`: shows the hints revealed so far, or reveals the next tier; with every tier shown,
    /// hides them. Where hints cost points, it asks first.
    fn hint_key(&mut self) -> Vec<Effect> {
        let revealed = self.tiers_revealed();
        let tiers = self.kit.exercises[self.shown].hints.len();
        if !self.show_hint && revealed > 0 {
            self.show_hint = true;
            return Vec::new();
        }
        if revealed >= tiers {
            self.show_hint = !self.show_hint;
            return Vec::new();
        }
        if self.rules.hint_cost().is_some() {
            self.mode = Mode::ConfirmHint;
            return Vec::new();
        }
        self.reveal_hint()
    }

    fn reveal_hint(&mut self) -> Vec<Effect> {
        self.show_hint = true;
        let exercise = &self.kit.exercises[self.shown];
        let tiers = exercise.hints.len() as u32;
        let revealed = self.progress.entry(&exercise.name).hints;
        let event = Logged::Hint(HintEvent {
            time: Timestamp::from(self.now),
            exercise: exercise.name.clone(),
            tier: (revealed + 1).min(tiers),
        });
        self.progress.apply(&event);
        vec![Effect::Record(vec![event])]
    }

    /// `n`: on to the next unsolved exercise, once the current one passes (or, for a predict
    /// item, is done).
    fn next(&mut self) -> Vec<Effect> {
        let current = self.current();
        let exercise = &self.kit.exercises[current];
        if !self.progress.is_done(&exercise.name) {
            let what = if exercise.predict().is_some() {
                "`n` moves on once this item is answered right (or given up, `g`)"
            } else {
                "`n` moves on once this exercise passes"
            };
            self.notices
                .push(format!("{what}; `l` jumps to any exercise."));
            return Vec::new();
        }
        match self.progress.next_unsolved(self.kit, current + 1) {
            Some(next) => {
                let mut effects = self.go_to(next);
                if self.open_next && self.kit.exercises[next].predict().is_none() {
                    effects.push(self.open_in_editor(next));
                }
                effects
            }
            None => Vec::new(),
        }
    }

    /// Opens an exercise in the editor at its first error's line (or its first failing
    /// test's panic line), as far as its latest verdict says.
    fn open_in_editor(&mut self, exercise: usize) -> Effect {
        let rel = self.kit.exercises[exercise].rel_path();
        let line = self.verdicts[exercise]
            .as_ref()
            .and_then(|v| v.outcome.line_in(&rel))
            .unwrap_or(1);
        Effect::OpenEditor { exercise, line }
    }

    /// Makes `index` the current exercise and shows its verdict, judging it if it has none.
    fn go_to(&mut self, index: usize) -> Vec<Effect> {
        self.progress.current = Some(self.kit.exercises[index].name.clone());
        self.shown = index;
        self.show_hint = false;
        self.check_summary = None;
        self.notices.clear();
        self.scroll = 0;
        let mut effects = vec![Effect::SaveProgress];
        if self.verdicts[index].is_none() {
            effects.push(self.start_one(index));
        }
        effects
    }
}
