package org.seqlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;

/**
 * A layer run through its cell's own {@link RecurrentCell#forward} and {@link RecurrentCell#backward}, one call
 * per time step: the loop lesson 03 writes by hand, with masks.
 *
 * <pre>
 *   forward,  t = 0 .. T−1:   step_t = cell.forward(x_t, s_{t−1})
 *                             s_t    = m_t ⊙ step_t.next + (1 − m_t) ⊙ s_{t−1}        y_t = m_t ⊙ h_t
 *   backward, t = T−1 .. 0:   δh_t  += m_t ⊙ δy_t
 *                             (δx_t, δs') = cell.backward(step_t, x_t, m_t ⊙ δs_t)
 *                             δs_{t−1} = δs' + (1 − m_t) ⊙ δs_t                      δx_t ← m_t ⊙ δx_t
 * </pre>
 *
 * @param <S> the cell's step record
 */
final class ReferenceLayer<S extends RecurrentCell.Step> extends LayerPass {
    private final RecurrentCell<S> cell;
    private final String name;
    private final LayerInput input;
    private final Mask mask;
    private final int batch;
    private final INDArray x;
    private final List<S> records = new ArrayList<>();
    private final INDArray outputs;
    private State last;

    /** Runs the forward pass; {@code initial} {@code null} = the cell's zero state. */
    ReferenceLayer(RecurrentCell<S> cell, LayerInput input, Mask mask, State initial) {
        this.cell = cell;
        this.name = cell.getClass().getSimpleName();
        this.input = input;
        this.mask = mask;
        this.batch = (int) input.batch;
        this.x = input.dense(cell.inputSize(), cell.dtype());
        int steps = (int) input.steps;
        int h = cell.hiddenSize();
        State s = initial == null ? cell.zeroState(batch) : initial;
        checkState(s, "initial", "");
        outputs = Nd4j.create(cell.dtype(), steps, batch, h);
        for (int t = 0; t < steps; t++) {
            S step = cell.forward(x.slice(t), s);
            Shapes.require(step != null && step.next() != null, "%s.forward returned no state at step %d", name, t);
            checkState(step.next(), "forward's next state", " at step " + t);
            records.add(step);
            if (mask.full(t)) {
                s = step.next();
                outputs.slice(t).assign(s.h());
            } else {
                INDArray m = mask.column(t, batch, cell.dtype());
                s = blend(m, step.next(), s);
                outputs.slice(t).assign(s.h().mulColumnVector(m));
            }
        }
        last = s;
    }

    @Override
    INDArray outputs() {
        return outputs.dup();
    }

    @Override
    State finalState() {
        return last.copy();
    }

    @Override
    List<RecurrentCell.Step> steps() {
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    @Override
    Grad backward(INDArray dOut, State dFinal) {
        int steps = records.size();
        int h = cell.hiddenSize();
        INDArray dh = dFinal == null ? Nd4j.zeros(cell.dtype(), batch, h) : dFinal.h();
        INDArray dc = !cell.hasCellState() ? null
                : dFinal == null || dFinal.c() == null ? Nd4j.zeros(cell.dtype(), batch, h) : dFinal.c();
        INDArray dx = input.isIds() ? null : Nd4j.create(cell.dtype(), x.shape());
        INDArray dhAll = Nd4j.create(cell.dtype(), steps, batch, h);
        for (int t = steps - 1; t >= 0; t--) {
            boolean full = mask.full(t);
            INDArray m = full ? null : mask.column(t, batch, cell.dtype());
            INDArray dy = full ? dOut.slice(t) : dOut.slice(t).mulColumnVector(m);
            dh = dh.add(dy);
            dhAll.slice(t).assign(dh);
            State dNext = full ? new State(dh, dc) : new State(dh.mulColumnVector(m), dc == null ? null : dc.mulColumnVector(m));
            RecurrentCell.StepGrad g = cell.backward(records.get(t), x.slice(t), dNext);
            Shapes.require(g != null && g.dPrev() != null, "%s.backward returned no gradient at step %d", name, t);
            checkState(g.dPrev(), "backward's dPrev", " at step " + t);
            if (dx != null) {
                Shapes.require(g.dInput() != null, "%s.backward returned no dInput at step %d", name, t);
                Shapes.check(g.dInput(), name + ".backward's dInput at step " + t, "B,D", batch, cell.inputSize());
                dx.slice(t).assign(full ? g.dInput() : g.dInput().mulColumnVector(m));
            }
            if (full) {
                dh = g.dPrev().h();
                dc = g.dPrev().c();
            } else {
                INDArray keep = m.rsub(1.0);
                dh = g.dPrev().h().add(dh.mulColumnVector(keep));
                dc = dc == null ? null : g.dPrev().c().add(dc.mulColumnVector(keep));
            }
        }
        double[] norms = new double[steps];
        for (int t = 0; t < steps; t++) norms[t] = dhAll.slice(t).norm2Number().doubleValue();
        return new Grad(dx, new State(dh, dc), norms, dhAll);
    }

    /** {@code m ⊙ next + (1 − m) ⊙ prev} for both parts; {@code m [B, 1]}. */
    private static State blend(INDArray m, State next, State prev) {
        INDArray keep = m.rsub(1.0);
        INDArray h = next.h().mulColumnVector(m).addi(prev.h().mulColumnVector(keep));
        INDArray c = next.c() == null ? null : next.c().mulColumnVector(m).addi(prev.c().mulColumnVector(keep));
        return new State(h, c);
    }

    /** A state the cell gave or was given must be [B, H] (and have c exactly when the cell has a cell state). */
    private void checkState(State s, String what, String where) {
        String label = name + " " + what + where;
        Shapes.require(s != null && s.h() != null, "%s is null", label);
        Shapes.check(s.h(), label + ": h", "B,H", batch, cell.hiddenSize());
        Shapes.sameType(s.h(), label + ": h", cell.dtype(), "the cell");
        if (cell.hasCellState()) {
            Shapes.require(s.c() != null, "%s has no c part, but %s.hasCellState() is true", label, name);
            Shapes.check(s.c(), label + ": c", "B,H", batch, cell.hiddenSize());
        }
    }
}
