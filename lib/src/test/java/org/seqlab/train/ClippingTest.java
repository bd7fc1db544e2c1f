package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.nn.Parameters;

class ClippingTest {
    private static Parameters withGrads(double[] a, double[] b) {
        Parameters ps = new Parameters();
        ps.add("a", Nd4j.zeros(DataType.DOUBLE, a.length)).grad().assign(Nd4j.createFromArray(a));
        ps.add("b", Nd4j.zeros(DataType.DOUBLE, b.length)).grad().assign(Nd4j.createFromArray(b));
        return ps;
    }

    @Test
    void globalNormCoversEveryParameter() {
        assertEquals(13, Clipping.globalNorm(withGrads(new double[] {3, 4}, new double[] {12})), 1e-12);
    }

    @Test
    void clippingReturnsTheNormBeforeAndScalesToTheLimit() {
        Parameters ps = withGrads(new double[] {3, 4}, new double[] {12});
        assertEquals(13, Clipping.clipGlobalNorm(ps, 1.0), 1e-12);
        double c = 1.0 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 4 * c}, ps.get("a").grad().toDoubleVector(), 1e-12);
        assertEquals(1.0, Clipping.globalNorm(ps), 1e-6);
    }

    @Test
    void gradientsBelowTheLimitAreUntouched() {
        Parameters ps = withGrads(new double[] {0.3, 0.4}, new double[] {0});
        assertEquals(0.5, Clipping.clipGlobalNorm(ps, 1.0), 1e-12);
        assertArrayEquals(new double[] {0.3, 0.4}, ps.get("a").grad().toDoubleVector(), 0);
    }

    @Test
    void clippingMatchesPyTorch() {
        Assumptions.assumeTrue(Torch.available(), "PyTorch is not importable by /usr/bin/python3");
        double[] ref = Torch.numbers(Torch.run("import torch\n"
                + "a=torch.zeros(2,dtype=torch.float64,requires_grad=True); a.grad=torch.tensor([3.,4.],dtype=torch.float64)\n"
                + "b=torch.zeros(1,dtype=torch.float64,requires_grad=True); b.grad=torch.tensor([12.],dtype=torch.float64)\n"
                + "n=torch.nn.utils.clip_grad_norm_([a,b], 2.0)\n"
                + "print(repr(n.item()), repr(a.grad[0].item()), repr(b.grad[0].item()))\n"));
        Parameters ps = withGrads(new double[] {3, 4}, new double[] {12});
        assertEquals(ref[0], Clipping.clipGlobalNorm(ps, 2.0), 1e-12);
        assertEquals(ref[1], ps.get("a").grad().getDouble(0), 1e-12);
        assertEquals(ref[2], ps.get("b").grad().getDouble(0), 1e-12);
    }

    @Test
    void float32GradientsGiveTheSameNormAsFloat64() {
        Parameters f = new Parameters();
        Parameters d = new Parameters();
        for (String name : new String[] {"a", "b"}) {
            INDArray g = Nd4j.randn(name.hashCode(), new long[] {30, 7});
            f.add(name, Nd4j.zeros(DataType.FLOAT, 30, 7)).grad().assign(g.castTo(DataType.FLOAT));
            d.add(name, Nd4j.zeros(DataType.DOUBLE, 30, 7)).grad().assign(g.castTo(DataType.FLOAT).castTo(DataType.DOUBLE));
        }
        assertEquals(Clipping.globalNorm(d), Clipping.globalNorm(f), 1e-9);
        Clipping.clipGlobalNorm(f, 0.5);
        assertEquals(0.5, Clipping.globalNorm(f), 1e-6);
    }
}
