//! Hostile learner code, through the real binary (`tests/fixtures/hostile`): each attack gets a
//! clear outcome in bounded time and memory, the tool stays responsive (in watch mode too), and
//! nothing is left running afterwards.
//!
//! The fork bomb runs only where a limit can hold it (a cgroup as root, `RLIMIT_NPROC` for
//! anyone else), and under a second belt this test sets itself: a `pids` cgroup of its own as
//! root, `RLIMIT_NPROC` otherwise. Linux only: CI's platform, and what the belts need.
#![cfg(target_os = "linux")]

mod support;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::Kit;
use support::tmux::Screen;

/// The fixture's memory limit (`default_memory_limit_mib`).
const LIMIT_MIB: u64 = 256;

/// What a belted run gave.
struct Belted {
    code: i32,
    stdout: String,
    stderr: String,
    /// The peak resident memory of the tool or any process it waited for, in KiB.
    max_rss_kib: u64,
    took: Duration,
}

/// Whether this machine can hold a fork bomb: anyone but root has `RLIMIT_NPROC`; root needs a
/// cgroup it may create.
fn can_hold_a_fork_bomb() -> bool {
    !is_root() || belt_cgroup_root().is_some()
}

#[allow(unsafe_code)]
fn is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Where this test makes its own `pids` cgroup (cgroup v1 here, or v2), if it may.
fn belt_cgroup_root() -> Option<PathBuf> {
    let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let path_of = |wanted: &str| {
        own.lines().find_map(|l| {
            let mut parts = l.splitn(3, ':');
            let (_, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
            controllers
                .split(',')
                .any(|c| c == wanted)
                .then(|| path.trim_start_matches('/').to_owned())
        })
    };
    let dir = if Path::new("/sys/fs/cgroup/cgroup.controllers").is_file() {
        Path::new("/sys/fs/cgroup").join(path_of("")?)
    } else {
        Path::new("/sys/fs/cgroup/pids").join(path_of("pids")?)
    };
    let probe = dir.join(format!("hostile-probe-{}", std::process::id()));
    std::fs::create_dir(&probe).ok()?;
    let has_pids = probe.join("pids.max").is_file();
    std::fs::remove_dir(&probe).ok()?;
    has_pids.then_some(dir)
}

/// Runs the binary in `dir` under the second belt, measuring its peak memory with `wait4`.
#[allow(unsafe_code)]
fn belted(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Belted {
    use std::os::unix::process::CommandExt;
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let belt = belt_cgroup_root().map(|root| {
        let cg = root.join(format!("hostile-belt-{}-{n}", std::process::id()));
        std::fs::create_dir(&cg).unwrap();
        std::fs::write(cg.join("pids.max"), "4096").unwrap();
        cg
    });
    let procs = belt
        .as_ref()
        .map(|cg| std::ffi::CString::new(cg.join("cgroup.procs").to_str().unwrap()).unwrap());
    let mut cmd = Command::new(support::BIN);
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    // SAFETY: between fork and exec only open/write/close/setrlimit, on data made before.
    unsafe {
        cmd.pre_exec(move || {
            if let Some(procs) = &procs {
                let fd = libc::open(procs.as_ptr(), libc::O_WRONLY);
                if fd >= 0 {
                    libc::write(fd, b"0".as_ptr().cast(), 1);
                    libc::close(fd);
                }
            } else if libc::geteuid() != 0 {
                let limit = libc::rlimit {
                    rlim_cur: 8192,
                    rlim_max: 8192,
                };
                libc::setrlimit(libc::RLIMIT_NPROC, &limit);
            }
            Ok(())
        });
    }
    let started = Instant::now();
    // Reaped by wait4 below, which also gives the peak memory.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd.spawn().unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        err.read_to_string(&mut s).unwrap();
        s
    });
    let mut status = 0;
    // SAFETY: rusage is plain data wait4 fills; the pid is our unreaped child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    let took = started.elapsed();
    if let Some(cg) = &belt {
        for line in std::fs::read_to_string(cg.join("cgroup.procs"))
            .unwrap_or_default()
            .lines()
        {
            // SAFETY: kill has no memory-safety preconditions; these are the test's own.
            unsafe { libc::kill(line.trim().parse().unwrap(), libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(200));
        let _ = std::fs::remove_dir(cg);
    }
    Belted {
        code: libc::WEXITSTATUS(status),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        max_rss_kib: usage.ru_maxrss as u64,
        took,
    }
}

/// The fixture, narrowed to `names` (all when empty) and to what this machine can hold.
fn hostile_kit(names: &[&str]) -> Kit {
    let kit = Kit::fixture("hostile");
    let mut names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    if names.is_empty() {
        names = exercise_names(&kit);
    }
    if !can_hold_a_fork_bomb() {
        eprintln!("note: no limit can hold a fork bomb here (root without cgroups): left out");
        names.retain(|n| n != "fork_bomb");
    }
    narrow(&kit, &names);
    kit
}

/// Keeps only the exercises `names` in the kit, with its manifest regenerated.
fn narrow(kit: &Kit, names: &[String]) {
    let info = kit.read("info.toml");
    let (head, blocks) = info.split_once("[[exercises]]").unwrap();
    let kept: String = format!("[[exercises]]{blocks}")
        .split("[[exercises]]")
        .filter(|b| names.iter().any(|n| b.contains(&format!("name = \"{n}\""))))
        .map(|b| format!("[[exercises]]{b}"))
        .collect();
    kit.write("info.toml", &format!("{head}{kept}"));
    kit.cmd(&["dev", "sync"]).run().code(0);
}

fn exercise_names(kit: &Kit) -> Vec<String> {
    kit.read("info.toml")
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|n| n.trim_end_matches('"').to_owned())
        .collect()
}

/// Processes still running from `dir`'s kit (executables built there) or the fixture's marked
/// children, after giving the init process a moment to reap what was killed.
fn leftovers(dir: &Path) -> Vec<String> {
    let target = dir.canonicalize().unwrap();
    let mut found = Vec::new();
    for _ in 0..40 {
        found.clear();
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let pid = entry.file_name().to_string_lossy().into_owned();
            if !pid.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            let state = stat.rsplit_once(") ").map(|(_, r)| r.chars().next());
            if state == Some(Some('Z')) {
                continue;
            }
            let exe = std::fs::read_link(entry.path().join("exe")).unwrap_or_default();
            let cmdline = std::fs::read_to_string(entry.path().join("cmdline"))
                .unwrap_or_default()
                .replace('\0', " ");
            if exe.starts_with(&target) || cmdline.contains("37373") {
                found.push(format!("{pid} {cmdline}"));
            }
        }
        if found.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    found
}

/// Each exercise's status and summary from a `verify --format json` report.
fn outcomes(json: &str) -> BTreeMap<String, (String, String)> {
    let report: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| {
        panic!("not a report ({e}):\n{json}");
    });
    report["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_owned(),
                (
                    e["status"].as_str().unwrap().to_owned(),
                    e["summary"].as_str().unwrap().to_owned(),
                ),
            )
        })
        .collect()
}

