//! `thread::spawn` starts a thread that may outlive the function that started it,
//! so its closure must own everything it touches: a plain closure only borrows its
//! captures, a `move` closure takes them along. `join` waits for the thread and
//! hands back whatever the closure returned.

// Make the tests pass: each background scan must own the batch it reads.

use std::thread::{self, JoinHandle};

/// Counts, on a background thread, the log lines of `batch` that start with `level`.
pub fn count_in_background(batch: Vec<String>, level: String) -> JoinHandle<usize> {
    thread::spawn(|| {
        batch
            .iter()
            .filter(|line| line.starts_with(level.as_str()))
            .count()
    })
}

/// Scans every batch on its own thread and returns the counts in batch order.
pub fn count_all(batches: Vec<Vec<String>>, level: &str) -> Vec<usize> {
    let handles: Vec<JoinHandle<usize>> = batches
        .into_iter()
        .map(|batch| count_in_background(batch, level.to_string()))
        .collect();
    handles
        .into_iter()
        .map(|handle| handle.join().expect("a scan thread panicked"))
        .collect()
}

fn main() {
    // Free to experiment: println!("{:?}", count_all(vec![vec!["WARN disk".into()]], "WARN"));
}

#[cfg(test)]
mod tests {
    use super::{count_all, count_in_background};

    fn batch(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|line| line.to_string()).collect()
    }

    #[test]
    fn join_returns_the_count() {
        let lines = batch(&["ERROR disk full", "INFO started", "ERROR timeout"]);
        let handle = count_in_background(lines, "ERROR".to_string());
        assert_eq!(handle.join().unwrap(), 2);
    }

    #[test]
    fn counts_come_back_in_batch_order() {
        let batches = vec![
            batch(&["WARN slow", "WARN slow", "INFO ok"]),
            batch(&[]),
            batch(&["WARN retry"]),
        ];
        assert_eq!(count_all(batches, "WARN"), [2, 0, 1]);
    }
}
