//! Challenge: count words across documents of very different sizes in parallel. Cutting
//! the documents into equal shares up front balances the number of documents, not the
//! work: one huge log file makes its worker the straggler, and every document queued
//! behind it in its share waits, while the other workers sit idle. Workers that take the
//! next document nobody has taken yet, each time they finish one, stay busy until the work
//! runs out. Each worker still counts into its own map and sends it over an `mpsc` channel,
//! and the merged result is a `BTreeMap`: the same however the threads were scheduled.

// The implementation below cuts the documents into equal shares up front, so one slow
// document holds up every document behind it in its share. Rework `parallel_count_with` to
// meet its specification.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, mpsc};
use std::thread;

/// The lower-cased words of `text`: maximal runs of alphanumeric characters.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// Word counts of one document.
pub fn count_words(doc: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in words(doc) {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Counts the words of all `docs` in parallel, counting each document with `count_doc`.
///
/// - Uses `min(workers, docs.len())` worker threads (`workers == 0` counts as 1), all
///   working at the same time, and never the calling thread.
/// - A worker that has finished a document takes the next one that no worker has taken
///   yet, so a slow document holds up only its own worker: meanwhile the other workers
///   count all the rest.
/// - Each worker merges its documents' counts into one map and sends it over an `mpsc`
///   channel; the caller merges what it receives.
/// - The result equals counting all documents one after another.
pub fn parallel_count_with<F>(
    docs: &[&str],
    workers: usize,
    count_doc: F,
) -> BTreeMap<String, usize>
where
    F: Fn(&str) -> HashMap<String, usize> + Sync,
{
    let threads = workers.max(1).min(docs.len());
    if threads == 0 {
        return BTreeMap::new();
    }
    // The documents go through an mpsc channel; the workers add straight into one map.
    let (tx, rx) = mpsc::channel();
    for doc in docs {
        tx.send(*doc).expect("the receiver is here");
    }
    drop(tx);
    let queue = Mutex::new(rx);
    let totals = Mutex::new(BTreeMap::new());
    let (queue, totals_ref, count_doc) = (&queue, &totals, &count_doc);
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(move || {
                loop {
                    let next = queue.lock().expect("queue poisoned").recv();
                    let Ok(doc) = next else { break };
                    let counts = count_doc(doc);
                    let mut totals = totals_ref.lock().expect("totals poisoned");
                    for (word, n) in counts {
                        *totals.entry(word).or_insert(0) += n;
                    }
                }
            });
        }
    });
    totals.into_inner().expect("totals poisoned")
}

