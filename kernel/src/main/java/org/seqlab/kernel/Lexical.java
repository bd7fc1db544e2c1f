package org.seqlab.kernel;

/**
 * Where the end of some Java code lies lexically: in code, in a comment, in a string or character literal, or
 * in a text block. Completion and the completeness check need to know, and JShell does not say.
 */
final class Lexical {
    /**
     * The lexical place at the end of the code.
     *
     * @param inComment   inside a {@code //} or {@code /* *}{@code /} comment
     * @param inString    inside a one-line string literal
     * @param stringStart for {@code inString}: where the string's content starts (after its quote); else -1
     * @param inTextBlock inside a {@code """} text block
     * @param inChar      inside a character literal
     */
    record Place(boolean inComment, boolean inString, int stringStart, boolean inTextBlock, boolean inChar) {
        boolean inCode() {
            return !inComment && !inString && !inTextBlock && !inChar;
        }
    }

    private Lexical() {}

    /** Scans {@code code} from its start and says where its end lies. */
    static Place placeAtEnd(String code) {
        int n = code.length();
        int i = 0;
        while (i < n) {
            char c = code.charAt(i);
            if (code.startsWith("//", i)) {
                int end = code.indexOf('\n', i);
                if (end < 0) return new Place(true, false, -1, false, false);
                i = end + 1;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                if (end < 0) return new Place(true, false, -1, false, false);
                i = end + 2;
            } else if (code.startsWith("\"\"\"", i)) {
                int end = closing(code, i + 3, "\"\"\"", false);
                if (end < 0) return new Place(false, false, -1, true, false);
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int end = closing(code, i + 1, String.valueOf(c), true);
                if (end == -1) return new Place(false, c == '"', c == '"' ? i + 1 : -1, false, c == '\'');
                i = end + 1;
            } else {
                i++;
            }
        }
        return new Place(false, false, -1, false, false);
    }

    /**
     * The index of the unescaped {@code quote} closing a literal whose content starts at {@code from}; -1 when
     * the code ends first. A one-line literal also ends (erroneously) at a line break: its index is returned then.
     */
    private static int closing(String code, int from, String quote, boolean oneLine) {
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\\') {
                i++;
            } else if (oneLine && c == '\n') {
                return i;
            } else if (code.startsWith(quote, i)) {
                return i;
            }
        }
        return -1;
    }
}
