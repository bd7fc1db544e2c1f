package org.seqlab.baselines;

import java.util.List;
import org.seqlab.Shapes;
import org.seqlab.data.Sequence;
import org.seqlab.plot.Confusion;

/**
 * The order-free baseline for clips of frames: each clip becomes the mean and the standard deviation of each
 * band over its frames, and a {@link SoftmaxRegression} names the class from those 2D numbers.
 *
 * <pre>
 *   μ_m = (1/T) Σ_t x_t,m          σ_m = sqrt((1/T) Σ_t (x_t,m − μ_m)²)        m = 1 … D, over the clip's T frames
 *   f   = [μ_1 … μ_D, σ_1 … σ_D]   features [2D]  →  softmax(W f̃ + b)         f̃ standardised on the training set
 * </pre>
 *
 * Shuffling a clip's frames changes nothing it sees, so whatever a sequence model does better comes from the
 * order of the frames (the "bag of frames" of music and speech retrieval; Aucouturier &amp; Pachet 2007).
 *
 * <pre>
 *   BagOfFrames bag = BagOfFrames.fit(SpokenDigits.sequences(train), 10);
 *   bag.accuracy(testSequences);   bag.confusion(testSequences, SpokenDigits.WORDS);
 * </pre>
 */
public final class BagOfFrames {
    /** The L2 weight λ used by {@link #fit(List, int)}: small, since a few hundred clips fit 40 features easily. */
    public static final double L2 = 1e-3;
    /** The gradient steps used by {@link #fit(List, int)}. */
    public static final int STEPS = 500;

    private final SoftmaxRegression regression;
    private final int bands;

    private BagOfFrames(SoftmaxRegression regression, int bands) {
        this.regression = regression;
        this.bands = bands;
    }

    /** Fits on labelled clips (features {@code [T, D]}, one class each) with {@link #L2} and {@link #STEPS}. */
    public static BagOfFrames fit(List<Sequence> train, int classes) {
        return fit(train, classes, L2, STEPS);
    }

    /**
     * Fits on labelled clips.
     *
     * @param train clips with features {@code [T, D]}, all the same D, and one class id each
     * @param classes C
     * @param l2 the penalty λ of {@link SoftmaxRegression}
     * @param steps its gradient steps
     * @throws IllegalArgumentException for an empty list, clips of different D, or a clip without a class
     */
    public static BagOfFrames fit(List<Sequence> train, int classes, double l2, int steps) {
        int[] y = Clips.labels(train);
        int d = Clips.check(train.get(0).x(), -1);
        double[][] f = new double[train.size()][];
        for (int i = 0; i < f.length; i++) f[i] = features(train.get(i).x(), d);
        return new BagOfFrames(SoftmaxRegression.fit(f, y, classes, l2, steps), d);
    }

    /**
     * The bag of one clip: per band, the mean and the standard deviation over the frames.
     *
     * @param frames {@code [T][D]}, T ≥ 1
     * @return {@code [2D]}: μ_1 … μ_D then σ_1 … σ_D, in the frames' units (log-mel: natural log of energy)
     * @throws IllegalArgumentException for a clip of no frames or ragged frames
     */
    public static double[] features(float[][] frames) {
        return features(frames, -1);
    }

    private static double[] features(float[][] frames, int d) {
        int bands = Clips.check(frames, d);
        double[] f = new double[2 * bands];
        for (float[] frame : frames) for (int m = 0; m < bands; m++) f[m] += frame[m] / (double) frames.length;
        for (float[] frame : frames) {
            for (int m = 0; m < bands; m++) f[bands + m] += (frame[m] - f[m]) * (frame[m] - f[m]) / frames.length;
        }
        for (int m = 0; m < bands; m++) f[bands + m] = Math.sqrt(f[bands + m]);
        return f;
    }

    /** The class probabilities of one clip {@code [T][D]}, {@code [C]}. */
    public double[] probabilities(float[][] frames) {
        return regression.probabilities(features(frames, bands));
    }

    /** The most likely class of one clip {@code [T][D]}. */
    public int predict(float[][] frames) {
        return regression.predict(features(frames, bands));
    }

    /** The most likely class of each clip. */
    public int[] predict(List<Sequence> clips) {
        return clips.stream().mapToInt(s -> predict(s.x())).toArray();
    }

    /** The share of {@code clips} whose class is predicted right, in [0, 1]. */
    public double accuracy(List<Sequence> clips) {
        return Clips.accuracy(Clips.labels(clips), predict(clips));
    }

    /** The confusion matrix on {@code clips}, classes named {@code classNames} (in id order). */
    public Confusion confusion(List<Sequence> clips, List<String> classNames) {
        Shapes.require(classNames.size() == regression.classes(), "the model has %d classes but %d names were given",
                regression.classes(), classNames.size());
        return Clips.confusion(Clips.labels(clips), predict(clips), classNames, name());
    }

    /** The fitted regression (on the 2D features). */
    public SoftmaxRegression regression() {
        return regression;
    }

    /** For tables and chart titles. */
    public String name() {
        return "bag of frames";
    }

    @Override
    public String toString() {
        return "BagOfFrames(mean and deviation of " + bands + " bands -> " + regression.classes() + " classes)";
    }
}
