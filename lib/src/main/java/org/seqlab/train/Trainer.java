package org.seqlab.train;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.seqlab.Shapes;
import org.seqlab.data.Batcher;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.nn.Parameters;

/**
 * The training loop: epochs over mini-batches, gradient clipping, an optimiser step, validation, a
 * {@link History} and {@link Callback}s.
 *
 * <pre>
 *   Trainer&lt;SequenceBatch&gt; trainer = Trainer.builder()
 *       .model(model).optimizer(Adam.create(model.parameters(), 2e-3))
 *       .epochs(10).clipNorm(1.0).seed(42)
 *       .callbacks(new ProgressLine(), EarlyStopping.patience(3))
 *       .build();
 *   FitResult result = trainer.fit(trainBatches, validationBatches);
 *   trainer.fit(trainSequences, 32, validSequences);         // or straight from sequences, batched here
 *   trainer.fit(Batcher.of(train, 32).bucketed(), validationBatches);
 * </pre>
 *
 * Each step: zero the gradients, {@link Trainable#trainStep}, clip to the global norm (recording the norm before
 * clipping), {@link Optimizer#step()}. Epochs are numbered from 1, batches within an epoch from 0, optimiser
 * steps from 1 and continue across {@code fit} calls, as does the history, so a second {@code fit} trains on.
 *
 * <p><b>Stopping.</b> After every batch the trainer checks {@link Thread#interrupted()} (what Jupyter's
 * Interrupt sends to the cell's thread) and the callbacks' {@link Callback#shouldStop()}; either ends training
 * after that batch, with the parameters as trained so far. The interrupt is <em>consumed and reported</em>
 * as {@link StopReason#INTERRUPTED} rather than re-asserted: a notebook runs the next cell on the same thread,
 * where a still-set flag would stop the next {@code fit} after one batch. Interruptions surfacing as exceptions
 * ({@code InterruptedException} or an interrupted I/O call inside a callback) are treated the same way. A NaN or
 * infinite loss or gradient norm stops training <em>before</em> the optimiser step, so the parameters are those
 * of the last good step, with a message naming the step and what to try. Any other exception or error (also
 * the forced stop of a kernel whose interrupt grace ran out) still calls every callback's
 * {@link Callback#onTrainEnd} and then propagates; the steps so far stay in {@link #history()}.
 *
 * <p><b>Epochs.</b> An epoch is one pass over the training batches, or its first {@link Builder#stepsPerEpoch}
 * batches when that is set, so {@code .epochs(3).stepsPerEpoch(100)} is a budget of 300 steps whatever the
 * data's size (when it has at least 100 batches), with validation after every 100.
 *
 * <p><b>Reproducibility.</b> The batch order of epoch e is a shuffle seeded by {@code (seed, e)}; with the same
 * seed, model initialisation and data, two runs produce the same losses bit for bit. For truncated BPTT over
 * consecutive chunks, turn shuffling off ({@code .shuffle(false)}) so each batch continues the previous one.
 *
 * @param <B> the batch type the model takes
 */
public final class Trainer<B> {
    private final Trainable<B> model;
    private final Optimizer optimizer;
    private final int epochs;
    private final double clipNorm;
    private final long seed;
    private final boolean shuffle;
    private final int stepsPerEpoch;
    private final List<Callback> callbacks;
    private final History history;
    private long step;
    private int epoch;
    private double secondsBefore;

