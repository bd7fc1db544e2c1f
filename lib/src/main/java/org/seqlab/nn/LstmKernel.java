package org.seqlab.nn;

import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link LstmCell}'s step over unrolled buffers; the equations are in {@link LstmCell}'s javadoc. */
final class LstmKernel extends Kernel {
    @Override
    int auxWidth(int hidden) {
        return hidden;
    }

    @Override
    boolean foldsRecurrentBias() {
        return true;
    }

    @Override
    boolean separateRecurrentGradient() {
        return false;
    }

    @Override
    void forward(Unrolled u, CellWeights w, int t) {
        int h = u.hidden;
        addRecurrent(u, w, u.zf, t);
        // One sigmoid over all four blocks; g = tanh(a) is then (2s − 1) / (2s² − 2s + 1) with s = σ(a).
        sigmoid(u.z.slice(t));
        for (int b = 0; b < u.batch; b++) {
            long zb = u.zAt(t, b);
            long prev = u.hAt(t, b);
            long next = u.hAt(t + 1, b);
            for (int j = 0; j < h; j++) {
                double i = u.zf.get(zb + j);
                double f = u.zf.get(zb + h + j);
                double s = u.zf.get(zb + 2 * h + j);
                double g = (2 * s - 1) / (2 * s * s - 2 * s + 1);
                u.zf.set(zb + 2 * h + j, g);
                u.csf.set(next + j, f * u.csf.get(prev + j) + i * g);          // c' = f ⊙ c + i ⊙ g
            }
        }
        tanh(u.cs.slice(t + 1), u.aux.slice(t));
        for (int b = 0; b < u.batch; b++) {
            if (!u.mask.real(t, b)) {
                keep(u.hsf, u, t, b);
                keep(u.csf, u, t, b);
                continue;
            }
            long zb = u.zAt(t, b);
            long next = u.hAt(t + 1, b);
            for (int j = 0; j < h; j++) {
                u.hsf.set(next + j, u.zf.get(zb + 3 * h + j) * u.auxf.get(u.hAt(t, b) + j));   // h' = o ⊙ tanh(c')
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
                    for (int k = 0; k < 4; k++) u.dzf.set(zb + k * h + j, 0.0);
                    dhPrev.set(carry + j, dht);
                    continue;
                }
                double i = u.zf.get(zb + j);
                double f = u.zf.get(zb + h + j);
                double g = u.zf.get(zb + 2 * h + j);
                double o = u.zf.get(zb + 3 * h + j);
                double tc = u.auxf.get(row + j);
                double c = u.csf.get(row + j);
                double dct = dc.get(carry + j) + dht * o * (1 - tc * tc);   // dc = dc' + dh' ⊙ o ⊙ (1 − tanh²(c'))
                u.dzf.set(zb + j, dct * g * i * (1 - i));                    // di ⊙ i(1−i),  di = dc ⊙ g
                u.dzf.set(zb + h + j, dct * c * f * (1 - f));                // df ⊙ f(1−f),  df = dc ⊙ c
                u.dzf.set(zb + 2 * h + j, dct * i * (1 - g * g));            // dg ⊙ (1−g²),  dg = dc ⊙ i
                u.dzf.set(zb + 3 * h + j, dht * tc * o * (1 - o));           // do ⊙ o(1−o),  do = dh' ⊙ tanh(c')
                dc.set(carry + j, dct * f);                                  // dc_prev = dc ⊙ f
                dhPrev.set(carry + j, 0.0);
            }
        }
        backRecurrent(u, w, u.dzf, t, dhPrev);                               // dh_prev += dz W_hh
    }

    @Override
    RecurrentCell.Step step(Unrolled u, int t) {
        State prev = new State(u.hs.slice(t), u.cs.slice(t));
        State next = new State(u.hs.slice(t + 1), u.cs.slice(t + 1));
        return new LstmCell.Step(prev, next, block(u, t, 0), block(u, t, 1), block(u, t, 2), block(u, t, 3));
    }

    static org.nd4j.linalg.api.ndarray.INDArray block(Unrolled u, int t, int k) {
        return u.z.get(NDArrayIndex.point(t), NDArrayIndex.all(),
                NDArrayIndex.interval((long) k * u.hidden, (long) (k + 1) * u.hidden));
    }
}
