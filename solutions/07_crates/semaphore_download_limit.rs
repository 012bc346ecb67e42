//! A `tokio::sync::Semaphore` bounds how many tasks do something at the same time: each
//! task acquires a permit and holds it while it works. The permit is a guard, released
//! when it is dropped, so the place where it is dropped decides what the semaphore
//! actually limits.

// Make the tests pass: `fetch_all` downloads every url with at most `limit` downloads in
// flight at once, starting the next one as soon as any finishes, and returns the bodies in
// url order. Keep the signature.

use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

pub async fn fetch_all<F, Fut>(urls: Vec<String>, limit: usize, fetch: F) -> Vec<String>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = String> + Send + 'static,
{
    let semaphore = Arc::new(Semaphore::new(limit));
    let mut tasks = JoinSet::new();
    let count = urls.len();
    for (index, url) in urls.into_iter().enumerate() {
        let semaphore = Arc::clone(&semaphore);
        let download = fetch(url);
        tasks.spawn(async move {
            let _permit = semaphore
                .acquire()
                .await
                .expect("the semaphore is never closed");
            (index, download.await)
        });
    }
    let mut bodies = vec![String::new(); count];
    while let Some(joined) = tasks.join_next().await {
        let (index, body) = joined.expect("a download panicked");
        bodies[index] = body;
    }
    bodies
}

fn main() {
    // Free to experiment; the tests download from a fake server on tokio's paused clock.
}

#[cfg(test)]
mod tests {
    use super::fetch_all;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;
    use tokio::time::Instant;

    /// How long the fake server takes for url `i`, in ms.
    fn millis(i: usize) -> u64 {
        [300, 100, 250, 50, 400, 120, 80, 220, 60, 150][i % 10]
    }

    /// When the last download finishes if each url starts as soon as one of `limit` slots
    /// frees up, in url order.
    fn finish_time(n: usize, limit: usize) -> u64 {
        let mut slots = vec![0u64; limit];
        for i in 0..n {
            let earliest = slots.iter_mut().min().expect("limit > 0");
            *earliest += millis(i);
        }
        slots.into_iter().max().unwrap_or(0)
    }

    /// Downloads `n` urls; returns the bodies, the most downloads seen in flight at once,
    /// and the time it took.
    async fn run(n: usize, limit: usize) -> (Vec<String>, usize, Duration) {
        let in_flight = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let urls: Vec<String> = (0..n).map(|i| format!("https://example.com/{i}")).collect();
        let start = Instant::now();
        let fetch = |url: String| {
            let in_flight = Arc::clone(&in_flight);
            let peak = Arc::clone(&peak);
            async move {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                let i: usize = url.rsplit('/').next().and_then(|s| s.parse().ok()).unwrap();
                tokio::time::sleep(Duration::from_millis(millis(i))).await;
                in_flight.fetch_sub(1, Ordering::SeqCst);
                format!("body of {url}")
            }
        };
        let bodies = fetch_all(urls, limit, fetch).await;
        (bodies, peak.load(Ordering::SeqCst), start.elapsed())
    }

    #[tokio::test(start_paused = true)]
    async fn bodies_come_back_in_url_order() {
        let (bodies, _, _) = run(4, 2).await;
        let expected: Vec<String> = (0..4)
            .map(|i| format!("body of https://example.com/{i}"))
            .collect();
        assert_eq!(bodies, expected);
    }

    #[tokio::test(start_paused = true)]
    async fn never_more_than_the_limit_in_flight() {
        for (n, limit) in [(10, 3), (25, 4), (7, 1), (3, 5)] {
            let (bodies, peak, _) = run(n, limit).await;
            assert_eq!(bodies.len(), n);
            assert_eq!(peak, limit.min(n), "{n} urls, limit {limit}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_free_slot_is_used_at_once() {
        for (n, limit) in [(10, 3), (25, 4), (7, 1), (3, 5)] {
            let (_, _, took) = run(n, limit).await;
            let expected = Duration::from_millis(finish_time(n, limit));
            assert_eq!(took, expected, "{n} urls, limit {limit}");
        }
    }

    #[tokio::test]
    async fn no_urls_no_bodies() {
        let bodies = fetch_all(Vec::new(), 2, |url: String| async move { url }).await;
        assert!(bodies.is_empty());
    }
}
