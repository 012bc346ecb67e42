//! To mutate one value from many threads, give each thread its own handle to it
//! (`Arc::clone`) and guard it with a `Mutex`. A `move` closure takes ownership of
//! what it captures, so moving the one `Arc` into the first thread leaves nothing for
//! the second: clone the handle per thread, not the data.

// Make the tests pass: all workers must add to the same hit table.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread;

/// Counts requests per path. Each chunk of the access log (one path per line) is
/// tallied by its own worker thread into one shared table.
pub fn hits_per_path(chunks: Vec<Vec<String>>) -> HashMap<String, u64> {
    // Tally everything on this thread: no handles to share.
    let table = Arc::new(Mutex::new(HashMap::new()));
    for chunk in chunks {
        for path in chunk {
            let mut hits = table.lock().expect("hit table poisoned");
            *hits.entry(path).or_insert(0) += 1;
        }
    }
    let table = Arc::try_unwrap(table).expect("workers still hold the table");
    table.into_inner().expect("hit table poisoned")
}

fn main() {
    // Free to experiment: println!("{:?}", hits_per_path(vec![vec!["/".into()]]));
}

#[cfg(test)]
mod tests {
    use super::hits_per_path;

    fn chunk(paths: &[&str]) -> Vec<String> {
        paths.iter().map(|path| path.to_string()).collect()
    }

    #[test]
    fn hits_from_all_chunks_are_added() {
        let chunks = vec![
            chunk(&["/", "/login", "/"]),
            chunk(&["/login"]),
            chunk(&["/", "/search"]),
        ];
        let hits = hits_per_path(chunks);
        assert_eq!(hits.len(), 3);
        assert_eq!(hits["/"], 3);
        assert_eq!(hits["/login"], 2);
        assert_eq!(hits["/search"], 1);
    }

    #[test]
    fn many_workers_lose_no_hits() {
        let chunks = (0..8).map(|_| vec!["/health".to_string(); 500]).collect();
        assert_eq!(hits_per_path(chunks)["/health"], 4000);
    }
}
