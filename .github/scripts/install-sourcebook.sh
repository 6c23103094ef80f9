#!/usr/bin/env bash
# Download a released `sourcebook` for this machine, verify it against the release's
# SHA256SUMS, and unpack it into DEST. Used by the action (action.yml) and by pre-commit's
# downloading hook; .ci/run runs it against a locally built release from a file:// address.
#
#   .github/scripts/install-sourcebook.sh VERSION DEST
#
# VERSION is a release tag (`v0.1.0` or `0.1.0`) or `latest`. Environment:
#   SOURCEBOOK_REPOSITORY     owner/name of the repository whose releases to use
#   SOURCEBOOK_DOWNLOAD_BASE  the directory the assets are in, instead of the GitHub release
#                             (any address curl reads, file:// included)
#   SOURCEBOOK_TARGET         the Rust target triple to fetch, instead of this machine's
# Prints the path of the installed binary. Exits non-zero, having installed nothing, when the
# checksum does not match or the platform has no prebuilt binary.
set -euo pipefail

version="${1:?usage: install-sourcebook.sh VERSION DEST}"
dest="${2:?usage: install-sourcebook.sh VERSION DEST}"

fail() { echo "install-sourcebook: $*" >&2; exit 1; }

target="${SOURCEBOOK_TARGET:-}"
if [ -z "$target" ]; then
  os="${RUNNER_OS:-$(uname -s)}"
  arch="${RUNNER_ARCH:-$(uname -m)}"
  case "$os/$arch" in
    Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
    Linux/ARM64 | Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
    macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
    Windows/X64 | MINGW*/x86_64 | MSYS*/x86_64) target=x86_64-pc-windows-msvc ;;
    *) fail "no prebuilt binary for $os/$arch: build from source (the action's build-from-source: true, or cargo install --locked --git with the repository's address)" ;;
  esac
fi

case "$target" in
  *windows*) archive="sourcebook-cli-$target.zip" exe=sourcebook.exe ;;
  *) archive="sourcebook-cli-$target.tar.gz" exe=sourcebook ;;
esac

if [ -n "${SOURCEBOOK_DOWNLOAD_BASE:-}" ]; then
  base="${SOURCEBOOK_DOWNLOAD_BASE%/}"
else
  repo="${SOURCEBOOK_REPOSITORY:?set SOURCEBOOK_REPOSITORY to the owner/name whose releases to use}"
  case "$version" in
    latest) base="https://github.com/$repo/releases/latest/download" ;;
    v*) base="https://github.com/$repo/releases/download/$version" ;;
    *) base="https://github.com/$repo/releases/download/v$version" ;;
  esac
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fetch() { curl --fail --silent --show-error --location --retry 3 --output "$work/$1" "$base/$1" \
  || fail "could not download $base/$1"; }
fetch SHA256SUMS
fetch "$archive"

expected="$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$work/SHA256SUMS")"
[ -n "$expected" ] || fail "SHA256SUMS lists no $archive"
if command -v sha256sum >/dev/null; then
  actual="$(sha256sum "$work/$archive" | awk '{ print $1 }')"
else
  actual="$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')"
fi
[ "$actual" = "$expected" ] || fail "checksum mismatch for $archive: expected $expected, got $actual"

mkdir -p "$work/unpacked"
case "$archive" in
  *.zip)
    if command -v 7z >/dev/null; then
      7z x -bd -y "-o$work/unpacked" "$work/$archive" >/dev/null
    elif command -v unzip >/dev/null; then
      unzip -q "$work/$archive" -d "$work/unpacked"
    else
      # Relative paths: PowerShell does not read the POSIX paths of Git's bash.
      (cd "$work" && powershell -NoProfile -Command "Expand-Archive -Path '$archive' -DestinationPath 'unpacked'")
    fi
    ;;
  *) tar -xzf "$work/$archive" -C "$work/unpacked" ;;
esac
bin="$work/unpacked/sourcebook-cli-$target/$exe"
[ -f "$bin" ] || fail "$archive holds no sourcebook-cli-$target/$exe"
mkdir -p "$dest"
# Into place only once verified and unpacked: a failure above leaves DEST as it was.
cp "$bin" "$dest/$exe.tmp.$$"
chmod +x "$dest/$exe.tmp.$$"
mv -f "$dest/$exe.tmp.$$" "$dest/$exe"
echo "$dest/$exe"
