package org.seqlab.bench;

import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.models.CellType;
import org.seqlab.models.CharLanguageModel;
import org.seqlab.nn.Parameters;
import org.seqlab.train.Adam;
import org.seqlab.train.Clipping;

/**
 * Seqlab's half of {@code bench/rnn-vs-pytorch.sh}: times one training step of the library's
 * {@code CharLanguageModel} as the {@code Trainer} runs it (forward over token ids, Linear(H, 65), softmax
 * cross-entropy over all steps, backward, {@code Clipping.clipGlobalNorm} to 1, {@code Adam}) for RNN, LSTM and GRU at several H,
 * float32, batch 32, 64 steps, vocabulary 65 — the configuration {@code bench/rnn_vs_pytorch.py} times in PyTorch.
 *
 * <p>Prints one line per configuration: {@code seqlab KIND H MIN_MS MEDIAN_MS CPU_MS} (milliseconds per training
 * step: the fastest and the median wall-clock time of the timed steps, and the process CPU time per step, which
 * a loaded machine disturbs least).
 *
 * <pre>
 *   java -cp ... org.seqlab.bench.RnnVsPyTorch [kinds=rnn,lstm,gru] [hidden=64,128,256] [steps=30]
 * </pre>
 */
public final class RnnVsPyTorch {
    static final int VOCAB = 65;
    static final int BATCH = 32;
    static final int STEPS = 64;
    static final double WARMUP_SECONDS = Double.parseDouble(System.getProperty("warmup", "5"));

    private RnnVsPyTorch() {}

    /** Times every configuration named by the arguments (see the class comment) and prints one line each. */
    public static void main(String[] args) {
        String[] kinds = arg(args, 0, "rnn,lstm,gru").split(",");
        String[] hidden = arg(args, 1, "64,128,256").split(",");
        int steps = Integer.parseInt(arg(args, 2, "30"));
        for (String kind : kinds) {
            for (String h : hidden) {
                double[] ms = time(kind, Integer.parseInt(h), steps);
                System.out.printf(Locale.ROOT, "seqlab %s %s %.2f %.2f %.2f%n", kind, h, ms[0], ms[steps / 2], ms[steps]);
            }
        }
    }

    /**
     * Milliseconds of each of {@code steps} training steps after warming up ({@code -Dwarmup=5} seconds), sorted,
     * followed by the process CPU milliseconds per step.
     */
    static double[] time(String kind, int hidden, int steps) {
        CellType cell = switch (kind) {
            case "rnn" -> CellType.RNN;
            case "lstm" -> CellType.LSTM;
            case "gru" -> CellType.GRU;
            default -> throw new IllegalArgumentException("kind must be rnn, lstm or gru but is " + kind);
        };
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

    private static String arg(String[] args, int k, String fallback) {
        return args.length > k ? args[k] : fallback;
    }
}
