//! The rules a session is worked under: free practice, or a timed assessment where time runs
//! out and hints cost points. Watch mode asks the rules; it does not know about assessments.

use std::time::{Duration, SystemTime};

use crate::model::kit::Kit;
use crate::session::answering::Tries;

/// The file, in a timed assessment's kit (under `.rustskill/`), that holds its clock.
pub const ASSESSMENT_STATE: &str = "assessment.toml";

pub use crate::model::kit::ASSESSMENT_DIR;

/// Whether `name` is part of the timed assessment in progress beside `kit`: its predict items
/// are not to be answered in practice meanwhile (that would tell the round's right answer).
pub fn held_by_assessment(kit: &Kit, name: &str) -> bool {
    let path = kit
        .root
        .join(ASSESSMENT_DIR)
        .join(crate::model::kit::STATE_DIR)
        .join(ASSESSMENT_STATE);
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Ok(table) = toml::from_str::<toml::Table>(&text) else {
        return false;
    };
    table
        .get("exercises")
        .and_then(|e| e.as_array())
        .is_some_and(|names| names.iter().any(|n| n.as_str() == Some(name)))
}

/// The file, in a review round's kit (under `.rustskill/`), that says what it reviews.
pub const REVIEW_STATE: &str = "review.toml";

/// How a session is worked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rules {
    /// Practice: no clock, free hints.
    Practice,
    /// A timed assessment.
    Timed(Timed),
}

/// A timed assessment's rules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timed {
    /// When time is up.
    pub deadline: SystemTime,
    /// Points each hint costs.
    pub hint_cost: u32,
}

impl Rules {
    /// What a hint costs, where the learner should be asked first.
    pub fn hint_cost(&self) -> Option<u32> {
        match self {
            Rules::Practice => None,
            Rules::Timed(timed) => Some(timed.hint_cost),
        }
    }

    /// Whether quitting asks first: finish and score now, or leave with the clock running.
    pub fn quitting_asks(&self) -> bool {
        matches!(self, Rules::Timed(_))
    }

    /// The time left at `now`, when there is a clock.
    pub fn time_left(&self, now: SystemTime) -> Option<Duration> {
        match self {
            Rules::Practice => None,
            Rules::Timed(timed) => Some(timed.deadline.duration_since(now).unwrap_or_default()),
        }
    }

    /// Whether time is up at `now`.
    pub fn time_is_up(&self, now: SystemTime) -> bool {
        matches!(self, Rules::Timed(timed) if now >= timed.deadline)
    }

    /// How predict items are answered in `kit` under these rules: once in a timed assessment
    /// (its kit answers once even outside watch mode), until right otherwise.
    pub fn tries(&self, kit: &Kit) -> Tries {
        let state = kit.state_dir();
        // In an assessment or a review only the first answer counts, however it is given.
        let assessment =
            state.join(ASSESSMENT_STATE).is_file() || state.join(REVIEW_STATE).is_file();
        if matches!(self, Rules::Timed(_)) || assessment {
            Tries::Once
        } else {
            Tries::Until
        }
    }

    /// Whether the session ends once every exercise passes.
    pub fn ends_when_all_solved(&self) -> bool {
        matches!(self, Rules::Timed(_))
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::{Rules, Timed};

    #[test]
    fn a_timed_session_ends_at_the_deadline_or_when_all_pass() {
        let deadline = UNIX_EPOCH + Duration::from_secs(100);
        let timed = Rules::Timed(Timed {
            deadline,
            hint_cost: 4,
        });
        let before = UNIX_EPOCH + Duration::from_secs(40);
        assert!(!timed.time_is_up(before));
        assert!(timed.time_is_up(deadline));
        assert!(timed.ends_when_all_solved() && timed.quitting_asks());
        assert_eq!(timed.time_left(before), Some(Duration::from_secs(60)));
        assert_eq!(
            timed.time_left(deadline + Duration::from_secs(5)),
            Some(Duration::ZERO)
        );
        assert_eq!(timed.hint_cost(), Some(4));
        assert!(!Rules::Practice.time_is_up(deadline));
        assert!(!Rules::Practice.ends_when_all_solved() && !Rules::Practice.quitting_asks());
        assert_eq!(Rules::Practice.hint_cost(), None);
    }
}
