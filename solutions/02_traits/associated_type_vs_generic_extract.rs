//! An associated type (`Iterator::Item`) says "each implementing type has ONE
//! output, fixed by the impl". A generic parameter (`From<T>`) says "a type may
//! implement the trait many times, once per `T`, and the caller picks". Which one
//! fits depends on how many outputs one implementing type must have.

// The config reader's `Number` extractor should parse a setting into whatever
// integer type the caller asks for (`u16` for a port, `i64` for an offset), but
// the trait only allows one output per type, and the impl is rejected.
// Redesign `Extract` so both `Number` and `Switch` work.

use std::collections::HashMap;
use std::str::FromStr;

/// Reads a typed value out of a raw config string.
trait Extract<T> {
    fn extract(&self, raw: &str) -> Option<T>;
}

/// Any integer type, allowing `_` separators ("10_000").
struct Number;

/// "on"/"off"/"true"/"false".
struct Switch;

impl<T: FromStr> Extract<T> for Number {
    fn extract(&self, raw: &str) -> Option<T> {
        raw.trim().replace('_', "").parse().ok()
    }
}

impl Extract<bool> for Switch {
    fn extract(&self, raw: &str) -> Option<bool> {
        match raw.trim() {
            "on" | "true" => Some(true),
            "off" | "false" => Some(false),
            _ => None,
        }
    }
}

/// Looks `key` up in the config and extracts it.
fn setting<T>(cfg: &HashMap<&str, &str>, key: &str, extractor: &impl Extract<T>) -> Option<T> {
    extractor.extract(cfg.get(key)?)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Extract, Number, Switch, setting};
    use std::collections::HashMap;

    #[test]
    fn one_extractor_many_integer_types() {
        let port: Option<u16> = Number.extract("8_080");
        let offset: Option<i64> = Number.extract(" -5 ");
        let tiny: Option<u8> = Number.extract("300");
        assert_eq!((port, offset, tiny), (Some(8080), Some(-5), None));
        let big: Option<u128> = Number.extract("18_446_744_073_709_551_616");
        let workers: Option<usize> = Number.extract("16");
        let delta: Option<i16> = Number.extract("-32_768");
        assert_eq!(
            (big, workers, delta),
            (Some(18_446_744_073_709_551_616), Some(16), Some(-32_768))
        );
    }

    #[test]
    fn switches() {
        let on: Option<bool> = Switch.extract("on");
        let bad: Option<bool> = Switch.extract("maybe");
        assert_eq!((on, bad), (Some(true), None));
    }

    #[test]
    fn settings_from_a_config_map() {
        let cfg = HashMap::from([("port", "443"), ("retries", "3"), ("tls", "true")]);
        let port: Option<u16> = setting(&cfg, "port", &Number);
        let retries: Option<u8> = setting(&cfg, "retries", &Number);
        let tls: Option<bool> = setting(&cfg, "tls", &Switch);
        let missing: Option<u32> = setting(&cfg, "workers", &Number);
        assert_eq!(
            (port, retries, tls, missing),
            (Some(443), Some(3), Some(true), None)
        );
    }

    #[test]
    fn the_output_type_is_named_by_the_bound() {
        fn port_with<E: Extract<u16>>(extractor: &E, raw: &str) -> Option<u16> {
            extractor.extract(raw)
        }
        fn flag_with<E: Extract<bool>>(extractor: &E, raw: &str) -> Option<bool> {
            extractor.extract(raw)
        }
        assert_eq!(port_with(&Number, "1_024"), Some(1024));
        assert_eq!(port_with(&Number, "-1"), None);
        assert_eq!(flag_with(&Switch, " off "), Some(false));
    }
}
