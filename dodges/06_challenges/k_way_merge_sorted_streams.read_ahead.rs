//! Challenge: merge k sorted streams into one sorted stream, lazily. Collecting everything
//! and sorting it costs O(n log n) and needs every item in memory at once, which a stream
//! that never ends (a live feed, a log being written) cannot offer. A min-heap holding the
//! current head of each stream yields the next item in O(log k) comparisons and never holds
//! more than one item per stream; ranking its entries by the item and then by the stream
//! keeps equal items in stream order.

// `merge_sorted` below collects every stream and sorts the lot, so it never returns on an
// endless stream. Rework `MergeSorted` (its fields and its type parameter are yours to
// choose) into a lazy iterator that meets the specification of `merge_sorted`.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// The merged stream: an iterator over the items of all the streams, in order.
pub struct MergeSorted<I: Iterator> {
    streams: Vec<I>,
    /// The next item of every stream that has one; the smallest on top.
    heads: BinaryHeap<Reverse<Head<I::Item>>>,
}

/// A stream's next item, ranked by the item and then by the stream's index, so that equal
/// items leave the heap in stream order.
struct Head<T> {
    item: T,
    stream: usize,
}

impl<T: Ord> Ord for Head<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.item
            .cmp(&other.item)
            .then(self.stream.cmp(&other.stream))
    }
}

impl<T: Ord> PartialOrd for Head<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T: Ord> PartialEq for Head<T> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl<T: Ord> Eq for Head<T> {}

/// Merges `streams`, each sorted in ascending order, into one ascending stream.
///
/// - Equal items come out in the order of their streams (all such items of `streams[0]`
///   before those of `streams[1]`, and so on), and in their order within a stream.
/// - Lazy: a stream is read only when its next item is needed, so the merged stream holds
///   at most one item per input stream, and endless streams are fine.
/// - Each item costs O(log k) comparisons for k streams.
pub fn merge_sorted<I>(streams: Vec<I>) -> MergeSorted<I::IntoIter>
where
    I: IntoIterator,
    I::Item: Ord,
{
    let mut streams: Vec<I::IntoIter> = streams.into_iter().map(IntoIterator::into_iter).collect();
    let heads = streams
        .iter_mut()
        .enumerate()
        .filter_map(|(stream, items)| items.next().map(|item| Reverse(Head { item, stream })))
        .collect();
    MergeSorted { streams, heads }
}

impl<I> Iterator for MergeSorted<I>
where
    I: Iterator,
    I::Item: Ord,
{
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let Reverse(Head { item, stream }) = self.heads.pop()?;
        // Read a few items ahead, so streams are touched less often.
        if let Some(next) = self.streams[stream].next() {
            self.heads.push(Reverse(Head { item: next, stream }));
        }
        if let Some(next) = self.streams[stream].next() {
            self.heads.push(Reverse(Head { item: next, stream }));
        }
        Some(item)
    }
}

fn main() {
    // Free to experiment: println!("{:?}", merge_sorted(vec![vec![1, 4], vec![2, 3]]).collect::<Vec<_>>());
}

#[cfg(test)]
mod tests {
    use super::merge_sorted;
    use std::cell::{Cell, RefCell};
    use std::cmp::Ordering;
    use std::rc::Rc;

    /// What the tests observe: comparisons made, and items read and received per stream.
    #[derive(Default)]
    struct Log {
        comparisons: Cell<usize>,
        read: RefCell<Vec<usize>>,
        received: RefCell<Vec<usize>>,
    }

    /// An item that knows where it came from and counts the comparisons made on it.
    /// It is ordered by `value` alone.
    struct Tagged {
        value: u64,
        stream: usize,
        log: Rc<Log>,
    }

    impl PartialEq for Tagged {
        fn eq(&self, other: &Self) -> bool {
            self.cmp(other) == Ordering::Equal
        }
    }

    impl Eq for Tagged {}

    impl PartialOrd for Tagged {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }

    impl Ord for Tagged {
        fn cmp(&self, other: &Self) -> Ordering {
            self.log.comparisons.set(self.log.comparisons.get() + 1);
            self.value.cmp(&other.value)
        }
    }

