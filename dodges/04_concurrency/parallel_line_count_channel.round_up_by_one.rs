//! Splitting work over threads means: cut the input into chunks that cover all of it,
//! give each chunk to a worker, and gather the partial results. A channel gathers
//! them in whatever order the workers finish, and the sum does not care. The
//! classic bug is in the cutting: integer division quietly drops the remainder.

// Make the tests pass: every line must be counted exactly once, whatever the number of
// workers, by at most `workers` threads working side by side.

use std::sync::mpsc;
use std::thread;

/// Counts the lines of `text` for which `is_match` holds, using up to `workers` threads
/// that run at the same time, each checking one chunk of lines and reporting its partial
/// count over a channel.
pub fn count_matching_with<F>(text: &str, workers: usize, is_match: F) -> usize
where
    F: Fn(&str) -> bool + Sync,
{
    let lines: Vec<&str> = text.lines().collect();
    // Round the chunk size up so that the remainder is covered too.
    let chunk_size = lines.len() / workers.max(1) + 1;
    let is_match = &is_match;
    let (tx, rx) = mpsc::channel();
    thread::scope(|scope| {
        for chunk in lines.chunks(chunk_size) {
            let tx = tx.clone();
            scope.spawn(move || {
                let matches = chunk.iter().filter(|line| is_match(line)).count();
                tx.send(matches).expect("the receiver is alive");
            });
        }
    });
    drop(tx);
    rx.iter().sum()
}

/// Counts the lines of `text` that contain `needle`.
pub fn count_matching(text: &str, needle: &str, workers: usize) -> usize {
    count_matching_with(text, workers, |line| line.contains(needle))
}

fn main() {
    // Free to experiment: println!("{}", count_matching("GET /\nPOST /login\n", "POST", 2));
}

#[cfg(test)]
mod tests {
    use super::{count_matching, count_matching_with};
    use std::collections::HashSet;
    use std::sync::{Condvar, Mutex};
    use std::thread::{self, ThreadId};
    use std::time::Duration;

    const ACCESS_LOG: &str = "\
GET /index.html 200
GET /missing 404
POST /login 200
GET /favicon.ico 404
GET /about 200
GET /old-page 404
DELETE /session 204
GET /robots.txt 404
GET /contact 200
GET /gone 404";

    /// Records every thread that checks a line. A thread's first check waits until
    /// `expected` threads are checking at once, so chunks checked one after another never
    /// get through; it gives up after a few seconds instead of hanging.
    struct Rendezvous {
        threads: Mutex<HashSet<ThreadId>>,
        all_in: Condvar,
        expected: usize,
    }

    impl Rendezvous {
        fn new(expected: usize) -> Self {
            Rendezvous {
                threads: Mutex::new(HashSet::new()),
                all_in: Condvar::new(),
                expected,
            }
        }

        fn check_in(&self) {
            let mut threads = self.threads.lock().unwrap();
            if !threads.insert(thread::current().id()) {
                return;
            }
            self.all_in.notify_all();
            let (threads, waited) = self
                .all_in
                .wait_timeout_while(threads, Duration::from_secs(5), |threads| {
                    threads.len() < self.expected
                })
                .unwrap();
            assert!(
                !waited.timed_out(),
                "only {} of {} workers were checking lines at the same time",
                threads.len(),
                self.expected
            );
        }

        fn threads_seen(&self) -> usize {
            self.threads.lock().unwrap().len()
        }
    }

    #[test]
    fn one_worker_sees_everything() {
        assert_eq!(count_matching(ACCESS_LOG, " 404", 1), 5);
    }

    #[test]
    fn uneven_split_counts_every_line() {
        assert_eq!(count_matching(ACCESS_LOG, " 404", 3), 5);
        assert_eq!(count_matching(ACCESS_LOG, "GET", 4), 8);
        assert_eq!(count_matching(ACCESS_LOG, "GET", 6), 8);
    }

    #[test]
    fn more_workers_than_lines() {
        assert_eq!(count_matching("POST /a\nPOST /b", "POST", 8), 2);
    }

    #[test]
    fn empty_text_has_no_matches() {
        assert_eq!(count_matching("", "GET", 3), 0);
    }

    #[test]
    fn five_workers_check_their_chunks_side_by_side() {
        let rendezvous = Rendezvous::new(5);
        let count = count_matching_with(ACCESS_LOG, 5, |line| {
            rendezvous.check_in();
            line.ends_with(" 200")
        });
        assert_eq!(count, 4);
        assert_eq!(rendezvous.threads_seen(), 5, "one thread per chunk");
    }
}
