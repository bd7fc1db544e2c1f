package org.seqlab.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.Shapes;
import org.seqlab.nn.Parameters;

/**
 * Stops training when a monitored metric has not improved for {@code patience} epochs.
 *
 * <p>It watches the validation value of the metric (the training value when there is no validation), by
 * default {@code "loss"}. Lower is better, except for {@code "accuracy"}. An epoch improves on the best so far
 * when it is better by more than {@code minDelta}. With {@link #restoreBest(Parameters)} the parameters of the
 * best epoch are copied back when training ends.
 *
 * <pre>
 *   EarlyStopping.patience(3).monitor("perplexity").restoreBest(model.parameters())
 * </pre>
 */
public final class EarlyStopping implements Callback {
    private final int patience;
    private String metric = "loss";
    private double minDelta = 0;
    private Parameters restore;
    private Map<String, INDArray> bestValues;
    private double best = Double.NaN;
    private int bestEpoch = -1;
    private int sinceBest;
    private boolean stop;

    private EarlyStopping(int patience) {
        Shapes.require(patience >= 1, "patience must be >= 1 epoch but is %d", patience);
        this.patience = patience;
    }

    /** Stops after {@code epochs} epochs without improvement of the validation loss. */
    public static EarlyStopping patience(int epochs) {
        return new EarlyStopping(epochs);
    }

    /** Monitors this metric ({@code "loss"}, {@code "perplexity"}, {@code "accuracy"}, {@code "mae"}). */
    public EarlyStopping monitor(String metric) {
        this.metric = metric;
        return this;
    }

    /** The smallest change that counts as an improvement (default 0). */
    public EarlyStopping minDelta(double minDelta) {
        Shapes.require(minDelta >= 0, "minDelta must be >= 0 but is %s", minDelta);
        this.minDelta = minDelta;
        return this;
    }

    /** Copies the best epoch's parameter values back into {@code parameters} when training ends. */
    public EarlyStopping restoreBest(Parameters parameters) {
        this.restore = parameters;
        return this;
    }

    @Override
    public void onTrainBegin(History history, long totalSteps) {
        stop = false;
        sinceBest = 0;
    }

    @Override
    public void onEpochEnd(History history, History.Epoch epoch) {
        Map<String, Double> values = epoch.validation().isEmpty() ? epoch.train() : epoch.validation();
        Double value = values.get(metric);
        Shapes.require(value != null, "EarlyStopping monitors %s but the epoch reports %s", metric, values.keySet());
        double sign = metric.equals("accuracy") ? -1 : 1;
        if (bestEpoch < 0 || sign * value < sign * best - minDelta) {
            best = value;
            bestEpoch = epoch.epoch();
            sinceBest = 0;
            if (restore != null) bestValues = copy(restore);
        } else if (++sinceBest >= patience) {
            stop = true;
        }
    }

    @Override
    public void onTrainEnd(History history) {
        if (restore != null && bestValues != null) {
            for (String name : restore.names()) restore.get(name).value().assign(bestValues.get(name));
        }
    }

    @Override
    public boolean shouldStop() {
        return stop;
    }

    /** The best value seen (NaN before the first epoch). */
    public double best() {
        return best;
    }

    /** The epoch of the best value (-1 before the first epoch). */
    public int bestEpoch() {
        return bestEpoch;
    }

    private static Map<String, INDArray> copy(Parameters parameters) {
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (String name : parameters.names()) values.put(name, parameters.get(name).value().dup());
        return values;
    }
}
