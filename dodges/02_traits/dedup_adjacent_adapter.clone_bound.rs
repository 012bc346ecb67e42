//! An iterator adapter is a struct that wraps another iterator and implements
//! `Iterator` itself; an extension trait with a blanket impl then gives *every*
//! iterator a method that builds it, the way `itertools` extends std's iterators.
//! The adapter's bounds belong on the items (`I::Item`), and should ask for no more
//! than the adapter uses.

// The log shipper collapses runs of identical lines ("last message repeated 3
// times"). The first version only works on the `Vec<String>` batches of the old
// shipper. Make `dedup_adjacent()` available on any iterator whose items can be
// compared, staying lazy: it may read ahead only as far as the end of a run.

/// Yields `(first item of a run, length of the run)` for each run of equal
/// adjacent items.
struct DedupAdjacent<I: Iterator> {
    inner: I,
    /// The item that ended the previous run, read ahead but not yet yielded.
    pending: Option<I::Item>,
}

/// Adds `.dedup_adjacent()` to iterators.
trait DedupAdjacentExt: Iterator + Sized {
    fn dedup_adjacent(self) -> DedupAdjacent<Self> {
        DedupAdjacent {
            inner: self,
            pending: None,
        }
    }
}

/// Every iterator gets the method; whether the result iterates depends on its items.
impl<I: Iterator> DedupAdjacentExt for I {}

impl<I> Iterator for DedupAdjacent<I>
where
    I: Iterator,
    I::Item: PartialEq + Clone,
{
    type Item = (I::Item, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let first = self.pending.take().or_else(|| self.inner.next())?;
        let mut run = 1;
        for item in self.inner.by_ref() {
            if item == first {
                run += 1;
            } else {
                self.pending = Some(item);
                break;
            }
        }
        Some((first, run))
    }
}

fn main() {
    let batch = vec!["up".to_string(), "up".to_string(), "down".to_string()];
    for (line, times) in batch.into_iter().dedup_adjacent() {
        println!("{line} (x{times})");
    }
}

#[cfg(test)]
mod tests {
    use super::{DedupAdjacent, DedupAdjacentExt};
    use std::cell::Cell;

    /// A log event that can be compared, but neither cloned nor printed.
    #[derive(PartialEq)]
    struct Event {
        code: u16,
    }

    /// A source that counts how many items were pulled from it.
    struct Counting<'a, I> {
        inner: I,
        pulled: &'a Cell<usize>,
    }

    impl<I: Iterator> Iterator for Counting<'_, I> {
        type Item = I::Item;

        fn next(&mut self) -> Option<I::Item> {
            self.pulled.set(self.pulled.get() + 1);
            self.inner.next()
        }
    }

    #[test]
    fn batches_still_work() {
        let batch: Vec<String> = ["a", "a", "b", "a"].map(String::from).into();
        let runs: Vec<(String, usize)> = batch.into_iter().dedup_adjacent().collect();
        let expected = [("a", 2), ("b", 1), ("a", 1)].map(|(s, n)| (s.to_string(), n));
        assert_eq!(runs, expected);
    }

    #[test]
    fn borrowed_lines_are_not_copied() {
        let log = "disk full\ndisk full\ndisk full\nretrying\n";
        let runs: DedupAdjacent<std::str::Lines<'_>> = log.lines().dedup_adjacent();
        let runs: Vec<(&str, usize)> = runs.collect();
        assert_eq!(runs, [("disk full", 3), ("retrying", 1)]);
        assert!(
            std::ptr::eq(runs[0].0, &log[..9]),
            "the run points into the log"
        );
    }

    #[test]
    fn items_only_need_to_be_comparable() {
        let codes = [500, 500, 200, 404, 404, 404];
        let events = codes.into_iter().map(|code| Event { code });
        let runs: Vec<(u16, usize)> = events
            .dedup_adjacent()
            .map(|(event, run)| (event.code, run))
            .collect();
        assert_eq!(runs, [(500, 2), (200, 1), (404, 3)]);
        assert_eq!(std::iter::empty::<Event>().dedup_adjacent().count(), 0);
    }

    #[test]
    fn reads_ahead_only_to_the_end_of_a_run() {
        let pulled = Cell::new(0);
        let source = Counting {
            inner: (0_u64..).map(|i| i / 3),
            pulled: &pulled,
        };
        let mut runs = source.dedup_adjacent();
        assert_eq!(runs.next(), Some((0, 3)));
        assert_eq!(
            pulled.get(),
            4,
            "three equal items and the one that ended the run"
        );
        assert_eq!(runs.next(), Some((1, 3)));
        assert_eq!(pulled.get(), 7);
        let later: Vec<(u64, usize)> = runs.take(2).collect();
        assert_eq!(later, [(2, 3), (3, 3)]);
    }
}
