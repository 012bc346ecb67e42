//! `f64` is `PartialOrd` but not `Ord` (and not `Eq` or `Hash`): NaN is not equal
//! to itself and compares as neither smaller nor larger than anything. So `sort()`
//! and `max()` refuse floats. IEEE 754 also defines a *total* order, in which every
//! value, NaN included, has its place, and `f64` offers it.

// The latency dashboard does not compile. Compute the percentile and the slowest
// request; failed probes are recorded as NaN and must be skipped.

/// Nearest-rank percentile (`p` in 0..=100) of the non-NaN samples.
fn percentile(samples_ms: &[f64], p: f64) -> Option<f64> {
    let mut sorted: Vec<f64> = samples_ms.iter().copied().filter(|x| !x.is_nan()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort();
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// The slowest successful request.
fn slowest(samples_ms: &[f64]) -> Option<f64> {
    samples_ms.iter().copied().filter(|x| !x.is_nan()).max()
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{percentile, slowest};

    const SAMPLES: [f64; 6] = [12.5, 3.0, f64::NAN, 48.25, 7.75, 3.5];

    #[test]
    fn median_and_p99_skip_failed_probes() {
        assert_eq!(percentile(&SAMPLES, 50.0), Some(7.75));
        assert_eq!(percentile(&SAMPLES, 99.0), Some(48.25));
        assert_eq!(percentile(&SAMPLES, 0.0), Some(3.0));
    }

    #[test]
    fn slowest_request() {
        assert_eq!(slowest(&SAMPLES), Some(48.25));
        assert_eq!(slowest(&[f64::NAN, 2.0, f64::NAN]), Some(2.0));
    }

    #[test]
    fn nothing_to_report() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(slowest(&[f64::NAN]), None);
    }

    #[test]
    fn negative_and_infinite_samples_sort_correctly() {
        // Clock skew can make a latency negative; a stuck probe reports infinity.
        let skewed = [4.0, -2.5, f64::INFINITY, f64::NAN, 0.0];
        assert_eq!(percentile(&skewed, 25.0), Some(-2.5));
        assert_eq!(percentile(&skewed, 75.0), Some(4.0));
        assert_eq!(percentile(&skewed, 100.0), Some(f64::INFINITY));
        assert_eq!(slowest(&skewed), Some(f64::INFINITY));
        assert_eq!(slowest(&[-3.0, -1.0, -2.0]), Some(-1.0));
    }
}
