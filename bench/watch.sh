#!/usr/bin/env bash
# Benchmarks watch mode: save-to-verdict latency (ours, the plain-cargo floor, rustlings v6),
# dropped saves, idle CPU and memory. The measuring is done by bench/watch.py; this finds or
# builds the binaries and hands them over. Any arguments go on to watch.py, e.g.
#
#   bench/watch.sh                                  # everything, ~8 minutes
#   bench/watch.sh --saves 20 --drops 100 --rl-drops 20
#   bench/watch.sh --scenarios solved --drops 0     # a quick look
#   NO_RUSTLINGS=1 bench/watch.sh                   # ours only
#
# Needs tmux and python3. Environment: as for bench/verify.sh (BENCH_DIR, RUSTSKILL_BIN,
# RUSTLINGS_BIN, RUSTLINGS_VERSION, CARGO_TARGET_DIR).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

command -v tmux > /dev/null || { log "error: tmux is needed (apt-get install tmux)"; exit 2; }
RS=$(rustskill_bin)
rl_args=()
if [[ -z ${NO_RUSTLINGS:-} ]]; then
    RL=$(rustlings_bin)
    rl_args=(--rustlings "$RL" --rustlings-src "$(rustlings_src)")
fi
exec python3 "$REPO/bench/watch.py" --rustskill "$RS" "${rl_args[@]}" --repo "$REPO" \
    --work "$BENCH_DIR/watch" "$@"
