#!/usr/bin/env bash
# Benchmarks `cargo rustskill verify` on the whole built-in kit, side by side with rustlings'
# `check-all` on its own kit, in one run so both see the same machine load.
#
#   bench/verify.sh                      # defaults: 3 cold and 5 warm runs of each
#   N_COLD=5 N_WARM=10 bench/verify.sh
#   NO_RUSTLINGS=1 bench/verify.sh       # ours only
#
# For each of a solved kit (every exercise replaced by its solution) and a fresh, unsolved kit:
#   cold      rm -rf <kit>/target, then verify / check-all     (median of N_COLD)
#   warm      nothing changed since the last run               (median of N_WARM)
#   no-cache  ours only: warm cargo, but `verify --no-cache`   (median of N_NOCACHE)
# plus the floor, cold and warm: the same `cargo build --keep-going` of every exercise that verify
# runs, with its flags, in a copy of the kit, without the tool (and without running the tests).
# and the target dir's size after a cold run (total and per exercise). Runs of the two tools
# alternate, so noise on this shared machine falls on both alike; the ratio is ours / rustlings.
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
# $RESULTS/NAME. A run that ends with another exit code than WANT_RC stops the benchmark: a
# figure for a run that went wrong would be worse than none.
timed() {
    local name=$1 want=$2 dir=$3
    shift 3
    local start end rc=0
    start=$(now)
    (cd "$dir" && "$@" < /dev/null > "$WORK/logs/$name.log" 2>&1) || rc=$?
    end=$(now)
    if [[ $rc != "$want" ]]; then
        log "error: \`$*\` in $dir exited with $rc, expected $want; its output is in $WORK/logs/$name.log"
        exit 1
    fi
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }' >> "$RESULTS/$name"
    log "  $name: $(tail -n1 "$RESULTS/$name") s"
}

size_bytes() { du -sb "$1" | cut -f1; }

rs_count=$(grep -c '^\[\[exercises\]\]' "$REPO/info.toml")

