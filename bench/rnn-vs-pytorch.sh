#!/usr/bin/env bash
# Trains the same configurations with Seqlab and with PyTorch on CPU, in one run, and prints a Markdown table of
# milliseconds per training step and the ratio Seqlab / PyTorch (below 1 = Seqlab faster).
#
# A training step: forward over one-hot inputs (vocabulary 65, batch 32, 64 steps), Linear(H, 65), softmax
# cross-entropy over all steps, backward, clipping to global norm 1, Adam. Both sides in float32 on the CPU;
# Seqlab with one OpenMP/OpenBLAS thread (as the course kernel runs it), PyTorch at its best of 1 and 2 threads.
# Each configuration runs in a fresh process, Seqlab and PyTorch alternating, so both see the same machine load.
#
#   bench/rnn-vs-pytorch.sh                       # rnn,lstm,gru x H = 64,128,256, 30 timed steps each
#   KINDS=lstm HIDDEN=128 STEPS=50 bench/rnn-vs-pytorch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
KINDS=${KINDS:-rnn,lstm,gru}
HIDDEN=${HIDDEN:-64,128,256}
STEPS=${STEPS:-30}
THREADS=${THREADS:-1,2}
PYTHON=${PYTHON:-/usr/bin/python3}

"$PYTHON" -c 'import torch' 2>/dev/null || { echo "needs $PYTHON with torch (apt-get install python3-torch)" >&2; exit 1; }
mvn -o -B -q -pl bench -am package -DskipTests > bench-build.log 2>&1 || { cat bench-build.log >&2; exit 1; }
rm -f bench-build.log
CP="bench/target/seqlab-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)"

echo "| cell | H | Seqlab ms/step: fastest / median / CPU | PyTorch ms/step: fastest / median / CPU | PyTorch threads | ratio fastest | ratio median | ratio CPU |"
echo "|---|---|---|---|---|---|---|---|"
for kind in ${KINDS//,/ }; do
  for h in ${HIDDEN//,/ }; do
    read -r _ _ _ smin smed scpu < <(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -Xmx2g \
        -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" org.seqlab.bench.RnnVsPyTorch "$kind" "$h" "$STEPS" | tail -1)
    read -r _ _ _ pmin pmed pcpu pthreads < <("$PYTHON" bench/rnn_vs_pytorch.py "$kind" "$h" "$STEPS" "$THREADS" | tail -1)
    awk -v k="$kind" -v h="$h" -v smin="$smin" -v smed="$smed" -v scpu="$scpu" -v pmin="$pmin" -v pmed="$pmed" \
        -v pcpu="$pcpu" -v pt="$pthreads" 'BEGIN { printf "| %s | %s | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %s | %.2f | %.2f | %.2f |\n",
        k, h, smin, smed, scpu, pmin, pmed, pcpu, pt, smin / pmin, smed / pmed, scpu / pcpu }'
  done
done
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
