package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProtocolRepliesTest {
    @Test
    void cursorPositionsCountCodePointsAsJupyterDoes() {
        String code = "String s = \"\uD83D\uDE00\"; Math.ma"; // an emoji: one code point, two chars
        assertEquals(code.length() - 1, code.codePointCount(0, code.length()));
        int jupyterEnd = code.length() - 1;
        assertEquals(code.length(), ProtocolReplies.index(code, jupyterEnd));
        assertEquals(jupyterEnd, ProtocolReplies.codePoints(code, code.length()));
        assertEquals(5, ProtocolReplies.index(code, 5), "before the emoji both counts agree");
    }

    @Test
    void positionsOutsideTheCodeAreClamped() {
        assertEquals(3, ProtocolReplies.index("abc", 10));
        assertEquals(0, ProtocolReplies.index("abc", -1));
        assertEquals(3, ProtocolReplies.codePoints("abc", 10));
    }
}
