//! Challenge: a per-client token-bucket rate limiter. Each client's bucket holds up to
//! `burst` tokens, refills continuously at `per_second` tokens per second, and every request
//! takes one token or is refused. Refilling "continuously" is the hard part: requests arrive
//! at arbitrary instants, so partial tokens must carry over instead of being rounded away.

// The limiter below passes the simple tests but throttles well-behaved clients. Find out
// why with the failing tests, then fix it so it meets the specification on `RateLimiter`.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// Where the limiter reads the time. Tests drive their own clock.
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

struct Bucket {
    /// Time already "paid for": each request costs one `interval`; capped at `burst` requests.
    credit: Duration,
    updated: Instant,
}

/// Rate limits requests per client.
///
/// - A client's bucket starts full, with `burst` tokens.
/// - Tokens refill continuously at `per_second` per second, never above `burst`: at 4 per
///   second, 250 ms adds one token, and 100 ms adds 0.4 of a token that counts towards the
///   next one (whether or not a request came in meanwhile, refused or not).
/// - `try_acquire` takes one token and returns `true`, or returns `false` and takes nothing.
/// - All methods take `&self` and may be called from many threads at once.
pub struct RateLimiter {
    /// Time to earn one token.
    interval: Duration,
    /// Credit of a full bucket: `burst` intervals.
    capacity: Duration,
    clock: Arc<dyn Clock>,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl RateLimiter {
    pub fn new(per_second: NonZeroU32, burst: NonZeroU32, clock: Arc<dyn Clock>) -> Self {
        let interval = Duration::from_secs(1) / per_second.get();
        RateLimiter {
            interval,
            capacity: interval * burst.get(),
            clock,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token from `client`'s bucket if there is one.
    pub fn try_acquire(&self, client: &str) -> bool {
        let now = self.clock.now();
        let mut buckets = self.lock();
        let bucket = match buckets.get_mut(client) {
            Some(bucket) => bucket,
            None => buckets.entry(client.to_string()).or_insert(Bucket {
                credit: self.capacity,
                updated: now,
            }),
        };
        self.refill(bucket, now);
        if bucket.credit < self.interval {
            return false;
        }
        bucket.credit -= self.interval;
        true
    }

    /// Forgets clients whose bucket is full again (they would behave exactly like a new
    /// client); returns how many were forgotten.
    pub fn forget_idle(&self) -> usize {
        let now = self.clock.now();
        let mut buckets = self.lock();
        let before = buckets.len();
        buckets.retain(|_, bucket| {
            self.refill(bucket, now);
            bucket.credit < self.capacity
        });
        before - buckets.len()
    }

    /// How many clients currently have a bucket.
    pub fn tracked_clients(&self) -> usize {
        self.lock().len()
    }

    fn refill(&self, bucket: &mut Bucket, now: Instant) {
        let earned = now.saturating_duration_since(bucket.updated);
        bucket.credit = (bucket.credit + earned).min(self.capacity);
        bucket.updated = now;
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Bucket>> {
        self.buckets.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Clock, RateLimiter, SystemClock};
    use std::num::NonZeroU32;
    use std::sync::{Arc, Mutex};
    use std::thread;
    use std::time::{Duration, Instant};

    struct ManualClock {
        now: Mutex<Instant>,
    }

    impl ManualClock {
        fn advance(&self, by: Duration) {
            *self.now.lock().unwrap() += by;
        }
    }

    impl Clock for ManualClock {
        fn now(&self) -> Instant {
            *self.now.lock().unwrap()
        }
    }

    fn limiter(per_second: u32, burst: u32) -> (RateLimiter, Arc<ManualClock>) {
        let clock = Arc::new(ManualClock {
            now: Mutex::new(Instant::now()),
        });
        let nz = |n| NonZeroU32::new(n).expect("non-zero");
        (
            RateLimiter::new(nz(per_second), nz(burst), clock.clone()),
            clock,
        )
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn granted(limiter: &RateLimiter, client: &str, attempts: usize) -> usize {
        (0..attempts)
            .filter(|_| limiter.try_acquire(client))
            .count()
    }

    #[test]
    fn a_new_client_gets_a_full_burst() {
        let (limiter, _clock) = limiter(1, 5);
        assert_eq!(granted(&limiter, "alice", 8), 5);
    }

    #[test]
    fn clients_have_separate_buckets() {
        let (limiter, _clock) = limiter(1, 2);
        assert_eq!(granted(&limiter, "alice", 3), 2);
        assert_eq!(granted(&limiter, "bob", 3), 2);
        assert_eq!(limiter.tracked_clients(), 2);
    }

    #[test]
    fn whole_seconds_refill_whole_tokens() {
        let (limiter, clock) = limiter(2, 4);
        assert_eq!(granted(&limiter, "alice", 4), 4);
        clock.advance(Duration::from_secs(1));
        assert_eq!(granted(&limiter, "alice", 4), 2);
    }

    #[test]
    fn sub_millisecond_traffic_at_the_allowed_rate_is_never_refused() {
        let (fast, clock) = limiter(4_000, 1);
        for request in 0..400 {
            assert!(
                fast.try_acquire("alice"),
                "request {request}, 250 µs after the previous one, at 4000/s"
            );
            clock.advance(Duration::from_micros(250));
        }
        let (slow, clock) = limiter(3, 3);
        assert_eq!(granted(&slow, "bob", 3), 3);
        clock.advance(Duration::from_secs(1));
        assert_eq!(
            granted(&slow, "bob", 5),
            3,
            "a second at 3/s earns 3 tokens"
        );
    }

    #[test]
    fn refill_never_exceeds_the_burst() {
        let (limiter, clock) = limiter(10, 3);
        assert_eq!(granted(&limiter, "alice", 3), 3);
        clock.advance(Duration::from_secs(3600));
        assert_eq!(granted(&limiter, "alice", 10), 3);
    }

    #[test]
    fn steady_traffic_at_the_allowed_rate_is_never_refused() {
        let (limiter, clock) = limiter(10, 1);
        for request in 0..100 {
            assert!(
                limiter.try_acquire("alice"),
                "request {request}, 100 ms after the previous one, at 10/s"
            );
            clock.advance(ms(100));
        }
    }

    #[test]
    fn partial_tokens_accumulate() {
        let (limiter, clock) = limiter(4, 1);
        assert!(limiter.try_acquire("alice"));
        clock.advance(ms(100));
        assert!(
            !limiter.try_acquire("alice"),
            "0.4 of a token is not enough"
        );
        clock.advance(ms(100));
        assert!(
            !limiter.try_acquire("alice"),
            "0.8 of a token is not enough"
        );
        clock.advance(ms(50));
        assert!(
            limiter.try_acquire("alice"),
            "250 ms at 4/s earn a whole token, across refusals"
        );
        assert!(!limiter.try_acquire("alice"));
    }

    #[test]
    fn heavy_traffic_gets_exactly_burst_plus_rate() {
        let (limiter, clock) = limiter(5, 5);
        let mut allowed = 0;
        for _ in 0..1000 {
            allowed += usize::from(limiter.try_acquire("crawler"));
            clock.advance(ms(10));
        }
        assert_eq!(
            allowed, 54,
            "100 requests/s for 9.99 s at 5/s with a burst of 5: 5 + 49"
        );
    }

    #[test]
    fn concurrent_callers_share_one_bucket_exactly() {
        let (limiter, _clock) = limiter(1, 50);
        let limiter = Arc::new(limiter);
        let workers: Vec<_> = (0..8)
            .map(|_| {
                let limiter = Arc::clone(&limiter);
                thread::spawn(move || granted(&limiter, "shared", 100))
            })
            .collect();
        let total: usize = workers.into_iter().map(|w| w.join().expect("worker")).sum();
        assert_eq!(
            total, 50,
            "the clock never moved, so exactly the burst is granted"
        );
    }

    #[test]
    fn idle_clients_are_forgotten_once_full() {
        let (limiter, clock) = limiter(5, 5);
        assert!(limiter.try_acquire("early"));
        clock.advance(ms(150));
        assert!(limiter.try_acquire("late"));
        assert_eq!(limiter.forget_idle(), 0);
        clock.advance(ms(50));
        assert_eq!(
            limiter.forget_idle(),
            1,
            "`early` refilled 200 ms after its request"
        );
        assert_eq!(limiter.tracked_clients(), 1);
        clock.advance(ms(150));
        assert_eq!(limiter.forget_idle(), 1);
        assert_eq!(limiter.tracked_clients(), 0);
        assert_eq!(
            granted(&limiter, "early", 9),
            5,
            "a forgotten client starts full again"
        );
    }

    #[test]
    fn works_on_the_system_clock() {
        let limiter = RateLimiter::new(NonZeroU32::MIN, NonZeroU32::MIN, Arc::new(SystemClock));
        assert!(limiter.try_acquire("alice"));
        assert!(!limiter.try_acquire("alice"));
    }
}
