package org.seqlab.train;

import java.nio.file.Path;
import java.util.Map;
import org.seqlab.Shapes;

/**
 * Saves a {@link Checkpoint} at the end of every epoch (or only when a monitored metric improves), atomically,
 * so an interrupted or crashed run can be resumed with {@link Checkpoint#load}.
 *
 * <pre>
 *   CheckpointSaver.everyEpoch(Path.of("runs/lstm.ckpt"), trainer.optimizer())
 *   CheckpointSaver.best(Path.of("runs/best.ckpt"), optimizer, "loss")
 * </pre>
 */
public final class CheckpointSaver implements Callback {
    private final Path file;
    private final Optimizer optimizer;
    private final String metric;
    private double best = Double.NaN;
    private int saved;

    private CheckpointSaver(Path file, Optimizer optimizer, String metric) {
        Shapes.require(file != null && optimizer != null, "CheckpointSaver needs a file and the optimizer");
        this.file = file;
        this.optimizer = optimizer;
        this.metric = metric;
    }

    /** Saves the optimiser's parameters and state after every epoch, replacing the previous file. */
    public static CheckpointSaver everyEpoch(Path file, Optimizer optimizer) {
        return new CheckpointSaver(file, optimizer, null);
    }

    /**
     * Saves after an epoch only when {@code metric} (validation value, else training value) is the best so far:
     * lowest, or highest for {@code "accuracy"}.
     */
    public static CheckpointSaver best(Path file, Optimizer optimizer, String metric) {
        return new CheckpointSaver(file, optimizer, metric);
    }

    @Override
    public void onEpochEnd(History history, History.Epoch epoch) {
        if (metric != null) {
            Map<String, Double> values = epoch.validation().isEmpty() ? epoch.train() : epoch.validation();
            Double value = values.get(metric);
            Shapes.require(value != null, "CheckpointSaver monitors %s but the epoch reports %s", metric,
                    values.keySet());
            double sign = metric.equals("accuracy") ? -1 : 1;
            if (!Double.isNaN(best) && !(sign * value < sign * best)) return;
            best = value;
        }
        long step = history.steps().isEmpty() ? 0 : history.steps().get(history.steps().size() - 1).step();
        Checkpoint.save(file, optimizer.parameters(), optimizer, step, epoch.epoch());
        saved++;
    }

    /** How many checkpoints this callback has written. */
    public int saved() {
        return saved;
    }

    /** The checkpoint file. */
    public Path file() {
        return file;
    }
}
