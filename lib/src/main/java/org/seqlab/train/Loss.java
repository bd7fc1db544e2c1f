package org.seqlab.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;
import org.seqlab.nn.Act;
import org.seqlab.nn.Raw;

/**
 * Losses that return their value <em>and</em> their gradient with respect to their input, so a model's backward
 * pass starts from {@link Result#grad()}. Every loss averages over the real (unmasked) steps only.
 *
 * <pre>
 *   softmax cross-entropy   L = -(1/N) Σ_{t,b} m_tb log softmax(z_tb)[y_tb]      N = Σ m_tb
 *                           dL/dz_tb = (m_tb/N) (softmax(z_tb) - onehot(y_tb))
 *   mean squared error      L = (1/(N·D)) Σ_{t,b} m_tb ‖ŷ_tb - y_tb‖²
 *                           dL/dŷ_tb = (2 m_tb/(N·D)) (ŷ_tb - y_tb)
 * </pre>
 *
 * The softmax is computed through log-sum-exp ({@code log Σ exp(z - max z) + max z}), so large logits do not
 * overflow. Arithmetic runs in the input's data type (float32 for training, float64 for gradient checks).
 */
public final class Loss {
    private Loss() {}

    /**
     * A loss value, its gradient with respect to the loss's input, and how many real steps it averages over.
     *
     * @param value the mean loss over the real steps (0 when there are none)
     * @param grad dL/dinput, the input's shape and data type; zero at masked steps
     * @param count N, the number of real steps (the weight of this value in an epoch average)
     */
    public record Result(double value, INDArray grad, double count) {}

    /**
     * Per-step masked softmax cross-entropy over a sequence of logits.
     *
     * @param logits z, [T, B, K] unnormalised scores over K classes
     * @param targets y, [T, B] class indices in [0, K) (any numeric type; ignored where the mask is 0)
     * @param mask m, [T, B], 1 for a real step, 0 for padding
     */
    public static Result softmaxCrossEntropy(INDArray logits, INDArray targets, INDArray mask) {
        Shapes.check(logits, "logits", "T,B,K", -1, -1, -1);
        long t = logits.size(0), b = logits.size(1), k = logits.size(2);
        Shapes.check(targets, "targets", "T,B", t, b);
        Shapes.check(mask, "mask", "T,B", t, b);
        return crossEntropyRows(logits.reshape(t * b, k), targets.reshape(t * b), mask.reshape(t * b), t, b, k);
    }

    /**
     * Softmax cross-entropy with one target per sequence (the last step's classifier).
     *
     * @param logits z, [B, K]
     * @param targets y, [B] class indices in [0, K)
     */
    public static Result softmaxCrossEntropy(INDArray logits, INDArray targets) {
        Shapes.check(logits, "logits", "B,K", -1, -1);
        long b = logits.size(0);
        Shapes.check(targets.reshape(targets.length()), "targets", "B", b);
        return crossEntropyRows(logits, targets.reshape(b), Nd4j.ones(logits.dataType(), b), b, logits.size(1));
    }

    /**
     * Masked mean squared error per step.
     *
     * @param prediction ŷ, [T, B, D]
     * @param target y, [T, B, D]
     * @param mask m, [T, B]
     */
    public static Result mse(INDArray prediction, INDArray target, INDArray mask) {
        Shapes.check(prediction, "prediction", "T,B,D", -1, -1, -1);
        long t = prediction.size(0), b = prediction.size(1), d = prediction.size(2);
        Shapes.check(target, "target", "T,B,D", t, b, d);
        Shapes.check(mask, "mask", "T,B", t, b);
        return mseRows(prediction.reshape(t * b, d), target.reshape(t * b, d), mask.reshape(t * b), t, b, d);
    }

    /**
     * Mean squared error with one target vector per sequence.
     *
     * @param prediction ŷ, [B, D]
     * @param target y, [B, D]
     */
    public static Result mse(INDArray prediction, INDArray target) {
        Shapes.check(prediction, "prediction", "B,D", -1, -1);
        Shapes.check(target, "target", "B,D", prediction.size(0), prediction.size(1));
        return mseRows(prediction, target, Nd4j.ones(prediction.dataType(), prediction.size(0)), prediction.shape());
    }

