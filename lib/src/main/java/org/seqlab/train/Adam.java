package org.seqlab.train;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.Raw;
import org.seqlab.nn.Parameters;

/**
 * Adam, as {@code torch.optim.Adam} (defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8, bias correction, L2 weight decay
 * added to the gradient).
 *
 * <pre>
 *   g  = ∇θ + λ θ
 *   m  = β₁ m + (1 - β₁) g                 first moment  (exp_avg)
 *   v  = β₂ v + (1 - β₂) g²                second moment (exp_avg_sq)
 *   θ ← θ - (η / (1 - β₁ᵗ)) · m / (√v / √(1 - β₂ᵗ) + ε)
 * </pre>
 */
public final class Adam implements Optimizer {
    private final Parameters parameters;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Map<String, INDArray> m;
    private final Map<String, INDArray> v;
    private double learningRate;
    private long steps;

    private Adam(Parameters parameters, double learningRate, double beta1, double beta2, double epsilon,
                 double weightDecay) {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam needs learningRate > 0, betas in [0, 1), epsilon > 0,"
                    + " weightDecay >= 0 but got " + learningRate + ", " + beta1 + ", " + beta2 + ", " + epsilon
                    + ", " + weightDecay);
        }
        this.parameters = parameters;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.m = OptimizerState.zeros("exp_avg", parameters);
        this.v = OptimizerState.zeros("exp_avg_sq", parameters);
    }

    /** Adam with PyTorch's defaults and learning rate η (1e-3 is PyTorch's default). */
    public static Adam create(Parameters parameters, double learningRate) {
        return new Adam(parameters, learningRate, 0.9, 0.999, 1e-8, 0);
    }

    /** Adam with every setting given. */
    public static Adam create(Parameters parameters, double learningRate, double beta1, double beta2,
                              double epsilon, double weightDecay) {
        return new Adam(parameters, learningRate, beta1, beta2, epsilon, weightDecay);
    }

    @Override
    public void step() {
        steps++;
        double stepSize = learningRate / (1 - Math.pow(beta1, steps));
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, steps));
        for (String name : parameters.names()) {
            Parameter p = parameters.get(name);
            INDArray theta = p.value();
            INDArray mt = m.get("exp_avg." + name);
            INDArray vt = v.get("exp_avg_sq." + name);
            FloatBuffer[] views = {Raw.floatsOf(theta), Raw.floatsOf(p.grad()), Raw.floatsOf(mt), Raw.floatsOf(vt)};
            if (Arrays.stream(views).allMatch(Objects::nonNull)) {
                update(views[0], views[1], views[2], views[3], stepSize, sqrtCorrection2);
                continue;
            }
            INDArray g = weightDecay == 0 ? p.grad() : p.grad().add(theta.mul(weightDecay));
            mt.muli(beta1).addi(g.mul(1 - beta1));
            vt.muli(beta2).addi(g.mul(g).muli(1 - beta2));
            INDArray denominator = Transforms.sqrt(vt, true).divi(sqrtCorrection2).addi(epsilon);
            theta.subi(mt.div(denominator).muli(stepSize));
        }
    }

    /** The same update as one loop over float32 values (no temporaries), the equations in the class comment. */
    private void update(FloatBuffer theta, FloatBuffer grad, FloatBuffer m, FloatBuffer v, double stepSize,
                        double sqrtCorrection2) {
        float b1 = (float) beta1, b2 = (float) beta2, lambda = (float) weightDecay;
        float a1 = (float) (1 - beta1), a2 = (float) (1 - beta2), eps = (float) epsilon;
        float step = (float) stepSize, correction = (float) sqrtCorrection2;
        for (int k = 0, n = theta.limit(); k < n; k++) {
            float t = theta.get(k);
            float g = grad.get(k) + lambda * t;
            float mk = b1 * m.get(k) + a1 * g;
            float vk = b2 * v.get(k) + a2 * g * g;
            m.put(k, mk);
            v.put(k, vk);
            theta.put(k, t - step * mk / ((float) Math.sqrt(vk) / correction + eps));
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
        Map<String, INDArray> both = new LinkedHashMap<>(m);
        both.putAll(v);
        return OptimizerState.withStep(steps, both);
    }

    @Override
    public void loadState(Map<String, INDArray> state) {
        Map<String, INDArray> both = new LinkedHashMap<>(m);
        both.putAll(v);
        steps = OptimizerState.load(state, both);
    }

    @Override
    public String toString() {
        return "Adam(lr=" + learningRate + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + epsilon
                + ", weightDecay=" + weightDecay + ")";
    }
}
