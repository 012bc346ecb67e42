//! A `Future` has one method, `poll(self: Pin<&mut Self>, cx)`. It returns
//! `Poll::Ready(value)` when done, or `Poll::Pending`, and a future that returns
//! `Pending` promises to arrange a wake-up: it keeps `cx.waker()` and wakes it when
//! progress is possible. Nobody polls a future again without that call. `Pin` promises
//! the future is not moved between polls; this one is `Unpin`, so it can use `&mut self`.

// Make the tests pass: the receiving half of this one-shot channel must wake the task
// that awaits it as soon as the value arrives.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct Slot<T> {
    value: Option<T>,
    waker: Option<Waker>,
}

/// Sends one value (say, a database reply) to the task awaiting the `Receiver`.
pub struct Sender<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

/// A future that resolves to the value sent through the paired `Sender`.
pub struct Receiver<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

pub fn oneshot<T>() -> (Sender<T>, Receiver<T>) {
    let slot = Arc::new(Mutex::new(Slot {
        value: None,
        waker: None,
    }));
    (
        Sender {
            slot: Arc::clone(&slot),
        },
        Receiver { slot },
    )
}

impl<T> Sender<T> {
    pub fn send(self, value: T) {
        let waker = {
            let mut slot = self.slot.lock().expect("slot poisoned");
            slot.value = Some(value);
            slot.waker.take()
        };
        // Wake outside the lock: the woken task may poll (and lock) right away.
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl<T> Future for Receiver<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.slot.lock().expect("slot poisoned");
        match slot.value.take() {
            Some(value) => Poll::Ready(value),
            None => {
                // Ask to be polled again straight away, until the value is there.
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
}

fn main() {
    // Free to experiment: let (tx, rx) = oneshot(); tx.send(42); (poll `rx` with a waker)
}

#[cfg(test)]
mod tests {
    use super::oneshot;
    use std::future::Future;
    use std::pin::pin;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::{Context, Poll, Wake, Waker};
    use std::thread;

    /// A waker that only counts how often it was woken.
    #[derive(Default)]
    struct CountingWaker(AtomicUsize);

    impl Wake for CountingWaker {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn counting_waker() -> (Waker, Arc<CountingWaker>) {
        let counter = Arc::new(CountingWaker::default());
        (Waker::from(Arc::clone(&counter)), counter)
    }

    fn wakes(counter: &CountingWaker) -> usize {
        counter.0.load(Ordering::SeqCst)
    }

    #[test]
    fn value_sent_before_the_first_poll_is_ready() {
        let (tx, rx) = oneshot();
        tx.send("row 7");
        let (waker, _) = counting_waker();
        let mut rx = pin!(rx);
        assert_eq!(
            rx.as_mut().poll(&mut Context::from_waker(&waker)),
            Poll::Ready("row 7")
        );
    }

    #[test]
    fn send_wakes_the_waiting_task() {
        let (tx, rx) = oneshot();
        let (waker, counter) = counting_waker();
        let mut cx = Context::from_waker(&waker);
        let mut rx = pin!(rx);
        assert_eq!(rx.as_mut().poll(&mut cx), Poll::Pending);
        assert_eq!(wakes(&counter), 0, "nothing happened yet");
        thread::spawn(move || tx.send(42)).join().unwrap();
        assert_eq!(
            wakes(&counter),
            1,
            "the task that got Pending must be woken once"
        );
        assert_eq!(rx.as_mut().poll(&mut cx), Poll::Ready(42));
    }

    #[test]
    fn the_latest_waker_is_the_one_woken() {
        // An executor may move a task between threads: the last poll's waker counts.
        let (tx, rx) = oneshot();
        let (old_waker, old) = counting_waker();
        let (new_waker, new) = counting_waker();
        let mut rx = pin!(rx);
        assert_eq!(
            rx.as_mut().poll(&mut Context::from_waker(&old_waker)),
            Poll::Pending
        );
        assert_eq!(
            rx.as_mut().poll(&mut Context::from_waker(&new_waker)),
            Poll::Pending
        );
        tx.send('x');
        assert_eq!((wakes(&old), wakes(&new)), (0, 1));
    }
}
