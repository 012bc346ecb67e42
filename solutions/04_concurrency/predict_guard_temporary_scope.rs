//! Predict before you run: a `MutexGuard` created inside an expression is a temporary,
//! and how long a temporary lives depends on where the expression stands. Locking the
//! same `std::sync::Mutex` again while a forgotten guard is alive hangs the thread.
//! Edition 2024 changed one of the rules involved.

// Read the three functions below (they are not compiled). Each one looks up a region
// in a cache and fills it in when it is missing. Built with edition 2024 and called on
// an empty cache, which of them hang forever? Set ANSWER to your choice.

#[cfg(any())] // never compiled: these are the programs to predict
mod program {
    use std::collections::HashMap;
    use std::sync::Mutex;

    fn variant_a(regions: &Mutex<HashMap<&str, &str>>) {
        match regions.lock().unwrap().get("eu") {
            Some(name) => println!("cached {name}"),
            None => {
                regions.lock().unwrap().insert("eu", "eu-west-1");
            }
        }
    }

    fn variant_b(regions: &Mutex<HashMap<&str, &str>>) {
        if let Some(name) = regions.lock().unwrap().get("eu") {
            println!("cached {name}");
        } else {
            regions.lock().unwrap().insert("eu", "eu-west-1");
        }
    }

    fn variant_c(regions: &Mutex<HashMap<&str, &str>>) {
        let cached = regions.lock().unwrap().get("eu").copied();
        if cached.is_none() {
            regions.lock().unwrap().insert("eu", "eu-west-1");
        }
    }
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Answer {
    Unanswered,
    /// None of them: each guard is gone before the second `lock()`.
    NoneHang,
    /// Only `variant_a`.
    OnlyA,
    /// Only `variant_c`.
    OnlyC,
    /// `variant_a` and `variant_b`, but not `variant_c`.
    AAndB,
    /// All three.
    AllThree,
}

pub const ANSWER: Answer = Answer::OnlyA;

fn main() {
    // Free to experiment: paste a variant here, call it on an empty cache and watch.
}

#[cfg(test)]
mod tests {
    use super::{ANSWER, Answer};

    #[test]
    fn answer_is_chosen() {
        assert_ne!(ANSWER, Answer::Unanswered, "set ANSWER to your prediction");
    }

    #[test]
    fn prediction_is_right() {
        assert_eq!(
            ANSWER,
            Answer::OnlyA,
            "not quite: where does the temporary guard of each first `lock()` get dropped?"
        );
    }
}
