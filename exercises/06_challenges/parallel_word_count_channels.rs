//! Challenge: count words across many documents in parallel. The documents are split into
//! balanced shares, one per worker thread; each worker counts its share into its own map and
//! sends that map over an `mpsc` channel; the caller merges the partial maps. Merging is
//! order-independent and the result is a `BTreeMap`, so the answer is the same however the
//! threads are scheduled.

// Implement `parallel_count_with` as specified. `words` and `count_words` are done.

use std::collections::{BTreeMap, HashMap};

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
/// - Uses exactly `min(workers, docs.len())` worker threads (`workers == 0` counts as 1),
///   never the calling thread, and spreads the documents evenly: any two workers get a
///   number of documents that differs by at most one.
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
    todo!("split the documents among the workers, send partial counts over a channel, merge")
}

/// Parallel word count with the standard per-document counter.
pub fn parallel_word_count(docs: &[&str], workers: usize) -> BTreeMap<String, usize> {
    parallel_count_with(docs, workers, count_words)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{count_words, parallel_count_with, parallel_word_count};
    use std::collections::{BTreeMap, HashMap};
    use std::sync::Mutex;
    use std::thread::{self, ThreadId};

    const CORPUS: [&str; 7] = [
        "The quick brown fox.",
        "the lazy dog, the END",
        "Fox & dog: friends?",
        "",
        "naïve café CAFÉ",
        "1 2 3 1 2 1",
        "brown-bag lunch; brown rice",
    ];

    fn sequential(docs: &[&str]) -> BTreeMap<String, usize> {
        let mut totals = BTreeMap::new();
        for doc in docs {
            for (word, n) in count_words(doc) {
                *totals.entry(word).or_insert(0) += n;
            }
        }
        totals
    }

    /// Runs the parallel count and records how many documents each thread counted.
    fn instrumented(
        docs: &[&str],
        workers: usize,
    ) -> (BTreeMap<String, usize>, HashMap<ThreadId, usize>) {
        let seen: Mutex<HashMap<ThreadId, usize>> = Mutex::new(HashMap::new());
        let totals = parallel_count_with(docs, workers, |doc| {
            *seen
                .lock()
                .unwrap()
                .entry(thread::current().id())
                .or_insert(0) += 1;
            count_words(doc)
        });
        (totals, seen.into_inner().unwrap())
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
            let (_, per_thread) = instrumented(&CORPUS[..docs], workers);
            assert_eq!(
                per_thread.len(),
                threads,
                "{docs} docs, workers = {workers}"
            );
        }
    }

    #[test]
    fn the_calling_thread_counts_nothing() {
        let (_, per_thread) = instrumented(&CORPUS, 2);
        assert!(!per_thread.contains_key(&thread::current().id()));
    }

    #[test]
    fn documents_are_spread_evenly() {
        let docs: Vec<String> = (0..23).map(|i| format!("doc {i} word{}", i % 5)).collect();
        let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
        for workers in [2, 4, 5, 7] {
            let (totals, per_thread) = instrumented(&docs, workers);
            assert_eq!(totals, sequential(&docs));
            let most = per_thread.values().max().copied().unwrap_or(0);
            let least = per_thread.values().min().copied().unwrap_or(0);
            assert!(
                most - least <= 1,
                "23 docs over {workers} workers: shares from {least} to {most} documents"
            );
            assert_eq!(
                per_thread.values().sum::<usize>(),
                23,
                "each document counted once"
            );
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