    /**
     * Cross-entropy over rows: z [R, K], y [R], m [R]. A few passes over plain arrays (one exp per logit, no
     * temporaries), which is several times faster than the chain of ND4J operations it replaces. The gradient is
     * made in {@code gradShape} (the logits' own shape) rather than reshaped from [R, K]: a reshaped array is a view,
     * which a training step could not free when it ends ({@code INDArray.close} refuses views).
     */
    private static Result crossEntropyRows(INDArray z, INDArray y, INDArray m, long... gradShape) {
        int rows = Math.toIntExact(z.size(0));
        int k = Math.toIntExact(z.size(1));
        Raw classes = Raw.readable(y);
        Raw weights = Raw.readable(m);
        double n = 0;
        for (int r = 0; r < rows; r++) {
            double w = weights.get(r);
            if (w == 0) continue;
            double c = classes.get(r);
            if (!(c >= 0 && c < k && c == Math.rint(c))) {
                throw new IllegalArgumentException("targets must be class indices in [0, K=" + k + ") but flat position "
                        + r + " (t*B + b) holds " + c);
            }
            n += w;
        }
        // Blocks of rows of about 4,096 logits: each is copied in once, computed over plain arrays that stay in the
        // cache (the exp in one loop the JIT vectorises, Act.exp), and its gradient copied out once.
        boolean exact = z.dataType() == DataType.DOUBLE;
        Raw logits = Raw.readable(z);
        INDArray g = Raw.empty(exact ? DataType.DOUBLE : DataType.FLOAT, gradShape);
        Raw grad = Raw.of(g);
        int block = Math.max(1, 4096 / k);
        double[] e = new double[block * k];
        double[] targetShift = new double[block];                  // z_y − max z of each row
        double total = 0;
        for (int first = 0; first < rows; first += block) {
            int count = Math.min(block, rows - first);
            logits.read((long) first * k, e, count * k);
            for (int r = 0; r < count; r++) {
                int row = r * k;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = row; j < row + k; j++) max = Math.max(max, e[j]);
                for (int j = row; j < row + k; j++) e[j] -= max;
                if (weights.get(first + r) != 0) targetShift[r] = e[row + (int) classes.get(first + r)];
            }
            Act.exp(e, 0, count * k, exact);                         // e^(z − max z)
            for (int r = 0; r < count; r++) {
                int row = r * k;
                double w = weights.get(first + r);
                if (w == 0) {
                    java.util.Arrays.fill(e, row, row + k, 0.0);
                    continue;
                }
                double sum = 0;
                for (int j = row; j < row + k; j++) sum += e[j];
                total += w * (Math.log(sum) - targetShift[r]);          // −log softmax(z)_y = log Σ e^(z − max) − (z_y − max)
                double scale = w / (n * sum);
                for (int j = row; j < row + k; j++) e[j] *= scale;      // ∂L/∂z = w (softmax(z) − onehot(y)) / n
                e[row + (int) classes.get(first + r)] -= w / n;
            }
            grad.write((long) first * k, e, count * k);
        }
        return new Result(n == 0 ? 0 : total / n, g, n);
    }

    /** Mean squared error over rows: ŷ [R, D], y [R, D], m [R]; the gradient in {@code gradShape}, as above. */
    private static Result mseRows(INDArray prediction, INDArray target, INDArray m, long... gradShape) {
        long rows = prediction.size(0), d = prediction.size(1);
        INDArray w = m.castTo(prediction.dataType());
        double n = w.sumNumber().doubleValue();
        INDArray grad = Raw.empty(prediction.dataType(), gradShape);
        if (n == 0) return new Result(0, grad.assign(0), 0);
        INDArray diff = grad.reshape(rows, d);                       // a view: what is written to it lands in grad
        diff.assign(prediction).subi(target).muliColumnVector(w);     // m ⊙ (ŷ − y)
        double loss = diff.mul(diff).sumNumber().doubleValue() / (n * d);
        grad.muli(2.0 / (n * d));
        return new Result(loss, grad, n);
    }
}