    private Trainer(Builder<B> b) {
        Shapes.require(b.model != null, "Trainer.builder() needs .model(...)");
        this.model = b.model;
        this.optimizer = b.optimizer != null ? b.optimizer : Adam.create(model.parameters(), b.learningRate);
        Shapes.require(optimizer.parameters() == model.parameters(),
                "the optimizer must be created for model.parameters(), the model's own Parameters");
        this.epochs = b.epochs;
        this.clipNorm = b.clipNorm;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        Shapes.require(!(shuffle && model.carriesState()), "%s carries its state from one batch to the next "
                + "(carryState(true)), which is right only when each batch continues the one before it; shuffled "
                + "batches would start each chunk from an unrelated chunk's state. Build the trainer with "
                + ".shuffle(false) and train on CharLanguageModel.streamBatches(...), or build the model without "
                + "carryState(true) to start every batch from zero", model);
        this.stepsPerEpoch = b.stepsPerEpoch;
        this.callbacks = List.copyOf(b.callbacks);
        this.history = new History(b.name != null ? b.name : model.name());
    }

    /** A builder; every setting but {@code model} has a default. */
    public static Builder<Object> builder() {
        return new Builder<>();
    }

    /** Trains for the configured epochs without validation. */
    public FitResult fit(List<B> train) {
        return fit(train, List.of());
    }

    /**
     * Trains for the configured number of epochs, validating after each one.
     *
     * @param train the training batches (shuffled each epoch unless {@code shuffle(false)})
     * @param validation batches evaluated after each epoch (no gradients), or an empty list
     * @return the history and why training stopped
     */
    public FitResult fit(List<B> train, List<B> validation) {
        Shapes.require(!train.isEmpty(), "fit needs at least one training batch");
        return run(e -> shuffle ? shuffled(train, e + 1) : train, validation, train.size());
    }

    /**
     * Trains on fresh batches each epoch, for example {@code trainer.fit(batcher::epoch, validation)} with a
     * {@code org.seqlab.data.Batcher} that reshuffles sequences into new batches every epoch. The trainer does not
     * reorder these batches itself.
     *
     * @param trainEpoch the training batches of an epoch, given the epoch's 0-based index (counting across
     *     {@code fit} calls and restored checkpoints)
     * @param validation batches evaluated after each epoch, or an empty list
     */
    public FitResult fit(IntFunction<List<B>> trainEpoch, List<B> validation) {
        int firstIndex = epoch;
        List<B> first = trainEpoch.apply(firstIndex);
        Shapes.require(!first.isEmpty(), "fit needs at least one training batch");
        return run(e -> e == firstIndex ? first : trainEpoch.apply(e), validation, first.size());
    }

    /**
     * Trains on the batches a {@link Batcher} cuts for each epoch ({@code batcher.epoch(e)}, e counting from 0
     * across {@code fit} calls), validating after each epoch. The batcher decides the order: shuffled with
     * {@link Batcher#shuffled}, in list order without. For models that take {@link SequenceBatch}es.
     *
     * @param validation batches evaluated after each epoch, or an empty list
     * @throws IllegalArgumentException when the model takes another kind of batch
     */
    public FitResult fit(Batcher train, List<B> validation) {
        requireSequenceBatches("fit(Batcher, ...)");
        Shapes.require(!model.carriesState() || train.inListOrder(), "%s carries its state from one batch to the "
                + "next (carryState(true)), which is right only when each batch continues the one before it, but this "
                + "Batcher reorders the sequences every epoch (shuffled or bucketed); train on "
                + "CharLanguageModel.streamBatches(...) with .shuffle(false), or build the model without "
                + "carryState(true)", model);
        return fit(epochOf(train), validation);
    }

    /** {@link #fit(Batcher, List)} without validation. */
    public FitResult fit(Batcher train) {
        return fit(train, List.of());
    }

    /**
     * Trains on sequences, batched here: {@code batchSize} sequences per padded, masked batch, drawn afresh
     * each epoch in an order seeded by the trainer's {@link Builder#seed} (in list order with
     * {@code shuffle(false)}); the validation sequences are batched in order, {@code batchSize} at a time.
     * For models that take {@link SequenceBatch}es.
     *
     * <pre>
     *   trainer.fit(trainSequences, 32, validSequences);     // what Keras writes as fit(x, y, batch_size=32, ...)
     * </pre>
     *
     * @param validation sequences evaluated after each epoch, or an empty list
     * @throws IllegalArgumentException when the model takes another kind of batch, or the sequences cannot share
     *     a batch (see {@link Batcher#of})
     */
    public FitResult fit(List<Sequence> train, int batchSize, List<Sequence> validation) {
        requireSequenceBatches("fit(sequences, batchSize, ...)");
        Batcher batcher = Batcher.of(train, batchSize);
        return fit(epochOf(shuffle ? batcher.shuffled(seed) : batcher),
                validation.isEmpty() ? List.of() : cast(Batcher.of(validation, batchSize).epoch(0)));
    }

