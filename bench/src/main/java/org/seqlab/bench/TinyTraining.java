package org.seqlab.bench;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.nn.Parameter;

/**
 * The few training pieces the speed benchmark needs: softmax cross-entropy, global-norm clipping and Adam.
 *
 * <p>Deliberately tiny copies so the benchmark does not wait on {@code org.seqlab.train} (written in
 * parallel); they follow PyTorch's {@code F.cross_entropy}, {@code clip_grad_norm_} and {@code torch.optim.Adam}
 * so both sides of the comparison do the same work. The course's training code lives in {@code org.seqlab.train}.
 */
final class TinyTraining {
    private TinyTraining() {}

    /**
     * Mean softmax cross-entropy over all rows; writes dL/dlogits into {@code logits} (in place) and returns L.
     *
     * @param logits {@code [N, V]}, overwritten with {@code (softmax − onehot) / N}
     * @param onehot {@code [N, V]} targets
     */
    static double crossEntropy(INDArray logits, INDArray onehot) {
        long n = logits.size(0);
        logits.subiColumnVector(logits.max(1));
        Transforms.exp(logits, false);
        logits.diviColumnVector(logits.sum(1));
        double loss = -Transforms.log(logits.mul(onehot).sum(1), false).sumNumber().doubleValue() / n;
        logits.subi(onehot).divi(n);
        return loss;
    }

    /** Scales every gradient by {@code max / ‖g‖} when the global norm ‖g‖ exceeds {@code max}; returns ‖g‖. */
    static double clip(Iterable<Parameter> params, double max) {
        double sq = 0;
        for (Parameter p : params) {
            double norm = p.grad().norm2Number().doubleValue();
            sq += norm * norm;
        }
        double norm = Math.sqrt(sq);
        if (norm > max) {
            for (Parameter p : params) p.grad().muli(max / (norm + 1e-6));
        }
        return norm;
    }

    /** Adam with PyTorch's defaults (β1 = 0.9, β2 = 0.999, ε = 1e-8) and bias correction. */
    static final class Adam {
        private final List<Parameter> params = new ArrayList<>();
        private final List<INDArray> m = new ArrayList<>();
        private final List<INDArray> v = new ArrayList<>();
        private final double lr;
        private int t;

        Adam(Iterable<Parameter> params, double lr) {
            for (Parameter p : params) {
                this.params.add(p);
                m.add(p.value().like());
                v.add(p.value().like());
            }
            this.lr = lr;
        }

        void step() {
            t++;
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            for (int k = 0; k < params.size(); k++) {
                INDArray g = params.get(k).grad();
                INDArray mk = m.get(k).muli(0.9).addi(g.mul(0.1));
                INDArray vk = v.get(k).muli(0.999).addi(g.mul(g).muli(0.001));
                INDArray denom = Transforms.sqrt(vk.div(c2), false).addi(1e-8);
                params.get(k).value().subi(mk.mul(lr / c1).divi(denom));
            }
        }
    }

    /** A {@code [N, V]} one-hot matrix of the given class ids. */
    static INDArray oneHot(int[] ids, int classes, org.nd4j.linalg.api.buffer.DataType dtype) {
        INDArray a = Nd4j.create(dtype, ids.length, classes);
        for (int n = 0; n < ids.length; n++) a.putScalar(n, ids[n], 1.0);
        return a;
    }
}
