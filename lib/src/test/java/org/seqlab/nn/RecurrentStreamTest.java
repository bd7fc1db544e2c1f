package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Stepping a stack one input at a time gives the outputs and states of one pass over the whole sequence. */
class RecurrentStreamTest {
    private static final int T = 6, D = 4, H = 3;

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void stepsEqualOnePassOverTheSequenceForOneStreamAndForSeveral(String kind) {
        for (int batch : new int[] {1, 3}) {
            Recurrent net = RecurrentTest.make(kind, D, 2, 51);
            INDArray x = CellChecks.normal(new Random(52), T, batch, D);
            Recurrent.Output whole = net.forward(x);
            Linear head = Linear.create(3, 2, new Random(53), DataType.DOUBLE);
            RecurrentStream stream = net.stream(batch);
            RecurrentStream withHead = net.stream(batch);
            for (int t = 0; t < T; t++) {
                INDArray h = stream.step(x.slice(t));
                assertTrue(h.equalsWithEps(whole.outputs().slice(t), 1e-12), kind + " B=" + batch + " step " + t);
                INDArray y = withHead.step(x.slice(t), head);
                assertTrue(y.equalsWithEps(head.forward(whole.outputs().slice(t).dup()), 1e-12), "head at step " + t);
            }
            List<State> state = stream.state();
            assertTrue(state.get(1).h().equalsWithEps(whole.finalStates().get(1).h(), 1e-12));
            if (kind.equals("lstm")) assertTrue(state.get(0).c().equalsWithEps(whole.finalStates().get(0).c(), 1e-12));
            stream.reset();
            assertEquals(List.of(), stream.state());
            assertTrue(stream.step(x.slice(0)).equalsWithEps(whole.outputs().slice(0), 1e-12), "after reset");
            assertTrue(state.get(1).h().equalsWithEps(whole.finalStates().get(1).h(), 1e-12), "a state handed out changed");
        }
    }

    @Test
    void tokenIdsStepLikeOneHotVectors() {
        Recurrent net = RecurrentTest.make("lstm", 4, 1, 54);
        INDArray ids = Nd4j.create(new double[][] {{0, 3}, {2, 2}, {3, 1}});
        Recurrent.Output whole = net.forwardIds(ids, null, null);
        RecurrentStream stream = net.stream(2);
        for (int t = 0; t < 3; t++) {
            assertTrue(stream.step(ids.getRow(t).dup()).equalsWithEps(whole.outputs().slice(t), 1e-12), "step " + t);
        }
    }

    @Test
    void aLearnersCellStreamsThroughItsOwnSteps() {
        Recurrent net = Recurrent.of(RecurrentCellTest.mgu(D, 55));
        INDArray x = CellChecks.normal(new Random(56), T, 2, D);
        Recurrent.Output whole = net.forward(x);
        RecurrentStream stream = net.stream(2);
        for (int t = 0; t < T; t++) {
            assertTrue(stream.step(x.slice(t)).equalsWithEps(whole.outputs().slice(t), 1e-12), "step " + t);
        }
        assertEquals(1, stream.state().size());
    }

    @Test
    void trainingTheStackMeanwhileLeavesTheStreamsStateAlone() {
        Recurrent net = RecurrentTest.make("gru", D, 1, 57);
        INDArray x = CellChecks.normal(new Random(58), T, 2, D);
        RecurrentStream stream = net.stream(2);
        stream.step(x.slice(0));
        INDArray before = stream.state().get(0).h();
        net.backward(net.forward(x).cache(), CellChecks.normal(new Random(59), T, 2, H), null);
        assertEquals(before, stream.state().get(0).h());
    }
}
