//! rayon makes an iterator parallel: `par_iter()` over a slice, `par_lines()` over a
//! `&str`. Its closures run on several threads at once, so they must be `Fn + Send + Sync`
//! and cannot mutate anything they capture. Parallel counting builds a partial result
//! per piece of work (`fold`) and combines the partials (`reduce`).

// Make the tests pass: count words in parallel, over the lines of one text and over a
// set of documents. A word is a whitespace-separated token with the punctuation around it
// trimmed; case matters. The counts borrow their words from the input. Keep the signatures.

use rayon::prelude::*;
use std::collections::HashMap;

pub type Counts<'a> = HashMap<&'a str, usize>;

fn count_line<'a>(mut counts: Counts<'a>, line: &'a str) -> Counts<'a> {
    for token in line.split_whitespace() {
        let word = token.trim_matches(|c: char| c.is_ascii_punctuation());
        if !word.is_empty() {
            *counts.entry(word).or_insert(0) += 1;
        }
    }
    counts
}

/// Adds the smaller map into the larger one.
fn merge<'a>(a: Counts<'a>, b: Counts<'a>) -> Counts<'a> {
    let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    for (word, n) in small {
        *big.entry(word).or_insert(0) += n;
    }
    big
}

/// The words of `text`, counted line by line in parallel.
pub fn word_count(text: &str) -> Counts<'_> {
    // Split in parallel, then count the lines on this thread: no shared map to fight over.
    let parts: Vec<&str> = text.par_lines().collect();
    parts.into_iter().fold(HashMap::new(), count_line)
}

/// The words of all `docs`, counted document by document in parallel.
pub fn word_count_docs(docs: &[String]) -> Counts<'_> {
    docs.par_iter()
        .map(|doc| word_count(doc))
        .reduce(HashMap::new, merge)
}

fn main() {
    // Free to experiment: println!("{:?}", word_count("to be, or not to be"));
}

#[cfg(test)]
mod tests {
    use super::{Counts, word_count, word_count_docs};
    use std::collections::HashMap;

    fn counts<'a>(pairs: &[(&'a str, usize)]) -> Counts<'a> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn counts_the_words_of_a_text() {
        let text = "To be, or not to be:\nthat is the question.\n\n  (to be)  ";
        assert_eq!(
            word_count(text),
            counts(&[
                ("To", 1),
                ("be", 3),
                ("or", 1),
                ("not", 1),
                ("to", 2),
                ("that", 1),
                ("is", 1),
                ("the", 1),
                ("question", 1),
            ])
        );
        assert!(word_count("").is_empty());
        assert!(word_count(" -- ... \n").is_empty());
    }

    #[test]
    fn the_words_point_into_the_text() {
        let text = "alpha beta\nbeta";
        let result: HashMap<&str, usize> = word_count(text);
        let range = text.as_bytes().as_ptr_range();
        for word in result.keys() {
            assert!(range.contains(&word.as_ptr()), "`{word}` was copied");
        }
    }

    #[test]
    fn a_large_text_counts_the_same_on_any_number_of_threads() {
        let line = "the quick brown fox jumps over the lazy dog";
        let text = vec![line; 5_000].join("\n");
        for threads in [1, 3, 8] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            let result = pool.install(|| word_count(&text));
            assert_eq!(result.len(), 8, "{threads} threads");
            assert_eq!(result["the"], 10_000, "{threads} threads");
            assert_eq!(result["dog"], 5_000, "{threads} threads");
        }
    }

    #[test]
    fn documents_are_counted_together() {
        let docs: Vec<String> = vec![
            "red green".to_string(),
            String::new(),
            "green blue\nred!".to_string(),
            "blue blue".to_string(),
        ];
        assert_eq!(
            word_count_docs(&docs),
            counts(&[("red", 2), ("green", 2), ("blue", 3)])
        );
        assert!(word_count_docs(&[]).is_empty());
    }
}
