//! Predict before you compile: scoped threads may borrow local data, but the borrow
//! rules still hold across threads. That is what rules out data races at compile
//! time, and it decides what this program does.

// Read the program below (it is not compiled), decide what happens when you build and
// run it with edition 2024, and set ANSWER to that choice.

#[cfg(any())] // never compiled: this is the program to predict
mod program {
    use std::thread;

    fn main() {
        let mut retries = 0;
        thread::scope(|scope| {
            scope.spawn(|| retries += 1);
            scope.spawn(|| retries += 1);
        });
        println!("{retries}");
    }
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Answer {
    Unanswered,
    /// It always prints `2`: the scope joins both threads before the `println!`.
    AlwaysPrintsTwo,
    /// It prints `2` on most runs and `1` on some: the two `+= 1` race.
    PrintsOneOrTwo,
    /// It does not compile: E0373, the closures may outlive `main` but borrow `retries`.
    E0373ClosuresMayOutlive,
    /// It does not compile: E0499, `retries` is mutably borrowed by both closures.
    E0499TwoMutableBorrows,
    /// It does not compile: E0277, `&mut i32` cannot be sent between threads safely.
    E0277NotSend,
}

pub const ANSWER: Answer = Answer::E0499TwoMutableBorrows;

fn main() {
    // Free to experiment: copy the program into a scratch file and build it.
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
            Answer::E0499TwoMutableBorrows,
            "not quite: what does each closure capture, and for how long?"
        );
    }
}
