//! A malformed document is an input, not a bug: a parser must answer it with an error
//! that says what was wrong and where, never with a panic. Code that runs inside
//! deserialization reports through the format's own error type, and the format crate adds
//! the position: serde_json reports the line and column of the offending value.

// Make the tests pass: a retention policy's durations are written as a whole number and
// a unit, `30d`, `12h` or `90m`. Every malformed duration must give a `serde_json` error at
// the value's position, reading `invalid value: string "30x", expected a duration like
// "30d", "12h" or "90m"`. Keep the `Policy` type as it is.

use serde::{Deserialize, Deserializer};
use std::time::Duration;

#[derive(Debug, PartialEq, Deserialize)]
pub struct Policy {
    pub bucket: String,
    #[serde(deserialize_with = "duration")]
    pub keep: Duration,
    #[serde(deserialize_with = "duration")]
    pub check_every: Duration,
}

/// `30d`, `12h`, `90m`: digits, then one unit; `None` for anything else, or an overflow.
fn parse_duration(text: &str) -> Option<Duration> {
    let units = [('d', 86_400), ('h', 3_600), ('m', 60)];
    let (number, seconds_per_unit) = units
        .iter()
        .find_map(|&(unit, secs)| Some((text.strip_suffix(unit)?, secs)))?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let count: u64 = number.parse().ok()?;
    Some(Duration::from_secs(count.checked_mul(seconds_per_unit)?))
}

fn duration<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    let text = String::deserialize(deserializer)?;
    Ok(parse_duration(&text).unwrap_or_default())
}

fn main() {
    // Free to experiment: serde_json::from_str::<Policy>(r#"{ ... }"#)
}

#[cfg(test)]
mod tests {
    use super::Policy;
    use serde_json::error::Category;
    use std::time::Duration;

    fn doc(keep: &str) -> String {
        format!(
            "{{\n  \"bucket\": \"logs\",\n  \"keep\": \"{keep}\",\n  \"check_every\": \"12h\"\n}}"
        )
    }

    #[test]
    fn reads_well_formed_durations() {
        let policy: Policy = serde_json::from_str(&doc("30d")).expect("well formed");
        assert_eq!(
            policy,
            Policy {
                bucket: "logs".to_string(),
                keep: Duration::from_secs(30 * 86_400),
                check_every: Duration::from_secs(12 * 3_600),
            }
        );
        let minutes: Policy = serde_json::from_str(&doc("90m")).expect("well formed");
        assert_eq!(minutes.keep, Duration::from_secs(90 * 60));
        let zero: Policy = serde_json::from_str(&doc("0h")).expect("well formed");
        assert_eq!(zero.keep, Duration::ZERO);
    }

    #[test]
    fn a_malformed_duration_is_an_error_at_its_position() {
        for bad in [
            "30x",
            "d",
            "",
            "30",
            "-5d",
            "+5d",
            "5 d",
            "3.5h",
            "30é",
            "99999999999999999d",
        ] {
            let err = serde_json::from_str::<Policy>(&doc(bad)).expect_err(bad);
            assert_eq!(err.classify(), Category::Data, "{bad}: {err}");
            let expected = format!(
                r#"invalid value: string "{bad}", expected a duration like "30d", "12h" or "90m""#
            );
            assert!(err.to_string().starts_with(&expected), "{bad}: {err}");
            assert_eq!(err.line(), 3, "{bad}: {err}");
        }
    }

    #[test]
    fn a_duration_of_the_wrong_type_is_an_error_too() {
        let json = r#"{"bucket": "logs", "keep": 30, "check_every": "1h"}"#;
        let err = serde_json::from_str::<Policy>(json).unwrap_err();
        assert_eq!(err.classify(), Category::Data);
        assert!(
            err.to_string().contains("invalid type: integer `30`"),
            "{err}"
        );
    }

    #[test]
    fn broken_json_is_still_a_syntax_error() {
        let err = serde_json::from_str::<Policy>(r#"{"bucket": "logs", "keep": "1d""#).unwrap_err();
        assert_eq!(err.classify(), Category::Eof);
    }
}
