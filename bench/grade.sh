#!/usr/bin/env bash
# Benchmarks `cargo rustskill grade`: what grading costs per learner, with each sandbox this
# machine has and without one, in one run so all see the same machine load.
#
#   bench/grade.sh                        # N_LEARNERS=4 N_RUNS=2
#   N_LEARNERS=8 N_RUNS=3 bench/grade.sh
#
# The instructor's kit is a fresh `init` of the built-in kit. The cohort alternates solved kits
# (every solution copied in) and fresh unsolved ones. For each sandbox (off, namespaces,
# bubblewrap where installed), runs alternating:
#   one       `grade` of the first learner alone, in a fresh staging folder: dependencies
#             (tokio, serde, …) are built, then one learner is graded
#   cohort    `grade` of all N_LEARNERS: dependencies built once, shared by every learner
# per learner = (cohort - one) / (N_LEARNERS - 1), the cost of each learner after the first.
# Every figure is a median over N_RUNS. Scratch goes to $BENCH_DIR (default
# /tmp/rustskill-bench).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N_LEARNERS=${N_LEARNERS:-4}
N_RUNS=${N_RUNS:-2}
RS=$(rustskill_bin)
WORK=$BENCH_DIR/grade
RESULTS=$WORK/results
rm -rf "$WORK"
mkdir -p "$RESULTS" "$WORK/cohort"

log "making the instructor's kit and $N_LEARNERS learners …"
make_rustskill_kit "$WORK/instructor"
learners=()
for ((i = 1; i <= N_LEARNERS; i++)); do
    if ((i % 2)); then state=solved; else state=fresh; fi
    make_rustskill_kit "$WORK/cohort/learner$i-$state" "$([[ $state == solved ]] && echo solved)"
    learners+=("$WORK/cohort/learner$i-$state")
done

sandboxes=(off namespaces)
command -v bwrap > /dev/null 2>&1 && sandboxes+=(bubblewrap)

# timed NAME CMD…: appends CMD's wall time (s) to $RESULTS/NAME. `grade` exits 1 when a learner
# is not passing everything (the fresh ones): anything else stops the benchmark.
timed() {
    local name=$1
    shift
    local start end rc=0
    start=$(now)
    "$@" > "$WORK/last.json" 2> "$WORK/last.err" || rc=$?
    end=$(now)
    if ((rc > 1)); then
        log "$name: exit code $rc"
        cat "$WORK/last.err" >&2
        exit 1
    fi
    echo "$end - $start" | bc -l >> "$RESULTS/$name"
}

for ((run = 1; run <= N_RUNS; run++)); do
    for sandbox in "${sandboxes[@]}"; do
        log "run $run/$N_RUNS, --sandbox $sandbox …"
        # Each `grade` stages into a fresh temporary folder: nothing carries over between runs.
        timed "one-$sandbox" "$RS" --kit "$WORK/instructor" grade --sandbox "$sandbox" \
            --format json "${learners[0]}"
        timed "cohort-$sandbox" "$RS" --kit "$WORK/instructor" grade --sandbox "$sandbox" \
            --format json "${learners[@]}"
    done
done

printf '\n| sandbox | one learner, cold (deps built) | %s learners | per learner after the first |\n' "$N_LEARNERS"
printf '|---|---:|---:|---:|\n'
for sandbox in "${sandboxes[@]}"; do
    one=$(median < "$RESULTS/one-$sandbox")
    cohort=$(median < "$RESULTS/cohort-$sandbox")
    per=$(echo "($cohort - $one) / ($N_LEARNERS - 1)" | bc -l)
    printf '| %s | %.1f s | %.1f s | %.1f s |\n' "$sandbox" "$one" "$cohort" "$per"
done
