//! Reading libtest's output. Its JSON format is unstable (nightly only), so this reads the
//! stable human format, line by line: `test NAME ... ok|FAILED|ignored`, and the
//! `---- NAME stdout ----` sections of the failures.

use std::collections::BTreeSet;

/// What one run of a test binary reported.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TestReport {
    /// Tests that passed, by name.
    pub passed: Vec<String>,
    /// Tests that failed, by name, with their captured output.
    pub failed: Vec<(String, String)>,
    /// Tests marked `#[ignore]`.
    pub ignored: Vec<String>,
}

impl TestReport {
    /// Every test the run reported a result for.
    pub fn finished(&self) -> BTreeSet<&str> {
        self.passed
            .iter()
            .chain(self.failed.iter().map(|(n, _)| n))
            .chain(&self.ignored)
            .map(String::as_str)
            .collect()
    }
}

/// Parses a test binary's stdout.
pub fn parse(stdout: &str) -> TestReport {
    let mut report = TestReport::default();
    let mut failed_names = Vec::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, result)) = rest.rsplit_once(" ... ") else {
            continue;
        };
        match result.trim() {
            "ok" => report.passed.push(name.to_owned()),
            "FAILED" => failed_names.push(name.to_owned()),
            r if r.starts_with("ignored") => report.ignored.push(name.to_owned()),
            _ => {}
        }
    }
    report.failed = failed_names
        .into_iter()
        .map(|name| {
            let output = failure_section(stdout, &name);
            (name, output)
        })
        .collect();
    report
}

/// The captured output libtest prints for a failed test.
fn failure_section(stdout: &str, name: &str) -> String {
    let header = format!("---- {name} stdout ----");
    let Some(start) = stdout.find(&header) else {
        return String::new();
    };
    let body = &stdout[start + header.len()..];
    let end = [
        body.find("\n---- "),
        body.find("\nfailures:\n"),
        body.find("\n\nfailures:"),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(body.len());
    body[..end].trim_matches('\n').to_owned()
}

/// Reads `--list --format terse` output: one `NAME: test` line per test.
pub fn parse_list(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{parse, parse_list};

    const OUTPUT: &str = "\nrunning 3 tests\ntest tests::a ... ok\ntest tests::b ... FAILED\ntest tests::c ... ignored, slow\n\nfailures:\n\n---- tests::b stdout ----\nhello\n\nthread 'tests::b' panicked at src/x.rs:3:5:\nassertion `left == right` failed\n  left: 1\n right: 2\n\n\nfailures:\n    tests::b\n\ntest result: FAILED. 1 passed; 1 failed; 1 ignored\n";

    #[test]
    fn reads_results_and_failure_output() {
        let report = parse(OUTPUT);
        assert_eq!(report.passed, ["tests::a"]);
        assert_eq!(report.ignored, ["tests::c"]);
        assert_eq!(report.failed.len(), 1);
        assert!(
            report.failed[0]
                .1
                .starts_with("hello\n\nthread 'tests::b' panicked")
        );
        assert!(report.failed[0].1.ends_with("right: 2"));
    }

    #[test]
    fn reads_the_list() {
        assert_eq!(
            parse_list("tests::a: test\ntests::b: test\nbench: benchmark\n"),
            ["tests::a", "tests::b"]
        );
    }
}
