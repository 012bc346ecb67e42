//! An atomic `load` followed by an atomic `store` is two operations, not one. If another
//! thread updates the value between them, the `store` writes back a stale result and
//! that update is lost. Read-modify-write operations such as `fetch_add` do the whole
//! update as one indivisible step.

// Make the tests pass. `preempt` marks the moment where the OS may switch to another
// thread; the tests use it to force the unlucky schedule on every run. Keep calling it
// once per recorded download.

use std::sync::RwLock;

/// Counts downloads of a release artifact from many server threads.
#[derive(Default)]
pub struct DownloadCounter {
    downloads: RwLock<u64>,
}

impl DownloadCounter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one download.
    pub fn record(&self, preempt: impl Fn()) {
        preempt();
        *self.downloads.write().expect("counter poisoned") += 1;
    }

    pub fn total(&self) -> u64 {
        *self.downloads.read().expect("counter poisoned")
    }
}

fn main() {
    // Free to experiment: let c = DownloadCounter::new(); c.record(|| {}); println!("{}", c.total());
}

#[cfg(test)]
mod tests {
    use super::DownloadCounter;
    use std::cell::Cell;
    use std::sync::Barrier;
    use std::thread;

    /// `threads` threads record one download each, all switching away at `preempt`
    /// until every one of them has reached it.
    fn record_in_lockstep(counter: &DownloadCounter, threads: usize) {
        let barrier = Barrier::new(threads);
        thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    counter.record(|| {
                        barrier.wait();
                    })
                });
            }
        });
    }

    #[test]
    fn one_thread_counts_one() {
        let counter = DownloadCounter::new();
        let preempted = Cell::new(0);
        counter.record(|| preempted.set(preempted.get() + 1));
        counter.record(|| preempted.set(preempted.get() + 1));
        assert_eq!(counter.total(), 2);
        assert_eq!(preempted.get(), 2, "`preempt` is called once per download");
    }

    #[test]
    fn two_threads_at_once_count_two() {
        let counter = DownloadCounter::new();
        record_in_lockstep(&counter, 2);
        assert_eq!(counter.total(), 2, "one download was lost");
    }

    #[test]
    fn eight_threads_at_once_count_eight() {
        let counter = DownloadCounter::new();
        record_in_lockstep(&counter, 8);
        record_in_lockstep(&counter, 8);
        assert_eq!(counter.total(), 16);
    }
}