/// Parallel word count with the standard per-document counter.
pub fn parallel_word_count(docs: &[&str], workers: usize) -> BTreeMap<String, usize> {
    parallel_count_with(docs, workers, count_words)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{count_words, parallel_count_with, parallel_word_count};
    use std::collections::{BTreeMap, HashMap, HashSet};
    use std::sync::{Condvar, Mutex};
    use std::thread::{self, ThreadId};
    use std::time::Duration;

    const CORPUS: [&str; 7] = [
        "The quick brown fox.",
        "the lazy dog, the END",
        "Fox & dog: friends?",
        "",
        "naïve café CAFÉ",
        "1 2 3 1 2 1",
        "brown-bag lunch; brown rice",
    ];

    /// How long a test hook waits for the other workers before it gives up and fails.
    const PATIENCE: Duration = Duration::from_secs(5);

    fn sequential(docs: &[&str]) -> BTreeMap<String, usize> {
        let mut totals = BTreeMap::new();
        for doc in docs {
            for (word, n) in count_words(doc) {
                *totals.entry(word).or_insert(0) += n;
            }
        }
        totals
    }

    /// Records which threads count documents. The first `expected` documents are only
    /// counted once `expected` of them are being counted at the same moment, so workers
    /// that run one after another never get through.
    struct Workers {
        state: Mutex<(HashSet<ThreadId>, usize)>,
        changed: Condvar,
        expected: usize,
    }

    impl Workers {
        fn new(expected: usize) -> Self {
            Workers {
                state: Mutex::new((HashSet::new(), 0)),
                changed: Condvar::new(),
                expected,
            }
        }

        fn count(&self, doc: &str) -> HashMap<String, usize> {
            let mut state = self.state.lock().unwrap();
            state.0.insert(thread::current().id());
            state.1 += 1;
            if state.1 <= self.expected {
                self.changed.notify_all();
                let (state, waited) = self
                    .changed
                    .wait_timeout_while(state, PATIENCE, |state| state.1 < self.expected)
                    .unwrap();
                assert!(
                    !waited.timed_out(),
                    "only {} of {} workers were counting at the same time",
                    state.1,
                    self.expected
                );
            }
            count_words(doc)
        }

        fn threads(&self) -> HashSet<ThreadId> {
            self.state.lock().unwrap().0.clone()
        }
    }

    #[test]
    fn matches_the_sequential_count_for_any_worker_count() {
        let expected = sequential(&CORPUS);
        assert_eq!(expected["brown"], 3);
        assert_eq!(expected["café"], 2);
        for workers in 0..=9 {
            assert_eq!(
                parallel_word_count(&CORPUS, workers),
                expected,
                "workers = {workers}"
            );
        }
    }

    #[test]
    fn empty_input_gives_an_empty_count() {
        assert!(parallel_word_count(&[], 4).is_empty());
        assert!(parallel_word_count(&["", " ... "], 2).is_empty());
    }

    #[test]
    fn uses_as_many_workers_as_allowed_and_useful() {
        for (docs, workers, threads) in [
            (7, 3, 3),
            (7, 7, 7),
            (7, 20, 7),
            (7, 0, 1),
            (7, 1, 1),
            (2, 4, 2),
        ] {
            let hook = Workers::new(threads);
            let totals = parallel_count_with(&CORPUS[..docs], workers, |doc| hook.count(doc));
            assert_eq!(totals, sequential(&CORPUS[..docs]));
            let seen = hook.threads();
            assert_eq!(seen.len(), threads, "{docs} docs, workers = {workers}");
            assert!(
                !seen.contains(&thread::current().id()),
                "the calling thread counts nothing"
            );
        }
    }

    /// Counts documents normally, except `slow`: its count only finishes once every other
    /// document has been counted, as a huge document would.
    struct SlowDocument<'a> {
        slow: &'a str,
        others_done: Mutex<usize>,
        changed: Condvar,
        others: usize,
    }

    impl SlowDocument<'_> {
        fn count(&self, doc: &str) -> HashMap<String, usize> {
            let counts = count_words(doc);
            let mut done = self.others_done.lock().unwrap();
            if doc == self.slow {
                let (done, waited) = self
                    .changed
                    .wait_timeout_while(done, PATIENCE, |done| *done < self.others)
                    .unwrap();
                assert!(
                    !waited.timed_out(),
                    "while one worker was busy with the slow document, only {} of the other {} \
                     documents were counted: they were stuck behind it",
                    *done,
                    self.others
                );
            } else {
                *done += 1;
                self.changed.notify_all();
            }
            counts
        }
    }

    #[test]
    fn a_slow_document_does_not_hold_up_the_rest() {
        let docs: Vec<String> = (0..12)
            .map(|i| format!("doc{i} shared word{}", i % 4))
            .collect();
        let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
        for slow in [0, 4, 5, 11] {
            let hook = SlowDocument {
                slow: docs[slow],
                others_done: Mutex::new(0),
                changed: Condvar::new(),
                others: docs.len() - 1,
            };
            let totals = parallel_count_with(&docs, 3, |doc| hook.count(doc));
            assert_eq!(totals, sequential(&docs), "slow document {slow}");
        }
    }

    #[test]
    fn a_large_corpus_is_counted_exactly() {
        let doc = "alpha beta beta gamma gamma gamma ".repeat(50);
        let docs = vec![doc.as_str(); 200];
        let totals = parallel_word_count(&docs, 6);
        assert_eq!(totals.len(), 3);
        assert_eq!(totals["alpha"], 10_000);
        assert_eq!(totals["gamma"], 30_000);
    }
}
