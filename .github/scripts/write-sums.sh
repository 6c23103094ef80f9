#!/usr/bin/env bash
# Write DIR/SHA256SUMS over every other file in DIR, as the release uploads them: the release
# workflow runs it after adding the binaries to the bundle's assets, and .ci/run on its copy.
#
#   .github/scripts/write-sums.sh DIR
set -euo pipefail
dir="${1:?usage: write-sums.sh DIR}"
cd "$dir"
rm -f SHA256SUMS
sums="$(sha256sum -- *)"
printf '%s\n' "$sums" > SHA256SUMS
