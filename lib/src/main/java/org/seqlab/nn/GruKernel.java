package org.seqlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link GruCell}'s step over unrolled buffers; the equations are in {@link GruCell}'s javadoc. {@code aux[t]}
 * holds {@code W_hh h_t + b_hh} (all three blocks), since the n block is needed apart from the input side.
 */
final class GruKernel extends Kernel {
    @Override
    int auxWidth(int hidden) {
        return 3 * hidden;
    }

    @Override
    boolean foldsRecurrentBias() {
        return false;
    }

    @Override
    boolean separateRecurrentGradient() {
        return true;
    }

    @Override
    void forward(Unrolled u, CellWeights w, int t) {
        int h = u.hidden;
        addRecurrent(u, w, u.auxf, t);                                 // aux = W_hh h + b_hh (b_hh preset)
        for (int b = 0; b < u.batch; b++) {
            long zb = u.zAt(t, b);
            for (int j = 0; j < 2 * h; j++) u.zf.set(zb + j, u.zf.get(zb + j) + u.auxf.get(zb + j));
        }
        sigmoid(blocks(u.z, t, 0, 2, h));                               // r, z
        for (int b = 0; b < u.batch; b++) {
            long zb = u.zAt(t, b);
            for (int j = 0; j < h; j++) {
                double r = u.zf.get(zb + j);
                u.zf.set(zb + 2 * h + j, u.zf.get(zb + 2 * h + j) + r * u.auxf.get(zb + 2 * h + j));
            }
        }
        INDArray nBlock = blocks(u.z, t, 2, 3, h);
        tanh(nBlock, nBlock);                                           // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
        for (int b = 0; b < u.batch; b++) {
            if (!u.mask.real(t, b)) {
                keep(u.hsf, u, t, b);
                continue;
            }
            long zb = u.zAt(t, b);
            long prev = u.hAt(t, b);
            long next = u.hAt(t + 1, b);
            for (int j = 0; j < h; j++) {
                double z = u.zf.get(zb + h + j);
                double n = u.zf.get(zb + 2 * h + j);
                u.hsf.set(next + j, (1 - z) * n + z * u.hsf.get(prev + j));   // h' = (1 − z) ⊙ n + z ⊙ h
            }
        }
    }

    @Override
    void backward(Unrolled u, CellWeights w, int t, Flat dOut, Flat dh, Flat dc, Flat dhPrev) {
        int h = u.hidden;
        for (int b = 0; b < u.batch; b++) {
            boolean real = u.mask.real(t, b);
            long zb = u.zAt(t, b);
            long row = u.hAt(t, b);
            long carry = (long) b * h;
            for (int j = 0; j < h; j++) {
                double dht = dh.get(carry + j) + (real ? dOut.get(row + j) : 0.0);
                u.dhAllf.set(row + j, dht);
                if (!real) {
                    for (int k = 0; k < 3; k++) {
                        u.dzf.set(zb + k * h + j, 0.0);
                        u.dhhf.set(zb + k * h + j, 0.0);
                    }
                    dhPrev.set(carry + j, dht);
                    continue;
                }
                double r = u.zf.get(zb + j);
                double z = u.zf.get(zb + h + j);
                double n = u.zf.get(zb + 2 * h + j);
                double hn = u.auxf.get(zb + 2 * h + j);
                double hPrev = u.hsf.get(row + j);
                double daN = dht * (1 - z) * (1 - n * n);                 // da_n = dn ⊙ (1 − n²), dn = dh' ⊙ (1 − z)
                double daZ = dht * (hPrev - n) * z * (1 - z);             // da_z = dz ⊙ z(1−z),  dz = dh' ⊙ (h − n)
                double daR = daN * hn * r * (1 - r);                      // da_r = da_n ⊙ hn ⊙ r(1−r)
                u.dzf.set(zb + j, daR);
                u.dzf.set(zb + h + j, daZ);
                u.dzf.set(zb + 2 * h + j, daN);
                u.dhhf.set(zb + j, daR);
                u.dhhf.set(zb + h + j, daZ);
                u.dhhf.set(zb + 2 * h + j, daN * r);
                dhPrev.set(carry + j, dht * z);                           // dh_prev = dh' ⊙ z + ...
            }
        }
        backRecurrent(u, w, u.dhhf, t, dhPrev);                           // ... + d(W_hh h + b_hh) W_hh
    }

    @Override
    RecurrentCell.Step step(Unrolled u, int t) {
        int h = u.hidden;
        return new GruCell.Step(State.of(u.hs.slice(t)), State.of(u.hs.slice(t + 1)), blocks(u.z, t, 0, 1, h),
                blocks(u.z, t, 1, 2, h), blocks(u.z, t, 2, 3, h), blocks(u.aux, t, 2, 3, h));
    }

    private static INDArray blocks(INDArray a, int t, int from, int to, int h) {
        return a.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.interval((long) from * h, (long) to * h));
    }
}
