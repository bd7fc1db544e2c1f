package org.seqlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A picture of one step of a recurrent cell, drawn with Java2D in the house {@link Style}: what flows where, which
 * boxes squash with σ (a gate, in (0, 1)) or tanh (a value, in (−1, 1)), and where the products ⊙ and sums +
 * happen. One colour per kind of thing: the cell state c in orange, the hidden state h in blue, gates in green,
 * candidates in vermillion.
 *
 * <pre>
 *   CellDiagram.lstm()     // c' = f ⊙ c + i ⊙ g,  h' = o ⊙ tanh(c')          (lesson 05)
 *   CellDiagram.gru()      // h' = (1 − z) ⊙ n + z ⊙ h                         (lesson 06)
 * </pre>
 */
public final class CellDiagram implements View {
    private static final Color C_STATE = Style.PALETTE[3];
    private static final Color H_STATE = Style.PALETTE[0];
    private static final Color GATE = Style.PALETTE[2];
    private static final Color CANDIDATE = Style.PALETTE[1];
    private static final Color INK = new Color(0x444444);

    private final String title;
    private final List<Consumer<Graphics2D>> strokes = new ArrayList<>();

    private CellDiagram(String title) {
        this.title = title;
    }

    /**
     * The LSTM step in PyTorch's formulation: the cell state runs straight along the top (the "conveyor belt"),
     * touched only by one product with the forget gate f and one sum with i ⊙ g; the four boxes read
     * [h_{t−1}, x_t] (in the weights they are stacked i, f, g, o); h_t = o ⊙ tanh(c_t).
     */
    public static CellDiagram lstm() {
        CellDiagram d = new CellDiagram("One LSTM step: the cell state c runs along the top");
        int belt = 80;
        int boxTop = 240;
        int bus = 320;
        d.line(C_STATE, 4, 70, belt, 218, belt);                      // c_{t−1} → forget ⊙
        d.line(C_STATE, 4, 242, belt, 388, belt);                     // → input +
        d.arrow(C_STATE, 4, 412, belt, 660, belt);                    // → c_t
        d.label("cₜ₋₁", 20, belt + 6, C_STATE, true);
        d.label("cₜ", 668, belt + 6, C_STATE, true);
        d.label("cell state: one ⊙ and one + per step", 250, belt - 16, C_STATE, false);
        d.operation("⊙", 230, belt);
        d.operation("+", 400, belt);
        // input bus [h_{t−1}, x_t] feeding the four boxes from below
        d.line(H_STATE, 2.5f, 70, bus, 530, bus);
        d.label("hₜ₋₁", 20, bus + 6, H_STATE, true);
        d.line(INK, 2.5f, 60, 360, 140, 360);
        d.line(INK, 2.5f, 140, 360, 140, bus);
        d.label("xₜ", 20, 366, INK, true);
        for (int x : new int[] {230, 330, 430, 530}) d.line(INK, 2, x, bus, x, boxTop + 40);
        d.box("σ", 230, boxTop, GATE);
        d.box("σ", 330, boxTop, GATE);
        d.box("tanh", 430, boxTop, CANDIDATE);
        d.box("σ", 530, boxTop, GATE);
        d.label("f  forget", 240, boxTop - 14, GATE, false);
        d.label("i  input", 302, boxTop - 52, GATE, false);
        d.label("g  candidate", 440, boxTop - 52, CANDIDATE, false);
        d.label("o  output", 480, boxTop + 60, GATE, false);
        d.arrow(GATE, 2.5f, 230, boxTop, 230, belt + 12);             // f up to the forget product
        d.line(GATE, 2.5f, 330, boxTop, 330, 160);                    // i up and across
        d.arrow(GATE, 2.5f, 330, 160, 388, 160);
        d.line(CANDIDATE, 2.5f, 430, boxTop, 430, 160);               // g up and across
        d.arrow(CANDIDATE, 2.5f, 430, 160, 412, 160);
        d.operation("⊙", 400, 160);
        d.arrow(INK, 2.5f, 400, 148, 400, belt + 12);                 // i ⊙ g up to the sum
        // output: h_t = o ⊙ tanh(c_t)
        d.line(C_STATE, 2.5f, 600, belt, 600, 128);
        d.pill("tanh", 600, 142, CANDIDATE);
        d.arrow(C_STATE, 2.5f, 600, 156, 600, 248);
        d.line(GATE, 2.5f, 530 + 32, boxTop + 20, 588, boxTop + 20);
        d.operation("⊙", 600, boxTop + 20);
        d.line(H_STATE, 4, 600, boxTop + 32, 600, 360);
        d.arrow(H_STATE, 4, 600, 360, 660, 360);
        d.label("hₜ", 668, 366, H_STATE, true);
        d.legend();
        return d;
    }

