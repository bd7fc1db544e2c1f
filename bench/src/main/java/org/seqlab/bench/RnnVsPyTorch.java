package org.seqlab.bench;

import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.models.CellType;
import org.seqlab.models.CharLanguageModel;
import org.seqlab.models.StreamingPredictor;
import org.seqlab.nn.Parameters;
import org.seqlab.train.Adam;
import org.seqlab.train.Clipping;

/**
 * Seqlab's half of {@code bench/rnn-vs-pytorch.sh}: times one training step of the library's
 * {@code CharLanguageModel} as the {@code Trainer} runs it (forward over token ids, Linear(H, 65), softmax
 * cross-entropy over all steps, backward, {@code Clipping.clipGlobalNorm} to 1, {@code Adam}) for RNN, LSTM and GRU at several H,
 * float32, batch 32, 64 steps, vocabulary 65 — the configuration {@code bench/rnn_vs_pytorch.py} times in PyTorch.
 *
 * <p>Prints one line per configuration: {@code seqlab KIND H MIN_MS MEDIAN_MS CPU_MS GFLOP} (milliseconds per
 * training step: the fastest and the median wall-clock time of the timed steps, and the process CPU time per step,
 * which a loaded machine disturbs least; then the step's matrix-product work, see {@link #stepFlops}).
 *
 * <pre>
 *   java -cp ... org.seqlab.bench.RnnVsPyTorch [kinds=rnn,lstm,gru] [hidden=64,128,256] [steps=30]
 *   java -cp ... org.seqlab.bench.RnnVsPyTorch stream [kinds] [hidden] [steps=2000]
 *   java -cp ... org.seqlab.bench.RnnVsPyTorch peak [n=1024]
 * </pre>
 *
 * <p>{@code stream} times the batch-1 inference step instead: {@code StreamingPredictor.step} of a
 * {@code CharLanguageModel} (one token id in, 65 logits out, state kept), and prints
 * {@code seqlab-stream KIND H MIN_US MEDIAN_US CPU_US} in microseconds per step. {@code peak} prints
 * {@code seqlab-peak GFLOPS_1 GFLOPS_2}, the best rate of a float32 {@code [n, n]} product straight through
 * OpenBLAS ({@code cblas_sgemm}, the call the library makes) on one thread and on two: the ceiling the training
 * step's products can reach on this machine.
 *
 * <p>The library decides per layer how many threads its products get ({@code BlasThreads}); {@code -DblasMax=1}
 * keeps every product on one thread, as the library did before it decided.
 */
public final class RnnVsPyTorch {
    static final int VOCAB = 65;
    static final int BATCH = 32;
    static final int STEPS = 64;
    static final double WARMUP_SECONDS = Double.parseDouble(System.getProperty("warmup", "5"));

    private RnnVsPyTorch() {}

    /** Times every configuration named by the arguments (see the class comment) and prints one line each. */
    public static void main(String[] args) {
        String blasMax = System.getProperty("blasMax");          // -DblasMax=1: every product on one thread
        if (blasMax != null) org.seqlab.nn.BlasThreads.setMax(Integer.parseInt(blasMax));
        if (args.length > 0 && args[0].equals("peak")) {
            int n = Integer.parseInt(arg(args, 1, "1024"));
            double one = sgemmPeak(n, 1);
            System.out.printf(Locale.ROOT, "seqlab-peak %.1f %.1f%n", one, sgemmPeak(n, 2));
            return;
        }
        if (args.length > 0 && args[0].equals("stream")) {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            int steps = Integer.parseInt(arg(rest, 2, "2000"));
            for (String kind : arg(rest, 0, "rnn,lstm,gru").split(",")) {
                for (String h : arg(rest, 1, "128").split(",")) {
                    double[] us = stream(kind, Integer.parseInt(h), steps);
                    System.out.printf(Locale.ROOT, "seqlab-stream %s %s %.2f %.2f %.2f%n", kind, h, us[0], us[steps / 2],
                            us[steps]);
                }
            }
            return;
        }
        String[] kinds = arg(args, 0, "rnn,lstm,gru").split(",");
        String[] hidden = arg(args, 1, "64,128,256").split(",");
        int steps = Integer.parseInt(arg(args, 2, "30"));
        for (String kind : kinds) {
            for (String h : hidden) {
                double[] ms = time(kind, Integer.parseInt(h), steps);
                System.out.printf(Locale.ROOT, "seqlab %s %s %.2f %.2f %.2f %.4f%n", kind, h, ms[0], ms[steps / 2],
                        ms[steps], stepFlops(kind, Integer.parseInt(h)) / 1e9);
            }
        }
    }

