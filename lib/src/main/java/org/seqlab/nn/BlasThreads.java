package org.seqlab.nn;

import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;

/**
 * How many threads OpenBLAS runs the recurrent layers' matrix products on: the library's counterpart of
 * PyTorch's {@code torch.set_num_threads}, and like PyTorch's intra-op parallelism decided per layer by size.
 *
 * <pre>
 *   per-step product  h W_hhᵀ :  B · G·H · H  multiply-adds       (G = 1 RNN, 3 GRU, 4 LSTM)
 *   ≥ 2²¹ (at B = 32: an RNN from H = 256, an LSTM from H = 128, a GRU from H = 148)  →  max() threads
 *   smaller                                                                       →  1 thread
 * </pre>
 *
 * <p>Why the threshold: below it a second thread costs more than it saves (an RNN or LSTM with H = 64 trains
 * 9–18 % slower on 2 threads than on one), above it the products dominate a step and 2 threads make an RNN
 * with H = 512 train 29 % faster (measured in {@code bench/README.md}, "Threads for the products"). A streaming
 * step (batch 1) stays on one thread. The decision is taken when a layer runs forward or backward, and OpenBLAS
 * is told only when it changes, so a training loop of one model sets it once.
 *
 * <p>The products' last bits depend on the thread count (OpenBLAS splits a product into blocks differently), so
 * runs are reproducible on one machine but a float32 loss may differ in its last digits between machines with
 * different core counts, as PyTorch's does. ND4J's own element-wise operations keep {@code OMP_NUM_THREADS}
 * threads (the course kernel sets one: more makes ND4J's small operations slower on 2 cores).
 */
public final class BlasThreads {
    /** The per-step product size, in multiply-adds, from which a layer's products run on {@link #max()} threads. */
    public static final long PARALLEL_FROM = 1L << 21;

    private static int max = Runtime.getRuntime().availableProcessors();
    /** What OpenBLAS was last told, or 0 before the first layer ran. */
    private static int current;

    private BlasThreads() {}

    /** The most threads a layer's products may use: the cores the JVM sees unless {@link #setMax} said otherwise. */
    public static synchronized int max() {
        return max;
    }

    /**
     * Sets the most threads a layer's products may use (1 = always one thread, as {@code torch.set_num_threads(1)}).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static synchronized void setMax(int threads) {
        Shapes.require(threads >= 1, "threads must be at least 1 but is %d", threads);
        max = threads;
    }

    /** The threads a layer with this per-step product gets: {@link #max()} from {@link #PARALLEL_FROM} on, else 1. */
    public static synchronized int forLayer(int batch, int width, int hidden) {
        return (long) batch * width * hidden >= PARALLEL_FROM ? max : 1;
    }

    /** Tells OpenBLAS the thread count for a layer about to run, if it differs from what it was last told. */
    static synchronized void use(int batch, int width, int hidden) {
        int threads = forLayer(batch, width, hidden);
        if (threads != current) {
            Nd4j.factory().blas().setMaxThreads(threads);      // ~0.3 ms through JavaCPP: only on a change
            current = threads;
        }
    }
}
