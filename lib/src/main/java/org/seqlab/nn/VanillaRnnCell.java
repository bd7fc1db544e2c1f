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
 * <p>Backward, given dL/dh' (written dh'):
 *
 * <pre>
 *   da    = dh' ⊙ (1 − h'²)     (relu: dh' ⊙ [a > 0])
 *   dW_hh += daᵀ h     db_hh += Σ_b da     dh = da W_hh
 *   dW_ih += daᵀ x     db_ih += Σ_b da     dx = da W_ih
 * </pre>
 *
 * <p>Weights {@code W_ih [H, D]}, {@code W_hh [H, H]}, biases {@code [H]}, initialised as PyTorch does:
 * uniform in (−1/√H, 1/√H), drawn from the {@link Random} given to the factory (so a seed reproduces them).
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
        return forwardProjected(w.projectInput(x), prev);
    }

    @Override
    public Step forwardProjected(INDArray xw, State prev) {
        w.checkProjected(xw);
        w.checkState(prev, "prev", xw.size(0), false);
        INDArray a = w.addRecurrent(prev.h(), xw);
        INDArray h = activation == Activation.TANH ? Transforms.tanh(a, true) : Transforms.relu(a, true);
        return new Step(prev, State.of(h), a);
    }

    @Override
    public StepGrad backward(Step step, INDArray x, State dNext) {
        StepGrad g = backwardProjected(step, dNext);
        return new StepGrad(w.backInput(g.dInput(), x), g.dPrev());
    }

    @Override
    public StepGrad backwardProjected(Step step, State dNext) {
        INDArray hNext = step.next().h();
        INDArray da = activation == Activation.TANH
                ? hNext.mul(hNext).rsubi(1.0).muli(dNext.h())
                : step.a().gt(0.0).castTo(w.dtype).muli(dNext.h());
        INDArray dh = w.backRecurrent(da, step.prev().h());
        return new StepGrad(da, State.of(dh));
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

    CellWeights weights() {
        return w;
    }

    /** The same step over unrolled buffers, for {@link Recurrent}. */
    Kernel kernel() {
        return new RnnKernel(activation);
    }

    @Override
    public String toString() {
        return "VanillaRnnCell(" + inputSize() + " -> " + hiddenSize() + ", " + activation + ", " + dtype() + ")";
    }
}