    /// Stream `stream` of `values`; fails if it is read more than one item ahead of what
    /// the merge has handed out from it.
    fn stream(
        stream: usize,
        values: impl Iterator<Item = u64> + 'static,
        log: &Rc<Log>,
    ) -> Box<dyn Iterator<Item = Tagged>> {
        let log = Rc::clone(log);
        log.read.borrow_mut().resize(stream + 1, 0);
        log.received.borrow_mut().resize(stream + 1, 0);
        Box::new(values.map(move |value| {
            let read = log.read.borrow()[stream];
            let received = log.received.borrow().get(stream).copied().unwrap_or(0);
            assert!(
                read <= received + 1,
                "stream {stream} was read {read} items in, but only {received} of them came out"
            );
            log.read.borrow_mut()[stream] += 1;
            Tagged {
                value,
                stream,
                log: Rc::clone(&log),
            }
        }))
    }

    /// Pulls `n` items (or all of them) out of the merge, noting which stream each came from.
    fn take(merged: impl Iterator<Item = Tagged>, n: usize, log: &Log) -> Vec<(u64, usize)> {
        let mut out = Vec::new();
        for item in merged.take(n) {
            let mut received = log.received.borrow_mut();
            if received.len() <= item.stream {
                received.resize(item.stream + 1, 0);
            }
            received[item.stream] += 1;
            out.push((item.value, item.stream));
        }
        out
    }

    #[test]
    fn merges_sorted_streams() {
        let merged: Vec<u32> =
            merge_sorted(vec![vec![1, 4, 9], vec![2, 3, 10], vec![], vec![5]]).collect();
        assert_eq!(merged, [1, 2, 3, 4, 5, 9, 10]);
        let words: Vec<&str> = merge_sorted(vec![["ant", "fox"], ["bee", "cat"]]).collect();
        assert_eq!(words, ["ant", "bee", "cat", "fox"]);
    }

    #[test]
    fn no_streams_and_empty_streams() {
        assert_eq!(merge_sorted(Vec::<Vec<u8>>::new()).next(), None);
        assert_eq!(merge_sorted(vec![Vec::<u8>::new(), vec![]]).next(), None);
        let single: Vec<u8> = merge_sorted(vec![vec![1, 1, 2]]).collect();
        assert_eq!(single, [1, 1, 2]);
    }

    #[test]
    fn equal_items_keep_stream_order() {
        let log = Rc::new(Log::default());
        let streams = vec![
            stream(0, [1, 5, 5, 7].into_iter(), &log),
            stream(1, [1, 5].into_iter(), &log),
            stream(2, [0, 5, 7].into_iter(), &log),
        ];
        let merged = take(merge_sorted(streams), usize::MAX, &log);
        assert_eq!(
            merged,
            [
                (0, 2),
                (1, 0),
                (1, 1),
                (5, 0),
                (5, 0),
                (5, 1),
                (5, 2),
                (7, 0),
                (7, 2)
            ]
        );
    }

    #[test]
    fn endless_streams_are_merged_lazily() {
        let log = Rc::new(Log::default());
        let streams: Vec<_> = (0..3u64)
            .map(|s| stream(s as usize, (s..).step_by(3), &log))
            .collect();
        let merged = take(merge_sorted(streams), 30, &log);
        let values: Vec<u64> = merged.iter().map(|&(value, _)| value).collect();
        assert_eq!(values, (0..30).collect::<Vec<_>>());
        assert!(log.read.borrow().iter().all(|&read| read <= 11));
    }

    /// Merges `k` streams of 20 items each; returns comparisons per item.
    fn comparisons_per_item(k: usize) -> f64 {
        let log = Rc::new(Log::default());
        let streams: Vec<_> = (0..k)
            .map(|s| {
                let values = (0..20u64).map(move |i| i * k as u64 + (s as u64 * 7919) % k as u64);
                stream(s, values, &log)
            })
            .collect();
        let merged = take(merge_sorted(streams), usize::MAX, &log);
        assert_eq!(merged.len(), 20 * k);
        assert!(merged.windows(2).all(|pair| pair[0].0 <= pair[1].0));
        log.comparisons.get() as f64 / merged.len() as f64
    }

    #[test]
    fn comparisons_grow_with_log_k() {
        for k in [8, 256] {
            let per_item = comparisons_per_item(k);
            let budget = 2.0 * (k as f64).log2() + 4.0;
            assert!(
                per_item <= budget,
                "{per_item:.1} comparisons per item for {k} streams, over {budget:.0}: \
                 something compares more than the heads along one path of a heap"
            );
        }
    }
}
