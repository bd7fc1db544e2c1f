package org.seqlab.bench;

import java.util.Arrays;
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
 * Two training loops as a learner writes them in notebook cells, for {@link StopPollCost}, which runs this class
 * as compiled and as the course kernel rewrites a cell's classes (a stop poll at every method entry and loop
 * iteration, {@code org.seqlab.kernel.CellWeaver}).
 *
 * <ul>
 *   <li>{@link #libraryLoop}: steps of the library's LSTM language model, clipping and Adam, the loop of a lesson
 *       that calls the library. The polls sit in this loop only; the library is not rewritten.</li>
 *   <li>{@link #scratchLoop}: a vanilla RNN trained from scratch on plain {@code double[]} arrays, forward and
 *       backward through time in nested loops, the way a lesson derives it by hand: the worst case, with a poll
 *       in every inner loop iteration of the arithmetic.</li>
 * </ul>
 */
public final class CellTrainingLoops {
    static final int VOCAB = 65, BATCH = 32, STEPS = 32, HIDDEN = 64;
    static final int T = 32, D = 8, H = 32;

    private static CharLanguageModel model;
    private static Parameters all;
    private static Adam adam;
    private static SequenceBatch batch;
    private static double[][] wxh, whh, xs;
    private static double[] why, ys;

    private CellTrainingLoops() {}

    /** Builds both loops' models and data, seeded. */
    public static void prepare() {
        model = CharLanguageModel.builder(VOCAB).cell(CellType.LSTM).hiddenSize(HIDDEN).seed(1).build();
        all = model.parameters();
        adam = Adam.create(all, 2e-3);
        Random rng = new Random(1);
        float[] ids = new float[STEPS * BATCH];
        float[] next = new float[STEPS * BATCH];
        for (int n = 0; n < ids.length; n++) {
            ids[n] = rng.nextInt(VOCAB);
            next[n] = rng.nextInt(VOCAB);
        }
        int[] lengths = new int[BATCH];
        Arrays.fill(lengths, STEPS);
        batch = new SequenceBatch(Nd4j.create(ids, new long[] {STEPS, BATCH}, 'c'), Nd4j.ones(DataType.FLOAT, STEPS, BATCH),
                Nd4j.create(next, new long[] {STEPS, BATCH}, 'c'), lengths, Sequence.Target.STEP_CLASSES);
        wxh = new double[H][D];
        whh = new double[H][H];
        why = new double[H];
        xs = new double[T][D];
        ys = new double[T];
        for (double[] row : wxh) for (int j = 0; j < D; j++) row[j] = rng.nextGaussian() * 0.3;
        for (double[] row : whh) for (int j = 0; j < H; j++) row[j] = rng.nextGaussian() * 0.1;
        for (int i = 0; i < H; i++) why[i] = rng.nextGaussian() * 0.1;
        for (int t = 0; t < T; t++) {
            for (int j = 0; j < D; j++) xs[t][j] = rng.nextGaussian();
            ys[t] = Math.sin(t * 0.3);
        }
    }

    /** {@code steps} training steps of the library's model; returns the last loss. */
    public static double libraryLoop(int steps) {
        double loss = 0;
        for (int s = 0; s < steps; s++) {
            all.zeroGrad();
            loss = model.trainStep(batch).loss();
            Clipping.clipGlobalNorm(all, 1.0);
            adam.step();
        }
        return loss;
    }

    /**
     * {@code steps} SGD steps of {@code h_t = tanh(W_xh x_t + W_hh h_(t−1))}, {@code ŷ_t = w_hy · h_t}, squared
     * error, backpropagation through time by hand; returns the last loss.
     */
    public static double scratchLoop(int steps) {
        double[][] h = new double[T + 1][H];
        double[] dh = new double[H], dhNext = new double[H], dz = new double[H];
        double loss = 0;
        for (int s = 0; s < steps; s++) {
            loss = 0;
            for (int t = 0; t < T; t++) {
                for (int i = 0; i < H; i++) {
                    double z = 0;
                    for (int j = 0; j < D; j++) z += wxh[i][j] * xs[t][j];
                    for (int j = 0; j < H; j++) z += whh[i][j] * h[t][j];
                    h[t + 1][i] = Math.tanh(z);
                }
            }
            Arrays.fill(dhNext, 0);
            for (int t = T - 1; t >= 0; t--) {
                double y = 0;
                for (int i = 0; i < H; i++) y += why[i] * h[t + 1][i];
                double dy = y - ys[t];
                loss += 0.5 * dy * dy;
                for (int i = 0; i < H; i++) {
                    dh[i] = dy * why[i] + dhNext[i];
                    why[i] -= 0.01 * dy * h[t + 1][i];
                    dz[i] = dh[i] * (1 - h[t + 1][i] * h[t + 1][i]);
                }
                Arrays.fill(dhNext, 0);
                for (int i = 0; i < H; i++) {
                    for (int j = 0; j < D; j++) wxh[i][j] -= 0.01 * dz[i] * xs[t][j];
                    for (int j = 0; j < H; j++) {
                        dhNext[j] += whh[i][j] * dz[i];
                        whh[i][j] -= 0.01 * dz[i] * h[t][j];
                    }
                }
            }
        }
        return loss;
    }
}
