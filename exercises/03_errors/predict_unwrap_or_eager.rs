//! Predict: `Option::unwrap_or(default)` takes a value, and Rust evaluates a
//! function's arguments before the call. What does that mean when computing the
//! default has a side effect (or a cost)?

// Read the program below (it is not compiled) and set `ANSWER` to what it prints.

#[cfg(any())]
mod program {
    fn load_default_theme() -> String {
        println!("loading default theme");
        "light".to_string()
    }

    fn main() {
        let user_theme: Option<String> = Some("dark".to_string());
        let theme = user_theme.unwrap_or(load_default_theme());
        println!("theme = {theme}");
    }
}

#[derive(Debug, PartialEq)]
enum Answer {
    Unanswered,
    /// `theme = dark`
    OnlyDark,
    /// `loading default theme`, then `theme = dark`
    LoadingThenDark,
    /// `loading default theme`, then `theme = light`
    LoadingThenLight,
    /// does not compile: `unwrap_or` expects a closure here (E0308)
    DoesNotCompile,
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
            Answer::OnlyDark,
            Answer::LoadingThenDark,
            Answer::LoadingThenLight,
            Answer::DoesNotCompile,
        ];
        assert!(choices.contains(&ANSWER));
        assert_eq!(ANSWER, Answer::LoadingThenDark, "not this one: reread the program");
    }
}
