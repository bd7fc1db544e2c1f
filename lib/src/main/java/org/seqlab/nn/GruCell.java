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
 * Backward, given dh', writing {@code hn = W_hn h + b_hn}:
 *
 * <pre>
 *   dn  = dh' ⊙ (1 − z)     dz = dh' ⊙ (h − n)     dh_prev = dh' ⊙ z  (+ the recurrent part below)
 *   da_n = dn ⊙ (1 − n²)    da_z = dz ⊙ z(1−z)     da_r = da_n ⊙ hn ⊙ r(1−r)
 *   input side      d(W_ih x + b_ih) = [da_r, da_z, da_n]          [B, 3H]
 *   recurrent side  d(W_hh h + b_hh) = [da_r, da_z, da_n ⊙ r]
 *   dW_hh += d(W_hh h + b_hh)ᵀ h     db_hh += Σ_b ...     dh_prev += d(W_hh h + b_hh) W_hh
 *   dW_ih += d(W_ih x + b_ih)ᵀ x     db_ih += Σ_b ...     dx = d(W_ih x + b_ih) W_ih
 * </pre>
 *
 * <p>{@code W_ih [3H, D]} stacks {@code W_ir, W_iz, W_in}; {@code W_hh [3H, H]} likewise. Initialised as
 * PyTorch does, uniform in (−1/√H, 1/√H), from the {@link Random} given to the factory.
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
        return forwardProjected(w.projectInput(x), prev);
    }

    @Override
    public Step forwardProjected(INDArray xw, State prev) {
        w.checkProjected(xw);
        w.checkState(prev, "prev", xw.size(0), false);
        INDArray h = prev.h();
        INDArray gh = w.addRecurrent(h, Nd4j.create(w.dtype, xw.size(0), 3L * w.hiddenSize));
        INDArray rz = Transforms.sigmoid(blocks(xw, 0, 2).addi(blocks(gh, 0, 2)), false);
        INDArray r = blocks(rz, 0, 1);
        INDArray z = blocks(rz, 1, 2);
        INDArray hn = blocks(gh, 2, 3);
        INDArray n = Transforms.tanh(blocks(xw, 2, 3).addi(r.mul(hn)), false);
        INDArray hNext = h.sub(n).muli(z).addi(n);
        return new Step(prev, State.of(hNext), r, z, n, hn);
    }

    @Override
    public StepGrad backward(Step step, INDArray x, State dNext) {
        StepGrad grad = backwardProjected(step, dNext);
        return new StepGrad(w.backInput(grad.dInput(), x), grad.dPrev());
    }

    @Override
    public StepGrad backwardProjected(Step s, State dNext) {
        INDArray dh = dNext.h();
        INDArray h = s.prev().h();
        INDArray dIn = Nd4j.create(w.dtype, dh.size(0), 3L * w.hiddenSize);
        INDArray daN = blocks(dIn, 2, 3).assign(s.z()).rsubi(1.0).muli(dh).muli(s.n().mul(s.n()).rsubi(1.0));
        blocks(dIn, 1, 2).assign(s.z()).rsubi(1.0).muli(s.z()).muli(h.sub(s.n())).muli(dh);
        blocks(dIn, 0, 1).assign(s.r()).rsubi(1.0).muli(s.r()).muli(s.hn()).muli(daN);
        INDArray dHid = dIn.dup();
        blocks(dHid, 2, 3).muli(s.r());
        INDArray dhPrev = w.backRecurrent(dHid, h).addi(dh.mul(s.z()));
        return new StepGrad(dIn, State.of(dhPrev));
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

    CellWeights weights() {
        return w;
    }

    /** The same step over unrolled buffers, for {@link Recurrent}. */
    Kernel kernel() {
        return new GruKernel();
    }

    @Override
    public String toString() {
        return "GruCell(" + inputSize() + " -> " + hiddenSize() + ", " + dtype() + ")";
    }
}
