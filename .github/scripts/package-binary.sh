#!/usr/bin/env bash
# Build `sourcebook` for one target and pack it the way the release publishes it:
#   sourcebook-cli-<target>.tar.gz   (Linux, macOS: the binary, README and licences)
#   sourcebook-cli-<target>.zip      (Windows)
# The release workflow runs this once per target on GitHub's runners; .ci/run runs it for the
# host, so the archive the install script verifies is made by this same script.
#
#   .github/scripts/package-binary.sh TARGET OUTDIR
#
# TARGET is a Rust target triple, or `host` for this machine's own target built without
# --target (the build cargo already made for the tests is reused). The archive is
# reproducible: sorted entries, fixed owner and times (SOURCE_DATE_EPOCH, else the commit's).
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${1:?usage: package-binary.sh TARGET OUTDIR}"
out="${2:?usage: package-binary.sh TARGET OUTDIR}"

if [ "$target" = host ]; then
  target="$(rustc -vV | sed -n 's/^host: //p')"
  cargo build --locked --release
  built="target/release"
else
  cargo build --locked --release --target "$target"
  built="target/$target/release"
fi

exe=sourcebook
case "$target" in *windows*) exe=sourcebook.exe ;; esac
[ -f "$built/$exe" ] || { echo "no binary at $built/$exe" >&2; exit 1; }

name="sourcebook-cli-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" "$out"
cp "$built/$exe" README.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"
# Debug symbols are most of the binary's size and no use to the people who download it.
case "$target" in
  *windows*) ;;
  *) if command -v strip >/dev/null; then strip "$stage/$name/$exe"; fi ;;
esac
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"

case "$target" in
  *windows*)
    archive="$name.zip"
    # 7-Zip is on GitHub's Windows runners; Windows PowerShell's Compress-Archive writes `\`
    # separators that unzip refuses. Not byte-reproducible either way.
    if command -v 7z >/dev/null; then
      (cd "$stage" && 7z a -tzip -bd "$archive" "$name" >/dev/null)
    else
      (cd "$stage" && pwsh -NoProfile -Command "Compress-Archive -Path '$name' -DestinationPath '$archive'")
    fi
    ;;
  *)
    archive="$name.tar.gz"
    # GNU tar on Linux, bsdtar on macOS: the same sorted, owner-free archive from each.
    if tar --version 2>/dev/null | grep -q 'GNU tar'; then
      (cd "$stage" && tar --sort=name --owner=0 --group=0 --numeric-owner \
        --mtime="@$epoch" -cf - "$name" | gzip -n > "$archive")
    else
      (cd "$stage" && find "$name" -exec env TZ=UTC touch -h -t "$(date -u -r "$epoch" +%Y%m%d%H%M.%S)" {} + \
        && find "$name" | LC_ALL=C sort | tar --uid 0 --gid 0 -n -cf - -T - | gzip -n > "$archive")
    fi
    ;;
esac
mv "$stage/$archive" "$out/$archive"
echo "$out/$archive"
