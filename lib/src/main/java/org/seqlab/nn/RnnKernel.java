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
        addRecurrent(u, w, u.zf, t);                                    // a = W_ih x + b_ih + W_hh h + b_hh
        if (relu) {
            long from = u.zAt(t, 0);
            long to = u.hAt(t + 1, 0);
            for (int k = 0; k < u.batch * u.hidden; k++) u.hsf.set(to + k, Math.max(0.0, u.zf.get(from + k)));
        } else {
            tanh(u.z.slice(t), u.hs.slice(t + 1));                      // h' = tanh(a)
        }
        if (!u.mask.full(t)) {
            for (int b = 0; b < u.batch; b++) {
                if (!u.mask.real(t, b)) keep(u.hsf, u, t, b);
            }
        }
    }

    @Override
    void backward(Unrolled u, CellWeights w, int t, Flat dOut, Flat dh, Flat dc, Flat dhPrev) {
        int h = u.hidden;
        for (int b = 0; b < u.batch; b++) {
            boolean real = u.mask.real(t, b);
            long row = u.hAt(t, b);
            long next = u.hAt(t + 1, b);
            long carry = (long) b * h;
            for (int j = 0; j < h; j++) {
                double dht = dh.get(carry + j) + (real ? dOut.get(row + j) : 0.0);
                u.dhAllf.set(row + j, dht);
                if (!real) {
                    u.dzf.set(row + j, 0.0);
                    dhPrev.set(carry + j, dht);
                    continue;
                }
                double hNext = u.hsf.get(next + j);
                double da = relu ? (u.zf.get(row + j) > 0 ? dht : 0.0) : dht * (1 - hNext * hNext);
                u.dzf.set(row + j, da);                                 // da = dh' ⊙ (1 − h'²)
                dhPrev.set(carry + j, 0.0);
            }
        }
        backRecurrent(u, w, u.dzf, t, dhPrev);                          // dh = da W_hh
    }

    @Override
    RecurrentCell.Step step(Unrolled u, int t) {
        return new VanillaRnnCell.Step(State.of(u.hs.slice(t)), State.of(u.hs.slice(t + 1)), u.z.slice(t));
    }
}
