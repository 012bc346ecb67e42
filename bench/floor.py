#!/usr/bin/env python3
"""The plain-cargo floor of a cold `verify`: the cargo runs the tool makes for a kit, with its
flags, then every built executable run once, in parallel, under its exercise's time limit.
Nothing else: no tool, no verdicts, no clippy.

    bench/floor.py KIT [--build-times FILE]

Targets as src/engine/cargo.rs picks them: `[[test]]`s and run-mode `[[bin]]`s in one
`cargo build --keep-going`; a rustlings-format kit's test-mode `[[bin]]`s in one
`cargo rustc --profile test --keep-going` before it. --build-times appends the seconds the
cargo runs took (the build-only floor) to FILE. Exits 101 when a target did not compile, as
cargo does, else 0 (failing tests do not count: the floor only runs them).
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time
import tomllib

# The tool's own cargo profile settings (src/engine/cargo.rs, PROFILE_CONFIG).
PROFILE_CONFIG = [
    "profile.dev.debug=0",
    "profile.dev.incremental=false",
    'profile.dev.strip="debuginfo"',
]
# Test binaries run at once, per core (src/engine/judge/run.rs, RUNNERS_PER_CORE).
RUNNERS_PER_CORE = 4


def targets(kit):
    """[(name, kind, test mode, time limit in s)] of every exercise that is a cargo target, in
    kit order (predict items are not: the tool compiles their programs in its own package)."""
    with open(os.path.join(kit, "info.toml"), "rb") as f:
        info = tomllib.load(f)
    with open(os.path.join(kit, "Cargo.toml"), "rb") as f:
        manifest = tomllib.load(f)
    kinds = {t["name"]: "bin" for t in manifest.get("bin", [])}
    kinds.update({t["name"]: "test" for t in manifest.get("test", [])})
    default_limit = info.get("default_time_limit", 10)
    return [(e["name"], kinds[e["name"]], e.get("test", True), e.get("time_limit", default_limit))
            for e in info["exercises"] if e["name"] in kinds]


def cargo_runs(kit, all_targets):
    """The cargo commands, each with the targets it builds."""
    common = ["--keep-going", "--message-format=json-diagnostic-rendered-ansi", "--color=never",
              "--manifest-path", os.path.join(kit, "Cargo.toml"),
              "--target-dir", os.path.join(kit, "target", "rustskill")]
    with open(os.path.join(kit, "info.toml"), "rb") as f:
        if "dependencies" in tomllib.load(f):
            common.append("--locked")
    for setting in PROFILE_CONFIG:
        common += ["--config", setting]
    tested = [t for t in all_targets if t[1] == "bin" and t[2]]
    normal = [t for t in all_targets if not (t[1] == "bin" and t[2])]
    runs = []
    if tested:
        runs.append((["cargo", "rustc", "--profile", "test", *common,
                      *[a for t in tested for a in ("--bin", t[0])]], tested))
    if normal:
        runs.append((["cargo", "build", *common,
                      *[a for t in normal for a in (f"--{t[1]}", t[0])]], normal))
    return runs


def build(kit, all_targets):
    """Runs the cargo commands; (executables to run, whether every target compiled)."""
    exes = []
    ok = True
    for argv, group in cargo_runs(kit, all_targets):
        wanted = {t[0]: t for t in group}
        proc = subprocess.run(argv, cwd=kit, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True)
        ok = ok and proc.returncode == 0
        for line in proc.stdout.splitlines():
            msg = json.loads(line) if line.startswith("{") else {}
            if msg.get("reason") != "compiler-artifact" or not msg.get("executable"):
                continue
            target = wanted.get(msg["target"]["name"])
            if target and msg["profile"]["test"] == target[2]:
                exes.append((msg["executable"], target))
    return exes, ok


def run(exe, target, cwd):
    argv = [exe, "--color", "never"] if target[2] else [exe]
    try:
        subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=target[3])
    except subprocess.TimeoutExpired:
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kit")
    parser.add_argument("--build-times")
    args = parser.parse_args()
    kit = os.path.abspath(args.kit)
    started = time.monotonic()
    exes, ok = build(kit, targets(kit))
    if args.build_times:
        with open(args.build_times, "a") as f:
            f.write(f"{time.monotonic() - started:.4f}\n")
    workers = (os.cpu_count() or 2) * RUNNERS_PER_CORE
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for _ in pool.map(lambda e: run(e[0], e[1], kit), exes):
            pass
    sys.exit(0 if ok else 101)


if __name__ == "__main__":
    main()
