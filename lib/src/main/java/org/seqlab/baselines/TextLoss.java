package org.seqlab.baselines;

import java.util.Map;
import org.seqlab.Shapes;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * A language model's loss on a text, in the three units it is quoted in:
 *
 * <pre>
 *   nats              L = −(1/N) Σ_t ln P(y_t | context)      what Loss.softmaxCrossEntropy returns
 *   bits/character    L / ln 2                                 the information-theory unit (bits, log base 2)
 *   perplexity        e^L = 2^(bits)                           "as unsure as a uniform choice among this many"
 * </pre>
 *
 * Guessing uniformly among {@code V} symbols scores {@code ln V} nats, {@code log₂ V} bits and perplexity {@code V}.
 *
 * @param nats the mean negative log-likelihood per predicted character, natural logarithm
 * @param count N, how many predictions the mean is over
 */
public record TextLoss(double nats, long count) {

    /** Checks that the loss is a finite, non-negative mean over at least one prediction. */
    public TextLoss {
        Shapes.require(Double.isFinite(nats) && nats >= 0, "nats must be finite and >= 0 but is %s", nats);
        Shapes.require(count > 0, "count must be positive but is %d", count);
    }

    /** The loss {@code nats} (mean per character) over {@code count} predictions, e.g. a trainer's validation loss. */
    public static TextLoss of(double nats, long count) {
        return new TextLoss(nats, count);
    }

    /** The uniform guess over {@code V} symbols: {@code ln V} nats, over {@code count} predictions. */
    public static TextLoss uniform(int vocabularySize, long count) {
        Shapes.require(vocabularySize > 0, "vocabularySize must be positive but is %d", vocabularySize);
        return new TextLoss(Math.log(vocabularySize), count);
    }

    /** {@code nats / ln 2}: the same loss in bits per character. */
    public double bitsPerCharacter() {
        return nats / Math.log(2);
    }

    /** {@code e^nats}: the number of equally likely characters that would leave a model as unsure. */
    public double perplexity() {
        return Math.exp(nats);
    }

    /**
     * One row per named loss, in the map's order: columns {@code model}, {@code nats per character},
     * {@code bits per character}, {@code perplexity} (three decimals, two for perplexity) and {@code predictions}.
     */
    public static Table table(String title, Map<String, TextLoss> losses) {
        StringColumn model = StringColumn.create("model");
        DoubleColumn nats = DoubleColumn.create("nats per character");
        DoubleColumn bits = DoubleColumn.create("bits per character");
        DoubleColumn perplexity = DoubleColumn.create("perplexity");
        LongColumn count = LongColumn.create("predictions");
        losses.forEach((name, loss) -> {
            model.append(name);
            nats.append(loss.nats());
            bits.append(loss.bitsPerCharacter());
            perplexity.append(loss.perplexity());
            count.append(loss.count());
        });
        nats.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        bits.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        perplexity.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        count.setPrintFormatter(NumberColumnFormatter.ints());
        return Table.create(title, model, nats, bits, perplexity, count);
    }

    @Override
    public String toString() {
        return String.format("%.3f nats (%.3f bits) per character, perplexity %.2f, over %,d predictions",
                nats, bitsPerCharacter(), perplexity(), count);
    }
}
