//! Challenge: make four quadratic routines linear. Each one asks "have I seen this before?"
//! by scanning what came earlier, which is O(n) per item and O(n^2) overall. A hash set or
//! map answers the same question in O(1) expected time, which takes nothing more than the
//! `Hash + Eq` bound the functions already have.

// The four functions below are correct but quadratic. Keep their behaviour and make each
// do O(1) expected work per item. The tests count how often keys are hashed or compared
// (never wall time), so an O(n^2) algorithm fails however fast the machine is.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// Every distinct item once, in order of first appearance.
pub fn unique_in_order<T: Hash + Eq>(items: &[T]) -> Vec<&T> {
    // Hash each item once, then compare the hashes: u64 comparisons are free.
    let hashes: Vec<u64> = items
        .iter()
        .map(|item| {
            let mut hasher = DefaultHasher::new();
            item.hash(&mut hasher);
            hasher.finish()
        })
        .collect();
    let mut unique = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let seen_before = (0..i).any(|j| hashes[j] == hashes[i] && items[j] == *item);
        if !seen_before {
            unique.push(item);
        }
    }
    unique
}

/// The item whose second appearance comes first, e.g. `b` in `[a, b, c, b, a]`.
pub fn first_repeat<T: Hash + Eq>(items: &[T]) -> Option<&T> {
    let mut seen = HashSet::with_capacity(items.len());
    items.iter().find(|item| !seen.insert(*item))
}

/// The distinct items of `ours` that also occur in `theirs`, in the order of `ours`.
pub fn common_in_order<'a, T: Hash + Eq>(ours: &'a [T], theirs: &[T]) -> Vec<&'a T> {
    let mut wanted: HashSet<&T> = theirs.iter().collect();
    // Removing a found item keeps each one from being reported twice.
    ours.iter().filter(|item| wanted.remove(*item)).collect()
}

