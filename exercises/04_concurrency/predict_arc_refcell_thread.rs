//! Predict before you compile: `Send` and `Sync` are checked on types, not on the
//! order in which your threads happen to run. Knowing which wrapper makes a value
//! shareable is what lets you read a concurrency error before rustc prints it.

// Read the program below (it is not compiled), decide what happens when you build and
// run it with edition 2024, and set ANSWER to that choice.

#[cfg(any())] // never compiled: this is the program to predict
mod program {
    use std::cell::RefCell;
    use std::sync::Arc;
    use std::thread;

    fn main() {
        let seen = Arc::new(RefCell::new(Vec::new()));
        let worker = {
            let seen = Arc::clone(&seen);
            thread::spawn(move || seen.borrow_mut().push("from worker"))
        };
        worker.join().unwrap(); // the worker is done before main touches `seen`
        seen.borrow_mut().push("from main");
        println!("{:?}", seen.borrow());
    }
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Answer {
    Unanswered,
    /// It prints `["from worker", "from main"]`: the `join` keeps the two borrows apart.
    PrintsBothEntries,
    /// It compiles, then panics with "already borrowed" (`BorrowMutError`).
    PanicsAlreadyBorrowed,
    /// It does not compile: E0373, the closure may outlive `main` but borrows `seen`.
    E0373ClosureBorrowsSeen,
    /// It does not compile: E0382, `seen` is used after being moved into the closure.
    E0382SeenMovedIntoClosure,
    /// It does not compile: E0277, a type inside the `Arc` cannot be shared between threads.
    E0277CannotBeShared,
}

pub const ANSWER: Answer = Answer::Unanswered;

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
            Answer::E0277CannotBeShared,
            "not quite: look at the bounds `thread::spawn` puts on its closure"
        );
    }
}
