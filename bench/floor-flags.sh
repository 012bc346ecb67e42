#!/usr/bin/env bash
# Where one exercise's build goes, and whether a compiler setting lowers the floor: the floor's
# cargo part (bench/floor.py --build-times), once per setting per round, the settings in turn so
# load falls on all alike. A setting under which some exercise no longer compiles is reported
# as failing, never timed: a build that stops early is fast and proves nothing.
#
# Settings: the tool's own (none extra); `panic = "unwind"` for the dev profile; the standard
# library linked dynamically (`-C prefer-dynamic`, the toolchain's library folder on the loader
# path for the runs) with `panic = "unwind"`, since the shared standard library is built to
# unwind and rustlings' kit sets `panic = "abort"`, which it cannot link with; one codegen unit
# per crate; 16 (dev's default is 256).
#
# Two kits: rustlings' solved kit, cold (nothing built); and this project's solved kit with its
# crates (tokio, serde, …) built, the exercises rebuilt (each setting has a target folder of its
# own, since a change of flags rebuilds every crate).
#
#   bench/floor-flags.sh          # N_ROUNDS=3
#   KITS=rustlings bench/floor-flags.sh
#
# Run bench/verify.sh first: it leaves the kits in $BENCH_DIR/verify/*-solved-floor.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N_ROUNDS=${N_ROUNDS:-3}
KITS=${KITS:-rustlings ours}
WORK=$BENCH_DIR/floor-flags
rm -rf "$WORK"
mkdir -p "$WORK"
LIB_DIR=$(rustc --print target-libdir)

declare -A flags=(
    [default]=""
    [panic-unwind]=""
    [prefer-dynamic]="-C prefer-dynamic"
    [codegen-units-1]="-C codegen-units=1"
    [codegen-units-16]="-C codegen-units=16"
)
declare -A panic=([panic-unwind]=unwind [prefer-dynamic]=unwind)
declare -A order=(
    [rustlings]="default panic-unwind prefer-dynamic codegen-units-1 codegen-units-16"
    [ours]="default prefer-dynamic"
)

# One floor build of $kit under $setting; appends its seconds to $WORK/$kit-$setting, or
# records the setting failing.
floor_build() {
    local kit=$1 setting=$2 dir=$3
    local rc=0
    env RUSTFLAGS="${flags[$setting]}" LD_LIBRARY_PATH="$LIB_DIR" \
        ${panic[$setting]:+CARGO_PROFILE_DEV_PANIC=${panic[$setting]}} \
        python3 "$REPO/bench/floor.py" "$dir" --build-times "$WORK/$kit-$setting" \
        > "$WORK/$kit-$setting.log" 2>&1 || rc=$?
    # 101: a target did not compile. The solved kits compile whole, so that is the setting's
    # doing.
    if ((rc == 101)); then
        touch "$WORK/$kit-$setting.failed"
        log "  $kit, $setting: some exercise does not compile under it (see $WORK/$kit-$setting.log)"
    elif ((rc != 0)); then
        log "  $kit, $setting: floor.py failed ($rc), see $WORK/$kit-$setting.log"
        exit 1
    else
        log "  $kit, $setting: $(tail -1 "$WORK/$kit-$setting") s"
    fi
}

for kit in $KITS; do
    dir=$BENCH_DIR/verify/$kit-solved-floor
    [[ -f $dir/info.toml ]] || { log "no kit at $dir: run bench/verify.sh first"; exit 1; }
    if [[ $kit == ours ]]; then
        # Each setting's crates built once, in a target folder kept beside the kit.
        for setting in ${order[$kit]}; do
            rm -rf "$dir/target/rustskill"
            log "building $kit's crates under $setting …"
            floor_build "$kit" "$setting" "$dir"
            rm -f "$WORK/$kit-$setting"
            mv "$dir/target/rustskill" "$WORK/$kit-$setting.target"
        done
    fi
    for ((round = 1; round <= N_ROUNDS; round++)); do
        log "round $round, $kit:"
        for setting in ${order[$kit]}; do
            [[ -e $WORK/$kit-$setting.failed ]] && continue
            rm -rf "$dir/target/rustskill"
            if [[ $kit == ours ]]; then
                mv "$WORK/$kit-$setting.target" "$dir/target/rustskill"
                # The exercises (and the predict programs' package is not the floor's):
                # rebuilt, the crates kept.
                find "$dir/exercises" -name '*.rs' -exec touch {} +
            fi
            floor_build "$kit" "$setting" "$dir"
            if [[ $kit == ours ]]; then
                mv "$dir/target/rustskill" "$WORK/$kit-$setting.target"
            fi
        done
    done
done

for kit in $KITS; do
    printf '\n%s (medians of %d rounds; the ratio is the median of per-round ratios):\n\n' \
        "$kit" "$N_ROUNDS"
    printf '| setting | floor build | vs the default |\n|---|---:|---:|\n'
    for setting in ${order[$kit]}; do
        if [[ -e $WORK/$kit-$setting.failed ]]; then
            printf '| %s | fails to compile | |\n' "$setting"
            continue
        fi
        m=$(median < "$WORK/$kit-$setting")
        ratio=$(paste "$WORK/$kit-$setting" "$WORK/$kit-default" | awk '{ print $1 / $2 }' | median)
        printf '| %s | %.2f s | %.2f× |\n' "$setting" "$m" "$ratio"
    done
done
