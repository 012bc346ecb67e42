//! `crossbeam::channel::select!` blocks on several channel operations at once and runs the
//! branch of the first one that is ready. A thread blocked in `recv()` on one channel
//! cannot react to another until the first delivers. A disconnected channel is always
//! ready (its `recv` fails at once), so a select loop must decide what that means.

// Make the tests pass: a worker thread runs jobs from one channel and obeys a controller
// on another: it answers a `Report` at once, even while no job arrives; it returns on
// `Stop`, when its controller is gone, or when the job source has closed and every queued
// job is done. Keep the signature.

use crossbeam::channel::{Receiver, Sender, select};

pub struct Job {
    pub id: u32,
}

pub enum Control {
    /// Reply with the number of jobs done so far.
    Report(Sender<usize>),
    Stop,
}

#[derive(Debug, PartialEq)]
pub enum Ended {
    Stopped,
    ControllerGone,
    JobsClosed,
}

#[derive(Debug, PartialEq)]
pub struct Summary {
    pub done: Vec<u32>,
    pub ended: Ended,
}

pub fn run_worker(jobs: Receiver<Job>, control: Receiver<Control>) -> Summary {
    let mut done = Vec::new();
    // Check each channel in turn without waiting on it, round and round.
    let ended = loop {
        select! {
            recv(control) -> message => match message {
                Ok(Control::Report(reply)) => {
                    let _ = reply.send(done.len());
                }
                Ok(Control::Stop) => break Ended::Stopped,
                Err(_) => break Ended::ControllerGone,
            },
            default => {}
        }
        select! {
            recv(jobs) -> job => match job {
                Ok(job) => done.push(job.id),
                Err(_) => break Ended::JobsClosed,
            },
            default => {}
        }
    };
    Summary { done, ended }
}

fn main() {
    // Free to experiment; the tests run the worker on a thread of its own.
}

#[cfg(test)]
mod tests {
    use super::{Control, Ended, Job, Summary, run_worker};
    use crossbeam::channel::{Sender, bounded, unbounded};
    use std::thread::{self, JoinHandle};

    struct Rig {
        jobs: Sender<Job>,
        control: Sender<Control>,
        worker: JoinHandle<Summary>,
    }

    fn start() -> Rig {
        let (jobs, jobs_rx) = unbounded();
        let (control, control_rx) = unbounded();
        let worker = thread::spawn(move || run_worker(jobs_rx, control_rx));
        Rig {
            jobs,
            control,
            worker,
        }
    }

    fn report(control: &Sender<Control>) -> usize {
        let (reply, answer) = bounded(1);
        control
            .send(Control::Report(reply))
            .expect("the worker is running");
        answer.recv().expect("the worker answers")
    }

    #[test]
    fn answers_a_report_while_idle_then_stops() {
        let rig = start();
        assert_eq!(report(&rig.control), 0);
        assert_eq!(report(&rig.control), 0);
        rig.control
            .send(Control::Stop)
            .expect("the worker is running");
        let summary = rig.worker.join().expect("the worker panicked");
        assert_eq!(
            summary,
            Summary {
                done: vec![],
                ended: Ended::Stopped
            }
        );
    }

    #[test]
    fn reports_progress_between_jobs() {
        let rig = start();
        for id in [4, 5, 6] {
            rig.jobs.send(Job { id }).expect("the worker is running");
        }
        while report(&rig.control) < 3 {}
        rig.control
            .send(Control::Stop)
            .expect("the worker is running");
        let summary = rig.worker.join().expect("the worker panicked");
        assert_eq!(
            summary,
            Summary {
                done: vec![4, 5, 6],
                ended: Ended::Stopped
            }
        );
    }

    #[test]
    fn finishes_the_queue_when_the_jobs_close() {
        let rig = start();
        for id in 1..=20 {
            rig.jobs.send(Job { id }).expect("the worker is running");
        }
        drop(rig.jobs);
        let summary = rig.worker.join().expect("the worker panicked");
        assert_eq!(summary.done, (1..=20).collect::<Vec<_>>());
        assert_eq!(summary.ended, Ended::JobsClosed);
        drop(rig.control);
    }

    #[test]
    fn a_vanished_controller_ends_the_worker() {
        let rig = start();
        drop(rig.control);
        let summary = rig.worker.join().expect("the worker panicked");
        assert_eq!(
            summary,
            Summary {
                done: vec![],
                ended: Ended::ControllerGone
            }
        );
        drop(rig.jobs);
    }
}
