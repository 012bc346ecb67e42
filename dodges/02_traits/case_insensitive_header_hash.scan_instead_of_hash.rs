//! `HashMap` relies on a contract between two traits: if `a == b`, then `a` and `b`
//! must hash the same. Derive both and the contract holds by construction; write
//! `PartialEq` by hand and `Hash` must follow the same rules, or lookups quietly miss.

// HTTP header names are case-insensitive: `Content-Type` and `content-type` name the
// same header. `HeaderName` already compares that way, yet the header map still
// misses. Make the map find a header however its name is spelled, and keep each name
// as it was first written.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

/// A header name as written on the wire; compared without regard to ASCII case.
#[derive(Debug, Hash)]
struct HeaderName(String);

impl PartialEq for HeaderName {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for HeaderName {}

impl fmt::Display for HeaderName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Default)]
struct Headers {
    map: HashMap<HeaderName, Vec<String>>,
}

impl Headers {
    /// Adds a value. A name already present, in any spelling, keeps its first spelling.
    fn append(&mut self, name: &str, value: &str) {
        let probe = HeaderName(name.to_string());
        match self.map.iter_mut().find(|(key, _)| **key == probe) {
            Some((_, values)) => values.push(value.to_string()),
            None => {
                self.map.insert(probe, vec![value.to_string()]);
            }
        }
    }

    fn get(&self, name: &str) -> Option<&[String]> {
        let probe = HeaderName(name.to_string());
        self.map
            .iter()
            .find(|(key, _)| **key == probe)
            .map(|(_, values)| values.as_slice())
    }

    /// One "Name: value, value" line per header, sorted by name, ignoring case.
    fn render(&self) -> Vec<String> {
        let mut lines: Vec<(String, String)> = self
            .map
            .iter()
            .map(|(name, values)| {
                let key = name.0.to_ascii_lowercase();
                (key, format!("{name}: {}", values.join(", ")))
            })
            .collect();
        lines.sort();
        lines.into_iter().map(|(_, line)| line).collect()
    }
}

fn main() {
    let mut headers = Headers::default();
    headers.append("Accept", "text/html");
    headers.append("accept", "*/*");
    println!("{:?}", headers.render());
}

#[cfg(test)]
mod tests {
    use super::{HeaderName, Headers};
    use std::collections::HashSet;
    use std::hash::{DefaultHasher, Hash, Hasher};

    fn name(text: &str) -> HeaderName {
        HeaderName(text.to_string())
    }

    fn hash_of(name: &HeaderName) -> u64 {
        let mut hasher = DefaultHasher::new();
        name.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn equal_names_hash_equal() {
        let canonical = name("Content-Type");
        for spelling in ["content-type", "CONTENT-TYPE", "cOnTeNt-TyPe"] {
            assert_eq!(name(spelling), canonical);
            assert_eq!(hash_of(&name(spelling)), hash_of(&canonical), "{spelling}");
        }
    }

    #[test]
    fn different_names_hash_apart() {
        let names = ["Host", "Date", "ETag", "Vary", "Accept", "Cookie", "Origin"];
        let hashes: HashSet<u64> = names.iter().map(|n| hash_of(&name(n))).collect();
        assert_eq!(
            hashes.len(),
            names.len(),
            "a hash that ignores the letters is legal, but turns every lookup into a scan"
        );
        let traces: HashSet<u64> = (0..200)
            .map(|i| hash_of(&name(&format!("X-Trace-{i:03}"))))
            .collect();
        assert_eq!(
            traces.len(),
            200,
            "names of one length and one first letter collide: every letter must count"
        );
    }

    #[test]
    fn only_ascii_letters_fold() {
        assert_ne!(name("X-\u{c4}"), name("x-\u{e4}"));
        assert_ne!(name("Accept"), name("Accept "));
    }

    #[test]
    fn lookups_ignore_case_and_keep_the_first_spelling() {
        let mut headers = Headers::default();
        headers.append("Content-Type", "text/html");
        headers.append("X-Request-Id", "42");
        headers.append("x-request-id", "43");
        assert_eq!(
            headers.get("content-type"),
            Some(&["text/html".to_string()][..])
        );
        assert_eq!(headers.get("X-REQUEST-ID").map(<[String]>::len), Some(2));
        assert_eq!(headers.get("Accept"), None);
        assert_eq!(
            headers.render(),
            ["Content-Type: text/html", "X-Request-Id: 42, 43"]
        );
    }

    #[test]
    fn many_headers_in_many_spellings() {
        let mut headers = Headers::default();
        for i in 0..200 {
            headers.append(&format!("X-Trace-{i}"), "a");
        }
        for i in 0..200 {
            let shouted = format!("X-TRACE-{i}");
            assert_eq!(
                headers.get(&shouted).map(<[String]>::len),
                Some(1),
                "{shouted}"
            );
        }
    }
}
