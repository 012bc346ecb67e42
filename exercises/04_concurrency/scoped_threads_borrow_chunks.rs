//! `thread::scope` starts threads that are guaranteed to be joined before the scope
//! returns, so, unlike `thread::spawn`, they may borrow local data: no `Arc`, no
//! copies. The borrow checker still applies inside the scope: many threads may
//! read the same data, only one may write it.

// Make the tests pass: sum the readings in parallel, one worker per chunk, all of them
// running at once, without copying the readings and without `Arc`. The readings live in a
// local `Vec`, and the summing function is borrowed too: let the workers borrow both.

use std::thread;

/// Parses one meter reading (watt-hours) per line, skipping blank lines, and sums them
/// with up to `workers` threads running side by side, one per chunk; `sum_chunk` adds up
/// one chunk.
pub fn total_energy_with<F>(log: &str, workers: usize, sum_chunk: F) -> u64
where
    F: Fn(&[u64]) -> u64 + Sync,
{
    let readings: Vec<u64> = log
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.trim().parse().expect("a reading is a whole number"))
        .collect();
    let chunk_size = readings.len().div_ceil(workers.max(1)).max(1);
    let mut handles = Vec::new();
    for start in (0..readings.len()).step_by(chunk_size) {
        let end = (start + chunk_size).min(readings.len());
        let sum_this_chunk = || sum_chunk(&readings[start..end]);
        handles.push(thread::spawn(sum_this_chunk));
    }
    handles
        .into_iter()
        .map(|handle| handle.join().expect("a worker panicked"))
        .sum()
}

/// `total_energy_with` with a plain sum.
pub fn total_energy(log: &str, workers: usize) -> u64 {
    total_energy_with(log, workers, |chunk| chunk.iter().sum())
}

fn main() {
    // Free to experiment: println!("{}", total_energy("120\n80\n", 2));
}

#[cfg(test)]
mod tests {
    use super::{total_energy, total_energy_with};
    use std::sync::{Condvar, Mutex};
    use std::time::Duration;

    /// Lets each caller through only once `expected` callers are inside at the same moment,
    /// so chunks summed one after another never get through. Gives up after a few seconds
    /// instead of hanging.
    struct Rendezvous {
        inside: Mutex<usize>,
        all_in: Condvar,
        expected: usize,
    }

    impl Rendezvous {
        fn new(expected: usize) -> Self {
            Rendezvous {
                inside: Mutex::new(0),
                all_in: Condvar::new(),
                expected,
            }
        }

        fn arrive(&self) {
            let mut inside = self.inside.lock().unwrap();
            *inside += 1;
            self.all_in.notify_all();
            let (inside, waited) = self
                .all_in
                .wait_timeout_while(inside, Duration::from_secs(5), |inside| {
                    *inside < self.expected
                })
                .unwrap();
            assert!(
                !waited.timed_out(),
                "only {} of {} chunks were being summed at the same moment",
                *inside,
                self.expected
            );
        }
    }

    #[test]
    fn sums_every_reading() {
        let log = "120\n80\n\n300\n5\n45\n1000\n7\n";
        assert_eq!(total_energy(log, 3), 1557);
        assert_eq!(total_energy(log, 1), 1557);
    }

    #[test]
    fn more_workers_than_readings() {
        assert_eq!(total_energy("10\n20\n", 8), 30);
    }

    #[test]
    fn empty_log_is_zero() {
        assert_eq!(total_energy("", 4), 0);
        assert_eq!(total_energy(" \n\n", 0), 0);
    }

    #[test]
    fn four_workers_sum_four_chunks_at_once() {
        let log = "1\n2\n3\n4\n5\n6\n7\n8\n";
        let rendezvous = Rendezvous::new(4);
        let total = total_energy_with(log, 4, |chunk| {
            rendezvous.arrive();
            chunk.iter().sum()
        });
        assert_eq!(total, 36);
    }

    #[test]
    fn workers_borrow_their_chunks_from_one_buffer() {
        let log = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        // Where each chunk starts in memory, and how many readings it holds.
        let chunks = Mutex::new(Vec::new());
        let total = total_energy_with(log, 3, |chunk| {
            chunks
                .lock()
                .unwrap()
                .push((chunk.as_ptr() as usize, chunk.len()));
            chunk.iter().sum()
        });
        assert_eq!(total, 45);
        let mut chunks = chunks.into_inner().unwrap();
        chunks.sort();
        assert_eq!(chunks.len(), 3);
        for pair in chunks.windows(2) {
            let ((start, len), (next_start, _)) = (pair[0], pair[1]);
            assert_eq!(
                start + len * size_of::<u64>(),
                next_start,
                "each chunk must be a slice of the one `Vec` of readings, not a copy"
            );
        }
    }
}
