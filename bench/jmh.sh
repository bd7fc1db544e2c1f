#!/usr/bin/env bash
# Runs the JMH benchmarks of the bench module (one OpenMP/OpenBLAS thread, as the course runs ND4J).
#   bench/jmh.sh                      # all benchmarks
#   bench/jmh.sh CellStepBench -p kind=lstm
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -B -q -pl bench -am package -DskipTests > bench-build.log 2>&1 || { cat bench-build.log >&2; exit 1; }
rm -f bench-build.log
CP="bench/target/seqlab-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 exec java -cp "$CP" org.openjdk.jmh.Main "$@"
