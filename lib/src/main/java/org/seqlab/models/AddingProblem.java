package org.seqlab.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.Shapes;
import org.seqlab.data.Batcher;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.data.Tasks;
import org.seqlab.train.Adam;
import org.seqlab.train.Callback;
import org.seqlab.train.FitResult;
import org.seqlab.train.History;
import org.seqlab.train.Trainable;
import org.seqlab.train.Trainer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The adding problem ({@link Tasks#adding}) as a fixed-budget experiment: the same data, optimiser and number of
 * optimiser steps for every model, so a table of runs compares the models and nothing else.
 *
 * <pre>
 *   AddingProblem task = AddingProblem.of(50).steps(1000).seed(1);
 *   AddingProblem.Run run = task.train("LSTM, H=32", Forecaster.builder(2, 1).cell(CellType.LSTM).hiddenSize(32).build());
 *   run.mse(); run.fractionOfBaseline(); run.solved();
 *   AddingProblem.table(runs);        // one row per model and T: MSE (mean ± sd over seeds), % of baseline, verdict
 * </pre>
 *
 * <p>One run: a training set of {@link #trainSize} sequences of length T drawn with the seed, cut into batches of
 * {@link #batchSize} in a fresh order every pass, exactly {@link #steps} steps of Adam (learning rate
 * {@link #learningRate}) with gradients clipped to global norm {@link #clipNorm}, and the mean squared error on
 * {@link #VALIDATION_SIZE} held-out sequences (the same for every seed) after every pass; the last is the run's. The baseline is the best constant guess,
 * ŷ = 1 = E[y], whose MSE is Var(y) = 2 · 1/12 ≈ 0.167; a run is <em>solved</em> below {@link #SOLVED} of it.
 */
public final class AddingProblem {
    /** A run is solved when its MSE is below this fraction of the baseline's (10 %). */
    public static final double SOLVED = 0.1;
    /** Held-out sequences the MSE is measured on (enough that the baseline's estimate is within about ±0.005). */
    public static final int VALIDATION_SIZE = 2000;
    /** Held-out sequences per evaluation batch (the unrolled pass of a long LSTM batch holds T·B·4H values). */
    private static final int VALIDATION_BATCH = 250;
    /** The seed of the held-out sequences: the same for every run, whatever its own seed. */
    public static final long VALIDATION_SEED = 1_000_003L;

    private final int length;
    private final int steps;
    private final int batchSize;
    private final int trainSize;
    private final double learningRate;
    private final double clipNorm;
    private final long seed;
    private final List<Callback> callbacks;

    private AddingProblem(int length, int steps, int batchSize, int trainSize, double learningRate, double clipNorm,
                          long seed, List<Callback> callbacks) {
        this.length = length;
        this.steps = steps;
        this.batchSize = batchSize;
        this.trainSize = trainSize;
        this.learningRate = learningRate;
        this.clipNorm = clipNorm;
        this.seed = seed;
        this.callbacks = callbacks;
    }

    /**
     * The adding problem with sequences of {@code length} steps and the defaults: 1000 steps, batches of 32, a
     * training set of 8000 sequences, Adam at 0.01, clipping at 1, seed 1.
     */
    public static AddingProblem of(int length) {
        Shapes.require(length >= 2, "length must be at least 2 but is %d", length);
        return new AddingProblem(length, 1000, 32, 8000, 0.01, 1.0, 1, List.of());
    }

    /**
     * The budget: exactly this many optimiser steps, at most one pass over the training set or a whole number of
     * passes (the default 8000 sequences in batches of 32 make a pass of 250 steps).
     */
    public AddingProblem steps(int steps) {
        Shapes.require(steps > 0, "steps must be positive but is %d", steps);
        return new AddingProblem(length, steps, batchSize, trainSize, learningRate, clipNorm, seed, callbacks);
    }

    /** Sequences per batch, B. */
    public AddingProblem batchSize(int batchSize) {
        Shapes.require(batchSize > 0, "batchSize must be positive but is %d", batchSize);
        return new AddingProblem(length, steps, batchSize, trainSize, learningRate, clipNorm, seed, callbacks);
    }

    /** Sequences in the training set; the steps cycle through it (in a new order each pass). */
    public AddingProblem trainSize(int trainSize) {
        Shapes.require(trainSize >= batchSize, "trainSize must be at least one batch (%d) but is %d", batchSize,
                trainSize);
        return new AddingProblem(length, steps, batchSize, trainSize, learningRate, clipNorm, seed, callbacks);
    }

    /** Adam's learning rate. */
    public AddingProblem learningRate(double learningRate) {
        Shapes.require(learningRate > 0, "learningRate must be positive but is %s", learningRate);
        return new AddingProblem(length, steps, batchSize, trainSize, learningRate, clipNorm, seed, callbacks);
    }

    /** The global norm gradients are clipped to; 0 turns clipping off. */
    public AddingProblem clipNorm(double clipNorm) {
        Shapes.require(clipNorm >= 0, "clipNorm must be >= 0 (0 = off) but is %s", clipNorm);
        return new AddingProblem(length, steps, batchSize, trainSize, learningRate, clipNorm, seed, callbacks);
    }

    /** The seed of the training set and of the batch order (the model's initial weights have their own seed). */
    public AddingProblem seed(long seed) {
        return new AddingProblem(length, steps, batchSize, trainSize, learningRate, clipNorm, seed, callbacks);
    }

    /** Callbacks for the trainer, e.g. {@code LiveView.create()} to watch a run. */
    public AddingProblem callbacks(Callback... callbacks) {
        return new AddingProblem(length, steps, batchSize, trainSize, learningRate, clipNorm, seed,
                List.of(callbacks));
    }

    /** T, the length of every sequence. */
    public int length() {
        return length;
    }

    /** The training set, {@code trainSize} sequences: x {@code [T, 2]} (value, marker), y the sum, from the seed. */
    public List<Sequence> trainingSet() {
        return Tasks.adding(trainSize, length, seed);
    }

    /** The {@link #VALIDATION_SIZE} held-out sequences, the same for every seed. */
    public List<Sequence> validationSet() {
        return Tasks.adding(VALIDATION_SIZE, length, VALIDATION_SEED);
    }

    /** The baseline: the MSE of always predicting 1 on the held-out sequences (≈ 1/6). */
    public double baseline() {
        return constantGuessMse(validationSet(), 1.0);
    }

    /** The mean squared error of predicting {@code guess} for every sequence of {@code data}. */
    public static double constantGuessMse(List<Sequence> data, double guess) {
        Shapes.require(!data.isEmpty(), "there must be at least one sequence");
        double sum = 0;
        for (Sequence s : data) {
            double e = guess - s.y()[0][0];
            sum += e * e;
        }
        return sum / data.size();
    }

    /**
     * One run: trains {@code model} for exactly {@link #steps} steps and measures its MSE on the held-out
     * sequences. The model must predict one value per sequence with the squared error as its loss, as a
     * {@link Forecaster} of 2 inputs and 1 output does.
     *
     * @param name the run's label in tables and charts ("LSTM, H=32")
     */
    public Run train(String name, Trainable<SequenceBatch> model) {
        Batcher batcher = Batcher.of(trainingSet(), batchSize).shuffled(seed);
        int perPass = batcher.batchesPerEpoch();
        Shapes.require(steps <= perPass || steps % perPass == 0, "steps must be at most one pass over the training set"
                + " (%d batches of %d) or a whole number of passes, but is %d", perPass, batchSize, steps);
        Trainer<SequenceBatch> trainer = Trainer.builder().model(model)
                .optimizer(Adam.create(model.parameters(), learningRate))
                .clipNorm(clipNorm).epochs(Math.max(1, steps / perPass)).stepsPerEpoch(Math.min(steps, perPass))
                .seed(seed).name(name + ", T=" + length).callbacks(callbacks.toArray(new Callback[0])).build();
        FitResult fit = trainer.fit(batcher, Batcher.of(validationSet(), VALIDATION_BATCH).epoch(0));
        List<History.Epoch> epochs = trainer.history().epochs();
        double mse = fit.completed() ? epochs.get(epochs.size() - 1).validation().get("loss") : Double.NaN;
        return new Run(name, length, model.parameters().count(), trainer.history().steps().size(), seed, mse,
                constantGuessMse(validationSet(), 1.0), fit, trainer.history());
    }

    /**
     * What one run gave.
     *
     * @param name the model's label
     * @param length T
     * @param parameters the model's number of weights
     * @param steps optimiser steps taken (the budget, unless training stopped early)
     * @param seed the data seed
     * @param mse mean squared error on the held-out sequences; NaN when training stopped (see {@code fit})
     * @param baseline the MSE of always predicting 1 on the same sequences
     * @param fit why training stopped, with the trainer's message
     * @param history the training loss per step, named "{@code name}, T={@code length}" for charts
     */
    public record Run(String name, int length, long parameters, int steps, long seed, double mse, double baseline,
                      FitResult fit, History history) {
        /** MSE as a fraction of the baseline's: 1 = no better than always guessing 1. */
        public double fractionOfBaseline() {
            return mse / baseline;
        }

        /** Whether the MSE is below {@link #SOLVED} of the baseline's. */
        public boolean solved() {
            return fractionOfBaseline() < SOLVED;
        }

        @Override
        public String toString() {
            return String.format("%s at T = %d: MSE %.4f (%.1f %% of the baseline %.4f) after %d steps: %s", name,
                    length, mse, 100 * fractionOfBaseline(), baseline, steps, solved() ? "solved" : "not solved");
        }
    }

    /**
     * One row per model and length, in the order first met: the MSE's mean and standard deviation over the runs
     * (seeds) of that row, the mean as a percentage of the baseline, how many runs solved it and the verdict
     * (solved when the mean is below {@link #SOLVED} of the baseline).
     */
    public static Table table(List<Run> runs) {
        Shapes.require(!runs.isEmpty(), "give at least one run");
        Map<String, List<Run>> rows = new LinkedHashMap<>();
        for (Run r : runs) rows.computeIfAbsent(r.name() + "\u0000" + r.length(), k -> new ArrayList<>()).add(r);
        StringColumn model = StringColumn.create("model");
        IntColumn t = IntColumn.create("T");
        IntColumn parameters = IntColumn.create("parameters");
        IntColumn steps = IntColumn.create("steps");
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn mean = DoubleColumn.create("MSE");
        DoubleColumn sd = DoubleColumn.create("± sd");
        DoubleColumn percent = DoubleColumn.create("% of baseline");
        StringColumn solvedBy = StringColumn.create("solved by");
        StringColumn verdict = StringColumn.create("verdict");
        for (List<Run> group : rows.values()) {
            Run first = group.get(0);
            double[] mse = group.stream().mapToDouble(Run::mse).toArray();
            double m = Arrays.stream(mse).average().orElse(Double.NaN);
            double baseline = group.stream().mapToDouble(Run::baseline).average().orElse(Double.NaN);
            long solved = group.stream().filter(Run::solved).count();
            model.append(first.name());
            t.append(first.length());
            parameters.append(Math.toIntExact(first.parameters()));
            steps.append(first.steps());
            seeds.append(group.size());
            mean.append(round(m, 4));
            if (group.size() > 1) sd.append(round(standardDeviation(mse, m), 4));
            else sd.appendMissing();
            percent.append(round(100 * m / baseline, 1));
            solvedBy.append(solved + " of " + group.size());
            verdict.append(m / baseline < SOLVED ? "solved" : "not solved");
        }
        return Table.create("Adding problem: validation MSE after a fixed budget of steps (baseline: always 1)",
                model, t, parameters, steps, seeds, mean, sd, percent, solvedBy, verdict);
    }

    private static double standardDeviation(double[] v, double mean) {
        double s = 0;
        for (double x : v) s += (x - mean) * (x - mean);
        return Math.sqrt(s / (v.length - 1));
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    @Override
    public String toString() {
        return String.format("AddingProblem(T = %d, %d steps of batches of %d, %d training sequences, Adam %s, clip %s,"
                + " seed %d)", length, steps, batchSize, trainSize, learningRate, clipNorm, seed);
    }
}
