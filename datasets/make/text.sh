#!/usr/bin/env bash
# Regenerates datasets/text/: two public-domain corpora for character-level language models.
# Needs Debian's dict-devil (The Devil's Dictionary) and bible-kjv (King James Version).
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/text"
mkdir -p "$out"

# The Devil's Dictionary: the dictd file holds the Wiretap edition, preface first, then entries
# "WORD, n.  definition" from ABASEMENT to ZOOLOGY, then a trailing alphabet line dictfmt adds.
# Keep the entries only, strip trailing blanks, end with one newline.
zcat /usr/share/dictd/devil.dict.dz \
  | awk '/^ABASEMENT, n\./ {on=1} /^ abcdefghijklmnopqrstuvwxyz$/ {on=0} on' \
  | sed -e 's/[[:space:]]*$//' \
  | cat -s | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$out/devils-dictionary.txt"

# King James Version, New Testament: one verse per line, the reference ("Mat1:1 ") removed.
bible -f "mt1:1-rev22:21" \
  | sed -e 's/^[1-3]*[A-Za-z]*[0-9]*:[0-9]* //' -e 's/[[:space:]]*$//' \
  > "$out/kjv-new-testament.txt"

wc -c "$out"/*.txt
