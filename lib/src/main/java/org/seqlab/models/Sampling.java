package org.seqlab.models;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.seqlab.Shapes;

/**
 * How a language model turns its scores for the next symbol into a drawn symbol: temperature, top-k, nucleus
 * (top-p), and whether drawing the end-of-text symbol {@code </s>} ends the sample. Immutable; each setting
 * returns a new value.
 *
 * <pre>
 *   p_k(τ) = exp(z_k / τ) / Σ_j exp(z_j / τ)        z [V] the logits, τ &gt; 0 the temperature
 *   top-k:  keep the k largest p_k(τ), the rest 0
 *   top-p:  keep the fewest most likely symbols whose p(τ) sums to at least p, the rest 0
 *   draw from what is kept, renormalised
 * </pre>
 *
 * The steps apply in that order (temperature, then top-k, then top-p), as in Hugging Face's {@code generate}.
 * Nucleus sampling is from Holtzman, Buys, Du, Forbes &amp; Choi, "The Curious Case of Neural Text
 * Degeneration" (ICLR 2020); top-k from Fan, Lewis &amp; Dauphin, "Hierarchical Neural Story Generation" (2018).
 *
 * <pre>
 *   Sampling.temperature(0.8).topK(10)                 // the 10 likeliest, sharpened
 *   Sampling.temperature(1.0).topP(0.9).pastEnd()      // the nucleus of 90 %, going on after &lt;/s&gt;
 *   Sampling.greedy()                                  // the most likely symbol every time
 * </pre>
 */
public final class Sampling {
    private final double temperature;
    private final int topK;
    private final double topP;
    private final boolean stopAtEnd;

    private Sampling(double temperature, int topK, double topP, boolean stopAtEnd) {
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.stopAtEnd = stopAtEnd;
    }

    /**
     * Draws from {@code softmax(z / τ)}: {@code τ = 1} samples the model as it is, {@code τ < 1} sharpens
     * (safer, more repetitive), {@code τ > 1} flattens towards uniform. Stops at {@code </s>}.
     *
     * @throws IllegalArgumentException unless {@code τ} is finite and {@code > 0} ({@link #greedy()} takes the
     *     most likely symbol, the limit τ → 0)
     */
    public static Sampling temperature(double temperature) {
        Shapes.require(temperature > 0 && Double.isFinite(temperature),
                "temperature must be > 0 and finite but is %s (1 samples the model as it is; for the most likely "
                        + "symbol every time use Sampling.greedy())", temperature);
        return new Sampling(temperature, Integer.MAX_VALUE, 1.0, true);
    }

    /** The most likely symbol at every step (arg max of the logits, the lowest id on a tie); stops at {@code </s>}. */
    public static Sampling greedy() {
        return new Sampling(0, 1, 1.0, true);
    }

    /**
     * Keeps only the {@code k} most likely symbols (ties broken by the lower id) before drawing.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public Sampling topK(int k) {
        Shapes.require(k >= 1, "top-k needs k >= 1 (the number of likeliest symbols kept) but k is %d", k);
        return new Sampling(temperature, k, topP, stopAtEnd);
    }

    /**
     * Nucleus sampling: keeps the fewest most likely symbols whose probabilities (after the temperature and
     * top-k) sum to at least {@code p}. {@code p = 1} keeps every symbol.
     *
     * @throws IllegalArgumentException unless {@code 0 < p <= 1}
     */
    public Sampling topP(double p) {
        Shapes.require(p > 0 && p <= 1, "top-p needs a probability 0 < p <= 1 but p is %s", p);
        return new Sampling(temperature, topK, p, stopAtEnd);
    }

    /**
     * Goes on after drawing {@code </s>}: the end symbol is fed back as the next input like any other, and
     * the sample has exactly the length asked for. (A model trained on a stream of text has rarely or never
     * seen {@code </s>}; what it writes after one shows what it makes of it.)
     */
    public Sampling pastEnd() {
        return new Sampling(temperature, topK, topP, false);
    }

    /** τ, or 0 for {@link #greedy()}. */
    public double temperature() {
        return temperature;
    }

    /** k of top-k; {@link Integer#MAX_VALUE} when every symbol is kept. */
    public int topK() {
        return topK;
    }

    /** p of top-p; 1 when every symbol is kept. */
    public double topP() {
        return topP;
    }

    /** Whether drawing {@code </s>} ends the sample (true unless {@link #pastEnd()}). */
    public boolean stopsAtEnd() {
        return stopAtEnd;
    }

    /**
     * The distribution a symbol is drawn from: {@code softmax(z / τ)} with top-k and top-p applied and
     * renormalised; for {@link #greedy()} a one-hot vector at the arg max.
     *
     * @param logits z, the model's scores for the next symbol, {@code [V]}
     * @return probabilities {@code [V]}, summing to 1
     * @throws IllegalArgumentException if {@code logits} is empty or holds a NaN
     */
    public double[] probabilities(double[] logits) {
        Shapes.require(logits.length > 0, "logits must be [V] with V >= 1 but is empty");
        int best = 0;
        for (int j = 0; j < logits.length; j++) {
            Shapes.require(!Double.isNaN(logits[j]), "logits must be numbers but logits[%d] is NaN", j);
            if (logits[j] > logits[best]) best = j;
        }
        double[] p = new double[logits.length];
        if (temperature == 0) {
            p[best] = 1;
            return p;
        }
        double sum = 0;
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp((logits[j] - logits[best]) / temperature);   // shifted by the max: no overflow
            sum += p[j];
        }
        for (int j = 0; j < p.length; j++) p[j] /= sum;
        if (topK >= p.length && topP >= 1) return p;
        Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -p[j]).thenComparingInt(j -> j));
        int k = Math.min(topK, p.length);
        double massOfTopK = 0;
        for (int i = 0; i < k; i++) massOfTopK += p[order[i]];
        double kept = 0;
        int n = 0;
        while (n < k && (n == 0 || kept < topP * massOfTopK)) kept += p[order[n++]];   // top-p of the renormalised top-k
        double[] q = new double[p.length];
        for (int i = 0; i < n; i++) q[order[i]] = p[order[i]] / kept;
        return q;
    }

    /**
     * One symbol drawn from {@link #probabilities(double[])}.
     *
     * @param logits z {@code [V]}
     * @return an id in {@code [0, V)}
     */
    public int draw(double[] logits, Random rng) {
        double[] p = probabilities(logits);
        if (temperature == 0) {
            for (int j = 0; j < p.length; j++) if (p[j] == 1) return j;
        }
        double u = rng.nextDouble();
        int last = 0;
        for (int j = 0; j < p.length; j++) {
            if (p[j] == 0) continue;
            last = j;
            u -= p[j];
            if (u < 0) return j;
        }
        return last;   // rounding left u a hair above 0: the last symbol still in play
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(temperature == 0 ? "greedy" : "τ = " + temperature);
        if (temperature > 0 && topK != Integer.MAX_VALUE) s.append(", top-k ").append(topK);
        if (topP < 1) s.append(", top-p ").append(topP);
        if (!stopAtEnd) s.append(", past </s>");
        return s.toString();
    }
}