/// The longest run of consecutive items without a repeat; the earliest one on a tie.
pub fn longest_distinct_run<T: Hash + Eq>(items: &[T]) -> &[T] {
    let mut last_seen: HashMap<&T, usize> = HashMap::with_capacity(items.len());
    let (mut start, mut best) = (0, 0..0);
    for (index, item) in items.iter().enumerate() {
        if let Some(previous) = last_seen.insert(item, index) {
            start = start.max(previous + 1);
        }
        if index + 1 - start > best.len() {
            best = start..index + 1;
        }
    }
    &items[best]
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{common_in_order, first_repeat, longest_distinct_run, unique_in_order};
    use std::cell::Cell;
    use std::hash::{Hash, Hasher};
    use std::rc::Rc;

    /// An event id that counts how often it is hashed or compared. Not `Clone`, not `Ord`.
    #[derive(Debug)]
    struct EventId {
        id: u32,
        work: Rc<Cell<usize>>,
    }

    impl PartialEq for EventId {
        fn eq(&self, other: &Self) -> bool {
            self.work.set(self.work.get() + 1);
            self.id == other.id
        }
    }

    impl Eq for EventId {}

    impl Hash for EventId {
        fn hash<H: Hasher>(&self, state: &mut H) {
            self.work.set(self.work.get() + 1);
            self.id.hash(state);
        }
    }

    const N: usize = 3_000;
    /// Allowed hashes + comparisons per item: a hash-based pass needs 2 or 3.
    const BUDGET_PER_ITEM: usize = 6;

    fn events(ids: impl IntoIterator<Item = u32>, work: &Rc<Cell<usize>>) -> Vec<EventId> {
        ids.into_iter()
            .map(|id| EventId {
                id,
                work: Rc::clone(work),
            })
            .collect()
    }

    fn ids(found: &[&EventId]) -> Vec<u32> {
        found.iter().map(|e| e.id).collect()
    }

    fn check_budget(what: &str, items: usize, work: &Rc<Cell<usize>>) {
        let used = work.get();
        assert!(
            used <= BUDGET_PER_ITEM * items,
            "{what} hashed or compared keys {used} times for {items} items, \
             over {BUDGET_PER_ITEM} per item: something rescans earlier items"
        );
    }

    #[test]
    fn unique_in_order_keeps_first_appearances() {
        let work = Rc::new(Cell::new(0));
        let log = events([5, 3, 5, 1, 3, 3, 9], &work);
        assert_eq!(ids(&unique_in_order(&log)), [5, 3, 1, 9]);
        assert!(
            std::ptr::eq(unique_in_order(&log)[1], &log[1]),
            "borrows the first appearance"
        );
        assert!(unique_in_order::<u8>(&[]).is_empty());
    }

    #[test]
    fn first_repeat_finds_the_earliest_second_appearance() {
        assert_eq!(first_repeat(&["a", "b", "c", "b", "a"]), Some(&"b"));
        assert_eq!(first_repeat(&[1, 2, 3]), None);
        let work = Rc::new(Cell::new(0));
        let log = events([7, 8, 8, 7], &work);
        assert!(
            std::ptr::eq(first_repeat(&log).expect("8 repeats"), &log[2]),
            "the second 8"
        );
    }

    #[test]
    fn common_in_order_follows_ours_and_reports_each_once() {
        let ours = ["db", "cache", "db", "queue", "auth"];
        let theirs = ["auth", "db", "db", "search"];
        assert_eq!(common_in_order(&ours, &theirs), [&"db", &"auth"]);
        assert!(common_in_order(&ours, &[]).is_empty());
    }

    #[test]
    fn longest_distinct_run_examples() {
        assert_eq!(longest_distinct_run(b"abcabcbb"), b"abc");
        assert_eq!(longest_distinct_run(b"pwwkew"), b"wke");
        assert_eq!(
            longest_distinct_run(b"abba"),
            b"ab",
            "a stale `a` must not stretch the window back"
        );
        assert_eq!(longest_distinct_run(b"abcdaefgh"), b"bcdaefgh");
        assert_eq!(longest_distinct_run::<u8>(b""), b"");
        assert_eq!(longest_distinct_run(&[4, 4, 4]), &[4]);
    }

    #[test]
    fn unique_in_order_does_linear_work() {
        let work = Rc::new(Cell::new(0));
        let log = events((0..N as u32).map(|i| i % 1000), &work);
        work.set(0);
        assert_eq!(unique_in_order(&log).len(), 1000);
        check_budget("unique_in_order", N, &work);
    }

    #[test]
    fn first_repeat_does_linear_work() {
        let work = Rc::new(Cell::new(0));
        let log = events((0..N as u32).chain([N as u32 - 1]), &work);
        work.set(0);
        assert_eq!(first_repeat(&log).map(|e| e.id), Some(N as u32 - 1));
        check_budget("first_repeat", N + 1, &work);
        // The only repeat is as far from its first appearance as it can be.
        let log = events((0..N as u32).chain([0]), &work);
        work.set(0);
        assert!(
            first_repeat(&log).is_some_and(|e| std::ptr::eq(e, &log[N])),
            "the second 0, at the very end"
        );
        check_budget("first_repeat", N + 1, &work);
    }

    #[test]
    fn common_in_order_does_linear_work() {
        let work = Rc::new(Cell::new(0));
        let ours = events(0..N as u32, &work);
        let theirs = events((0..N as u32).map(|i| i * 2), &work);
        work.set(0);
        assert_eq!(common_in_order(&ours, &theirs).len(), N / 2);
        check_budget("common_in_order", 2 * N, &work);
    }

    #[test]
    fn longest_distinct_run_does_linear_work() {
        let work = Rc::new(Cell::new(0));
        let log = events((0..N as u32).map(|i| i % 60), &work);
        work.set(0);
        assert_eq!(longest_distinct_run(&log).len(), 60);
        check_budget("longest_distinct_run", N, &work);
    }
}
