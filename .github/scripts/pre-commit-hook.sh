#!/usr/bin/env bash
# pre-commit's entry for the hooks other repositories use (.pre-commit-hooks.yaml): run the
# `sourcebook` of the hook's version (Cargo.toml at its `rev`), fetched once into a cache.
#
#   .github/scripts/pre-commit-hook.sh SUBCOMMAND [ARGS...]
#
# The first run downloads the released binary for this machine and verifies it against the
# release's SHA256SUMS (install-sourcebook.sh); where there is none (no release for this
# revision, no binary for the platform, no network), it builds this revision once with
# `cargo install --locked`. Later runs start at once. The release's tag is `v` and the version
# in Cargo.toml (the release workflow refuses a tag that differs).
set -euo pipefail

here="$(cd "$(dirname "$0")/../.." && pwd)"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$here/Cargo.toml" | head -1)"
revision="$(git -C "$here" rev-parse --short=12 HEAD 2>/dev/null || echo unversioned)"
cache="${SOURCEBOOK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sourcebook}/$version-$revision"
exe=sourcebook
case "$(uname -s)" in MINGW* | MSYS* | CYGWIN*) exe=sourcebook.exe ;; esac

if [ ! -x "$cache/$exe" ]; then
  # The repository the hook was cloned from, when it is on GitHub.
  origin="$(git -C "$here" remote get-url origin 2>/dev/null || true)"
  repo="$(printf '%s\n' "$origin" | sed -n 's#^.*github\.com[:/]\([^/]*/[^/]*\)$#\1#p' | sed 's/\.git$//')"
  if { [ -n "$repo" ] || [ -n "${SOURCEBOOK_DOWNLOAD_BASE:-}" ]; } \
    && SOURCEBOOK_REPOSITORY="$repo" "$here/.github/scripts/install-sourcebook.sh" "v$version" "$cache" >/dev/null; then
    echo "sourcebook: using the released v$version binary (checksum verified)" >&2
  else
    echo "sourcebook: no released binary to use; building v$version from source once (a few minutes)..." >&2
    cargo install --locked --quiet --bins --path "$here" --root "$cache/build"
    # Into place whole: pre-commit may run several batches of files at once.
    cp "$cache/build/bin/$exe" "$cache/$exe.tmp.$$"
    mv -f "$cache/$exe.tmp.$$" "$cache/$exe"
  fi
fi
exec "$cache/$exe" "$@"
