package org.seqlab.kernel;

/**
 * The few ANSI styles the kernel's error output uses, chosen to read in light and dark themes alike: Jupyter
 * maps the eight standard colours to each theme's own red and green, while black or white text (IJava's
 * bold black) vanishes on one of them. Text without a colour keeps the theme's foreground.
 */
final class Ansi {
    private static final String RESET = "\u001b[0m";

    private Ansi() {}

    /** An exception's name: bold red, as IPython shows it. */
    static String error(String text) {
        return "\u001b[1;31m" + text + RESET;
    }

    /** A place in the learner's cells: green, as IPython shows {@code Cell In[3], line 2}. */
    static String place(String text) {
        return "\u001b[32m" + text + RESET;
    }

    /** Emphasis without a colour. */
    static String bold(String text) {
        return "\u001b[1m" + text + RESET;
    }

    /** {@code text} without ANSI styles. */
    static String strip(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