fn check_outcomes(outcomes: &BTreeMap<String, (String, String)>) {
    let memory = format!("stopped: it used more than {LIMIT_MIB} MiB of memory");
    let expect = |name: &str, status: &str, summary: &str| {
        let Some((s, text)) = outcomes.get(name) else {
            return; // narrowed away (the fork bomb where nothing can hold it)
        };
        assert_eq!(s, status, "{name}: {text}");
        assert!(text.contains(summary), "{name}: {text}");
    };
    expect("print_flood_test", "crashed", &memory);
    expect("print_flood_main", "timed-out", "timed out after 4 s");
    expect("alloc_bomb", "crashed", &memory);
    expect(
        "fork_bomb",
        "crashed",
        "stopped: it started too many processes",
    );
    expect(
        "stack_overflow",
        "crashed",
        "aborted (SIGABRT): a stack overflow",
    );
    expect("segfault", "crashed", "SIGSEGV");
    expect("abort", "crashed", "aborted (SIGABRT)");
    expect("thread_left_running", "passed", "passed");
    expect("child_outlives", "passed", "passed");
    expect("closed_stdout", "passed", "passed");
    expect(
        "big_file",
        "crashed",
        "stopped: it wrote a file larger than 64 MiB",
    );
}

#[test]
fn every_attack_gets_a_clear_outcome_in_bounded_time_and_leaves_nothing_running() {
    let kit = hostile_kit(&[]);
    let cgroups = is_root() && belt_cgroup_root().is_some();
    // Under the limits the machine allows (the tool's cgroups, as root here), then under
    // per-process limits only, which root's fork bomb would ignore: it is left out there.
    for per_process_only in [false, true] {
        let mode = if per_process_only {
            "per-process limits only"
        } else {
            "limits as the machine allows"
        };
        let env: &[(&str, &str)] = if per_process_only {
            if is_root() {
                let mut names = exercise_names(&kit);
                names.retain(|n| n != "fork_bomb");
                narrow(&kit, &names);
            }
            &[("CARGO_RUSTSKILL_NO_CGROUP", "1")]
        } else {
            &[]
        };
        let run = belted(
            kit.path(),
            &["verify", "--format", "json", "--no-cache"],
            env,
        );
        assert_eq!(run.code, 1, "{mode}\n{}", run.stderr);
        check_outcomes(&outcomes(&run.stdout));
        // Four-second limits, run side by side: the whole kit well within a minute.
        assert!(
            run.took < Duration::from_secs(60),
            "{mode}: took {:?}",
            run.took
        );
        let size = std::fs::metadata(kit.path().join("big.bin")).map_or(0, |m| m.len());
        assert!(size <= 64 * 1024 * 1024, "{mode}: big.bin is {size} bytes");
        let left = leftovers(kit.path());
        if cgroups && !per_process_only {
            assert!(left.is_empty(), "{mode}: left running: {left:?}");
        } else {
            // Without a cgroup a process that left its process group (setsid) can outlive
            // the run (README); everything else is gone.
            let strays: Vec<&String> = left.iter().filter(|l| !l.contains("373738")).collect();
            assert!(strays.is_empty(), "{mode}: left running: {strays:?}");
            kill_marked(&left);
        }
        eprintln!(
            "{mode}: {:?}, peak memory {} MiB",
            run.took,
            run.max_rss_kib / 1024
        );
    }
}