    /** {@link #fit(List, int, List)} without validation. */
    public FitResult fit(List<Sequence> train, int batchSize) {
        return fit(train, batchSize, List.of());
    }

    private IntFunction<List<B>> epochOf(Batcher batcher) {
        return e -> cast(batcher.epoch(e));
    }

    @SuppressWarnings("unchecked")
    private List<B> cast(List<SequenceBatch> batches) {
        return (List<B>) (List<?>) batches;
    }

    /**
     * Fails early, with the model's own batch type in the message, when the model declares
     * {@code Trainable<X>} for an {@code X} that is not a {@link SequenceBatch}; a model whose type cannot be
     * read (a raw or lambda-built one) is trusted.
     */
    private void requireSequenceBatches(String call) {
        Class<?> batchType = TrainableTypes.batchType(model.getClass());
        Shapes.require(batchType == null || batchType.isAssignableFrom(SequenceBatch.class),
                "%s feeds SequenceBatch batches, but this model trains on %s batches; pass a List<%s> to fit"
                        + " instead", call, batchType == null ? "?" : batchType.getSimpleName(),
                batchType == null ? "?" : batchType.getSimpleName());
    }

    private FitResult run(IntFunction<List<B>> batchesOf, List<B> validation, int batchesPerEpoch) {
        long start = System.nanoTime();
        int perEpoch = Math.min(batchesPerEpoch, stepsPerEpoch);
        for (Callback c : callbacks) c.onTrainBegin(history, (long) epochs * perEpoch);
        StopReason reason = StopReason.COMPLETED;
        String message = null;
        long firstStep = step;
        try {
            for (int e = 0; e < epochs && reason == StopReason.COMPLETED; e++) {
                int number = epoch + 1;
                model.resetState();
                Totals totals = new Totals();
                List<B> order = batchesOf.apply(number - 1);
                int steps = Math.min(order.size(), stepsPerEpoch);
                for (int i = 0; i < steps; i++) {
                    message = trainOn(order.get(i), number, i, totals, start);
                    if (message != null) {
                        reason = StopReason.NON_FINITE_LOSS;
                        break;
                    }
                    if (Thread.interrupted()) reason = StopReason.INTERRUPTED;
                    else if (anyStop()) reason = StopReason.EARLY_STOP;
                    if (reason != StopReason.COMPLETED) break;
                }
                if (reason != StopReason.COMPLETED) break;
                Totals checked = new Totals();
                boolean validated = evaluateInto(validation, checked);
                epoch = number;
                History.Epoch record = new History.Epoch(number, totals.values(),
                        validated ? checked.values() : Map.of(), seconds(start));
                history.add(record);
                for (Callback c : callbacks) c.onEpochEnd(history, record);
                if (!validated || Thread.interrupted()) reason = StopReason.INTERRUPTED;
                else if (anyStop()) reason = StopReason.EARLY_STOP;
            }
        } catch (RuntimeException | Error ex) {
            // an Error includes the ThreadDeath of a kernel that stops a cell by force: callbacks still finish
            if (ex instanceof Error || !isInterruption(ex)) {
                secondsBefore = seconds(start);
                for (Callback c : callbacks) c.onTrainEnd(history);
                throw ex;
            }
            Thread.interrupted();
            reason = StopReason.INTERRUPTED;
        }
        secondsBefore = seconds(start);
        for (Callback c : callbacks) c.onTrainEnd(history);
        return new FitResult(history, reason, message != null ? message : summary(reason, step - firstStep, start));
    }