    /**
     * The GRU step in PyTorch's formulation: the hidden state runs along the top, mixed once with the candidate n by
     * the update gate z (h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}); the reset gate r scales the recurrent part
     * W_hn h_{t−1} + b_hn inside n (in the weights the blocks are stacked r, z, n).
     */
    public static CellDiagram gru() {
        CellDiagram d = new CellDiagram("One GRU step: the hidden state h runs along the top");
        int top = 80;
        int boxTop = 240;
        int bus = 315;
        d.line(H_STATE, 4, 70, top, 388, top);
        d.line(H_STATE, 4, 412, top, 548, top);
        d.arrow(H_STATE, 4, 572, top, 660, top);
        d.label("hₜ₋₁", 20, top + 6, H_STATE, true);
        d.label("hₜ", 668, top + 6, H_STATE, true);
        d.label("hidden state: one ⊙ and one + per step", 250, top - 16, H_STATE, false);
        d.operation("⊙", 400, top);
        d.operation("+", 560, top);
        // h_{t−1} down to the gates' input [h_{t−1}, x_t] and to the recurrent part of the candidate
        d.line(H_STATE, 2.5f, 90, top, 90, 345);
        d.line(H_STATE, 2.5f, 90, bus, 380, bus);
        d.line(H_STATE, 2.5f, 90, 345, 412, 345);
        d.line(INK, 2.5f, 60, 370, 560, 370);                         // x_t to the gates and the candidate
        d.line(INK, 2.5f, 150, 370, 150, bus);
        d.label("xₜ", 20, 376, INK, true);
        for (int x : new int[] {230, 380}) d.line(INK, 2, x, bus, x, boxTop + 40);
        d.box("σ", 230, boxTop, GATE);
        d.box("σ", 380, boxTop, GATE);
        d.label("z  update", 150, boxTop - 10, GATE, false);
        d.label("r  reset", 395, boxTop - 10, GATE, false);
        // z: up to h's product, and as 1 − z to the candidate's
        d.line(GATE, 2.5f, 230, boxTop, 230, 130);
        d.line(GATE, 2.5f, 230, 130, 400, 130);
        d.arrow(GATE, 2.5f, 400, 130, 400, top + 12);
        d.line(GATE, 2.5f, 230, 180, 468, 180);
        d.operation("1−", 480, 180);
        d.arrow(GATE, 2.5f, 492, 180, 548, 180);
        d.operation("⊙", 560, 180);
        d.arrow(INK, 2.5f, 560, 168, 560, top + 12);
        // candidate n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
        d.pill("W_hn h + b_hn", 470, 345, H_STATE);
        d.arrow(H_STATE, 2.5f, 470, 332, 470, 272);
        d.line(GATE, 2.5f, 412, boxTop + 20, 458, boxTop + 20);
        d.operation("⊙", 470, boxTop + 20);
        d.arrow(INK, 2.5f, 482, boxTop + 20, 528, boxTop + 20);
        d.box("tanh", 560, boxTop, CANDIDATE);
        d.label("n  candidate", 598, boxTop + 62, CANDIDATE, false);
        d.arrow(INK, 2.5f, 560, 370, 560, boxTop + 40);
        d.arrow(CANDIDATE, 2.5f, 560, boxTop, 560, 192);
        d.legend();
        return d;
    }

