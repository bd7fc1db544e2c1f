package org.seqlab.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a {@link Recurrent} stack run forward over a sequence, holding what its backward pass needs:
 * through the cell's fast path ({@link FastLayer}) or through the cell's own {@code forward} and
 * {@code backward} ({@link ReferenceLayer}). Both compute
 *
 * <pre>
 *   s_t = m_t ⊙ cell(x_t, s_{t−1}) + (1 − m_t) ⊙ s_{t−1}      y_t = m_t ⊙ h_t
 * </pre>
 */
abstract class LayerPass {
    /**
     * What a layer's backward pass returns.
     *
     * @param dx ∂L/∂x {@code [T, B, D]}, or {@code null} for token ids
     * @param dInitial ∂L/∂s_0
     * @param dhNorms ‖∂L/∂h_t‖ for each step t
     * @param dh ∂L/∂h_t {@code [T, B, H]}, the total gradient reaching each hidden state (the workspace's array
     *     for a fast layer: copy it before the next pass)
     */
    record Grad(INDArray dx, State dInitial, double[] dhNorms, INDArray dh) {}

    /** The layer's outputs {@code [T, B, H]}, zero at padded steps: a new array. */
    abstract INDArray outputs();

    /** The state after each sequence's last real step: new arrays. */
    abstract State finalState();

    /** The cell's step records, one per time step. */
    abstract List<RecurrentCell.Step> steps();

    /**
     * Back-propagation through the layer, last step first; adds the parameters' gradients.
     *
     * @param dOut ∂L/∂y {@code [T, B, H]}, contiguous (entries at padded steps are ignored)
     * @param dFinal ∂L/∂s_T, or {@code null} for zero
     */
    abstract Grad backward(INDArray dOut, State dFinal);
}
