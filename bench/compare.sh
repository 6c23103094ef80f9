#!/usr/bin/env bash
# Time `sourcebook check` against the validators people use instead, and against a floor that
# only walks, parses and schema-validates, on the same synthetic trees; and `release` (every
# format) and `fmt --check` against `check` on those trees. Write BENCHMARKS.md.
#
#   bench/compare.sh                      # 1k, 10k and 100k synthetic records, and 10k and
#                                         # 100k copies of the shipped ones; 5 runs each
#   TREES="1000 copies10000" RUNS=3 bench/compare.sh
#
# Tools are installed under $BENCH_DIR/tools on first use (crates.io, npm, PyPI); the trees are
# generated under $BENCH_DIR/data with a fixed seed. Nothing outside $BENCH_DIR is touched but
# BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR="${BENCH_DIR:-target/bench}"
# A number is a tree of that many synthetic records; copiesN is N records copied from the
# shipped ones (their real, longer excerpts).
TREES="${TREES:-1000 10000 100000 copies10000 copies100000}"
RUNS="${RUNS:-5}"
JSONSCHEMA_CLI_VERSION="${JSONSCHEMA_CLI_VERSION:-0.60.2}"
AJV_CLI_VERSION="${AJV_CLI_VERSION:-5.0.0}"
AJV_FORMATS_VERSION="${AJV_FORMATS_VERSION:-3.0.1}"
CHECK_JSONSCHEMA_VERSION="${CHECK_JSONSCHEMA_VERSION:-0.39.0}"

tools="$BENCH_DIR/tools"
mkdir -p "$tools" "$BENCH_DIR/data"

echo "==> building sourcebook (with the release's Parquet and SQLite), the generator and the floor"
cargo build --locked --release --quiet --features analyst-formats --bin sourcebook --example synth --example floor

if [ ! -x "$tools/cargo/bin/jsonschema-cli" ]; then
  echo "==> installing jsonschema-cli $JSONSCHEMA_CLI_VERSION (crates.io)"
  cargo install --quiet --locked jsonschema-cli --version "$JSONSCHEMA_CLI_VERSION" --root "$tools/cargo"
fi
if [ ! -x "$tools/node/node_modules/.bin/ajv" ]; then
  echo "==> installing ajv-cli $AJV_CLI_VERSION and ajv-formats $AJV_FORMATS_VERSION (npm)"
  mkdir -p "$tools/node"
  npm install --silent --prefix "$tools/node" "ajv-cli@$AJV_CLI_VERSION" "ajv-formats@$AJV_FORMATS_VERSION" >/dev/null
fi
if [ ! -x "$tools/venv/bin/check-jsonschema" ]; then
  echo "==> installing check-jsonschema $CHECK_JSONSCHEMA_VERSION (PyPI)"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "check-jsonschema==$CHECK_JSONSCHEMA_VERSION"
fi

schema="$BENCH_DIR/record.bundled.schema.json"
for tree in $TREES; do
  if [ ! -d "$BENCH_DIR/data/$tree" ]; then
    echo "==> generating $tree"
    case "$tree" in
      copies*) target/release/examples/synth --copies --records "${tree#copies}" --out "$BENCH_DIR/data/$tree" 2>/dev/null ;;
      *) target/release/examples/synth --records "$tree" --seed 1 --out "$BENCH_DIR/data/$tree" --bundle-schema "$schema" 2>/dev/null ;;
    esac
  fi
done
if [ ! -f "$schema" ]; then
  target/release/examples/synth --records 0 --out "$BENCH_DIR/data/empty-$$" --bundle-schema "$schema" 2>/dev/null
  rm -rf "$BENCH_DIR/data/empty-$$"
fi

echo "==> measuring"
# Figures other scripts measure (bench/site.sh, bench/release.py, bench/findings.py,
# bench/release_floor.py) are marked blocks of BENCHMARKS.md (`<!-- NAME-bench:start -->` to
# `<!-- NAME-bench:end -->`) that this run keeps.
site_block="$(sed -n '/<!-- [a-z]*-bench:start -->/,/<!-- [a-z]*-bench:end -->/p' BENCHMARKS.md 2>/dev/null || true)"
python3 bench/measure.py --bench-dir "$BENCH_DIR" --runs "$RUNS" --schema "$schema" --trees $TREES > BENCHMARKS.md
[ -z "$site_block" ] || printf '\n%s\n' "$site_block" >> BENCHMARKS.md
echo "==> wrote BENCHMARKS.md"
