package org.seqlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
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
        int n = u.stateSize();
        double[] z = u.gates;
        double[] c = u.v1;
        double[] tc = u.v2;
        double[] hNext = u.v3;
        addRecurrent(u, w, u.zf, t);                                 // z = W_ih x + b_ih + W_hh h + b_hh
        u.zf.read(u.zAt(t, 0), z, z.length);
        u.csf.read(u.hAt(t, 0), c, n);
        for (int b = 0; b < u.batch; b++) {
            int zb = b * u.width;
            Act.sigmoid(z, zb, zb + 2 * h, u.exact);                  // i, f
            Act.tanh(z, zb + 2 * h, zb + 3 * h, u.exact);             // g
            Act.sigmoid(z, zb + 3 * h, zb + 4 * h, u.exact);          // o
            for (int j = 0; j < h; j++) {
                c[b * h + j] = z[zb + h + j] * c[b * h + j] + z[zb + j] * z[zb + 2 * h + j];   // c' = f ⊙ c + i ⊙ g
            }
        }
        System.arraycopy(c, 0, tc, 0, n);
        Act.tanh(tc, 0, n, u.exact);
        for (int b = 0; b < u.batch; b++) {
            int zb = b * u.width;
            for (int j = 0; j < h; j++) hNext[b * h + j] = z[zb + 3 * h + j] * tc[b * h + j];   // h' = o ⊙ tanh(c')
        }
        u.zf.write(u.zAt(t, 0), z, z.length);
        u.auxf.write(u.hAt(t, 0), tc, n);
        u.hsf.write(u.hAt(t + 1, 0), hNext, n);
        u.csf.write(u.hAt(t + 1, 0), c, n);
        keepPadded(u, t, true);
    }

    @Override
    void backward(Unrolled u, CellWeights w, int t, Flat dOut, double[] dh, double[] dc, Flat spare) {
        int h = u.hidden;
        int n = u.stateSize();
        double[] z = u.gates;
        double[] dz = u.gates2;
        double[] tc = u.v1;
        double[] c = u.v2;
        double[] dy = u.v3;
        double[] direct = u.v4;
        u.zf.read(u.zAt(t, 0), z, z.length);
        u.auxf.read(u.hAt(t, 0), tc, n);
        u.csf.read(u.hAt(t, 0), c, n);
        dOut.read(u.hAt(t, 0), dy, n);
        for (int b = 0; b < u.batch; b++) {
            boolean real = u.mask.real(t, b);
            int zb = b * u.width;
            for (int j = 0; j < h; j++) {
                int k = b * h + j;
                double dht = dh[k] + (real ? dy[k] : 0.0);
                dh[k] = dht;
                if (!real) {
                    for (int q = 0; q < 4; q++) dz[zb + q * h + j] = 0.0;
                    direct[k] = dht;
                    continue;
                }
                double i = z[zb + j];
                double f = z[zb + h + j];
                double g = z[zb + 2 * h + j];
                double o = z[zb + 3 * h + j];
                double dct = dc[k] + dht * o * (1 - tc[k] * tc[k]);   // dc = dc' + dh' ⊙ o ⊙ (1 − tanh²(c'))
                dz[zb + j] = dct * g * i * (1 - i);                    // di ⊙ i(1−i),  di = dc ⊙ g
                dz[zb + h + j] = dct * c[k] * f * (1 - f);             // df ⊙ f(1−f),  df = dc ⊙ c
                dz[zb + 2 * h + j] = dct * i * (1 - g * g);            // dg ⊙ (1−g²),  dg = dc ⊙ i
                dz[zb + 3 * h + j] = dht * tc[k] * o * (1 - o);        // do ⊙ o(1−o),  do = dh' ⊙ tanh(c')
                dc[k] = dct * f;                                       // dc_prev = dc ⊙ f
                direct[k] = 0.0;
            }
        }
        u.dhAllf.write(u.hAt(t, 0), dh, n);
        u.dzf.write(u.zAt(t, 0), dz, dz.length);
        accumulate(dz, u.dbIh, u.batch, u.width);
        spare.write(0, direct, n);
        backRecurrent(u, w, u.dzf, t, spare);                          // dh_prev = dz W_hh
        spare.read(0, dh, n);
    }

    @Override
    RecurrentCell.Step step(Unrolled u, int t) {
        State prev = new State(u.hs.slice(t), u.cs.slice(t));
        State next = new State(u.hs.slice(t + 1), u.cs.slice(t + 1));
        return new LstmCell.Step(prev, next, block(u, t, 0), block(u, t, 1), block(u, t, 2), block(u, t, 3));
    }

    private static INDArray block(Unrolled u, int t, int k) {
        return u.z.get(NDArrayIndex.point(t), NDArrayIndex.all(),
                NDArrayIndex.interval((long) k * u.hidden, (long) (k + 1) * u.hidden));
    }
}
