//! `thread::spawn` needs a `'static` closure: the thread may outlive the function
//! that started it, so the closure may not borrow that function's locals. A
//! `move` closure takes each capture by value instead: `Copy` values are
//! copied, owned values such as a `Vec` are moved, nothing is cloned.

// A monitoring agent runs health checks on a background thread and returns the
// handle. Make it compile without copying the endpoint list.

use std::thread::{self, JoinHandle};

/// An endpoint to probe, with the latency it answers in (simulated).
pub struct Endpoint {
    pub name: String,
    pub latency_ms: u64,
}

#[derive(Debug, Default, PartialEq)]
pub struct Report {
    pub up: usize,
    pub down: usize,
}

/// Probes every endpoint `rounds` times in the background; an answer slower than
/// the agent's timeout counts as down.
pub fn spawn_health_check(endpoints: Vec<Endpoint>, rounds: u32) -> JoinHandle<Report> {
    let timeout_ms = 250;
    thread::spawn(|| {
        let mut report = Report::default();
        for _ in 0..rounds {
            for endpoint in &endpoints {
                if endpoint.latency_ms <= timeout_ms {
                    report.up += 1;
                } else {
                    report.down += 1;
                }
            }
        }
        report
    })
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Endpoint, Report, spawn_health_check};

    fn endpoint(name: &str, latency_ms: u64) -> Endpoint {
        Endpoint {
            name: name.to_string(),
            latency_ms,
        }
    }

    #[test]
    fn slow_endpoints_count_as_down() {
        let endpoints = vec![
            endpoint("api", 40),
            endpoint("db", 300),
            endpoint("cache", 5),
        ];
        let handle = spawn_health_check(endpoints, 2);
        assert_eq!(handle.join().unwrap(), Report { up: 4, down: 2 });
    }

    #[test]
    fn several_checks_run_at_once() {
        let handles: Vec<_> = (1..=3)
            .map(|rounds| spawn_health_check(vec![endpoint("search", 100)], rounds))
            .collect();
        let up: Vec<usize> = handles.into_iter().map(|h| h.join().unwrap().up).collect();
        assert_eq!(up, [1, 2, 3]);
    }
}
