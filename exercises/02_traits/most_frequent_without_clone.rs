//! A generic function should demand only the capabilities it uses. Counting needs
//! `Hash + Eq`; it does not need `Clone`, because a `HashMap` can be keyed by
//! references into the input (`HashMap<&T, usize>`) and the answer can be a
//! reference too.

// The access-log report wants the most requested endpoint, but `Endpoint` is not
// `Clone` (and copying every key would be waste anyway). Drop the `Clone` bound
// without copying anything. On a tie, the endpoint seen first wins.

use std::collections::HashMap;
use std::hash::Hash;

fn most_frequent<T: Hash + Eq + Clone>(items: &[T]) -> Option<&T> {
    let mut counts: HashMap<T, usize> = HashMap::new();
    for item in items {
        *counts.entry(item.clone()).or_insert(0) += 1;
    }
    let best = counts.values().copied().max()?;
    items.iter().find(|item| counts[*item] == best)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::most_frequent;

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
        assert!(std::ptr::eq(top, &log[1]));
    }

    #[test]
    fn ties_go_to_the_first_seen() {
        let log = [
            ep("GET", "/a"),
            ep("GET", "/b"),
            ep("GET", "/b"),
            ep("GET", "/a"),
        ];
        assert!(std::ptr::eq(most_frequent(&log).unwrap(), &log[0]));
    }

    #[test]
    fn works_for_plain_values_and_empty_input() {
        assert_eq!(most_frequent(&["db", "web", "web"]), Some(&"web"));
        assert_eq!(most_frequent::<u8>(&[]), None);
    }
}
