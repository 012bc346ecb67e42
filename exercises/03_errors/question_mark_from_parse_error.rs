//! `?` on a `Result<T, E>` inside a function returning `Result<U, F>` returns
//! `Err(F::from(e))` early. So `?` only compiles when there is a `From<E> for F`
//! impl: write it once, and every `?` on that error type converts by itself.

// The worker-pool config loader uses `?` on `str::parse`, whose error type is
// `ParseIntError`, in a function that returns `ConfigError`. Teach `?` the
// conversion, keeping the original `ParseIntError` inside the error.

use std::num::ParseIntError;

#[derive(Debug)]
enum ConfigError {
    MissingKey(&'static str),
    BadNumber(ParseIntError),
}

#[derive(Debug, PartialEq)]
struct PoolLimits {
    workers: u16,
    queue_len: u32,
}

fn value_of<'a>(text: &'a str, key: &'static str) -> Result<&'a str, ConfigError> {
    text.lines()
        .filter_map(|line| line.split_once('='))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim())
        .ok_or(ConfigError::MissingKey(key))
}

/// Reads `workers = N` and `queue_len = N` from "key = value" lines.
fn parse_limits(text: &str) -> Result<PoolLimits, ConfigError> {
    let workers = value_of(text, "workers")?.parse::<u16>()?;
    let queue_len = value_of(text, "queue_len")?.parse::<u32>()?;
    Ok(PoolLimits { workers, queue_len })
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ConfigError, PoolLimits, parse_limits};
    use std::num::{IntErrorKind, ParseIntError};

    #[test]
    fn reads_both_limits() {
        let limits = parse_limits("workers = 8\nqueue_len = 1000\n").unwrap();
        assert_eq!(
            limits,
            PoolLimits {
                workers: 8,
                queue_len: 1000
            }
        );
    }

    #[test]
    fn bad_numbers_keep_the_parse_error() {
        let err = parse_limits("workers = eight\nqueue_len = 10").unwrap_err();
        assert!(
            matches!(&err, ConfigError::BadNumber(e) if *e.kind() == IntErrorKind::InvalidDigit),
            "{err:?}"
        );
        let err = parse_limits("workers = 70000\nqueue_len = 10").unwrap_err();
        assert!(
            matches!(&err, ConfigError::BadNumber(e) if *e.kind() == IntErrorKind::PosOverflow),
            "{err:?}"
        );
    }

    #[test]
    fn missing_keys_are_named() {
        let err = parse_limits("workers = 2").unwrap_err();
        assert!(
            matches!(err, ConfigError::MissingKey("queue_len")),
            "{err:?}"
        );
    }

    #[test]
    fn the_conversion_is_a_from_impl_that_keeps_the_error() {
        fn converts_with_question_mark<E: From<ParseIntError>>() {}
        converts_with_question_mark::<ConfigError>();
        let Err(parse_error) = "-".parse::<u8>() else {
            panic!("\"-\" is not a number");
        };
        let err = ConfigError::from(parse_error);
        assert!(
            matches!(&err, ConfigError::BadNumber(e) if *e.kind() == IntErrorKind::InvalidDigit),
            "{err:?}"
        );
    }
}
