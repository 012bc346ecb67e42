#!/usr/bin/env bash
# Where one exercise's build goes, and whether a compiler setting lowers the floor: the floor's
# cargo part (bench/floor.py --build-times) on rustlings' solved kit, cold, once per setting per
# round, the settings in turn so load falls on all alike. Settings: the tool's own (none
# extra), the standard library linked dynamically (`-C prefer-dynamic`, its runtime path set for
# the runs), one codegen unit per crate, and 16 (dev's default is 256).
#
#   bench/floor-flags.sh          # N_ROUNDS=3
#
# Run bench/verify.sh first: it leaves the kit in $BENCH_DIR/verify/rustlings-solved-floor.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N_ROUNDS=${N_ROUNDS:-3}
KIT=$BENCH_DIR/verify/rustlings-solved-floor
[[ -f $KIT/info.toml ]] || { log "no kit at $KIT: run bench/verify.sh first"; exit 1; }
WORK=$BENCH_DIR/floor-flags
rm -rf "$WORK"
mkdir -p "$WORK"
sysroot_lib="$(rustc --print sysroot)/lib"

declare -A flags=(
    [default]=""
    [prefer-dynamic]="-C prefer-dynamic"
    [codegen-units-1]="-C codegen-units=1"
    [codegen-units-16]="-C codegen-units=16"
)
order=(default prefer-dynamic codegen-units-1 codegen-units-16)

for ((round = 1; round <= N_ROUNDS; round++)); do
    for setting in "${order[@]}"; do
        rm -rf "$KIT/target/rustskill"
        RUSTFLAGS=${flags[$setting]} LD_LIBRARY_PATH=$sysroot_lib \
            python3 "$REPO/bench/floor.py" "$KIT" --build-times "$WORK/$setting" > /dev/null 2>&1 || true
        log "round $round, $setting: $(tail -1 "$WORK/$setting") s"
    done
done

printf '\n| setting | floor build, cold (median of %d) | vs the default |\n|---|---:|---:|\n' "$N_ROUNDS"
base=$(median < "$WORK/default")
for setting in "${order[@]}"; do
    m=$(median < "$WORK/$setting")
    printf '| %s | %.2f s | %.2f× |\n' "$setting" "$m" "$(echo "$m / $base" | bc -l)"
done
