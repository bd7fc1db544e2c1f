package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossTest {
    private static INDArray random(long seed, long... shape) {
        return Nd4j.randn(seed, shape).castTo(DataType.DOUBLE);
    }

    /** Central differences of f at x, in float64. */
    private static INDArray numericGradient(Function<INDArray, Double> f, INDArray x) {
        INDArray grad = x.ulike();
        INDArray flat = x.reshape(x.length());
        INDArray g = grad.reshape(grad.length());
        double h = 1e-6;
        for (long i = 0; i < x.length(); i++) {
            double old = flat.getDouble(i);
            flat.putScalar(i, old + h);
            double up = f.apply(x);
            flat.putScalar(i, old - h);
            double down = f.apply(x);
            flat.putScalar(i, old);
            g.putScalar(i, (up - down) / (2 * h));
        }
        return grad;
    }

    private static INDArray ids(long seed, int k, long... shape) {
        Random rng = new Random(seed);
        INDArray y = Nd4j.create(DataType.INT, shape);
        INDArray flat = y.reshape(y.length());
        for (long i = 0; i < y.length(); i++) flat.putScalar(i, rng.nextInt(k));
        return y;
    }

    private static final INDArray MASK = Nd4j.create(new double[][] {{1, 1, 1}, {1, 0, 1}, {1, 0, 0}, {0, 0, 0}});

    @Test
    void maskedCrossEntropyGradientMatchesFiniteDifferences() {
        INDArray z = random(1, 4, 3, 5);
        INDArray y = ids(2, 5, 4, 3);
        Loss.Result r = Loss.softmaxCrossEntropy(z, y, MASK);
        INDArray numeric = numericGradient(x -> Loss.softmaxCrossEntropy(x, y, MASK).value(), z);
        assertEquals(0, r.grad().sub(numeric).amaxNumber().doubleValue(), 1e-8);
        assertEquals(6, r.count());
        assertTrue(r.grad().closeable(), "the gradient must be an array of its own (not a view), so a step can free it");
    }

    @Test
    void crossEntropyOfATinyCaseMatchesTheHandComputedValue() {
        // one step, logits (0, ln 3): softmax = (1/4, 3/4); target 1 → -ln(3/4)
        INDArray z = Nd4j.create(new double[] {0, Math.log(3)}, new long[] {1, 1, 2}, DataType.DOUBLE);
        Loss.Result r = Loss.softmaxCrossEntropy(z, Nd4j.ones(DataType.INT, 1, 1), Nd4j.ones(DataType.DOUBLE, 1, 1));
        assertEquals(-Math.log(0.75), r.value(), 1e-12);
        assertArrayEquals(new double[] {0.25, -0.25}, r.grad().reshape(2).toDoubleVector(), 1e-12);
    }

    @Test
    void paddedStepsContributeNeitherLossNorGradient() {
        INDArray z = random(3, 4, 3, 5);
        INDArray y = ids(4, 5, 4, 3);
        Loss.Result r = Loss.softmaxCrossEntropy(z, y, MASK);
        INDArray changed = z.dup();
        changed.get(org.nd4j.linalg.indexing.NDArrayIndex.point(3)).assign(1e6); // padded step t=3
        assertEquals(r.value(), Loss.softmaxCrossEntropy(changed, y, MASK).value(), 1e-12);
        assertEquals(0, r.grad().get(org.nd4j.linalg.indexing.NDArrayIndex.point(3)).amaxNumber().doubleValue());
    }

    @Test
    void hugeLogitsStayFinite() {
        INDArray z = Nd4j.create(new float[] {1e4f, -1e4f, 0}, new long[] {1, 3}, DataType.FLOAT);
        Loss.Result r = Loss.softmaxCrossEntropy(z, Nd4j.create(new float[] {1}, new long[] {1}, DataType.FLOAT));
        assertEquals(2e4, r.value(), 1e-2);
        assertTrue(!r.grad().isNaN().any());
    }

    @Test
    void lastStepCrossEntropyGradientMatchesFiniteDifferences() {
        INDArray z = random(5, 4, 6);
        INDArray y = ids(6, 6, 4);
        INDArray numeric = numericGradient(x -> Loss.softmaxCrossEntropy(x, y).value(), z);
        assertEquals(0, Loss.softmaxCrossEntropy(z, y).grad().sub(numeric).amaxNumber().doubleValue(), 1e-8);
    }

    @Test
    void maskedMseGradientMatchesFiniteDifferences() {
        INDArray p = random(7, 4, 3, 2);
        INDArray t = random(8, 4, 3, 2);
        Loss.Result r = Loss.mse(p, t, MASK);
        INDArray numeric = numericGradient(x -> Loss.mse(x, t, MASK).value(), p);
        assertEquals(0, r.grad().sub(numeric).amaxNumber().doubleValue(), 1e-8);
        assertTrue(r.grad().closeable(), "the gradient must be an array of its own (not a view), so a step can free it");
        double sum = 0;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++)
                for (int d = 0; d < 2; d++)
                    sum += MASK.getDouble(i, j) * Math.pow(p.getDouble(i, j, d) - t.getDouble(i, j, d), 2);
        assertEquals(sum / (6 * 2), r.value(), 1e-12);
    }

    @Test
    void lastStepMseGradientMatchesFiniteDifferences() {
        INDArray p = random(9, 5, 3);
        INDArray t = random(10, 5, 3);
        INDArray numeric = numericGradient(x -> Loss.mse(x, t).value(), p);
        assertEquals(0, Loss.mse(p, t).grad().sub(numeric).amaxNumber().doubleValue(), 1e-8);
    }

    @Test
    void anAllPaddedBatchHasZeroLossAndCount() {
        Loss.Result r = Loss.softmaxCrossEntropy(random(1, 2, 2, 3), ids(1, 3, 2, 2), Nd4j.zeros(DataType.DOUBLE, 2, 2));
        assertEquals(0, r.value());
        assertEquals(0, r.count());
    }

    @Test
    void badTargetsAndShapesAreReportedClearly() {
        INDArray z = random(1, 2, 2, 3);
        INDArray bad = Nd4j.create(new double[][] {{0, 3}, {1, 1}}).castTo(DataType.INT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.softmaxCrossEntropy(z, bad, Nd4j.ones(DataType.DOUBLE, 2, 2)));
        assertTrue(e.getMessage().contains("K=3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Loss.softmaxCrossEntropy(z, ids(1, 3, 2, 3), Nd4j.ones(DataType.DOUBLE, 2, 3)));
        assertEquals("targets must be [T=2, B=2] but is [2, 3]", e.getMessage());
    }

    @Test
    void crossEntropyAndMseMatchPyTorch() {
        Assumptions.assumeTrue(Torch.available(), "PyTorch is not importable by /usr/bin/python3");
        INDArray z = random(11, 4, 3, 5);
        INDArray y = ids(12, 5, 4, 3);
        INDArray p = random(13, 4, 3, 2);
        INDArray t = random(14, 4, 3, 2);
        String script = "import torch\n"
                + "z=torch.tensor(" + Torch.list(z.reshape(60).toDoubleVector()) + ",dtype=torch.float64).reshape(4,3,5)\n"
                + "y=torch.tensor(" + Torch.list(y.castTo(DataType.DOUBLE).reshape(12).toDoubleVector()) + ").long().reshape(4,3)\n"
                + "m=torch.tensor(" + Torch.list(MASK.reshape(12).toDoubleVector()) + ").reshape(4,3).bool()\n"
                + "p=torch.tensor(" + Torch.list(p.reshape(24).toDoubleVector()) + ",dtype=torch.float64).reshape(4,3,2)\n"
                + "t=torch.tensor(" + Torch.list(t.reshape(24).toDoubleVector()) + ",dtype=torch.float64).reshape(4,3,2)\n"
                + "ce=torch.nn.functional.cross_entropy(z[m],y[m])\n"
                + "mse=torch.nn.functional.mse_loss(p[m],t[m])\n"
                + "print(repr(ce.item()), repr(mse.item()))\n";
        double[] ref = Torch.numbers(Torch.run(script));
        assertEquals(ref[0], Loss.softmaxCrossEntropy(z, y, MASK).value(), 1e-12);
        assertEquals(ref[1], Loss.mse(p, t, MASK).value(), 1e-12);
    }
}
