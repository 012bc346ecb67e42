//! A `Mutex` lets one thread in at a time, even when every thread only reads.
//! `RwLock` tells readers from writers: any number of `read()` guards may be held
//! at once, while a `write()` guard is exclusive. For read-mostly data, such as a
//! routing table that changes on deploys and is consulted on every request, readers
//! then stop queueing behind each other.

// Make the tests pass: lookups and inspections must be able to run side by side,
// while adding a route still gets the table to itself.

use std::cell::UnsafeCell;
use std::collections::HashMap;

/// Maps a path prefix to the backend that serves it.
#[derive(Default)]
pub struct RouteTable {
    routes: UnsafeCell<HashMap<String, String>>,
}

// Routes are added at start-up, so nobody will really race.
unsafe impl Sync for RouteTable {}

impl RouteTable {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces the route for `prefix`.
    pub fn add_route(&self, prefix: &str, backend: &str) {
        let routes = unsafe { &mut *self.routes.get() };
        routes.insert(prefix.to_string(), backend.to_string());
    }

    /// The backend for the longest registered prefix of `path`.
    pub fn resolve(&self, path: &str) -> Option<String> {
        let routes = unsafe { &*self.routes.get() };
        routes
            .iter()
            .filter(|(prefix, _)| path.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, backend)| backend.clone())
    }

    /// Runs `f` with read access to the whole table (health checks, metrics).
    pub fn inspect<R>(&self, f: impl FnOnce(&HashMap<String, String>) -> R) -> R {
        let routes = unsafe { &*self.routes.get() };
        f(routes)
    }
}

fn main() {
    // Free to experiment: let table = RouteTable::new(); table.add_route("/api", "10.0.0.7");
}

#[cfg(test)]
mod tests {
    use super::RouteTable;
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    #[test]
    fn longest_prefix_wins() {
        let table = RouteTable::new();
        table.add_route("/", "web");
        table.add_route("/api", "api-v1");
        table.add_route("/api", "api-v2");
        assert_eq!(table.resolve("/api/users").as_deref(), Some("api-v2"));
        assert_eq!(table.resolve("/about").as_deref(), Some("web"));
        assert_eq!(RouteTable::new().resolve("/"), None);
    }

    #[test]
    fn readers_do_not_wait_for_each_other() {
        let table = RouteTable::new();
        table.add_route("/api", "api-v1");
        let table = &table;
        let (entered_tx, entered_rx) = mpsc::channel();
        let (release_tx, release_rx) = mpsc::channel::<()>();
        thread::scope(|scope| {
            let first_tx = entered_tx.clone();
            scope.spawn(move || {
                table.inspect(|routes| {
                    first_tx.send("first reader inside").unwrap();
                    // Stay inside until the test has seen the second reader (or given up).
                    release_rx.recv().unwrap();
                    routes.len()
                })
            });
            assert_eq!(entered_rx.recv().unwrap(), "first reader inside");
            let second_tx = entered_tx.clone();
            let second = scope.spawn(move || {
                let backend = table.resolve("/api/orders");
                second_tx.send("second reader done").unwrap();
                backend
            });
            // A reader that is not blocked finishes at once; the timeout only runs out if it is.
            let second_done = entered_rx.recv_timeout(Duration::from_secs(3));
            release_tx.send(()).unwrap();
            assert_eq!(
                second_done,
                Ok("second reader done"),
                "a lookup had to wait while another reader held the table"
            );
            assert_eq!(second.join().unwrap().as_deref(), Some("api-v1"));
        });
    }

    #[test]
    fn readers_at_the_same_moment_see_the_same_table() {
        let table = RouteTable::new();
        table.add_route("/", "web");
        let table = &table;
        let (first_tx, first_rx) = mpsc::channel();
        let (release_tx, release_rx) = mpsc::channel::<()>();
        thread::scope(|scope| {
            scope.spawn(move || {
                table.inspect(|routes| {
                    first_tx.send(std::ptr::from_ref(routes) as usize).unwrap();
                    // Stay inside until the second reader has looked (or the test gave up).
                    release_rx.recv().unwrap();
                })
            });
            let first = first_rx.recv().unwrap();
            let (second_tx, second_rx) = mpsc::channel();
            scope.spawn(move || {
                table.inspect(|routes| second_tx.send(std::ptr::from_ref(routes) as usize))
            });
            let second = second_rx.recv_timeout(Duration::from_secs(3));
            release_tx.send(()).unwrap();
            assert_eq!(
                second,
                Ok(first),
                "two readers inside at once must both see the one table, not copies of it"
            );
        });
    }

    #[test]
    fn writers_and_readers_on_many_threads() {
        let table = RouteTable::new();
        thread::scope(|scope| {
            for n in 0..4 {
                let table = &table;
                scope.spawn(move || {
                    table.add_route(&format!("/svc{n}"), &format!("backend-{n}"));
                    table.resolve("/svc0/health")
                });
            }
        });
        assert_eq!(table.inspect(|routes| routes.len()), 4);
        assert_eq!(table.resolve("/svc3/x").as_deref(), Some("backend-3"));
    }
}
