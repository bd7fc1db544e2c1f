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

    FastPath fastPath() {
        return new Fast();
    }

    /**
     * The GRU step over {@link Unrolled} buffers: {@code z[t]} holds {@code W_ih x + b_ih}, then the gates
     * {@code r, z, n} in place; {@code aux[t]} holds {@code W_hh h + b_hh} (all three blocks), since its n block
     * {@code hn} is needed on its own.
     */
    private final class Fast extends FastPath {
        @Override
        CellWeights weights() {
            return w;
        }

        @Override
        int auxWidth(int hidden) {
            return 3 * hidden;
        }

        @Override
        boolean foldsRecurrentBias() {
            return false;
        }

        @Override
        boolean separateRecurrentGradient() {
            return true;
        }

        @Override
        void forward(Unrolled u, int t) {
            int h = u.hidden;
            int n = u.stateSize();
            double[] x = u.gates;
            double[] gh = u.gates2;
            double[] hPrev = u.v1;
            double[] hNext = u.v2;
            u.auxf.write(u.zAt(t, 0), u.recurrentBias, u.recurrentBias.length);
            addRecurrent(u, w, u.auxf, t);                                  // gh = W_hh h + b_hh
            u.zf.read(u.zAt(t, 0), x, x.length);                            // x = W_ih x + b_ih, then r, z, n
            u.auxf.read(u.zAt(t, 0), gh, gh.length);
            u.hsf.read(u.hAt(t, 0), hPrev, n);
            for (int b = 0; b < u.batch; b++) {
                int zb = b * u.width;
                for (int j = zb; j < zb + 2 * h; j++) x[j] += gh[j];
                Act.sigmoid(x, zb, zb + 2 * h, u.exact);                    // r, z
                for (int j = 0; j < h; j++) x[zb + 2 * h + j] += x[zb + j] * gh[zb + 2 * h + j];
                Act.tanh(x, zb + 2 * h, zb + 3 * h, u.exact);               // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
                for (int j = 0; j < h; j++) {
                    double z = x[zb + h + j];
                    hNext[b * h + j] = (1 - z) * x[zb + 2 * h + j] + z * hPrev[b * h + j];   // h' = (1 − z) ⊙ n + z ⊙ h
                }
            }
            u.zf.write(u.zAt(t, 0), x, x.length);
            u.hsf.write(u.hAt(t + 1, 0), hNext, n);
            keepPadded(u, t, false);
        }

        @Override
        void backward(Unrolled u, int t, Flat dOut, double[] dh, double[] dc, Flat spare) {
            int h = u.hidden;
            int n = u.stateSize();
            double[] g = u.gates;
            double[] gh = u.gates2;
            double[] hPrev = u.v1;
            double[] dy = u.v2;
            double[] direct = u.v3;
            u.zf.read(u.zAt(t, 0), g, g.length);
            u.auxf.read(u.zAt(t, 0), gh, gh.length);
            u.hsf.read(u.hAt(t, 0), hPrev, n);
            dOut.read(u.hAt(t, 0), dy, n);
            // g becomes dL/d(W_ih x + b_ih), gh becomes dL/d(W_hh h + b_hh), in place.
            for (int b = 0; b < u.batch; b++) {
                boolean real = u.mask.real(t, b);
                int zb = b * u.width;
                for (int j = 0; j < h; j++) {
                    int k = b * h + j;
                    double dht = dh[k] + (real ? dy[k] : 0.0);
                    dh[k] = dht;
                    if (!real) {
                        for (int q = 0; q < 3; q++) {
                            g[zb + q * h + j] = 0.0;
                            gh[zb + q * h + j] = 0.0;
                        }
                        direct[k] = dht;
                        continue;
                    }
                    double r = g[zb + j];
                    double z = g[zb + h + j];
                    double nn = g[zb + 2 * h + j];
                    double hn = gh[zb + 2 * h + j];
                    double daN = dht * (1 - z) * (1 - nn * nn);           // da_n = dn ⊙ (1 − n²),  dn = dh' ⊙ (1 − z)
                    double daZ = dht * (hPrev[k] - nn) * z * (1 - z);     // da_z = dz ⊙ z(1−z),   dz = dh' ⊙ (h − n)
                    double daR = daN * hn * r * (1 - r);                  // da_r = da_n ⊙ hn ⊙ r(1−r)
                    g[zb + j] = daR;
                    g[zb + h + j] = daZ;
                    g[zb + 2 * h + j] = daN;
                    gh[zb + j] = daR;
                    gh[zb + h + j] = daZ;
                    gh[zb + 2 * h + j] = daN * r;
                    direct[k] = dht * z;                                  // dh_prev = dh' ⊙ z + ...
                }
            }
            u.dhAllf.write(u.hAt(t, 0), dh, n);
            u.dzf.write(u.zAt(t, 0), g, g.length);
            u.dhhf.write(u.zAt(t, 0), gh, gh.length);
            accumulate(g, u.dbIh, u.batch, u.width);
            accumulate(gh, u.dbHh, u.batch, u.width);
            spare.write(0, direct, n);
            backRecurrent(u, w, u.dhhf, t, spare);                        // ... + d(W_hh h + b_hh) W_hh
            spare.read(0, dh, n);
        }

        @Override
        RecurrentCell.Step step(Unrolled u, int t) {
            int h = u.hidden;
            return new Step(State.of(u.hs.slice(t)), State.of(u.hs.slice(t + 1)), blocks(u.z, t, 0, 1, h),
                    blocks(u.z, t, 1, 2, h), blocks(u.z, t, 2, 3, h), blocks(u.aux, t, 2, 3, h));
        }

        private static INDArray blocks(INDArray a, int t, int from, int to, int h) {
            return a.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.interval((long) from * h, (long) to * h));
        }
    }
}
