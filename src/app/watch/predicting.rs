//! Watch mode's predict items: the truth found when an item is shown (a choice item's hash at
//! once, a tracing item's program compiled in the background), digit keys to answer, `g` to
//! give up, and the explanations opened once the item is done. Pure, like the rest of the
//! state: the loop records answers and writes a fix exercise when told.

use anyhow::Result;
use crossterm::event::{KeyCode, KeyEvent};

use crate::app::watch::events::{Effect, Job, Pending, Running};
use crate::app::watch::state::State;
use crate::engine::judge::Verdict;
use crate::model::predict::QuestionType;
use crate::model::time::Timestamp;
use crate::session::answering::{self, Truth};

impl State<'_> {
    /// Gets a predict item ready to answer: its truth, and its explanations if it is done.
    pub(super) fn prepare_item(&mut self, exercise: usize) -> Effect {
        let kit = self.kit;
        let item = kit.exercises[exercise].predict().expect("a predict item");
        if self.truths[exercise].is_none() && item.question_type == QuestionType::Choice {
            let right = item.hashed_right(kit.salt(), &kit.exercises[exercise].name);
            self.truths[exercise] = Some(match right {
                Some(i) => Truth::Right(i),
                None => Truth::Unknown("its answer hash matches none of its choices".into()),
            });
        }
        if self.truths[exercise].is_some() {
            self.refresh(exercise);
            return Effect::Draw;
        }
        self.generation += 1;
        self.running = Some(Running {
            job: Job::One { exercise },
            generation: self.generation,
        });
        Effect::Truth {
            exercise,
            generation: self.generation,
        }
    }

    /// A tracing item's truth arrived.
    pub(super) fn on_truth(
        &mut self,
        generation: u64,
        exercise: usize,
        result: Result<Truth>,
    ) -> Vec<Effect> {
        if self.take_finished(generation).is_none() {
            return Vec::new();
        }
        match result {
            Ok(truth) => self.truths[exercise] = Some(truth),
            Err(e) => self
                .notices
                .push(format!("could not run the item's program: {e:#}")),
        }
        self.refresh(exercise);
        let mut effects = vec![Effect::Draw];
        if let Some((at, pending)) = self.pending.take()
            && at == exercise
        {
            effects.extend(self.answer(exercise, pending));
        }
        effects.extend(self.look_at_files());
        effects
    }

    /// The verdict from the answers, and the explanations once the item is done.
    fn refresh(&mut self, exercise: usize) {
        let kit = self.kit;
        let item = &kit.exercises[exercise];
        let Some(Truth::Right(right)) = self.truths[exercise] else {
            return;
        };
        let record = self.answers.get(&item.name);
        if record.is_some() {
            self.verdicts[exercise] = Some(Verdict {
                outcome: answering::outcome_of(item, &self.answers, self.truths[exercise].as_ref()),
                run_time: None,
            });
        }
        let tries = self.rules.tries(kit);
        if answering::is_done(record, right, tries) && self.opened[exercise].is_none() {
            match answering::unseal(kit, item, right) {
                Ok(unsealed) => self.opened[exercise] = Some((right, unsealed)),
                Err(e) => self.notices.push(format!("{e:#}")),
            }
        }
    }

    /// Keys of a predict item on screen: digits answer, `g` gives up, `r` has nothing to
    /// reset. `None`: not a predict item's key, the usual keys apply.
    pub(super) fn on_predict_key(&mut self, key: KeyEvent) -> Option<Vec<Effect>> {
        let item = self.kit.exercises[self.shown].predict()?;
        match key.code {
            KeyCode::Char(c @ '1'..='9') => {
                let choice = c as usize - '1' as usize;
                if choice >= item.choices.len() {
                    self.notices = vec![format!(
                        "This item has choices 1 to {}.",
                        item.choices.len()
                    )];
                    return Some(Vec::new());
                }
                Some(self.answer(self.shown, Pending::Choice(choice)))
            }
            KeyCode::Char('g') => Some(self.answer(self.shown, Pending::GiveUp)),
            KeyCode::Char('r' | 'o') => {
                self.notices = vec!["A predict item has no file: answer it here.".into()];
                Some(Vec::new())
            }
            _ => None,
        }
    }

    /// Answers (or gives up on) `exercise`, or keeps the answer until its truth is known.
    fn answer(&mut self, exercise: usize, asked: Pending) -> Vec<Effect> {
        let kit = self.kit;
        let item = &kit.exercises[exercise];
        let right = match &self.truths[exercise] {
            Some(Truth::Right(right)) => *right,
            Some(Truth::Unknown(why)) => {
                self.notices = vec![format!("`{}` cannot be judged here: {why}", item.name)];
                return Vec::new();
            }
            None => {
                self.pending = Some((exercise, asked));
                self.notices = vec!["Running the program first…".into()];
                return Vec::new();
            }
        };
        if self.held.contains(&item.name) {
            self.notices = vec![format!(
                "`{}` is part of the timed assessment in progress: answer it there, once.",
                item.name
            )];
            return Vec::new();
        }
        let now = Timestamp::from(self.now);
        let tries = self.rules.tries(kit);
        if answering::is_done(self.answers.get(&item.name), right, tries) {
            self.notices = vec!["This item is done; further answers are not recorded.".into()];
            return Vec::new();
        }
        let (progress, answers) = (&mut self.progress, &mut self.answers);
        let answered = match asked {
            Pending::Choice(choice) => {
                answering::apply(progress, answers, item, choice, right, tries, now)
            }
            Pending::GiveUp => answering::apply_give_up(progress, answers, item, right, tries, now),
        };
        self.notices = vec![self.answer_note(exercise, asked, answered.right, answered.done)];
        self.scroll = 0;
        let mut effects = vec![Effect::RecordAnswer(answered.event.clone())];
        self.refresh(exercise);
        if answered.done && item.predict().is_some_and(|p| p.then_fix.is_some()) {
            effects.push(Effect::OpenFix(exercise));
        }
        self.finish_if_all_solved();
        effects
    }

    /// What the learner is told after an answer: never anything that singles out a choice.
    fn answer_note(&self, exercise: usize, asked: Pending, right: bool, done: bool) -> String {
        let item = &self.kit.exercises[exercise];
        match (asked, right, done) {
            (_, true, _) => "✓ Right. Every choice, explained, is below.".into(),
            (Pending::GiveUp, _, _) => "You gave up: every choice, explained, is below.".into(),
            (_, false, true) => {
                "✗ Not this one; it counts as answered. Every choice is explained below.".into()
            }
            (_, false, false) => {
                let tries = self.answers.get(&item.name).map_or(0, |r| r.choices.len());
                let (seen, tiers) = (self.tiers_revealed(), item.hints.len());
                let hint = if seen < tiers {
                    format!("h shows hint {} of {tiers}; ", seen + 1)
                } else {
                    String::new()
                };
                format!(
                    "✗ Not this one (answer {tries}). {hint}g gives up and explains every choice."
                )
            }
        }
    }
}