/// Ends the fixture's escaped child, by pid.
#[allow(unsafe_code)]
fn kill_marked(left: &[String]) {
    for line in left {
        if let Some(pid) = line.split_whitespace().next().and_then(|p| p.parse().ok()) {
            // SAFETY: kill has no memory-safety preconditions; the pid is the fixture's sleep.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    }
}

#[test]
fn peak_memory_of_a_print_flood_test_run_stays_under_the_limit() {
    let kit = hostile_kit(&["print_flood_test"]);
    kit.cmd(&["verify"]).run().code(1); // build it, so the measured run compiles nothing
    for env in [&[][..], &[("CARGO_RUSTSKILL_NO_CGROUP", "1")]] {
        let run = belted(
            kit.path(),
            &["verify", "--format", "json", "--no-cache"],
            env,
        );
        let outcomes = outcomes(&run.stdout);
        check_outcomes(&outcomes);
        let peak_mib = run.max_rss_kib / 1024;
        eprintln!(
            "print flood ({env:?}): peak {peak_mib} MiB in {:?}",
            run.took
        );
        assert!(
            peak_mib <= LIMIT_MIB,
            "peak memory {peak_mib} MiB over the {LIMIT_MIB} MiB limit ({env:?})"
        );
        assert!(run.took < Duration::from_secs(10), "{:?}", run.took);
        assert!(leftovers(kit.path()).is_empty());
    }
}

#[test]
fn watch_mode_stays_responsive_while_a_test_floods_its_output() {
    let kit = hostile_kit(&["print_flood_test", "thread_left_running"]);
    kit.cmd(&["verify"]).run().code(1); // built: the screen shows the run, not the compile
    let screen = Screen::start(kit.path(), "");
    screen.wait_for("[1/2] print_flood_test");
    // Saved: judged again, flooding; the keys still answer at once.
    let source = kit.read("exercises/print_flood_test.rs");
    kit.write(
        "exercises/print_flood_test.rs",
        &format!("{source}\n// saved\n"),
    );
    screen.wait_for("checking print_flood_test");
    let asked = Instant::now();
    screen.keys("l");
    screen.wait_for("thread_left_running");
    assert!(
        asked.elapsed() < Duration::from_secs(3),
        "{:?}",
        asked.elapsed()
    );
    screen.keys("Escape");
    screen.wait_for(&format!(
        "stopped: it used more than {LIMIT_MIB} MiB of memory"
    ));
    screen.keys("q");
    screen.wait_for("EXITED 0");
    let left = leftovers(kit.path());
    assert!(left.is_empty(), "left running: {left:?}");
}
