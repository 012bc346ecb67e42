//! Predict: the orphan rule. An impl is allowed when the trait is local, or when
//! a local type appears in the right place; but "a local type somewhere inside"
//! is not enough. Which of these impls does the compiler reject?

// The crate below defines `Header` and `Summary` itself; `String`, `Vec`, `Box`,
// `From` and `Display` come from std. Exactly one impl is rejected with E0117.
// Set `ANSWER` to it.

#[cfg(any())]
mod program {
    use std::fmt;

    pub struct Header;

    pub trait Summary {
        fn summary(&self) -> String;
    }

    // (a)
    impl From<Header> for String {
        fn from(_: Header) -> String {
            "header".to_string()
        }
    }

    // (b)
    impl fmt::Display for Box<Header> {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "boxed header")
        }
    }

    // (c)
    impl Summary for Vec<String> {
        fn summary(&self) -> String {
            self.join(", ")
        }
    }

    // (d)
    impl fmt::Display for Vec<Header> {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "{} headers", self.len())
        }
    }
}

#[derive(Debug, PartialEq)]
enum Answer {
    Unanswered,
    /// (a) `impl From<Header> for String`
    FromHeaderForString,
    /// (b) `impl Display for Box<Header>`
    DisplayForBoxHeader,
    /// (c) `impl Summary for Vec<String>`
    SummaryForVecString,
    /// (d) `impl Display for Vec<Header>`
    DisplayForVecHeader,
}

const ANSWER: Answer = Answer::Unanswered;

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ANSWER, Answer};

    #[test]
    fn prediction() {
        assert_ne!(ANSWER, Answer::Unanswered, "set ANSWER to your prediction");
        let choices = [
            Answer::FromHeaderForString,
            Answer::DisplayForBoxHeader,
            Answer::SummaryForVecString,
            Answer::DisplayForVecHeader,
        ];
        assert!(choices.contains(&ANSWER));
        assert_eq!(ANSWER, Answer::DisplayForVecHeader, "not this one: reread the program");
    }
}
