//! Challenge: a fixed-size thread pool, the classic interview exercise. `execute` queues a
//! job on one channel; N worker threads take jobs off it and run them; dropping the pool
//! closes the channel, lets the workers finish every queued job, and joins them. A channel's
//! `Receiver` is not `Sync`, so the workers share it behind a `Mutex`, and how long each
//! worker holds that lock decides whether the pool runs N jobs at once, or one.

// As shipped, the pool has N threads but runs one job at a time, so one slow job holds up
// the whole queue. Find out why and fix the worker loop; keep the pool's design (one shared
// channel, `size` workers, `Drop` that finishes the queue).

use std::sync::{Arc, Mutex, mpsc};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct ThreadPool {
    workers: Vec<JoinHandle<()>>,
    sender: Option<mpsc::Sender<Job>>,
}

impl ThreadPool {
    /// A pool of `size` worker threads (at least one), named `pool-worker-0`, `-1`, ...
    pub fn new(size: usize) -> ThreadPool {
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        let workers = (0..size.max(1))
            .map(|id| {
                let receiver = Arc::clone(&receiver);
                thread::Builder::new()
                    .name(format!("pool-worker-{id}"))
                    .spawn(move || {
                        // Hand each job to a helper thread under this worker's name, so the
                        // worker is straight back at the queue; join the helpers at the end.
                        let name = format!("pool-worker-{id}");
                        let mut helpers = Vec::new();
                        while let Ok(job) = receiver.lock().expect("queue poisoned").recv() {
                            let helper = thread::Builder::new().name(name.clone()).spawn(job);
                            helpers.push(helper.expect("spawn a helper"));
                        }
                        for helper in helpers {
                            helper.join().expect("a job panicked");
                        }
                    })
                    .expect("spawn a pool worker")
            })
            .collect();
        ThreadPool {
            workers,
            sender: Some(sender),
        }
    }

    /// Queues `job`; the next free worker runs it.
    pub fn execute(&self, job: impl FnOnce() + Send + 'static) {
        if let Some(sender) = &self.sender {
            sender
                .send(Box::new(job))
                .expect("the workers outlive the pool's sender");
        }
    }
}

impl Drop for ThreadPool {
    /// Runs every job still queued, then stops the workers; returns once all have exited.
    fn drop(&mut self) {
        // Closing the channel ends each worker's loop once the queue is empty.
        drop(self.sender.take());
        for worker in self.workers.drain(..) {
            worker.join().expect("a pool worker panicked");
        }
    }
}

fn main() {
    // Free to experiment: let pool = ThreadPool::new(2); pool.execute(|| println!("hi"));
}

#[cfg(test)]
mod tests {
    use super::ThreadPool;
    use std::collections::HashSet;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Condvar, Mutex};
    use std::thread::{self, ThreadId};
    use std::time::Duration;

    /// How long a job in these tests waits for the others before it gives up.
    const PATIENCE: Duration = Duration::from_secs(3);

    /// A count that jobs can wait on, with a timeout so a stuck pool fails instead of
    /// hanging. Records every failure for the test to report.
    #[derive(Default)]
    struct Tally {
        count: Mutex<usize>,
        changed: Condvar,
        failures: Mutex<Vec<String>>,
        threads: Mutex<HashSet<(String, ThreadId)>>,
    }

    impl Tally {
        fn bump(&self) {
            let me = thread::current();
            let name = me.name().unwrap_or("?").to_string();
            self.threads.lock().unwrap().insert((name, me.id()));
            *self.count.lock().unwrap() += 1;
            self.changed.notify_all();
        }

        fn wait_for(&self, at_least: usize, what: &str) {
            if !self.failures.lock().unwrap().is_empty() {
                return; // already failed: do not make every later job wait too
            }
            let count = self.count.lock().unwrap();
            let (count, waited) = self
                .changed
                .wait_timeout_while(count, PATIENCE, |count| *count < at_least)
                .unwrap();
            if waited.timed_out() {
                self.failures
                    .lock()
                    .unwrap()
                    .push(format!("{what}: only {} of {at_least}", *count));
            }
        }

        fn check(&self) {
            let failures = self.failures.lock().unwrap();
            assert!(failures.is_empty(), "{failures:?}");
        }
    }

    #[test]
    fn every_job_runs_before_the_pool_is_gone() {
        let done = Arc::new(AtomicUsize::new(0));
        let pool = ThreadPool::new(3);
        for _ in 0..20 {
            let done = Arc::clone(&done);
            pool.execute(move || {
                done.fetch_add(1, Ordering::SeqCst);
            });
        }
        drop(pool);
        assert_eq!(done.load(Ordering::SeqCst), 20);
    }

    #[test]
    fn a_pool_of_one_runs_jobs_in_order() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let pool = ThreadPool::new(0);
        for n in 0..10 {
            let log = Arc::clone(&log);
            pool.execute(move || log.lock().unwrap().push((n, thread::current().id())));
        }
        drop(pool);
        let log = log.lock().unwrap();
        let order: Vec<i32> = log.iter().map(|&(n, _)| n).collect();
        assert_eq!(order, (0..10).collect::<Vec<_>>());
        let threads: HashSet<ThreadId> = log.iter().map(|&(_, id)| id).collect();
        assert_eq!(
            threads.len(),
            1,
            "a pool of one runs every job on its one worker"
        );
    }

    #[test]
    fn a_slow_job_does_not_hold_up_the_queue() {
        let tally = Arc::new(Tally::default());
        let pool = ThreadPool::new(2);
        {
            // The slow job only finishes once the five quick ones queued after it are done.
            let tally = Arc::clone(&tally);
            pool.execute(move || tally.wait_for(5, "quick jobs done while the slow one ran"));
        }
        for _ in 0..5 {
            let tally = Arc::clone(&tally);
            pool.execute(move || tally.bump());
        }
        drop(pool);
        tally.check();
    }

    #[test]
    fn workers_run_jobs_side_by_side() {
        let tally = Arc::new(Tally::default());
        let pool = ThreadPool::new(4);
        for _ in 0..8 {
            let tally = Arc::clone(&tally);
            pool.execute(move || {
                tally.bump();
                tally.wait_for(4, "jobs running at the same time");
            });
        }
        drop(pool);
        tally.check();
        let threads = tally.threads.lock().unwrap();
        assert_eq!(
            threads.len(),
            4,
            "four worker threads ran all eight jobs: {threads:?}"
        );
        assert!(
            threads
                .iter()
                .all(|(name, _)| name.starts_with("pool-worker-"))
        );
    }
}
