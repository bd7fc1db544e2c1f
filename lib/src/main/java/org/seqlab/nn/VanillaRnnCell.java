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

    FastPath fastPath() {
        return new Fast();
    }

    /** The step over {@link Unrolled} buffers: {@code z[t]} keeps the pre-activation {@code a}, {@code hs[t+1]} h'. */
    private final class Fast extends FastPath {
        @Override
        CellWeights weights() {
            return w;
        }

        private boolean relu() {
            return activation == Activation.RELU;
        }

        @Override
        int auxWidth(int hidden) {
            return 0;
        }

        @Override
        boolean foldsRecurrentBias() {
            return true;
        }

        @Override
        boolean separateRecurrentGradient() {
            return false;
        }

        @Override
        void forward(Unrolled u, int t) {
            int n = u.stateSize();
            double[] a = u.v1;
            addRecurrent(u, w, u.zf, t);                                    // a = W_ih x + b_ih + W_hh h + b_hh
            u.zf.read(u.zAt(t, 0), a, n);
            if (relu()) {
                for (int k = 0; k < n; k++) a[k] = Math.max(0.0, a[k]);
            } else {
                Act.tanh(a, 0, n, u.exact);                                 // h' = tanh(a)
            }
            u.hsf.write(u.hAt(t + 1, 0), a, n);
            keepPadded(u, t, false);
        }

        @Override
        void backward(Unrolled u, int t, Flat dOut, double[] dh, double[] dc, Flat spare) {
            int n = u.stateSize();
            int h = u.hidden;
            double[] hNext = u.v1;
            double[] dy = u.v2;
            double[] da = u.v3;
            double[] direct = u.v4;
            u.hsf.read(u.hAt(t + 1, 0), hNext, n);
            if (relu()) u.zf.read(u.zAt(t, 0), hNext, n);                     // relu' needs a, not h'
            dOut.read(u.hAt(t, 0), dy, n);
            for (int k = 0; k < n; k++) {
                boolean real = u.mask.real(t, k / h);
                double dht = dh[k] + (real ? dy[k] : 0.0);
                dh[k] = dht;
                if (!real) {
                    da[k] = 0.0;
                    direct[k] = dht;
                    continue;
                }
                da[k] = relu() ? (hNext[k] > 0 ? dht : 0.0) : dht * (1 - hNext[k] * hNext[k]);   // da = dh' ⊙ (1 − h'²)
                direct[k] = 0.0;
            }
            u.dhAllf.write(u.hAt(t, 0), dh, n);
            u.dzf.write(u.zAt(t, 0), da, n);
            accumulate(da, u.dbIh, u.batch, u.width);
            spare.write(0, direct, n);
            backRecurrent(u, w, u.dzf, t, spare);                          // dh = da W_hh
            spare.read(0, dh, n);
        }

        @Override
        RecurrentCell.Step step(Unrolled u, int t) {
            return new Step(State.of(u.hs.slice(t)), State.of(u.hs.slice(t + 1)), u.z.slice(t));
        }
    }
}
