package org.seqlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link GruCell}'s step over unrolled buffers; the equations are in {@link GruCell}'s javadoc. {@code aux[t]}
 * holds {@code W_hh h_t + b_hh} (all three blocks), since its n block {@code hn} is needed on its own.
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
        int n = u.stateSize();
        double[] x = u.gates;
        double[] gh = u.gates2;
        double[] hPrev = u.v1;
        double[] hNext = u.v2;
        u.auxf.write(u.zAt(t, 0), u.recurrentBias, u.recurrentBias.length);
        addRecurrent(u, w, u.auxf, t);                                  // gh = W_hh h + b_hh
        u.zf.read(u.zAt(t, 0), x, x.length);                            // x = W_ih x + b_ih, then r, z, n
        u.auxf.read(u.zAt(t, 0), gh, gh.length);
        u.hsf.read(u.hAt(t, 0), hPrev, n);
        for (int b = 0; b < u.batch; b++) {
            int zb = b * u.width;
            for (int j = zb; j < zb + 2 * h; j++) x[j] += gh[j];
            Act.sigmoid(x, zb, zb + 2 * h, u.exact);                    // r, z
            for (int j = 0; j < h; j++) x[zb + 2 * h + j] += x[zb + j] * gh[zb + 2 * h + j];
            Act.tanh(x, zb + 2 * h, zb + 3 * h, u.exact);               // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
            for (int j = 0; j < h; j++) {
                double z = x[zb + h + j];
                hNext[b * h + j] = (1 - z) * x[zb + 2 * h + j] + z * hPrev[b * h + j];   // h' = (1 − z) ⊙ n + z ⊙ h
            }
        }
        u.zf.write(u.zAt(t, 0), x, x.length);
        u.hsf.write(u.hAt(t + 1, 0), hNext, n);
        keepPadded(u, t, false);
    }

    @Override
    void backward(Unrolled u, CellWeights w, int t, Flat dOut, double[] dh, double[] dc, Flat spare) {
        int h = u.hidden;
        int n = u.stateSize();
        double[] g = u.gates;
        double[] gh = u.gates2;
        double[] hPrev = u.v1;
        double[] dy = u.v2;
        double[] direct = u.v3;
        u.zf.read(u.zAt(t, 0), g, g.length);
        u.auxf.read(u.zAt(t, 0), gh, gh.length);
        u.hsf.read(u.hAt(t, 0), hPrev, n);
        dOut.read(u.hAt(t, 0), dy, n);
        // g becomes dL/d(W_ih x + b_ih), gh becomes dL/d(W_hh h + b_hh), in place.
        for (int b = 0; b < u.batch; b++) {
            boolean real = u.mask.real(t, b);
            int zb = b * u.width;
            for (int j = 0; j < h; j++) {
                int k = b * h + j;
                double dht = dh[k] + (real ? dy[k] : 0.0);
                dh[k] = dht;
                if (!real) {
                    for (int q = 0; q < 3; q++) {
                        g[zb + q * h + j] = 0.0;
                        gh[zb + q * h + j] = 0.0;
                    }
                    direct[k] = dht;
                    continue;
                }
                double r = g[zb + j];
                double z = g[zb + h + j];
                double nn = g[zb + 2 * h + j];
                double hn = gh[zb + 2 * h + j];
                double daN = dht * (1 - z) * (1 - nn * nn);           // da_n = dn ⊙ (1 − n²),  dn = dh' ⊙ (1 − z)
                double daZ = dht * (hPrev[k] - nn) * z * (1 - z);     // da_z = dz ⊙ z(1−z),   dz = dh' ⊙ (h − n)
                double daR = daN * hn * r * (1 - r);                  // da_r = da_n ⊙ hn ⊙ r(1−r)
                g[zb + j] = daR;
                g[zb + h + j] = daZ;
                g[zb + 2 * h + j] = daN;
                gh[zb + j] = daR;
                gh[zb + h + j] = daZ;
                gh[zb + 2 * h + j] = daN * r;
                direct[k] = dht * z;                                  // dh_prev = dh' ⊙ z + ...
            }
        }
        u.dhAllf.write(u.hAt(t, 0), dh, n);
        u.dzf.write(u.zAt(t, 0), g, g.length);
        u.dhhf.write(u.zAt(t, 0), gh, gh.length);
        accumulate(g, u.dbIh, u.batch, u.width);
        accumulate(gh, u.dbHh, u.batch, u.width);
        spare.write(0, direct, n);
        backRecurrent(u, w, u.dhhf, t, spare);                        // ... + d(W_hh h + b_hh) W_hh
        spare.read(0, dh, n);
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
