package org.seqlab.nn;

/**
 * {@link VanillaRnnCell}'s step over unrolled buffers; the equations are in its javadoc. {@code z[t]} keeps the
 * pre-activation {@code a}, {@code hs[t+1]} the activation.
 */
final class RnnKernel extends Kernel {
    private final boolean relu;

    RnnKernel(VanillaRnnCell.Activation activation) {
        this.relu = activation == VanillaRnnCell.Activation.RELU;
    }

    @Override
    int auxWidth(int hidden) {
        return 0;
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
        int n = u.stateSize();
        double[] a = u.v1;
        addRecurrent(u, w, u.zf, t);                                    // a = W_ih x + b_ih + W_hh h + b_hh
        u.zf.read(u.zAt(t, 0), a, n);
        if (relu) {
            for (int k = 0; k < n; k++) a[k] = Math.max(0.0, a[k]);
        } else {
            Act.tanh(a, 0, n, u.exact);                                 // h' = tanh(a)
        }
        u.hsf.write(u.hAt(t + 1, 0), a, n);
        keepPadded(u, t, false);
    }

    @Override
    void backward(Unrolled u, CellWeights w, int t, Flat dOut, double[] dh, double[] dc, Flat spare) {
        int n = u.stateSize();
        int h = u.hidden;
        double[] hNext = u.v1;
        double[] dy = u.v2;
        double[] da = u.v3;
        double[] direct = u.v4;
        u.hsf.read(u.hAt(t + 1, 0), hNext, n);
        if (relu) u.zf.read(u.zAt(t, 0), hNext, n);                     // relu' needs a, not h'
        dOut.read(u.hAt(t, 0), dy, n);
        for (int k = 0; k < n; k++) {
            boolean real = u.mask.real(t, k / h);
            double dht = dh[k] + (real ? dy[k] : 0.0);
            dh[k] = dht;
            if (!real) {
                da[k] = 0.0;
                direct[k] = dht;
                continue;
            }
            da[k] = relu ? (hNext[k] > 0 ? dht : 0.0) : dht * (1 - hNext[k] * hNext[k]);   // da = dh' ⊙ (1 − h'²)
            direct[k] = 0.0;
        }
        u.dhAllf.write(u.hAt(t, 0), dh, n);
        u.dzf.write(u.zAt(t, 0), da, n);
        accumulate(da, u.dbIh, u.batch, u.width);
        spare.write(0, direct, n);
        backRecurrent(u, w, u.dzf, t, spare);                          // dh = da W_hh
        spare.read(0, dh, n);
    }

    @Override
    RecurrentCell.Step step(Unrolled u, int t) {
        return new VanillaRnnCell.Step(State.of(u.hs.slice(t)), State.of(u.hs.slice(t + 1)), u.z.slice(t));
    }
}
