//! The grader's end of the evidence channel (the harness is `analysis::harness`): a fresh key
//! per test process, fed on its stdin; a records file in the process's own scratch folder,
//! which the grader holds open and the harness unlinks once it has opened it; and the records
//! read back, each checked against the key. A test passes a graded run only with a valid
//! record: what the process printed and how it exited are diagnostics.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use crate::analysis::harness::{self, KEY_MAGIC, RECORDS_VAR};

/// The records file's name in the scratch folder.
const RECORDS_FILE: &str = "evidence";

/// One test process's channel, before it runs.
pub struct Channel {
    k0: u64,
    k1: u64,
    records: File,
    path: PathBuf,
}

/// What a test process sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The tests with a valid record: they ran to their end.
    pub passed: BTreeSet<String>,
    /// Lines that were not valid records (written by something other than the harness).
    pub forged: usize,
}

impl Channel {
    /// A new key and an empty records file in `scratch`.
    pub fn create(scratch: &Path) -> io::Result<Channel> {
        let key = |_| getrandom::u64().map_err(|e| io::Error::other(e.to_string()));
        let (k0, k1) = (key(0)?, key(1)?);
        let path = scratch.join(RECORDS_FILE);
        File::create(&path)?;
        let records = File::open(&path)?;
        Ok(Channel {
            k0,
            k1,
            records,
            path,
        })
    }

    /// What the harness reads on stdin.
    pub fn key_line(&self) -> Vec<u8> {
        format!("{KEY_MAGIC} {:016x} {:016x}\n", self.k0, self.k1).into_bytes()
    }

    /// The environment variable naming the records file, and its value.
    pub fn env(&self) -> (&'static str, &Path) {
        (RECORDS_VAR, &self.path)
    }

    /// The records, checked, among the `expected` tests.
    pub fn read(mut self, expected: &[String]) -> Evidence {
        let mut text = String::new();
        // Bounded: a process may have written anything into the file before its harness ran.
        let _ = (&mut self.records)
            .take(16 * 1024 * 1024)
            .read_to_string(&mut text);
        check(&text, expected, self.k0, self.k1)
    }
}

/// Checks each line of `text` as a record under the key.
fn check(text: &str, expected: &[String], k0: u64, k1: u64) -> Evidence {
    let mut evidence = Evidence::default();
    for line in text.lines() {
        let valid = line.rsplit_once(' ').is_some_and(|(name, tag)| {
            expected.iter().any(|e| e == name)
                && u64::from_str_radix(tag, 16).ok() == Some(harness::tag(k0, k1, name))
                && evidence.passed.insert(name.to_owned())
        });
        if !valid {
            evidence.forged += 1;
        }
    }
    evidence
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::analysis::harness::tag;

    #[test]
    fn only_records_under_the_key_of_expected_tests_count() {
        let expected = vec!["tests::a".to_owned(), "tests::b".to_owned()];
        let text = format!(
            "tests::a {:016x}\ntests::b {:016x}\ntests::c {:016x}\ntests::a {:016x}\ntest result: ok\n",
            tag(1, 2, "tests::a"),
            tag(9, 9, "tests::b"),
            tag(1, 2, "tests::c"),
            tag(1, 2, "tests::a"),
        );
        let evidence = check(&text, &expected, 1, 2);
        assert_eq!(
            evidence.passed.into_iter().collect::<Vec<_>>(),
            ["tests::a"]
        );
        assert_eq!(evidence.forged, 4);
    }
}
