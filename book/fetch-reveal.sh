#!/usr/bin/env bash
# Brings reveal.js, pinned, from the npm registry (with npm itself) into a local cache and prints the folder,
# so `./course slides` works in a lecture hall without internet once this has run.
#   book/fetch-reveal.sh [CACHE_DIR]     (default: $SEQLAB_CACHE, else ~/.cache/seqlab)
# The tarball's SHA-512 must match the one pinned here; the folder holds reveal.js's dist/, plugin/ and LICENSE.
set -euo pipefail

VERSION=4.6.1
INTEGRITY=sha512-1CW0auaXNPmwmvQ7TwpszwVxMi2Xr5cTS3J3EBC/HHgbPF32Dn7aiu/LKWDOGjMbaDwKQiGmfqcoGQ74HUHCMw==

cache=${1:-${SEQLAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seqlab}}
dir="$cache/reveal.js-$VERSION"
if [ -f "$dir/.complete" ]; then
  echo "$dir"
  exit 0
fi
command -v npm >/dev/null || { echo "[reveal] error: npm is needed once to fetch reveal.js $VERSION (Node.js's npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "reveal.js@$VERSION" >/dev/null </dev/null)
tarball="$work/reveal.js-$VERSION.tgz"
[ -f "$tarball" ] || { echo "[reveal] error: npm pack did not write $tarball" >&2; exit 1; }
actual=$(/usr/bin/python3 -c 'import base64, hashlib, sys
print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tarball")
if [ "$actual" != "$INTEGRITY" ]; then
  echo "[reveal] error: reveal.js-$VERSION.tgz has $actual, expected the pinned $INTEGRITY" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" package/dist package/plugin package/LICENSE
mkdir -p "$cache"
rm -rf "$dir"
mv "$work/package" "$dir"
touch "$dir/.complete"
echo "[reveal] reveal.js $VERSION in $dir" >&2
echo "$dir"
