#!/usr/bin/env bash
# Regenerates every file in datasets/ (see datasets/README.md for the Debian packages each needs).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/text.sh"
"$here/series.sh"
"$here/dna.sh"
"$here/names.sh"
"$here/words.sh"
(cd "$here/../.." && mvn -o -q -pl lib compile)
"$here/spoken-digits.sh"
