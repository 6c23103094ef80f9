#!/usr/bin/env bash
# Regenerate docs/peru.png, the README's picture of the site: the Peru page as headless
# Chromium draws it. Needs Chromium (Debian `chromium`) and Node.js; puppeteer-core is installed
# in a scratch directory.
#
#   docs/screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cargo run --locked --release --features site --quiet -- site --out "$scratch/site" >/dev/null
npm install --silent --no-audit --no-fund --prefix "$scratch/node" puppeteer-core@24.43.1 >/dev/null
NODE_PATH="$scratch/node/node_modules" node tests/browser/screenshot.js "$scratch/site" pe/csec.html docs/peru.png 1100x2350
