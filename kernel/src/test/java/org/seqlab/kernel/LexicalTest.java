package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LexicalTest {
    @Test
    void codeAfterClosedLiteralsAndCommentsIsCode() {
        assertTrue(Lexical.placeAtEnd("String s = \"a\\\"b\"; /* c */ char c = '\\''; // x\nint y = ").inCode());
        assertTrue(Lexical.placeAtEnd("String t = \"\"\"\n  a \"quote\"\n  \"\"\"; t.").inCode());
    }

    @Test
    void theEndOfAnOpenStringSaysWhereItsContentStarts() {
        Lexical.Place place = Lexical.placeAtEnd("Path.of(\"data/wo");
        assertTrue(place.inString());
        assertEquals(9, place.stringStart());
    }

    @Test
    void aStringLeftOpenOnAnEarlierLineDoesNotCountOnTheNext() {
        assertTrue(Lexical.placeAtEnd("String s = \"abc\nint x").inCode());
    }

    @Test
    void commentsTextBlocksAndCharactersAreRecognised() {
        assertTrue(Lexical.placeAtEnd("int x; // Math.").inComment());
        assertTrue(Lexical.placeAtEnd("/* Math.").inComment());
        assertTrue(Lexical.placeAtEnd("String s = \"\"\"\n  text").inTextBlock());
        assertTrue(Lexical.placeAtEnd("char c = 'a").inChar());
    }
}
