package org.seqlab.models;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.Shapes;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.data.TimeSeriesWindows;
import org.seqlab.nn.Parameters;
import org.seqlab.train.Loss;
import org.seqlab.train.Metric;
import org.seqlab.train.StepResult;
import org.seqlab.train.Trainable;

/**
 * Regression on sequences: predicts K values at every step (targets {@code [T, B, K]}, e.g. the next value of a
 * series) or once per sequence from its last real state (targets {@code [B, K]}, e.g. the next 12 months).
 * The batch's target layout decides which.
 *
 * <pre>
 *   h_t = RNN/LSTM/GRU(x_t, h_{t-1})                   [T, B, H]
 *   ŷ_t = W_hy h_t + b_y                               [T, B, K]   per step      (or ŷ = W_hy h_T + b_y [B, K])
 *   L   = (1/(N·K)) Σ_real ‖ŷ - y‖²                    MAE = (1/(N·K)) Σ_real |ŷ - y|
 * </pre>
 *
 * <p>{@link #forecast} runs a per-step model autoregressively: each prediction becomes the next input, which
 * needs K = D (the model predicts its own next input).
 *
 * <p><b>In the series' units.</b> A forecaster built {@link #forSeries} from a {@link TimeSeriesWindows.Split}
 * keeps the split's scaler and series: it reads and forecasts values in the series' own units (it scales its
 * input and unscales its output itself, so neither can be forgotten), and it reports its MAE in those units too
 * (the loss stays the scaled MSE it minimises).
 *
 * <pre>
 *   TimeSeriesWindows.Split split = TimeSeriesWindows.of(series, 24, 1).split(0.7, 0.15);
 *   Forecaster lstm = Forecaster.forSeries(split).hiddenSize(32).build();
 *   Trainer.builder().model(lstm).epochs(10).build().fit(split.train(), 32, split.validation());
 *   double[] next = lstm.forecast(split.validationEnd(), 48);      // the 48 values after the validation part
 * </pre>
 */
public final class Forecaster implements Trainable<SequenceBatch> {
    private final SequenceNetwork net;
    private final int outputs;
    private final TimeSeriesWindows.Split split;

    private Forecaster(Builder b) {
        this.outputs = b.outputs;
        this.split = b.split;
        this.net = b.network(b.inputSize, b.outputs);
    }

    /**
     * Settings for a forecaster of the series {@code split} was cut from: one value per step in, the split's
     * horizon H out, from the last state of each window of W values. The forecaster keeps the split's scaler and
     * series, so {@link #forecast(int, int)} and {@link #forecast(double[], int)} take and give the series' own
     * units.
     */
    public static Builder forSeries(TimeSeriesWindows.Split split) {
        Shapes.require(!split.train().isEmpty(), "the split has no training windows");
        Builder b = new Builder(1, split.horizon());
        b.split = split;
        return b;
    }

    /** Settings for a forecaster from {@code inputSize} features per step to {@code outputs} values. */
    public static Builder builder(int inputSize, int outputs) {
        return new Builder(inputSize, outputs);
    }

    /** Settings of a {@link Forecaster}; see {@link ModelBuilder}. */
    public static final class Builder extends ModelBuilder<Builder> {
        private final int inputSize;
        private final int outputs;
        private TimeSeriesWindows.Split split;

        private Builder(int inputSize, int outputs) {
            Shapes.require(inputSize > 0 && outputs > 0, "inputSize and outputs must be positive but are %d and %d",
                    inputSize, outputs);
            this.inputSize = inputSize;
            this.outputs = outputs;
        }

        /** The model. */
        public Forecaster build() {
            return new Forecaster(this);
        }
    }

    @Override
    public Parameters parameters() {
        return net.parameters();
    }

    @Override
    public StepResult trainStep(SequenceBatch batch) {
        SequenceNetwork.Pass pass = net.forward(batch.x(), batch.mask(), null);
        INDArray targets = batch.targets().castTo(net.dtype);
        if (perStep(batch)) {
            INDArray hidden = pass.output().outputs();
            INDArray prediction = net.head.forward(hidden);
            INDArray mask = batch.mask().castTo(net.dtype);
            Loss.Result loss = Loss.mse(prediction, targets, mask);
            INDArray dHidden = net.head.backward(hidden, loss.grad());
            net.backward(pass, dHidden, null);
            StepResult result = result(loss, prediction, targets, mask);
            SequenceNetwork.release(pass, prediction, loss.grad(), dHidden);
            return result;
        }
        INDArray last = pass.output().finalState().h();
        INDArray prediction = net.head.forward(last);
        Loss.Result loss = Loss.mse(prediction, targets);
        INDArray dLast = net.head.backward(last, loss.grad());
        INDArray noOutputGradient = pass.output().outputs().ulike().assign(0);
        net.backward(pass, noOutputGradient, net.topGradient(dLast));
        StepResult result = result(loss, prediction, targets, null);
        SequenceNetwork.release(pass, prediction, loss.grad(), dLast, noOutputGradient);
        return result;
    }

