#!/usr/bin/env bash
# Benchmarks `cargo rustskill verify` beside the plain-cargo floor and rustlings v6's
# `check-all`, in one run so all see the same machine load. Two kits:
#
#   ours       the built-in kit: cargo-rustskill and the floor
#   rustlings  rustlings' own kit (its `init`, plus its info.toml), run by both tools: the
#              same-kit comparison
#
#   bench/verify.sh                      # defaults: 3 cold and 5 warm runs of each
#   N_COLD=5 N_WARM=10 bench/verify.sh
#   NO_RUSTLINGS=1 bench/verify.sh       # our kit only
#
# For each kit, solved (every exercise replaced by its solution) and unsolved (as shipped):
#   first     ours and the floor only: the first run ever, in a fresh kit (dependencies too)
#   cold      no build output but the dependencies', then verify / check-all / the floor
#             (median of N_COLD; a kit without dependencies loses its whole target dir)
#   warm      nothing changed since the last run                              (median of N_WARM)
#   no-cache  ours only: warm cargo, but `verify --no-cache`                  (median of N_NOCACHE)
# The floor (bench/floor.py) is the cargo runs verify makes, with its flags, in a copy of the
# kit: the exercises built and every executable run once, in parallel, under its time limit;
# clippy over the strict exercises that passed; the answered predict items' programs built and
# run. "floor" is the whole, "floor build" the cargo part. The target dir's size is taken after a cold run. Runs of
# the tools alternate, so noise on this shared machine falls on all alike; ratios are ours /
# theirs.
#
# Environment: BENCH_DIR (scratch, default /tmp/rustskill-bench), RUSTSKILL_BIN, RUSTLINGS_BIN,
# RUSTLINGS_VERSION (default 6.5.0), CARGO_TARGET_DIR (where the release build goes).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N_COLD=${N_COLD:-3}
N_WARM=${N_WARM:-5}
N_NOCACHE=${N_NOCACHE:-3}
NO_RUSTLINGS=${NO_RUSTLINGS:-}

RS=$(rustskill_bin)
RL=
[[ -z $NO_RUSTLINGS ]] && RL=$(rustlings_bin)
WORK=$BENCH_DIR/verify
RESULTS=$WORK/results
rm -rf "$WORK"
mkdir -p "$RESULTS" "$WORK/logs"

# timed NAME WANT_RC DIR CMD…: runs CMD in DIR with no terminal and appends its wall time (s) to
# $RESULTS/NAME, and the CPU time (user + system) of it and everything it started to
# $RESULTS/NAME-cpu. A run that ends with another exit code than WANT_RC stops the benchmark: a
# figure for a run that went wrong would be worse than none.
timed() {
    local name=$1 want=$2 dir=$3
    shift 3
    local start end rc=0
    start=$(now)
    # `times` in the subshell: its second line is the CPU time of the subshell's children.
    (
        cd "$dir" && "$@" < /dev/null > "$WORK/logs/$name.log" 2>&1
        code=$?
        times > "$WORK/times"
        exit $code
    ) || rc=$?
    end=$(now)
    if [[ $rc != "$want" ]]; then
        log "error: \`$*\` in $dir exited with $rc, expected $want; its output is in $WORK/logs/$name.log"
        exit 1
    fi
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }' >> "$RESULTS/$name"
    sed -n 2p "$WORK/times" | tr -d 's' | awk '{ n = split($0, t, /[ m]/)
        printf "%.3f\n", t[1] * 60 + t[2] + t[3] * 60 + t[4] }' >> "$RESULTS/$name-cpu"
    log "  $name: $(tail -n1 "$RESULTS/$name") s, CPU $(tail -n1 "$RESULTS/$name-cpu") s"
}

size_bytes() { du -sb "$1" | cut -f1; }


# floor NAME KIT: the floor (bench/floor.py), its cargo part recorded as NAME-build.
floor() {
    python3 "$REPO/bench/floor.py" "$2" --build-times "$RESULTS/$1-build"
}

