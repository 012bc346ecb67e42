//! Challenge: an LRU (least-recently-used) cache with O(1) `get` and `put`. The classic
//! design pairs a hash map (key -> slot) with a doubly linked list ordered by recency. In
//! safe Rust the list lives in a `Vec` and links are indices, not pointers: no `Rc<RefCell>`
//! cycles, no `unsafe`, and slots of evicted entries are reused in place.

// Design `LruCache` (replace the `_todo` field with your own) and implement every method
// marked `todo!()`. The tests check behaviour against a simple model, count key
// comparisons and hashes to check that each operation does O(1) work, and fill a cache so
// large that looking through its entries on every eviction would not finish in time.

use std::hash::Hash;
use std::collections::VecDeque;
use std::num::NonZeroUsize;

/// A map holding at most `capacity` entries; inserting into a full cache evicts the entry
/// that was used least recently. `get` and `put` count as uses; `peek` does not.
pub struct LruCache<K, V> {
    capacity: NonZeroUsize,
    /// Most recently used first.
    entries: VecDeque<(K, V)>,
}

impl<K: Hash + Eq + Clone, V> LruCache<K, V> {
    pub fn new(capacity: NonZeroUsize) -> Self {
        LruCache {
            capacity,
            entries: VecDeque::new(),
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity.get()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&mut self, key: &K) -> Option<&V> {
        let at = self.entries.iter().position(|(k, _)| k == key)?;
        let entry = self.entries.remove(at)?;
        self.entries.push_front(entry);
        self.entries.front().map(|(_, v)| v)
    }

    pub fn peek(&self, key: &K) -> Option<&V> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn put(&mut self, key: K, value: V) -> Option<(K, V)> {
        if let Some(at) = self.entries.iter().position(|(k, _)| *k == key) {
            self.entries.remove(at);
            self.entries.push_front((key, value));
            return None;
        }
        self.entries.push_front((key, value));
        if self.entries.len() > self.capacity.get() {
            return self.entries.pop_back();
        }
        None
    }

    pub fn keys_by_recency(&self) -> Vec<&K> {
        self.entries.iter().map(|(k, _)| k).collect()
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::LruCache;
    use std::cell::Cell;
    use std::hash::{Hash, Hasher};
    use std::num::NonZeroUsize;
    use std::rc::Rc;

    fn cap(n: usize) -> NonZeroUsize {
        NonZeroUsize::new(n).expect("non-zero capacity")
    }

    fn recency<V>(cache: &LruCache<&'static str, V>) -> Vec<&'static str> {
        cache.keys_by_recency().into_iter().copied().collect()
    }

    #[test]
    fn get_hits_and_misses() {
        let mut cache = LruCache::new(cap(2));
        assert!(cache.is_empty());
        assert_eq!(cache.put("home", 1), None);
        assert_eq!(cache.get(&"home"), Some(&1));
        assert_eq!(cache.get(&"away"), None);
        assert_eq!((cache.len(), cache.capacity()), (1, 2));
    }

    #[test]
    fn a_full_cache_evicts_the_least_recently_used() {
        let mut cache = LruCache::new(cap(3));
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        assert_eq!(cache.put("d", 4), Some(("a", 1)));
        assert_eq!(recency(&cache), ["d", "c", "b"]);
        assert_eq!(cache.len(), 3);
    }

    #[test]
    fn get_refreshes_recency() {
        let mut cache = LruCache::new(cap(3));
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        assert_eq!(cache.get(&"a"), Some(&1));
        assert_eq!(cache.put("d", 4), Some(("b", 2)), "a was used after b");
        assert_eq!(recency(&cache), ["d", "a", "c"]);
    }

    #[test]
    fn updating_refreshes_and_never_evicts() {
        let mut cache = LruCache::new(cap(2));
        cache.put("a", 1);
        cache.put("b", 2);
        assert_eq!(cache.put("a", 10), None);
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.put("c", 3), Some(("b", 2)));
        assert_eq!(cache.peek(&"a"), Some(&10));
    }

    #[test]
    fn peek_does_not_refresh() {
        let mut cache = LruCache::new(cap(2));
        cache.put("a", 1);
        cache.put("b", 2);
        assert_eq!(cache.peek(&"a"), Some(&1));
        assert_eq!(cache.put("c", 3), Some(("a", 1)));
    }

    #[test]
    fn capacity_one_keeps_only_the_latest() {
        let mut cache = LruCache::new(cap(1));
        cache.put("a", 1);
        assert_eq!(cache.put("b", 2), Some(("a", 1)));
        assert_eq!(cache.get(&"a"), None);
        assert_eq!(cache.get(&"b"), Some(&2));
        assert_eq!(cache.put("b", 3), None);
        assert_eq!(recency(&cache), ["b"]);
    }

    #[test]
    fn values_need_no_traits() {
        struct Connection {
            port: u16,
        }
        let mut pool = LruCache::new(cap(2));
        pool.put("db", Connection { port: 5432 });
        pool.put("cache", Connection { port: 6379 });
        assert_eq!(pool.get(&"db").map(|c| c.port), Some(5432));
        let evicted = pool.put("queue", Connection { port: 5672 });
        assert_eq!(
            evicted.map(|(name, c)| (name, c.port)),
            Some(("cache", 6379))
        );
    }

    /// A simple, obviously right model: a list ordered from most to least recent.
    struct Model {
        capacity: usize,
        entries: Vec<(u32, u32)>,
    }

    impl Model {
        fn get(&mut self, key: u32) -> Option<u32> {
            let at = self.entries.iter().position(|&(k, _)| k == key)?;
            let entry = self.entries.remove(at);
            self.entries.insert(0, entry);
            Some(entry.1)
        }
        fn put(&mut self, key: u32, value: u32) -> Option<(u32, u32)> {
            if let Some(at) = self.entries.iter().position(|&(k, _)| k == key) {
                self.entries.remove(at);
                self.entries.insert(0, (key, value));
                return None;
            }
            self.entries.insert(0, (key, value));
            (self.entries.len() > self.capacity)
                .then(|| self.entries.pop())
                .flatten()
        }
    }

    #[test]
    fn agrees_with_a_simple_model_over_random_operations() {
        for capacity in [1, 2, 3, 8] {
            let mut cache = LruCache::new(cap(capacity));
            let mut model = Model {
                capacity,
                entries: Vec::new(),
            };
            let mut seed = 0x2545_F491_u64 + capacity as u64;
            for step in 0..3000 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let key = ((seed >> 33) % 12) as u32;
                if (seed >> 20).is_multiple_of(3) {
                    assert_eq!(
                        cache.get(&key).copied(),
                        model.get(key),
                        "step {step}: get({key})"
                    );
                } else {
                    let value = step as u32;
                    assert_eq!(
                        cache.put(key, value),
                        model.put(key, value),
                        "step {step}: put({key})"
                    );
                }
                assert!(cache.len() <= capacity);
                let keys: Vec<u32> = cache.keys_by_recency().into_iter().copied().collect();
                let expected: Vec<u32> = model.entries.iter().map(|&(k, _)| k).collect();
                assert_eq!(keys, expected, "step {step}: recency order");
            }
        }
    }

    /// A key that counts how often it is hashed or compared.
    #[derive(Clone)]
    struct CountedKey {
        id: u32,
        work: Rc<Cell<usize>>,
    }

    impl PartialEq for CountedKey {
        fn eq(&self, other: &Self) -> bool {
            self.work.set(self.work.get() + 1);
            self.id == other.id
        }
    }

    impl Eq for CountedKey {}

    impl Hash for CountedKey {
        fn hash<H: Hasher>(&self, state: &mut H) {
            self.work.set(self.work.get() + 1);
            self.id.hash(state);
        }
    }

    #[test]
    fn each_operation_does_constant_key_work() {
        let work = Rc::new(Cell::new(0));
        let key = |id: u32| CountedKey {
            id,
            work: Rc::clone(&work),
        };
        let capacity = 2_000;
        let mut cache = LruCache::new(cap(capacity));
        let mut operations = 0;
        for id in 0..capacity as u32 {
            cache.put(key(id), id);
            operations += 1;
        }
        for round in 0..4_000u32 {
            let id = round.wrapping_mul(7919) % (2 * capacity as u32);
            if round.is_multiple_of(2) {
                cache.get(&key(id));
            } else {
                cache.put(key(id), round);
            }
            operations += 1;
        }
        let per_operation = work.get() as f64 / operations as f64;
        assert!(
            per_operation <= 8.0,
            "{:.1} key hashes/comparisons per operation on a cache of {capacity}: \
             something scans the entries instead of looking them up",
            per_operation
        );
    }

    #[test]
    fn evicting_from_a_large_cache_finds_the_oldest_entry_directly() {
        // Every put below evicts. Finding the least recently used entry by looking through
        // all 100 000 entries (for the oldest timestamp, say) would take 10^10 steps here,
        // far past the time limit; a recency list has the answer at one end.
        let capacity = 100_000u32;
        let mut cache = LruCache::new(cap(capacity as usize));
        for id in 0..capacity {
            assert_eq!(cache.put(id, id), None);
        }
        for id in capacity..2 * capacity {
            let oldest = id - capacity;
            assert_eq!(cache.put(id, id), Some((oldest, oldest)));
            if id % 1_000 == 0 {
                assert_eq!(cache.get(&id), Some(&id));
            }
        }
        assert_eq!(cache.len(), capacity as usize);
    }
}
