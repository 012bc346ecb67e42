//! Challenge: the k most frequent items of a stream too long to keep. Sorting everything
//! needs every entry in memory at once. For a small k, a heap of the best k entries seen so
//! far needs only k: each new entry either beats the worst of them and takes its place, or
//! is dropped on the spot, for O(n log k) time and O(k) memory. Ordering the heap's entries
//! by a key (the count, then the position) rather than by the items themselves is what lets
//! the items be of any type at all.

// `top_k` below is correct, but it collects the whole stream before choosing. Rework it so
// that it never holds more than `k` entries (the tests count the live ones). `top_k_words`
// is done and must keep working.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

/// A heap entry, ranked by its count and then by its position in the stream (earlier ranks
/// higher); the item itself takes no part, so it needs no traits.
struct Ranked<T> {
    count: usize,
    position: usize,
    item: T,
}

impl<T> Ranked<T> {
    fn key(&self) -> (usize, Reverse<usize>) {
        (self.count, Reverse(self.position))
    }
}

impl<T> PartialEq for Ranked<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl<T> Eq for Ranked<T> {}

impl<T> PartialOrd for Ranked<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Ranked<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

/// The `k` entries of `counted` with the highest counts, highest first; entries with equal
/// counts stay in the order the stream produced them. Never holds more than `k` entries at
/// a time, however long the stream (it may be a log far bigger than memory). The items need
/// no traits at all: they are moved, never compared, hashed or cloned.
pub fn top_k<T>(counted: impl IntoIterator<Item = (T, usize)>, k: usize) -> Vec<(T, usize)> {
    if k == 0 {
        return Vec::new();
    }
    // A min-heap of the best k so far: its top is the worst of them, the one to beat.
    let mut best: BinaryHeap<Reverse<Ranked<T>>> = BinaryHeap::new();
    for (position, (item, count)) in counted.into_iter().enumerate() {
        let entry = Ranked {
            count,
            position,
            item,
        };
        best.push(Reverse(entry));
        if best.len() > k {
            // Drops the worst of the k + 1 at once, before the next entry is read.
            best.pop();
        }
    }
    best.into_sorted_vec()
        .into_iter()
        .map(|Reverse(entry)| (entry.item, entry.count))
        .collect()
}

