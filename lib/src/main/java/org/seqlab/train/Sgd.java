package org.seqlab.train;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.Raw;
import org.seqlab.nn.Parameters;

/**
 * Stochastic gradient descent with momentum and weight decay, as {@code torch.optim.SGD} (no dampening,
 * no Nesterov).
 *
 * <pre>
 *   g  = ∇θ + λ θ                       weight decay λ
 *   v  = g               (first step)
 *   v  = μ v + g         (later steps)   momentum μ
 *   θ ← θ - η v                          learning rate η
 * </pre>
 * With μ = 0 this is plain {@code θ ← θ - η g}.
 */
public final class Sgd implements Optimizer {
    private final Parameters parameters;
    private final double momentum;
    private final double weightDecay;
    private final Map<String, INDArray> velocity;
    private double learningRate;
    private long steps;

    private Sgd(Parameters parameters, double learningRate, double momentum, double weightDecay) {
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Sgd needs learningRate > 0, 0 <= momentum < 1, weightDecay >= 0"
                    + " but got " + learningRate + ", " + momentum + ", " + weightDecay);
        }
        this.parameters = parameters;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.velocity = OptimizerState.zeros("momentum_buffer", parameters);
    }

    /** Plain SGD: {@code θ ← θ - η ∇θ}. */
    public static Sgd create(Parameters parameters, double learningRate) {
        return new Sgd(parameters, learningRate, 0, 0);
    }

    /** SGD with momentum μ (0.9 is usual) and weight decay λ (0 for none). */
    public static Sgd create(Parameters parameters, double learningRate, double momentum, double weightDecay) {
        return new Sgd(parameters, learningRate, momentum, weightDecay);
    }

    @Override
    public void step() {
        for (String name : parameters.names()) {
            Parameter p = parameters.get(name);
            INDArray theta = p.value();
            INDArray velocityArray = velocity.get("momentum_buffer." + name);
            FloatBuffer[] views = {Raw.floatsOf(theta), Raw.floatsOf(p.grad()), Raw.floatsOf(velocityArray)};
            if (Arrays.stream(views).allMatch(Objects::nonNull)) {
                update(views[0], views[1], views[2]);
                continue;
            }
            INDArray g = weightDecay == 0 ? p.grad() : p.grad().add(theta.mul(weightDecay));
            if (momentum != 0) {
                INDArray v = velocityArray;
                if (steps == 0) v.assign(g); else v.muli(momentum).addi(g);
                g = v;
            }
            theta.subi(g.mul(learningRate));
        }
        steps++;
    }

    /** The same update as one loop over float32 values, the equations in the class comment. */
    private void update(FloatBuffer theta, FloatBuffer grad, FloatBuffer v) {
        float mu = (float) momentum, lambda = (float) weightDecay, eta = (float) learningRate;
        boolean first = steps == 0;
        for (int k = 0, n = theta.limit(); k < n; k++) {
            float t = theta.get(k);
            float g = grad.get(k) + lambda * t;
            if (mu != 0) {
                g = first ? g : mu * v.get(k) + g;
                v.put(k, g);
            }
            theta.put(k, t - eta * g);
        }
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public Map<String, INDArray> state() {
        return OptimizerState.withStep(steps, velocity);
    }

    @Override
    public void loadState(Map<String, INDArray> state) {
        steps = OptimizerState.load(state, velocity);
    }

    @Override
    public String toString() {
        return "Sgd(lr=" + learningRate + ", momentum=" + momentum + ", weightDecay=" + weightDecay + ")";
    }
}
