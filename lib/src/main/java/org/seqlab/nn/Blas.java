package org.seqlab.nn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The matrix products of the fast paths, {@link Linear} and the input projections, each a named operation on
 * row-major blocks of {@link Raw} memory (a block starts at an element offset and its rows are contiguous).
 * They go straight to OpenBLAS, the library ND4J itself calls, so no view objects are made per time step.
 *
 * <pre>
 *   addABt:  C [m, n] += A [m, k] Bᵀ     (B is [n, k])      z_t += h_{t−1} W_hhᵀ
 *   addAB:   C [m, n] += A [m, k] B      (B is [k, n])      δh_{t−1} += δz_t W_hh
 *   addAtB:  C [m, n] += Aᵀ B            (A is [k, m], B is [k, n])   δW_hh += Σ_t δz_tᵀ h_{t−1}
 *   addColumnSums:  c [n] += Σ_rows A [rows, n]                       δb += Σ_{t,b} δz_tb
 * </pre>
 *
 * Each has a form that overwrites C instead ({@code accumulate = false}).
 */
final class Blas {
    private Blas() {}

    private static final int ROW_MAJOR = openblas.CblasRowMajor;
    private static final int N = openblas.CblasNoTrans;
    private static final int T = openblas.CblasTrans;

    /** {@code C [m, n] (+)= A [m, k] · Bᵀ} with {@code B [n, k]}. One row of A is a matrix-vector product. */
    static void addABt(int m, int n, int k, Raw a, long offA, Raw b, long offB, Raw c, long offC, boolean accumulate) {
        if (m == 1) gemv(N, n, k, b, offB, a, offA, c, offC, accumulate);       // c = B a
        else gemm(N, T, m, n, k, a, offA, k, b, offB, k, c, offC, n, accumulate);
    }

    /**
     * {@code C [m, n] (+)= A [m, k] · Bᵀ} with {@code B [n, k]}, for products applied to each row on its own (a
     * layer's input projection {@code x W_ihᵀ}, an output layer {@code h Wᵀ}), where row i must come out the same
     * whether it is computed alone (one step of a stream) or among the {@code T·B} rows of a whole sequence.
     *
     * <p>In float64 every row is its own matrix-vector product, so that holds bit for bit: OpenBLAS's matrix kernel
     * sums the rows it handles in blocks in another order than the rows left at a block's edge and than its
     * matrix-vector kernel (a difference in the last bit, e.g. 5.55e-17 on a logit), so with one product for all
     * rows a row's value would depend on how many rows share the call. This is what makes
     * {@code StreamingPredictor} equal to the batch forward bit for bit in float64. In float32, the training type,
     * all rows go through one product ({@link #addABt}) for speed, and the two agree within about 1e-7 relative.
     */
    static void addABtRows(int m, int n, int k, Raw a, long offA, Raw b, long offB, Raw c, long offC, boolean accumulate) {
        if (c.isFloat()) {
            addABt(m, n, k, a, offA, b, offB, c, offC, accumulate);
            return;
        }
        for (int i = 0; i < m; i++) {
            gemv(N, n, k, b, offB, a, offA + (long) i * k, c, offC + (long) i * n, accumulate);   // c_i = B a_i
        }
    }

    /** {@code C [m, n] (+)= A [m, k] · B} with {@code B [k, n]}. One row of A is a matrix-vector product. */
    static void addAB(int m, int n, int k, Raw a, long offA, Raw b, long offB, Raw c, long offC, boolean accumulate) {
        if (m == 1) gemv(T, k, n, b, offB, a, offA, c, offC, accumulate);       // c = Bᵀ a
        else gemm(N, N, m, n, k, a, offA, k, b, offB, n, c, offC, n, accumulate);
    }

    /** {@code C [m, n] (+)= Aᵀ · B} with {@code A [k, m]}, {@code B [k, n]}: a sum of k outer products of rows. */
    static void addAtB(int m, int n, int k, Raw a, long offA, Raw b, long offB, Raw c, long offC, boolean accumulate) {
        gemm(T, N, m, n, k, a, offA, m, b, offB, n, c, offC, n, accumulate);
    }

    /** {@code into[j] += Σ_r a[r, j]} for {@code a [rows, n]} from element 0: a bias gradient. */
    static void addColumnSums(Raw a, int rows, int n, double[] into) {
        double[] row = new double[n];
        for (int r = 0; r < rows; r++) {
            a.read((long) r * n, row, n);
            for (int j = 0; j < n; j++) into[j] += row[j];
        }
    }

    /** {@code y (+)= op(M) x} for a row-major {@code M [rows, cols]}, {@code op} = identity or transpose. */
    private static void gemv(int trans, int rows, int cols, Raw m, long offM, Raw x, long offX, Raw y, long offY,
                             boolean accumulate) {
        if (m == y || x == y || m == x) throw new IllegalStateException("Blas operands must be different buffers");
        if (y.isFloat()) {
            openblas.cblas_sgemv(ROW_MAJOR, trans, rows, cols, 1f, (FloatPointer) m.at(1, offM), cols,
                    (FloatPointer) x.at(0, offX), 1, accumulate ? 1f : 0f, (FloatPointer) y.at(2, offY), 1);
        } else {
            openblas.cblas_dgemv(ROW_MAJOR, trans, rows, cols, 1.0, (DoublePointer) m.at(1, offM), cols,
                    (DoublePointer) x.at(0, offX), 1, accumulate ? 1.0 : 0.0, (DoublePointer) y.at(2, offY), 1);
        }
    }

    private static void gemm(int ta, int tb, int m, int n, int k, Raw a, long offA, int lda, Raw b, long offB,
                             int ldb, Raw c, long offC, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) return;
        if (a == c || b == c || a == b) throw new IllegalStateException("Blas operands must be different buffers");
        if (c.isFloat()) {
            openblas.cblas_sgemm(ROW_MAJOR, ta, tb, m, n, k, 1f, (FloatPointer) a.at(0, offA), lda,
                    (FloatPointer) b.at(1, offB), ldb, accumulate ? 1f : 0f, (FloatPointer) c.at(2, offC), ldc);
        } else {
            openblas.cblas_dgemm(ROW_MAJOR, ta, tb, m, n, k, 1.0, (DoublePointer) a.at(0, offA), lda,
                    (DoublePointer) b.at(1, offB), ldb, accumulate ? 1.0 : 0.0, (DoublePointer) c.at(2, offC), ldc);
        }
    }
}
