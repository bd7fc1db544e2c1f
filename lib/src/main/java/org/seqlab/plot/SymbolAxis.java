package org.seqlab.plot;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Writes one symbol under each time step t = 1 … T of a line chart's x axis, every one of them, where XChart's own
 * tick labels would thin them out (it gives up on labels that repeat, as the letters of a sentence do). The
 * chart's own x tick labels are blanked so the row below the plot is free for the symbols.
 */
final class SymbolAxis extends Annotation {
    private final List<String> symbols;
    private final Font font;

    private SymbolAxis(List<String> symbols, Font font) {
        super(false);
        this.symbols = symbols;
        this.font = font;
    }

    /** Puts {@code symbols} (one per step, shown with {@link Heatmap#visible}) under the x axis of {@code chart}. */
    static void under(Chart chart, List<String> symbols) {
        var xy = chart.chart();
        xy.setCustomXAxisTickLabelsFormatter(x -> " ");
        xy.getStyler().setXAxisMin(0.5).setXAxisMax(symbols.size() + 0.5);
        int size = symbols.size() > 80 ? 9 : symbols.size() > 50 ? 10 : 11;
        Font font = new Font(Style.MONO, Font.PLAIN, size);
        // the blank tick labels keep a row free below the plot; the symbols need a few pixels more than a blank
        xy.getStyler().setAxisTitlePadding(xy.getStyler().getAxisTitlePadding() + 5);
        xy.addAnnotation(new SymbolAxis(symbols, font));
    }

    @Override
    public void paint(Graphics2D g) {
        Font before = g.getFont();
        g.setFont(font);
        g.setColor(Style.TEXT);
        FontMetrics m = g.getFontMetrics();
        int padding = styler instanceof AxesChartStyler a ? a.getAxisTickPadding() : 4;
        int baseline = getYAxisScreenValueForMax() + padding + m.getAscent() + 2;
        for (int t = 0; t < symbols.size(); t++) {
            String s = Heatmap.visible(symbols.get(t));
            int x = getXAxisScreenValue(t + 1);
            g.drawString(s, x - m.stringWidth(s) / 2, baseline);
        }
        g.setFont(before);
    }
}
