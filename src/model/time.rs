//! Timestamps as the tool stores them: a point in time, written as RFC 3339 in UTC to the second
//! (`2026-11-22T09:30:00Z`), so progress files, the events log and reports stay readable.

use std::fmt;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time, to the second (what is stored is what is compared).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(SystemTime);

impl Timestamp {
    /// Now, or the time `RUSTSKILL_NOW` gives (RFC 3339): the clock the tests set, so a
    /// review queue's days can pass in a test.
    pub fn now() -> Timestamp {
        std::env::var("RUSTSKILL_NOW")
            .ok()
            .and_then(|text| Timestamp::parse(&text))
            .unwrap_or_else(|| Timestamp::from(SystemTime::now()))
    }

    /// This time plus `secs` seconds.
    pub fn plus_secs(self, secs: u64) -> Timestamp {
        Timestamp(self.0 + Duration::from_secs(secs))
    }

    /// The time as a [`SystemTime`].
    pub fn system_time(self) -> SystemTime {
        self.0
    }

    /// Parses RFC 3339 (`2026-11-22T09:30:00Z`, fractions of a second allowed).
    pub fn parse(text: &str) -> Option<Timestamp> {
        humantime::parse_rfc3339(text).ok().map(Timestamp::from)
    }

    /// The time `later` comes after this one; `None` when it does not.
    pub fn until(self, later: Timestamp) -> Option<Duration> {
        later.0.duration_since(self.0).ok()
    }
}

impl From<SystemTime> for Timestamp {
    fn from(time: SystemTime) -> Timestamp {
        // Whole seconds, as written: a time read back compares equal to the one written.
        let subsec = time
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(Duration::ZERO, |d| {
                Duration::from_nanos(u64::from(d.subsec_nanos()))
            });
        Timestamp(time - subsec)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so widths in format strings (`{:<21}`) apply.
        f.pad(&humantime::format_rfc3339_seconds(self.0).to_string())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not an RFC 3339 time")))
    }
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn written_as_rfc3339_seconds_and_read_back() {
        let t = Timestamp::parse("2026-01-02T03:04:05Z").unwrap();
        assert_eq!(t.to_string(), "2026-01-02T03:04:05Z");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2026-01-02T03:04:05Z\""
        );
        let later = Timestamp::parse("2026-01-02T03:05:05.5Z").unwrap();
        assert_eq!(t.until(later), Some(std::time::Duration::from_secs(60)));
        assert_eq!(later.until(t), None);
        assert!(serde_json::from_str::<Timestamp>("\"yesterday\"").is_err());
    }
}
