#!/usr/bin/env bash
# The grader's benchmark: N (default 30) synthetic submissions of lesson 03's exercises graded with --jobs 1 and
# --jobs 2, the expected values learned once beforehand (cached), load noted beside each run.
# Prints the grader's own summary lines: seconds per submission and where the time went.
# Usage: bench/grader/bench_grader.sh [N]   (after mvn -B -DskipTests package and a kernel install)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
N=${1:-30}
WORK="$ROOT/target/bench-grader"
rm -rf "$WORK"
/usr/bin/python3 "$ROOT/bench/grader/make_class.py" "$WORK/submissions" "$N"
grade() {
  java -cp "$ROOT/grader/target/dist/lib/*" org.seqlab.grader.Main grade "$WORK/submissions" --assignment 03-vanilla-rnn \
    --source "$ROOT/exercises/source" --reference "$WORK/reference.json" "$@"
}
echo "## learning the reference ($(uptime | sed 's/.*load/load/'))"
java -cp "$ROOT/grader/target/dist/lib/*" org.seqlab.grader.Main autograde --prepare \
  --source "$ROOT/exercises/source/03-vanilla-rnn.ipynb" --reference "$WORK/reference.json"
for jobs in 1 2; do
  echo "## --jobs $jobs, start: $(date -u +%H:%M:%S) UTC, $(uptime | sed 's/.*load/load/')"
  grade --out "$WORK/jobs-$jobs" --jobs "$jobs" | grep -E 'submissions in|reference'
  echo "## --jobs $jobs, end: $(date -u +%H:%M:%S) UTC, $(uptime | sed 's/.*load/load/')"
done
