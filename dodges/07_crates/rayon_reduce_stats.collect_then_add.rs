//! A parallel reduction splits the input, summarises every part on its own thread, and
//! combines the summaries. rayon requires what crosses threads to be safe there: the
//! items are shared (`Sync`), the partial results move (`Send`). And the combining step
//! must be associative with an identity, or the answer depends on how the work was split.

// Make the tests pass: `summarise` computes latency statistics over many requests in
// parallel, with exactly the answers a serial pass gives: the slowest request is the
// *first* one with the highest latency. Keep the signatures.

use rayon::prelude::*;

pub struct Request {
    pub id: u32,
    pub route: String,
    pub millis: u64,
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Stats {
    pub count: u64,
    pub total_millis: u64,
    pub fastest: Option<u64>,
    /// The id and latency of the first request with the highest latency.
    pub slowest: Option<(u32, u64)>,
}

impl Stats {
    fn of(request: &Request) -> Stats {
        Stats {
            count: 1,
            total_millis: request.millis,
            fastest: Some(request.millis),
            slowest: Some((request.id, request.millis)),
        }
    }

    /// Combines the stats of two consecutive runs of requests, `self` first.
    fn merge(self, later: Stats) -> Stats {
        let fastest = match (self.fastest, later.fastest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let slowest = match (self.slowest, later.slowest) {
            // On a tie the earlier request wins.
            (Some(a), Some(b)) => Some(if b.1 > a.1 { b } else { a }),
            (a, b) => a.or(b),
        };
        Stats {
            count: self.count + later.count,
            total_millis: self.total_millis + later.total_millis,
            fastest,
            slowest,
        }
    }
}

/// The statistics of `requests`, computed in parallel.
pub fn summarise(requests: &[Request]) -> Stats {
    // Gather in parallel, then add them up in order: the answers match the serial pass.
    let all: Vec<Stats> = requests.par_iter().map(Stats::of).collect();
    all.into_iter().fold(Stats::default(), Stats::merge)
}

/// The statistics of every route whose name starts with `prefix`.
pub fn summarise_route(requests: &[Request], prefix: &str) -> Stats {
    let matching: Vec<&Request> = requests
        .par_iter()
        .filter(|request| request.route.starts_with(prefix))
        .collect();
    matching
        .into_iter()
        .fold(Stats::default(), |stats, request| {
            stats.merge(Stats::of(request))
        })
}

fn main() {
    // Free to experiment: summarise(&[Request { id: 1, route: "/".into(), millis: 5 }])
}

#[cfg(test)]
mod tests {
    use super::{Request, Stats, summarise, summarise_route};

    /// Deterministic pseudo-random latencies with many ties.
    fn requests(n: u32) -> Vec<Request> {
        (0..n)
            .map(|id| Request {
                id,
                route: if id % 3 == 0 {
                    "/api/orders"
                } else {
                    "/static"
                }
                .to_string(),
                millis: u64::from(id.wrapping_mul(2_654_435_761) % 997),
            })
            .collect()
    }

    /// The same statistics, computed by a plain loop.
    fn serial(requests: &[Request]) -> Stats {
        let mut stats = Stats::default();
        for r in requests {
            stats.count += 1;
            stats.total_millis += r.millis;
            stats.fastest = Some(stats.fastest.map_or(r.millis, |f| f.min(r.millis)));
            if stats.slowest.is_none_or(|(_, max)| r.millis > max) {
                stats.slowest = Some((r.id, r.millis));
            }
        }
        stats
    }

    #[test]
    fn no_requests_no_statistics() {
        assert_eq!(summarise(&[]), Stats::default());
    }

    #[test]
    fn a_few_requests() {
        let reqs = vec![
            Request {
                id: 7,
                route: "/a".into(),
                millis: 30,
            },
            Request {
                id: 8,
                route: "/b".into(),
                millis: 90,
            },
            Request {
                id: 9,
                route: "/a".into(),
                millis: 90,
            },
            Request {
                id: 10,
                route: "/b".into(),
                millis: 5,
            },
        ];
        let expected = Stats {
            count: 4,
            total_millis: 215,
            fastest: Some(5),
            slowest: Some((8, 90)),
        };
        assert_eq!(summarise(&reqs), expected);
        assert_eq!(summarise_route(&reqs, "/a").slowest, Some((9, 90)));
        assert_eq!(summarise_route(&reqs, "/c"), Stats::default());
    }

    #[test]
    fn parallel_answers_match_the_serial_loop_on_any_pool() {
        let reqs = requests(20_000);
        let orders: Vec<Request> = requests(20_000)
            .into_iter()
            .filter(|r| r.route.starts_with("/api"))
            .collect();
        for threads in [1, 2, 5, 8] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            assert_eq!(
                pool.install(|| summarise(&reqs)),
                serial(&reqs),
                "{threads} threads"
            );
            assert_eq!(
                pool.install(|| summarise_route(&reqs, "/api")),
                serial(&orders),
                "{threads} threads"
            );
        }
    }
}