    /**
     * The loss and metrics over {@code batches} (no gradients), as exact averages over their real steps.
     * The model's carried state is reset first.
     */
    public Map<String, Double> evaluate(List<B> batches) {
        Totals totals = new Totals();
        evaluateInto(batches, totals);
        return totals.values();
    }

    /**
     * Saves parameters, optimiser state and counters to {@code file} atomically (see {@link Checkpoint}).
     */
    public void save(java.nio.file.Path file) {
        Checkpoint.save(file, model.parameters(), optimizer, step, epoch);
    }

    /**
     * Loads a checkpoint saved by {@link #save} or {@link CheckpointSaver} into the model and optimiser and
     * continues the step and epoch counters from it, so the next {@code fit} resumes where that run stopped.
     */
    public Checkpoint.Counters restore(java.nio.file.Path file) {
        Checkpoint.Counters counters = Checkpoint.load(file, model.parameters(), optimizer);
        step = counters.step();
        epoch = counters.epoch();
        return counters;
    }

    /** Every step and epoch recorded so far. */
    public History history() {
        return history;
    }

    /** The optimiser (given, or the default Adam). */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The model being trained. */
    public Trainable<B> model() {
        return model;
    }

    /** One step; returns a message if the loss or gradient norm is not finite (and then changes nothing). */
    private String trainOn(B batch, int number, int index, Totals totals, long start) {
        Parameters parameters = model.parameters();
        parameters.zeroGrad();
        StepResult r = model.trainStep(batch);
        if (!Double.isFinite(r.loss())) return nonFinite("loss", r.loss(), number, index);
        double norm = clipNorm > 0 ? Clipping.clipGlobalNorm(parameters, clipNorm) : Clipping.globalNorm(parameters);
        if (!Double.isFinite(norm)) return nonFinite("gradient norm", norm, number, index);
        optimizer.step();
        step++;
        totals.add(r);
        History.Step record = new History.Step(number, index, step, r.loss(), norm, seconds(start),
                Totals.valuesOf(r.metrics()));
        history.add(record);
        for (Callback c : callbacks) c.onStep(history, record);
        return null;
    }

    /** Evaluates into {@code totals}; false if interrupted between batches. */
    private boolean evaluateInto(List<B> batches, Totals totals) {
        model.resetState();
        for (B batch : batches) {
            totals.add(model.evaluate(batch));
            if (Thread.interrupted()) return false;
        }
        return true;
    }

    private String nonFinite(String what, double value, int number, int index) {
        return "the " + what + " was " + value + " at step " + (step + 1) + " (epoch " + number + ", batch " + index
                + "); training stopped and the parameters are those before this step. Try gradient clipping"
                + (clipNorm > 0 ? " with a smaller norm than " + clipNorm : " (.clipNorm(1.0))")
                + " or a lower learning rate than " + optimizer.learningRate() + ".";
    }

    private String summary(StopReason reason, long steps, long start) {
        String done = steps + " steps, " + epoch + " epochs in all, " + String.format("%.1f s", seconds(start)
                - secondsBefore);
        return switch (reason) {
            case COMPLETED -> "completed " + epochs + " epochs (" + done + ")";
            case EARLY_STOP -> "stopped early by a callback (" + done + ")";
            case INTERRUPTED -> "interrupted; the model keeps its training so far (" + done + ")";
            case NON_FINITE_LOSS -> "non-finite loss";
        };
    }

    private List<B> shuffled(List<B> batches, int number) {
        List<B> order = new ArrayList<>(batches);
        Collections.shuffle(order, new Random(seed * 0x9E3779B97F4A7C15L + number));
        return order;
    }

    private boolean anyStop() {
        boolean stop = false;
        for (Callback c : callbacks) stop |= c.shouldStop();
        return stop;
    }