    @Override
    public StepResult evaluate(SequenceBatch batch) {
        INDArray prediction = predict(batch);
        INDArray targets = batch.targets().castTo(net.dtype);
        if (perStep(batch)) {
            INDArray mask = batch.mask().castTo(net.dtype);
            return result(Loss.mse(prediction, targets, mask), prediction, targets, mask);
        }
        return result(Loss.mse(prediction, targets), prediction, targets, null);
    }

    /** Predictions: {@code [T, B, K]} for a per-step batch, {@code [B, K]} from the last real state otherwise. */
    public INDArray predict(SequenceBatch batch) {
        SequenceNetwork.Pass pass = net.forward(batch.x(), batch.mask(), null);
        return perStep(batch) ? net.head.forward(pass.output().outputs())
                : net.head.forward(pass.output().finalState().h());
    }

    /**
     * Multi-step autoregressive forecast: reads {@code history [T, B, D]} (all steps real), then predicts
     * {@code steps} further steps, feeding each prediction back as the next input.
     *
     * @return the predictions {@code [steps, B, K]}, K = D
     */
    public INDArray forecast(INDArray history, int steps) {
        Shapes.check(history, "history", "T,B,D", -1, -1, net.inputSize);
        Shapes.require(outputs == net.inputSize, "an autoregressive forecast feeds predictions back as inputs, so"
                + " outputs (%d) must equal the input size (%d)", outputs, net.inputSize);
        Shapes.require(steps > 0, "steps must be positive but is %d", steps);
        int b = (int) history.size(1);
        StreamingPredictor stream = streaming(b);
        INDArray x = history.castTo(net.dtype);
        INDArray y = null;
        for (int t = 0; t < x.size(0); t++) y = stream.step(x.slice(t));
        INDArray out = Nd4j.create(net.dtype, steps, b, outputs);
        for (int s = 0; s < steps; s++) {
            out.slice(s).assign(y);
            if (s + 1 < steps) y = stream.step(y);
        }
        return out;
    }

    /**
     * A univariate forecast: reads {@code history} and predicts the next {@code steps} values. For a forecaster
     * built {@link #forSeries} both are in the series' own units (scaled and unscaled here); otherwise in the
     * units the model was trained on. A series forecaster of horizon 1 feeds each forecast back as the next
     * input; one of horizon H reads the history once and gives its first {@code steps} ≤ H values.
     */
    public double[] forecast(double[] history, int steps) {
        Shapes.require(history.length > 0, "the history to forecast from is empty");
        if (split == null) {
            INDArray h = Nd4j.create(history, new long[] {history.length, 1, 1}, net.dtype);
            return forecast(h, steps).castTo(DataType.DOUBLE).reshape(steps).toDoubleVector();
        }
        TimeSeriesWindows.Scaler scaler = split.scaler();
        double[] scaled = new double[history.length];
        for (int t = 0; t < scaled.length; t++) scaled[t] = scaler.apply(history[t]);
        INDArray h = Nd4j.create(scaled, new long[] {history.length, 1, 1}, net.dtype);
        double[] out;
        if (outputs == 1) {
            out = forecast(h, steps).castTo(DataType.DOUBLE).reshape(steps).toDoubleVector();
        } else {
            Shapes.require(steps > 0 && steps <= outputs, "this forecaster gives its horizon of %d values at once;"
                    + " ask for 1 to %d steps, not %d", outputs, outputs, steps);
            INDArray last = net.forward(h, null, null).output().finalState().h();
            out = java.util.Arrays.copyOf(net.head.forward(last).castTo(DataType.DOUBLE).reshape(outputs)
                    .toDoubleVector(), steps);
        }
        for (int k = 0; k < out.length; k++) out[k] = scaler.invert(out[k]);
        return out;
    }

    /**
     * For a forecaster built {@link #forSeries}: the {@code steps} values after {@code series[from − 1]}, in the
     * series' units, read from the W values before {@code from} (W, the split's window), as of the series the
     * split was cut from. {@code forecast(split.validationEnd(), 24)} forecasts the test part's first 24 values.
     */
    public double[] forecast(int from, int steps) {
        Shapes.require(split != null, "forecast(from, steps) needs a forecaster built with Forecaster.forSeries(split),"
                + " which knows its series; this one was built with builder(inputSize, outputs): pass the history");
        Shapes.require(from >= split.window() && from <= split.series().length,
                "from must be in [W=%d, N=%d] so that the %d values before it exist, but is %d", split.window(),
                split.series().length, split.window(), from);
        return forecast(java.util.Arrays.copyOfRange(split.series(), from - split.window(), from), steps);
    }

