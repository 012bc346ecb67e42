//! Two locks, two different right answers. `std::sync::Mutex` is the right lock when the
//! critical section is short and contains no `.await`: it is cheaper, and sync code can
//! use it too. When a critical section must span an `.await`, a std guard would be held
//! across it, which is not `Send` and blocks the thread while other tasks wait;
//! `tokio::sync::Mutex` is built for that: `lock().await` suspends the task instead.

// Make the tests pass: many tasks share one `Client`. A query is a two-step conversation
// on the one shared connection (select a database, then read a key: no other task may
// select in between), and the client counts its queries. Keep the signatures.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::Mutex as AsyncMutex;

/// A connection to a key-value server with numbered databases: a stateful protocol, like
/// Redis's `SELECT` then `GET`. Each call is a round trip that suspends the task.
pub struct Conn {
    selected: u32,
    dbs: HashMap<u32, HashMap<String, String>>,
}

impl Conn {
    pub fn new(dbs: HashMap<u32, HashMap<String, String>>) -> Self {
        Conn { selected: 0, dbs }
    }

    pub async fn select(&mut self, db: u32) {
        tokio::task::yield_now().await;
        self.selected = db;
    }

    pub async fn get(&mut self, key: &str) -> Option<String> {
        tokio::task::yield_now().await;
        self.dbs.get(&self.selected)?.get(key).cloned()
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Stats {
    pub queries: u64,
    pub misses: u64,
}

pub struct Client {
    pub conn: AsyncMutex<Conn>,
    pub stats: Mutex<Stats>,
}

impl Client {
    pub fn new(conn: Conn) -> Self {
        Client {
            conn: AsyncMutex::new(conn),
            stats: Mutex::new(Stats::default()),
        }
    }

    /// Reads `key` from database `db`.
    pub async fn query(&self, db: u32, key: &str) -> Option<String> {
        self.stats.lock().unwrap().queries += 1;
        let mut conn = self.conn.lock().await;
        conn.select(db).await;
        let value = conn.get(key).await;
        if value.is_none() {
            self.stats.lock().unwrap().misses += 1;
        }
        value
    }

    /// A snapshot of the counters; sync code (a metrics exporter thread) calls it too.
    pub fn stats(&self) -> Stats {
        *self.stats.lock().unwrap()
    }
}

/// Runs every query on a task of its own; the answers come back in query order.
pub async fn run_queries(
    client: Arc<Client>,
    queries: Vec<(u32, &'static str)>,
) -> Vec<Option<String>> {
    let tasks: Vec<_> = queries
        .into_iter()
        .map(|(db, key)| {
            let client = Arc::clone(&client);
            tokio::spawn(async move { client.query(db, key).await })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.expect("a query task panicked"));
    }
    answers
}

fn main() {
    // Free to experiment; the tests run the queries as tokio tasks.
}

#[cfg(test)]
mod tests {
    use super::{Client, Conn, Stats, run_queries};
    use std::collections::HashMap;
    use std::sync::Arc;

    fn conn() -> Conn {
        let db = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<HashMap<_, _>>()
        };
        Conn::new(HashMap::from([
            (1, db(&[("colour", "red"), ("size", "small")])),
            (2, db(&[("colour", "blue")])),
        ]))
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[tokio::test]
    async fn the_connection_is_async() {
        let mut conn = conn();
        conn.select(2).await;
        assert_eq!(conn.get("colour").await, some("blue"));
    }

    // One runtime thread: the tasks interleave at every `.await`, in a fixed order.
    #[tokio::test]
    async fn conversations_do_not_interleave() {
        let client = Arc::new(Client::new(conn()));
        let answers = run_queries(
            Arc::clone(&client),
            vec![
                (1, "colour"),
                (2, "colour"),
                (1, "size"),
                (2, "size"),
                (1, "colour"),
            ],
        )
        .await;
        assert_eq!(
            answers,
            vec![some("red"), some("blue"), some("small"), None, some("red")]
        );
        assert_eq!(
            client.stats(),
            Stats {
                queries: 5,
                misses: 1
            }
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn many_tasks_on_many_threads() {
        let client = Arc::new(Client::new(conn()));
        let queries: Vec<_> = (0..200)
            .map(|i| {
                if i % 2 == 0 {
                    (1, "colour")
                } else {
                    (2, "colour")
                }
            })
            .collect();
        let answers = run_queries(Arc::clone(&client), queries).await;
        for (i, answer) in answers.iter().enumerate() {
            let expected = if i % 2 == 0 { "red" } else { "blue" };
            assert_eq!(answer.as_deref(), Some(expected), "query {i}");
        }
        assert_eq!(
            client.stats(),
            Stats {
                queries: 200,
                misses: 0
            }
        );
    }

    #[test]
    fn stats_stay_a_std_mutex_readable_from_sync_code() {
        let client = Arc::new(Client::new(conn()));
        let _: &std::sync::Mutex<Stats> = &client.stats;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime");
        let answers = runtime.block_on(run_queries(Arc::clone(&client), vec![(2, "size")]));
        assert_eq!(answers, vec![None]);
        let exporter = std::thread::spawn(move || client.stats());
        let stats = exporter.join().expect("the exporter thread");
        assert_eq!(
            stats,
            Stats {
                queries: 1,
                misses: 1
            }
        );
    }
}
