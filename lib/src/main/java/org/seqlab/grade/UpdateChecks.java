package org.seqlab.grade;

import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Inputs and expected answers for lesson 02's exercises: a hand-designed update {@code h_t = f(h_{t−1}, x_t)} and
 * the trace of states it leaves over a sequence.
 *
 * <p>The update is the <em>longest run of ones</em>: reading bits {@code x_t ∈ {0, 1}}, the state
 * {@code h = [r, m]} holds the length {@code r} of the run of ones that ends at the current step and the longest
 * run {@code m} seen so far:
 *
 * <pre>
 *   r_t = x_t · (r_{t−1} + 1)          a 0 ends the run
 *   m_t = max(m_{t−1}, r_t)
 *   h_0 = [0, 0]
 * </pre>
 *
 * <p>A trace is the states after each step, {@code [h_1, …, h_T]}: {@code T} rows of {@code H} numbers.
 */
public final class UpdateChecks {
    private UpdateChecks() {}

    /** One step of the longest-run update: {@code [x (r + 1), max(m, x (r + 1))]}, a new array. */
    public static double[] longestRun(double[] h, double x) {
        double r = x == 1 ? h[0] + 1 : 0;
        return new double[] {r, Math.max(h[1], r)};
    }

    /** Expects one step of {@link #longestRun}; knows a run a 0 does not end, and a maximum never updated. */
    public static Expect update(double[] h, double x) {
        double[] h0 = h.clone();
        return Expect.value(() -> longestRun(h0, x))
                .hint("a 0 must end the run: r_t = 0 when x_t = 0", () -> new double[] {h0[0] + x, Math.max(h0[1], h0[0] + x)})
                .hint("the longest run m must take the new run into account: m_t = max(m_{t−1}, r_t)",
                        () -> new double[] {longestRun(h0, x)[0], h0[1]})
                .hint("m_t compares with the run before this step; compare with r_t, the run after it",
                        () -> new double[] {longestRun(h0, x)[0], Math.max(h0[1], h0[0])});
    }

    /** {@code T} seeded random bits, ones with probability 0.6 so that runs form. */
    public static double[] bits(long seed, int T) {
        Random rng = new Random(seed);
        double[] x = new double[T];
        for (int t = 0; t < T; t++) {
            x[t] = rng.nextDouble() < 0.6 ? 1 : 0;
        }
        return x;
    }

    /** The states after each step, {@code [T][H]}: row t is {@code h_{t+1}}. */
    public static double[][] states(BiFunction<double[], Double, double[]> f, double[] h0, double[] xs) {
        double[][] states = new double[xs.length][];
        double[] h = h0.clone();
        for (int t = 0; t < xs.length; t++) {
            h = f.apply(h, xs[t]).clone();
            states[t] = h;
        }
        return states;
    }

    /** Expects {@link #states}; knows a trace that starts with h_0, one that stops a step early, and shared rows. */
    public static Expect trace(BiFunction<double[], Double, double[]> f, double[] h0, double[] xs) {
        double[] start = h0.clone(), inputs = xs.clone();
        return Expect.value(() -> states(f, start, inputs))
                .hint("the trace holds h_1 .. h_T, the state after each step; h_0 comes before any step and is not in it",
                        () -> withStart(states(f, start, inputs), start))
                .hint("the trace stops one step early: the last row is h_T, after reading x_T",
                        () -> Arrays.copyOf(withStart(states(f, start, inputs), start), inputs.length))
                .hint("every row is the same array: store a copy of each state (h.clone()), not the variable that "
                        + "the next step overwrites", () -> sameRows(states(f, start, inputs)));
    }

    private static double[][] withStart(double[][] states, double[] h0) {
        double[][] all = new double[states.length + 1][];
        all[0] = h0.clone();
        System.arraycopy(states, 0, all, 1, states.length);
        return all;
    }

    private static double[][] sameRows(double[][] states) {
        double[][] same = new double[states.length][];
        Arrays.fill(same, states[states.length - 1]);
        return same;
    }
}
