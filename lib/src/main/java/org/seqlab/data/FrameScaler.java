package org.seqlab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seqlab.Shapes;

/**
 * Standardises each feature of a sequence's steps with the mean and the standard deviation it has over every
 * step of the training sequences, so that all features reach a recurrent cell on the same scale.
 *
 * <pre>
 *   μ_d = (1/N) Σ_{sequences} Σ_t x_t,d          σ_d = sqrt((1/N) Σ Σ (x_t,d − μ_d)²)      N = all training steps
 *   x̃_t,d = (x_t,d − μ_d) / σ_d                  (a feature constant in training is only centred)
 * </pre>
 *
 * <p><b>Each sequence centred first</b> ({@link #fitCentred}): every sequence's own mean step is subtracted before
 * the standardisation, {@code x_t,d − (1/T) Σ_t x_t,d}. On log-mel frames this is cepstral mean normalisation
 * (Atal 1974; Furui 1981): a fixed filter on the signal — a microphone, a room, the timbre of a voice — adds
 * the same constant to a band's log energy in every frame, and centring removes it, leaving how the
 * spectrum moves.
 *
 * <p>Fit it on the training sequences only and apply the same scaler to validation and test data, so nothing
 * about the held-out data leaks into training (scikit-learn's {@code StandardScaler} used the same way).
 *
 * <pre>
 *   FrameScaler scaler = FrameScaler.fit(train);
 *   List&lt;Sequence&gt; trainScaled = scaler.apply(train), testScaled = scaler.apply(test);
 * </pre>
 *
 * @param centreEach whether each sequence is first centred on its own mean step
 * @param mean μ, {@code [D]}, in the features' units
 * @param scale σ, {@code [D]}, in the features' units (1 where the feature is constant)
 */
public record FrameScaler(boolean centreEach, double[] mean, double[] scale) {
    /** Checks that μ and σ have the same length D ≥ 1 and σ is positive. */
    public FrameScaler {
        Shapes.require(mean.length == scale.length && mean.length > 0, "mean and scale must both be [D] with D ≥ 1 but"
                + " are [%d] and [%d]", mean.length, scale.length);
        for (double s : scale) Shapes.require(s > 0, "every scale must be positive but one is %s", s);
    }

    /**
     * μ and σ of every feature over all steps of {@code train}.
     *
     * @throws IllegalArgumentException for no sequences or sequences of different widths D
     */
    public static FrameScaler fit(List<Sequence> train) {
        return fit(train, false);
    }

    /**
     * μ and σ of every feature over all steps of {@code train} after each sequence is centred on its own mean
     * step; {@link #apply} centres each sequence the same way before standardising.
     *
     * @throws IllegalArgumentException for no sequences or sequences of different widths D
     */
    public static FrameScaler fitCentred(List<Sequence> train) {
        return fit(train, true);
    }

    private static FrameScaler fit(List<Sequence> raw, boolean centreEach) {
        Shapes.require(!raw.isEmpty(), "FrameScaler.fit needs at least one sequence");
        List<Sequence> train = new ArrayList<>();
        for (Sequence s : raw) train.add(centreEach ? new Sequence(s.input(), centred(s.x()), s.target(), s.y()) : s);
        int d = train.get(0).width();
        double[] mean = new double[d];
        double[] square = new double[d];
        long n = 0;
        for (Sequence s : train) {
            Shapes.require(s.width() == d, "every sequence must have D=%d features per step but one has %d", d, s.width());
            for (float[] step : s.x()) {
                for (int k = 0; k < d; k++) mean[k] += step[k];
                n++;
            }
        }
        for (int k = 0; k < d; k++) mean[k] /= n;
        for (Sequence s : train) {
            for (float[] step : s.x()) for (int k = 0; k < d; k++) square[k] += (step[k] - mean[k]) * (step[k] - mean[k]);
        }
        double[] scale = new double[d];
        for (int k = 0; k < d; k++) scale[k] = square[k] > 0 ? Math.sqrt(square[k] / n) : 1;
        return new FrameScaler(centreEach, mean, scale);
    }

    /**
     * The steps {@code [T][D]} (centred on their mean step if {@link #centreEach}) standardised: a new array.
     *
     * @throws IllegalArgumentException for no steps or a step of another width than D
     */
    public float[][] apply(float[][] raw) {
        Shapes.require(raw.length > 0, "a sequence needs at least one step, [T ≥ 1, D=%d], but has T = 0", mean.length);
        for (int t = 0; t < raw.length; t++) {
            Shapes.require(raw[t].length == mean.length, "every step must have D=%d features but step t = %d has %d",
                    mean.length, t + 1, raw[t].length);
        }
        float[][] x = centreEach ? centred(raw) : raw;
        float[][] out = new float[x.length][];
        for (int t = 0; t < x.length; t++) {
            out[t] = new float[mean.length];
            for (int k = 0; k < mean.length; k++) out[t][k] = (float) ((x[t][k] - mean[k]) / scale[k]);
        }
        return out;
    }

    /** The same sequences with standardised features and the same targets. */
    public List<Sequence> apply(List<Sequence> data) {
        List<Sequence> out = new ArrayList<>(data.size());
        for (Sequence s : data) {
            Shapes.require(s.input() == Sequence.Input.FEATURES, "FrameScaler standardises features, not token ids");
            out.add(new Sequence(s.input(), apply(s.x()), s.target(), s.y()));
        }
        return out;
    }

    /** {@code x_t − (1/T) Σ_t x_t}: each feature minus its mean over the sequence's steps, a new array. */
    static float[][] centred(float[][] x) {
        double[] m = new double[x[0].length];
        for (float[] step : x) for (int k = 0; k < m.length; k++) m[k] += step[k] / (double) x.length;
        float[][] out = new float[x.length][m.length];
        for (int t = 0; t < x.length; t++) for (int k = 0; k < m.length; k++) out[t][k] = (float) (x[t][k] - m[k]);
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FrameScaler(D=%d%s)", mean.length, centreEach ? ", each sequence centred" : "");
    }
}
