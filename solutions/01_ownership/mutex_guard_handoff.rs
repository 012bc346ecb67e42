//! A `MutexGuard` keeps the lock until it is dropped, and a guard bound to a
//! variable lives to the end of its block. Holding it while you wait for
//! another thread that needs the same lock is a deadlock: release the guard
//! (end its scope, or `drop` it) before handing off.

// The publisher pushes a message into a shared inbox, wakes the subscriber and
// waits for its acknowledgement. As shipped the two threads wait on each other
// forever. Make them take turns; the subscriber stays as it is.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender};

/// Adds `msg` to the inbox, wakes the subscriber and waits until it has drained
/// the inbox. Returns how many messages the subscriber took in that batch.
pub fn publish(
    inbox: &Mutex<Vec<String>>,
    msg: &str,
    wake: &Sender<()>,
    done: &Receiver<usize>,
) -> usize {
    inbox.lock().unwrap().push(msg.to_string());
    wake.send(()).unwrap();
    done.recv().unwrap()
}

/// Runs until the publisher hangs up: on every wake-up, moves the whole inbox
/// into `log` and reports the batch size.
pub fn subscribe(
    inbox: &Mutex<Vec<String>>,
    log: &Mutex<Vec<String>>,
    wake: Receiver<()>,
    done: Sender<usize>,
) {
    for () in wake {
        let batch = std::mem::take(&mut *inbox.lock().unwrap());
        let taken = batch.len();
        log.lock().unwrap().extend(batch);
        done.send(taken).unwrap();
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{publish, subscribe};
    use std::sync::{Mutex, mpsc};
    use std::thread;

    #[test]
    fn publisher_and_subscriber_take_turns() {
        let inbox = Mutex::new(Vec::new());
        let log = Mutex::new(Vec::new());
        let (wake_tx, wake_rx) = mpsc::channel::<()>();
        let (done_tx, done_rx) = mpsc::channel::<usize>();
        thread::scope(|s| {
            s.spawn(|| subscribe(&inbox, &log, wake_rx, done_tx));
            assert_eq!(publish(&inbox, "order 1 paid", &wake_tx, &done_rx), 1);
            assert_eq!(publish(&inbox, "order 2 shipped", &wake_tx, &done_rx), 1);
            drop(wake_tx);
        });
        assert_eq!(
            log.into_inner().unwrap(),
            ["order 1 paid", "order 2 shipped"]
        );
        assert!(inbox.into_inner().unwrap().is_empty());
    }

    #[test]
    fn publish_waits_for_the_acknowledgement_and_returns_it() {
        let inbox = Mutex::new(vec![String::from("left over")]);
        let (wake_tx, wake_rx) = mpsc::channel::<()>();
        let (done_tx, done_rx) = mpsc::channel::<usize>();
        let drained = thread::scope(|s| {
            // The kit's own subscriber: drains the inbox on each wake-up and
            // acknowledges with a receipt number the publisher cannot guess.
            let subscriber = s.spawn(|| {
                let mut drained = Vec::new();
                for (receipt, ()) in (100..).zip(wake_rx) {
                    drained.push(std::mem::take(&mut *inbox.lock().unwrap()));
                    done_tx.send(receipt).unwrap();
                }
                drained
            });
            assert_eq!(publish(&inbox, "a", &wake_tx, &done_rx), 100);
            assert_eq!(publish(&inbox, "b", &wake_tx, &done_rx), 101);
            drop(wake_tx);
            subscriber.join().unwrap()
        });
        assert_eq!(drained, [vec!["left over", "a"], vec!["b"]]);
    }
}
