//! A `Condvar` lets a thread sleep until another thread changes shared state, without
//! spinning. A notification is not a message, though: nobody stores it, and a thread
//! that starts waiting after the `notify` never hears it. So a waiter checks the
//! condition under the lock first, and waits only while it does not hold yet.

// Make the tests pass (as shipped they hang until the time limit kills them).
// Do not poll or sleep: block until there is work.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};

/// A queue of render jobs shared by a producer and worker threads.
#[derive(Default)]
pub struct JobQueue {
    jobs: Mutex<VecDeque<String>>,
    available: Condvar,
}

impl JobQueue {
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues a job and wakes one waiting worker.
    pub fn push(&self, job: &str) {
        let mut jobs = self.jobs.lock().expect("job queue poisoned");
        jobs.push_back(job.to_string());
        self.available.notify_one();
    }

    /// Takes the oldest job, blocking until there is one.
    pub fn pop(&self) -> String {
        let mut jobs = self.jobs.lock().expect("job queue poisoned");
        if jobs.is_empty() {
            jobs = self.available.wait(jobs).expect("job queue poisoned");
        }
        jobs.pop_front().expect("woken up, so there is a job")
    }
}

fn main() {
    // Free to experiment: let q = JobQueue::new(); q.push("thumbnail 42"); println!("{}", q.pop());
}

#[cfg(test)]
mod tests {
    use super::JobQueue;
    use std::thread;

    #[test]
    fn job_queued_before_pop_is_taken() {
        let queue = JobQueue::new();
        queue.push("thumbnail 1");
        queue.push("thumbnail 2");
        assert_eq!(queue.pop(), "thumbnail 1");
        assert_eq!(queue.pop(), "thumbnail 2");
    }

    #[test]
    fn workers_block_until_jobs_arrive() {
        let queue = JobQueue::new();
        thread::scope(|scope| {
            let workers: Vec<_> = (0..3).map(|_| scope.spawn(|| queue.pop())).collect();
            for n in 0..3 {
                queue.push(&format!("render {n}"));
            }
            let mut done: Vec<String> = workers.into_iter().map(|w| w.join().unwrap()).collect();
            done.sort();
            assert_eq!(done, ["render 0", "render 1", "render 2"]);
        });
    }
}
