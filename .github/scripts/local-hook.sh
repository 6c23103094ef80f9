#!/usr/bin/env bash
# This repository's own pre-commit hooks (.pre-commit-config.yaml): run `sourcebook` built
# from this checkout. pre-commit shows a hook's output only when it ends, so a build (minutes
# the first time) reports its progress straight to the terminal, when there is one, instead of
# looking stuck.
#
#   .github/scripts/local-hook.sh SUBCOMMAND [ARGS...]
set -euo pipefail
top="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${CARGO_TARGET_DIR:-$top/target}/release/sourcebook"

# Up to date when no source is newer than the binary; cargo decides the rest.
stale="$(cd "$top" && find src schema site Cargo.toml Cargo.lock askama.toml -newer "$bin" -print -quit 2>/dev/null || echo missing)"
if [ ! -x "$bin" ] || [ -n "$stale" ]; then
  tty=/dev/null
  if { : >/dev/tty; } 2>/dev/null; then tty=/dev/tty; fi
  echo "sourcebook: building the tool from this checkout (the first time takes a few minutes)" >"$tty"
  cargo build --locked --release --manifest-path "$top/Cargo.toml" >"$tty" 2>&1 \
    || cargo build --locked --release --manifest-path "$top/Cargo.toml"
fi
exec "$bin" "$@"
