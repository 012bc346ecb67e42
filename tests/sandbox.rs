//! The sandbox of graded runs, through the real binary: a learner test that connects to a
//! listener on 127.0.0.1, one that writes outside the staging folder and one that leaves a
//! process behind are blocked and reported, in each sandbox this machine has, and nothing is
//! left behind; `--sandbox off` lets all three through (so the tests can fail). Where user
//! namespaces are refused, one warning line and grading goes on.

#![cfg(target_os = "linux")]

mod support;

use std::net::TcpListener;
use std::path::Path;

use serde_json::Value;
use support::Kit;

/// A learner kit whose code tries all three, and what it points at.
struct Escape {
    learner: Kit,
    instructor: Kit,
    listener: TcpListener,
    outside: tempfile::TempDir,
    marker: String,
}

impl Escape {
    fn new() -> Escape {
        let (instructor, learner) = (Kit::fixture("kit"), Kit::fixture("kit"));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("escaped.txt");
        // A sleep no other process runs, to find a survivor by.
        let marker = format!("{}.{}", 3000 + std::process::id() % 1000, port);
        learner.solve("test_fail");
        learner.solve("panics");
        learner.solve("endless");
        let edit = |name: &str, from: &str, to: &str| {
            let path = format!("exercises/basics/{name}.rs");
            let text = learner.read(&path);
            assert!(text.contains(from), "{path}: {from}");
            learner.write(&path, &text.replacen(from, to, 1));
        };
        edit(
            "test_fail",
            "    x * 2",
            &format!(
                "    std::fs::write({:?}, \"escaped\").expect(\"writing outside the staging folder\");\n    x * 2",
                target.to_str().unwrap()
            ),
        );
        edit(
            "panics",
            "fn first_word(text: &str) -> Option<&str> {",
            &format!(
                "fn first_word(text: &str) -> Option<&str> {{\n    std::net::TcpStream::connect(\"127.0.0.1:{port}\").expect(\"connecting to the grader's machine\");"
            ),
        );
        edit(
            "endless",
            "    let mut steps = 0;",
            "    linger();\n    let mut steps = 0;",
        );
        edit(
            "endless",
            "fn main() {}",
            &format!(
                "fn main() {{}}\n\nfn linger() {{\n    let _ = std::process::Command::new(\"sh\").args([\"-c\", \"setsid sleep {marker} >/dev/null 2>&1 &\"]).status();\n    std::thread::sleep(std::time::Duration::from_millis(300));\n}}"
            ),
        );
        Escape {
            learner,
            instructor,
            listener,
            outside,
            marker,
        }
    }

    fn graded(&self, sandbox: &str) -> (Value, String) {
        self.graded_with(sandbox, &[])
    }

    /// [`Escape::graded`], with the tool's environment extended by `env`.
    fn graded_with(&self, sandbox: &str, env: &[(&str, &str)]) -> (Value, String) {
        let canonical = self.instructor.path().to_str().unwrap();
        let mut run = self.learner.cmd(&[
            "verify",
            "--canonical",
            canonical,
            "--format",
            "json",
            "--sandbox",
            sandbox,
        ]);
        for (key, value) in env {
            run = run.env(key, value);
        }
        let done = run.run();
        (done.json(), done.stderr.clone())
    }

    fn connected(&self) -> bool {
        self.listener.accept().is_ok()
    }

    fn escaped_file(&self) -> bool {
        self.outside.path().join("escaped.txt").exists()
    }

    /// Survivors of the run, by pid.
    fn survivors(&self) -> Vec<String> {
        let out = std::process::Command::new("pgrep")
            .args(["-f", &format!("sleep {}", self.marker)])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }
}

fn status<'a>(report: &'a Value, name: &str) -> (&'a Value, String) {
    let e = report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap();
    (&e["status"], e.to_string())
}

fn blocked_in(sandbox: &str) {
    let escape = Escape::new();
    let (report, stderr) = escape.graded(sandbox);
    assert!(!stderr.contains("warning: no sandbox"), "{stderr}");
    let (s, e) = status(&report, "test_fail");
    assert_eq!(s, "failed", "{e}");
    assert!(
        e.contains("writing outside the staging folder") && e.contains("Read-only file system"),
        "{e}"
    );
    let (s, e) = status(&report, "panics");
    assert_eq!(s, "failed", "{e}");
    assert!(e.contains("connecting to the grader's machine"), "{e}");
    assert!(
        !escape.connected(),
        "{sandbox}: the learner's test reached the listener"
    );
    assert!(
        !escape.escaped_file(),
        "{sandbox}: a file was left outside the staging folder"
    );
    assert!(
        escape.survivors().is_empty(),
        "{sandbox}: a process outlived the run: {:?}",
        escape.survivors()
    );
}

#[test]
fn the_namespace_sandbox_blocks_the_network_writes_and_survivors() {
    blocked_in("namespaces");
}

#[test]
fn bubblewrap_blocks_the_network_writes_and_survivors() {
    if !Path::new("/usr/bin/bwrap").exists() && std::env::var_os("CI").is_none() {
        eprintln!("bubblewrap is not installed here: skipped (.ci/run installs it)");
        return;
    }
    blocked_in("bubblewrap");
}

#[test]
fn without_the_sandbox_the_same_code_gets_through() {
    let escape = Escape::new();
    // Without a cgroup, too (which, where the tool may make one, ends even a process that left
    // its process group): the sandbox alone is what stands between learner code and the rest.
    let (report, _) = escape.graded_with("off", &[("CARGO_RUSTSKILL_NO_CGROUP", "1")]);
    assert_eq!(status(&report, "test_fail").0, "passed");
    assert!(escape.connected() && escape.escaped_file());
    // The lingering process left its process group: end it, by its pid.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let survivors = escape.survivors();
    for pid in &survivors {
        let _ = std::process::Command::new("kill").arg(pid).status();
    }
    assert!(
        !survivors.is_empty(),
        "the control run should leave the sleeper"
    );
}

#[test]
fn where_user_namespaces_are_refused_one_warning_and_grading_goes_on() {
    let (instructor, learner) = (Kit::fixture("kit"), Kit::fixture("kit"));
    learner.solve("test_fail");
    let script = format!(
        "echo 0 > /proc/sys/user/max_user_namespaces && exec {} verify --canonical {} --format json",
        support::BIN,
        instructor.path().display()
    );
    let out = std::process::Command::new("unshare")
        .args(["-Ur", "sh", "-c", &script])
        .current_dir(learner.path())
        .env(
            "CARGO",
            std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()),
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: no sandbox"))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{stderr}"));
    assert_eq!(status(&report, "test_fail").0, "passed");
}
