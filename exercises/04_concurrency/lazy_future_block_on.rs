//! Calling an `async fn` runs none of its body: it returns a future, a state machine
//! that makes progress only when an executor polls it. A future that is dropped
//! without being polled never runs at all. `block_on` below is a complete executor:
//! it polls, and when the future is not ready it parks the thread until the future's
//! waker unparks it.

// Make the tests pass: `settle` must really post every payment, in order.

use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

/// Wakes a task by unparking the thread that is blocked on it.
struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs `future` to completion on the current thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            Poll::Pending => thread::park(),
        }
    }
}

#[derive(Default)]
pub struct Ledger {
    entries: RefCell<Vec<String>>,
}

impl Ledger {
    /// Appends one entry (in a real service: an async write to the database).
    pub async fn post(&self, entry: String) {
        self.entries.borrow_mut().push(entry);
    }

    pub fn entries(&self) -> Vec<String> {
        self.entries.borrow().to_vec()
    }
}

/// Posts every payment to the ledger, in order, and returns how many were posted.
pub fn settle(ledger: &Ledger, payments: &[(&str, u64)]) -> usize {
    for (account, cents) in payments {
        ledger.post(format!("{account} paid {cents}"));
    }
    payments.len()
}

fn main() {
    // Free to experiment: let l = Ledger::default(); settle(&l, &[("acme", 5)]); println!("{:?}", l.entries());
}

#[cfg(test)]
mod tests {
    use super::{Ledger, block_on, settle};
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use std::thread;

    #[test]
    fn creating_a_future_runs_nothing() {
        let ledger = Ledger::default();
        let posting = ledger.post("acme paid 5".to_string());
        assert!(ledger.entries().is_empty(), "no poll, no progress");
        block_on(posting);
        assert_eq!(ledger.entries(), ["acme paid 5"]);
    }

    #[test]
    fn settle_posts_every_payment_in_order() {
        let ledger = Ledger::default();
        let posted = settle(&ledger, &[("acme", 1200), ("globex", 75)]);
        assert_eq!(posted, 2);
        assert_eq!(ledger.entries(), ["acme paid 1200", "globex paid 75"]);
    }

    /// Not ready on the first poll; another thread wakes the task later.
    struct WokenFromAnotherThread {
        polls: u32,
    }

    impl Future for WokenFromAnotherThread {
        type Output = u32;

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
            self.polls += 1;
            if self.polls > 1 {
                return Poll::Ready(self.polls);
            }
            let waker = cx.waker().clone();
            thread::spawn(move || waker.wake());
            Poll::Pending
        }
    }

    #[test]
    fn block_on_sleeps_until_woken() {
        assert_eq!(block_on(WokenFromAnotherThread { polls: 0 }), 2);
    }
}
