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
 * <p>Backward, given dh' and dc' (the gradient reaching c' from the next step):
 *
 * <pre>
 *   do  = dh' ⊙ tanh(c')
 *   dc  = dc' + dh' ⊙ o ⊙ (1 − tanh²(c'))
 *   di  = dc ⊙ g      df = dc ⊙ c      dg = dc ⊙ i      dc_prev = dc ⊙ f
 *   dz  = [di ⊙ i(1−i), df ⊙ f(1−f), dg ⊙ (1−g²), do ⊙ o(1−o)]          pre-activations [B, 4H]
 *   dW_hh += dzᵀ h     db_hh += Σ_b dz     dh_prev = dz W_hh
 *   dW_ih += dzᵀ x     db_ih += Σ_b dz     dx = dz W_ih
 * </pre>
 *
 * <p>{@code W_ih [4H, D]} stacks {@code W_ii, W_if, W_ig, W_io}; {@code W_hh [4H, H]} likewise. Initialised as
 * PyTorch does, uniform in (−1/√H, 1/√H), from the {@link Random} given to the factory.
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
        return forwardProjected(w.projectInput(x), prev);
    }

    @Override
    public Step forwardProjected(INDArray xw, State prev) {
        w.checkProjected(xw);
        w.checkState(prev, "prev", xw.size(0), true);
        INDArray z = w.addRecurrent(prev.h(), xw);
        INDArray i = Transforms.sigmoid(block(z, 0), false);
        INDArray f = Transforms.sigmoid(block(z, 1), false);
        INDArray g = Transforms.tanh(block(z, 2), false);
        INDArray o = Transforms.sigmoid(block(z, 3), false);
        INDArray c = f.mul(prev.c()).addi(i.mul(g));
        INDArray h = Transforms.tanh(c, true).muli(o);
        return new Step(prev, new State(h, c), i, f, g, o);
    }

    @Override
    public StepGrad backward(Step step, INDArray x, State dNext) {
        StepGrad grad = backwardProjected(step, dNext);
        return new StepGrad(w.backInput(grad.dInput(), x), grad.dPrev());
    }

    @Override
    public StepGrad backwardProjected(Step s, State dNext) {
        INDArray dh = dNext.h();
        INDArray tanhC = Transforms.tanh(s.next().c(), true);
        INDArray dc = tanhC.mul(tanhC).rsubi(1.0).muli(s.o()).muli(dh);
        if (dNext.c() != null) {
            dc.addi(dNext.c());
        }
        INDArray dz = Nd4j.create(w.dtype, dh.size(0), 4L * w.hiddenSize);
        block(dz, 0).assign(s.i()).rsubi(1.0).muli(s.i()).muli(s.g()).muli(dc);
        block(dz, 1).assign(s.f()).rsubi(1.0).muli(s.f()).muli(s.prev().c()).muli(dc);
        block(dz, 2).assign(s.g()).muli(s.g()).rsubi(1.0).muli(s.i()).muli(dc);
        block(dz, 3).assign(s.o()).rsubi(1.0).muli(s.o()).muli(tanhC).muli(dh);
        INDArray dcPrev = dc.muli(s.f());
        INDArray dhPrev = w.backRecurrent(dz, s.prev().h());
        return new StepGrad(dz, new State(dhPrev, dcPrev));
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

    CellWeights weights() {
        return w;
    }

    /** The same step over unrolled buffers, for {@link Recurrent}. */
    Kernel kernel() {
        return new LstmKernel();
    }

    @Override
    public String toString() {
        return "LstmCell(" + inputSize() + " -> " + hiddenSize() + ", " + dtype() + ")";
    }
}
