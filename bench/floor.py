#!/usr/bin/env python3
"""The plain-cargo floor of a cold `verify`: the cargo runs the tool makes for a kit, with its
flags, and every built executable run once, in parallel, under its exercise's time limit.
Nothing else: no tool, no verdicts.

    bench/floor.py KIT [--build-times FILE]

Targets as src/engine/cargo.rs picks them: `[[test]]`s and run-mode `[[bin]]`s in one
`cargo build --keep-going`; a rustlings-format kit's test-mode `[[bin]]`s in one
`cargo rustc --profile test --keep-going` before it. Then, as the tool does: `cargo clippy` over
the `strict_clippy` exercises whose run succeeded, and the programs of the tracing predict items
the learner answered built (one `cargo build` of a scratch package beside the kit's, with its
dependencies and target folder) and run. --build-times appends the seconds the cargo runs took (the build-only
floor) to FILE. Exits 101 when an exercise did not compile, as cargo does, else 0 (failing tests
and predict programs that do not compile, which is what many of them are about, do not count).
"""

import argparse
import concurrent.futures
import json
import os
import shutil
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


def info_of(kit):
    with open(os.path.join(kit, "info.toml"), "rb") as f:
        return tomllib.load(f)


def targets(kit):
    """[(name, kind, test mode, time limit in s, strict clippy)] of every exercise that is a
    cargo target, in kit order (predict items are not: their programs are built apart)."""
    info = info_of(kit)
    with open(os.path.join(kit, "Cargo.toml"), "rb") as f:
        manifest = tomllib.load(f)
    kinds = {t["name"]: "bin" for t in manifest.get("bin", [])}
    kinds.update({t["name"]: "test" for t in manifest.get("test", [])})
    default_limit = info.get("default_time_limit", 10)
    return [(e["name"], kinds[e["name"]], e.get("test", True), e.get("time_limit", default_limit),
             e.get("strict_clippy", False))
            for e in info["exercises"] if e["name"] in kinds]


def predict_programs(kit):
    """[(name, program, time limit in s)] of the kit's tracing predict items the learner
    answered (`.rustskill/answers.toml`): the tool runs no other item's program."""
    info = info_of(kit)
    try:
        with open(os.path.join(kit, ".rustskill", "answers.toml"), "rb") as f:
            answered = {item["name"] for item in tomllib.load(f).get("item", [])}
    except FileNotFoundError:
        answered = set()
    default_limit = info.get("default_time_limit", 10)
    return [(e["name"], e["predict"]["program"], e.get("time_limit", default_limit))
            for e in info["exercises"]
            if e["name"] in answered and e.get("predict", {}).get("type") == "tracing"]


def common_args(kit, manifest_dir):
    args = ["--keep-going", "--message-format=json-diagnostic-rendered-ansi", "--color=never",
            "--manifest-path", os.path.join(manifest_dir, "Cargo.toml"),
            "--target-dir", os.path.join(kit, "target", "rustskill")]
    if "dependencies" in info_of(kit):
        args.append("--locked")
    for setting in PROFILE_CONFIG:
        args += ["--config", setting]
    return args


def cargo_runs(kit, all_targets, lint=False):
    """The cargo commands, each with the targets it builds (or lints)."""
    common = common_args(kit, kit)
    tested = [t for t in all_targets if t[1] == "bin" and t[2]]
    normal = [t for t in all_targets if not (t[1] == "bin" and t[2])]
    after = ["--", "-D", "warnings"] if lint else []
    runs = []
    if tested:
        runs.append((["cargo", "clippy" if lint else "rustc", "--profile", "test", *common,
                      *[a for t in tested for a in ("--bin", t[0])], *after], tested))
    if normal:
        runs.append((["cargo", "clippy" if lint else "build", *common,
                      *[a for t in normal for a in (f"--{t[1]}", t[0])], *after], normal))
    return runs


