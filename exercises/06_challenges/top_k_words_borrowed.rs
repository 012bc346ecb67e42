//! Challenge: the k most frequent items, generic and without needless copies. Counting only
//! needs to recognise equal items, so `T: Hash + Eq` is enough: the map can be keyed by
//! `&T`, and the answer can borrow from the input instead of cloning out of it. A `Clone`
//! bound that the algorithm does not need shuts out callers and costs an allocation per item.

// Rework `top_k` and `top_k_words` so they clone nothing and the tests compile, then make
// them meet the specification (look closely at how ties are broken).

use std::collections::HashMap;
use std::hash::Hash;

/// The `k` most frequent items of `items`, most frequent first, with their counts. Items
/// with equal counts are ordered by their first appearance in `items`. Returns fewer than
/// `k` entries if there are fewer distinct items. Borrows from `items`; needs no `Clone`.
pub fn top_k<T: Hash + Eq + Clone>(items: &[T], k: usize) -> Vec<(T, usize)> {
    // item -> (count, index of its first appearance)
    let mut counts: HashMap<T, (usize, usize)> = HashMap::new();
    for (index, item) in items.iter().enumerate() {
        let count = counts.get(item).map_or(0, |&(count, _)| count);
        counts.insert(item.clone(), (count + 1, index));
    }
    let mut ranked: Vec<(T, (usize, usize))> = counts.into_iter().collect();
    ranked.sort_unstable_by(|(_, (count_a, first_a)), (_, (count_b, first_b))| {
        count_b.cmp(count_a).then(first_a.cmp(first_b))
    });
    ranked
        .into_iter()
        .take(k)
        .map(|(item, (count, _))| (item, count))
        .collect()
}

/// The `k` most frequent words of `text`, as in `top_k`. Words are split on whitespace, with
/// ASCII punctuation trimmed from both ends (`"end."` is `"end"`, `"don't"` stays); empty
/// words are skipped; case matters. The words borrow from `text`.
pub fn top_k_words(text: &str, k: usize) -> Vec<(String, usize)> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| c.is_ascii_punctuation())
                .to_string()
        })
        .filter(|word| !word.is_empty())
        .collect();
    top_k(&words, k)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{top_k, top_k_words};

    /// A type that is deliberately not `Clone`.
    #[derive(Debug, PartialEq, Eq, Hash)]
    struct Ticket {
        queue: &'static str,
    }

    fn tickets(queues: &[&'static str]) -> Vec<Ticket> {
        queues.iter().map(|&queue| Ticket { queue }).collect()
    }

    #[test]
    fn counts_items_that_cannot_be_cloned() {
        let items = tickets(&["billing", "auth", "billing", "search", "billing", "auth"]);
        let top = top_k(&items, 2);
        assert_eq!(top, [(&items[0], 3), (&items[1], 2)]);
        assert!(
            std::ptr::eq(top[0].0, &items[0]),
            "returns references into the input"
        );
    }

    #[test]
    fn ties_go_to_the_first_appearance() {
        let items = tickets(&["c", "b", "a", "a", "b", "c", "d"]);
        let top: Vec<&str> = top_k(&items, 4).iter().map(|(t, _)| t.queue).collect();
        assert_eq!(
            top,
            ["c", "b", "a", "d"],
            "c, b and a all appear twice; c appeared first"
        );
    }

    #[test]
    fn ties_are_decided_by_first_not_last_appearance() {
        let items = [1, 2, 2, 1, 3];
        assert_eq!(top_k(&items, 3), [(&1, 2), (&2, 2), (&3, 1)]);
    }

    #[test]
    fn k_larger_than_the_distinct_items_and_k_zero() {
        let items = ["x", "y", "x"];
        assert_eq!(top_k(&items, 10), [(&"x", 2), (&"y", 1)]);
        assert!(top_k(&items, 0).is_empty());
        assert!(top_k::<u8>(&[], 3).is_empty());
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
