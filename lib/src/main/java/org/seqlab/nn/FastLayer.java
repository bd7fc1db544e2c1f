package org.seqlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer run through its cell's {@link FastPath}: the input projections of all steps at once (one product,
 * or a gather of {@code W_ih}'s columns for token ids), then per step one BLAS product and the cell's loop over
 * {@link Unrolled} buffers. Backward is the same shape, and the weight gradients {@code δW_hh} and
 * {@code δW_ih} are one product each over all steps.
 */
final class FastLayer extends LayerPass {
    private final FastPath path;
    private final CellWeights w;
    private final LayerInput input;
    private final Unrolled u;
    private final boolean hasCell;

    /** Runs the forward pass; {@code initial} {@code null} = the zero state. */
    FastLayer(FastPath path, boolean hasCell, LayerInput input, Mask mask, State initial) {
        this.path = path;
        this.w = path.weights();
        this.input = input;
        this.hasCell = hasCell;
        int steps = (int) input.steps;
        int batch = (int) input.batch;
        if (initial != null) w.checkState(initial, "initial", batch, hasCell);
        double[] bias = Flat.of(w.bIh.value()).toArray();
        double[] recurrentBias = Flat.of(w.bHh.value()).toArray();
        if (path.foldsRecurrentBias()) {
            for (int k = 0; k < bias.length; k++) bias[k] += recurrentBias[k];
        }
        u = new Unrolled(input.project(w, bias), steps, batch, w.hiddenSize, path.auxWidth(w.hiddenSize), hasCell,
                mask);
        if (!path.foldsRecurrentBias()) {
            u.recurrentBias = new double[batch * recurrentBias.length];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(recurrentBias, 0, u.recurrentBias, b * recurrentBias.length, recurrentBias.length);
            }
        }
        int n = u.stateSize();
        u.hsf.write(0, initial == null ? new double[n] : Flat.of(Flat.contiguous(initial.h())).toArray(), n);
        if (hasCell) u.csf.write(0, initial == null ? new double[n] : Flat.of(Flat.contiguous(initial.c())).toArray(), n);
        for (int t = 0; t < steps; t++) path.forward(u, t);
    }

    @Override
    INDArray outputs() {
        return u.outputs();
    }

    @Override
    State finalState() {
        return new State(u.hs.slice(u.steps).dup(), hasCell ? u.cs.slice(u.steps).dup() : null);
    }

    @Override
    List<RecurrentCell.Step> steps() {
        List<RecurrentCell.Step> s = new ArrayList<>();
        for (int t = 0; t < u.steps; t++) s.add(path.step(u, t));
        return Collections.unmodifiableList(s);
    }

    @Override
    Grad backward(INDArray dOut, State dFinal) {
        u.prepareBackward(path.separateRecurrentGradient());
        int n = u.stateSize();
        double[] carryH = new double[n];
        double[] carryC = new double[n];
        if (dFinal != null) {
            Flat.of(Flat.contiguous(dFinal.h())).read(0, carryH, n);
            if (dFinal.c() != null) Flat.of(Flat.contiguous(dFinal.c())).read(0, carryC, n);
        }
        Flat dOutF = Flat.of(dOut);
        Flat spare = Flat.of(w.zeros(u.batch));
        for (int t = u.steps - 1; t >= 0; t--) path.backward(u, t, dOutF, carryH, carryC, spare);
        State dInitial = new State(u.state(carryH), hasCell ? u.state(carryC) : null);
        int rows = u.steps * u.batch;
        Flat.gemm(true, false, u.width, u.hidden, rows, 1.0, u.dhhf, 0, u.width, u.hsf, 0, u.hidden, 1.0,
                w.wHhGradFlat, 0, u.hidden);                                   // δW_hh += Σ_t δz_tᵀ h_{t−1}
        Flat.of(w.bHh.grad()).add(u.dbHh);
        Flat.of(w.bIh.grad()).add(u.dbIh);
        return new Grad(input.backward(w, u), dInitial, u.dhAll);
    }
}
