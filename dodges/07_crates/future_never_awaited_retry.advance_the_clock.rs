//! Calling an `async fn` runs none of its body: it returns a future, and nothing happens
//! until that future is awaited (polled). `tokio::time::sleep` is the same: it returns a
//! `Sleep` that waits only while someone awaits it. Futures are `#[must_use]`, and this
//! file turns the `unused_must_use` warning into an error.
#![deny(unused_must_use)]

// Make the tests pass: `deliver` sends a message, retrying a failed send with exponential
// backoff (100 ms, then 200 ms, 400 ms, ...), and records every failed attempt in the audit
// log. Keep the signatures as they are.

use std::time::Duration;
use tokio::sync::Mutex;

/// Where a message goes: a network peer in production, a fake in the tests.
pub trait Transport {
    fn send(&mut self, msg: &str) -> impl Future<Output = Result<(), String>>;
}

/// An append-only log that lives behind an async lock (in production: a file or a service).
#[derive(Default)]
pub struct Audit {
    entries: Mutex<Vec<String>>,
}

impl Audit {
    pub async fn record(&self, entry: String) {
        self.entries.lock().await.push(entry);
    }

    pub async fn entries(&self) -> Vec<String> {
        self.entries.lock().await.clone()
    }
}

/// Tries up to `max_attempts` times; returns the attempt that succeeded.
pub async fn deliver<T: Transport>(
    transport: &mut T,
    msg: &str,
    audit: &Audit,
    max_attempts: u32,
) -> Result<u32, String> {
    let mut backoff = Duration::from_millis(100);
    for attempt in 1..=max_attempts {
        match transport.send(msg).await {
            Ok(()) => return Ok(attempt),
            Err(e) => {
                audit.record(format!("attempt {attempt} failed: {e}")).await;
                if attempt < max_attempts {
                    // Move the clock on by the backoff: no real waiting at all.
                    tokio::time::advance(backoff).await;
                    backoff *= 2;
                }
            }
        }
    }
    Err(format!("gave up after {max_attempts} attempts"))
}

fn main() {
    // Free to experiment; the tests run `deliver` on a runtime with a paused clock.
}

#[cfg(test)]
mod tests {
    use super::{Audit, Transport, deliver};
    use std::time::Duration;
    use tokio::time::Instant;

    /// Fails the first `failures` sends, and notes the (virtual) time of every attempt.
    struct Flaky {
        failures: usize,
        attempts: Vec<Instant>,
    }

    impl Transport for Flaky {
        async fn send(&mut self, _msg: &str) -> Result<(), String> {
            self.attempts.push(Instant::now());
            if self.attempts.len() <= self.failures {
                Err("connection reset".to_string())
            } else {
                Ok(())
            }
        }
    }

    fn gaps_ms(attempts: &[Instant]) -> Vec<u128> {
        attempts
            .windows(2)
            .map(|w| (w[1] - w[0]).as_millis())
            .collect()
    }

    // The clock is paused: sleeps complete at once in real time, while tokio's clock
    // advances by exactly the time slept.
    #[tokio::test(start_paused = true)]
    async fn retries_with_backoff_then_succeeds() {
        let audit = Audit::default();
        let mut transport = Flaky {
            failures: 2,
            attempts: Vec::new(),
        };
        let result = deliver(&mut transport, "hello", &audit, 5).await;
        assert_eq!(result, Ok(3));
        assert_eq!(gaps_ms(&transport.attempts), vec![100, 200]);
        assert_eq!(
            audit.entries().await,
            vec![
                "attempt 1 failed: connection reset",
                "attempt 2 failed: connection reset"
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_without_sleeping_after_the_last_attempt() {
        let audit = Audit::default();
        let mut transport = Flaky {
            failures: usize::MAX,
            attempts: Vec::new(),
        };
        let start = Instant::now();
        let result = deliver(&mut transport, "hello", &audit, 4).await;
        assert_eq!(result, Err("gave up after 4 attempts".to_string()));
        assert_eq!(gaps_ms(&transport.attempts), vec![100, 200, 400]);
        assert_eq!(start.elapsed(), Duration::from_millis(700));
        assert_eq!(audit.entries().await.len(), 4);
    }

    #[tokio::test(start_paused = true)]
    async fn first_try_needs_no_wait_and_no_audit() {
        let audit = Audit::default();
        let mut transport = Flaky {
            failures: 0,
            attempts: Vec::new(),
        };
        let start = Instant::now();
        assert_eq!(deliver(&mut transport, "hi", &audit, 3).await, Ok(1));
        assert_eq!(start.elapsed(), Duration::ZERO);
        assert!(audit.entries().await.is_empty());
    }

    #[tokio::test]
    async fn record_is_async() {
        let audit = Audit::default();
        let pending = audit.record("queued".to_string());
        assert!(
            audit.entries().await.is_empty(),
            "nothing runs before the await"
        );
        pending.await;
        assert_eq!(audit.entries().await, vec!["queued"]);
    }
}
