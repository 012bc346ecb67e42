//! An async task must not block its thread: while a runtime thread computes for a second,
//! or waits in a blocking call, none of the other tasks scheduled on it can run. Blocking
//! or CPU-heavy work belongs on threads meant for it, and tokio keeps a pool of them,
//! whose results an async task can await.

// Make the tests pass: `checksum_all` checksums every upload with a blocking function (in
// production it reads the upload back from disk), while the server's other tasks keep
// running. The checksums come back in upload order. Keep the signature.

use std::sync::Arc;

/// Checksums every upload, in order.
pub async fn checksum_all<F>(uploads: Vec<Vec<u8>>, checksum: F) -> Vec<u64>
where
    F: Fn(&[u8]) -> u64 + Send + Sync + 'static,
{
    let checksum = Arc::new(checksum);
    let mut sums = Vec::with_capacity(uploads.len());
    for upload in uploads {
        let checksum = Arc::clone(&checksum);
        // A thread of its own for the checksum; the pool only waits for it to finish.
        let thread = std::thread::Builder::new()
            .spawn(move || checksum(&upload))
            .expect("spawn a checksum thread");
        let sum = tokio::task::spawn_blocking(move || thread.join().expect("a checksum panicked"))
            .await
            .expect("the join panicked");
        sums.push(sum);
    }
    sums
}

fn main() {
    // Free to experiment; the tests call `checksum_all` on a one-thread runtime.
}

#[cfg(test)]
mod tests {
    use super::checksum_all;
    use std::sync::{Mutex, mpsc};
    use std::thread;
    use tokio::sync::mpsc as async_mpsc;

    fn fnv1a(data: &[u8]) -> u64 {
        data.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    }

    #[tokio::test]
    async fn checksums_come_back_in_order() {
        let uploads = vec![b"alpha".to_vec(), Vec::new(), b"gamma ray".to_vec()];
        let expected: Vec<u64> = uploads.iter().map(|u| fnv1a(u)).collect();
        assert_eq!(checksum_all(uploads, fnv1a).await, expected);
    }

    // The checksum blocks until another task of this (one-thread) runtime answers it. If
    // it blocks the runtime's thread, that task never runs: a deadlock, every time.
    #[tokio::test]
    async fn other_tasks_run_while_a_checksum_blocks() {
        let (started_tx, mut started_rx) = async_mpsc::unbounded_channel();
        let (go_tx, go_rx) = mpsc::channel::<()>();
        let go_rx = Mutex::new(go_rx);
        let runtime_thread = thread::current().id();
        let checksum = move |data: &[u8]| {
            assert_ne!(
                thread::current().id(),
                runtime_thread,
                "ran on the runtime thread"
            );
            assert!(
                tokio::runtime::Handle::try_current().is_ok(),
                "ran on a thread of its own, outside the runtime's blocking pool"
            );
            started_tx.send(()).expect("the answering task is gone");
            go_rx.lock().unwrap().recv().expect("no answer");
            fnv1a(data)
        };
        let answering = tokio::spawn(async move {
            let mut answered = 0;
            while started_rx.recv().await.is_some() {
                go_tx.send(()).expect("the checksum is gone");
                answered += 1;
            }
            answered
        });
        let uploads: Vec<Vec<u8>> = (0..4u8).map(|i| vec![i; 100]).collect();
        let expected: Vec<u64> = uploads.iter().map(|u| fnv1a(u)).collect();
        assert_eq!(checksum_all(uploads, checksum).await, expected);
        assert_eq!(answering.await.expect("the answering task panicked"), 4);
    }
}