    /**
     * What the recurrent stack computed at every step of a batch, for state and gate charts and for measuring
     * saturation: every named value of {@code layer} (0 = the first) stacked over time, each {@code [T, B, H]} —
     * an LSTM gives {@code i, f, g, o, c, h}, a GRU {@code r, z, n, h}, a vanilla RNN {@code a, h}. At padded steps
     * the states are the kept ones.
     */
    public java.util.Map<String, INDArray> trace(SequenceBatch batch, int layer) {
        Shapes.require(layer >= 0 && layer < net.rnn.numLayers(), "layer must be in [0, %d) but is %d",
                net.rnn.numLayers(), layer);
        return net.forward(batch.x(), batch.mask(), null).output().cache().trace(layer);
    }

    /**
     * How much of the loss at the last step reaches each earlier hidden state — the vanishing-gradient chart's
     * quantity, as {@link CharLanguageModel#gradientReach} and {@link SequenceClassifier#gradientReach} give it.
     * From the zero state, over the batch's steps t = 0 … T−1:
     *
     * <pre>
     *   one value per sequence (VALUES):   L_T = (1/(B·K)) Σ_b ‖W h_T,b + b − y_b‖²      the training loss itself
     *   a value per step (STEP_VALUES):    L_T = (1/(N·K)) Σ_b m_{T−1,b} ‖ŷ_{T−1,b} − y_{T−1,b}‖²
     *                                      the last step's share of the training loss (N real steps in all)
     *   g_t = ‖∂L_T/∂h_t‖ = sqrt(Σ_b Σ_j (∂L_T/∂h_{t,b,j})²)      Frobenius norm over the batch and the H units
     * </pre>
     *
     * For a padded sequence with one value, h_T is its state after its own last real step, so its gradient passes
     * the padded steps unchanged. Parameter gradients are put back as they were: a measurement, not a step.
     *
     * @param layer 0 = the first recurrent layer
     * @return g_0 … g_{T−1}
     */
    public double[] gradientReach(SequenceBatch batch, int layer) {
        SequenceNetwork.Pass pass = net.forward(batch.x(), batch.mask(), null);
        INDArray targets = batch.targets().castTo(net.dtype);
        if (perStep(batch)) {
            INDArray hidden = pass.output().outputs();
            INDArray dPrediction = Loss.mse(net.head.forward(hidden), targets, batch.mask().castTo(net.dtype)).grad();
            long steps = dPrediction.size(0);
            if (steps > 1) {
                dPrediction.get(NDArrayIndex.interval(0, steps - 1), NDArrayIndex.all(), NDArrayIndex.all()).assign(0);
            }
            return net.gradientReach(layer, () -> net.rnn.backward(pass.output().cache(),
                    net.head.backward(hidden, dPrediction), null));
        }
        INDArray last = pass.output().finalState().h();
        INDArray dPrediction = Loss.mse(net.head.forward(last), targets).grad();
        return net.gradientReach(layer, () -> net.rnn.backward(pass.output().cache(), null,
                net.topGradient(net.head.backward(last, dPrediction))));
    }

    /** A predictor that reads one step at a time and gives the per-step prediction, keeping its state. */
    public StreamingPredictor streaming(int batch) {
        return new StreamingPredictor(net, batch);
    }

    private static boolean perStep(SequenceBatch batch) {
        Shapes.require(batch.target() == Sequence.Target.STEP_VALUES || batch.target() == Sequence.Target.VALUES,
                "a forecaster needs values per step (STEP_VALUES) or per sequence (VALUES) but the batch has %s",
                batch.target());
        return batch.target() == Sequence.Target.STEP_VALUES;
    }

    /** The loss, and the MAE: in the series' units for a forecaster built {@link #forSeries}, model units otherwise. */
    private StepResult result(Loss.Result loss, INDArray prediction, INDArray targets, INDArray mask) {
        INDArray error = prediction.sub(targets);
        long k = prediction.size(prediction.rank() - 1);
        if (mask != null) {
            error = error.reshape(mask.length(), k).muliColumnVector(mask.reshape(mask.length()));
        }
        double absolute = error.norm1Number().doubleValue() * (split == null ? 1 : split.scaler().scale());
        return StepResult.of(loss.value(), loss.count()).with("mae", Metric.mean(absolute, loss.count() * k));
    }

    /** The cell and the task, as chart titles name the model: {@code "GRU forecaster"}. */
    @Override
    public String name() {
        return net.cell + " forecaster";
    }

    @Override
    public String toString() {
        return "Forecaster(" + net + ")";
    }
}
