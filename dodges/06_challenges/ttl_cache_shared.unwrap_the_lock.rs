//! Challenge: a TTL cache shared between threads. One `Arc<Mutex<HashMap<K, (V, Instant)>>>`
//! holds every entry with the time it was inserted; each handle is a cheap clone of the `Arc`.
//! Time comes from an injected `Clock`, so expiry is testable without sleeping: code that
//! calls `Instant::now()` directly can only be tested by waiting for real time to pass.

// Implement every method marked `todo!()`. The specification is in the doc comments.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where the cache reads the time. Production uses `SystemClock`; tests drive their own.
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A map whose entries expire `ttl` after they were last inserted.
///
/// An entry inserted at time `t` is live while less than `ttl` has passed since `t`, and
/// expired from `t + ttl` on. A clock that steps back (clocks do, when they are corrected)
/// never makes an entry expire early, and a `ttl` as long as `Duration::MAX` means entries
/// never expire. Expired entries are never returned; they stay stored (and counted by `len`)
/// until `get`, `remove` or `cleanup` comes across them.
///
/// Cloning a `TtlCache` gives another handle to the same entries, never a copy; handles may
/// be sent to other threads. Cloning a handle must not require `K: Clone` or `V: Clone`.
pub struct TtlCache<K, V> {
    /// Each value with the instant it was inserted.
    entries: Arc<Mutex<HashMap<K, (V, Instant)>>>,
    ttl: Duration,
    clock: Arc<dyn Clock>,
}

impl<K, V> TtlCache<K, V> {
    /// A cache on the system clock.
    pub fn new(ttl: Duration) -> Self {
        Self::with_clock(ttl, Arc::new(SystemClock))
    }

    pub fn with_clock(ttl: Duration, clock: Arc<dyn Clock>) -> Self {
        TtlCache {
            entries: Arc::new(Mutex::new(HashMap::new())),
            ttl,
            clock,
        }
    }

    /// Number of stored entries, expired ones that were not cleaned up yet included.
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether an entry inserted at `inserted` is still live at `now`. Measures the age
    /// instead of adding `ttl` to the insert time, so neither a huge `ttl` overflows nor a
    /// clock that stepped back makes the age negative.
    fn is_live(&self, inserted: Instant, now: Instant) -> bool {
        now.saturating_duration_since(inserted) < self.ttl
    }
}

impl<K, V> Clone for TtlCache<K, V> {
    fn clone(&self) -> Self {
        TtlCache {
            entries: Arc::clone(&self.entries),
            ttl: self.ttl,
            clock: Arc::clone(&self.clock),
        }
    }
}

impl<K: Hash + Eq, V> TtlCache<K, V> {
    /// Inserts or replaces `key`; the entry expires `ttl` from now. Returns the previous value
    /// if it was still live (an expired previous value counts as absent).
    pub fn insert(&self, key: K, value: V) -> Option<V> {
        let now = self.clock.now();
        let previous = self.entries.lock().unwrap().insert(key, (value, now));
        previous.and_then(|(value, inserted)| self.is_live(inserted, now).then_some(value))
    }

    /// Removes `key`; returns its value if it was live. An expired entry is removed too.
    pub fn remove<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let now = self.clock.now();
        let (value, inserted) = self.entries.lock().unwrap().remove(key)?;
        self.is_live(inserted, now).then_some(value)
    }

    /// Removes every expired entry; returns how many were removed.
    pub fn cleanup(&self) -> usize {
        let now = self.clock.now();
        let mut entries = self.entries.lock().unwrap();
        let before = entries.len();
        entries.retain(|_, (_, inserted)| self.is_live(*inserted, now));
        before - entries.len()
    }
}

