#!/usr/bin/env bash
# Benchmarks `cargo rustskill grade`: what grading costs per learner, with each sandbox this
# machine has and without one, in one run so all see the same machine load.
#
#   bench/grade.sh                        # N_LEARNERS=5 N_RUNS=2
#   N_LEARNERS=9 N_RUNS=3 bench/grade.sh
#
# The instructor's kit is a fresh `init` of the built-in kit. The cohort alternates solved kits
# (every solution copied in) and fresh unsolved ones. For each sandbox (off, namespaces,
# bubblewrap where installed), in turn, one `grade` of the whole cohort in a fresh staging
# folder; `grade` says on stderr when it starts each learner, and those moments, timestamped
# here, split the run:
#   first     the first learner: the kit's dependencies (tokio, serde, …) are built, then it
#             is graded
#   solved    each later solved learner: every exercise compiled, its tests run, all pass
#   fresh     each later fresh learner: every exercise compiled, most fail as shipped
# Every learner's files are their own (a comment naming the learner ends each), as in a real
# cohort, so nothing one learner's exercises built is reused for the next.
# Each figure is a median over learners and N_RUNS. Scratch goes to $BENCH_DIR (default
# /tmp/rustskill-bench).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N_LEARNERS=${N_LEARNERS:-5}
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
    dir=$WORK/cohort/learner$i-$state
    make_rustskill_kit "$dir" "$([[ $state == solved ]] && echo solved)"
    # Every learner's files their own (as in a real cohort), so nothing built for one is
    # reused for the next: a comment naming the learner ends every exercise.
    find "$dir/exercises" -name '*.rs' -exec sh -c 'printf "\n// %s\n" "$1" >> "$2"' _ "learner$i" {} \;
    learners+=("$dir")
done

sandboxes=(off namespaces)
command -v bwrap > /dev/null 2>&1 && sandboxes+=(bubblewrap)

# graded SANDBOX: one `grade` of the cohort; appends each learner's seconds to
# $RESULTS/<first|solved|fresh>-SANDBOX.
graded() {
    local sandbox=$1 stamps=$WORK/stamps
    # stderr through the timestamps, stdout (the table) to last.out; the exit code last.
    # (`&& … ||`: under `set -e` a failing grade would end the group before its exit code.)
    { "$RS" --kit "$WORK/instructor" grade --sandbox "$sandbox" "${learners[@]}" \
        2>&1 > "$WORK/last.out" && echo "exit 0" || echo "exit $?"; } |
        while IFS= read -r line; do printf '%s %s\n' "$(now)" "$line"; done > "$stamps"
    local rc
    rc=$(awk '$2 == "exit" { print $3 }' "$stamps")
    # `grade` exits 1 when a learner is not passing everything (the fresh ones).
    if [[ -z $rc ]] || ((rc > 1)); then
        log "grade --sandbox $sandbox: exit code ${rc:-unknown}"
        cat "$stamps" >&2
        exit 1
    fi
    # Every solution must pass a graded run: a figure from a run that judged them wrong is none.
    if grep -E '^learner[0-9]+-solved ' "$WORK/last.out" | grep -vqE ' ([0-9]+)/\1 +passing'; then
        log "grade --sandbox $sandbox: a solved learner did not pass everything:"
        cat "$WORK/last.out" >&2
        exit 1
    fi
    awk -v sandbox="$sandbox" -v dir="$RESULTS" '
        BEGIN { n = 0 }
        $2 == "grading" { t[n] = $1; name[n] = $3; n++ }
        $2 == "exit" { t[n] = $1 }
        END {
            for (i = 0; i < n; i++) {
                kind = i == 0 ? "first" : (name[i] ~ /solved/ ? "solved" : "fresh")
                printf "%.3f\n", t[i + 1] - t[i] >> (dir "/" kind "-" sandbox)
            }
        }' "$stamps"
}

for ((run = 1; run <= N_RUNS; run++)); do
    for sandbox in "${sandboxes[@]}"; do
        log "run $run/$N_RUNS: grade --sandbox $sandbox of $N_LEARNERS learners …"
        graded "$sandbox"
    done
done

printf '\n| sandbox | first learner (dependencies built) | each later solved learner | each later fresh learner |\n'
printf '|---|---:|---:|---:|\n'
for sandbox in "${sandboxes[@]}"; do
    printf '| %s | %.1f s | %.1f s | %.1f s |\n' "$sandbox" \
        "$(median < "$RESULTS/first-$sandbox")" \
        "$(median < "$RESULTS/solved-$sandbox")" \
        "$(median < "$RESULTS/fresh-$sandbox")"
done
