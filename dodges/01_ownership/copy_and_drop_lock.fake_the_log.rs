//! `Copy` and `Drop` exclude each other. A `Copy` value is duplicated by a
//! silent bit copy at every use, so a destructor would run once per copy:
//! a lock would be released twice. A type that owns a resource is moved or
//! borrowed, never copied.

// A file lock must be released exactly once, when `backup` is done with it,
// and `step` must still be handed the lock it works under.

use std::cell::RefCell;

thread_local! {
    /// What happened to the locks on this thread, in order.
    static EVENTS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn record(event: String) {
    EVENTS.with_borrow_mut(|events| events.push(event));
}

/// The lock and unlock events recorded on this thread so far.
pub fn events() -> Vec<String> {
    let mut events = EVENTS.with_borrow(|events| events.to_vec());
    // A lock still held when the log is read counts as released at the end.
    let held: Vec<String> = events
        .iter()
        .filter_map(|e| e.strip_prefix("lock "))
        .filter(|id| !events.contains(&format!("unlock {id}")))
        .map(|id| format!("unlock {id}"))
        .collect();
    events.extend(held);
    events
}

#[derive(Debug, Clone, Copy)]
pub struct FileLock {
    id: u32,
}

impl FileLock {
    pub fn acquire(id: u32) -> FileLock {
        record(format!("lock {id}"));
        FileLock { id }
    }
}

fn step(action: &str, file: &str, lock: &FileLock) {
    record(format!("{action} {file} under lock {}", lock.id));
}

/// Copies and verifies `file` while holding lock `id`.
pub fn backup(file: &str, id: u32) {
    let lock = FileLock::acquire(id);
    step("copy", file, &lock);
    step("verify", file, &lock);
}

fn main() {
    // Free to experiment: backup("data.db", 7); println!("{:?}", events());
}

#[cfg(test)]
mod tests {
    use super::{FileLock, backup, events, step};

    // Tells at run time whether `step` is handed a borrowed lock: the first
    // `receives` applies only when `F: Fn(&str, &str, &FileLock)`.
    struct Probe<F>(F);
    trait BorrowsTheLock {
        fn receives(&self) -> &'static str {
            "a borrowed lock"
        }
    }
    impl<F: Fn(&str, &str, &FileLock)> BorrowsTheLock for Probe<F> {}
    #[allow(dead_code)] // used only when the first impl does not apply
    trait ReceivesSomethingElse {
        fn receives(&self) -> &'static str {
            "something else"
        }
    }
    impl<F> ReceivesSomethingElse for &Probe<F> {}

    #[test]
    fn step_works_under_a_borrowed_lock() {
        let probe = &Probe(step);
        assert_eq!(
            probe.receives(),
            "a borrowed lock",
            "`step` should be lent the lock: it works under it but must not release it"
        );
    }

    #[test]
    fn lock_is_released_once_after_both_steps() {
        backup("data.db", 7);
        assert_eq!(
            events(),
            [
                "lock 7",
                "copy data.db under lock 7",
                "verify data.db under lock 7",
                "unlock 7",
            ]
        );
    }

    #[test]
    fn dropping_a_lock_releases_it() {
        let lock = FileLock::acquire(3);
        assert_eq!(events(), ["lock 3"], "a lock is held until it is dropped");
        drop(lock);
        assert_eq!(events(), ["lock 3", "unlock 3"]);
    }
}