impl<K: Hash + Eq, V: Clone> TtlCache<K, V> {
    /// A copy of the value for `key` if it is live. Finding an expired entry removes it.
    /// Takes any borrowed form of the key (`&str` for `String` keys).
    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let now = self.clock.now();
        let mut entries = self.entries.lock().unwrap();
        match entries.get(key) {
            Some((value, inserted)) if self.is_live(*inserted, now) => Some(value.clone()),
            Some(_) => {
                entries.remove(key);
                None
            }
            None => None,
        }
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Clock, TtlCache};
    use std::sync::{Arc, Mutex};
    use std::thread;
    use std::time::{Duration, Instant};

    /// A clock that only moves when told to.
    struct ManualClock {
        now: Mutex<Instant>,
    }

    impl ManualClock {
        fn new() -> Arc<ManualClock> {
            Arc::new(ManualClock {
                now: Mutex::new(Instant::now()),
            })
        }
        fn advance(&self, by: Duration) {
            *self.now.lock().unwrap() += by;
        }
        fn step_back(&self, by: Duration) {
            *self.now.lock().unwrap() -= by;
        }
    }

    impl Clock for ManualClock {
        fn now(&self) -> Instant {
            *self.now.lock().unwrap()
        }
    }

    const TTL: Duration = Duration::from_secs(60);
    const MS: Duration = Duration::from_millis(1);

    fn cache_with_clock() -> (TtlCache<String, u32>, Arc<ManualClock>) {
        let clock = ManualClock::new();
        (TtlCache::with_clock(TTL, clock.clone()), clock)
    }

    /// A value type that cannot be cloned.
    #[derive(Debug, PartialEq)]
    struct Session {
        user: &'static str,
    }

    #[test]
    fn get_returns_live_values_by_borrowed_key() {
        let (cache, _clock) = cache_with_clock();
        assert_eq!(cache.insert("alice".to_string(), 7), None);
        assert_eq!(cache.get("alice"), Some(7));
        assert_eq!(cache.get("bob"), None);
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn entries_expire_exactly_at_the_ttl() {
        let (cache, clock) = cache_with_clock();
        cache.insert("token".to_string(), 1);
        clock.advance(TTL - MS);
        assert_eq!(cache.get("token"), Some(1), "live until the deadline");
        clock.advance(MS);
        assert_eq!(cache.get("token"), None, "expired at insert time + ttl");
    }

    #[test]
    fn finding_an_expired_entry_removes_it() {
        let (cache, clock) = cache_with_clock();
        cache.insert("a".to_string(), 1);
        cache.insert("b".to_string(), 2);
        clock.advance(TTL);
        assert_eq!(
            cache.len(),
            2,
            "expired entries stay stored until someone looks"
        );
        assert_eq!(cache.get("a"), None);
        assert_eq!(cache.len(), 1, "get removed the expired entry it found");
    }

    #[test]
    fn reinserting_refreshes_the_deadline() {
        let (cache, clock) = cache_with_clock();
        cache.insert("k".to_string(), 1);
        clock.advance(Duration::from_secs(40));
        assert_eq!(
            cache.insert("k".to_string(), 2),
            Some(1),
            "the previous live value"
        );
        clock.advance(Duration::from_secs(40));
        assert_eq!(
            cache.get("k"),
            Some(2),
            "80 s after the first insert, 40 s after the second"
        );
    }

    #[test]
    fn insert_over_an_expired_entry_returns_none() {
        let (cache, clock) = cache_with_clock();
        cache.insert("k".to_string(), 1);
        clock.advance(TTL);
        assert_eq!(cache.insert("k".to_string(), 2), None);
        assert_eq!(cache.get("k"), Some(2));
    }

    #[test]
    fn remove_returns_only_live_values() {
        let (cache, clock) = cache_with_clock();
        cache.insert("live".to_string(), 1);
        assert_eq!(cache.remove("live"), Some(1));
        assert_eq!(cache.remove("live"), None);
        cache.insert("stale".to_string(), 2);
        clock.advance(TTL);
        assert_eq!(cache.remove("stale"), None);
        assert!(cache.is_empty(), "remove drops an expired entry too");
    }

    #[test]
    fn cleanup_removes_exactly_the_expired_entries() {
        let (cache, clock) = cache_with_clock();
        for i in 0..5 {
            cache.insert(format!("old{i}"), i);
        }
        clock.advance(Duration::from_secs(30));
        for i in 0..3 {
            cache.insert(format!("new{i}"), i);
        }
        assert_eq!(cache.cleanup(), 0, "nothing has expired yet");
        clock.advance(Duration::from_secs(30));
        assert_eq!(cache.cleanup(), 5);
        assert_eq!(cache.len(), 3);
        assert_eq!(cache.get("new2"), Some(2));
        clock.advance(Duration::from_secs(30));
        assert_eq!(cache.cleanup(), 3);
        assert!(cache.is_empty());
    }

    #[test]
    fn a_clock_that_steps_back_expires_nothing_early() {
        let (cache, clock) = cache_with_clock();
        clock.advance(TTL);
        cache.insert("k".to_string(), 1);
        clock.step_back(Duration::from_secs(30));
        assert_eq!(cache.get("k"), Some(1), "the clock was corrected backwards");
        assert_eq!(cache.cleanup(), 0);
        clock.advance(Duration::from_secs(30) + TTL - MS);
        assert_eq!(cache.get("k"), Some(1));
        clock.advance(MS);
        assert_eq!(cache.get("k"), None);
    }

    #[test]
    fn a_ttl_of_duration_max_never_expires() {
        let clock = ManualClock::new();
        let cache: TtlCache<&str, u8> = TtlCache::with_clock(Duration::MAX, clock.clone());
        assert_eq!(cache.insert("forever", 1), None);
        clock.advance(Duration::from_secs(100 * 365 * 24 * 3600));
        assert_eq!(cache.insert("forever", 2), Some(1));
        assert_eq!(cache.get("forever"), Some(2));
        assert_eq!(cache.cleanup(), 0);
        assert_eq!(cache.remove("forever"), Some(2));
    }

    #[test]
    fn clones_share_the_same_entries() {
        let (cache, clock) = cache_with_clock();
        let handle = cache.clone();
        handle.insert("shared".to_string(), 42);
        assert_eq!(cache.get("shared"), Some(42));
        clock.advance(TTL);
        assert_eq!(cache.cleanup(), 1);
        assert!(handle.is_empty(), "one map behind both handles");
    }

    #[test]
    fn handles_clone_without_cloning_values() {
        let clock = ManualClock::new();
        let sessions: TtlCache<u64, Session> = TtlCache::with_clock(TTL, clock.clone());
        let handle = sessions.clone();
        handle.insert(1, Session { user: "alice" });
        assert_eq!(sessions.len(), 1);
        assert_eq!(sessions.remove(&1), Some(Session { user: "alice" }));
    }

    #[test]
    fn handles_work_from_many_threads() {
        let (cache, clock) = cache_with_clock();
        let workers: Vec<_> = (0..4u32)
            .map(|worker| {
                let cache = cache.clone();
                thread::spawn(move || {
                    for i in 0..100 {
                        cache.insert(format!("w{worker}-{i}"), worker * 1000 + i);
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("worker thread");
        }
        assert_eq!(cache.len(), 400);
        assert_eq!(cache.get("w3-99"), Some(3099));
        clock.advance(TTL);
        assert_eq!(cache.cleanup(), 400);
    }

    /// A value that cannot be copied when it is 0: `get` copies it while holding the lock,
    /// so the lock is poisoned when the copy panics.
    #[derive(Debug, PartialEq)]
    struct Fragile(u32);

    impl Clone for Fragile {
        fn clone(&self) -> Self {
            assert_ne!(self.0, 0, "this value breaks when copied");
            Fragile(self.0)
        }
    }

    #[test]
    fn a_panic_in_another_handle_leaves_the_cache_usable() {
        let clock = ManualClock::new();
        let cache: TtlCache<&str, Fragile> = TtlCache::with_clock(TTL, clock.clone());
        cache.insert("broken", Fragile(0));
        cache.insert("fine", Fragile(1));
        let handle = cache.clone();
        let crashed = thread::spawn(move || handle.get("broken")).join();
        assert!(crashed.is_err(), "copying the broken value panicked");
        assert_eq!(
            cache.get("fine"),
            Some(Fragile(1)),
            "the other handles keep working after a panic"
        );
        assert_eq!(cache.insert("new", Fragile(2)), None);
        assert_eq!(cache.len(), 3);
    }

    #[test]
    fn the_system_clock_works_for_real_time() {
        let cache = TtlCache::new(Duration::from_secs(3600));
        cache.insert("now", "fresh");
        assert_eq!(cache.get("now"), Some("fresh"));
    }
}
