package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JavadocTest {
    /** Math.max(int, int) as JShell returns it from the JDK's sources. */
    private static final String MATH_MAX = """
             Returns the greater of two {@code int} values. That is, the
             result is the argument closer to the value of
             {@link Integer#MAX_VALUE}. If the arguments have the same value,
             the result is that same value.

             @param   a   an argument.
             @param   b   another argument.
             @return  the larger of {@code a} and {@code b}.
            """;

    @Test
    void theFirstSentenceEndsAtThePeriodBeforeWhiteSpaceAndInlineCodeBecomesItsText() {
        assertEquals("Returns the greater of two int values.", Javadoc.firstSentence(MATH_MAX));
    }

    @Test
    void periodsInsideInlineTagsAndNamesDoNotEndTheSentence() {
        assertEquals("Sets x. y from a list.", Javadoc.firstSentence("Sets {@code x. y} from a list. Not this."));
        assertEquals("Uses Math.max(int, int) once.", Javadoc.firstSentence("Uses {@link Math#max(int, int)} once. More."));
    }

    @Test
    void aLinkShowsItsLabelOrItsTarget() {
        assertEquals("see the trainer and add", Javadoc.inline("see {@link Trainer the trainer} and {@link #add}"));
        assertEquals("Trainer.fit(List)", Javadoc.inline("{@linkplain Trainer#fit(List)}"));
    }

    @Test
    void withoutAPeriodTheSentenceEndsAtAParagraphOrABlockTag() {
        assertEquals("The hidden size H", Javadoc.firstSentence("The hidden size H\n<p>More text.\n"));
        assertEquals("Number of epochs", Javadoc.firstSentence(" Number of epochs\n @param n the count\n"));
        assertEquals("Starts with a paragraph.", Javadoc.firstSentence("<p>Starts with a paragraph. Then more."));
    }

    @Test
    void aSummaryTagIsTheFirstSentence() {
        assertEquals("The short form.", Javadoc.firstSentence("Long text. {@summary The short form.} More."));
    }

    @Test
    void htmlIsDroppedEntitiesDecodedAndCodeKeepsItsAngleBrackets() {
        assertEquals("A List<String> of x < y & z, bold.",
                Javadoc.firstSentence("A {@code List<String>} of x &lt; y &amp; z, <b>bold</b>. Next."));
    }

    @Test
    void anEmptyOrMissingCommentHasNoSentence() {
        assertEquals("", Javadoc.firstSentence(null));
        assertEquals("", Javadoc.firstSentence("   \n  "));
        assertEquals("", Javadoc.firstSentence(" @return the value\n"));
    }

    @Test
    void theFullTextListsParametersReturnAndExceptionsAfterTheDescription() {
        String text = Javadoc.parse(MATH_MAX + " @throws IllegalArgumentException if {@code a < 0}\n").fullText();
        assertEquals("""
                Returns the greater of two int values. That is, the result is the argument closer to the value of \
                Integer.MAX_VALUE. If the arguments have the same value, the result is that same value.

                Parameters:
                  a – an argument.
                  b – another argument.

                Returns:
                  the larger of a and b.

                Throws:
                  IllegalArgumentException – if a < 0""", text);
    }

    @Test
    void paragraphsAndListItemsKeepTheirBreaksInTheFullText() {
        assertEquals("First part.\n\nSecond part:\n- one\n- two",
                Javadoc.parse("First part.\n<p>Second part:\n<ul><li>one</li>\n<li>two</li></ul>").fullText());
    }
}
