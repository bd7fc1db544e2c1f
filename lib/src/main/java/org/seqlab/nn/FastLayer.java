package org.seqlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer run through its cell's {@link FastPath}, in the path's workspace: the input projections of all steps
 * at once (one product, or a gather of {@code W_ih}'s columns for token ids), then per step one BLAS product and
 * the cell's loop. Backward is the same shape, and the weight gradients {@code δW_hh} and {@code δW_ih} are one
 * product each over all steps.
 */
final class FastLayer extends LayerPass {
    private final FastPath path;
    private final CellWeights w;
    private final Unrolled u;
    private final LayerInput input;
    private final boolean top;

    /**
     * Runs the forward pass in {@code path}'s workspace; {@code initial} {@code null} = the zero state.
     *
     * @param top whether this is the top layer, whose outputs go to the caller (a new array) rather than to the
     *     next layer (the workspace)
     */
    FastLayer(FastPath path, LayerInput input, Mask mask, State initial, boolean top) {
        this.path = path;
        this.w = path.w;
        this.u = path.u;
        this.input = input;
        this.top = top;
        int steps = (int) input.steps;
        int batch = (int) input.batch;
        if (initial != null) w.checkState(initial, "initial", batch, u.cell);
        int previousBatch = u.batch;
        u.fit(steps, batch, w.inputSize);
        BlasThreads.use(batch, u.width, u.hidden);
        if (batch != previousBatch || path.carryH == null) path.resize(batch);
        u.mask = mask;
        double[] bias = Raw.of(w.bIh.value()).toArray();
        if (path.foldsRecurrentBias) {
            double[] recurrentBias = Raw.of(w.bHh.value()).toArray();
            for (int k = 0; k < bias.length; k++) bias[k] += recurrentBias[k];
        }
        input.project(w, bias, u.z);                               // z_t = W_ih x_t + b_ih (+ b_hh), all t
        int n = u.stateSize();
        if (initial == null) {
            u.hs.zero(0, n);
            if (u.cs != null) u.cs.zero(0, n);
        } else {
            u.hs.copy(Raw.readable(initial.h()), 0, 0, n);
            if (u.cs != null) u.cs.copy(Raw.readable(initial.c()), 0, 0, n);
        }
        for (int t = 0; t < steps; t++) {
            path.forward(t);
            u.writeOutput(t);
        }
    }

    @Override
    INDArray outputs() {
        return top ? u.out.array().dup() : u.out.array();
    }

    @Override
    State finalState() {
        return new State(u.stateAt(u.hs, u.steps), u.cs == null ? null : u.stateAt(u.cs, u.steps));
    }

    @Override
    List<RecurrentCell.Step> steps() {
        List<RecurrentCell.Step> s = new ArrayList<>();
        for (int t = 0; t < u.steps; t++) s.add(path.step(t));
        return Collections.unmodifiableList(s);
    }

    @Override
    Grad backward(INDArray dOut, State dFinal) {
        int n = u.stateSize();
        BlasThreads.use(u.batch, u.width, u.hidden);                 // a layer of another size may have run since
        java.util.Arrays.fill(path.carryH, 0);
        java.util.Arrays.fill(path.carryC, 0);
        java.util.Arrays.fill(u.dbIh, 0);
        java.util.Arrays.fill(u.dbHh, 0);
        if (path.squaredDh == null || path.squaredDh.length != u.steps) path.squaredDh = new double[u.steps];
        if (dFinal != null) {
            Raw.readable(dFinal.h()).read(0, path.carryH, n);
            if (dFinal.c() != null) Raw.readable(dFinal.c()).read(0, path.carryC, n);
        }
        Raw dOutRaw = Raw.of(dOut);
        for (int t = u.steps - 1; t >= 0; t--) path.backward(t, dOutRaw);
        State dInitial = new State(u.state(path.carryH), u.cs != null ? u.state(path.carryC) : null);
        Blas.addAtB(u.width, u.hidden, u.steps * u.batch, u.dhh, 0, u.hs, 0, w.wHhGradRaw, 0, true);
                                                                     // δW_hh += Σ_t δz_tᵀ h_{t−1}
        Raw.of(w.bHh.grad()).add(u.dbHh);                            // δb_hh += Σ_t Σ_B δ(W_hh h + b_hh)
        Raw.of(w.bIh.grad()).add(u.dbIh);                            // δb_ih += Σ_t Σ_B δz
        INDArray dx = input.backward(w, u);                          // δW_ih += Σ_t δz_tᵀ x_t;  δx = δz W_ih
        double[] norms = new double[u.steps];
        for (int t = 0; t < u.steps; t++) norms[t] = Math.sqrt(path.squaredDh[t]);
        return new Grad(dx, dInitial, norms, u.dh.array());
    }
}
