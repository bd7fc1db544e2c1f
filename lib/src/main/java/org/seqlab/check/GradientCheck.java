package org.seqlab.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.Shapes;
import org.seqlab.display.Displayable;
import org.seqlab.display.Mime;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.Parameters;

/**
 * Checks hand-written gradients against central finite differences, in float64.
 *
 * <pre>
 *   numeric_i  = (8 [L(θ + h e_i) − L(θ − h e_i)] − [L(θ + 2h e_i) − L(θ − 2h e_i)]) / 12h     error O(h⁴)
 *   rel. error = |analytic_i − numeric_i| / max(|analytic_i|, |numeric_i|, floor)
 *   floor      = 1e-4 · max_j |numeric_j|   (per tensor)
 * </pre>
 *
 * <p>The floor keeps a rounding error in a gradient ten thousand times smaller than the tensor's largest from
 * being reported as a wrong gradient; a wrong formula still shows as an error near 1. In float64 a correct
 * backward pass gives errors around 1e-10; above 1e-7 something is wrong. The five-point formula (rather than
 * the two-point {@code (L(θ+h) − L(θ−h)) / 2h}, error O(h²)) lets h be large enough (1e-3) that rounding in L
 * stays near 1e-13.
 *
 * <pre>
 *   Report r = GradientCheck.check(() -> loss(), GradientCheck.targets(model.parameters()));
 *   r.maxRelativeError();   // and r prints as a table, one row per tensor
 * </pre>
 */
public final class GradientCheck {
    /** The step {@code h} used unless another is given. */
    public static final double DEFAULT_STEP = 1e-3;

    private GradientCheck() {}

    /**
     * A tensor to check: its value (changed in place and restored while checking) and the gradient the code
     * under test computed for it.
     *
     * @param name how the report names it
     * @param value the tensor, float64
     * @param gradient dL/dvalue as computed by the backward pass, same shape
     */
    public record Target(String name, INDArray value, INDArray gradient) {}

    /**
     * One tensor's result.
     *
     * @param name the tensor
     * @param shape its shape, as {@code [4, 3]}
     * @param maxRelativeError the largest relative error over its elements
     * @param maxAbsoluteError the largest |analytic − numeric|
     * @param maxGradient the largest |numeric| (the scale of the errors)
     */
    public record Row(String name, String shape, double maxRelativeError, double maxAbsoluteError, double maxGradient) {}

    /** All rows; prints as a table and shows as an HTML table in a notebook. */
    public record Report(List<Row> rows) implements Displayable {
        /** The largest relative error over every tensor. */
        public double maxRelativeError() {
            return rows.stream().mapToDouble(Row::maxRelativeError).max().orElse(0.0);
        }

        /** The row called {@code name}. */
        public Row row(String name) {
            return rows.stream().filter(r -> r.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no row " + name + " in " + rows));
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format("%-16s %-14s %12s %12s %12s%n", "tensor", "shape",
                    "max rel err", "max abs err", "max |grad|"));
            for (Row r : rows) {
                s.append(String.format("%-16s %-14s %12.2e %12.2e %12.2e%n", r.name(), r.shape(), r.maxRelativeError(),
                        r.maxAbsoluteError(), r.maxGradient()));
            }
            return s.toString();
        }

        @Override
        public Map<String, String> mimeBundle() {
            StringBuilder h = new StringBuilder("<table><tr><th>tensor</th><th>shape</th><th>max rel err</th>"
                    + "<th>max abs err</th><th>max |grad|</th></tr>");
            for (Row r : rows) {
                h.append(String.format("<tr><td>%s</td><td>%s</td><td>%.2e</td><td>%.2e</td><td>%.2e</td></tr>",
                        Mime.escapeHtml(r.name()), r.shape(), r.maxRelativeError(), r.maxAbsoluteError(), r.maxGradient()));
            }
            return Mime.html(h.append("</table>").toString(), toString());
        }
    }

    /** One target per parameter: its value and its accumulated {@link Parameter#grad()}. */
    public static List<Target> targets(Parameters parameters) {
        List<Target> t = new ArrayList<>();
        for (String name : parameters.names()) {
            Parameter p = parameters.get(name);
            t.add(new Target(name, p.value(), p.grad()));
        }
        return t;
    }

    /** {@link #check(DoubleSupplier, List, double)} with {@link #DEFAULT_STEP}. */
    public static Report check(DoubleSupplier loss, List<Target> targets) {
        return check(loss, targets, DEFAULT_STEP);
    }

    /**
     * Perturbs every element of every target by ±h, recomputes {@code loss}, and compares.
     *
     * @param loss recomputes the scalar loss from the targets' current values (a full forward pass)
     * @param targets the tensors and their analytic gradients, all float64
     * @param h the finite-difference step
     */
    public static Report check(DoubleSupplier loss, List<Target> targets, double h) {
        List<Row> rows = new ArrayList<>();
        for (Target t : targets) {
            Shapes.require(t.value().dataType() == DataType.DOUBLE,
                    "%s must be DOUBLE for a gradient check (float32 rounding swamps the differences) but is %s",
                    t.name(), t.value().dataType());
            Shapes.sameShape(t.value(), t.name(), t.gradient(), "the gradient of " + t.name());
            rows.add(checkOne(loss, t, h));
        }
        return new Report(List.copyOf(rows));
    }

    private static double at(DoubleSupplier loss, INDArray flat, int k, double value) {
        flat.putScalar(k, value);
        return loss.getAsDouble();
    }

    private static Row checkOne(DoubleSupplier loss, Target t, double h) {
        INDArray v = t.value();
        Shapes.require(v.isView() == false || v.ordering() == 'c', "%s must be a contiguous array", t.name());
        INDArray flat = v.reshape(v.length());
        double[] analytic = t.gradient().dup('c').reshape(v.length()).toDoubleVector();
        double[] numeric = new double[analytic.length];
        for (int k = 0; k < numeric.length; k++) {
            double old = flat.getDouble(k);
            double near = at(loss, flat, k, old + h) - at(loss, flat, k, old - h);
            double far = at(loss, flat, k, old + 2 * h) - at(loss, flat, k, old - 2 * h);
            flat.putScalar(k, old);
            numeric[k] = (8 * near - far) / (12 * h);
            Shapes.require(Double.isFinite(numeric[k]), "the loss is not finite around %s[%d]", t.name(), k);
        }
        double maxGrad = 0;
        for (double n : numeric) maxGrad = Math.max(maxGrad, Math.abs(n));
        double floor = Math.max(1e-4 * maxGrad, Double.MIN_NORMAL);
        double maxRel = 0;
        double maxAbs = 0;
        for (int k = 0; k < numeric.length; k++) {
            double abs = Math.abs(analytic[k] - numeric[k]);
            if (!Double.isFinite(analytic[k])) abs = Double.POSITIVE_INFINITY;
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, abs / Math.max(Math.max(Math.abs(analytic[k]), Math.abs(numeric[k])), floor));
        }
        return new Row(t.name(), Arrays.toString(v.shape()), maxRel, maxAbs, maxGrad);
    }
}
