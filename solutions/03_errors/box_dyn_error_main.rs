//! When a program meets several error types (I/O, parsing, its own messages) and
//! only reports them, `Box<dyn Error + Send + Sync>` holds any of them: `?`
//! boxes each one through a blanket `From` impl, and `main` may return it.
//! The concrete type is still there for `downcast_ref` when someone needs it.

// The disk-usage tool meets three kinds of error, but `total_bytes` and `main`
// only admit `io::Error`. Change the error types so every `?` compiles and any of
// the three can travel up to `main`, even from a worker thread.

use std::error::Error;
use std::io::{BufRead, BufReader, Read};

/// Any error, boxed; `Send + Sync` so it may cross threads.
type BoxError = Box<dyn Error + Send + Sync>;

/// Sums a disk-usage report: one "path size_in_bytes" per line, blank lines
/// skipped. A report with no entries is an error: "empty report".
fn total_bytes(input: impl Read) -> Result<u64, BoxError> {
    let mut total = 0;
    let mut entries = 0;
    for line in BufReader::new(input).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let (_, size) = line
            .rsplit_once(' ')
            .ok_or_else(|| format!("no size in line {line:?}"))?;
        total += size.parse::<u64>()?;
        entries += 1;
    }
    if entries == 0 {
        return Err("empty report".into());
    }
    Ok(total)
}

fn main() -> Result<(), BoxError> {
    let total = total_bytes("/var/log 2048\n\n/home 4096\n".as_bytes())?;
    println!("total: {total} bytes");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{main, total_bytes};
    use std::error::Error;
    use std::io::{self, Read};
    use std::num::ParseIntError;
    use std::thread;

    /// What the tool reports with: any error, sendable to another thread.
    type AnyError = Box<dyn Error + Send + Sync>;

    /// Stands in for a disk that fails mid-read.
    struct FailingDisk;

    impl Read for FailingDisk {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "sda1 stopped responding",
            ))
        }
    }

    #[test]
    fn sums_a_report_and_main_runs() {
        assert_eq!(
            total_bytes("/var/log 2048\n\n/home 4096\n".as_bytes()).ok(),
            Some(6144)
        );
        let main_returns: fn() -> Result<(), AnyError> = main;
        assert!(main_returns().is_ok());
    }

    #[test]
    fn a_bad_size_keeps_its_parse_error() {
        let result: Result<u64, AnyError> = total_bytes("/tmp lots\n".as_bytes());
        let err = result.expect_err("a bad size must be an error");
        assert!(err.downcast_ref::<ParseIntError>().is_some(), "{err:?}");
    }

    #[test]
    fn a_failing_disk_keeps_its_io_error() {
        let err = total_bytes(FailingDisk).expect_err("a failing disk must be an error");
        let kind = err.downcast_ref::<io::Error>().map(io::Error::kind);
        assert_eq!(kind, Some(io::ErrorKind::TimedOut));
    }

    #[test]
    fn messages_become_errors_too() {
        let err = total_bytes("/srv\n".as_bytes()).expect_err("no size");
        assert_eq!(err.to_string(), "no size in line \"/srv\"");
        let err = total_bytes("\n\n".as_bytes()).expect_err("no entries");
        assert_eq!(err.to_string(), "empty report");
    }

    #[test]
    fn errors_travel_back_from_a_worker_thread() {
        let worker = thread::spawn(|| total_bytes("/home 12\n/var x\n".as_bytes()));
        let result = worker.join().expect("the worker does not panic");
        assert!(result.is_err_and(|e| e.is::<ParseIntError>()));
    }
}
