package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.display.Displayable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {
    private static Table steps(int rows) {
        return Table.create("steps", IntColumn.create("t", IntStream.range(0, rows).toArray()));
    }

    private static DisplayData render(Object value) {
        Renderer renderer = new Renderer();
        Renderers.register(renderer);
        return renderer.render(value);
    }

    @Test
    void aLongTableShowsTheFirstTenAndLastFiveRowsWithTheCountBetween() {
        String html = Renderers.tableHtml(steps(40));
        assertTrue(html.contains("<th>9</th>") && !html.contains("<th>10</th>"));
        assertTrue(html.contains("… 25 more rows"));
        assertTrue(html.contains("<th>35</th>") && html.contains("<th>39</th>"));
        assertTrue(html.contains("40 rows × 1 columns"));
    }

    @Test
    void aShortTableShowsEveryRow() {
        String html = Renderers.tableHtml(steps(15));
        assertTrue(html.contains("<th>14</th>"));
        assertFalse(html.contains("more row"));
    }

    @Test
    void tableTextIsEscapedForHtml() {
        Table t = Table.create("<t>", StringColumn.create("a&b", new String[] {"<script>"}));
        String html = Renderers.tableHtml(t);
        assertTrue(html.contains("&lt;script&gt;") && html.contains("a&amp;b") && html.contains("&lt;t&gt;"));
        assertFalse(html.contains("<script>"));
    }

    @Test
    void anArrayShowsItsShapeAndDataTypeAboveItsValues() {
        String text = Renderers.arrayText(Nd4j.ones(DataType.FLOAT, 2, 3));
        assertTrue(text.startsWith("INDArray [2, 3] float\n"), text);
        assertTrue(text.contains("1.0000"), text);
    }

    @Test
    void aLargeArrayIsSummarised() {
        String text = Renderers.arrayText(Nd4j.zeros(DataType.DOUBLE, 100, 100));
        assertTrue(text.startsWith("INDArray [100, 100] double"));
        assertTrue(text.contains("..."), "no elision in a 10 000-element array");
        assertTrue(text.length() < 5000, "the summary is " + text.length() + " characters");
    }

    @Test
    void renderedValuesCarryTheirRichMimeTypes() {
        assertTrue(render(steps(3)).hasDataForType(MIMEType.TEXT_HTML));
        assertTrue(((String) render(Nd4j.zeros(DataType.FLOAT, 4)).getData(MIMEType.TEXT_PLAIN)).contains("[4]"));
        XYChart chart = new XYChartBuilder().width(200).height(100).title("loss").build();
        chart.addSeries("train", new double[] {1, 2}, new double[] {2, 1});
        assertTrue(((String) render(chart).getData(MIMEType.IMAGE_PNG)).startsWith("iVBOR"));
    }

    @Test
    void aDisplayableRendersItsOwnBundle() {
        Displayable view = () -> Map.of("text/html", "<b>x</b>", "text/plain", "x");
        DisplayData data = render(view);
        assertEquals("<b>x</b>", data.getData(MIMEType.TEXT_HTML));
        assertEquals("x", data.getData(MIMEType.TEXT_PLAIN));
    }
}
