#!/usr/bin/env python3
"""Watch-mode benchmark: save-to-verdict latency, dropped saves, idle cost.

Run through bench/watch.sh, which finds or builds the binaries and passes them in.

Latency. The watch process runs in tmux (it needs a terminal). Each save writes an exercise
file in place (truncate, then write) with content never judged before (a numbered comment at
the end), so the verdict cache cannot answer; then the clock runs until the tool's events log
(.rustskill/events.jsonl, one line per judged attempt) gains a line for that exercise. Saves
alternate between the solution ("fix", which passes) and the shipped version ("broken", a
compile error). Each of our saves is followed by the same save measured on the floor: the same
cargo build, with the same flags and target dir, plus running the executable, in a copy of the
kit, without the tool. Medians of --saves saves per kind, after two warm-up rounds.

Scenarios: "solved" (every solution in place, target warmed by `verify`), "unsolved" (a fresh
`init`), "unsolved+check" (a fresh kit with a rust-analyzer-like flycheck: on every save, the
running `cargo check --workspace --all-targets --keep-going` of that kit is killed and a new one
started, into the kit's default target dir, as rust-analyzer does). rustlings v6 watch runs
side by side in the "solved" scenario, on its own test and compile-only exercises; its verdict
is read off its screen (tmux capture-pane) since it has no log.

Dropped saves. --drops times: save a broken version (the solution plus a test that fails after
300 ms), wait until the tool has a child process (the check is running), wait a random 0-400 ms,
save the fix, then wait for the tool to go quiet. A drop is a final verdict (last events line, and the screen) that does not match the
file on disk, which passes. The same for rustlings (--rl-drops), read off its screen.

Idle. Over --idle-secs with nothing happening: CPU time (utime+stime of every thread, from
/proc/PID/stat), context switches of every thread (wake-ups), and VmRSS.
"""

import argparse
import json
import os
import random
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
import tomllib

# The tool's own cargo profile settings (src/cargo.rs, PROFILE_CONFIG): the floor builds alike.
PROFILE_CONFIG = [
    "profile.dev.debug=0",
    "profile.dev.incremental=false",
    'profile.dev.strip="debuginfo"',
]
FLYCHECK = ["cargo", "check", "--workspace", "--all-targets", "--keep-going",
            "--message-format=json-diagnostic-rendered-ansi"]
TEST_EX = ("bindings_cart_total", "00_warmup", True)
MAIN_EX = ("box_dyn_error_main", "03_errors", True)
RL_TEST_EX = ("if1", "03_if")
RL_MAIN_EX = ("variables1", "01_variables")
POLL = 0.001
# After the check of the broken save has started, the fix is saved within this many seconds: the
# check of a compile error takes about 0.1 s here, so most fixes land while it runs.
MID_CHECK_DELAY = 0.4
# The broken version for the dropped-saves test: the solution plus a test that fails after
# 300 ms. A check of it compiles, then runs for a while, so the fix can land at every stage
# (before the compiler has read the file, while it compiles, while the tests run); a compile
# error would be judged in about 0.1 s, mostly before the fix could even arrive.
SLOW_FAILING_TEST = """
#[cfg(test)]
mod bench_broken_on_purpose {
    #[test]
    fn fails_after_a_while() {
        std::thread::sleep(std::time::Duration::from_millis(300));
        panic!("broken on purpose by the benchmark");
    }
}
"""


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def write(path, text):
    # In place: truncate, then write (how VS Code saves).
    with open(path, "w") as f:
        f.write(text)


def children(pid):
    """Child pids of every thread of pid."""
    kids = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    kids += f.read().split()
            except OSError:
                pass
    except OSError:
        pass
    return kids


def cpu_and_switches(pid):
    """(CPU seconds of all threads, context switches of all threads)."""
    ticks = os.sysconf("SC_CLK_TCK")
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14, 15)
    switches = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        switches += int(line.split()[1])
        except OSError:
            pass
    return cpu, switches


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def threads(pid):
    return len(os.listdir(f"/proc/{pid}/task"))


