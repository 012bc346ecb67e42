//! `tokio::task::JoinSet` owns a group of spawned tasks. `join_next` hands their results
//! back in the order the tasks *finish*, not the order they were spawned; a task that
//! panicked comes back as a `JoinError` while the others still deliver; and dropping the
//! set aborts every task still running.

// Make the tests pass: `fetch_all` fetches every id concurrently and reports each id's
// outcome; an id whose fetch panicked is `Failed`, and the others are unaffected. Keep the
// signature.

use std::collections::BTreeMap;

#[derive(Debug, PartialEq)]
pub enum Outcome {
    Page(String),
    NotFound,
    Failed,
}

/// Fetches all `ids` at once; each id's outcome, keyed by id.
pub async fn fetch_all<F, Fut>(ids: Vec<u32>, fetch: F) -> BTreeMap<u32, Outcome>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Option<String>> + Send + 'static,
{
    let handles: Vec<_> = ids
        .into_iter()
        .map(|id| (id, tokio::spawn(fetch(id))))
        .collect();
    let mut outcomes = BTreeMap::new();
    for (id, handle) in handles {
        let outcome = match handle.await {
            Ok(Some(page)) => Outcome::Page(page),
            Ok(None) => Outcome::NotFound,
            Err(_) => Outcome::Failed,
        };
        outcomes.insert(id, outcome);
    }
    outcomes
}

fn main() {
    // Free to experiment; the tests run `fetch_all` on tokio's paused clock.
}

#[cfg(test)]
mod tests {
    use super::{Outcome, fetch_all};
    use std::collections::BTreeMap;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;
    use tokio::time::{Instant, sleep};

    fn page(s: &str) -> Outcome {
        Outcome::Page(s.to_string())
    }

    /// A fake service: id `n` answers after `(10 - n) * 100` ms, so the first id spawned is
    /// the last to finish; ids above 5 do not exist, and id 4 crashes.
    async fn service(id: u32) -> Option<String> {
        sleep(Duration::from_millis(u64::from(10 - id) * 100)).await;
        assert_ne!(id, 4, "the handler for id 4 crashed");
        (id <= 5).then(|| format!("page {id}"))
    }

    #[tokio::test(start_paused = true)]
    async fn results_are_matched_to_their_ids() {
        let start = Instant::now();
        let outcomes = fetch_all(vec![1, 2, 3, 5, 6], service).await;
        let expected = BTreeMap::from([
            (1, page("page 1")),
            (2, page("page 2")),
            (3, page("page 3")),
            (5, page("page 5")),
            (6, Outcome::NotFound),
        ]);
        assert_eq!(outcomes, expected);
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(900),
            "fetches overlap"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_crashed_fetch_fails_alone() {
        let outcomes = fetch_all(vec![7, 4, 2], service).await;
        let expected = BTreeMap::from([
            (2, page("page 2")),
            (4, Outcome::Failed),
            (7, Outcome::NotFound),
        ]);
        assert_eq!(outcomes, expected);
    }

    #[tokio::test(start_paused = true)]
    async fn giving_up_on_fetch_all_stops_its_fetches() {
        let finished = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&finished);
        let slow = move |id: u32| {
            let counter = Arc::clone(&counter);
            async move {
                sleep(Duration::from_secs(1)).await;
                counter.fetch_add(1, Ordering::SeqCst);
                Some(format!("late {id}"))
            }
        };
        let gave_up =
            tokio::time::timeout(Duration::from_millis(50), fetch_all(vec![1, 2, 3], slow));
        assert!(gave_up.await.is_err(), "the fetches take a second");
        sleep(Duration::from_secs(5)).await;
        assert_eq!(finished.load(Ordering::SeqCst), 0, "fetches kept running");
    }

    #[tokio::test]
    async fn no_ids_no_outcomes() {
        assert!(fetch_all(Vec::new(), service).await.is_empty());
    }
}
