# Shared by bench/verify.sh and bench/watch.sh (sourced, not run): where things live, how the
# binaries are found or built, and how a kit is made. Everything the benchmarks write goes under
# $BENCH_DIR, never into the repository.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/rustskill-bench}
RUSTLINGS_VERSION=${RUSTLINGS_VERSION:-6.5.0}
mkdir -p "$BENCH_DIR"

# Where the release build of this repository goes. Then the variable is cleared: rustlings asks
# `cargo metadata` for its target dir, so an inherited CARGO_TARGET_DIR would move its builds
# out of its kit (and out of reach of "rm -rf target" for a cold run).
BUILD_TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR

log() { printf '%s\n' "$*" >&2; }

# One benchmark at a time on a machine: two runs would clobber each other's kits under a shared
# BENCH_DIR and, either way, each other's figures. The lock is dropped when the script exits.
exec 9> "${BENCH_LOCK:-/tmp/rustskill-bench.lock}"
if ! flock -n 9; then
    log "another cargo-rustskill benchmark is running on this machine; waiting for it to end…"
    flock 9
fi

# The release binary of this repository: $RUSTSKILL_BIN, else built into $CARGO_TARGET_DIR (or
# the repository's target/). Building into a target dir of one's own keeps a bench from waiting
# on another build's lock.
rustskill_bin() {
    if [[ -n ${RUSTSKILL_BIN:-} ]]; then
        printf '%s\n' "$RUSTSKILL_BIN"
        return
    fi
    local target=$BUILD_TARGET_DIR
    log "building cargo-rustskill (release) into $target …"
    (cd "$REPO" && CARGO_TARGET_DIR=$target cargo build --release --quiet) >&2
    printf '%s\n' "$target/release/cargo-rustskill"
}

# The rustlings source crate (its solutions/ are the reference solutions), as cargo unpacked it.
rustlings_src() {
    local dir
    for dir in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/rustlings-"$RUSTLINGS_VERSION"; do
        [[ -d $dir/solutions ]] && { printf '%s\n' "$dir"; return; }
    done
    return 1
}

# rustlings' own info.toml (its binary embeds it; `init` does not write it), from the
# rustlings-macros source crate that installing rustlings unpacks.
rustlings_info() {
    local file
    for file in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/rustlings-macros-"$RUSTLINGS_VERSION"/info.toml; do
        [[ -f $file ]] && { printf '%s\n' "$file"; return; }
    done
    log "error: rustlings-macros $RUSTLINGS_VERSION's info.toml is not in the cargo registry"
    return 1
}

# rustlings $RUSTLINGS_VERSION: $RUSTLINGS_BIN, else one installed under $BENCH_DIR (from
# crates.io, once). Installing also unpacks the source crate that rustlings_src finds.
rustlings_bin() {
    if [[ -n ${RUSTLINGS_BIN:-} ]]; then
        printf '%s\n' "$RUSTLINGS_BIN"
        return
    fi
    local root=$BENCH_DIR/rustlings-root
    if [[ ! -x $root/bin/rustlings ]] || ! rustlings_src > /dev/null; then
        log "installing rustlings $RUSTLINGS_VERSION into $root …"
        cargo install rustlings --version "$RUSTLINGS_VERSION" --locked --root "$root" --quiet >&2
    fi
    printf '%s\n' "$root/bin/rustlings"
}

# A fresh rustskill kit in $1 (removed first). With "solved" as $2, every exercise is replaced
# by its reference solution from the repository.
make_rustskill_kit() {
    local dir=$1 solved=${2:-}
    rm -rf "$dir"
    "$RS" init "$dir" > /dev/null
    if [[ $solved == solved ]]; then
        answer_every_item "$dir"
        # Every exercise now has its file (answering opened the "predict, then fix" ones).
        (cd "$REPO/solutions" && find . -name '*.rs') | while read -r f; do
            if [[ -f $dir/exercises/$f ]]; then
                cp "$REPO/solutions/$f" "$dir/exercises/$f"
            fi
        done
    fi
}

# Answers every predict item of the kit in $1 right, as a learner who has learned them would:
# each choice in turn until `answer` says it is right (exit 0).
answer_every_item() {
    local dir=$1 name count choice
    (cd "$dir" && "$RS" list --json) |
        python3 -c 'import json, sys; [print(e["name"]) for e in json.load(sys.stdin)["exercises"] if e["kind"] == "predict"]' |
        while read -r name; do
            count=$( (cd "$dir" && "$RS" answer "$name") | grep -cE '^  [0-9]+  ')
            for ((choice = 1; choice <= count; choice++)); do
                if (cd "$dir" && "$RS" answer "$name" "$choice" > /dev/null 2>&1); then
                    break
                fi
            done
        done
}

# A fresh rustlings kit in $1/rustlings (the parent is removed first), its state file written so
# no welcome prompt waits for ENTER, current exercise $3 (default intro1). With "solved" as $2,
# every exercise is replaced by its solution from the rustlings source crate.
make_rustlings_kit() {
    local parent=$1 solved=${2:-} current=${3:-intro1}
    rm -rf "$parent"
    mkdir -p "$parent"
    (cd "$parent" && "$RL" init < /dev/null > /dev/null 2>&1)
    printf "DON'T EDIT THIS FILE!\n\n%s\n\n" "$current" > "$parent/rustlings/.rustlings-state.txt"
    if [[ $solved == solved ]]; then
        local src
        src=$(rustlings_src)
        (cd "$src/solutions" && find . -name '*.rs') | while read -r f; do
            cp "$src/solutions/$f" "$parent/rustlings/exercises/$f"
        done
    fi
}

# Median of numbers on stdin, one per line.
median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

now() { date +%s.%N; }
