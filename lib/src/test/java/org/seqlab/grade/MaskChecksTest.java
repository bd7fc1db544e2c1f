package org.seqlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MaskChecksTest {
    @Test
    void paddingIsTimeMajorWithZerosAfterEachEnd() {
        List<double[][]> seqs = List.of(new double[][] {{1, 2}, {3, 4}}, new double[][] {{5, 6}});
        INDArray x = MaskChecks.padded(seqs);
        assertEquals(List.of(2L, 2L, 2L), List.of(x.size(0), x.size(1), x.size(2)));
        assertEquals(3.0, x.getDouble(1, 0, 0));
        assertEquals(5.0, x.getDouble(0, 1, 0));
        assertEquals(0.0, x.getDouble(1, 1, 1));
    }

    @Test
    void batchMajorAndFrontPaddingGetTheirHints() {
        List<double[][]> seqs = MaskChecks.sequences(1, 2, 3, 1, 2);
        Expect e = MaskChecks.padBatch(seqs);
        assertTrue(Judge.hint(e, MaskChecks.padded(seqs).permute(1, 0, 2)).startsWith("the axes are [B, T, D]"));
        INDArray front = Nd4j.zeros(DataType.DOUBLE, 3, 3, 2);
        for (int b = 0; b < 3; b++) {
            double[][] s = seqs.get(b);
            for (int t = 0; t < s.length; t++) {
                for (int d = 0; d < 2; d++) {
                    front.putScalar(new long[] {3 - s.length + t, b, d}, s[t][d]);
                }
            }
        }
        assertTrue(Judge.hint(e, front).startsWith("the zeros come first"));
    }

    @Test
    void theMaskMarksRealStepsAndRefusesALengthOverT() {
        INDArray m = MaskChecks.maskOf(new int[] {3, 1, 0}, 3);
        assertEquals(Nd4j.create(new double[][] {{1, 1, 0}, {1, 0, 0}, {1, 0, 0}}), m);
        Expect tooLong = Expect.thrown(IllegalArgumentException.class);
        assertTrue(Judge.verdict(tooLong, new Value.Thrown("IllegalArgumentException", "x")).passed());
        assertTrue(Judge.hint(MaskChecks.mask(new int[] {3, 1, 2}, 4), MaskChecks.maskOf(new int[] {3, 1, 2}, 4).transpose())
                .startsWith("the mask is [B, T]"));
        assertTrue(Judge.hint(MaskChecks.mask(new int[] {3, 1, 2}, 4), MaskChecks.maskOf(new int[] {4, 2, 3}, 4))
                .startsWith("one step too many"));
    }

    @Test
    void theMaskedMeanIgnoresWhatThePaddingHolds() {
        MaskChecks.Masked in = MaskChecks.masked(3, DataType.DOUBLE, 2, 2, 1);
        INDArray mean = (INDArray) MaskChecks.maskedMean(in).resolveReference();
        INDArray x = in.x();
        assertEquals((x.getDouble(0, 0, 1) + x.getDouble(1, 0, 1)) / 2, mean.getDouble(0, 1), 1e-12);
        assertEquals(x.getDouble(0, 1, 0), mean.getDouble(1, 0), 1e-12);
        assertTrue(Judge.hint(MaskChecks.maskedMean(in), x.mean(0)).startsWith("the padded steps were counted"));
        assertTrue(Judge.hint(MaskChecks.maskedMean(in), x.mean(1)).startsWith("the mean ran over the batch"));
    }

    @Test
    void aFloat32BatchGetsAFloat32Mean() {
        MaskChecks.Masked in = MaskChecks.masked(4, DataType.FLOAT, 3, 1, 4);
        assertEquals(DataType.FLOAT, ((INDArray) MaskChecks.maskedMean(in).resolveReference()).dataType());
    }
}