    /**
     * Milliseconds of each of {@code steps} training steps after warming up ({@code -Dwarmup=5} seconds), sorted,
     * followed by the process CPU milliseconds per step.
     */
    static double[] time(String kind, int hidden, int steps) {
        CellType cell = cellType(kind);
        // The library's own model, loss, clipping and optimiser: what a lesson's Trainer runs per batch.
        CharLanguageModel model = CharLanguageModel.builder(VOCAB).cell(cell).hiddenSize(hidden).seed(1).build();
        Parameters all = model.parameters();
        Adam adam = Adam.create(all, 2e-3);
        Random rng = new Random(1);
        float[] ids = new float[STEPS * BATCH];
        float[] next = new float[STEPS * BATCH];
        for (int n = 0; n < ids.length; n++) {
            ids[n] = rng.nextInt(VOCAB);
            next[n] = rng.nextInt(VOCAB);
        }
        int[] lengths = new int[BATCH];
        java.util.Arrays.fill(lengths, STEPS);
        SequenceBatch batch = new SequenceBatch(Nd4j.create(ids, new long[] {STEPS, BATCH}, 'c'),
                Nd4j.ones(DataType.FLOAT, STEPS, BATCH), Nd4j.create(next, new long[] {STEPS, BATCH}, 'c'), lengths,
                Sequence.Target.STEP_CLASSES);
        Runnable step = () -> {
            all.zeroGrad();
            model.trainStep(batch);
            Clipping.clipGlobalNorm(all, 1.0);
            adam.step();
        };
        // Warm up by time, not count: the JIT compiles the step loops only after some seconds of running them.
        long warmUntil = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        for (int k = 0; k < 10 || System.nanoTime() < warmUntil; k++) step.run();
        double[] ms = new double[steps + 1];
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        for (int k = 0; k < steps; k++) {
            long t0 = System.nanoTime();
            step.run();
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        ms[steps] = (os.getProcessCpuTime() - cpu0) / 1e6 / steps;
        java.util.Arrays.sort(ms, 0, steps);
        return ms;
    }

    /**
     * Microseconds of each of {@code steps} streaming steps (batch 1) after warming up, sorted, followed by the
     * process CPU microseconds per step.
     */
    static double[] stream(String kind, int hidden, int steps) {
        CharLanguageModel model = CharLanguageModel.builder(VOCAB).cell(cellType(kind)).hiddenSize(hidden).seed(1)
                .build();
        StreamingPredictor predictor = model.streaming(1);
        Random rng = new Random(1);
        INDArray[] ids = new INDArray[4096];
        for (int k = 0; k < ids.length; k++) ids[k] = Nd4j.create(new float[] {rng.nextInt(VOCAB)}, new long[] {1}, 'c');
        long warmUntil = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        for (int k = 0; k < 1000 || System.nanoTime() < warmUntil; k++) predictor.step(ids[k % ids.length]);
        predictor.reset();
        double[] us = new double[steps + 1];
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        for (int k = 0; k < steps; k++) {
            long t0 = System.nanoTime();
            predictor.step(ids[k % ids.length]);
            us[k] = (System.nanoTime() - t0) / 1e3;
        }
        us[steps] = (os.getProcessCpuTime() - cpu0) / 1e3 / steps;
        java.util.Arrays.sort(us, 0, steps);
        return us;
    }

    /**
     * The sgemm rate in GFLOP/s (2n³ floating-point operations per product) of the best of 200 float32 products of
     * two {@code [n, n]} matrices, with the OpenMP threads the process was started with: the ceiling a training
     * step's products can reach. n = 256 keeps one product under a millisecond, short enough for the best of them
     * to fall in a quiet moment of a shared machine, and large enough for OpenBLAS to run at its full rate.
     */
    static double sgemmPeak(int n, int threads) {
        Nd4j.create(1);                                            // ND4J loads OpenBLAS and sets its threads first
        Nd4j.factory().blas().setMaxThreads(threads);
        FloatPointer a = new FloatPointer((long) n * n);
        FloatPointer b = new FloatPointer((long) n * n);
        FloatPointer c = new FloatPointer((long) n * n);
        Random rng = new Random(1);
        for (long k = 0; k < (long) n * n; k++) {
            a.put(k, rng.nextFloat());
            b.put(k, rng.nextFloat());
        }
        Runnable product = () -> openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans,
                openblas.CblasNoTrans, n, n, n, 1f, a, n, b, n, 0f, c, n);
        long warmUntil = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9 / 5);
        while (System.nanoTime() < warmUntil) product.run();
        double best = Double.MAX_VALUE;
        for (int k = 0; k < 50; k++) {
            long t0 = System.nanoTime();
            product.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    /**
     * Floating-point operations of one training step of {@link #time}, counting only the matrix products (the
     * element-wise work is a few percent at H ≥ 128): per step {@code t}, {@code z_t += h_{t−1} W_hhᵀ},
     * {@code δh_{t−1} = δz_t W_hh} and {@code δW_hh += δz_tᵀ h_{t−1}}, each {@code 2·B·G·H·H}; the head's
     * forward, {@code δW_hy} and {@code δh}, each {@code 2·T·B·H·K}. The one-hot input products are column
     * gathers and scatters, no multiplications.
     */
    static double stepFlops(String kind, int hidden) {
        int gates = switch (kind) {
            case "rnn" -> 1;
            case "lstm" -> 4;
            default -> 3;
        };
        double recurrent = 3.0 * STEPS * 2.0 * BATCH * gates * hidden * hidden;
        double head = 3.0 * 2.0 * STEPS * BATCH * hidden * VOCAB;
        return recurrent + head;
    }

    private static CellType cellType(String kind) {
        return switch (kind) {
            case "rnn" -> CellType.RNN;
            case "lstm" -> CellType.LSTM;
            case "gru" -> CellType.GRU;
            default -> throw new IllegalArgumentException("kind must be rnn, lstm or gru but is " + kind);
        };
    }

    private static String arg(String[] args, int k, String fallback) {
        return args.length > k ? args[k] : fallback;
    }
}
