#!/usr/bin/env bash
# Where one exercise's build goes: rustc run by hand on one file of rustlings' solved kit, as the
# floor compiles it (edition 2024, no debug info, debug info stripped), stopping after each
# stage in turn, so each stage's cost is the difference from the one before:
#
#   start-up   an empty crate checked: loading the compiler and the standard library's metadata
#   front end  the exercise checked (`--emit=metadata`): parsing, macros, types, borrows
#   codegen    `--emit=obj`: the front end, then LLVM
#   link       `--emit=link`: all of it, the executable linked (static std, then shared std)
#
# Each measured N_RUNS times (median), on a test harness (iterators2, `--test`) and on a
# program (intro1).
#
#   bench/one-build.sh            # N_RUNS=15
#
# Run bench/verify.sh first: it leaves the kit in $BENCH_DIR/verify/rustlings-solved-floor.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N_RUNS=${N_RUNS:-15}
KIT=$BENCH_DIR/verify/rustlings-solved-floor
[[ -f $KIT/info.toml ]] || { log "no kit at $KIT: run bench/verify.sh first"; exit 1; }
WORK=$BENCH_DIR/one-build
rm -rf "$WORK"
mkdir -p "$WORK"
printf 'fn main() {}\n' > "$WORK/empty.rs"

# The seconds one rustc run takes, with the floor's flags plus "$@".
time_rustc() {
    local started
    started=$(now)
    rustc --edition 2024 -C debuginfo=0 -C strip=debuginfo --out-dir "$WORK/out" "$@" \
        > /dev/null 2>&1
    echo "$(now) - $started" | bc
}

# Median seconds of N_RUNS runs of time_rustc "$@".
median_of() {
    for ((i = 0; i < N_RUNS; i++)); do
        rm -rf "$WORK/out"
        time_rustc "$@"
    done | median
}

printf '| exercise | start-up | front end | codegen | link (static std) | total | link (shared std) |\n'
printf '|---|---:|---:|---:|---:|---:|---:|\n'
for case in "iterators2 18_iterators --test" "intro1 00_intro"; do
    read -r name dir harness <<< "$case"
    file=$KIT/exercises/$dir/$name.rs
    startup=$(median_of --emit=metadata --crate-type bin "$WORK/empty.rs")
    check=$(median_of --emit=metadata ${harness:-} "$file")
    obj=$(median_of --emit=obj ${harness:-} "$file")
    link=$(median_of --emit=link ${harness:-} "$file")
    shared=$(median_of --emit=link -C prefer-dynamic ${harness:-} "$file")
    printf '| %s%s | %.3f s | %.3f s | %.3f s | %.3f s | %.3f s | %.3f s |\n' \
        "$name" "${harness:+ (test harness)}" "$startup" "$(echo "$check - $startup" | bc)" \
        "$(echo "$obj - $check" | bc)" "$(echo "$link - $obj" | bc)" "$link" \
        "$(echo "$shared - $obj" | bc)"
done