# make_cold KIT: a cold start for the exercises and the predict programs. A kit with crate
# dependencies keeps them built (a learner builds them once, at `init`), and loses everything
# else the tool and cargo keep in its target dir (`-p exercises` takes the predict programs'
# packages too, which share the name); a kit without loses the target dir.
make_cold() {
    local kit=$1
    if grep -q '^\[dependencies\]' "$kit/info.toml" && [[ -d $kit/target/rustskill ]]; then
        cargo clean --quiet -p exercises --manifest-path "$kit/Cargo.toml" \
            --target-dir "$kit/target/rustskill"
        rm -f "$kit/target/rustskill/"{verdicts.json,toolchain-checked,predict-truths.json}
    else
        rm -rf "$kit/target"
    fi
}

# One cold round of every tool on one kit kind; each tool's kit is removed first.
# cold_round I KIT KIND WANT_RS WANT_RL WANT_FLOOR
cold_round() {
    local i=$1 kit=$2 kind=$3 want_rs=$4 want_rl=$5 want_floor=$6
    local rs_kit=$WORK/$kit-$kind-rs rl_kit=$WORK/$kit-$kind-rl/rustlings floor_kit=$WORK/$kit-$kind-floor
    local with_rl=
    [[ $kit == rustlings ]] && with_rl=1
    # Alternate which tool goes first, so neither always runs right after the other.
    if ((i % 2)) || [[ -z $with_rl ]]; then
        make_cold "$rs_kit"
        timed "rs-$kit-$kind-cold" "$want_rs" "$rs_kit" "$RS" verify --color never
    fi
    if [[ -n $with_rl ]]; then
        rm -rf "$rl_kit/target"
        timed "rl-$kit-$kind-cold" "$want_rl" "$rl_kit" "$RL" check-all
    fi
    if ! ((i % 2)) && [[ -n $with_rl ]]; then
        make_cold "$rs_kit"
        timed "rs-$kit-$kind-cold" "$want_rs" "$rs_kit" "$RS" verify --color never
    fi
    make_cold "$floor_kit"
    timed "floor-$kit-$kind-cold" "$want_floor" "$floor_kit" floor "floor-$kit-$kind-cold" "$floor_kit"
}

# bench_kit KIT KIND WANT_RC_RS WANT_RC_RL WANT_RC_FLOOR: the cold, warm and no-cache runs of
# one kit (ours, rustlings) of one kind (solved, unsolved).
bench_kit() {
    local kit=$1 kind=$2 want_rs=$3 want_rl=$4 want_floor=$5
    local rs_kit=$WORK/$kit-$kind-rs rl_parent=$WORK/$kit-$kind-rl floor_kit=$WORK/$kit-$kind-floor
    local with_rl=
    log "== $kit kit, $kind"
    if [[ $kit == ours ]]; then
        make_rustskill_kit "$rs_kit" "$kind"
    else
        with_rl=1
        make_rustlings_kit "$rl_parent" "$kind"
        cp -a "$rl_parent/rustlings" "$rs_kit"
        cp "$(rustlings_info)" "$rs_kit/info.toml"
    fi
    cp -a "$rs_kit" "$floor_kit"
    # The first run ever, dependencies built too (once per kind: the cold runs keep them).
    timed "rs-$kit-$kind-first" "$want_rs" "$rs_kit" "$RS" verify --color never
    timed "floor-$kit-$kind-first" "$want_floor" "$floor_kit" floor "floor-$kit-$kind-first" "$floor_kit"

    local i
    for ((i = 1; i <= N_COLD; i++)); do
        cold_round "$i" "$kit" "$kind" "$want_rs" "$want_rl" "$want_floor"
    done
    size_bytes "$rs_kit/target" > "$RESULTS/rs-$kit-$kind-size"
    [[ -n $with_rl ]] && size_bytes "$rl_parent/rustlings/target" > "$RESULTS/rl-$kit-$kind-size"

    for ((i = 1; i <= N_WARM; i++)); do
        timed "rs-$kit-$kind-warm" "$want_rs" "$rs_kit" "$RS" verify --color never
        [[ -n $with_rl ]] && timed "rl-$kit-$kind-warm" "$want_rl" "$rl_parent/rustlings" "$RL" check-all
        timed "floor-$kit-$kind-warm" "$want_floor" "$floor_kit" floor "floor-$kit-$kind-warm" "$floor_kit"
    done
    for ((i = 1; i <= N_NOCACHE; i++)); do
        timed "rs-$kit-$kind-nocache" "$want_rs" "$rs_kit" "$RS" verify --color never --no-cache
    done
}

