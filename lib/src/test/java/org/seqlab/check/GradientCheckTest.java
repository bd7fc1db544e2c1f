package org.seqlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientCheckTest {

    private final INDArray x = Nd4j.create(new double[][] {{1, -2}, {0.5, 3}});

    @Test
    void aCorrectGradientHasATinyRelativeError() {
        // L = Σ x³, dL/dx = 3x²
        INDArray grad = x.mul(x).muli(3);
        GradientCheck.Report r = GradientCheck.check(() -> x.mul(x).muli(x).sumNumber().doubleValue(),
                List.of(new GradientCheck.Target("x", x, grad)));
        assertTrue(r.maxRelativeError() < 1e-8, r::toString);
        assertEquals(27.0, r.row("x").maxGradient(), 1e-6);
    }

    @Test
    void aWrongGradientIsReportedWithItsError() {
        INDArray wrong = x.mul(x).muli(2);
        GradientCheck.Report r = GradientCheck.check(() -> x.mul(x).muli(x).sumNumber().doubleValue(),
                List.of(new GradientCheck.Target("x", x, wrong)));
        assertEquals(1.0 / 3.0, r.maxRelativeError(), 1e-6);
        assertTrue(r.toString().contains("x"), r::toString);
        assertTrue(r.mimeBundle().get("text/html").contains("<table>"));
    }

    @Test
    void theValuesAreRestoredAfterTheCheck() {
        INDArray before = x.dup();
        GradientCheck.check(() -> x.sumNumber().doubleValue(), List.of(new GradientCheck.Target("x", x, x.like().assign(1))));
        assertEquals(before, x);
    }

    @Test
    void float32TensorsAreRejectedWithAReason() {
        INDArray f = Nd4j.create(DataType.FLOAT, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.check(() -> 0.0, List.of(new GradientCheck.Target("w", f, f.like()))));
        assertTrue(e.getMessage().contains("DOUBLE"), e.getMessage());
    }
}
