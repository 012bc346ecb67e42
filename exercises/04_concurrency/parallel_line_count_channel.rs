//! Splitting work over threads means: cut the input into chunks that cover all of it,
//! give each chunk to a worker, and gather the partial results. A channel gathers
//! them in whatever order the workers finish, and the sum does not care. The
//! classic bug is in the cutting: integer division quietly drops the remainder.

// Make the tests pass: every line must be counted exactly once, whatever the number
// of workers.

use std::sync::mpsc;
use std::thread;

/// Counts the lines of `text` that contain `needle`, using `workers` threads that
/// each report a partial count over a channel.
pub fn count_matching(text: &str, needle: &str, workers: usize) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let chunk_size = lines.len() / workers;
    let (tx, rx) = mpsc::channel();
    thread::scope(|scope| {
        for worker in 0..workers {
            let chunk = &lines[worker * chunk_size..(worker + 1) * chunk_size];
            let tx = tx.clone();
            scope.spawn(move || {
                let matches = chunk.iter().filter(|line| line.contains(needle)).count();
                tx.send(matches).expect("the receiver is alive");
            });
        }
    });
    drop(tx);
    rx.iter().sum()
}

fn main() {
    // Free to experiment: println!("{}", count_matching("GET /\nPOST /login\n", "POST", 2));
}

#[cfg(test)]
mod tests {
    use super::count_matching;

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

    #[test]
    fn one_worker_sees_everything() {
        assert_eq!(count_matching(ACCESS_LOG, " 404", 1), 5);
    }

    #[test]
    fn uneven_split_counts_every_line() {
        assert_eq!(count_matching(ACCESS_LOG, " 404", 3), 5);
        assert_eq!(count_matching(ACCESS_LOG, "GET", 4), 8);
    }

    #[test]
    fn more_workers_than_lines() {
        assert_eq!(count_matching("POST /a\nPOST /b", "POST", 8), 2);
    }

    #[test]
    fn empty_text_has_no_matches() {
        assert_eq!(count_matching("", "GET", 3), 0);
    }
}
