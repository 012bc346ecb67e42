//! The learner's answers to predict items, kept in the kit (`.rustskill/answers.toml`, committed
//! with their work): per item, the choices given in order, whether they gave up, and when.
//! Only what the learner did is stored; whether a choice is right is judged again from the kit
//! every time (a graded run, from the canonical kit), so editing this file cannot make a wrong
//! answer right. It can rewrite history, though: first-try scores from it are self-reported.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::base::fsutil;
use crate::model::kit::{Kit, STATE_DIR};
use crate::model::outcome::Outcome;
use crate::model::time::Timestamp;

const HEADER: &str =
    "# Your answers to the predict items, kept by cargo-rustskill. Commit it with your work.\n\n";

/// What the answers file holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Answers {
    /// One record per item answered, in kit order.
    #[serde(default, rename = "item")]
    pub items: Vec<ItemAnswers>,
}

/// One item's answers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemAnswers {
    /// The item's name.
    pub name: String,
    /// The choices given, 1-based in the kit's order, first answer first.
    #[serde(default)]
    pub choices: Vec<u32>,
    /// Whether the learner gave up (after the answers in `choices`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gave_up: bool,
    /// Hint tiers seen before the first answer.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub hints_before_first: u32,
    /// When the first answer was given.
    pub first_answer: Option<Timestamp>,
    /// When the item was done: answered right, or given up.
    pub done_at: Option<Timestamp>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// How an item stands, given which choice is right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Not answered.
    Unanswered,
    /// Answered, never right.
    Wrong,
    /// Answered right (perhaps after wrong answers).
    Right,
    /// Given up before a right answer.
    GaveUp,
}

impl ItemAnswers {
    /// How it stands if choice `right` (0-based) is the right one.
    pub fn standing(&self, right: usize) -> Standing {
        let right = right as u32 + 1;
        if self.choices.contains(&right) {
            Standing::Right
        } else if self.gave_up {
            Standing::GaveUp
        } else if self.choices.is_empty() {
            Standing::Unanswered
        } else {
            Standing::Wrong
        }
    }

    /// The outcome of the item as judged from these answers.
    pub fn outcome(&self, right: usize) -> Outcome {
        let tries = self.choices.len() as u32;
        match self.standing(right) {
            Standing::Right => Outcome::AnsweredRight {
                tries: self
                    .choices
                    .iter()
                    .position(|&c| c == right as u32 + 1)
                    .map_or(tries, |p| p as u32 + 1),
            },
            Standing::GaveUp => Outcome::GaveUp { tries },
            Standing::Wrong => Outcome::AnsweredWrong { tries },
            Standing::Unanswered => Outcome::NotStarted {
                why: "not answered yet".into(),
            },
        }
    }
}

impl Answers {
    /// The answers file of `kit`.
    pub fn path(kit: &Kit) -> PathBuf {
        kit.state_dir().join("answers.toml")
    }

    /// The answers file of the kit at `root`.
    pub fn path_in(root: &Path) -> PathBuf {
        root.join(STATE_DIR).join("answers.toml")
    }

    /// Reads an answers file; a missing one holds no answers, a damaged one is an error that
    /// names it (the learner's record must never be overwritten silently).
    pub fn load(path: &Path) -> Result<Answers> {
        match std::fs::read_to_string(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Answers::default()),
            Err(e) => Err(e).with_context(|| format!("failed to read {}", path.display())),
            Ok(text) => toml::from_str(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {}; fix the file by hand (it is your record of answers: restore it from git if in doubt)",
                    path.display(),
                    e.message()
                )
            }),
        }
    }

    /// Writes the answers file atomically, items in kit order.
    pub fn save(&self, kit: &Kit) -> Result<()> {
        let order = |name: &str| {
            kit.exercises
                .iter()
                .position(|e| e.name == name)
                .unwrap_or(usize::MAX)
        };
        let mut sorted = self.clone();
        sorted.items.sort_by_key(|i| order(&i.name));
        let body = toml::to_string(&sorted).context("failed to serialise the answers")?;
        fsutil::write_atomic(&Answers::path(kit), format!("{HEADER}{body}").as_bytes())
    }

    /// The record of `name`, if any.
    pub fn get(&self, name: &str) -> Option<&ItemAnswers> {
        self.items.iter().find(|i| i.name == name)
    }

    /// The record of `name`, created if missing.
    pub fn entry(&mut self, name: &str) -> &mut ItemAnswers {
        if let Some(i) = self.items.iter().position(|i| i.name == name) {
            return &mut self.items[i];
        }
        self.items.push(ItemAnswers {
            name: name.to_owned(),
            ..ItemAnswers::default()
        });
        self.items.last_mut().expect("just pushed")
    }
}

#[cfg(test)]
mod tests {
    use super::{Answers, ItemAnswers, Standing};
    use crate::model::outcome::Outcome;

    #[test]
    fn standing_follows_the_answers() {
        let mut item = ItemAnswers::default();
        assert_eq!(item.standing(1), Standing::Unanswered);
        item.choices.push(1);
        assert_eq!(item.standing(1), Standing::Wrong);
        assert_eq!(item.outcome(1), Outcome::AnsweredWrong { tries: 1 });
        item.choices.push(2);
        assert_eq!(item.standing(1), Standing::Right);
        assert_eq!(item.outcome(1), Outcome::AnsweredRight { tries: 2 });
        let gave_up = ItemAnswers {
            choices: vec![3],
            gave_up: true,
            ..ItemAnswers::default()
        };
        assert_eq!(gave_up.outcome(0), Outcome::GaveUp { tries: 1 });
    }

    #[test]
    fn round_trips_through_toml() {
        let mut answers = Answers::default();
        answers.entry("a").choices = vec![2, 1];
        answers.entry("b").gave_up = true;
        let text = toml::to_string(&answers).unwrap();
        assert_eq!(toml::from_str::<Answers>(&text).unwrap(), answers);
    }
}
