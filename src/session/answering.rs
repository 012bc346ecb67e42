//! Answering predict items: which choice is right (a choice item's salted hash, a tracing
//! item's program compiled and run), recording each answer like any attempt (the answers file,
//! the progress file and the events log), giving up, opening the sealed explanations once the
//! item is done, and writing a "predict, then fix" item's exercise into the kit.
//!
//! The pure part ([`apply`], [`apply_give_up`]) touches no file, so watch mode's state uses it
//! too; [`persist`] writes what it decided.

use anyhow::{Result, bail};

use crate::base::fsutil;
use crate::engine::cargo::CargoEnv;
use crate::engine::judge::Cache;
use crate::engine::predict::Tracer;
use crate::engine::process::Cancel;
use crate::model::answers::{Answers, ItemAnswers, Standing};
use crate::model::events::{self, AttemptEvent, Event, JudgedBy};
use crate::model::kit::{Exercise, Kit};
use crate::model::manifest;
use crate::model::outcome::Outcome;
use crate::model::predict::{QuestionType, Unsealed};
use crate::model::progress::Progress;
use crate::model::status::Status;
use crate::model::time::Timestamp;

/// Which choice of an item is right, as this kit and compiler say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Truth {
    /// This one (0-based).
    Right(usize),
    /// The item cannot be judged here; why (never naming a choice).
    Unknown(String),
}

impl Truth {
    /// The right choice, or the reason there is none, as an error.
    pub fn right(&self, name: &str) -> Result<usize> {
        match self {
            Truth::Right(i) => Ok(*i),
            Truth::Unknown(why) => bail!("`{name}` cannot be judged here: {why}"),
        }
    }
}

/// How answers are taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tries {
    /// Practice: answer until right, or give up.
    Until,
    /// A timed assessment: one answer, scored as given.
    Once,
}

/// The truth of each item (`items` are predict items): hashes for choice items, and one
/// build of the tracing programs asked for (cached).
pub fn truths(
    kit: &Kit,
    items: &[&Exercise],
    env: CargoEnv,
    cache: Cache,
    cancel: &Cancel,
) -> Result<Vec<Truth>> {
    let salt = kit.salt();
    let tracing: Vec<&Exercise> = items
        .iter()
        .copied()
        .filter(|e| {
            e.predict()
                .is_some_and(|p| p.question_type == QuestionType::Tracing)
        })
        .collect();
    let behaviours = if tracing.is_empty() {
        Vec::new()
    } else {
        Tracer::new(kit, env, cache).behaviours(&tracing, cancel)?
    };
    let mut behaviours = tracing.iter().map(|e| e.name.as_str()).zip(behaviours);
    Ok(items
        .iter()
        .map(|exercise| {
            let Some(item) = exercise.predict() else {
                return Truth::Unknown("it is not a predict item".into());
            };
            match item.question_type {
                QuestionType::Choice => match item.hashed_right(salt, &exercise.name) {
                    Some(i) => Truth::Right(i),
                    None => Truth::Unknown(
                        "its answer hash matches none of its choices (a damaged or edited info.toml)"
                            .into(),
                    ),
                },
                QuestionType::Tracing => {
                    let behaviour = behaviours.find(|(n, _)| *n == exercise.name).map(|(_, b)| b);
                    let holding = behaviour.map(|b| item.holding(&b)).unwrap_or_default();
                    match holding.as_slice() {
                        [one] => Truth::Right(*one),
                        [] => Truth::Unknown(
                            "with this compiler, its program does what none of its choices says; tell the kit's author".into(),
                        ),
                        _ => Truth::Unknown(
                            "with this compiler, several of its choices hold; tell the kit's author".into(),
                        ),
                    }
                }
            }
        })
        .collect())
}

/// What one answer (or giving up) did.
#[derive(Clone, Debug, PartialEq)]
pub struct Answered {
    /// Whether the choice given was right (`false` when giving up).
    pub right: bool,
    /// Whether the item is done now: answered right, given up, or answered once where only
    /// one answer counts. Its explanations are open then.
    pub done: bool,
    /// The event to log, when this answer was recorded (an item already done records none).
    pub event: Option<AttemptEvent>,
}

/// Whether an item's answers are final under `tries`.
pub fn is_done(record: Option<&ItemAnswers>, right: usize, tries: Tries) -> bool {
    record.is_some_and(|r| {
        matches!(r.standing(right), Standing::Right | Standing::GaveUp)
            || (tries == Tries::Once && !r.choices.is_empty())
    })
}

