//! Index loops (`for i in 0..v.len() - 1`) invite off-by-one errors, underflow on
//! empty input, and bounds checks. Iterator adapters say what you mean instead, and
//! know by themselves where the data ends: neighbours, windows, two lists in step.

// The metrics summary was written with C-style loops and is wrong at the edges.
// Rewrite the three functions with iterator adapters, without computing indices.

/// Increase between consecutive readings of a monotonic counter. When a reading is
/// lower than the previous one the process restarted, and the new reading itself
/// is the increase.
fn counter_deltas(readings: &[u64]) -> Vec<u64> {
    let mut out = Vec::new();
    let n = readings.iter().size_hint().0;
    for i in 0..n.saturating_sub(1) {
        if readings[i + 1] >= readings[i] {
            out.push(readings[i + 1] - readings[i]);
        } else {
            out.push(readings[i + 1]);
        }
    }
    out
}

/// Mean of every run of `window` consecutive samples (empty if `window` is 0).
fn moving_average(samples: &[f64], window: usize) -> Vec<f64> {
    let mut out = Vec::new();
    let n = samples.iter().size_hint().0;
    if window == 0 || n < window {
        return out;
    }
    for i in 0..=n - window {
        let mut sum = 0.0;
        for j in i..i + window {
            sum += samples[j];
        }
        out.push(sum / window as f64);
    }
    out
}

/// Errors per request, minute by minute. The two series may differ in length
/// (one scraper lags): only minutes present in both count. No requests -> 0.0.
fn error_rates(errors: &[u32], requests: &[u32]) -> Vec<f64> {
    let mut out = Vec::new();
    let n = errors
        .iter()
        .size_hint()
        .0
        .min(requests.iter().size_hint().0);
    for i in 0..n {
        if requests[i] == 0 {
            out.push(0.0);
        } else {
            out.push(errors[i] as f64 / requests[i] as f64);
        }
    }
    out
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{counter_deltas, error_rates, moving_average};

    #[test]
    fn deltas_between_readings() {
        assert_eq!(counter_deltas(&[10, 15, 15, 40]), [5, 0, 25]);
    }

    #[test]
    fn deltas_survive_a_restart() {
        assert_eq!(counter_deltas(&[100, 130, 4, 9]), [30, 4, 5]);
    }

    #[test]
    fn deltas_of_short_series() {
        assert_eq!(counter_deltas(&[]), Vec::<u64>::new());
        assert_eq!(counter_deltas(&[7]), Vec::<u64>::new());
    }

    #[test]
    fn moving_average_covers_the_last_window() {
        assert_eq!(moving_average(&[1.0, 2.0, 3.0, 4.0], 2), [1.5, 2.5, 3.5]);
        assert_eq!(moving_average(&[1.0, 2.0, 3.0], 3), [2.0]);
        assert_eq!(moving_average(&[1.0, 2.0], 3), Vec::<f64>::new());
        assert_eq!(moving_average(&[1.0, 2.0], 0), Vec::<f64>::new());
    }

    #[test]
    fn error_rates_use_only_shared_minutes() {
        assert_eq!(error_rates(&[1, 0, 5], &[10, 0, 20, 30]), [0.1, 0.0, 0.25]);
        assert_eq!(error_rates(&[1, 2, 3], &[4]), [0.25]);
    }

    #[test]
    fn more_edges() {
        assert_eq!(counter_deltas(&[5, 5]), [0]);
        assert_eq!(counter_deltas(&[3, 1, 0]), [1, 0]);
        assert_eq!(moving_average(&[2.0, 4.0], 1), [2.0, 4.0]);
        assert_eq!(moving_average(&[], 2), Vec::<f64>::new());
        assert_eq!(error_rates(&[], &[1, 2]), Vec::<f64>::new());
        assert_eq!(error_rates(&[3, 3], &[0, 6, 9]), [0.0, 0.5]);
    }
}