    private double seconds(long start) {
        return secondsBefore + (System.nanoTime() - start) / 1e9;
    }

    private static boolean isInterruption(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof InterruptedIOException
                    || c instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    /** Sums and counts of the loss and metrics over batches. */
    private static final class Totals {
        private final Map<String, Metric> sums = new LinkedHashMap<>();

        void add(StepResult r) {
            sums.merge("loss", r.lossMetric(), Metric::plus);
            r.metrics().forEach((name, m) -> sums.merge(name, m, Metric::plus));
        }

        Map<String, Double> values() {
            return valuesOf(sums);
        }

        static Map<String, Double> valuesOf(Map<String, Metric> metrics) {
            Map<String, Double> values = new LinkedHashMap<>();
            metrics.forEach((name, m) -> values.put(name, m.value()));
            return Collections.unmodifiableMap(values);
        }
    }

    /**
     * Settings of a {@link Trainer}.
     *
     * @param <B> the batch type, fixed by {@link #model}
     */
    public static final class Builder<B> {
        private Trainable<B> model;
        private Optimizer optimizer;
        private double learningRate = 1e-3;
        private int epochs = 10;
        private double clipNorm = 0;
        private long seed = 42;
        private boolean shuffle = true;
        private int stepsPerEpoch = Integer.MAX_VALUE;
        private final List<Callback> callbacks = new ArrayList<>();
        private String name;

        private Builder() {}

        /** The model to train (required); fixes the batch type. */
        @SuppressWarnings("unchecked")
        public <C> Builder<C> model(Trainable<C> model) {
            Builder<C> typed = (Builder<C>) this;
            typed.model = model;
            return typed;
        }

        /** The optimiser, created for {@code model.parameters()}; default {@code Adam} with {@link #learningRate}. */
        public Builder<B> optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** The learning rate of the default Adam optimiser (default 1e-3); ignored when an optimiser is given. */
        public Builder<B> learningRate(double learningRate) {
            Shapes.require(learningRate > 0, "learningRate must be > 0 but is %s", learningRate);
            this.learningRate = learningRate;
            return this;
        }

        /** Epochs per {@code fit} call (default 10). */
        public Builder<B> epochs(int epochs) {
            Shapes.require(epochs > 0, "epochs must be > 0 but is %d", epochs);
            this.epochs = epochs;
            return this;
        }

        /** Clips gradients to this global L2 norm before each step (default: no clipping, norm still recorded). */
        public Builder<B> clipNorm(double maxNorm) {
            Shapes.require(maxNorm > 0, "clipNorm must be > 0 but is %s", maxNorm);
            this.clipNorm = maxNorm;
            return this;
        }

        /** The seed of the batch shuffling (default 42). */
        public Builder<B> seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether to shuffle the batch order each epoch (default true; false for truncated BPTT). */
        public Builder<B> shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * At most this many optimiser steps per epoch (default: every batch): each epoch trains on the first
         * {@code steps} batches of its order (a fresh subset each epoch when shuffled) and then validates. With
         * {@link #epochs} it fixes the run's budget, {@code epochs × steps}, whatever the data's size, as Keras's
         * {@code steps_per_epoch} does; an epoch with fewer batches trains on all of them.
         */
        public Builder<B> stepsPerEpoch(int steps) {
            Shapes.require(steps > 0, "stepsPerEpoch must be > 0 but is %d", steps);
            this.stepsPerEpoch = steps;
            return this;
        }

        /** Adds callbacks, called in the order given. */
        public Builder<B> callbacks(Callback... callbacks) {
            Collections.addAll(this.callbacks, callbacks);
            return this;
        }

        /** The run's label in the history and charts (default: the model's {@link Trainable#name()}). */
        public Builder<B> name(String name) {
            this.name = name;
            return this;
        }

        /** The trainer. */
        public Trainer<B> build() {
            return new Trainer<>(this);
        }
    }
}
