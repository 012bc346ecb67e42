//! A bounded channel (`crossbeam::channel::bounded(n)`) holds at most n messages, and a
//! send to a full one blocks until a receiver makes room: that keeps memory flat, and it
//! means every bounded channel needs someone receiving while someone sends. Scoped threads
//! (`crossbeam::scope`) may borrow the caller's data, because the scope joins them all
//! before it returns.

// Make the tests pass: `checksum_all` checksums the borrowed `files` on `workers` threads,
// passing work and results through channels of `CAPACITY` messages, and returns
// (index, checksum) pairs sorted by index. Keep `CAPACITY` and the signature.

use crossbeam::channel::bounded;

pub const CAPACITY: usize = 2;

pub fn checksum_all(
    files: &[Vec<u8>],
    workers: usize,
    checksum: &(dyn Fn(&[u8]) -> u64 + Sync),
) -> Vec<(usize, u64)> {
    let (work_tx, work_rx) = bounded::<usize>(CAPACITY);
    let (result_tx, result_rx) = bounded::<(usize, u64)>(CAPACITY);
    let scoped = crossbeam::scope(|s| {
        for _ in 0..workers {
            let work_rx = work_rx.clone();
            let result_tx = result_tx.clone();
            s.spawn(move |_| {
                for index in work_rx {
                    let sum = checksum(&files[index]);
                    if result_tx.send((index, sum)).is_err() {
                        break;
                    }
                }
            });
        }
        // The workers hold the only senders of results: the collecting loop below ends
        // when the last worker is done.
        drop(result_tx);
        for index in 0..files.len() {
            work_tx.send(index).expect("the workers stopped");
        }
        drop(work_tx);
        let mut results: Vec<(usize, u64)> = result_rx.iter().collect();
        results.sort_unstable();
        results
    });
    // A worker's panic comes back as an `Err` from the scope: pass it on unchanged.
    scoped.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn main() {
    // Free to experiment: checksum_all(&[vec![1, 2], vec![3]], 2, &|data| data.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::{CAPACITY, checksum_all};
    use std::sync::Barrier;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn fnv1a(data: &[u8]) -> u64 {
        data.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    }

    fn files(n: usize) -> Vec<Vec<u8>> {
        (0..n).map(|i| vec![(i % 251) as u8; i % 37]).collect()
    }

    /// Checksums with `workers` threads; the first `workers` calls wait at a barrier, so
    /// the call only finishes if that many threads really work at once.
    fn run(files: &[Vec<u8>], workers: usize) -> Vec<(usize, u64)> {
        let calls = AtomicUsize::new(0);
        let all_busy = Barrier::new(workers);
        let checksum = |data: &[u8]| {
            if calls.fetch_add(1, Ordering::SeqCst) < workers {
                all_busy.wait();
            }
            fnv1a(data)
        };
        checksum_all(files, workers, &checksum)
    }

    fn expected(files: &[Vec<u8>]) -> Vec<(usize, u64)> {
        files.iter().map(|f| fnv1a(f)).enumerate().collect()
    }

    #[test]
    fn the_channels_stay_small() {
        assert_eq!(CAPACITY, 2);
    }

    #[test]
    fn a_few_files() {
        let files = files(3);
        assert_eq!(run(&files, 3), expected(&files));
    }

    #[test]
    fn many_more_files_than_the_channels_hold() {
        let files = files(60);
        for workers in [1, 3, 4] {
            assert_eq!(run(&files, workers), expected(&files), "{workers} workers");
        }
    }

    #[test]
    fn no_files() {
        assert!(run(&[], 2).is_empty());
    }
}
