package org.seqlab.bench;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.nn.Parameter;

/**
 * The few training pieces the speed benchmark needs: softmax cross-entropy, global-norm clipping and Adam.
 *
 * <p>Deliberately tiny copies so the benchmark does not wait on {@code org.seqlab.train} (written in
 * parallel); they do what PyTorch's {@code F.cross_entropy}, {@code clip_grad_norm_} and
 * {@code torch.optim.Adam} do, so both sides of the comparison do the same work. They work on float32 arrays in
 * Java (one pass each) because a dozen small ND4J calls per parameter would cost more than the update.
 */
final class TinyTraining {
    private TinyTraining() {}

    /**
     * Mean softmax cross-entropy over all rows; overwrites {@code logits} with dL/dlogits and returns L.
     *
     * @param logits {@code [N, V]} float32
     * @param targets the class of each row
     */
    static double crossEntropy(INDArray logits, int[] targets) {
        int n = (int) logits.size(0);
        int v = (int) logits.size(1);
        Nd4j.exec(new SoftMax(logits, logits, 1));
        float[] p = get(logits);
        double loss = 0;
        for (int r = 0; r < n; r++) {
            int k = r * v + targets[r];
            loss -= Math.log(Math.max(p[k], 1e-30f));
            p[k] -= 1f;
        }
        float scale = 1f / n;
        for (int k = 0; k < p.length; k++) p[k] *= scale;
        put(logits, p);
        return loss / n;
    }

    /** Scales every gradient by {@code max / ‖g‖} when the global norm ‖g‖ exceeds {@code max}; returns ‖g‖. */
    static double clip(Iterable<Parameter> params, double max) {
        double sq = 0;
        for (Parameter p : params) {
            for (float g : get(p.grad())) sq += (double) g * g;
        }
        double norm = Math.sqrt(sq);
        if (norm > max) {
            float scale = (float) (max / (norm + 1e-6));
            for (Parameter p : params) {
                float[] g = get(p.grad());
                for (int k = 0; k < g.length; k++) g[k] *= scale;
                put(p.grad(), g);
            }
        }
        return norm;
    }

    /** Adam with PyTorch's defaults (β1 = 0.9, β2 = 0.999, ε = 1e-8) and bias correction. */
    static final class Adam {
        private final List<Parameter> params = new ArrayList<>();
        private final List<float[]> m = new ArrayList<>();
        private final List<float[]> v = new ArrayList<>();
        private final double lr;
        private int t;

        Adam(Iterable<Parameter> params, double lr) {
            for (Parameter p : params) {
                this.params.add(p);
                m.add(new float[(int) p.value().length()]);
                v.add(new float[(int) p.value().length()]);
            }
            this.lr = lr;
        }

        void step() {
            t++;
            float c1 = (float) (lr / (1 - Math.pow(0.9, t)));
            float c2 = (float) (1 / Math.sqrt(1 - Math.pow(0.999, t)));
            for (int k = 0; k < params.size(); k++) {
                float[] g = get(params.get(k).grad());
                float[] w = get(params.get(k).value());
                float[] mk = m.get(k);
                float[] vk = v.get(k);
                for (int j = 0; j < w.length; j++) {
                    mk[j] = 0.9f * mk[j] + 0.1f * g[j];
                    vk[j] = 0.999f * vk[j] + 0.001f * g[j] * g[j];
                    w[j] -= c1 * mk[j] / ((float) Math.sqrt(vk[j]) * c2 + 1e-8f);
                }
                put(params.get(k).value(), w);
            }
        }
    }

    /** The elements of a contiguous float32 array. */
    static float[] get(INDArray a) {
        check(a);
        float[] v = new float[(int) a.length()];
        a.data().asNioFloat().get(0, v);
        return v;
    }

    static void put(INDArray a, float[] v) {
        check(a);
        a.data().asNioFloat().put(0, v);
    }

    private static void check(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.offset() != 0 || a.ordering() != 'c' || a.elementWiseStride() != 1) {
            throw new IllegalArgumentException("needs a contiguous float32 array at offset 0");
        }
    }
}
