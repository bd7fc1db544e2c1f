#!/usr/bin/env bash
# Regenerates the shipped checkpoints: the weights of a lesson's long run, written by the lesson itself when it
# runs with FULL = true. datasets/checkpoints/03-vanilla-rnn-full.npz comes from lesson 03,
# 07-char-lstm-full.npz from lesson 07; `checkpoints.sh 07` reruns only lesson 07 (default: both).
# The notebook is copied into a folder inside the repository
# (so Datasets finds datasets/), its switch set to true, and executed through the course kernel (install it
# first: ./course kernel install). On one machine the run reproduces the file's numbers; another CPU may
# differ in the last bits of float32 arithmetic.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "$repo/notebooks/.full-run-XXXXXX")"
trap 'rm -rf "$work"' EXIT
declare -A lessons=([03]=03-vanilla-rnn [07]=07-text-generation)
declare -A checkpoints=([03]=03-vanilla-rnn-full [07]=07-char-lstm-full)
[ $# -gt 0 ] || set -- 03 07
for n in "$@"; do
lesson="${lessons[$n]:?unknown lesson $n: expected 03 or 07}"
/usr/bin/python3 - "$repo/notebooks/$lesson.ipynb" "$work/$n-full.ipynb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
switched = 0
for cell in nb["cells"]:
    source = "".join(cell["source"])
    if cell["cell_type"] == "code" and "boolean FULL = false;" in source:
        cell["source"] = source.replace("boolean FULL = false;", "boolean FULL = true;")
        switched += 1
if switched != 1:
    sys.exit("expected one 'boolean FULL = false;' in %s, found %d" % (sys.argv[1], switched))
json.dump(nb, open(sys.argv[2], "w", encoding="utf-8"))
PY
(cd "$work" && jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=seqlab \
    --ExecutePreprocessor.timeout=-1 --output "$n-full.ipynb" "$n-full.ipynb")
chmod 644 "$repo/datasets/checkpoints/${checkpoints[$n]}.npz"
done
