//! The test builder: copy a fixture kit into a temporary folder, run the real binary there,
//! and check its exit code and output.

#![allow(dead_code)]

pub mod chromium;
pub mod tmux;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_cargo-rustskill");

/// The repository root (itself a kit).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture kit copied into its own temporary folder.
pub struct Kit {
    dir: tempfile::TempDir,
}

impl Kit {
    /// Copies `tests/fixtures/<name>` into a fresh temporary folder.
    pub fn fixture(name: &str) -> Kit {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo_root().join("tests/fixtures").join(name), dir.path());
        Kit { dir }
    }

    /// An empty temporary folder.
    pub fn empty() -> Kit {
        Kit {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The kit's root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A command running the binary in the kit's root.
    pub fn cmd(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(self.path())
            .env_remove("NO_COLOR")
            .env_remove("RUST_BACKTRACE");
        Run { cmd }
    }

    /// Writes a file (kit-relative).
    pub fn write(&self, rel: &str, contents: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// Reads a file (kit-relative).
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel))
            .unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// Commits the kit, as an instructor's kit repository would be: `reset` restores from it.
    pub fn commit(&self) {
        let commit = [
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-qm",
            "kit",
        ];
        for args in [&["init", "-q"][..], &["add", "-A"], &commit] {
            let status = Command::new("git")
                .args(args)
                .current_dir(self.path())
                .status()
                .unwrap();
            assert!(status.success(), "git {args:?}");
        }
    }

    /// Puts the solution of `name` (under `basics/`) in place of the exercise.
    pub fn solve(&self, name: &str) {
        let solution = self.read(&format!("solutions/basics/{name}.rs"));
        self.write(&format!("exercises/basics/{name}.rs"), &solution);
    }
}

/// A command about to run.
pub struct Run {
    cmd: Command,
}

/// What a command did.
pub struct Done {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Adds an environment variable.
    pub fn env(mut self, key: &str, value: &str) -> Run {
        self.cmd.env(key, value);
        self
    }

    /// Runs it.
    pub fn run(mut self) -> Done {
        let Output {
            status,
            stdout,
            stderr,
        } = self.cmd.output().expect("the binary runs");
        Done {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        }
    }
}

impl Done {
    /// Asserts the exit code, showing the output when it differs.
    pub fn code(self, expected: i32) -> Done {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts stdout contains `text`.
    pub fn stdout_has(self, text: &str) -> Done {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}:\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts stdout lacks `text`.
    pub fn stdout_lacks(self, text: &str) -> Done {
        assert!(
            !self.stdout.contains(text),
            "stdout has {text:?}:\n{}",
            self.stdout
        );
        self
    }

    /// Asserts stderr contains `text`.
    pub fn stderr_has(self, text: &str) -> Done {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}\n--- stdout\n{}",
            self.stderr,
            self.stdout
        );
        self
    }

    /// Parses stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// Every file under `root`, build output (`target/`) left out.
pub fn files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// Every file under `root` but build output, as one text.
pub fn all_text(root: &Path) -> String {
    files(root)
        .iter()
        .map(|path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned())
        .collect()
}

/// Copies a folder tree, skipping build output.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
