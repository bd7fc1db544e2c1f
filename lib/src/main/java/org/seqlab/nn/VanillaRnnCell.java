package org.seqlab.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One step of an Elman (vanilla) recurrent cell, as PyTorch's {@code nn.RNN}.
 *
 * <pre>
 *   a  = W_ih x + b_ih + W_hh h + b_hh     pre-activation    [B, H]
 *   h' = tanh(a)     (or relu(a))          new hidden state  [B, H]
 * </pre>
 *
 * <p>Backward, given δh' = ∂L/∂h':
 *
 * <pre>
 *   δa    = δh' ⊙ (1 − h'²)     (relu: δh' ⊙ [a > 0])
 *   δW_hh += δaᵀ h     δb_hh += Σ_B δa     δh = δa W_hh
 *   δW_ih += δaᵀ x     δb_ih += Σ_B δa     δx = δa W_ih
 * </pre>
 *
 * <p>Weights {@code W_ih [H, D]}, {@code W_hh [H, H]}, biases {@code [H]}, initialised as PyTorch does:
 * uniform in (−1/√H, 1/√H), drawn from the {@link Random} given to the factory (so a seed reproduces them).
 *
 * <p><b>Two paths, one set of equations.</b> {@link #forward} and {@link #backward} are the readable step, one
 * ND4J operation per equation: what lesson 03 steps through, and what {@link Recurrent#withReferencePath()}
 * runs. Below them, the fast path computes the same equations over a whole unrolled sequence (plain Java
 * loops over each step's rows, one BLAS product per step): what {@link Recurrent} runs when it unrolls this
 * cell. {@code ReferenceLayerTest} holds the two equal step by step; both are checked against finite
 * differences and PyTorch.
 */
public final class VanillaRnnCell implements RecurrentCell<VanillaRnnCell.Step> {
    /** The non-linearity, PyTorch's {@code nonlinearity='tanh'} or {@code 'relu'}. */
    public enum Activation { TANH, RELU }

    /**
     * What one step computed.
     *
     * @param prev the state before the step
     * @param next the state after it ({@code h'})
     * @param a the pre-activation {@code [B, H]}
     */
    public record Step(State prev, State next, INDArray a) implements RecurrentCell.Step {
        @Override
        public Map<String, INDArray> values() {
            Map<String, INDArray> v = new LinkedHashMap<>();
            v.put("a", a);
            v.put("h", next.h());
            return v;
        }
    }

    private final CellWeights w;
    private final Activation activation;

    VanillaRnnCell(int inputSize, int hiddenSize, Activation activation, int layer, DataType dtype, Random rng) {
        this.w = new CellWeights(inputSize, hiddenSize, 1, layer, dtype, rng);
        this.activation = activation;
    }

    /** A tanh cell in float32, weights drawn from {@code rng}. */
    public static VanillaRnnCell create(int inputSize, int hiddenSize, Random rng) {
        return create(inputSize, hiddenSize, Activation.TANH, rng, DataType.FLOAT);
    }

    /** A tanh cell in the given data type ({@code FLOAT} to train, {@code DOUBLE} for gradient checks). */
    public static VanillaRnnCell create(int inputSize, int hiddenSize, Random rng, DataType dtype) {
        return create(inputSize, hiddenSize, Activation.TANH, rng, dtype);
    }

    /** A cell with the given non-linearity and data type. */
    public static VanillaRnnCell create(int inputSize, int hiddenSize, Activation activation, Random rng,
                                        DataType dtype) {
        return new VanillaRnnCell(inputSize, hiddenSize, activation, 0, dtype, rng);
    }

    /** The non-linearity. */
    public Activation activation() {
        return activation;
    }

    @Override
    public Step forward(INDArray x, State prev) {
        w.checkInput(x, "x_t");
        w.checkState(prev, "prev", x.size(0), false);
        INDArray a = w.addRecurrentProjection(prev.h(), w.inputProjection(x));    // a = W_ih x + b_ih + W_hh h + b_hh
        INDArray h = activation == Activation.TANH ? Transforms.tanh(a, true) : Transforms.relu(a, true);
        return new Step(prev, State.of(h), a);
    }

    @Override
    public StepGrad backward(Step step, INDArray x, State dNext) {
        w.checkGradient(dNext, x);
        INDArray hNext = step.next().h();
        INDArray da = activation == Activation.TANH
                ? hNext.mul(hNext).rsubi(1.0).muli(dNext.h())                   // δa = δh' ⊙ (1 − h'²)
                : step.a().gt(0.0).castTo(w.dtype).muli(dNext.h());              // δa = δh' ⊙ [a > 0]
        INDArray dh = w.backRecurrent(da, step.prev().h());                      // δh = δa W_hh
        INDArray dx = w.backInput(da, x);                                        // δx = δa W_ih
        return new StepGrad(dx, State.of(dh));
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
        return 1;
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
        return "VanillaRnnCell(" + inputSize() + " -> " + hiddenSize() + ", " + activation + ", " + dtype() + ")";
    }

    // ---- The fast path: the equations above over a whole unrolled sequence, for Recurrent ----

    /** A new fast path for this cell, with its own workspace (one per layer of a {@link Recurrent}). */
    FastPath fastPath() {
        return new Fast();
    }

    /** The step over an {@link Unrolled} workspace: {@code z[t]} keeps the pre-activation {@code a}, {@code hs[t+1]} h'. */
    private final class Fast extends FastPath {
        private final boolean relu = activation == Activation.RELU;
        private double[] a;          // [B, H]: a, then h'
        private double[] da;         // [B, H]: δa
        private double[] dy;         // [B, H]: δ of the step's output
        private double[] passed;     // [B, H]: the part of δh_{t−1} that skips the product (padded rows)

        Fast() {
            super(VanillaRnnCell.this.w, 0, false, false, true);
        }

        @Override
        void resize(int batch) {
            super.resize(batch);
            a = new double[batch * w.hiddenSize];
            da = new double[batch * w.hiddenSize];
            dy = new double[batch * w.hiddenSize];
            passed = new double[batch * w.hiddenSize];
        }

        @Override
        void forward(int t) {
            int n = u.stateSize();
            addRecurrent(u.z, u.zAt(t, 0), t);                     // a = W_ih x + b_ih + W_hh h + b_hh
            u.z.read(u.zAt(t, 0), a, n);
            if (relu) {
                for (int k = 0; k < n; k++) a[k] = Math.max(0.0, a[k]);   // h' = relu(a)
            } else {
                Act.tanh(a, 0, n, u.exact());                         // h' = tanh(a)
            }
            u.hs.write(u.hAt(t + 1, 0), a, n);
            keepPadded(t);
        }

        @Override
        void backward(int t, Raw dOut) {
            int n = u.stateSize();
            int hs = u.hidden;
            double[] dh = carryH;
            double[] hNext = a;
            if (relu) u.z.read(u.zAt(t, 0), hNext, n);              // relu' needs a, not h'
            else u.hs.read(u.hAt(t + 1, 0), hNext, n);
            dOut.read(u.hAt(t, 0), dy, n);
            for (int b = 0; b < u.batch; b++) {
                boolean real = u.mask.real(t, b);
                for (int j = 0; j < hs; j++) {
                    int k = b * hs + j;
                    if (!real) {                                      // a padded step passes δ through
                        da[k] = 0;
                        passed[k] = dh[k];
                        continue;
                    }
                    dh[k] += dy[k];                                   // δh' = δy_t + what step t+1 sent back
                    da[k] = relu ? (hNext[k] > 0 ? dh[k] : 0)          // δa = δh' ⊙ [a > 0]
                            : dh[k] * (1 - hNext[k] * hNext[k]);      // δa = δh' ⊙ (1 − h'²)
                    passed[k] = 0;
                }
            }
            recordDh(t, dh);
            u.dz.write(u.zAt(t, 0), da, n);
            accumulate(da, u.dbIh, u.batch, u.width);                 // δb_ih = δb_hh += Σ_B δa
            backRecurrent(u.dz, t, passed);                           // δh = δa W_hh
        }

        @Override
        RecurrentCell.Step step(int t) {
            INDArray pre = Raw.empty(w.dtype, u.batch, w.hiddenSize);
            Raw.of(pre).copy(u.z, u.zAt(t, 0), 0, u.stateSize());
            return new Step(State.of(u.stateAt(u.hs, t)), State.of(u.stateAt(u.hs, t + 1)), pre);
        }
    }
}
