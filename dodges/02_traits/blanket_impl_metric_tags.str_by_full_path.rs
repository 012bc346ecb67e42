//! A blanket implementation, `impl<T: Bound> Trait for T`, gives a trait to every
//! type that meets a bound, including types written later by someone else. One
//! generic impl replaces a pile of copy-pasted ones.

// Metric tags only work for `str` and `u16`, each with its own copy of the
// escaping code. Make every `Display` type usable as a tag value, with one impl.

use std::fmt::Display;

/// A value rendered into a metrics line: formatted with `Display`, then spaces,
/// commas and `=` are escaped with a backslash (InfluxDB line protocol).
trait TagValue {
    fn tag_value(&self) -> String;
}

impl TagValue for core::primitive::str {
    fn tag_value(&self) -> String {
        let mut out = String::new();
        for c in self.chars() {
            if matches!(c, ' ' | ',' | '=') {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }
}

impl<T: Display> TagValue for T {
    fn tag_value(&self) -> String {
        let mut out = String::new();
        for c in self.to_string().chars() {
            if matches!(c, ' ' | ',' | '=') {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }
}

/// "cpu,host=web\ 1,core=3 value=0.5"
fn metric_line(measurement: &str, tags: &[(&str, &dyn TagValue)], value: f64) -> String {
    let mut line = measurement.to_string();
    for (key, tag) in tags {
        line.push_str(&format!(",{key}={}", tag.tag_value()));
    }
    line + &format!(" value={value}")
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{TagValue, metric_line};
    use std::fmt;
    use std::net::Ipv4Addr;

    fn tag_of<T: TagValue + ?Sized>(value: &T) -> String {
        value.tag_value()
    }

    enum Region {
        EuWest,
    }

    impl fmt::Display for Region {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            match self {
                Region::EuWest => write!(f, "eu west=1"),
            }
        }
    }

    #[test]
    fn strings_and_ports_still_work() {
        assert_eq!("web 1".tag_value(), "web\\ 1");
        assert_eq!(8080_u16.tag_value(), "8080");
    }

    #[test]
    fn every_display_type_is_a_tag_value() {
        assert_eq!(String::from("a,b").tag_value(), "a\\,b");
        assert_eq!(2.5_f64.tag_value(), "2.5");
        assert_eq!(Region::EuWest.tag_value(), "eu\\ west\\=1");
    }

    #[test]
    fn builds_a_metrics_line() {
        let line = metric_line("cpu", &[("host", &"web 1"), ("core", &3_u8)], 0.5);
        assert_eq!(line, "cpu,host=web\\ 1,core=3 value=0.5");
    }

    #[test]
    fn std_types_nobody_listed() {
        assert_eq!(tag_of(&'='), "\\=");
        assert_eq!(tag_of(&-7_i64), "-7");
        assert_eq!(tag_of(&Ipv4Addr::new(10, 0, 0, 1)), "10.0.0.1");
        let boxed: Box<str> = "a b".into();
        assert_eq!(tag_of(&boxed), "a\\ b");
        assert_eq!(tag_of("x=1"), "x\\=1");
    }
}
