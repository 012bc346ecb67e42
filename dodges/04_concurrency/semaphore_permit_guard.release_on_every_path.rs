//! A semaphore caps how many threads may be inside a section at once: taking a permit
//! waits while every permit is out. A permit that has to be given back by hand leaks on
//! every early `return`, every `?` and every panic between taking it and giving it back,
//! and once enough have leaked nobody gets in at all. The cure is the one `MutexGuard`
//! uses: taking a permit hands out a guard, and dropping the guard, on whatever path the
//! code leaves by, gives the permit back.

// Make the tests pass (as shipped, they hang: failed downloads never give their permit
// back). Keep the semaphore's `Mutex` and `Condvar`; change how permits are handed out, so
// that a permit cannot be lost on any path.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;

/// Hands out up to `permits` permits at a time.
pub struct Semaphore {
    permits: usize,
    available: Mutex<usize>,
    freed: Condvar,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            permits,
            available: Mutex::new(permits),
            freed: Condvar::new(),
        }
    }

    /// The counter is consistent after every operation, so a poisoned lock is safe to use.
    fn count(&self) -> MutexGuard<'_, usize> {
        self.available
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until a permit is free, then takes it.
    pub fn acquire(&self) {
        let mut available = self
            .freed
            .wait_while(self.count(), |available| *available == 0)
            .unwrap_or_else(PoisonError::into_inner);
        *available -= 1;
    }

    /// Gives a permit back and wakes one waiting thread.
    pub fn release(&self) {
        *self.count() += 1;
        self.freed.notify_one();
    }

    /// How many permits are free right now.
    pub fn available(&self) -> usize {
        *self.count()
    }

    /// How many permits there are in all.
    pub fn permits(&self) -> usize {
        self.permits
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// The server answered with this HTTP status.
    Status(u16),
    /// The download's thread panicked.
    Panicked,
}

/// Downloads every URL on a thread of its own, each holding one of `gate`'s permits while
/// it downloads, so that at most `gate.permits()` downloads are in flight at once. Returns
/// each body's length in URL order; a download that panics is reported as
/// `FetchError::Panicked` and does not stop the others.
pub fn fetch_all<F>(urls: &[&str], gate: &Semaphore, fetch: F) -> Vec<Result<usize, FetchError>>
where
    F: Fn(&str) -> Result<Vec<u8>, FetchError> + Sync,
{
    let fetch = &fetch;
    thread::scope(|scope| {
        let downloads: Vec<_> = urls
            .iter()
            .map(|&url| {
                scope.spawn(move || {
                    gate.acquire();
                    // Give the permit back on both paths, and if the download panics.
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fetch(url)));
                    gate.release();
                    match result {
                        Ok(Ok(body)) => Ok(body.len()),
                        Ok(Err(error)) => Err(error),
                        Err(_) => Err(FetchError::Panicked),
                    }
                })
            })
            .collect();
        downloads
            .into_iter()
            .map(|download| download.join().unwrap_or(Err(FetchError::Panicked)))
            .collect()
    })
}

fn main() {
    // Free to experiment: let gate = Semaphore::new(2); println!("{:?}", fetch_all(&["a"], &gate, |_| Ok(vec![1])));
}

#[cfg(test)]
mod tests {
    use super::{FetchError, Semaphore, fetch_all};
    use std::panic::{self, AssertUnwindSafe};
    use std::sync::{Condvar, Mutex};
    use std::time::Duration;

    /// Counts the downloads in flight. The first `expected` downloads wait until `expected`
    /// of them are in flight at the same moment, so downloads that run one after another
    /// never get through; it gives up after a few seconds instead of hanging.
    struct InFlight {
        state: Mutex<(usize, usize)>,
        changed: Condvar,
        expected: usize,
    }

    impl InFlight {
        fn new(expected: usize) -> Self {
            InFlight {
                state: Mutex::new((0, 0)),
                changed: Condvar::new(),
                expected,
            }
        }

        fn enter(&self) {
            let mut state = self.state.lock().unwrap();
            state.0 += 1; // in flight now
            state.1 += 1; // entered so far
            self.changed.notify_all();
            if state.1 <= self.expected {
                let (state, waited) = self
                    .changed
                    .wait_timeout_while(state, Duration::from_secs(3), |state| {
                        state.0 < self.expected && state.1 <= self.expected
                    })
                    .unwrap();
                assert!(
                    !waited.timed_out(),
                    "only {} downloads were in flight at once, with {} permits",
                    state.0,
                    self.expected
                );
            }
        }

        fn leave(&self) {
            self.state.lock().unwrap().0 -= 1;
        }
    }

    #[test]
    fn dropping_a_permit_gives_it_back() {
        let gate = Semaphore::new(2);
        {
            let _first = gate.acquire();
            let _second = gate.acquire();
            assert_eq!(gate.available(), 0);
        }
        assert_eq!(gate.available(), 2, "both permits are back once dropped");
        let _third = gate.acquire();
        assert_eq!(gate.available(), 1);
    }

    #[test]
    fn a_panic_gives_the_permit_back() {
        let gate = Semaphore::new(1);
        let crashed = panic::catch_unwind(AssertUnwindSafe(|| {
            let _permit = gate.acquire();
            panic!("the parser crashed");
        }));
        assert!(crashed.is_err());
        assert_eq!(gate.available(), 1);
    }

    #[test]
    fn downloads_share_the_permits() {
        let gate = Semaphore::new(3);
        let in_flight = InFlight::new(3);
        let urls = ["/a", "/bb", "/ccc", "/dddd", "/e", "/ff", "/ggg", "/hhhh"];
        let lengths = fetch_all(&urls, &gate, |url| {
            in_flight.enter();
            assert!(
                gate.available() < 3,
                "a download is running without holding a permit"
            );
            in_flight.leave();
            Ok(vec![0; url.len() - 1])
        });
        assert_eq!(lengths, [1, 2, 3, 4, 1, 2, 3, 4].map(Ok));
        assert_eq!(gate.available(), 3, "every permit is back");
    }

    #[test]
    fn failed_downloads_give_their_permit_back() {
        let gate = Semaphore::new(2);
        let urls = ["/gone", "/gone", "/gone", "/gone", "/ok", "/ok"];
        let results = fetch_all(&urls, &gate, |url| match url {
            "/gone" => Err(FetchError::Status(404)),
            _ => Ok(b"hello".to_vec()),
        });
        let mut expected = vec![Err(FetchError::Status(404)); 4];
        expected.extend([Ok(5), Ok(5)]);
        assert_eq!(results, expected);
        assert_eq!(gate.available(), 2);
    }

    #[test]
    fn a_panicking_download_is_reported_and_frees_its_permit() {
        let gate = Semaphore::new(1);
        let urls = ["/crash", "/ok", "/crash", "/ok"];
        let results = fetch_all(&urls, &gate, |url| {
            assert_ne!(url, "/crash", "simulated crash");
            Ok(vec![1, 2])
        });
        assert_eq!(
            results,
            [
                Err(FetchError::Panicked),
                Ok(2),
                Err(FetchError::Panicked),
                Ok(2)
            ]
        );
        assert_eq!(gate.available(), 1);
    }
}
