package org.seqlab.grader;

/** Terminal colour codes, which kernels put in error messages, taken out for feedback and CSV files. */
final class Ansi {
    private Ansi() {}

    static String strip(String text) {
        return text.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "");
    }
}
