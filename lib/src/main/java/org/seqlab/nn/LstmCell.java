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
 * One step of a long short-term memory cell, in PyTorch's formulation and gate order (i, f, g, o).
 *
 * <pre>
 *   i  = σ(W_ii x + b_ii + W_hi h + b_hi)      input gate        [B, H]
 *   f  = σ(W_if x + b_if + W_hf h + b_hf)      forget gate
 *   g  = tanh(W_ig x + b_ig + W_hg h + b_hg)   candidate
 *   o  = σ(W_io x + b_io + W_ho h + b_ho)      output gate
 *   c' = f ⊙ c + i ⊙ g                         cell state
 *   h' = o ⊙ tanh(c')                          hidden state
 * </pre>
 *
 * <p>Backward, given δh' and δc' (the gradient reaching c' from the next step):
 *
 * <pre>
 *   δo  = δh' ⊙ tanh(c')
 *   δc  = δc' + δh' ⊙ o ⊙ (1 − tanh²(c'))
 *   δi  = δc ⊙ g      δf = δc ⊙ c      δg = δc ⊙ i      δc_prev = δc ⊙ f
 *   δz  = [δi ⊙ i(1−i), δf ⊙ f(1−f), δg ⊙ (1−g²), δo ⊙ o(1−o)]          pre-activations [B, 4H]
 *   δW_hh += δzᵀ h     δb_hh += Σ_B δz     δh_prev = δz W_hh
 *   δW_ih += δzᵀ x     δb_ih += Σ_B δz     δx = δz W_ih
 * </pre>
 *
 * <p>{@code W_ih [4H, D]} stacks {@code W_ii, W_if, W_ig, W_io}; {@code W_hh [4H, H]} likewise. Initialised as
 * PyTorch does, uniform in (−1/√H, 1/√H), from the {@link Random} given to the factory.
 *
 * <p><b>Two paths, one set of equations.</b> {@link #forward} and {@link #backward} are the readable step, one
 * ND4J operation per equation: what the lessons step through, and what {@link Recurrent#withReferencePath()}
 * runs. Below them, the fast path computes the same equations over a whole unrolled sequence (plain Java
 * loops over each step's rows, one BLAS product per step): what {@link Recurrent} runs when it unrolls this
 * cell. {@code ReferenceLayerTest} holds the two equal step by step; both are checked against finite differences
 * and PyTorch.
 */
public final class LstmCell implements RecurrentCell<LstmCell.Step> {
    /**
     * What one step computed; the gates are {@code [B, H]} views of one {@code [B, 4H]} array.
     *
     * @param prev the state (h, c) before the step
     * @param next the state (h', c') after it
     * @param i input gate
     * @param f forget gate
     * @param g candidate
     * @param o output gate
     */
    public record Step(State prev, State next, INDArray i, INDArray f, INDArray g, INDArray o)
            implements RecurrentCell.Step {
        @Override
        public Map<String, INDArray> values() {
            Map<String, INDArray> v = new LinkedHashMap<>();
            v.put("i", i);
            v.put("f", f);
            v.put("g", g);
            v.put("o", o);
            v.put("c", next.c());
            v.put("h", next.h());
            return v;
        }
    }

    private final CellWeights w;

    LstmCell(int inputSize, int hiddenSize, int layer, DataType dtype, Random rng) {
        this.w = new CellWeights(inputSize, hiddenSize, 4, layer, dtype, rng);
    }

    /** An LSTM cell in float32, weights drawn from {@code rng}. */
    public static LstmCell create(int inputSize, int hiddenSize, Random rng) {
        return create(inputSize, hiddenSize, rng, DataType.FLOAT);
    }

    /** An LSTM cell in the given data type ({@code FLOAT} to train, {@code DOUBLE} for gradient checks). */
    public static LstmCell create(int inputSize, int hiddenSize, Random rng, DataType dtype) {
        return new LstmCell(inputSize, hiddenSize, 0, dtype, rng);
    }

    @Override
    public Step forward(INDArray x, State prev) {
        w.checkInput(x, "x_t");
        w.checkState(prev, "prev", x.size(0), true);
        INDArray z = w.addRecurrentProjection(prev.h(), w.inputProjection(x));    // z [B, 4H]
        INDArray i = Transforms.sigmoid(block(z, 0), false);
        INDArray f = Transforms.sigmoid(block(z, 1), false);
        INDArray g = Transforms.tanh(block(z, 2), false);
        INDArray o = Transforms.sigmoid(block(z, 3), false);
        INDArray c = f.mul(prev.c()).addi(i.mul(g));                              // c' = f ⊙ c + i ⊙ g
        INDArray h = Transforms.tanh(c, true).muli(o);                            // h' = o ⊙ tanh(c')
        return new Step(prev, new State(h, c), i, f, g, o);
    }

    @Override
    public StepGrad backward(Step s, INDArray x, State dNext) {
        w.checkGradient(dNext, x);
        INDArray dh = dNext.h();
        INDArray tanhC = Transforms.tanh(s.next().c(), true);
        INDArray dc = tanhC.mul(tanhC).rsubi(1.0).muli(s.o()).muli(dh);          // δh' ⊙ o ⊙ (1 − tanh²(c'))
        if (dNext.c() != null) dc.addi(dNext.c());                                // + δc'
        INDArray dz = Nd4j.hstack(
                s.i().rsub(1.0).muli(s.i()).muli(s.g()).muli(dc),                 // δi ⊙ i(1−i)
                s.f().rsub(1.0).muli(s.f()).muli(s.prev().c()).muli(dc),          // δf ⊙ f(1−f)
                s.g().mul(s.g()).rsubi(1.0).muli(s.i()).muli(dc),                 // δg ⊙ (1−g²)
                s.o().rsub(1.0).muli(s.o()).muli(tanhC).muli(dh));                // δo ⊙ o(1−o)
        INDArray dcPrev = dc.muli(s.f());                                         // δc_prev = δc ⊙ f
        INDArray dhPrev = w.backRecurrent(dz, s.prev().h());                      // δh_prev = δz W_hh
        INDArray dx = w.backInput(dz, x);                                         // δx = δz W_ih
        return new StepGrad(dx, new State(dhPrev, dcPrev));
    }

    /** Gate block {@code k} (columns {@code k·H ... (k+1)·H}) of a {@code [B, 4H]} array, as a view. */
    private INDArray block(INDArray a, int k) {
        long h = w.hiddenSize;
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(k * h, (k + 1) * h));
    }

    @Override
    public State zeroState(int batch) {
        return new State(w.zeros(batch), w.zeros(batch));
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
        return 4;
    }

    @Override
    public boolean hasCellState() {
        return true;
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
        return "LstmCell(" + inputSize() + " -> " + hiddenSize() + ", " + dtype() + ")";
    }

    // ---- The fast path: the equations above over a whole unrolled sequence, for Recurrent ----

    /** A new fast path for this cell, with its own workspace (one per layer of a {@link Recurrent}). */
    FastPath fastPath() {
        return new Fast();
    }

    /**
     * The LSTM step over an {@link Unrolled} workspace: {@code z[t]} holds the pre-activations (with both biases),
     * then the gates {@code i, f, g, o} in place; {@code aux[t]} holds {@code tanh(c')}.
     */
    private final class Fast extends FastPath {
        private final int hs = w.hiddenSize;
        private double[] gates;      // [B, 4H]: z_t, then i, f, g, o
        private double[] dGates;     // [B, 4H]: δz_t
        private double[] c;          // [B, H]: c, then c'
        private double[] cPrev;      // [B, H]
        private double[] tanhC;      // [B, H]: tanh(c')
        private double[] h;          // [B, H]: h'
        private double[] dy;         // [B, H]: δ of the step's output
        private double[] passed;     // [B, H]: the part of δh_{t−1} that skips the product (padded rows)

        Fast() {
            super(LstmCell.this.w, LstmCell.this.w.hiddenSize, true, false, true);
        }

        @Override
        void resize(int batch) {
            super.resize(batch);
            gates = new double[batch * 4 * hs];
            dGates = new double[batch * 4 * hs];
            c = new double[batch * hs];
            cPrev = new double[batch * hs];
            tanhC = new double[batch * hs];
            h = new double[batch * hs];
            dy = new double[batch * hs];
            passed = new double[batch * hs];
        }

        @Override
        void forward(int t) {
            int n = u.stateSize();
            addRecurrent(u.z, u.zAt(t, 0), t);                    // z = W_ih x + b_ih + W_hh h + b_hh
            u.z.read(u.zAt(t, 0), gates, gates.length);
            u.cs.read(u.hAt(t, 0), c, n);
            for (int b = 0; b < u.batch; b++) {
                int row = b * 4 * hs;
                Act.sigmoid(gates, row, row + 2 * hs, u.exact());   // i, f
                Act.tanh(gates, row + 2 * hs, row + 3 * hs, u.exact()); // g
                Act.sigmoid(gates, row + 3 * hs, row + 4 * hs, u.exact()); // o
                for (int j = 0; j < hs; j++) {
                    int k = b * hs + j;
                    double i = gates[row + j], f = gates[row + hs + j], g = gates[row + 2 * hs + j];
                    c[k] = f * c[k] + i * g;                         // c' = f ⊙ c + i ⊙ g
                }
            }
            System.arraycopy(c, 0, tanhC, 0, n);
            Act.tanh(tanhC, 0, n, u.exact());
            for (int b = 0; b < u.batch; b++) {
                int row = b * 4 * hs;
                for (int j = 0; j < hs; j++) {
                    int k = b * hs + j;
                    double o = gates[row + 3 * hs + j];
                    h[k] = o * tanhC[k];                             // h' = o ⊙ tanh(c')
                }
            }
            u.z.write(u.zAt(t, 0), gates, gates.length);
            u.aux.write(u.auxAt(t, 0), tanhC, n);
            u.hs.write(u.hAt(t + 1, 0), h, n);
            u.cs.write(u.hAt(t + 1, 0), c, n);
            keepPadded(t);
        }

        @Override
        void backward(int t, Raw dOut) {
            int n = u.stateSize();
            double[] dh = carryH;
            double[] dc = carryC;
            u.z.read(u.zAt(t, 0), gates, gates.length);
            u.aux.read(u.auxAt(t, 0), tanhC, n);
            u.cs.read(u.hAt(t, 0), cPrev, n);
            dOut.read(u.hAt(t, 0), dy, n);
            for (int b = 0; b < u.batch; b++) {
                boolean real = u.mask.real(t, b);
                int row = b * 4 * hs;
                for (int j = 0; j < hs; j++) {
                    int k = b * hs + j;
                    if (!real) {                                     // a padded step passes δ through
                        dGates[row + j] = dGates[row + hs + j] = dGates[row + 2 * hs + j] = dGates[row + 3 * hs + j] = 0;
                        passed[k] = dh[k];
                        continue;
                    }
                    dh[k] += dy[k];                                  // δh' = δy_t + what step t+1 sent back
                    double i = gates[row + j], f = gates[row + hs + j], g = gates[row + 2 * hs + j];
                    double o = gates[row + 3 * hs + j];
                    double dC = dc[k] + dh[k] * o * (1 - tanhC[k] * tanhC[k]);   // δc = δc' + δh' ⊙ o ⊙ (1 − tanh²(c'))
                    dGates[row + j] = dC * g * i * (1 - i);               // δi ⊙ i(1−i),  δi = δc ⊙ g
                    dGates[row + hs + j] = dC * cPrev[k] * f * (1 - f);   // δf ⊙ f(1−f),  δf = δc ⊙ c
                    dGates[row + 2 * hs + j] = dC * i * (1 - g * g);      // δg ⊙ (1−g²),  δg = δc ⊙ i
                    dGates[row + 3 * hs + j] = dh[k] * tanhC[k] * o * (1 - o);   // δo ⊙ o(1−o),  δo = δh' ⊙ tanh(c')
                    dc[k] = dC * f;                                  // δc_prev = δc ⊙ f
                    passed[k] = 0;
                }
            }
            recordDh(t, dh);
            u.dz.write(u.zAt(t, 0), dGates, dGates.length);
            accumulate(dGates, u.dbIh, u.batch, u.width);           // δb_ih = δb_hh += Σ_B δz
            backRecurrent(u.dz, t, passed);                          // δh_prev = δz W_hh
        }

        @Override
        RecurrentCell.Step step(int t) {
            State prev = new State(u.stateAt(u.hs, t), u.stateAt(u.cs, t));
            State next = new State(u.stateAt(u.hs, t + 1), u.stateAt(u.cs, t + 1));
            return new Step(prev, next, gate(t, 0), gate(t, 1), gate(t, 2), gate(t, 3));
        }

        /** Gate {@code k} of step {@code t}, a new {@code [B, H]} array. */
        private INDArray gate(int t, int k) {
            INDArray g = Raw.empty(w.dtype, u.batch, hs);
            Raw r = Raw.of(g);
            for (int b = 0; b < u.batch; b++) r.copy(u.z, u.zAt(t, b) + (long) k * hs, (long) b * hs, hs);
            return g;
        }
    }
}
