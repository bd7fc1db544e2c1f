package org.seqlab.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One step of a gated recurrent unit, in PyTorch's formulation and gate order (r, z, n).
 *
 * <pre>
 *   r  = σ(W_ir x + b_ir + W_hr h + b_hr)              reset gate        [B, H]
 *   z  = σ(W_iz x + b_iz + W_hz h + b_hz)              update gate
 *   n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))     candidate
 *   h' = (1 − z) ⊙ n + z ⊙ h                           hidden state
 * </pre>
 *
 * <p>Note PyTorch's (and cuDNN's) choice: the reset gate multiplies {@code W_hn h + b_hn}, not {@code h}.
 * Backward, given δh', writing {@code hn = W_hn h + b_hn}:
 *
 * <pre>
 *   δn   = δh' ⊙ (1 − z)    δz   = δh' ⊙ (h − n)    δh_prev = δh' ⊙ z  (+ the recurrent part below)
 *   δa_n = δn ⊙ (1 − n²)    δa_z = δz ⊙ z(1−z)      δa_r = δa_n ⊙ hn ⊙ r(1−r)
 *   input side      δ(W_ih x + b_ih) = [δa_r, δa_z, δa_n]          [B, 3H]
 *   recurrent side  δ(W_hh h + b_hh) = [δa_r, δa_z, δa_n ⊙ r]
 *   δW_hh += δ(W_hh h + b_hh)ᵀ h     δb_hh += Σ_B ...     δh_prev += δ(W_hh h + b_hh) W_hh
 *   δW_ih += δ(W_ih x + b_ih)ᵀ x     δb_ih += Σ_B ...     δx = δ(W_ih x + b_ih) W_ih
 * </pre>
 *
 * <p>{@code W_ih [3H, D]} stacks {@code W_ir, W_iz, W_in}; {@code W_hh [3H, H]} likewise. Initialised as
 * PyTorch does, uniform in (−1/√H, 1/√H), from the {@link Random} given to the factory.
 *
 * <p><b>Two paths, one set of equations.</b> {@link #forward} and {@link #backward} are the readable step, one
 * ND4J operation per equation: what the lessons step through, and what {@link Recurrent#withReferencePath()}
 * runs. Below them, the fast path computes the same equations over a whole unrolled sequence (plain Java
 * loops over each step's rows, one BLAS product per step): what {@link Recurrent} runs when it unrolls this
 * cell. {@code ReferenceLayerTest} holds the two equal step by step; both are checked against finite differences
 * and PyTorch.
 */
public final class GruCell implements RecurrentCell<GruCell.Step> {
    /**
     * What one step computed; {@code r, z, n} are {@code [B, H]} views of one {@code [B, 3H]} array.
     *
     * @param prev the state before the step
     * @param next the state after it ({@code h'})
     * @param r reset gate
     * @param z update gate
     * @param n candidate
     * @param hn {@code W_hn h + b_hn}, the recurrent part the reset gate scales
     */
    public record Step(State prev, State next, INDArray r, INDArray z, INDArray n, INDArray hn)
            implements RecurrentCell.Step {
        @Override
        public Map<String, INDArray> values() {
            Map<String, INDArray> v = new LinkedHashMap<>();
            v.put("r", r);
            v.put("z", z);
            v.put("n", n);
            v.put("h", next.h());
            return v;
        }
    }

    private final CellWeights w;

    GruCell(int inputSize, int hiddenSize, int layer, DataType dtype, Random rng) {
        this.w = new CellWeights(inputSize, hiddenSize, 3, layer, dtype, rng);
    }

    /** A GRU cell in float32, weights drawn from {@code rng}. */
    public static GruCell create(int inputSize, int hiddenSize, Random rng) {
        return create(inputSize, hiddenSize, rng, DataType.FLOAT);
    }

    /** A GRU cell in the given data type ({@code FLOAT} to train, {@code DOUBLE} for gradient checks). */
    public static GruCell create(int inputSize, int hiddenSize, Random rng, DataType dtype) {
        return new GruCell(inputSize, hiddenSize, 0, dtype, rng);
    }

    @Override
    public Step forward(INDArray x, State prev) {
        w.checkInput(x, "x_t");
        w.checkState(prev, "prev", x.size(0), false);
        INDArray h = prev.h();
        INDArray xw = w.inputProjection(x);                                      // W_ih x + b_ih   [B, 3H]
        INDArray hw = w.addRecurrentProjection(h, xw.ulike().assign(0));        // W_hh h + b_hh   [B, 3H]
        INDArray r = Transforms.sigmoid(blocks(xw, 0, 1).add(blocks(hw, 0, 1)), false);
        INDArray z = Transforms.sigmoid(blocks(xw, 1, 2).add(blocks(hw, 1, 2)), false);
        INDArray hn = blocks(hw, 2, 3);                                          // W_hn h + b_hn
        INDArray n = Transforms.tanh(blocks(xw, 2, 3).add(r.mul(hn)), false);
        INDArray hNext = h.sub(n).muli(z).addi(n);                               // h' = (1 − z) ⊙ n + z ⊙ h
        return new Step(prev, State.of(hNext), r, z, n, hn);
    }

    @Override
    public StepGrad backward(Step s, INDArray x, State dNext) {
        w.checkGradient(dNext, x);
        INDArray dh = dNext.h();
        INDArray h = s.prev().h();
        INDArray dn = s.z().rsub(1.0).muli(dh);                                  // δn = δh' ⊙ (1 − z)
        INDArray daN = s.n().mul(s.n()).rsubi(1.0).muli(dn);                     // δa_n = δn ⊙ (1 − n²)
        INDArray daZ = s.z().rsub(1.0).muli(s.z()).muli(h.sub(s.n())).muli(dh);  // δa_z = z(1−z) ⊙ (h − n) ⊙ δh'
        INDArray daR = s.r().rsub(1.0).muli(s.r()).muli(s.hn()).muli(daN);       // δa_r = δa_n ⊙ hn ⊙ r(1−r)
        INDArray dInput = Nd4j.hstack(daR, daZ, daN);                            // δ(W_ih x + b_ih)
        INDArray dRecurrent = Nd4j.hstack(daR, daZ, daN.mul(s.r()));             // δ(W_hh h + b_hh)
        INDArray dhPrev = w.backRecurrent(dRecurrent, h).addi(dh.mul(s.z()));    // δh_prev = δ(W_hh h) W_hh + δh' ⊙ z
        INDArray dx = w.backInput(dInput, x);                                    // δx = δ(W_ih x) W_ih
        return new StepGrad(dx, State.of(dhPrev));
    }

    /** Gate blocks {@code from ... to} (columns {@code from·H ... to·H}) of a {@code [B, 3H]} array, as a view. */
    private INDArray blocks(INDArray a, int from, int to) {
        long h = w.hiddenSize;
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from * h, to * h));
    }

    @Override
    public State zeroState(int batch) {
        return State.of(w.zeros(batch));
    }

    @Override
    public int inputSize() {
        return w.inputSize;
    }

    @Override
    public int hiddenSize() {
        return w.hiddenSize;
    }

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public boolean hasCellState() {
        return false;
    }

    @Override
    public DataType dtype() {
        return w.dtype;
    }

    @Override
    public Parameters parameters() {
        return w.parameters;
    }

    @Override
    public String toString() {
        return "GruCell(" + inputSize() + " -> " + hiddenSize() + ", " + dtype() + ")";
    }

    // ---- The fast path: the equations above over a whole unrolled sequence, for Recurrent ----

    /** A new fast path for this cell, with its own workspace (one per layer of a {@link Recurrent}). */
    FastPath fastPath() {
        return new Fast();
    }

    /**
     * The GRU step over an {@link Unrolled} workspace: {@code z[t]} holds {@code W_ih x + b_ih}, then the gates
     * {@code r, z, n} in place; {@code aux[t]} holds {@code W_hh h + b_hh} (all three blocks), since its n block
     * {@code hn} is needed on its own.
     */
    private final class Fast extends FastPath {
        private final int hs = w.hiddenSize;
        private double[] gates;      // [B, 3H]: W_ih x + b_ih, then r, z, n
        private double[] hw;         // [B, 3H]: W_hh h + b_hh; its last block is hn
        private double[] dInput;     // [B, 3H]: δ(W_ih x + b_ih)
        private double[] dHidden;    // [B, 3H]: δ(W_hh h + b_hh)
        private double[] hPrev;      // [B, H]
        private double[] h;          // [B, H]: h'
        private double[] dy;         // [B, H]: δ of the step's output
        private double[] passed;     // [B, H]: δh' ⊙ z, the part of δh_{t−1} that skips the product
        private double[] recurrentBias;   // [B, 3H]: b_hh for every row

        Fast() {
            super(GruCell.this.w, 3 * GruCell.this.w.hiddenSize, false, true, false);
        }

        @Override
        void resize(int batch) {
            super.resize(batch);
            gates = new double[batch * 3 * hs];
            hw = new double[batch * 3 * hs];
            dInput = new double[batch * 3 * hs];
            dHidden = new double[batch * 3 * hs];
            hPrev = new double[batch * hs];
            h = new double[batch * hs];
            dy = new double[batch * hs];
            passed = new double[batch * hs];
            recurrentBias = new double[batch * 3 * hs];
        }

        @Override
        void forward(int t) {
            int n = u.stateSize();
            if (t == 0) {                                            // b_hh may have changed since the last pass
                double[] bias = Raw.of(w.bHh.value()).toArray();
                for (int b = 0; b < u.batch; b++) System.arraycopy(bias, 0, recurrentBias, b * 3 * hs, 3 * hs);
            }
            u.aux.write(u.auxAt(t, 0), recurrentBias, recurrentBias.length);
            addRecurrent(u.aux, u.auxAt(t, 0), t);                  // hw = W_hh h + b_hh
            u.z.read(u.zAt(t, 0), gates, gates.length);              // W_ih x + b_ih
            u.aux.read(u.auxAt(t, 0), hw, hw.length);
            u.hs.read(u.hAt(t, 0), hPrev, n);
            for (int b = 0; b < u.batch; b++) {
                int row = b * 3 * hs;
                for (int j = row; j < row + 2 * hs; j++) gates[j] += hw[j];
                Act.sigmoid(gates, row, row + 2 * hs, u.exact());    // r, z
                for (int j = 0; j < hs; j++) {
                    double r = gates[row + j], hn = hw[row + 2 * hs + j];
                    gates[row + 2 * hs + j] += r * hn;                // W_in x + b_in + r ⊙ (W_hn h + b_hn)
                }
                Act.tanh(gates, row + 2 * hs, row + 3 * hs, u.exact());   // n
                for (int j = 0; j < hs; j++) {
                    int k = b * hs + j;
                    double z = gates[row + hs + j], nn = gates[row + 2 * hs + j];
                    h[k] = (1 - z) * nn + z * hPrev[k];               // h' = (1 − z) ⊙ n + z ⊙ h
                }
            }
            u.z.write(u.zAt(t, 0), gates, gates.length);
            u.hs.write(u.hAt(t + 1, 0), h, n);
            keepPadded(t);
        }

        @Override
        void backward(int t, Raw dOut) {
            int n = u.stateSize();
            double[] dh = carryH;
            u.z.read(u.zAt(t, 0), gates, gates.length);
            u.aux.read(u.auxAt(t, 0), hw, hw.length);
            u.hs.read(u.hAt(t, 0), hPrev, n);
            dOut.read(u.hAt(t, 0), dy, n);
            for (int b = 0; b < u.batch; b++) {
                boolean real = u.mask.real(t, b);
                int row = b * 3 * hs;
                for (int j = 0; j < hs; j++) {
                    int k = b * hs + j;
                    if (!real) {                                      // a padded step passes δ through
                        for (int q = 0; q < 3; q++) dInput[row + q * hs + j] = dHidden[row + q * hs + j] = 0;
                        passed[k] = dh[k];
                        continue;
                    }
                    dh[k] += dy[k];                                   // δh' = δy_t + what step t+1 sent back
                    double r = gates[row + j], z = gates[row + hs + j], nn = gates[row + 2 * hs + j];
                    double hn = hw[row + 2 * hs + j];
                    double daN = dh[k] * (1 - z) * (1 - nn * nn);     // δa_n = δn ⊙ (1 − n²),  δn = δh' ⊙ (1 − z)
                    double daZ = dh[k] * (hPrev[k] - nn) * z * (1 - z);   // δa_z = δz ⊙ z(1−z),  δz = δh' ⊙ (h − n)
                    double daR = daN * hn * r * (1 - r);              // δa_r = δa_n ⊙ hn ⊙ r(1−r)
                    dInput[row + j] = daR;
                    dInput[row + hs + j] = daZ;
                    dInput[row + 2 * hs + j] = daN;
                    dHidden[row + j] = daR;
                    dHidden[row + hs + j] = daZ;
                    dHidden[row + 2 * hs + j] = daN * r;
                    passed[k] = dh[k] * z;                            // δh_prev = δh' ⊙ z + ...
                }
            }
            recordDh(t, dh);
            u.dz.write(u.zAt(t, 0), dInput, dInput.length);
            u.dhh.write(u.zAt(t, 0), dHidden, dHidden.length);
            accumulate(dInput, u.dbIh, u.batch, u.width);             // δb_ih += Σ_B δ(W_ih x + b_ih)
            accumulate(dHidden, u.dbHh, u.batch, u.width);            // δb_hh += Σ_B δ(W_hh h + b_hh)
            backRecurrent(u.dhh, t, passed);                          // ... + δ(W_hh h + b_hh) W_hh
        }

        @Override
        RecurrentCell.Step step(int t) {
            return new Step(State.of(u.stateAt(u.hs, t)), State.of(u.stateAt(u.hs, t + 1)), block(u.z, u.width, t, 0),
                    block(u.z, u.width, t, 1), block(u.z, u.width, t, 2), block(u.aux, u.auxWidth, t, 2));
        }

        /** Block {@code k} of step {@code t} of a {@code [T, B, 3H]} buffer, a new {@code [B, H]} array. */
        private INDArray block(Raw from, int width, int t, int k) {
            INDArray g = Raw.empty(w.dtype, u.batch, hs);
            Raw r = Raw.of(g);
            for (int b = 0; b < u.batch; b++) r.copy(from, ((long) t * u.batch + b) * width + (long) k * hs, (long) b * hs, hs);
            return g;
        }
    }
}
