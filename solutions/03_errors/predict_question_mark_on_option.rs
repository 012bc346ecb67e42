//! Predict: `?` works on `Option` in functions returning `Option`, and on
//! `Result` in functions returning `Result`. What happens when a function that
//! returns `Result` applies `?` to an `Option`?

// Read the program below (it is not compiled) and set `ANSWER` to what happens.

#[cfg(any())]
mod program {
    use std::collections::HashMap;

    #[derive(Debug)]
    enum ConfigError {
        MissingPort,
        BadPort,
    }

    fn port(cfg: &HashMap<&str, &str>) -> Result<u16, ConfigError> {
        let raw = cfg.get("port")?;
        raw.parse().map_err(|_| ConfigError::BadPort)
    }
}

#[derive(Debug, PartialEq)]
enum Answer {
    Unanswered,
    /// Compiles; a missing "port" makes `port` return `Err(ConfigError::MissingPort)`.
    CompilesMissingBecomesFirstVariant,
    /// Compiles; a missing "port" panics at run time, like `unwrap()`.
    CompilesButPanicsWhenMissing,
    /// E0308 mismatched types: expected `Result<u16, ConfigError>`, found `Option<_>`.
    MismatchedTypes,
    /// E0277: `?` can only be used on `Result`s, not `Option`s, in a function that returns `Result`.
    QuestionMarkCannotConvertOption,
}

const ANSWER: Answer = Answer::QuestionMarkCannotConvertOption;

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ANSWER, Answer};

    #[test]
    fn prediction() {
        assert_ne!(ANSWER, Answer::Unanswered, "set ANSWER to your prediction");
        let choices = [
            Answer::CompilesMissingBecomesFirstVariant,
            Answer::CompilesButPanicsWhenMissing,
            Answer::MismatchedTypes,
            Answer::QuestionMarkCannotConvertOption,
        ];
        assert!(choices.contains(&ANSWER));
        assert_eq!(ANSWER, Answer::QuestionMarkCannotConvertOption, "not this one: reread the program");
    }
}
