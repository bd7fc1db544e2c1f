package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BlasThreadsTest {
    private final int initialMax = BlasThreads.max();

    @AfterEach
    void restore() {
        BlasThreads.setMax(initialMax);
    }

    @Test
    void theDefaultMaximumIsTheCoresTheJvmSees() {
        assertEquals(Runtime.getRuntime().availableProcessors(), initialMax);
    }

    @Test
    void smallLayersRunOnOneThreadAndLargeOnesOnTheMaximum() {
        BlasThreads.setMax(2);
        assertEquals(1, BlasThreads.forLayer(32, 64, 64));               // an RNN, H = 64
        assertEquals(1, BlasThreads.forLayer(32, 128, 128));             // an RNN, H = 128: 2¹⁹ multiply-adds
        assertEquals(2, BlasThreads.forLayer(32, 256, 256));             // an RNN, H = 256: 2²¹
        assertEquals(2, BlasThreads.forLayer(32, 3 * 512, 512));         // a GRU, H = 512
        assertEquals(1, BlasThreads.forLayer(1, 4 * 512, 512));          // a streaming LSTM step, H = 512
        BlasThreads.setMax(1);
        assertEquals(1, BlasThreads.forLayer(32, 3 * 512, 512));
    }

    @Test
    void aMaximumBelowOneIsRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlasThreads.setMax(0));
        assertEquals("threads must be at least 1 but is 0", e.getMessage());
    }

    @Test
    void aLayerTellsOpenBlasItsThreadsWhenItRuns() {
        BlasThreads.setMax(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 32, 8);
        Recurrent.gru(8, 256, 1, new Random(1), DataType.FLOAT).forward(x, null, null);
        assertEquals(2, Nd4j.factory().blas().getMaxThreads());
        Recurrent.rnn(8, 16, 1, new Random(1), DataType.FLOAT).forward(x, null, null);
        assertEquals(1, Nd4j.factory().blas().getMaxThreads());
    }

    /** OpenBLAS splits a product differently on two threads: the last bits may change, nothing more. */
    @Test
    void aLargeLayerGivesTheSameNumbersOnOneThreadAndOnTwoToFloatRounding() {
        List<INDArray> one = outputsAndGradients(1);
        List<INDArray> two = outputsAndGradients(2);
        for (int k = 0; k < one.size(); k++) {
            double scale = one.get(k).norm2Number().doubleValue();
            double diff = one.get(k).sub(two.get(k)).norm2Number().doubleValue();
            assertTrue(diff <= 1e-5 * scale, "array " + k + ": ‖one − two‖ = " + diff + " against ‖one‖ = " + scale);
        }
    }

    private List<INDArray> outputsAndGradients(int threads) {
        BlasThreads.setMax(threads);
        Recurrent net = Recurrent.gru(8, 256, 1, new Random(3), DataType.FLOAT);
        INDArray x = CellChecks.normal(new Random(5), 6, 32, 8).castTo(DataType.FLOAT);
        Recurrent.Output out = net.forward(x, null, null);
        net.parameters().zeroGrad();
        net.backward(out.cache(), out.outputs().dup(), null);
        List<INDArray> arrays = new ArrayList<>();
        arrays.add(out.outputs().dup());
        for (Parameter p : net.parameters()) arrays.add(p.grad().dup());
        return arrays;
    }
}
