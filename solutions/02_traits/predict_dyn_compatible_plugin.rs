//! Predict: dyn compatibility (object safety). `dyn Trait` works only if every
//! method can be called through a vtable, where the concrete type, its size and
//! any generic instantiation are unknown. Which of these traits can be `dyn`?

// Each module declares the plugin trait differently and then uses
// `Vec<Box<dyn Plugin>>`. Exactly one compiles. Set `ANSWER` to it.

#[cfg(any())]
mod variant_a {
    use std::fmt::Display;
    trait Plugin {
        fn name(&self) -> &str;
        fn configure<V: Display>(&mut self, key: &str, value: V);
    }
    fn registry(_: Vec<Box<dyn Plugin>>) {}
}

#[cfg(any())]
mod variant_b {
    trait Plugin {
        fn name(&self) -> &str;
        fn duplicate(&self) -> Self;
    }
    fn registry(_: Vec<Box<dyn Plugin>>) {}
}

#[cfg(any())]
mod variant_c {
    trait Plugin {
        fn name(&self) -> &str;
        fn boxed_copy(&self) -> Box<dyn Plugin>;
        fn create() -> Self
        where
            Self: Sized;
    }
    fn registry(_: Vec<Box<dyn Plugin>>) {}
}

#[cfg(any())]
mod variant_d {
    trait Plugin: Clone {
        fn name(&self) -> &str;
    }
    fn registry(_: Vec<Box<dyn Plugin>>) {}
}

#[derive(Debug, PartialEq)]
enum Answer {
    Unanswered,
    /// variant_a: a generic method
    GenericConfigure,
    /// variant_b: a method returning `Self`
    DuplicateReturnsSelf,
    /// variant_c: a `Box<dyn Plugin>` copy and a `Self: Sized` constructor
    BoxedCopyAndSizedCreate,
    /// variant_d: `Clone` as a supertrait
    CloneSupertrait,
}

const ANSWER: Answer = Answer::BoxedCopyAndSizedCreate;

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ANSWER, Answer};

    #[test]
    fn prediction() {
        assert_ne!(ANSWER, Answer::Unanswered, "set ANSWER to your prediction");
        let choices = [
            Answer::GenericConfigure,
            Answer::DuplicateReturnsSelf,
            Answer::BoxedCopyAndSizedCreate,
            Answer::CloneSupertrait,
        ];
        assert!(choices.contains(&ANSWER));
        assert_eq!(ANSWER, Answer::BoxedCopyAndSizedCreate, "not this one: reread the program");
    }
}
