package org.seqlab.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.nn.Parameters;

/**
 * Updates a model's parameters in place from their gradients: {@code θ ← θ - update(∇θ)}.
 *
 * <p>An optimiser is created for one {@link Parameters} and keeps per-parameter state (momentum, moment
 * estimates) in the parameters' data type. Its state can be saved and restored with {@link Checkpoint}.
 */
public interface Optimizer {
    /** The parameters this optimiser updates. */
    Parameters parameters();

    /** One update of every parameter from its current gradient. */
    void step();

    /** How many updates {@link #step()} has made. */
    long steps();

    /** The current learning rate. */
    double learningRate();

    /** Changes the learning rate (for schedules); the state is kept. */
    void setLearningRate(double learningRate);

    /**
     * The optimiser's state, by name ({@code "exp_avg.weight_ih_l0"}, ...), with the step count under
     * {@code "step"} as a scalar: the live arrays, not copies.
     */
    Map<String, INDArray> state();

    /** Copies a state saved from {@link #state()} back in; names and shapes must match. */
    void loadState(Map<String, INDArray> state);
}
