package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TextLossTest {

    @Test
    void oneNatIsOneOverLnTwoBitsAndPerplexityE() {
        TextLoss twoWay = TextLoss.of(Math.log(2), 10);
        assertEquals(1.0, twoWay.bitsPerCharacter(), 1e-15, "a fair coin is one bit");
        assertEquals(2.0, twoWay.perplexity(), 1e-15, "and perplexity 2");
    }

    @Test
    void uniformGuessScoresLnVNatsAndPerplexityV() {
        TextLoss uniform = TextLoss.uniform(87, 5);
        assertEquals(Math.log(87), uniform.nats(), 1e-15);
        assertEquals(87, uniform.perplexity(), 1e-10);
        assertEquals(Math.log(87) / Math.log(2), uniform.bitsPerCharacter(), 1e-15);
    }

    @Test
    void tableHasOneRowPerModelInOrderWithRoundedUnits() {
        Map<String, TextLoss> losses = new LinkedHashMap<>();
        losses.put("uniform", TextLoss.uniform(4, 100));
        losses.put("model", TextLoss.of(1.0, 100));
        Table t = TextLoss.table("Validation loss", losses);
        assertEquals(2, t.rowCount());
        assertEquals("model", t.getString(1, "model"));
        assertEquals("1.386", t.getString(0, "nats per character"));
        assertEquals("2.000", t.getString(0, "bits per character"));
        assertEquals("2.72", t.getString(1, "perplexity"));
    }

    @Test
    void aLossMustBeAFiniteMeanOverSomePredictions() {
        assertThrows(IllegalArgumentException.class, () -> TextLoss.of(Double.NaN, 3));
        assertThrows(IllegalArgumentException.class, () -> TextLoss.of(1.0, 0));
    }
}
