//! A temporary lives until the end of the statement that made it, and for a `match` that is
//! the whole `match`, arms included. So `match m.lock().unwrap().get(k)` keeps the mutex
//! locked in every arm: locking it again there, on the same thread, cannot succeed.

// Predict: what happens when `open_account` below runs for a new owner? Answer by changing
// `ANSWER`. (It is compiled out by `#[cfg(any())]`; careful if you try it in `main`.)

#[cfg(any())]
fn open_account(ledger: &std::sync::Mutex<std::collections::HashMap<String, u64>>, owner: &str) {
    match ledger.lock().unwrap().get(owner) {
        Some(balance) => println!("{owner} already has {balance}"),
        None => {
            ledger.lock().unwrap().insert(owner.to_string(), 0);
            println!("opened {owner}");
        }
    }
}

#[derive(Debug, PartialEq)]
pub enum Answer {
    Unanswered,
    /// It prints "opened alice": the first guard is gone once `get` has returned.
    PrintsOpened,
    /// It never returns: the `None` arm waits for a lock its own thread still holds.
    HangsOnTheSecondLock,
    /// It panics with a `PoisonError`: locking twice poisons the mutex.
    PanicsWithPoisonError,
    /// Error E0502: the map is borrowed by `get` while the arm borrows it again.
    RejectedBorrowedTwice,
}

pub const ANSWER: Answer = Answer::Unanswered;

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ANSWER, Answer};

    #[test]
    fn predicted_the_behaviour() {
        assert!(
            ANSWER != Answer::Unanswered,
            "edit `ANSWER` to the outcome you predict"
        );
        assert!(
            ANSWER == Answer::HangsOnTheSecondLock,
            "not this one: when is the `MutexGuard` made in the scrutinee dropped?"
        );
    }
}
