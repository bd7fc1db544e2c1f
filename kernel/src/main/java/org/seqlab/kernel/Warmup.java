package org.seqlab.kernel;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Start-up work done before the learner's first cell asks for it, on the machine's other core.
 *
 * <p>Loading ND4J's native backend and starting JShell's compiler (running the start-up script) are the two
 * slow steps of a cold start; the launcher starts both in the background while Jupyter connects. The same
 * steps, run once at install time in {@link #train}, decide which classes go into the class-data sharing
 * archive.
 */
final class Warmup {
    /** Cells run at install time so their classes are archived: ND4J, a table, a chart, plain Java. */
    static final List<String> TRAINING_CELLS = List.of(
            "Nd4j.ones(DataType.FLOAT, 3, 3).mmul(Nd4j.ones(DataType.FLOAT, 3, 3))",
            "Table.create(\"t\", IntColumn.create(\"x\", new int[] {1, 2, 3}))",
            "XYChart c = new XYChartBuilder().width(80).height(60).build();\n"
                    + "c.addSeries(\"s\", new double[] {1, 2}, new double[] {2, 1});\nc",
            "int x = 1;",
            "String s = \"x = \" + x;",
            "1 + 1");

    private Warmup() {}

    /** Starts loading ND4J's backend in a daemon thread; a failure is left for the first cell to report. */
    static Thread nd4j() {
        Thread t = new Thread(() -> {
            try {
                Nd4j.ones(DataType.FLOAT, 2, 2).mmul(Nd4j.ones(DataType.FLOAT, 2, 2));
            } catch (Throwable e) {
                // The learner's first ND4J cell reports the real error.
            }
        }, "seqlab-warmup-nd4j");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Starts JShell's warm-up in a daemon thread: see {@link CourseKernel#warmUp}. */
    static Thread shell(CourseKernel kernel) {
        Thread t = new Thread(kernel::warmUp, "seqlab-warmup-shell");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Runs the training cells in a kernel without a connection, rendering each value as a notebook would. */
    static void train(CourseKernel kernel, Renderer renderer) throws Exception {
        for (String cell : TRAINING_CELLS) {
            Object value = kernel.evalRaw(cell);
            if (value != null) {
                renderer.render(value);
            }
        }
        renderer.render(Table.create("t", IntColumn.create("x", new int[] {1})));
        XYChart chart = new XYChartBuilder().width(80).height(60).build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {2, 1});
        renderer.render(chart);
    }
}
