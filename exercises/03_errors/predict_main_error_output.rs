//! Predict: `main` may return `Result<(), E>`. When it returns `Err`, what
//! exactly does the process print, given an error type with a friendly
//! `Display` and a derived `Debug`?

// Read the program below (it is not compiled) and set `ANSWER` to what it prints
// on standard error.

#[cfg(any())]
mod program {
    use std::error::Error;
    use std::fmt;
    use std::num::ParseIntError;

    #[derive(Debug)]
    enum ConfigError {
        BadPort(ParseIntError),
    }

    impl fmt::Display for ConfigError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                ConfigError::BadPort(e) => write!(f, "invalid port: {e}"),
            }
        }
    }

    impl Error for ConfigError {}

    impl From<ParseIntError> for ConfigError {
        fn from(e: ParseIntError) -> Self {
            ConfigError::BadPort(e)
        }
    }

    fn main() -> Result<(), ConfigError> {
        let port: u16 = "80a".parse()?;
        println!("listening on {port}");
        Ok(())
    }
}

#[derive(Debug, PartialEq)]
enum Answer {
    Unanswered,
    /// `Error: invalid port: invalid digit found in string`
    ErrorThenDisplay,
    /// `Error: BadPort(ParseIntError { kind: InvalidDigit })`
    ErrorThenDebug,
    /// `thread 'main' panicked at src/main.rs:..: invalid port: invalid digit found in string`
    PanicMessage,
    /// nothing at all; only the exit code (1) tells
    NothingOnlyExitCode,
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
            Answer::ErrorThenDisplay,
            Answer::ErrorThenDebug,
            Answer::PanicMessage,
            Answer::NothingOnlyExitCode,
        ];
        assert!(choices.contains(&ANSWER));
        assert_eq!(ANSWER, Answer::ErrorThenDebug, "not this one: reread the program");
    }
}
