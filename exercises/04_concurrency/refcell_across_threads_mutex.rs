//! `RefCell` checks its borrows at run time with a plain counter, the borrow flag.
//! Two threads borrowing mutably at once could both read "not borrowed" before either
//! writes, and both would mutate the value. So `RefCell` is not `Sync`, and an `Arc`
//! of it cannot be handed to another thread. `Mutex` gives the same interior
//! mutability with a lock that threads respect.

// Make the tests pass: all payment workers append to one shared audit log.

use std::cell::RefCell;
use std::sync::Arc;
use std::thread;

/// An audit log that worker threads append to.
pub type AuditLog = Arc<RefCell<Vec<String>>>;

pub fn new_log() -> AuditLog {
    Arc::new(RefCell::new(Vec::new()))
}

/// The log's entries, sorted (threads append in no particular order).
pub fn entries(log: &AuditLog) -> Vec<String> {
    let mut entries = log.borrow().to_vec();
    entries.sort();
    entries
}

/// Settles each payment on its own thread and records it in the audit log.
pub fn settle_payments(log: &AuditLog, payments: Vec<(String, u64)>) {
    let handles: Vec<_> = payments
        .into_iter()
        .map(|(account, cents)| {
            let log = Arc::clone(log);
            thread::spawn(move || {
                let line = format!("{account}: settled {cents}");
                log.borrow_mut().push(line);
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a payment thread panicked");
    }
}

fn main() {
    // Free to experiment: let log = new_log(); settle_payments(&log, vec![("acme".into(), 5)]);
}

#[cfg(test)]
mod tests {
    use super::{AuditLog, entries, new_log, settle_payments};

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn the_log_handle_can_cross_threads() {
        assert_send_sync::<AuditLog>();
    }

    #[test]
    fn every_payment_is_logged_once() {
        let log = new_log();
        let payments = vec![
            ("acme".to_string(), 1200),
            ("globex".to_string(), 75),
            ("initech".to_string(), 300),
        ];
        settle_payments(&log, payments);
        assert_eq!(
            entries(&log),
            [
                "acme: settled 1200",
                "globex: settled 75",
                "initech: settled 300"
            ]
        );
    }

    #[test]
    fn two_rounds_append_to_the_same_log() {
        let log = new_log();
        settle_payments(&log, vec![("acme".to_string(), 1)]);
        settle_payments(&log, vec![("acme".to_string(), 2)]);
        assert_eq!(entries(&log), ["acme: settled 1", "acme: settled 2"]);
    }
}
