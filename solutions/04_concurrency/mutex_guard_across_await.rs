//! Everything an `async fn` holds across an `.await` is stored inside its future.
//! A `std::sync::MutexGuard` is not `Send` (the lock must be released by the thread
//! that took it), so a future holding one across an `.await` is not `Send` either,
//! and a multi-threaded executor refuses it. Finish with the lock before you await.

// Make the tests pass: `spawn` below, like `tokio::spawn`, only accepts futures that can
// move to another thread. Keep `spawn` and its bounds as they are; change the handler.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, JoinHandle, Thread};

struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

fn block_on<F: Future>(future: F) -> F::Output {
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

/// The kit's tiny runtime: runs `future` to completion on a thread of its own.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    thread::spawn(move || block_on(future))
}

/// Gives the executor a turn, like an I/O call that is not ready yet.
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

#[derive(Debug, Default)]
pub struct Metrics {
    pub requests: u64,
    pub bytes: u64,
}

/// Handles one upload: records it in the shared metrics, then writes the response.
pub async fn handle_upload(metrics: Arc<Mutex<Metrics>>, body: Vec<u8>) -> usize {
    {
        let mut totals = metrics.lock().expect("metrics poisoned");
        totals.requests += 1;
        totals.bytes += body.len() as u64;
    } // the guard is dropped here, so the future holds no lock across the await
    yield_now().await; // writing the response
    body.len()
}

/// Serves every upload as its own task and returns the total bytes received.
pub fn serve(metrics: &Arc<Mutex<Metrics>>, uploads: Vec<Vec<u8>>) -> usize {
    let tasks: Vec<_> = uploads
        .into_iter()
        .map(|body| spawn(handle_upload(Arc::clone(metrics), body)))
        .collect();
    tasks
        .into_iter()
        .map(|task| task.join().expect("a task panicked"))
        .sum()
}

fn main() {
    // Free to experiment: let m = Arc::new(Mutex::new(Metrics::default())); serve(&m, vec![vec![1]]);
}

#[cfg(test)]
mod tests {
    use super::{Metrics, handle_upload, serve};
    use std::pin::pin;
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Poll, Waker};

    fn assert_send<T: Send>(_: &T) {}

    #[test]
    fn handler_future_is_send() {
        let metrics = Arc::new(Mutex::new(Metrics::default()));
        let future = handle_upload(metrics, vec![1, 2, 3]);
        assert_send(&future);
    }

    #[test]
    fn the_lock_is_free_while_the_handler_awaits() {
        let metrics = Arc::new(Mutex::new(Metrics::default()));
        let mut future = pin!(handle_upload(Arc::clone(&metrics), vec![7; 10]));
        let mut cx = Context::from_waker(Waker::noop());
        assert!(
            future.as_mut().poll(&mut cx).is_pending(),
            "writing the response is still awaited"
        );
        {
            let totals = metrics
                .try_lock()
                .expect("the handler must not hold the lock while it awaits");
            assert_eq!(
                (totals.requests, totals.bytes),
                (1, 10),
                "the upload is recorded before the response is written"
            );
        }
        assert_eq!(future.as_mut().poll(&mut cx), Poll::Ready(10));
    }

    #[test]
    fn serve_counts_every_upload() {
        let metrics = Arc::new(Mutex::new(Metrics::default()));
        let total = serve(&metrics, vec![vec![0; 3], vec![0; 4], vec![0; 5]]);
        assert_eq!(total, 12);
        let metrics = metrics.lock().unwrap();
        assert_eq!((metrics.requests, metrics.bytes), (3, 12));
    }
}
