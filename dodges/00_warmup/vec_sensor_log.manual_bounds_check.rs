//! A `Vec<T>` is a growable array: `push` appends, `len` counts, `iter` walks.
//! Indexing with `v[i]` panics when `i` is out of range; `get(i)` returns an
//! `Option` instead, so "no such element" becomes a value you handle.

// `reading` crashes when asked for a reading that was never taken. Make it
// return `None` instead, without writing the bounds check by hand.

/// Appends a temperature reading and returns how many readings there are now.
pub fn record(log: &mut Vec<i32>, celsius: i32) -> usize {
    log.push(celsius);
    log.len()
}

/// The reading number `index` (0 = first), if it was taken.
pub fn reading(log: &[i32], index: usize) -> Option<i32> {
    if index < log.len() {
        Some(log[index])
    } else {
        None
    }
}

/// The highest reading, if there is any.
pub fn warmest(log: &[i32]) -> Option<i32> {
    log.iter().max().copied()
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{reading, record, warmest};

    #[test]
    fn recording_and_reading_back() {
        let mut log = Vec::new();
        assert_eq!(record(&mut log, 18), 1);
        assert_eq!(record(&mut log, 23), 2);
        assert_eq!(record(&mut log, 21), 3);
        assert_eq!(reading(&log, 0), Some(18));
        assert_eq!(reading(&log, 2), Some(21));
        assert_eq!(warmest(&log), Some(23));
    }

    #[test]
    fn missing_readings_are_none() {
        let log = vec![18, 23];
        assert_eq!(reading(&log, 2), None);
        assert_eq!(reading(&[], 0), None);
        assert_eq!(warmest(&[]), None);
    }
}
