//! A graceful shutdown has three parts: tell every task to stop (a `watch` channel, a
//! cancellation token), stop accepting new work, and finish or hand back the work already
//! accepted before waiting for the tasks to end. A job that was accepted and then silently
//! dropped is the bug a graceful shutdown exists to prevent.

// Make the tests pass: a `Service` runs submitted jobs one at a time on a worker task.
// `shutdown` must finish every job accepted before it began, reject every submit from then
// on, and return (with the ids of the jobs done) once the worker has exited, even while
// clients still hold their handles. Keep the signatures.

use std::time::Duration;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

pub struct Job {
    pub id: u32,
    pub work: Duration,
}

#[derive(Debug, PartialEq)]
pub struct ShuttingDown;

/// A handle for submitting jobs; clients hold clones of it.
#[derive(Clone)]
pub struct Client {
    jobs: mpsc::Sender<Job>,
}

impl Client {
    /// Queues a job; fails once the service is shutting down.
    pub async fn submit(&self, job: Job) -> Result<(), ShuttingDown> {
        self.jobs.send(job).await.map_err(|_| ShuttingDown)
    }
}

pub struct Service {
    client: Client,
    stop: watch::Sender<bool>,
    worker: JoinHandle<Vec<u32>>,
}

async fn run(job: Job, done: &mut Vec<u32>) {
    tokio::time::sleep(job.work).await; // the actual work
    done.push(job.id);
}

async fn worker(mut jobs: mpsc::Receiver<Job>, mut stop: watch::Receiver<bool>) -> Vec<u32> {
    let mut done = Vec::new();
    loop {
        tokio::select! {
            biased;
            _ = stop.changed() => break,
            job = jobs.recv() => match job {
                Some(job) => run(job, &mut done).await,
                None => return done,
            },
        }
    }
    done
}

impl Service {
    pub fn start(queue: usize) -> Self {
        let (jobs_tx, jobs_rx) = mpsc::channel(queue);
        let (stop_tx, stop_rx) = watch::channel(false);
        Service {
            client: Client { jobs: jobs_tx },
            stop: stop_tx,
            worker: tokio::spawn(worker(jobs_rx, stop_rx)),
        }
    }

    pub fn client(&self) -> Client {
        self.client.clone()
    }

    /// Stops the service gracefully; the ids of every job done, in the order they ran.
    pub async fn shutdown(self) -> Vec<u32> {
        // The worker may have exited already; then there is nobody left to tell.
        let _ = self.stop.send(true);
        self.worker.abort();
        match self.worker.await {
            Ok(done) => done,
            Err(_) => Vec::new(),
        }
    }
}

fn main() {
    // Free to experiment; the tests run the service on tokio's paused clock.
}

#[cfg(test)]
mod tests {
    use super::{Job, Service, ShuttingDown};
    use std::time::Duration;
    use tokio::time::{Instant, sleep, timeout};

    fn job(id: u32) -> Job {
        Job {
            id,
            work: Duration::from_millis(100),
        }
    }

    /// Shuts down, but fails the test instead of hanging if shutdown never returns.
    async fn shut(service: Service) -> Vec<u32> {
        timeout(Duration::from_secs(3600), service.shutdown())
            .await
            .expect("shutdown never returned")
    }

    #[tokio::test(start_paused = true)]
    async fn every_accepted_job_is_finished() {
        let service = Service::start(16);
        let client = service.client();
        for id in 1..=12 {
            client.submit(job(id)).await.expect("accepted");
        }
        let start = Instant::now();
        assert_eq!(shut(service).await, (1..=12).collect::<Vec<_>>());
        assert_eq!(start.elapsed(), Duration::from_millis(1200));
    }

    #[tokio::test(start_paused = true)]
    async fn the_job_in_progress_finishes() {
        let service = Service::start(4);
        service.client().submit(job(7)).await.expect("accepted");
        sleep(Duration::from_millis(30)).await; // the worker is now busy with job 7
        assert_eq!(shut(service).await, vec![7]);
    }

    #[tokio::test(start_paused = true)]
    async fn submits_during_and_after_shutdown_are_rejected() {
        let service = Service::start(8);
        let client = service.client();
        for id in 1..=3 {
            client.submit(job(id)).await.expect("accepted");
        }
        let late = tokio::spawn({
            let client = client.clone();
            async move {
                sleep(Duration::from_millis(150)).await; // shutdown is draining by now
                client.submit(job(99)).await
            }
        });
        assert_eq!(shut(service).await, vec![1, 2, 3]);
        assert_eq!(
            late.await.expect("the late client panicked"),
            Err(ShuttingDown)
        );
        assert_eq!(client.submit(job(100)).await, Err(ShuttingDown));
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_service_shuts_down_at_once() {
        let service = Service::start(2);
        let _client_still_alive = service.client();
        let start = Instant::now();
        assert!(shut(service).await.is_empty());
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
}
