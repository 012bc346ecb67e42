#!/usr/bin/env bash
# Benchmarks the kit's dependencies (track 7: tokio, serde, thiserror, anyhow, rayon,
# crossbeam): what `init`'s up-front build costs and saves, that later builds never rebuild
# them, and that `grade` builds them once for many learners.
#
#   bench/deps.sh                  # N_LEARNERS=3
#
#   init                 `init` with its fetch and build (an empty target dir; the crates are in
#                        cargo's cache, as after any earlier fetch)
#   first run            the first exercise, right after that init (what the learner waits for)
#   first run, no build  the same after `init --no-build` (what it was before)
#   rebuilt              tokio's library files in the target dir after init, a run, a verify
#   grade, cold          `grade` of 1 learner, then of N_LEARNERS, each with an empty staging
#                        folder; and of N_LEARNERS again, warm (the staging kept)
#   dependencies built   distinct builds of tokio in the staging target dir after it all
#   target dir           its size after init, and after verify of the whole kit
#
# Environment: as for bench/verify.sh (BENCH_DIR, RUSTSKILL_BIN, CARGO_TARGET_DIR).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N_LEARNERS=${N_LEARNERS:-3}
RS=$(rustskill_bin)
WORK=$BENCH_DIR/deps
rm -rf "$WORK"
mkdir -p "$WORK/logs"

# timed NAME DIR CMD…: runs CMD in DIR, prints and returns its wall time in seconds.
timed() {
    local name=$1 dir=$2
    shift 2
    local start end
    start=$(now)
    (cd "$dir" && "$@" < /dev/null > "$WORK/logs/$name.log" 2>&1) || true
    end=$(now)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
}

tokio_builds() { find "$1" -name 'libtokio-*.rlib' 2> /dev/null | wc -l; }
mb() { du -sm "$1" | cut -f1; }

# Make sure the crates are in cargo's cache, so no figure below includes downloading.
"$RS" init "$WORK/warmup" --no-build > /dev/null
cargo fetch --locked --manifest-path "$WORK/warmup/Cargo.toml" > /dev/null 2>&1

init_s=$(timed init "$WORK" "$RS" init kit)
first_s=$(timed first-run "$WORK/kit" "$RS" run)
init_size=$(mb "$WORK/kit/target/rustskill")
nobuild_init_s=$(timed init-no-build "$WORK" "$RS" init nobuild --no-build)
nobuild_first_s=$(timed first-run-no-build "$WORK/nobuild" "$RS" run)
verify_s=$(timed verify "$WORK/kit" "$RS" verify)
warm_s=$(timed verify-warm "$WORK/kit" "$RS" verify)
verify_size=$(mb "$WORK/kit/target/rustskill")
rebuilt=$(tokio_builds "$WORK/kit/target/rustskill")

# grade: an instructor's kit (the built-in one, no up-front build) and learners who solved a
# few exercises each.
"$RS" init "$WORK/instructor" --no-build > /dev/null
for i in $(seq 1 "$N_LEARNERS"); do
    cp -r "$WORK/instructor" "$WORK/learner$i"
    for f in 00_warmup/bindings_cart_total.rs 07_crates/rayon_word_count.rs; do
        cp "$REPO/solutions/$f" "$WORK/learner$i/exercises/$f"
    done
done
learners=()
for i in $(seq 1 "$N_LEARNERS"); do learners+=("$WORK/learner$i"); done
staging=$WORK/instructor/target/rustskill-grade
rm -rf "$staging"
grade1_s=$(timed grade-1 "$WORK/instructor" "$RS" grade "${learners[0]}")
rm -rf "$staging"
gradeN_s=$(timed grade-n "$WORK/instructor" "$RS" grade "${learners[@]}")
gradeN_warm_s=$(timed grade-n-warm "$WORK/instructor" "$RS" grade "${learners[@]}")
grade_builds=$(tokio_builds "$staging")

cat <<EOF

| | seconds |
|---|---:|
| \`init\`, with the crates fetched and built | $init_s |
| first exercise right after it | $first_s |
| \`init --no-build\` | $nobuild_init_s |
| first exercise right after that (builds the crates) | $nobuild_first_s |
| \`verify\` of the whole kit after \`init\` (crates built) | $verify_s |
| \`verify\` again, warm | $warm_s |
| \`grade\`, 1 learner, empty staging | $grade1_s |
| \`grade\`, $N_LEARNERS learners, empty staging | $gradeN_s |
| \`grade\`, $N_LEARNERS learners, staging kept | $gradeN_warm_s |

builds of tokio: $rebuilt in the kit after init, a run and two verifies; $grade_builds in grade's staging after three grade runs
target dir: $init_size MB after init, $verify_size MB after verify of the whole kit
EOF
