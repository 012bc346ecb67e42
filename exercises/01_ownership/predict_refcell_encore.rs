//! Predict: the borrow checker proves what it can at compile time; `RefCell`
//! defers the rest to run time. Knowing which of the two will object, and
//! when, is the first question about any interior-mutability code.

// What happens when the program below is built and run (edition 2024)? It is
// compiled out by `#[cfg(any())]`; set `ANSWER`, then paste it into a scratch
// project to check yourself.

#[cfg(any())]
mod program {
    use std::cell::RefCell;

    struct Playlist {
        songs: RefCell<Vec<String>>,
    }

    impl Playlist {
        fn add(&self, title: &str) {
            self.songs.borrow_mut().push(title.to_string());
        }

        fn add_encore(&self) {
            if let Some(last) = self.songs.borrow().last() {
                self.add(&format!("{last} (encore)"));
            }
        }
    }

    fn main() {
        let playlist = Playlist {
            songs: RefCell::new(vec!["Intro".to_string()]),
        };
        playlist.add_encore();
        println!("{}", playlist.songs.borrow().len());
    }
}

#[derive(Debug, PartialEq)]
pub enum Answer {
    Unanswered,
    /// It compiles and prints 2: "Intro" and "Intro (encore)".
    PrintsTwo,
    /// It is rejected with E0502: `songs` is borrowed as shared and as mutable at once.
    RejectedE0502,
    /// It is rejected with E0596: `add` mutates the playlist through `&self`.
    RejectedE0596,
    /// It compiles, then panics at run time: the `RefCell` is already borrowed.
    PanicsAlreadyBorrowed,
}

pub const ANSWER: Answer = Answer::Unanswered;

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ANSWER, Answer};

    #[test]
    fn prediction() {
        assert_ne!(ANSWER, Answer::Unanswered, "set ANSWER to your prediction");
        assert_eq!(
            ANSWER,
            Answer::PanicsAlreadyBorrowed,
            "not this one: which borrows does the compiler see, and which does RefCell track?"
        );
    }
}
