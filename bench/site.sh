#!/usr/bin/env bash
# Time `sourcebook site` on the synthetic trees (1k, 10k and 100k records), beside `check` on
# the same trees, with peak memory; write the figures into BENCHMARKS.md (its site-bench block,
# which bench/compare.sh keeps).
#
#   bench/site.sh                      # 1k, 10k and 100k records, 3 runs each
#   SIZES="1000 10000" RUNS=1 bench/site.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR="${BENCH_DIR:-target/bench}"
SIZES="${SIZES:-1000 10000 100000}"
RUNS="${RUNS:-3}"
[ -x /usr/bin/time ] || { echo "bench/site.sh needs GNU time (/usr/bin/time) for peak memory" >&2; exit 2; }

echo "==> building sourcebook with the site feature, and the generator"
cargo build --locked --release --quiet --features site --bin sourcebook --example synth
mkdir -p "$BENCH_DIR/data"
for n in $SIZES; do
  if [ ! -d "$BENCH_DIR/data/$n" ]; then
    echo "==> generating $n records"
    target/release/examples/synth --records "$n" --seed 1 --out "$BENCH_DIR/data/$n" 2>/dev/null
  fi
done
echo "==> measuring"
python3 bench/site.py --bench-dir "$BENCH_DIR" --runs "$RUNS" --sizes $SIZES
