//! A generic function should demand only the capabilities it uses. Counting needs
//! `Hash + Eq`; it does not need `Clone`: a map need not own its keys, and the
//! answer can point into the input.

// The access-log report wants the most requested endpoint, but `Endpoint` is not
// `Clone` (and copying every key would be waste anyway). Drop the `Clone` bound
// without copying anything. On a tie, the endpoint seen first wins.

use std::hash::Hash;

fn most_frequent<T: Hash + Eq>(items: &[T]) -> Option<&T> {
    let count = |item: &T| items.iter().filter(|other| *other == item).count();
    let best = items.iter().map(count).max()?;
    items.iter().find(|item| count(item) == best)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::most_frequent;
    use std::cell::Cell;
    use std::hash::{Hash, Hasher};
    use std::ptr;

    thread_local! {
        static COMPARISONS: Cell<usize> = const { Cell::new(0) };
    }

    /// A key that counts how often it is compared for equality.
    #[derive(Debug)]
    struct Counted(u32);

    impl PartialEq for Counted {
        fn eq(&self, other: &Self) -> bool {
            COMPARISONS.with(|c| c.set(c.get() + 1));
            self.0 == other.0
        }
    }

    impl Eq for Counted {}

    impl Hash for Counted {
        fn hash<H: Hasher>(&self, state: &mut H) {
            self.0.hash(state);
        }
    }

    /// Comparisons made for `n` items drawn from 50 distinct keys.
    fn comparisons_for(n: u32) -> usize {
        let items: Vec<Counted> = (0..n).map(|i| Counted(i % 50)).collect();
        COMPARISONS.with(|c| c.set(0));
        let top = most_frequent(&items).expect("not empty");
        assert!(ptr::eq(top, &items[0]), "all keys tie: the first one wins");
        COMPARISONS.with(Cell::get)
    }

    #[derive(Debug, PartialEq, Eq, Hash)]
    struct Endpoint {
        method: &'static str,
        path: String,
    }

    fn ep(method: &'static str, path: &str) -> Endpoint {
        Endpoint {
            method,
            path: path.to_string(),
        }
    }

    #[test]
    fn finds_the_busiest_endpoint_without_cloning() {
        let log = [
            ep("GET", "/health"),
            ep("POST", "/orders"),
            ep("GET", "/orders"),
            ep("POST", "/orders"),
        ];
        let top = most_frequent(&log).unwrap();
        assert_eq!(top, &ep("POST", "/orders"));
        // The answer borrows from the log: it is the first matching entry itself.
        assert!(ptr::eq(top, &log[1]));
    }

    #[test]
    fn ties_go_to_the_first_seen() {
        let log = [
            ep("GET", "/a"),
            ep("GET", "/b"),
            ep("GET", "/b"),
            ep("GET", "/a"),
        ];
        assert!(ptr::eq(most_frequent(&log).unwrap(), &log[0]));
    }

    #[test]
    fn works_for_plain_values_and_empty_input() {
        assert_eq!(most_frequent(&["db", "web", "web"]), Some(&"web"));
        assert_eq!(most_frequent::<u8>(&[]), None);
    }

    #[test]
    fn each_item_is_compared_a_few_times_not_against_every_other() {
        let small = comparisons_for(500);
        let large = comparisons_for(5_000);
        assert!(
            large <= 4 * 5_000,
            "{large} equality checks for 5 000 items: count through the hash map"
        );
        assert!(
            large <= 20 * small.max(1),
            "10x the items took {large} equality checks against {small}"
        );
    }
}
