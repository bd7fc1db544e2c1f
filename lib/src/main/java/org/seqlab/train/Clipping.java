package org.seqlab.train;

import java.nio.FloatBuffer;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.Raw;
import org.seqlab.nn.Parameters;

/**
 * Gradient clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_}.
 *
 * <pre>
 *   ‖g‖ = √(Σ_p Σ_i g_pi²)                    over every parameter p
 *   if ‖g‖ > c:  g ← g · c / (‖g‖ + 1e-6)
 * </pre>
 */
public final class Clipping {
    private Clipping() {}

    /** The global L2 norm of every gradient together. */
    public static double globalNorm(Parameters parameters) {
        double squares = 0;
        for (Parameter p : parameters) {
            FloatBuffer g = Raw.floatsOf(p.grad());
            if (g == null) {
                double n = p.grad().norm2Number().doubleValue();
                squares += n * n;
            } else {
                for (int k = 0, n = g.limit(); k < n; k++) squares += (double) g.get(k) * g.get(k);
            }
        }
        return Math.sqrt(squares);
    }

    /**
     * Scales every gradient so the global norm is at most {@code maxNorm}.
     *
     * @return the global norm <em>before</em> clipping (NaN or infinite ones are returned and nothing is scaled)
     */
    public static double clipGlobalNorm(Parameters parameters, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("maxNorm must be > 0 but is " + maxNorm);
        double norm = globalNorm(parameters);
        double coefficient = maxNorm / (norm + 1e-6);
        if (Double.isFinite(norm) && coefficient < 1) {
            for (Parameter p : parameters) p.grad().muli(coefficient);
        }
        return norm;
    }
}
