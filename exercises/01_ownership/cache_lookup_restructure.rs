//! A reference returned on one path of a function keeps its borrow alive on
//! every path after it, so "return the cached value if present, else compute
//! and insert" is rejected even though it is safe. Restructure: decide first
//! (with a borrow that ends at once), mutate, and take the reference last.

// A DNS resolver caches lookups; `resolve` hands out a reference into the cache.
// The obvious version is rejected by the borrow checker. Restructure `resolve`
// so it compiles, without copying records and without looking them up twice
// in the zone table.

use std::collections::HashMap;

#[derive(Debug, PartialEq)]
pub struct Record {
    pub canonical: String,
    pub addrs: Vec<[u8; 4]>,
}

#[derive(Default)]
pub struct Resolver {
    zone: Vec<(String, [u8; 4])>,
    cache: HashMap<String, Record>,
    misses: usize,
}

impl Resolver {
    pub fn add(&mut self, host: &str, addr: [u8; 4]) {
        self.zone.push((host.to_string(), addr));
    }

    /// Cache misses so far: each one scanned the whole zone.
    pub fn misses(&self) -> usize {
        self.misses
    }

    fn lookup(&self, host: &str) -> Option<Record> {
        let addrs: Vec<[u8; 4]> = self
            .zone
            .iter()
            .filter(|(h, _)| h == host)
            .map(|&(_, addr)| addr)
            .collect();
        if addrs.is_empty() {
            return None;
        }
        Some(Record {
            canonical: format!("{host}."),
            addrs,
        })
    }

    pub fn resolve(&mut self, host: &str) -> Option<&Record> {
        if let Some(record) = self.cache.get(host) {
            return Some(record);
        }
        let record = self.lookup(host)?;
        self.misses += 1;
        self.cache.insert(host.to_string(), record);
        self.cache.get(host)
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::Resolver;

    fn resolver() -> Resolver {
        let mut r = Resolver::default();
        r.add("api.example.com", [10, 0, 0, 1]);
        r.add("api.example.com", [10, 0, 0, 2]);
        r.add("db.example.com", [10, 0, 1, 1]);
        r
    }

    #[test]
    fn resolves_all_addresses() {
        let mut r = resolver();
        let record = r.resolve("api.example.com").map(|rec| rec.addrs.len());
        assert_eq!(record, Some(2));
        assert_eq!(
            r.resolve("db.example.com")
                .map(|rec| rec.canonical.as_str()),
            Some("db.example.com.")
        );
        assert_eq!(r.resolve("www.example.com"), None);
    }

    #[test]
    fn second_lookup_comes_from_the_cache() {
        let mut r = resolver();
        let first = r.resolve("api.example.com").map(|rec| rec as *const _);
        let second = r.resolve("api.example.com").map(|rec| rec as *const _);
        assert!(first.is_some());
        assert_eq!(first, second, "the same cached record is handed out");
        r.resolve("db.example.com");
        r.resolve("db.example.com");
        assert_eq!(r.misses(), 2);
    }
}