def cargo(argv, cwd, wanted, test_mode):
    """Runs one cargo command; ([(executable, target)] it built, whether it succeeded)."""
    proc = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True)
    exes = []
    for line in proc.stdout.splitlines():
        msg = json.loads(line) if line.startswith("{") else {}
        if msg.get("reason") != "compiler-artifact" or not msg.get("executable"):
            continue
        target = wanted.get(msg["target"]["name"])
        if target and msg["profile"]["test"] == test_mode(target):
            exes.append((msg["executable"], target))
    return exes, proc.returncode == 0


def build(kit, all_targets):
    """Runs the cargo commands; (executables to run, whether every target compiled)."""
    exes = []
    ok = True
    for argv, group in cargo_runs(kit, all_targets):
        built, fine = cargo(argv, kit, {t[0]: t for t in group}, lambda t: t[2])
        exes += built
        ok = ok and fine
    return exes, ok


def lint(kit, passed):
    """`cargo clippy` over the strict exercises that passed, as the tool lints them."""
    for argv, _ in cargo_runs(kit, [t for t in passed if t[4]], lint=True):
        subprocess.run(argv, cwd=kit, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def build_predict(kit, programs):
    """Builds the predict programs in a scratch package beside the kit's (its dependencies, its
    lock file, its target folder, as the tool's own); the executables to run."""
    if not programs:
        return []
    pkg = os.path.join(kit, "target", "rustskill", "floor-predict")
    os.makedirs(os.path.join(pkg, "src"), exist_ok=True)
    info = info_of(kit)
    lines = ['[package]', 'name = "exercises"', 'version = "0.0.0"', 'edition = "2024"',
             'publish = false', 'autobins = false', '']
    if "dependencies" in info:
        lines.append("[dependencies]")
        for name, spec in info["dependencies"].items():
            lines.append(f"{name} = {toml_inline(spec)}")
        shutil.copy(os.path.join(kit, "Cargo.lock"), os.path.join(pkg, "Cargo.lock"))
    for name, program, _ in programs:
        with open(os.path.join(pkg, "src", f"{name}.rs"), "w") as f:
            f.write(program)
        lines += ["", "[[bin]]", f'name = "{name}"', f'path = "src/{name}.rs"']
    lines += ["", "[workspace]", ""]
    with open(os.path.join(pkg, "Cargo.toml"), "w") as f:
        f.write("\n".join(lines))
    argv = ["cargo", "build", *common_args(kit, pkg),
            *[a for p in programs for a in ("--bin", p[0])]]
    exes, _ = cargo(argv, pkg, {p[0]: p for p in programs}, lambda _: False)
    return exes


def toml_inline(value):
    """A TOML value on one line: strings, booleans, numbers, lists and tables of them."""
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_inline(v) for v in value) + "]"
    return "{ " + ", ".join(f"{k} = {toml_inline(v)}" for k, v in value.items()) + " }"


def run(exe, time_limit, argv_tail, cwd):
    """Runs one executable under its time limit; whether it exited 0."""
    try:
        proc = subprocess.run([exe, *argv_tail], cwd=cwd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=time_limit)
        return proc.returncode == 0
    except subprocess.TimeoutExpired:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kit")
    parser.add_argument("--build-times")
    args = parser.parse_args()
    kit = os.path.abspath(args.kit)
    workers = (os.cpu_count() or 2) * RUNNERS_PER_CORE
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    cargo_secs = 0.0

    started = time.monotonic()
    exes, ok = build(kit, targets(kit))
    cargo_secs += time.monotonic() - started
    outcomes = pool.map(
        lambda e: run(e[0], e[1][3], ["--color", "never"] if e[1][2] else [], kit), exes)
    passed = [target for (_, target), fine in zip(exes, list(outcomes)) if fine]

    started = time.monotonic()
    lint(kit, passed)
    programs = build_predict(kit, predict_programs(kit))
    cargo_secs += time.monotonic() - started
    for _ in pool.map(lambda e: run(e[0], e[1][2], [], kit), programs):
        pass
    pool.shutdown()

    if args.build_times:
        with open(args.build_times, "a") as f:
            f.write(f"{cargo_secs:.4f}\n")
    sys.exit(0 if ok else 101)


if __name__ == "__main__":
    main()
