//! A test is a function that panics when the code is wrong: `assert!` and
//! `assert_eq!` do the panicking, and `#[test]` tells `cargo test` to run it.
//! A useful test pins the cases where bugs hide — the boundaries — rather
//! than one comfortable example.

// Write the test of a pagination function: fill in `check_page_count` with
// `assert_eq!`s that call the `page_count` it receives on inputs whose answer
// you know from the spec below. The kit runs your check on a correct
// `page_count` (it must pass) and on versions with planted bugs (it must
// reject every one of them). `cargo test` shows which ones slip through.

/// Checks an implementation of `page_count(items, per_page)`: how many pages
/// it takes to show `items` search results, `per_page` to a page. No results
/// still take one page (it says "nothing found"). `per_page` is at least 1.
///
/// Panics (through a failing assertion) when `page_count` breaks the spec.
pub fn check_page_count(page_count: fn(usize, usize) -> usize) {
    // A remainder needs one more, partly filled page, however small it is.
    assert_eq!(page_count(7, 3), 3);
    assert_eq!(page_count(11, 10), 2);
    assert_eq!(page_count(1, 10), 1);
    // Exactly full pages need no extra one.
    assert_eq!(page_count(6, 3), 2);
    assert_eq!(page_count(10, 10), 1);
    // No results still show one page.
    assert_eq!(page_count(0, 10), 1);
    // One result per page: one page per result.
    assert_eq!(page_count(4, 1), 4);
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::check_page_count;
    use std::panic;

    /// Whether the learner's check rejects (panics on) `candidate`.
    fn rejects(candidate: fn(usize, usize) -> usize) -> bool {
        panic::catch_unwind(|| check_page_count(candidate)).is_err()
    }

    /// The implementation the spec describes.
    fn page_count(items: usize, per_page: usize) -> usize {
        items.div_ceil(per_page).max(1)
    }

    fn correct_rewrite(items: usize, per_page: usize) -> usize {
        if items == 0 {
            1
        } else {
            (items - 1) / per_page + 1
        }
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

    fn rounds_to_nearest(items: usize, per_page: usize) -> usize {
        ((items + per_page / 2) / per_page).max(1)
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

    #[test]
    fn catches_rounding_to_the_nearest_page() {
        assert!(
            rejects(rounds_to_nearest),
            "your check accepts a page_count that drops a last page holding only a few results"
        );
    }
}
