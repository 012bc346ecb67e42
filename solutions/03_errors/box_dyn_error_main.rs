//! When a program meets several error types (I/O, parsing, its own messages) and
//! only reports them, `Box<dyn Error + Send + Sync>` holds any of them: `?`
//! boxes each one through a blanket `From` impl, and `main` may return it.
//! The concrete type is still there for `downcast_ref` when someone needs it.

// The disk-usage tool meets three kinds of error, but `total_bytes` and `main`
// only admit `io::Error`. Change the error types so every `?` compiles and `main`
// runs to the end. (This exercise runs `main`; its checks are the asserts.)

use std::error::Error;
use std::io::{self, BufRead, BufReader, Read};
use std::num::ParseIntError;

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

fn main() -> Result<(), BoxError> {
    let total = total_bytes("/var/log 2048\n\n/home 4096\n".as_bytes())?;
    assert_eq!(total, 6144);

    let Err(err) = total_bytes("/tmp lots\n".as_bytes()) else {
        return Err("a bad size must be an error".into());
    };
    assert!(err.downcast_ref::<ParseIntError>().is_some());

    let Err(err) = total_bytes(FailingDisk) else {
        return Err("a failing disk must be an error".into());
    };
    assert_eq!(
        err.downcast_ref::<io::Error>().map(io::Error::kind),
        Some(io::ErrorKind::TimedOut)
    );

    let Err(err) = total_bytes("/srv\n".as_bytes()) else {
        return Err("a line without a size must be an error".into());
    };
    assert_eq!(err.to_string(), "no size in line \"/srv\"");

    let Err(err) = total_bytes("\n\n".as_bytes()) else {
        return Err("an empty report must be an error".into());
    };
    assert_eq!(err.to_string(), "empty report");

    println!("total: {total} bytes");
    Ok(())
}
