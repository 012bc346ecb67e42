//! `thread::spawn` needs a `'static` closure: the thread may outlive the function
//! that started it, so the closure may not borrow that function's locals. A
//! `move` closure takes each capture by value instead: `Copy` values are
//! copied, owned values such as a `Vec` are moved, nothing is cloned.

// A monitoring agent runs health checks on a background thread and returns the
// handle. Make it compile without copying or sharing the endpoint list: the
// probes must run on the background thread.

use std::thread::{self, JoinHandle};

/// An endpoint to check: each call of `probe` makes one request and returns
/// the latency it was answered in, in milliseconds.
pub struct Endpoint {
    pub name: String,
    pub probe: Box<dyn Fn() -> u64 + Send + Sync>,
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
    let report = thread::scope(|s| {
        s.spawn(|| {
            let mut report = Report::default();
            for _ in 0..rounds {
                for endpoint in &endpoints {
                    if (endpoint.probe)() <= timeout_ms {
                        report.up += 1;
                    } else {
                        report.down += 1;
                    }
                }
            }
            report
        })
        .join()
        .unwrap_or_default()
    });
    thread::spawn(move || report)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Endpoint, Report, spawn_health_check};
    use std::sync::{Arc, Mutex};
    use std::thread::{self, ThreadId};

    fn endpoint(name: &str, latency_ms: u64) -> Endpoint {
        Endpoint {
            name: name.to_string(),
            probe: Box::new(move || latency_ms),
        }
    }

    #[test]
    fn slow_endpoints_count_as_down() {
        let endpoints = vec![
            endpoint("api", 40),
            endpoint("db", 300),
            endpoint("cache", 250),
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
        let none = spawn_health_check(Vec::new(), 5).join().unwrap();
        assert_eq!(none, Report::default());
    }

    #[test]
    fn probes_run_on_the_background_thread() {
        let seen: Arc<Mutex<Vec<ThreadId>>> = Arc::default();
        let record = Arc::clone(&seen);
        let traced = Endpoint {
            name: String::from("traced"),
            probe: Box::new(move || {
                record.lock().unwrap().push(thread::current().id());
                10
            }),
        };
        let handle = spawn_health_check(vec![traced, endpoint("db", 20)], 3);
        let worker = handle.thread().id();
        assert_eq!(handle.join().unwrap(), Report { up: 6, down: 0 });
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 3);
        assert!(
            seen.iter().all(|&id| id == worker),
            "the probes ran on the caller's thread, not on the health-check thread"
        );
    }
}