/// The `k` most frequent words of `text` with their counts, as `top_k` ranks them; of two
/// words with equal counts, the one that appears first in `text` comes first. Words are
/// split on whitespace, with ASCII punctuation trimmed from both ends (`"end."` is `"end"`,
/// `"don't"` stays); empty words are skipped; case matters. The words borrow from `text`.
pub fn top_k_words(text: &str, k: usize) -> Vec<(&str, usize)> {
    // Each distinct word once, in order of first appearance, with its count.
    let mut slots: HashMap<&str, usize> = HashMap::new();
    let mut counted: Vec<(&str, usize)> = Vec::new();
    let words = text
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| c.is_ascii_punctuation()))
        .filter(|word| !word.is_empty());
    for word in words {
        let slot = *slots.entry(word).or_insert_with(|| {
            counted.push((word, 0));
            counted.len() - 1
        });
        counted[slot].1 += 1;
    }
    top_k(counted, k)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{top_k, top_k_words};
    use std::cell::Cell;
    use std::rc::Rc;

    /// A support ticket that implements no traits at all, and counts how many tickets are
    /// alive at once.
    struct Ticket {
        id: u32,
        alive: Rc<Cell<usize>>,
    }

    impl Drop for Ticket {
        fn drop(&mut self) {
            self.alive.set(self.alive.get() - 1);
        }
    }

    /// Streams `(ticket, count)` pairs; before producing each one it checks that whoever
    /// reads the stream holds at most `k` tickets.
    fn stream(
        counts: Vec<usize>,
        k: usize,
        alive: &Rc<Cell<usize>>,
    ) -> impl Iterator<Item = (Ticket, usize)> {
        let alive = Rc::clone(alive);
        counts.into_iter().enumerate().map(move |(i, count)| {
            assert!(
                alive.get() <= k,
                "{} entries kept while reading entry {i}, for k = {k}",
                alive.get()
            );
            alive.set(alive.get() + 1);
            let ticket = Ticket {
                id: i as u32,
                alive: Rc::clone(&alive),
            };
            (ticket, count)
        })
    }

    fn ranked(top: &[(Ticket, usize)]) -> Vec<(u32, usize)> {
        top.iter()
            .map(|(ticket, count)| (ticket.id, *count))
            .collect()
    }

    #[test]
    fn ranks_items_that_implement_nothing() {
        let alive = Rc::new(Cell::new(0));
        let top = top_k(stream(vec![3, 9, 1, 7, 9, 2], 3, &alive), 3);
        assert_eq!(ranked(&top), [(1, 9), (4, 9), (3, 7)]);
        drop(top);
        assert_eq!(alive.get(), 0, "every other ticket was dropped");
    }

    #[test]
    fn equal_counts_keep_stream_order() {
        let alive = Rc::new(Cell::new(0));
        let top = top_k(stream(vec![5, 2, 5, 2, 5, 2], 4, &alive), 4);
        assert_eq!(ranked(&top), [(0, 5), (2, 5), (4, 5), (1, 2)]);
        let top = top_k([("c", 2), ("b", 2), ("a", 2), ("d", 1)], 2);
        assert_eq!(top, [("c", 2), ("b", 2)]);
    }

    #[test]
    fn short_streams_and_k_zero() {
        assert_eq!(top_k([("x", 2), ("y", 1)], 10), [("x", 2), ("y", 1)]);
        assert_eq!(
            top_k([("x", 2), ("y", 3)], usize::MAX),
            [("y", 3), ("x", 2)]
        );
        assert!(top_k([("x", 2)], 0).is_empty());
        assert!(top_k(Vec::<(u8, usize)>::new(), 3).is_empty());
        let alive = Rc::new(Cell::new(0));
        assert!(top_k(stream(vec![4, 4, 4], 0, &alive), 0).is_empty());
    }

    #[test]
    fn holds_at_most_k_entries_at_a_time() {
        let counts: Vec<usize> = (0..20_000u64)
            .map(|i| (i.wrapping_mul(2_654_435_761) % 1_000) as usize)
            .collect();
        let mut expected: Vec<(u32, usize)> = (0..).zip(counts.iter().copied()).collect();
        expected.sort_by(|(_, a), (_, b)| b.cmp(a));
        expected.truncate(5);
        let alive = Rc::new(Cell::new(0));
        let top = top_k(stream(counts, 5, &alive), 5);
        assert_eq!(ranked(&top), expected);
    }

    #[test]
    fn top_words_borrow_from_the_text() {
        let text = "the cat and the hat. The end, the END!";
        let top = top_k_words(text, 3);
        assert_eq!(top, [("the", 3), ("cat", 1), ("and", 1)]);
        let start = text.as_ptr() as usize;
        let word = top[0].0.as_ptr() as usize;
        assert!(
            (start..start + text.len()).contains(&word),
            "words point into `text`"
        );
    }

    #[test]
    fn punctuation_is_trimmed_only_at_the_ends() {
        let text = "don't stop -- don't... \"stop\" (go)";
        assert_eq!(top_k_words(text, 5), [("don't", 2), ("stop", 2), ("go", 1)]);
    }

    #[test]
    fn a_large_log_is_counted_exactly() {
        let mut log = String::new();
        for i in 0..3000 {
            log.push_str(["GET ", "POST ", "GET ", "DELETE ", "GET ", "PUT "][i % 6]);
        }
        assert_eq!(
            top_k_words(&log, 4),
            [("GET", 1500), ("POST", 500), ("DELETE", 500), ("PUT", 500)]
        );
    }
}
