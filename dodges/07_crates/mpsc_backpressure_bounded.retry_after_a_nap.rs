//! Back-pressure: when the consumer is slower than the producer, something must give.
//! Dropping work loses data; an unbounded queue grows until memory runs out. A bounded
//! `tokio::sync::mpsc` channel makes the producer wait instead, so at most `capacity`
//! messages are ever waiting in between.

// Make the tests pass: `ship` forwards log lines from a fast source to a slow uploader.
// Every line must be uploaded, in order, with at most `capacity` lines waiting in the
// channel. Keep the signature.

use std::time::Duration;
use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TrySendError;

/// Forwards every line of `source` to `upload`; returns how many lines were shipped.
pub async fn ship<S, U, Fut>(source: S, capacity: usize, mut upload: U) -> usize
where
    S: Iterator<Item = String> + Send + 'static,
    U: FnMut(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let (tx, mut rx) = mpsc::channel(capacity);
    let producer = tokio::spawn(async move {
        for mut line in source {
            // The uploader is busy: nap a little and try the line again.
            loop {
                match tx.try_send(line) {
                    Ok(()) => break,
                    Err(TrySendError::Full(back)) => {
                        line = back;
                        tokio::time::sleep(Duration::from_millis(1)).await;
                    }
                    Err(TrySendError::Closed(_)) => return,
                }
            }
        }
    });
    let mut shipped = 0;
    while let Some(line) = rx.recv().await {
        upload(line).await;
        shipped += 1;
    }
    producer.await.expect("the producer panicked");
    shipped
}

fn main() {
    // Free to experiment; the tests ship lines to an uploader on tokio's paused clock.
}

#[cfg(test)]
mod tests {
    use super::ship;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    /// A source of `n` lines that notes, at every line it hands out, how far it is ahead
    /// of the uploader (lines read so far minus lines whose upload has finished).
    struct Source {
        next: usize,
        n: usize,
        uploaded: Arc<AtomicUsize>,
        max_ahead: Arc<AtomicUsize>,
    }

    impl Iterator for Source {
        type Item = String;

        fn next(&mut self) -> Option<String> {
            if self.next == self.n {
                return None;
            }
            self.next += 1;
            let ahead = self.next - self.uploaded.load(Ordering::SeqCst);
            self.max_ahead.fetch_max(ahead, Ordering::SeqCst);
            Some(format!("line {}", self.next))
        }
    }

    /// Ships `n` lines through a channel of `capacity`; returns (count, lines, max ahead).
    async fn run(n: usize, capacity: usize) -> (usize, Vec<String>, usize) {
        let uploaded = Arc::new(AtomicUsize::new(0));
        let max_ahead = Arc::new(AtomicUsize::new(0));
        let source = Source {
            next: 0,
            n,
            uploaded: Arc::clone(&uploaded),
            max_ahead: Arc::clone(&max_ahead),
        };
        let received = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&received);
        let count = ship(source, capacity, move |line| {
            let uploaded = Arc::clone(&uploaded);
            let sink = Arc::clone(&sink);
            async move {
                tokio::time::sleep(Duration::from_millis(10)).await; // a slow upload
                sink.lock().unwrap().push(line);
                uploaded.fetch_add(1, Ordering::SeqCst);
            }
        })
        .await;
        let lines = received.lock().unwrap().clone();
        (count, lines, max_ahead.load(Ordering::SeqCst))
    }

    fn expected(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("line {i}")).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn every_line_arrives_in_order() {
        let (count, lines, _) = run(50, 4).await;
        assert_eq!(count, 50);
        assert_eq!(lines, expected(50));
    }

    // Ahead = lines in the channel, plus one in the uploader's hands and one the producer
    // holds while it waits for room.
    #[tokio::test(start_paused = true)]
    async fn the_producer_waits_when_the_channel_is_full() {
        for capacity in [1, 4, 16] {
            let (count, lines, max_ahead) = run(200, capacity).await;
            assert_eq!((count, lines), (200, expected(200)), "capacity {capacity}");
            assert!(
                max_ahead <= capacity + 2,
                "capacity {capacity}: the source ran {max_ahead} lines ahead of the uploader"
            );
            assert!(
                max_ahead >= capacity,
                "capacity {capacity}: the source never read ahead while the uploader worked"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn an_empty_source_ships_nothing() {
        let (count, lines, _) = run(0, 3).await;
        assert_eq!(count, 0);
        assert!(lines.is_empty());
    }
}
