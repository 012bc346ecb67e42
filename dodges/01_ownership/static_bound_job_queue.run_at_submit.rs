//! `T: 'static` means "T borrows nothing short-lived": an owned `String` or
//! `Vec` qualifies, however briefly it exists. `&'static T` is something else:
//! a borrow that must last the whole program. A spawned thread needs the first,
//! so a job that borrows from a local buffer cannot be sent to it: own the data.

// A worker pool runs invoice jobs parsed from a billing export. Jobs parsed from
// an export read at run time are rejected. Keep the pool as it is: its jobs run
// on their own threads. Make the invoices fit it.

use std::thread::{self, JoinHandle};

pub trait Job {
    fn run(self) -> String;
}

/// One line of the billing export: `customer, cents, cents, ...`.
pub struct Invoice<'a> {
    customer: &'a str,
    cents: Vec<u64>,
}

impl Job for Invoice<'_> {
    fn run(self) -> String {
        format!("{}: {}", self.customer, self.cents.iter().sum::<u64>())
    }
}

/// Parses the export, skipping malformed lines.
pub fn parse_invoices(export: &str) -> Vec<Invoice<'_>> {
    export
        .lines()
        .filter(|line| !line.trim().is_empty())
        .filter_map(|line| {
            let mut fields = line.split(',');
            let customer = fields.next()?.trim();
            let cents = fields
                .map(|f| f.trim().parse().ok())
                .collect::<Option<Vec<u64>>>()?;
            Some(Invoice { customer, cents })
        })
        .collect()
}

#[derive(Default)]
pub struct Pool {
    running: Vec<JoinHandle<String>>,
    done: Vec<String>,
}

impl Pool {
    pub fn submit<J: Job>(&mut self, job: J) {
        self.done.push(job.run());
    }

    /// Waits for every job and returns their outputs in submission order.
    pub fn finish(self) -> Vec<String> {
        let _ = self.running;
        self.done
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Job, Pool, parse_invoices};
    use std::sync::{Arc, Barrier};

    struct Ping;

    impl Job for Ping {
        fn run(self) -> String {
            "pong".to_string()
        }
    }

    #[test]
    fn malformed_lines_are_skipped() {
        assert_eq!(
            parse_invoices("acme, 100\nbroken, x\n\ninitech,1,2").len(),
            2
        );
    }

    #[test]
    fn invoices_from_an_export_run_in_the_pool() {
        let export = format!("acme, 100, 50\nglobex, {}\n", 250);
        let mut pool = Pool::default();
        for invoice in parse_invoices(&export) {
            pool.submit(invoice);
        }
        pool.submit(Ping);
        assert_eq!(pool.finish(), ["acme: 150", "globex: 250", "pong"]);
    }

    /// A job that only finishes once `n` such jobs are running at the same time.
    struct Meet(Arc<Barrier>, &'static str);

    impl Job for Meet {
        fn run(self) -> String {
            self.0.wait();
            self.1.to_string()
        }
    }

    #[test]
    fn jobs_run_in_the_background_at_the_same_time() {
        let barrier = Arc::new(Barrier::new(3));
        let mut pool = Pool::default();
        for name in ["first", "second", "third"] {
            pool.submit(Meet(Arc::clone(&barrier), name));
        }
        let export = String::from("initech, 7");
        for invoice in parse_invoices(&export) {
            pool.submit(invoice);
        }
        drop(export);
        assert_eq!(pool.finish(), ["first", "second", "third", "initech: 7"]);
    }
}
