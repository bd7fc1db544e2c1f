package org.seqlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.check.GradientCheck;

/** Shared by the cell tests: a finite-difference check of one step against the cell's backward step. */
final class CellChecks {
    private CellChecks() {}

    static INDArray normal(Random rng, long... shape) {
        return Init.normal(rng, DataType.DOUBLE, 1.0, shape);
    }

    /** L = Σ R_h ⊙ h' (+ Σ R_c ⊙ c'), checked against every parameter, x_t and the previous state. */
    static <S extends RecurrentCell.Step> GradientCheck.Report checkStep(RecurrentCell<S> cell, int batch, long seed) {
        Random rng = new Random(seed);
        int d = cell.inputSize();
        int h = cell.hiddenSize();
        INDArray x = normal(rng, batch, d);
        State prev = new State(normal(rng, batch, h).muli(0.5), cell.hasCellState() ? normal(rng, batch, h) : null);
        INDArray rh = normal(rng, batch, h);
        INDArray rc = cell.hasCellState() ? normal(rng, batch, h) : null;
        DoubleSupplier loss = () -> {
            S s = cell.forward(x, prev);
            double l = s.next().h().mul(rh).sumNumber().doubleValue();
            return rc == null ? l : l + s.next().c().mul(rc).sumNumber().doubleValue();
        };
        cell.parameters().zeroGrad();
        S s = cell.forward(x, prev);
        RecurrentCell.StepGrad g = cell.backward(s, x, new State(rh, rc));
        List<GradientCheck.Target> targets = new ArrayList<>(GradientCheck.targets(cell.parameters()));
        targets.add(new GradientCheck.Target("x_t", x, g.dInput()));
        targets.add(new GradientCheck.Target("h_prev", prev.h(), g.dPrev().h()));
        if (rc != null) targets.add(new GradientCheck.Target("c_prev", prev.c(), g.dPrev().c()));
        return GradientCheck.check(loss, targets);
    }
}
