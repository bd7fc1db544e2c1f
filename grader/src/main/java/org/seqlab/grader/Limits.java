package org.seqlab.grader;

import java.time.Duration;

/**
 * What one submission may use. The grader enforces every limit itself, whatever the kernel does.
 *
 * @param cellTimeout     wall time of one cell
 * @param notebookTimeout wall time of the whole notebook, restarts and replays included
 * @param memoryBytes     resident memory of the kernel process and its children; the heap gets half
 * @param outputBytes     output of one cell (text and displays)
 * @param startTimeout    how long a kernel may take to answer its first request
 */
record Limits(Duration cellTimeout, Duration notebookTimeout, long memoryBytes, long outputBytes, Duration startTimeout) {
    /** The defaults of {@code ./course grade}. */
    static Limits defaults() {
        return new Limits(Duration.ofSeconds(30), Duration.ofSeconds(600), parseSize("2g"), parseSize("1m"),
                Duration.ofSeconds(180));
    }

    /** The JVM's maximum heap: half of the memory limit, the other half for ND4J's arrays and the JVM itself. */
    long heapBytes() {
        return Math.max(256L << 20, memoryBytes / 2);
    }

    /** A size as the JVM writes it: {@code 512m}, {@code 2g}, {@code 1048576}. */
    static long parseSize(String text) {
        String t = text.strip().toLowerCase();
        long unit = 1;
        if (t.endsWith("k")) {
            unit = 1L << 10;
        } else if (t.endsWith("m")) {
            unit = 1L << 20;
        } else if (t.endsWith("g")) {
            unit = 1L << 30;
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a size must be a positive number with k, m or g (such as 2g) but is " + text);
        }
    }

    /** A size in words: {@code 2 GB}, {@code 512 MB}. */
    static String describe(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GB";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        return bytes + " bytes";
    }
}