/// Records choice `choice` (0-based) of `exercise`, whose right choice is `right`, at `now`.
pub fn apply(
    progress: &mut Progress,
    answers: &mut Answers,
    exercise: &Exercise,
    choice: usize,
    right: usize,
    tries: Tries,
    now: Timestamp,
) -> Answered {
    let is_right = choice == right;
    if is_done(answers.get(&exercise.name), right, tries) {
        return Answered {
            right: is_right,
            done: true,
            event: None,
        };
    }
    let hints = progress.entry(&exercise.name).hints;
    let record = answers.entry(&exercise.name);
    if record.choices.is_empty() {
        record.hints_before_first = hints;
        record.first_answer = Some(now);
    }
    record.choices.push(choice as u32 + 1);
    if is_right {
        record.done_at = Some(now);
    }
    let outcome = if is_right {
        Status::Passed
    } else {
        Status::Wrong
    };
    let logged = event(&exercise.name, outcome, Some(choice as u32 + 1), hints, now);
    // Progress changes the one way it does when rebuilt from the log.
    progress.apply(&Event::Attempt(logged.clone()));
    if !is_right && tries == Tries::Once {
        progress.entry(&exercise.name).closed = true;
    }
    Answered {
        right: is_right,
        done: is_right || tries == Tries::Once,
        event: Some(logged),
    }
}

/// Records giving up on `exercise` (whose right choice is `right`) at `now`.
pub fn apply_give_up(
    progress: &mut Progress,
    answers: &mut Answers,
    exercise: &Exercise,
    right: usize,
    tries: Tries,
    now: Timestamp,
) -> Answered {
    if is_done(answers.get(&exercise.name), right, tries) {
        return Answered {
            right: false,
            done: true,
            event: None,
        };
    }
    let hints = progress.entry(&exercise.name).hints;
    let logged = event(&exercise.name, Status::GaveUp, None, hints, now);
    progress.apply(&Event::Attempt(logged.clone()));
    let record = answers.entry(&exercise.name);
    record.gave_up = true;
    record.done_at = Some(now);
    Answered {
        right: false,
        done: true,
        event: Some(logged),
    }
}

fn event(
    name: &str,
    outcome: Status,
    choice: Option<u32>,
    hints: u32,
    now: Timestamp,
) -> AttemptEvent {
    AttemptEvent {
        time: now,
        exercise: name.to_owned(),
        outcome,
        codes: Vec::new(),
        by: JudgedBy::Answer,
        choice,
        hints: Some(hints),
    }
}

/// Saves the answers and the progress, then logs the event.
pub fn persist(
    kit: &Kit,
    progress: &Progress,
    answers: &Answers,
    event: Option<&AttemptEvent>,
) -> Result<()> {
    answers.save(kit)?;
    progress.save(kit)?;
    events::append(
        kit,
        event
            .into_iter()
            .cloned()
            .map(Event::Attempt)
            .collect::<Vec<_>>()
            .as_slice(),
    )
}

/// The item's explanations, opened with its right choice.
pub fn unseal(kit: &Kit, exercise: &Exercise, right: usize) -> Result<Unsealed> {
    let item = exercise
        .predict()
        .ok_or_else(|| anyhow::anyhow!("`{}` is not a predict item", exercise.name))?;
    item.unseal(kit.salt(), &exercise.name, right).ok_or_else(|| {
        anyhow::anyhow!(
            "the explanations of `{}` do not open with the choice that is right here: the kit \
             was sealed for another answer (a compiler that behaves differently, or an edited info.toml)",
            exercise.name
        )
    })
}

/// Once an item is done, writes its "predict, then fix" exercise into the kit (never over a
/// file already there: the learner's own, made before they answered) and regenerates the
/// manifest, so it becomes a target either way. Returns the file written, if any.
pub fn open_fix(kit: &Kit, exercise: &Exercise, unsealed: &Unsealed) -> Result<Option<String>> {
    let Some(fix_name) = exercise.predict().and_then(|p| p.then_fix.as_deref()) else {
        return Ok(None);
    };
    let (Ok(fix), Some(source)) = (kit.find(fix_name), &unsealed.fix_source) else {
        return Ok(None);
    };
    let rel = fix.rel_path();
    let written = !kit.path(&rel).exists();
    if written {
        fsutil::write_atomic(&kit.path(&rel), source.as_bytes())?;
    } else if manifest::read_targets(&kit.manifest_path(), &kit.root)
        .is_ok_and(|targets| targets.by_name.contains_key(fix_name))
    {
        // Already a target (a source kit's manifest has them all): nothing to change.
        return Ok(None);
    }
    let flavor = manifest::flavor_of(kit);
    fsutil::write_atomic(
        &kit.manifest_path(),
        manifest::render(kit, flavor).as_bytes(),
    )?;
    Ok(written.then_some(rel))
}

/// The outcome of an exercise that is not a cargo target now: a predict item, judged from its
/// answers and its truth; or a fix exercise not opened yet.
pub fn outcome_of(exercise: &Exercise, answers: &Answers, truth: Option<&Truth>) -> Outcome {
    if let Some(by) = &exercise.opened_by
        && exercise.predict().is_none()
    {
        return Outcome::NotStarted {
            why: format!("it opens once you answer `{by}` (`cargo rustskill answer {by}`)"),
        };
    }
    let Some(record) = answers.get(&exercise.name) else {
        return Outcome::NotStarted {
            why: format!(
                "not answered yet: `cargo rustskill answer {}` shows the question",
                exercise.name
            ),
        };
    };
    match truth {
        Some(Truth::Right(right)) => record.outcome(*right),
        Some(Truth::Unknown(why)) => Outcome::NotStarted { why: why.clone() },
        None => Outcome::NotStarted {
            why: "not judged".into(),
        },
    }
}
