//! Deserializing into `&'a str` borrows from the input instead of allocating (zero-copy),
//! but only works while the value's text appears in the input as it is. A JSON string
//! with an escape (`\"`, `\n`, `\u00e9`) must be unescaped into new memory, which a `&str`
//! into the input cannot point at. Text that is sometimes plain and sometimes escaped
//! needs a type that can be either, and serde has to be told where to borrow.

// Make the tests pass: `parse_line` reads one JSON log record. Logs are large, so the
// message and the target should point into the input line whenever the text allows it;
// and every valid line must parse, escapes included. Keep the signature and the lifetimes.

use serde::Deserialize;
use std::borrow::Cow;

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warn,
    Error,
}

#[derive(Debug, Deserialize)]
pub struct Record<'a> {
    pub level: Level,
    pub target: Cow<'a, str>,
    pub msg: Cow<'a, str>,
}

/// Parses one line; the record borrows from `line` wherever it can.
pub fn parse_line(line: &str) -> Result<Record<'_>, serde_json::Error> {
    serde_json::from_str(line)
}

fn main() {
    // Free to experiment: parse_line(r#"{"level": "info", "target": "db", "msg": "up"}"#)
}

#[cfg(test)]
mod tests {
    use super::{Level, Record, parse_line};

    /// True when `part` lies inside `whole`'s memory: borrowed, not copied.
    fn points_into(whole: &str, part: &str) -> bool {
        let range = whole.as_bytes().as_ptr_range();
        range.contains(&part.as_ptr()) && part.len() <= whole.len()
    }

    #[test]
    fn the_signature_borrows_from_the_line() {
        let _: fn(&str) -> Result<Record<'_>, serde_json::Error> = parse_line;
    }

    #[test]
    fn plain_text_is_borrowed_not_copied() {
        let line = r#"{"level": "warn", "target": "db::pool", "msg": "pool exhausted, waiting"}"#;
        let record = parse_line(line).expect("a valid record");
        assert_eq!(record.level, Level::Warn);
        assert_eq!(record.target, "db::pool");
        assert_eq!(record.msg, "pool exhausted, waiting");
        assert!(points_into(line, &record.target), "target was copied");
        assert!(points_into(line, &record.msg), "msg was copied");
    }

    #[test]
    fn escaped_text_still_parses() {
        let line = r#"{"level": "error", "target": "fs", "msg": "disk \"sda\" full\nretrying: caf\u00e9"}"#;
        let record = parse_line(line).expect("escapes are valid JSON");
        assert_eq!(record.level, Level::Error);
        assert_eq!(record.msg, "disk \"sda\" full\nretrying: café");
        assert!(
            points_into(line, &record.target),
            "the target has no escape"
        );
    }

    #[test]
    fn each_field_borrows_or_owns_on_its_own() {
        let line = r#"{"level": "info", "target": "api\/v1", "msg": "ok"}"#;
        let record = parse_line(line).expect("a valid record");
        assert_eq!(record.target, "api/v1");
        assert!(points_into(line, &record.msg));
    }

    #[test]
    fn invalid_records_are_errors() {
        assert!(parse_line(r#"{"level": "debug", "target": "x", "msg": "y"}"#).is_err());
        assert!(parse_line(r#"{"level": "info", "msg": "no target"}"#).is_err());
    }
}
