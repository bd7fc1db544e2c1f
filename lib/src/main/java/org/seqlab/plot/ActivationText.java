package org.seqlab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.Shapes;
import org.seqlab.display.Mime;

/**
 * Text with each character's background coloured by one hidden unit's value at that step, after Karpathy's
 * "The Unreasonable Effectiveness of Recurrent Neural Networks": blue for negative, white for 0, red for
 * positive, on a scale symmetric around 0 up to the largest |value| in the text. In HTML each character's
 * tooltip gives its step and value.
 *
 * <pre>
 *   ActivationText.of(text, h, 17)                  // unit 17 of states h [T, H], T = text length
 *   ActivationText.of(text, values, "quote unit")    // any value per character
 * </pre>
 *
 * Find units worth looking at with {@link Units#topCorrelated}.
 */
public final class ActivationText implements View {
    /** Characters per line in the image before wrapping. */
    static final int COLUMNS = 80;

    private final List<String> symbols;
    private final double[] values;
    private final String label;
    private final double limit;

    private ActivationText(List<String> symbols, double[] values, String label) {
        this.symbols = symbols;
        this.values = values;
        this.label = label;
        double max = 0;
        for (double v : values) if (!Double.isNaN(v)) max = Math.max(max, Math.abs(v));
        this.limit = max > 0 ? max : 1;
    }

    /**
     * The text coloured by one value per character (per code point).
     *
     * @param values one value per character of {@code text}
     * @param label what the values are ("unit 17"), shown above the text
     */
    public static ActivationText of(String text, double[] values, String label) {
        List<String> symbols = Traces.symbols(text);
        Shapes.require(symbols.size() == values.length,
                "give one value per character: the text has %d characters but there are %d values",
                symbols.size(), values.length);
        return new ActivationText(symbols, values.clone(), label);
    }

    /** The text coloured by unit {@code unit} of states [T, H] (T = number of characters). */
    public static ActivationText of(String text, INDArray states, int unit) {
        double[][] m = Traces.matrix(states, "states");
        Shapes.require(m.length > 0 && unit >= 0 && unit < m[0].length,
                "unit %d is outside the states' %d units", unit, m.length > 0 ? m[0].length : 0);
        double[] v = new double[m.length];
        for (int t = 0; t < m.length; t++) v[t] = m[t][unit];
        return of(text, v, "unit " + unit);
    }

    /** The values, one per character. */
    public double[] values() {
        return values.clone();
    }

    /**
     * The HTML view: a monospaced block, one {@code <span>} per character with its background colour and a
     * tooltip "t=12 'a' 0.734"; text is escaped, newlines break the line and show as ↵.
     */
    public String html() {
        StringBuilder s = new StringBuilder(symbols.size() * 90);
        s.append("<div style=\"font-family:'DejaVu Sans',sans-serif;font-size:12px;color:#444;margin:2px 0\">")
                .append(Mime.escapeHtml(label))
                .append(String.format(Locale.ROOT, ": blue −%s · white 0 · red +%s", fmt(limit), fmt(limit)))
                .append("</div>\n");
        s.append("<div style=\"font-family:'DejaVu Sans Mono',monospace;font-size:14px;line-height:1.5;"
                + "white-space:pre-wrap;word-break:break-all\">");
        for (int t = 0; t < symbols.size(); t++) {
            String c = symbols.get(t);
            Color bg = Style.diverging(values[t], limit);
            boolean newline = c.equals("\n");
            s.append("<span style=\"background:").append(hex(bg))
                    .append(";color:").append(dark(bg) ? "#fff" : "#000")
                    .append("\" title=\"t=").append(t).append(" '")
                    .append(Mime.escapeHtml(Heatmap.visible(c))).append("' ").append(fmt(values[t]))
                    .append("\">").append(newline ? "↵" : Mime.escapeHtml(c)).append("</span>");
            if (newline) s.append('\n');
        }
        return s.append("</div>").toString();
    }

    /** The HTML view and a text fallback; no PNG, so the notebook stays small. */
    @Override
    public Map<String, String> mimeBundle() {
        return Mime.html(html(), describe());
    }

    /** The same view drawn as an image, {@value #COLUMNS} characters a line, for kernels without HTML. */
    @Override
    public BufferedImage toImage() {
        Font mono = new Font(Style.MONO, Font.PLAIN, 14);
        int margin = 10;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(mono);
        pg.dispose();
        int cw = fm.charWidth('M');
        int lh = fm.getHeight() + 4;
        int header = lh + 4;

        int lines = 1;
        int col = 0;
        for (String c : symbols) {
            if (col == COLUMNS) {
                lines++;
                col = 0;
            }
            col++;
            if (c.equals("\n")) {
                lines++;
                col = 0;
            }
        }
        int width = Math.max(Style.WIDTH, 2 * margin + COLUMNS * cw);
        BufferedImage image = new BufferedImage(width, 2 * margin + header + lines * lh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setFont(Style.font(12));
            g.setColor(new Color(0x444444));
            g.drawString(String.format(Locale.ROOT, "%s: blue −%s · white 0 · red +%s", label, fmt(limit), fmt(limit)),
                    margin, margin + fm.getAscent());
            g.setFont(mono);
            int x = 0;
            int y = 0;
            for (int t = 0; t < symbols.size(); t++) {
                if (x == COLUMNS) {
                    x = 0;
                    y++;
                }
                String c = symbols.get(t);
                Color bg = Style.diverging(values[t], limit);
                int px = margin + x * cw;
                int py = margin + header + y * lh;
                g.setColor(bg);
                g.fillRect(px, py, cw, lh);
                g.setColor(dark(bg) ? Color.WHITE : Color.BLACK);
                g.drawString(c.equals("\n") ? "↵" : c.equals("\t") ? " " : c, px, py + 2 + fm.getAscent());
                x++;
                if (c.equals("\n")) {
                    x = 0;
                    y++;
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    @Override
    public String describe() {
        return "ActivationText (" + label + ", " + symbols.size() + " characters)";
    }

    @Override
    public String toString() {
        return describe();
    }

    private static boolean dark(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue() < 140;
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
