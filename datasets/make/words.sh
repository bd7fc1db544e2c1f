#!/usr/bin/env bash
# Regenerates datasets/words/word-languages.csv: a labelled sequence-classification set, "which
# language is this word?", 2,000 words from each of six Debian word lists (wamerican, wngerman,
# wfrench, witalian, wspanish, wdutch). Words are lower-cased (German nouns would otherwise give
# themselves away), kept if made of letters only and 3 to 12 characters long, de-duplicated within
# a language, dropped if they occur in more than one list, and sampled with a fixed seed.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/words"
mkdir -p "$out"
/usr/bin/python3 - "$out/word-languages.csv" <<'PY'
import random, sys
lists = {"english": "american-english", "german": "ngerman", "french": "french",
         "italian": "italian", "spanish": "spanish", "dutch": "dutch"}
words = {}
for lang, f in lists.items():
    with open("/usr/share/dict/" + f, encoding="utf-8") as h:
        ws = {w.strip().lower() for w in h}
    words[lang] = {w for w in ws if w.isalpha() and 3 <= len(w) <= 12}
seen = {}
for lang, ws in words.items():
    for w in ws:
        seen[w] = seen.get(w, 0) + 1
rng = random.Random(1997)
rows = []
for lang, ws in words.items():
    pool = sorted(w for w in ws if seen[w] == 1)
    rows += [(w, lang) for w in rng.sample(pool, 2000)]
rng.shuffle(rows)
with open(sys.argv[1], "w", encoding="utf-8") as h:
    h.write("word,language\n")
    for w, lang in rows:
        h.write(f"{w},{lang}\n")
PY
wc -l "$out/word-languages.csv"
