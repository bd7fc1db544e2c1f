#!/usr/bin/env bash
# Runs the same configurations with Seqlab and with PyTorch on CPU, in one run, and prints Markdown tables of the
# time per step and the ratio Seqlab / PyTorch (below 1 = Seqlab faster).
#
# Training step: forward over one-hot inputs (vocabulary 65, batch 32, 64 steps), Linear(H, 65), softmax
# cross-entropy over all steps, backward, clipping to global norm 1, Adam. Both sides in float32 on the CPU;
# Seqlab with one OpenMP thread and the serial collector (as the course kernel runs it) and its matrix products on
# the threads the library picks per layer (BlasThreads: one for small layers, every core for large ones;
# BLAS_MAX=1 keeps them on one), PyTorch at its best of 1 and 2 threads.
# Streaming step (batch-1 inference): StreamingPredictor.step of a CharLanguageModel against nn.RNN/LSTM/GRU +
# nn.Linear called one step at a time under torch.no_grad(); one token in, 65 logits out, the state kept.
# Each configuration runs in a fresh process, Seqlab and PyTorch alternating, so both see the same machine load.
#
#   bench/rnn-vs-pytorch.sh                       # rnn,lstm,gru x H = 64,128,256,512, and the streaming rows
#   KINDS=lstm HIDDEN=128 STREAM= STEPS=50 bench/rnn-vs-pytorch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
KINDS=${KINDS:-rnn,lstm,gru}
HIDDEN=${HIDDEN:-64,128,256,512}
STEPS=${STEPS:-30}
STREAM=${STREAM-rnn:128,lstm:128,gru:128,lstm:512}
STREAM_STEPS=${STREAM_STEPS:-3000}
THREADS=${THREADS:-1,2}
PYTHON=${PYTHON:-/usr/bin/python3}

"$PYTHON" -c 'import torch' 2>/dev/null || { echo "needs $PYTHON with torch (apt-get install python3-torch)" >&2; exit 1; }
mvn -o -B -q -pl bench -am package -DskipTests > bench-build.log 2>&1 || { cat bench-build.log >&2; exit 1; }
rm -f bench-build.log
CP="bench/target/seqlab-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)"
seqlab() {
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -Xmx2g -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      ${BLAS_MAX:+-DblasMax=$BLAS_MAX} -cp "$CP" org.seqlab.bench.RnnVsPyTorch "$@" | tail -1
}
row() {  # kind h seqlab: min med cpu; pytorch: min med cpu threads
  awk -v k="$1" -v h="$2" -v smin="$3" -v smed="$4" -v scpu="$5" -v pmin="$6" -v pmed="$7" -v pcpu="$8" -v pt="$9" \
      -v fmt="$FMT" 'BEGIN { printf "| %s | %s | " fmt " / " fmt " / " fmt " | " fmt " / " fmt " / " fmt " | %s | %.2f | %.2f | %.2f |\n",
      k, h, smin, smed, scpu, pmin, pmed, pcpu, pt, smin / pmin, smed / pmed, scpu / pcpu }'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| cell | H | Seqlab ms/step: fastest / median / CPU | PyTorch ms/step: fastest / median / CPU | PyTorch threads | ratio fastest | ratio median | ratio CPU | Seqlab GFLOP/s (fastest) |"
echo "|---|---|---|---|---|---|---|---|---|"
FMT=%.1f
for kind in ${KINDS//,/ }; do
  for h in ${HIDDEN//,/ }; do
    read -r _ _ _ smin smed scpu sgflop < <(seqlab "$kind" "$h" "$STEPS")
    read -r _ _ _ pmin pmed pcpu pthreads < <("$PYTHON" bench/rnn_vs_pytorch.py "$kind" "$h" "$STEPS" "$THREADS" | tail -1)
    printf '%s' "$(row "$kind" "$h" "$smin" "$smed" "$scpu" "$pmin" "$pmed" "$pcpu" "$pthreads")"
    awk -v g="$sgflop" -v ms="$smin" 'BEGIN { printf " %.1f |\n", g / ms * 1000 }'
    if [ "$kind/$h" = lstm/256 ]; then lstm256=$(awk -v g="$sgflop" -v ms="$smin" 'BEGIN { printf "%.1f", g / ms * 1000 }'); fi
  done
done
if [ -n "$HIDDEN" ]; then
  read -r _ peak1 peak2 < <(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      -cp "$CP" org.seqlab.bench.RnnVsPyTorch peak | tail -1)
  echo
  echo "sgemm peak (float32 [1024, 1024] products through cblas_sgemm, best of 50): $peak1 GFLOP/s on 1 thread, $peak2 GFLOP/s on 2"
  if [ -n "${lstm256:-}" ]; then
    awk -v g="$lstm256" -v p="$peak2" \
        'BEGIN { printf "\nLSTM H = 256 training step: %.1f GFLOP/s on its matrix products, %.0f %% of the 2-thread peak\n", g, 100 * g / p }'
  fi
fi
if [ -n "$STREAM" ]; then
  echo
  echo "| streaming step (batch 1) | H | Seqlab µs/step: fastest / median / CPU | PyTorch µs/step: fastest / median / CPU | PyTorch threads | ratio fastest | ratio median | ratio CPU |"
  echo "|---|---|---|---|---|---|---|---|"
  FMT=%.0f
  for config in ${STREAM//,/ }; do
    kind=${config%:*}; h=${config#*:}
    read -r _ _ _ smin smed scpu < <(seqlab stream "$kind" "$h" "$STREAM_STEPS")
    read -r _ _ _ pmin pmed pcpu pthreads < <("$PYTHON" bench/rnn_vs_pytorch.py stream "$kind" "$h" "$STREAM_STEPS" "$THREADS" | tail -1)
    row "$kind" "$h" "$smin" "$smed" "$scpu" "$pmin" "$pmed" "$pcpu" "$pthreads"
  done
fi
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(date -u '+%Y-%m-%d %H:%M UTC')"
