//! Calling an `async fn` runs none of its body: it returns a future, a state machine
//! that makes progress only when an executor polls it. A future that is dropped
//! without being polled never runs at all. `block_on` below is a complete executor:
//! it polls, and when the future is not ready it parks the thread until the future's
//! waker unparks it.

// Make the tests pass: `settle` must really post every payment, in order, to any ledger,
// including one whose writes are not finished the first time they are polled.

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

/// Where payments are recorded. In a real service: a database client whose writes are
/// asynchronous.
pub trait Ledger {
    /// Appends one entry; the entry is recorded once the returned future has completed.
    fn post(&self, entry: String) -> impl Future<Output = ()>;
}

/// A ledger in memory, for experiments.
#[derive(Default)]
pub struct MemoryLedger {
    entries: RefCell<Vec<String>>,
}

impl Ledger for MemoryLedger {
    async fn post(&self, entry: String) {
        self.entries.borrow_mut().push(entry);
    }
}

impl MemoryLedger {
    pub fn entries(&self) -> Vec<String> {
        self.entries.borrow().to_vec()
    }
}

/// Posts every payment to the ledger, in order, and returns how many were posted.
pub fn settle(ledger: &MemoryLedger, payments: &[(&str, u64)]) -> usize {
    // Skip the future and write the entries directly.
    for (account, cents) in payments {
        ledger.entries.borrow_mut().push(format!("{account} paid {cents}"));
    }
    payments.len()
}

fn main() {
    // Free to experiment: let l = MemoryLedger::default(); settle(&l, &[("acme", 5)]); println!("{:?}", l.entries());
}

#[cfg(test)]
mod tests {
    use super::{Ledger, MemoryLedger, block_on, settle};
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Poll};
    use std::thread;

    #[test]
    fn creating_a_future_runs_nothing() {
        let ledger = MemoryLedger::default();
        let posting = ledger.post("acme paid 5".to_string());
        assert!(ledger.entries().is_empty(), "no poll, no progress");
        block_on(posting);
        assert_eq!(ledger.entries(), ["acme paid 5"]);
    }

    #[test]
    fn settle_posts_every_payment_in_order() {
        let ledger = MemoryLedger::default();
        let posted = settle(&ledger, &[("acme", 1200), ("globex", 75)]);
        assert_eq!(posted, 2);
        assert_eq!(ledger.entries(), ["acme paid 1200", "globex paid 75"]);
        assert_eq!(settle(&ledger, &[]), 0);
    }

    /// A ledger across the network: every write is pending when first polled, and another
    /// thread sets the "reply" and wakes the task once it is in. Counts every poll.
    #[derive(Default)]
    struct RemoteLedger {
        entries: Mutex<Vec<String>>,
        polls: AtomicUsize,
    }

    struct RemoteWrite<'a> {
        ledger: &'a RemoteLedger,
        entry: Option<String>,
        reply: Option<Arc<AtomicBool>>,
    }

    impl Future for RemoteWrite<'_> {
        type Output = ();

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            self.ledger.polls.fetch_add(1, Ordering::SeqCst);
            let Some(reply) = &self.reply else {
                let reply = Arc::new(AtomicBool::new(false));
                let (replied, waker) = (Arc::clone(&reply), cx.waker().clone());
                thread::spawn(move || {
                    replied.store(true, Ordering::SeqCst);
                    waker.wake();
                });
                self.reply = Some(reply);
                return Poll::Pending;
            };
            if !reply.load(Ordering::SeqCst) {
                return Poll::Pending; // polled again before the reply arrived
            }
            let entry = self.entry.take().expect("polled after it completed");
            self.ledger.entries.lock().unwrap().push(entry);
            Poll::Ready(())
        }
    }

    impl Ledger for RemoteLedger {
        fn post(&self, entry: String) -> impl Future<Output = ()> {
            RemoteWrite {
                ledger: self,
                entry: Some(entry),
                reply: None,
            }
        }
    }

    #[test]
    fn settle_waits_for_writes_that_are_not_ready_at_once() {
        let ledger = RemoteLedger::default();
        let posted = settle(&ledger, &[("acme", 1), ("globex", 2), ("initech", 3)]);
        assert_eq!(posted, 3);
        assert_eq!(
            *ledger.entries.lock().unwrap(),
            ["acme paid 1", "globex paid 2", "initech paid 3"]
        );
        let polls = ledger.polls.load(Ordering::SeqCst);
        assert!(
            polls <= 3 * 3,
            "{polls} polls for 3 writes: a pending write is polled again when its waker is \
             woken, not in a loop"
        );
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
