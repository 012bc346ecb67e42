//! A test is a function that panics when the code is wrong: `assert!` and
//! `assert_eq!` do the panicking, and `#[test]` tells `cargo test` to run it.
//! A useful test pins the cases where bugs hide — the boundaries — rather
//! than one comfortable example.

// `page_count` is correct; its test is missing. Fill in `check_page_count`
// with `assert_eq!`s: call the `page_count` it receives on inputs whose answer
// you know. The `#[test]` below runs your check on the real function; the
// kit's tests also run it on versions with planted bugs, and your check has to
// reject every one of them (and still accept a correct rewrite).

/// How many pages it takes to show `items` search results, `per_page` to a
/// page. No results still take one page (it says "nothing found").
/// `per_page` is at least 1.
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Your test of `page_count`, taking the function under test as a parameter
/// so that it can be aimed at any implementation.
pub fn check_page_count(page_count: fn(usize, usize) -> usize) {
    // For example: assert_eq!(page_count(10, 5), 2);
}

#[test]
fn page_count_meets_its_spec() {
    check_page_count(page_count);
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{check_page_count, page_count};
    use std::panic;

    /// Whether the learner's check rejects (panics on) `candidate`.
    fn rejects(candidate: fn(usize, usize) -> usize) -> bool {
        panic::catch_unwind(|| check_page_count(candidate)).is_err()
    }

    fn rounds_down(items: usize, per_page: usize) -> usize {
        (items / per_page).max(1)
    }

    fn always_adds_a_page(items: usize, per_page: usize) -> usize {
        items / per_page + 1
    }

    fn zero_pages_when_empty(items: usize, per_page: usize) -> usize {
        items.div_ceil(per_page)
    }

    fn correct_rewrite(items: usize, per_page: usize) -> usize {
        if items == 0 {
            1
        } else {
            (items - 1) / per_page + 1
        }
    }

    #[test]
    fn accepts_correct_implementations() {
        check_page_count(page_count);
        check_page_count(correct_rewrite);
    }

    #[test]
    fn catches_rounding_down() {
        assert!(
            rejects(rounds_down),
            "your check accepts a page_count that drops the last, partly filled page"
        );
    }

    #[test]
    fn catches_an_extra_page_on_exact_multiples() {
        assert!(
            rejects(always_adds_a_page),
            "your check accepts a page_count that adds an empty page when the pages are exactly full"
        );
    }

    #[test]
    fn catches_zero_pages_for_no_results() {
        assert!(
            rejects(zero_pages_when_empty),
            "your check accepts a page_count that returns 0 pages for 0 results"
        );
    }
}