# floor KIT: the cargo build at the heart of a verify, without the tool: one `cargo build
# --keep-going` of every exercise target with the tool's own flags and profile settings
# (src/cargo.rs), in a copy of the kit. Running the built tests (about 0.5 s on a solved kit)
# is not in it.
floor() {
    local kit=$1 targets
    targets=$(awk '/^\[\[(test|bin)\]\]/ { kind = substr($0, 3, length($0) - 4) }
        /^name = / && kind { gsub(/"/, "", $3); print "--" kind; print $3; kind = "" }' \
        "$kit/Cargo.toml")
    # shellcheck disable=SC2086 # one word per line: the target flags and names
    cargo build --keep-going --message-format=json-diagnostic-rendered-ansi --color=never \
        --manifest-path "$kit/Cargo.toml" --target-dir "$kit/target/rustskill" \
        --config profile.dev.debug=0 --config profile.dev.incremental=false \
        --config 'profile.dev.strip="debuginfo"' $targets
}

# bench_kit KIND WANT_RC_RS WANT_RC_RL WANT_RC_FLOOR: the cold, warm and no-cache runs for one
# kind of kit.
bench_kit() {
    local kind=$1 want_rs=$2 want_rl=$3 want_floor=$4
    local rs_kit=$WORK/rs-$kind rl_parent=$WORK/rl-$kind floor_kit=$WORK/floor-$kind
    local rl_kit=$rl_parent/rustlings
    log "== $kind kits"
    make_rustskill_kit "$rs_kit" "$kind"
    cp -a "$rs_kit" "$floor_kit"
    [[ -n $RL ]] && make_rustlings_kit "$rl_parent" "$kind"

    local i
    for ((i = 1; i <= N_COLD; i++)); do
        # Alternate which tool goes first, so neither always runs right after the other.
        if ((i % 2)) || [[ -z $RL ]]; then
            rm -rf "$rs_kit/target"
            timed "rs-$kind-cold" "$want_rs" "$rs_kit" "$RS" verify --color never
        fi
        if [[ -n $RL ]]; then
            rm -rf "$rl_kit/target"
            timed "rl-$kind-cold" "$want_rl" "$rl_kit" "$RL" check-all
        fi
        if ! ((i % 2)) && [[ -n $RL ]]; then
            rm -rf "$rs_kit/target"
            timed "rs-$kind-cold" "$want_rs" "$rs_kit" "$RS" verify --color never
        fi
        rm -rf "$floor_kit/target"
        timed "floor-$kind-cold" "$want_floor" "$floor_kit" floor "$floor_kit"
    done
    size_bytes "$rs_kit/target" > "$RESULTS/rs-$kind-size"
    [[ -n $RL ]] && size_bytes "$rl_kit/target" > "$RESULTS/rl-$kind-size"

    for ((i = 1; i <= N_WARM; i++)); do
        timed "rs-$kind-warm" "$want_rs" "$rs_kit" "$RS" verify --color never
        [[ -n $RL ]] && timed "rl-$kind-warm" "$want_rl" "$rl_kit" "$RL" check-all
        timed "floor-$kind-warm" "$want_floor" "$floor_kit" floor "$floor_kit"
    done
    for ((i = 1; i <= N_NOCACHE; i++)); do
        timed "rs-$kind-nocache" "$want_rs" "$rs_kit" "$RS" verify --color never --no-cache
    done
}

bench_kit solved 0 0 0
bench_kit unsolved 1 1 101

# ---- report ----
med() { [[ -s $RESULTS/$1 ]] && median < "$RESULTS/$1" || echo nan; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "nan") printf "%.2f", a / b; else printf "-" }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }
rl_count=0
[[ -n $RL ]] && rl_count=$(find "$WORK/rl-solved/rustlings/exercises" -name '*.rs' | wc -l)

echo
echo "verify benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r)"
echo "cargo-rustskill: $RS ($rs_count exercises); rustlings: ${RL:-skipped} ($rl_count exercises)"
echo "$(cargo --version); medians of N_COLD=$N_COLD cold, N_WARM=$N_WARM warm, N_NOCACHE=$N_NOCACHE no-cache runs"
echo
printf '%-28s %12s %12s %8s %16s %16s %10s\n' "" "rustskill s" "rustlings s" "ratio" "rustskill /100" "rustlings /100" "floor s"
for kind in solved unsolved; do
    for what in cold warm nocache; do
        a=$(med "rs-$kind-$what")
        b=nan
        f=-
        [[ $what != nocache ]] && b=$(med "rl-$kind-$what") && f=$(med "floor-$kind-$what")
        per_a=$(awk -v t="$a" -v n="$rs_count" 'BEGIN { printf "%.3f", t * 100 / n }')
        per_b=-
        [[ $b != nan && $rl_count -gt 0 ]] && per_b=$(awk -v t="$b" -v n="$rl_count" 'BEGIN { printf "%.3f", t * 100 / n }')
        printf '%-28s %12s %12s %8s %16s %16s %10s\n' "$kind kit, $what" "$a" "$b" "$(ratio "$a" "$b")" "$per_a" "$per_b" "$f"
    done
done
echo
for kind in solved unsolved; do
    a=$(cat "$RESULTS/rs-$kind-size")
    line="target dir, $kind kit: rustskill $(mb "$a") ($(mb $((a / rs_count))) per exercise)"
    if [[ -n $RL ]]; then
        b=$(cat "$RESULTS/rl-$kind-size")
        line+="; rustlings $(mb "$b") ($(mb $((b / rl_count))) per exercise)"
    fi
    echo "$line"
done
echo
echo "what the last runs said (a check on the figures):"
for kind in solved unsolved; do
    echo "  rustskill, $kind: $(grep -a 'exercises passing' "$WORK/logs/rs-$kind-warm.log" | tail -n1)"
    [[ -n $RL ]] && echo "  rustlings, $kind: $(grep -a -o -E '[0-9]+/[0-9]+ exercises pending|enjoyed learning' "$WORK/logs/rl-$kind-warm.log" | tail -n1)"
done
echo "raw times (s) and logs: $RESULTS, $WORK/logs"
