package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.data.Batcher;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.Parameters;

class TrainerTest {
    private static final List<LinearRegression.Batch> TRAIN = LinearRegression.data(8, 16, 1);
    private static final List<LinearRegression.Batch> VALID = LinearRegression.data(2, 16, 100);

    @TempDir
    Path dir;

    private static Map<String, INDArray> snapshot(Parameters ps) {
        Map<String, INDArray> copy = new HashMap<>();
        for (Parameter p : ps) copy.put(p.name(), p.value().dup());
        return copy;
    }

    private static void assertSameValues(Map<String, INDArray> expected, Parameters actual) {
        for (Parameter p : actual) assertEquals(expected.get(p.name()), p.value(), p.name());
    }

    private static Trainer<LinearRegression.Batch> trainer(LinearRegression model, long seed, int epochs,
                                                           Callback... callbacks) {
        return Trainer.builder().model(model).optimizer(Adam.create(model.parameters(), 0.05))
                .epochs(epochs).seed(seed).callbacks(callbacks).build();
    }

    @Test
    void lossGoesDown() {
        FitResult r = trainer(new LinearRegression(3, 7), 1, 30).fit(TRAIN, VALID);
        assertEquals(StopReason.COMPLETED, r.reason());
        List<History.Epoch> epochs = r.history().epochs();
        assertTrue(epochs.get(29).train().get("loss") < epochs.get(0).train().get("loss") / 10, r.toString());
        assertTrue(epochs.get(29).validation().get("mae") < 0.2, r.toString());
    }

    @Test
    void theSameSeedGivesTheSameLossesBitForBit() {
        double[] a = trainer(new LinearRegression(3, 7), 5, 3).fit(TRAIN).history().stepLosses();
        double[] b = trainer(new LinearRegression(3, 7), 5, 3).fit(TRAIN).history().stepLosses();
        double[] c = trainer(new LinearRegression(3, 7), 6, 3).fit(TRAIN).history().stepLosses();
        assertArrayEquals(a, b, 0);
        assertFalse(java.util.Arrays.equals(a, c), "another seed shuffles the batches differently");
    }

    @Test
    void historyRecordsEveryStepAndExactEpochAverages() {
        List<LinearRegression.Batch> uneven = new ArrayList<>(LinearRegression.data(2, 10, 3));
        uneven.addAll(LinearRegression.data(1, 30, 9));
        LinearRegression model = new LinearRegression(3, 7);
        Trainer<LinearRegression.Batch> t = Trainer.builder().model(model).optimizer(Sgd.create(model.parameters(),
                1e-9)).epochs(2).shuffle(false).name("tiny").build();
        History h = t.fit(uneven, VALID).history();
        assertEquals("tiny", h.name());
        assertEquals(6, h.steps().size());
        History.Step s = h.steps().get(4);
        assertEquals(List.of(2, 1, 5L), List.of(s.epoch(), s.batch(), s.step()));
        assertEquals(List.of("mae"), List.copyOf(s.metrics().keySet()));
        assertTrue(s.gradNorm() > 0 && s.seconds() >= h.steps().get(3).seconds());
        History.Epoch e = h.epochs().get(0);
        assertEquals(List.of("loss", "mae"), List.copyOf(e.train().keySet()));
        assertEquals(List.of("loss", "mae"), List.copyOf(e.validation().keySet()));
        double weighted = (h.steps().get(0).loss() * 10 + h.steps().get(1).loss() * 10 + h.steps().get(2).loss() * 30)
                / 50;
        assertEquals(weighted, e.train().get("loss"), 1e-6);
        assertEquals(2 + 2, model.resets, "reset before each epoch and each validation run");
    }

