#!/usr/bin/env bash
# Regenerates datasets/checkpoints/03-vanilla-rnn-full.npz: the weights of lesson 03's long run, written by
# the lesson itself when it runs with FULL = true. The notebook is copied into a folder inside the repository
# (so Datasets finds datasets/), its switch set to true, and executed through the course kernel (install it
# first: ./course kernel install). On one machine the run reproduces the file's numbers; another CPU may
# differ in the last bits of float32 arithmetic.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "$repo/notebooks/.full-run-XXXXXX")"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$repo/notebooks/03-vanilla-rnn.ipynb" "$work/03-full.ipynb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
switched = 0
for cell in nb["cells"]:
    source = "".join(cell["source"])
    if cell["cell_type"] == "code" and "boolean FULL = false;" in source:
        cell["source"] = source.replace("boolean FULL = false;", "boolean FULL = true;")
        switched += 1
if switched != 1:
    sys.exit("expected one 'boolean FULL = false;' in lesson 03, found %d" % switched)
json.dump(nb, open(sys.argv[2], "w", encoding="utf-8"))
PY
(cd "$work" && jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=seqlab \
    --ExecutePreprocessor.timeout=-1 --output 03-full.ipynb 03-full.ipynb)
chmod 644 "$repo/datasets/checkpoints/03-vanilla-rnn-full.npz"
