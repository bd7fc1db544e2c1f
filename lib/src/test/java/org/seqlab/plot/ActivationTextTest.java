package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ActivationTextTest {
    static final String CODE = "if (a < b && c > \"d\") {\n  print('x & y');\n}\n";

    static double[] values(String text) {
        double[] v = new double[text.length()];
        for (int t = 0; t < v.length; t++) v[t] = Math.sin(0.3 * t);
        return v;
    }

    @Test
    void htmlEscapesMarkupAmpersandsAndQuotes() {
        String html = ActivationText.of("<b>&\"'</b>", new double[10], "unit <3>").html();
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains(">&lt;</span>"), html);
        assertTrue(html.contains(">&amp;</span>"), html);
        assertTrue(html.contains(">&quot;</span>"), html);
        assertTrue(html.contains(">&#39;</span>"), html);
        assertTrue(html.contains("unit &lt;3&gt;"), html);
        assertTrue(html.contains("title=\"t=4 '&quot;' 0.000\""), html);
    }

    @Test
    void everyCharacterIsOneSpanWithItsValueInTheTooltip() {
        double[] v = values(CODE);
        String html = ActivationText.of(CODE, v, "unit 7").html();
        Matcher spans = Pattern.compile("<span ").matcher(html);
        int count = 0;
        while (spans.find()) count++;
        assertEquals(CODE.length(), count);
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "title=\"t=4 'a' %.3f\"", v[4])), html);
        assertTrue(html.contains("↵</span>\n"), "newlines show as ↵ and break the line");
    }

    @Test
    void theStrongestValuesGetTheEndColoursOfTheDivergingScale() {
        String html = ActivationText.of("abc", new double[] {-2, 0, 2}, "u").html();
        assertTrue(html.contains("background:#2166ac"), html);
        assertTrue(html.contains("background:#f7f7f7"), html);
        assertTrue(html.contains("background:#b2182b"), html);
    }

    @Test
    void aUnitOfAStatesMatrixIsItsColumn() {
        double[][] m = {{0.1, -0.5}, {0.2, 0.6}, {0.3, 0.7}};
        ActivationText view = ActivationText.of("abc", Nd4j.create(m), 1);
        assertEquals(-0.5, view.values()[0], 1e-6);
        assertEquals(0.7, view.values()[2], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> ActivationText.of("abcd", Nd4j.create(m), 1));
        assertThrows(IllegalArgumentException.class, () -> ActivationText.of("abc", Nd4j.create(m), 2));
    }

    @Test
    void theBundleIsHtmlAndTheImageIsNotBlank() throws IOException {
        String text = CODE.repeat(4);
        ActivationText view = ActivationText.of(text, values(text), "unit 7");
        Map<String, String> bundle = view.mimeBundle();
        assertTrue(bundle.containsKey("text/html"));
        assertTrue(bundle.get("text/plain").contains("unit 7"));
        var image = view.toImage();
        assertEquals(Style.WIDTH, image.getWidth());
        assertTrue(Pixels.distinctColours(image) > 8);
        view.save(Pixels.OUT.resolve("activation-text.png"));
        Files.writeString(Pixels.OUT.resolve("activation-text.html"), view.html());
    }
}
