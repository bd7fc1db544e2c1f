"""Writes N synthetic submissions of lesson 03's exercises for the grader's benchmark: a third the instructor's
solution, a third with BPTT unanswered, a third with rnnStep missing its tanh (a known mistake).

Usage: /usr/bin/python3 bench/grader/make_class.py OUT_DIR [N]
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE = ROOT / "exercises/source/03-vanilla-rnn.ipynb"
RELEASED = ROOT / "notebooks/exercises/03-vanilla-rnn.ipynb"


def solutions():
    cells = json.loads(SOURCE.read_text())["cells"]
    return {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"])
            for c in cells if c["metadata"].get("nbgrader", {}).get("solution")}


def submission(answers):
    nb = json.loads(RELEASED.read_text())
    for c in nb["cells"]:
        gid = c["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in answers:
            c["source"] = answers[gid]
    return nb


def main(out, n):
    out.mkdir(parents=True, exist_ok=True)
    sol = solutions()
    kinds = {
        "correct": sol,
        "partly": {k: v for k, v in sol.items() if k != "bptt"},
        "no-tanh": dict(sol, rnn_step=sol["rnn_step"].replace("return Transforms.tanh(a, false);", "return a;")),
    }
    names = list(kinds)
    for i in range(n):
        kind = names[i % len(names)]
        (out / f"student{i + 1:02d}-{kind}.ipynb").write_text(json.dumps(submission(kinds[kind])))


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 30)
