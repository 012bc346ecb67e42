//! "Look it up; if it is missing, insert it; return a reference to it" is the
//! borrow checker's best-known false alarm: the reference returned from the
//! `get` branch keeps the map borrowed in the `insert` branch too. The entry
//! API does the lookup once and hands back a reference either way.

// Make `resolve` compile: one lookup, one resolution per host, no copies of
// the cached addresses.

use std::collections::HashMap;

/// A resolver that remembers every answer.
#[derive(Debug, Default)]
pub struct DnsCache {
    answers: HashMap<String, String>,
    queries: u32,
}

/// Stands in for a slow network query; `serial` numbers the queries.
fn query(host: &str, serial: u32) -> String {
    format!("10.0.{}.{serial}", host.len())
}

impl DnsCache {
    /// The address of `host`, queried at most once per host.
    pub fn resolve(&mut self, host: &str) -> &str {
        // The closure captures only `self.queries`, a field disjoint from
        // `self.answers`, so both borrows can coexist.
        self.queries += 1;
        self.answers
            .entry(host.to_string())
            .or_insert(query(host, self.queries))
    }

    /// How many network queries were made.
    pub fn queries(&self) -> u32 {
        self.queries
    }
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::DnsCache;

    #[test]
    fn each_host_is_queried_once() {
        let mut cache = DnsCache::default();
        assert_eq!(cache.resolve("example.org"), "10.0.11.1");
        assert_eq!(cache.resolve("rust-lang.org"), "10.0.13.2");
        assert_eq!(cache.resolve("example.org"), "10.0.11.1");
        assert_eq!(cache.queries(), 2);
    }

    #[test]
    fn answers_are_lent_from_the_cache() {
        let mut cache = DnsCache::default();
        let first = cache.resolve("db.internal").as_ptr();
        assert_eq!(first, cache.answers["db.internal"].as_ptr());
        let again = cache.resolve("db.internal").as_ptr();
        assert_eq!(again, cache.answers["db.internal"].as_ptr());
        assert_eq!(cache.queries(), 1);
    }

    #[test]
    fn many_hosts_one_query_each() {
        let mut cache = DnsCache::default();
        let hosts = ["a.io", "bb.io", "a.io", "ccc.io", "bb.io", "a.io"];
        let answers: Vec<String> = hosts.iter().map(|h| cache.resolve(h).to_string()).collect();
        assert_eq!(
            answers,
            [
                "10.0.4.1", "10.0.5.2", "10.0.4.1", "10.0.6.3", "10.0.5.2", "10.0.4.1"
            ]
        );
        assert_eq!(cache.queries(), 3);
    }
}