kits=(ours)
[[ -n $RL ]] && kits+=(rustlings)
for kit in "${kits[@]}"; do
    bench_kit "$kit" solved 0 0 0
    bench_kit "$kit" unsolved 1 1 101
done

# ---- report ----
med() { [[ -s $RESULTS/$1 ]] && median < "$RESULTS/$1" || echo nan; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }
count() { grep -c '^\[\[exercises\]\]' "$WORK/$1-solved-rs/info.toml"; }
# pratio A B: the median, over rounds, of A's time / B's time in the same round, and the
# range: runs of one round are next to each other, so they saw about the same load.
pratio() {
    if [[ ! -s $RESULTS/$1 || ! -s $RESULTS/$2 ]]; then
        echo -
        return
    fi
    paste "$RESULTS/$1" "$RESULTS/$2" | awk '$2 > 0 { printf "%.3f\n", $1 / $2 }' | sort -g |
        awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%.2f [%.2f-%.2f]", m, v[1], v[NR] }'
}

echo
echo "verify benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r)"
echo "cargo-rustskill: $RS; rustlings: ${RL:-skipped}"
echo "$(cargo --version); medians of N_COLD=$N_COLD cold, N_WARM=$N_WARM warm, N_NOCACHE=$N_NOCACHE no-cache runs"
echo "ratios: median [range] of the per-round ratios; CPU: user + system of everything started"
for kit in "${kits[@]}"; do
    echo
    echo "$kit kit ($(count "$kit") exercises): wall s (CPU s)"
    printf '%-17s %15s %15s %15s %12s %18s %18s %18s\n' "" "rustskill" "rustlings" "floor" \
        "floor build" "rs/rl" "rs/floor" "rs/floor build"
    for kind in solved unsolved; do
        for what in first cold warm nocache; do
            r=rs-$kit-$kind-$what l=rl-$kit-$kind-$what f=floor-$kit-$kind-$what
            printf '%-17s %15s %15s %15s %12s %18s %18s %18s\n' "$kind, $what" \
                "$(med "$r") ($(med "$r-cpu"))" "$(med "$l") ($(med "$l-cpu"))" \
                "$(med "$f") ($(med "$f-cpu"))" "$(med "$f-build")" \
                "$(pratio "$r" "$l")" "$(pratio "$r" "$f")" "$(pratio "$r" "$f-build")"
        done
    done
    for kind in solved unsolved; do
        a=$(cat "$RESULTS/rs-$kit-$kind-size")
        line="target dir, $kind: rustskill $(mb "$a")"
        [[ -s $RESULTS/rl-$kit-$kind-size ]] && line+="; rustlings $(mb "$(cat "$RESULTS/rl-$kit-$kind-size")")"
        echo "$line"
    done
done
echo
echo "what the last runs said (a check on the figures):"
for kit in "${kits[@]}"; do
    for kind in solved unsolved; do
        echo "  rustskill, $kit $kind: $(grep -a 'exercises passing' "$WORK/logs/rs-$kit-$kind-warm.log" | tail -n1)"
        [[ $kit == rustlings ]] && echo "  rustlings, $kit $kind: $(grep -a -o -E '[0-9]+/[0-9]+ exercises pending|enjoyed learning' "$WORK/logs/rl-$kit-$kind-warm.log" | tail -n1)"
    done
done
echo "raw times (s) and logs: $RESULTS, $WORK/logs"
