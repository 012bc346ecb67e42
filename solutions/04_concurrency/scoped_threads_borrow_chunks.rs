//! `thread::scope` starts threads that are guaranteed to be joined before the scope
//! returns, so, unlike `thread::spawn`, they may borrow local data: no `Arc`, no
//! copies. The borrow checker still applies inside the scope: many threads may
//! read the same data, only one may write it.

// Make the tests pass: sum the readings in parallel without copying them and without
// `Arc`. The readings live in a local `Vec`; let the workers borrow their chunk of it.

use std::thread;

/// Parses one meter reading (watt-hours) per line, skipping blank lines, and sums
/// them with up to `workers` threads, one per chunk.
pub fn total_energy(log: &str, workers: usize) -> u64 {
    let readings: Vec<u64> = log
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.trim().parse().expect("a reading is a whole number"))
        .collect();
    let chunk_size = readings.len().div_ceil(workers.max(1)).max(1);
    // Scoped threads are joined before `scope` returns, so they may borrow `readings`.
    thread::scope(|scope| {
        let handles: Vec<_> = readings
            .chunks(chunk_size)
            .map(|chunk| scope.spawn(move || chunk.iter().sum::<u64>()))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a worker panicked"))
            .sum()
    })
}

fn main() {
    // Free to experiment: println!("{}", total_energy("120\n80\n", 2));
}

#[cfg(test)]
mod tests {
    use super::total_energy;

    #[test]
    fn sums_every_reading() {
        let log = "120\n80\n\n300\n5\n45\n1000\n7\n";
        assert_eq!(total_energy(log, 3), 1557);
    }

    #[test]
    fn more_workers_than_readings() {
        assert_eq!(total_energy("10\n20\n", 8), 30);
    }

    #[test]
    fn empty_log_is_zero() {
        assert_eq!(total_energy("", 4), 0);
    }
}