    private void line(Color colour, float width, double x0, double y0, double x1, double y1) {
        strokes.add(g -> {
            g.setColor(colour);
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new java.awt.geom.Line2D.Double(x0, y0, x1, y1));
        });
    }

    private void arrow(Color colour, float width, double x0, double y0, double x1, double y1) {
        line(colour, width, x0, y0, x1, y1);
        strokes.add(g -> {
            double angle = Math.atan2(y1 - y0, x1 - x0);
            double size = 6 + 1.5 * width;
            Path2D head = new Path2D.Double();
            head.moveTo(x1, y1);
            head.lineTo(x1 - size * Math.cos(angle - 0.45), y1 - size * Math.sin(angle - 0.45));
            head.lineTo(x1 - size * Math.cos(angle + 0.45), y1 - size * Math.sin(angle + 0.45));
            head.closePath();
            g.setColor(colour);
            g.fill(head);
        });
    }

    /** A 64×40 box centred on x with its top at y: a learned layer followed by a squashing function. */
    private void box(String symbol, double x, double top, Color colour) {
        strokes.add(g -> {
            RoundRectangle2D r = new RoundRectangle2D.Double(x - 32, top, 64, 40, 10, 10);
            g.setColor(Style.faint(colour, 40));
            g.fill(r);
            g.setColor(colour);
            g.setStroke(new BasicStroke(2.5f));
            g.draw(r);
            centred(g, symbol, x, top + 26, new Font(Style.FONT, Font.BOLD, 16), Style.TEXT);
        });
    }

    /** A rounded label on a line: a function with no weights of its own (tanh of c) or a named product. */
    private void pill(String text, double x, double y, Color colour) {
        strokes.add(g -> {
            Font font = new Font(Style.FONT, Font.PLAIN, 13);
            double w = g.getFontMetrics(font).stringWidth(text) + 16;
            RoundRectangle2D r = new RoundRectangle2D.Double(x - w / 2, y - 13, w, 26, 26, 26);
            g.setColor(Color.WHITE);
            g.fill(r);
            g.setColor(colour);
            g.setStroke(new BasicStroke(2f));
            g.draw(r);
            centred(g, text, x, y + 5, font, Style.TEXT);
        });
    }

    /** A pointwise operation: a circle of radius 12 holding ⊙, + or 1−. */
    private void operation(String symbol, double x, double y) {
        strokes.add(g -> {
            Ellipse2D c = new Ellipse2D.Double(x - 12, y - 12, 24, 24);
            g.setColor(Color.WHITE);
            g.fill(c);
            g.setColor(INK);
            g.setStroke(new BasicStroke(2f));
            g.draw(c);
            centred(g, symbol, x, y + 5, new Font(Style.FONT, Font.BOLD, symbol.length() > 1 ? 11 : 15), Style.TEXT);
        });
    }

    private void label(String text, double x, double y, Color colour, boolean bold) {
        strokes.add(g -> {
            g.setFont(new Font(Style.FONT, bold ? Font.BOLD : Font.PLAIN, bold ? 16 : 13));
            g.setColor(colour.darker());
            g.drawString(text, (float) x, (float) y);
        });
    }

    private void legend() {
        strokes.add(g -> {
            String text = "boxes: a learned layer, then σ (a gate, in (0, 1)) or tanh (a value, in (−1, 1));"
                    + "  ⊙: elementwise product";
            g.setFont(new Font(Style.FONT, Font.PLAIN, 12));
            g.setColor(Style.TEXT);
            g.drawString(text, (float) (Style.WIDTH - 12 - g.getFontMetrics().stringWidth(text)), (float) (Style.HEIGHT - 8));
        });
    }

    private static void centred(Graphics2D g, String text, double x, double baseline, Font font, Color colour) {
        g.setFont(font);
        g.setColor(colour);
        int w = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (float) (x - w / 2.0), (float) baseline);
    }

    @Override
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(Style.WIDTH, Style.HEIGHT, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, Style.WIDTH, Style.HEIGHT);
            centred(g, title, Style.WIDTH / 2.0, 28, new Font(Style.FONT, Font.BOLD, 15), Style.TEXT);
            for (Consumer<Graphics2D> s : strokes) s.accept(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    @Override
    public String describe() {
        return "CellDiagram \"" + title + "\"";
    }

    @Override
    public String toString() {
        return describe();
    }
}