    @Test
    void callbacksAreCalledInOrder() {
        List<String> events = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onTrainBegin(History h, long total) {
                events.add("begin " + total);
            }

            @Override
            public void onStep(History h, History.Step s) {
                events.add("step " + s.step());
            }

            @Override
            public void onEpochEnd(History h, History.Epoch e) {
                events.add("epoch " + e.epoch());
            }

            @Override
            public void onTrainEnd(History h) {
                events.add("end");
            }
        };
        Callback second = new Callback() {
            @Override
            public void onEpochEnd(History h, History.Epoch e) {
                events.add("second epoch " + e.epoch());
            }
        };
        trainer(new LinearRegression(3, 7), 1, 2, recorder, second).fit(TRAIN.subList(0, 2));
        assertEquals(List.of("begin 4", "step 1", "step 2", "epoch 1", "second epoch 1", "step 3", "step 4",
                "epoch 2", "second epoch 2", "end"), events);
    }

    @Test
    void anInterruptFromAnotherThreadStopsAtTheEndOfTheBatchKeepingTheTraining() throws Exception {
        LinearRegression model = new LinearRegression(3, 7);
        CountDownLatch atFifthStep = new CountDownLatch(1);
        Trainable<LinearRegression.Batch> slow = new Trainable<>() {
            int calls;

            public Parameters parameters() {
                return model.parameters();
            }

            public StepResult trainStep(LinearRegression.Batch b) {
                if (++calls == 5) {
                    atFifthStep.countDown();
                    while (!Thread.currentThread().isInterrupted()) Thread.onSpinWait();
                }
                return model.trainStep(b);
            }

            public StepResult evaluate(LinearRegression.Batch b) {
                return model.evaluate(b);
            }
        };
        AtomicReference<Map<String, INDArray>> afterStep5 = new AtomicReference<>();
        Callback watch = new Callback() {
            @Override
            public void onStep(History h, History.Step s) {
                if (s.step() == 5) afterStep5.set(snapshot(model.parameters()));
            }
        };
        AtomicReference<FitResult> result = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Trainer<LinearRegression.Batch> t = Trainer.builder().model(slow).epochs(5).callbacks(watch).build();
        Thread worker = new Thread(() -> {
            result.set(t.fit(TRAIN, VALID));
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        atFifthStep.await();
        worker.interrupt();
        worker.join(30_000);
        assertEquals(StopReason.INTERRUPTED, result.get().reason());
        assertEquals(5, result.get().history().steps().size());
        assertTrue(result.get().history().epochs().isEmpty());
        assertSameValues(afterStep5.get(), model.parameters());
        assertFalse(flagAfter.get(), "the interrupt is consumed and reported in the result");
        assertTrue(result.get().message().contains("interrupted"), result.get().message());
    }

    @Test
    void anInterruptedExceptionInACallbackCountsAsAnInterrupt() {
        Callback sleepy = new Callback() {
            @Override
            public void onStep(History h, History.Step s) {
                throw new IllegalStateException("chart update", new InterruptedException());
            }
        };
        FitResult r = trainer(new LinearRegression(3, 7), 1, 2, sleepy).fit(TRAIN);
        assertEquals(StopReason.INTERRUPTED, r.reason());
        assertEquals(1, r.history().steps().size());
    }

    @Test
    void aNanLossStopsWithAMessageAndLeavesTheParametersOfTheLastGoodStep() {
        LinearRegression model = new LinearRegression(3, 7);
        Trainable<LinearRegression.Batch> exploding = new Trainable<>() {
            int calls;

            public Parameters parameters() {
                return model.parameters();
            }

            public StepResult trainStep(LinearRegression.Batch b) {
                StepResult r = model.trainStep(b);
                return ++calls == 3 ? StepResult.of(Double.NaN, r.count()) : r;
            }

            public StepResult evaluate(LinearRegression.Batch b) {
                return model.evaluate(b);
            }
        };
        AtomicReference<Map<String, INDArray>> afterStep2 = new AtomicReference<>();
        Callback watch = new Callback() {
            @Override
            public void onStep(History h, History.Step s) {
                afterStep2.set(snapshot(model.parameters()));
            }
        };
        FitResult r = Trainer.builder().model(exploding).learningRate(0.5).epochs(3).callbacks(watch).build()
                .fit(TRAIN);
        assertEquals(StopReason.NON_FINITE_LOSS, r.reason());
        assertEquals(2, r.history().steps().size());
        assertSameValues(afterStep2.get(), model.parameters());
        assertTrue(r.message().contains("NaN at step 3 (epoch 1, batch 2)"), r.message());
        assertTrue(r.message().contains("clipNorm") && r.message().contains("lower learning rate than 0.5"),
                r.message());
    }

    @Test
    void clippingRecordsTheNormBeforeClippingAndStepsWithTheClippedGradient() {
        LinearRegression model = new LinearRegression(3, 7);
        Map<String, INDArray> before = snapshot(model.parameters());
        FitResult r = Trainer.builder().model(model).optimizer(Sgd.create(model.parameters(), 1.0)).clipNorm(1e-3)
                .epochs(1).build().fit(TRAIN.subList(0, 1));
        double norm = r.history().steps().get(0).gradNorm();
        assertTrue(norm > 1e-2, "recorded norm " + norm + " is the unclipped one");
        double moved = 0;
        for (Parameter p : model.parameters()) {
            double d = p.value().sub(before.get(p.name())).norm2Number().doubleValue();
            moved += d * d;
        }
        assertEquals(1e-3, Math.sqrt(moved), 1e-6);
    }

    @Test
    void aRunResumedFromACheckpointMatchesAnUninterruptedRun() {
        LinearRegression straight = new LinearRegression(3, 7);
        double[] expected = trainer(straight, 3, 4).fit(TRAIN).history().stepLosses();

        LinearRegression first = new LinearRegression(3, 7);
        Trainer<LinearRegression.Batch> a = trainer(first, 3, 2);
        a.fit(TRAIN);
        a.save(dir.resolve("half.ckpt"));
        LinearRegression resumed = new LinearRegression(3, 99);
        Trainer<LinearRegression.Batch> b = trainer(resumed, 3, 2);
        assertEquals(new Checkpoint.Counters(16, 2), b.restore(dir.resolve("half.ckpt")));
        double[] second = b.fit(TRAIN).history().stepLosses();
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 16, 32), second, 0);
        assertEquals(3, b.history().epochs().get(0).epoch());
        assertNotEquals(0, second.length);
    }

    @Test
    void aBatchSourceGivesFreshBatchesEachEpochByZeroBasedIndex() {
        List<Integer> asked = new ArrayList<>();
        LinearRegression model = new LinearRegression(3, 7);
        Trainer<LinearRegression.Batch> t = trainer(model, 1, 2);
        t.fit(e -> {
            asked.add(e);
            return TRAIN.subList(e, e + 2);
        }, List.of());
        t.fit(e -> {
            asked.add(e);
            return TRAIN.subList(e, e + 2);
        }, List.of());
        assertEquals(List.of(0, 1, 2, 3), asked);
        assertEquals(8, t.history().steps().size());
        assertEquals(4, t.history().epochs().get(3).epoch());
    }

    @Test
    void aFailingStepStillEndsTheCallbacksAndPropagates() {
        List<String> events = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onTrainEnd(History h) {
                events.add("end after " + h.steps().size());
            }
        };
        LinearRegression model = new LinearRegression(3, 7);
        Trainable<LinearRegression.Batch> failing = new Trainable<>() {
            int calls;

            public Parameters parameters() {
                return model.parameters();
            }

            public StepResult trainStep(LinearRegression.Batch b) {
                if (++calls == 3) throw new OutOfMemoryError("simulated");
                return model.trainStep(b);
            }

            public StepResult evaluate(LinearRegression.Batch b) {
                return model.evaluate(b);
            }
        };
        Trainer<LinearRegression.Batch> t = Trainer.builder().model(failing).callbacks(recorder).build();
        org.junit.jupiter.api.Assertions.assertThrows(OutOfMemoryError.class, () -> t.fit(TRAIN));
        assertEquals(List.of("end after 2"), events);
        assertEquals(2, t.history().steps().size(), "the history so far stays with the trainer");
    }

    @Test
    void stepsPerEpochCapsEveryEpochAndFixesTheBudget() {
        List<Long> totals = new ArrayList<>();
        Callback planned = new Callback() {
            @Override
            public void onTrainBegin(History h, long total) {
                totals.add(total);
            }
        };
        LinearRegression model = new LinearRegression(3, 7);
        Trainer<LinearRegression.Batch> t = Trainer.builder().model(model).epochs(3).stepsPerEpoch(5)
                .callbacks(planned).build();
        History h = t.fit(TRAIN, VALID).history();
        assertEquals(15, h.steps().size(), "3 epochs of 5 of the 8 batches");
        assertEquals(List.of(15L), totals, "the progress total counts the capped epochs");
        assertEquals(3, h.epochs().size(), "validated after every capped epoch");
        assertEquals(List.of(1, 2, 3, 4, 5), h.steps().subList(5, 10).stream().map(s -> s.batch() + 1).toList());
        Trainer<LinearRegression.Batch> small = Trainer.builder().model(model).epochs(2).stepsPerEpoch(50).build();
        assertEquals(16, small.fit(TRAIN).history().steps().size(), "an epoch shorter than the cap runs whole");
    }

    /** Records the batches it is given; its loss is the batch's first input, so steps can be told apart. */
    static class RecordingModel implements Trainable<SequenceBatch> {
        final Parameters parameters = new Parameters();
        final List<SequenceBatch> trained = new ArrayList<>();
        final List<SequenceBatch> evaluated = new ArrayList<>();

        RecordingModel() {
            parameters.add("w", org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1));
        }

        public Parameters parameters() {
            return parameters;
        }

        public StepResult trainStep(SequenceBatch b) {
            trained.add(b);
            return StepResult.of(b.x().getDouble(0), b.batchSize());
        }

        public StepResult evaluate(SequenceBatch b) {
            evaluated.add(b);
            return StepResult.of(0, b.batchSize());
        }
    }

    /** Ten one-step sequences whose token is their index. */
    private static List<Sequence> numbered(int n) {
        List<Sequence> s = new ArrayList<>();
        for (int i = 0; i < n; i++) s.add(Sequence.tokens(new int[] {i}, i % 2));
        return s;
    }

    private static List<Integer> firstTokens(List<SequenceBatch> batches) {
        List<Integer> ids = new ArrayList<>();
        for (SequenceBatch b : batches) for (double v : b.x().toDoubleVector()) ids.add((int) v);
        return ids;
    }

    @Test
    void aBatcherIsFitDirectlyWithItsOwnEpochs() {
        Batcher batcher = Batcher.of(numbered(10), 4).shuffled(3);
        RecordingModel model = new RecordingModel();
        Trainer<SequenceBatch> t = Trainer.builder().model(model).optimizer(Sgd.create(model.parameters(), 0.1))
                .epochs(2).build();
        t.fit(batcher);
        List<SequenceBatch> expected = new ArrayList<>(batcher.epoch(0));
        expected.addAll(batcher.epoch(1));
        assertEquals(firstTokens(expected), firstTokens(model.trained), "epoch e is batcher.epoch(e), as cut");
        assertEquals(6, t.history().steps().size());
    }

    @Test
    void aModelCarryingItsStateRefusesABatcherThatReordersAndTrainsOnOneInListOrder() {
        RecordingModel carrying = new RecordingModel() {
            @Override
            public boolean carriesState() {
                return true;
            }
        };
        Trainer<SequenceBatch> t = Trainer.builder().model(carrying).optimizer(Sgd.create(carrying.parameters(), 0.1))
                .epochs(1).shuffle(false).build();
        for (Batcher reordering : List.of(Batcher.of(numbered(10), 4).shuffled(3), Batcher.of(numbered(10), 4).bucketed())) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> t.fit(reordering));
            assertTrue(e.getMessage().contains("carries its state from one batch to the next (carryState(true))")
                    && e.getMessage().contains("shuffled or bucketed"), e.getMessage());
        }
        assertTrue(carrying.trained.isEmpty(), "nothing was trained on the refused batches");
        t.fit(Batcher.of(numbered(10), 4));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), firstTokens(carrying.trained), "in list order");
    }

    @Test
    void sequencesAndABatchSizeAreBatchedHereShuffledBySeedAndValidatedInOrder() {
        RecordingModel model = new RecordingModel();
        Trainer<SequenceBatch> t = Trainer.builder().model(model).optimizer(Sgd.create(model.parameters(), 0.1))
                .epochs(2).seed(5).build();
        t.fit(numbered(10), 4, numbered(6));
        List<SequenceBatch> expected = new ArrayList<>(Batcher.of(numbered(10), 4).shuffled(5).epoch(0));
        expected.addAll(Batcher.of(numbered(10), 4).shuffled(5).epoch(1));
        assertEquals(firstTokens(expected), firstTokens(model.trained));
        assertNotEquals(firstTokens(model.trained.subList(0, 3)), firstTokens(model.trained.subList(3, 6)),
                "each epoch draws a new order");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5), firstTokens(model.evaluated));
        assertEquals(List.of(4, 2, 4, 2), model.evaluated.stream().map(SequenceBatch::batchSize).toList());

        RecordingModel inOrder = new RecordingModel();
        Trainer.builder().model(inOrder).epochs(1).shuffle(false).build().fit(numbered(10), 4);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), firstTokens(inOrder.trained));
    }

    @Test
    void sequencesForAModelOfAnotherBatchTypeAreAClearError() {
        Trainer<LinearRegression.Batch> t = trainer(new LinearRegression(3, 7), 1, 1);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> t.fit(numbered(4), 2));
        assertEquals("fit(sequences, batchSize, ...) feeds SequenceBatch batches, but this model trains on Batch"
                + " batches; pass a List<Batch> to fit instead", e.getMessage());
    }

    @Test
    void theRunIsNamedAfterTheModelUnlessNamed() {
        assertEquals("run", trainer(new LinearRegression(3, 7), 1, 1).history().name());
        Trainable<SequenceBatch> named = new RecordingModel() {
            @Override
            public String name() {
                return "GRU classifier";
            }
        };
        assertEquals("GRU classifier", Trainer.builder().model(named).build().history().name());
        assertEquals("mine", Trainer.builder().model(named).name("mine").build().history().name());
    }
}
