#!/usr/bin/env bash
# What the course kernel's stop polls cost a training loop written in a cell (org.seqlab.bench.StopPollCost):
# the loop as compiled and as the kernel rewrites it, side by side, one OpenMP/OpenBLAS thread.
#   bench/poll-cost.sh [rounds=30] [warmupSeconds=20]
# JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/poll-cost.sh   runs it on another JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -B -q -pl bench -am package -DskipTests > bench-build.log 2>&1 || { cat bench-build.log >&2; exit 1; }
rm -f bench-build.log
CP="bench/target/seqlab-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 exec "${JAVA:-java}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$CP" org.seqlab.bench.StopPollCost "$@"