class Tmux:
    """Sessions on a tmux server of our own (its own socket), so no one else's is touched."""

    def __init__(self):
        self.sock = f"rustskill-bench-{os.getpid()}"

    def tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.sock, *args], check=check,
                              capture_output=True, text=True).stdout

    def start(self, name, cwd, argv):
        cmd = f"cd {shlex.quote(cwd)} && exec {' '.join(map(shlex.quote, argv))}"
        self.tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", cmd)
        return int(self.tmux("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])

    def screen(self, name):
        return self.tmux("capture-pane", "-p", "-t", name, check=False)

    def keys(self, name, *keys):
        self.tmux("send-keys", "-t", name, *keys, check=False)

    def kill_session(self, name):
        self.tmux("kill-session", "-t", name, check=False)

    def close(self):
        self.tmux("kill-server", check=False)
        # tmux leaves its socket file behind.
        tmpdir = os.environ.get("TMUX_TMPDIR", "/tmp")
        try:
            os.remove(os.path.join(tmpdir, f"tmux-{os.getuid()}", self.sock))
        except OSError:
            pass


class Flycheck:
    """rust-analyzer's check on save: a new save kills the running check and starts another."""

    def __init__(self):
        self.proc = None

    def restart(self, kit):
        self.stop()
        self.proc = subprocess.Popen(FLYCHECK, cwd=kit, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait()
        self.proc = None

    def run_to_end(self, kit):
        self.stop()
        subprocess.run(FLYCHECK, cwd=kit, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Events:
    """The tool's events log, read from where we last stopped."""

    def __init__(self, kit):
        self.path = os.path.join(kit, ".rustskill", "events.jsonl")
        self.offset = self.size()

    def size(self):
        try:
            return os.stat(self.path).st_size
        except FileNotFoundError:
            return 0

    def skip_to_end(self):
        self.offset = self.size()

    def new(self):
        """New complete lines since the last call, parsed."""
        if self.size() == self.offset:
            return []
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            data = f.read()
        end = data.rfind(b"\n") + 1
        self.offset += end
        return [json.loads(line) for line in data[:end].splitlines() if line.strip()]


class RustskillWatch:
    def __init__(self, tmux, name, kit, binary):
        self.tmux, self.name, self.kit = tmux, name, kit
        self.events = Events(kit)
        self.pid = tmux.start(name, kit, [binary])
        self.wait_quiet(timeout=120)
        self.events.skip_to_end()

    def path(self, ex):
        return os.path.join(self.kit, "exercises", ex[1], ex[0] + ".rs")

    def wait_quiet(self, timeout, quiet=0.3):
        """Until the tool has no child process and its screen shows no check, for `quiet` s."""
        deadline = time.monotonic() + timeout
        calm_since = None
        while time.monotonic() < deadline:
            busy = children(self.pid) or "checking" in self.tmux.screen(self.name)
            if busy:
                calm_since = None
            elif calm_since is None:
                calm_since = time.monotonic()
            elif time.monotonic() - calm_since >= quiet:
                return True
            time.sleep(0.01)
        return False

    def save_and_time(self, ex, text, timeout=60):
        """Saves, then waits for the verdict on ex: (seconds, outcome) or (None, None)."""
        self.events.skip_to_end()
        start = time.perf_counter()
        write(self.path(ex), text)
        while time.perf_counter() - start < timeout:
            for event in self.events.new():
                if event["exercise"] == ex[0]:
                    return time.perf_counter() - start, event["outcome"]
            time.sleep(POLL)
        return None, None

    def quit(self):
        self.tmux.keys(self.name, "q")
        time.sleep(0.3)
        self.tmux.kill_session(self.name)


class RustlingsWatch:
    """rustlings v6 watch mode; its verdict is read off the screen."""

    def __init__(self, tmux, name, kit, binary):
        self.tmux, self.name, self.kit = tmux, name, kit
        self.pid = tmux.start(name, kit, [binary])
        self.wait_idle(timeout=120)

    def path(self, ex):
        return os.path.join(self.kit, "exercises", ex[1], ex[0] + ".rs")

    def state(self):
        """'busy', 'passed', 'failed' from the screen."""
        screen = self.tmux.screen(self.name)
        if "Please wait" in screen or ":quit ?" not in screen:
            return "busy"
        return "passed" if "Exercise done" in screen else "failed"

    def wait_idle(self, timeout, quiet=0.5):
        deadline = time.monotonic() + timeout
        calm_since = None
        while time.monotonic() < deadline:
            if children(self.pid) or self.state() == "busy":
                calm_since = None
            elif calm_since is None:
                calm_since = time.monotonic()
            elif time.monotonic() - calm_since >= quiet:
                return True
            time.sleep(0.01)
        return False

    def save_and_time(self, text, ex, want, timeout=30):
        """Saves; the time until the screen shows the finished verdict `want`."""
        start = time.perf_counter()
        write(self.path(ex), text)
        while time.perf_counter() - start < timeout:
            if self.state() == want:
                return time.perf_counter() - start
            time.sleep(0.003)
        return None

    def quit(self):
        self.tmux.keys(self.name, "q")
        time.sleep(0.3)
        self.tmux.kill_session(self.name)


def target_kind(kit, name):
    """"test" or "bin": how the kit's Cargo.toml declares the target `name`."""
    with open(os.path.join(kit, "Cargo.toml"), "rb") as f:
        manifest = tomllib.load(f)
    if any(t["name"] == name for t in manifest.get("test", [])):
        return "test"
    return "bin"


def floor_once(kit, ex, text):
    """The same work without the tool: save, cargo build (the tool's flags), run the executable."""
    name, folder, test = ex
    write(os.path.join(kit, "exercises", folder, name + ".rs"), text)
    start = time.perf_counter()
    cmd = ["cargo", "build", "--keep-going", "--message-format=json-diagnostic-rendered-ansi",
           "--color=never", "--manifest-path", os.path.join(kit, "Cargo.toml"),
           "--target-dir", os.path.join(kit, "target", "rustskill")]
    for setting in PROFILE_CONFIG:
        cmd += ["--config", setting]
    cmd += [f"--{target_kind(kit, name)}", name]
    out = subprocess.run(cmd, cwd=kit, capture_output=True, text=True)
    exe = None
    for line in out.stdout.splitlines():
        if '"compiler-artifact"' in line:
            msg = json.loads(line)
            if msg["target"]["name"] == name and msg.get("executable"):
                exe = msg["executable"]
    outcome = "compile-error"
    if exe:
        args = [exe, "--color", "never"] if test else [exe]
        run = subprocess.run(args, cwd=kit, capture_output=True, timeout=30)
        outcome = "passed" if run.returncode == 0 else "failed"
    return time.perf_counter() - start, outcome


def source(repo, kind, ex):
    sub = "solutions" if kind == "fix" else "exercises"
    with open(os.path.join(repo, sub, ex[1], ex[0] + ".rs")) as f:
        return f.read()


def rl_source(rl_src, kit, kind, ex):
    path = (os.path.join(rl_src, "solutions", ex[1], ex[0] + ".rs") if kind == "fix"
            else os.path.join(kit, "exercises", ex[1], ex[0] + ".rs"))
    with open(path) as f:
        return f.read()


def make_rustskill_kit(args, path, solved):
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run([args.rustskill, "init", path], check=True, capture_output=True)
    if solved:
        # Every exercise the kit has opened: a "predict, then fix" exercise opens only once its
        # item is answered, and a file of one that is not open yet has no target in Cargo.toml.
        sol = os.path.join(args.repo, "solutions")
        for root, _, files in os.walk(sol):
            for f in files:
                rel = os.path.relpath(os.path.join(root, f), sol)
                dest = os.path.join(path, "exercises", rel)
                if f.endswith(".rs") and os.path.exists(dest):
                    shutil.copy(os.path.join(sol, rel), dest)
        # Warm: every exercise built and judged once, as after a learner's `verify`.
        subprocess.run([args.rustskill, "verify"], cwd=path, capture_output=True)


def make_rustlings_kit(args, parent, current):
    shutil.rmtree(parent, ignore_errors=True)
    os.makedirs(parent)
    subprocess.run([args.rustlings, "init"], cwd=parent, check=True, capture_output=True,
                   stdin=subprocess.DEVNULL)
    kit = os.path.join(parent, "rustlings")
    with open(os.path.join(kit, ".rustlings-state.txt"), "w") as f:
        f.write(f"DON'T EDIT THIS FILE!\n\n{current}\n\n")
    return kit


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def latency_scenario(args, tmux, scenario, results, rustlings_side):
    """Our latency and the floor's, interleaved; rustlings' too when rustlings_side."""
    kit = os.path.join(args.work, f"rs-{scenario}")
    floor_kit = os.path.join(args.work, f"floor-{scenario}")
    log(f"== {scenario}: preparing kits")
    make_rustskill_kit(args, kit, solved=scenario.startswith("solved"))
    shutil.rmtree(floor_kit, ignore_errors=True)
    shutil.copytree(kit, floor_kit, symlinks=True)
    flycheck = Flycheck() if scenario.endswith("+check") else None
    if flycheck:
        log("   rust-analyzer-like flycheck: a first full check")
        flycheck.run_to_end(kit)
        flycheck.run_to_end(floor_kit)

    watch = RustskillWatch(tmux, f"rs-{scenario}", kit, args.rustskill)
    rl = {}
    if rustlings_side:
        for label, ex in (("test", RL_TEST_EX), ("main", RL_MAIN_EX)):
            rl_kit = make_rustlings_kit(args, os.path.join(args.work, f"rl-{scenario}-{label}"),
                                        ex[0])
            texts = {k: rl_source(args.rustlings_src, rl_kit, k, ex) for k in ("fix", "broken")}
            rl[label] = (ex, texts, RustlingsWatch(tmux, f"rl-{scenario}-{label}", rl_kit,
                                                   args.rustlings))

    mismatches = []
    for label, ex in (("test", TEST_EX), ("main", MAIN_EX)):
        texts = {kind: source(args.repo, kind, ex) for kind in ("fix", "broken")}
        want = {"fix": "passed", "broken": "compile-error"}
        for rnd in range(args.warmup + args.saves):
            counted = rnd >= args.warmup
            for kind in ("fix", "broken"):
                text = texts[kind] + f"\n// bench {scenario} {label} {rnd} {kind}\n"
                if flycheck:
                    flycheck.restart(kit)
                secs, outcome = watch.save_and_time(ex, text)
                watch.wait_quiet(timeout=30, quiet=0.05)
                if outcome != want[kind]:
                    mismatches.append(f"{scenario} {label} {kind} round {rnd}: tool said {outcome}")
                if flycheck:
                    flycheck.restart(floor_kit)
                fsecs, foutcome = floor_once(floor_kit, ex, text)
                if foutcome != want[kind]:
                    mismatches.append(f"{scenario} {label} {kind} round {rnd}: floor got {foutcome}")
                rsecs = None
                if label in rl:
                    rex, rtexts, rwatch = rl[label]
                    rwant = "passed" if kind == "fix" else "failed"
                    rsecs = rwatch.save_and_time(rtexts[kind] + f"\n// bench {rnd} {kind}\n",
                                                 rex, rwant)
                    rwatch.wait_idle(timeout=30, quiet=0.3)
                if counted:
                    key = (scenario, label, kind)
                    results.setdefault(key, {"ours": [], "floor": [], "rustlings": []})
                    results[key]["ours"].append(secs)
                    results[key]["floor"].append(fsecs)
                    if label in rl:
                        results[key]["rustlings"].append(rsecs)
                log(f"   {label:4} {kind:6} round {rnd}: ours {fmt(secs)}  floor {fmt(fsecs)}"
                    + (f"  rustlings {fmt(rsecs)}" if label in rl else ""))
    if flycheck:
        flycheck.stop()
    return watch, rl, mismatches


def fmt(secs):
    return "  -   " if secs is None else f"{secs * 1000:6.0f} ms"


def dropped_saves(args, watch, n):
    """Broken, then the fix mid-check; count final verdicts that do not say 'passed'."""
    ex = TEST_EX
    fix = source(args.repo, "fix", ex)
    broken = fix + SLOW_FAILING_TEST
    drops, screen_drops, mid_check, stale_shown = 0, 0, 0, 0
    for i in range(n):
        watch.events.skip_to_end()
        write(watch.path(ex), broken + f"\n// drop {i} broken\n")
        deadline = time.monotonic() + 5
        while not children(watch.pid) and time.monotonic() < deadline:
            time.sleep(POLL)
        time.sleep(random.uniform(0, MID_CHECK_DELAY))
        if children(watch.pid):
            mid_check += 1
        write(watch.path(ex), fix + f"\n// drop {i} fix\n")
        # The final verdict: wait for a 'passed' line, then for quiet.
        outcomes = []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            outcomes += [e["outcome"] for e in watch.events.new() if e["exercise"] == ex[0]]
            if outcomes and outcomes[-1] == "passed":
                break
            time.sleep(0.005)
        watch.wait_quiet(timeout=15, quiet=0.3)
        outcomes += [e["outcome"] for e in watch.events.new() if e["exercise"] == ex[0]]
        if not outcomes or outcomes[-1] != "passed":
            drops += 1
            log(f"   drop {i}: events {outcomes}")
        if "failed" in outcomes:
            stale_shown += 1
        screen = watch.tmux.screen(watch.name)
        if "✓ passed: bindings_cart_total" not in screen or "checking" in screen:
            screen_drops += 1
            log(f"   drop {i}: screen does not show the pass")
    return {"n": n, "drops": drops, "screen_drops": screen_drops, "mid_check": mid_check,
            "broken_verdict_recorded": stale_shown}


def rl_dropped_saves(rl_test, n):
    ex, texts, rwatch = rl_test
    fix = texts["fix"]
    broken = fix + SLOW_FAILING_TEST
    drops, mid_check = 0, 0
    for i in range(n):
        write(rwatch.path(ex), broken + f"\n// drop {i} broken\n")
        deadline = time.monotonic() + 5
        while not children(rwatch.pid) and time.monotonic() < deadline:
            time.sleep(POLL)
        time.sleep(random.uniform(0, MID_CHECK_DELAY))
        if children(rwatch.pid):
            mid_check += 1
        write(rwatch.path(ex), fix + f"\n// drop {i} fix\n")
        # rustlings waits 200 ms after an event before it runs: give it time, then quiet.
        time.sleep(0.5)
        rwatch.wait_idle(timeout=15, quiet=0.6)
        if rwatch.state() != "passed":
            drops += 1
    return {"n": n, "drops": drops, "mid_check": mid_check}


def idle(pid, secs):
    time.sleep(1)
    cpu0, sw0 = cpu_and_switches(pid)
    time.sleep(secs)
    cpu1, sw1 = cpu_and_switches(pid)
    return {"cpu_ms": (cpu1 - cpu0) * 1000, "switches": sw1 - sw0, "rss_mb": rss_kb(pid) / 1024,
            "threads": threads(pid), "secs": secs}


def report(args, results, drops, rl_drops, idles, mismatches):
    ms = lambda v: "-" if v is None else f"{v * 1000:.0f}"
    out = ["", f"watch benchmark, {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}, "
           f"{os.cpu_count()} cores; medians of {args.saves} saves per row (ms)", ""]
    out.append(f"{'scenario':16} {'exercise':6} {'save':7} {'ours':>6} {'floor':>6} "
               f"{'ours-floor':>10} {'rustlings':>10} {'rl/ours':>8}")
    for (scenario, label, kind), r in results.items():
        a, f, rl = med(r["ours"]), med(r["floor"]), med(r["rustlings"])
        diff = "-" if a is None or f is None else f"{(a - f) * 1000:+.0f}"
        ratio = "-" if a is None or rl is None else f"{rl / a:.2f}"
        out.append(f"{scenario:16} {label:6} {kind:7} {ms(a):>6} {ms(f):>6} {diff:>10} "
                   f"{ms(rl):>10} {ratio:>8}")
    out.append("")
    out.append("test = bindings_cart_total (rustlings: if1); main = box_dyn_error_main, whose "
               "tests run its main (rustlings: variables1, compiled and run).")
    out.append("fix = the solution (passes); broken = the shipped version (compile error).")
    if drops:
        out.append(f"dropped saves, ours: {drops['drops']}/{drops['n']} final verdicts (events "
                   f"log) not for the content on disk, {drops['screen_drops']}/{drops['n']} on "
                   f"screen; fix saved while a check ran: {drops['mid_check']}/{drops['n']}; "
                   f"broken version's verdict recorded before the fix's (check not cancelled in time): "
                   f"{drops['broken_verdict_recorded']}/{drops['n']}")
    if rl_drops:
        out.append(f"dropped saves, rustlings: {rl_drops['drops']}/{rl_drops['n']} final "
                   f"verdicts on screen not for the content on disk; fix saved while a check "
                   f"ran: {rl_drops['mid_check']}/{rl_drops['n']}")
    for who, v in idles.items():
        out.append(f"idle, {who}: {v['cpu_ms']:.0f} ms CPU and {v['switches']} context switches "
                   f"in {v['secs']} s; VmRSS {v['rss_mb']:.1f} MB; {v['threads']} threads")
    if mismatches:
        out.append("unexpected outcomes:")
        out += [f"  {m}" for m in mismatches]
    print("\n".join(out))
    with open(os.path.join(args.work, "results.json"), "w") as f:
        json.dump({"latency": {" ".join(k): v for k, v in results.items()}, "drops": drops,
                   "rustlings_drops": rl_drops, "idle": idles, "mismatches": mismatches}, f,
                  indent=1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rustskill", required=True)
    p.add_argument("--rustlings", help="rustlings v6 binary; omit to skip rustlings")
    p.add_argument("--rustlings-src", help="the rustlings source crate (for its solutions)")
    p.add_argument("--repo", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--saves", type=int, default=12)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--drops", type=int, default=100)
    p.add_argument("--rl-drops", type=int, default=20)
    p.add_argument("--idle-secs", type=float, default=10)
    p.add_argument("--scenarios", default="solved,unsolved,unsolved+check")
    p.add_argument("--test-exercise", metavar="NAME:DIR",
                   help="the test exercise to save (default bindings_cart_total:00_warmup), e.g. "
                   "joinset_collect_results:07_crates for one built against tokio")
    args = p.parse_args()
    os.makedirs(args.work, exist_ok=True)
    random.seed(1)

    tmux = Tmux()
    results, idles, mismatches = {}, {}, []
    drops = rl_drops = None
    try:
        for scenario in args.scenarios.split(","):
            side = bool(args.rustlings) and scenario == "solved"
            watch, rl, bad = latency_scenario(args, tmux, scenario, results, side)
            mismatches += bad
            if scenario == "solved":
                log("== idle")
                idles["rustskill watch"] = idle(watch.pid, args.idle_secs)
                if "test" in rl:
                    idles["rustlings watch"] = idle(rl["test"][2].pid, args.idle_secs)
                if args.drops:
                    log(f"== dropped saves: {args.drops}")
                    drops = dropped_saves(args, watch, args.drops)
                if args.rl_drops and "test" in rl:
                    log(f"== rustlings dropped saves: {args.rl_drops}")
                    rl_drops = rl_dropped_saves(rl["test"], args.rl_drops)
            watch.quit()
            for _, _, rwatch in rl.values():
                rwatch.quit()
    finally:
        tmux.close()
    report(args, results, drops, rl_drops, idles, mismatches)


if __name__ == "__main__":
    main()
