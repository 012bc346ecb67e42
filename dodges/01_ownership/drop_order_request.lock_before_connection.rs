//! Locals are dropped in reverse order of declaration, at the end of their
//! scope; `drop(x)` ends one earlier. (`let _ = f()` drops at once; `let _x =
//! f()` keeps it to the end.) Struct fields are dropped in the order they are
//! declared, after the struct's own `Drop`, if it has one.

// A request handler takes a pooled connection and a row lock. The lock must be
// taken after the connection and released before the response is sent; the
// connection goes back to the pool last. A transaction that holds both must
// release them in the same order when it is dropped. Fix the order of events;
// releasing is the guards' job, so let them do it.

/// Hands out guards that release what they hold when dropped, and keeps a log
/// of what the handler does.
pub trait Pool {
    type Guard;
    fn acquire(&self, name: &'static str) -> Self::Guard;
    fn log(&self, event: &str);
}

pub fn handle_request<P: Pool>(pool: &P) {
    let _conn = pool.acquire("db connection");
    {
        let _lock = pool.acquire("row lock");
        pool.log("update row");
    }
    pool.log("send response");
}

/// A connection and the row lock taken on it, kept together.
pub struct Transaction<G> {
    pub conn: G,
    pub lock: G,
}

/// Starts a transaction: a connection, then a lock on it.
pub fn begin<P: Pool>(pool: &P) -> Transaction<P::Guard> {
    let lock = pool.acquire("row lock");
    let conn = pool.acquire("db connection");
    Transaction { conn, lock }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Pool, begin, handle_request};
    use std::cell::RefCell;
    use std::rc::Rc;

    /// Records every acquire, release and log line, in order.
    #[derive(Default)]
    struct TestPool {
        events: Rc<RefCell<Vec<String>>>,
    }

    struct Guard {
        name: &'static str,
        events: Rc<RefCell<Vec<String>>>,
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            self.events
                .borrow_mut()
                .push(format!("release {}", self.name));
        }
    }

    impl Pool for TestPool {
        type Guard = Guard;

        fn acquire(&self, name: &'static str) -> Guard {
            self.events.borrow_mut().push(format!("acquire {name}"));
            Guard {
                name,
                events: Rc::clone(&self.events),
            }
        }

        fn log(&self, event: &str) {
            self.events.borrow_mut().push(event.to_string());
        }
    }

    impl TestPool {
        fn events(&self) -> Vec<String> {
            self.events.borrow().clone()
        }
    }

    #[test]
    fn events_happen_in_the_required_order() {
        let pool = TestPool::default();
        handle_request(&pool);
        assert_eq!(
            pool.events(),
            [
                "acquire db connection",
                "acquire row lock",
                "update row",
                "release row lock",
                "send response",
                "release db connection",
            ]
        );
    }

    #[test]
    fn a_transaction_releases_the_lock_before_the_connection() {
        let pool = TestPool::default();
        let tx = begin(&pool);
        pool.log("in transaction");
        drop(tx);
        assert_eq!(
            pool.events(),
            [
                "acquire db connection",
                "acquire row lock",
                "in transaction",
                "release row lock",
                "release db connection",
            ]
        );
    }

    #[test]
    fn a_transaction_gives_access_to_both_guards() {
        let pool = TestPool::default();
        let tx = begin(&pool);
        assert_eq!((tx.conn.name, tx.lock.name), ("db connection", "row lock"));
    }
}
