//! A generic function may only use what its bounds promise. `T` alone promises
//! nothing: no `>`, no `{}`. Give it the narrowest bounds that make the body
//! legal, and every caller whose type meets them gets a specialised copy of the
//! function.

// The metrics dashboard wants the peak of any series: integers, float latencies,
// host names. Give the generic functions the bounds they need.

use std::fmt::Debug;

/// The largest sample; the first one wins a tie. `None` for an empty series.
fn peak<T: PartialOrd>(samples: &[T]) -> Option<&T> {
    let mut best = samples.first()?;
    for s in samples {
        if s > best {
            best = s;
        }
    }
    Some(best)
}

/// One dashboard line, e.g. "p99_ms peak=12.5" or "p99_ms peak=n/a".
fn peak_line<T: PartialOrd + Debug>(metric: &str, samples: &[T]) -> String {
    match peak(samples) {
        Some(p) => format!("{metric} peak={p:?}"),
        None => format!("{metric} peak=n/a"),
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{peak, peak_line};
    use std::{fmt, ptr};

    /// Ordered and printable, but not `Clone`; its `Debug` form differs from its `Display`.
    #[derive(Debug, PartialEq, PartialOrd)]
    struct Host(String);

    impl fmt::Display for Host {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    #[test]
    fn peak_of_integers() {
        assert_eq!(peak(&[3_u64, 17, 4, 17, 9]), Some(&17));
        assert_eq!(peak::<u64>(&[]), None);
    }

    #[test]
    fn peak_of_float_latencies() {
        // f64 is PartialOrd but not Ord: the bound must not ask for more than `>` needs.
        assert_eq!(peak(&[0.8, 12.5, 3.25]), Some(&12.5));
    }

    #[test]
    fn peak_of_host_names_is_the_last_alphabetically() {
        assert_eq!(peak(&["db-1", "web-2", "cache-9"]), Some(&"web-2"));
    }

    #[test]
    fn dashboard_lines() {
        assert_eq!(peak_line("p99_ms", &[0.8, 12.5, 3.25]), "p99_ms peak=12.5");
        assert_eq!(peak_line::<u32>("errors", &[]), "errors peak=n/a");
    }

    #[test]
    fn the_first_of_equal_peaks_wins() {
        let samples = [3_u64, 17, 4, 17, 9];
        assert!(ptr::eq(peak(&samples).expect("not empty"), &samples[1]));
    }

    #[test]
    fn peak_of_hosts_that_cannot_be_copied() {
        let hosts = [
            Host("db-1".to_string()),
            Host("web-2".to_string()),
            Host("cache-9".to_string()),
        ];
        assert!(ptr::eq(peak(&hosts).expect("not empty"), &hosts[1]));
        assert_eq!(peak_line("host", &hosts), "host peak=web-2");
    }
}
