package org.seqlab.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Runs a Python script with Debian's python3 and PyTorch, for reference numbers; tests skip when it is absent. */
final class Torch {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean available;

    private Torch() {}

    /** Whether {@code /usr/bin/python3 -c 'import torch'} works. */
    static synchronized boolean available() {
        if (available == null) {
            try {
                available = Files.isExecutable(PYTHON) && run("import torch\nprint(1)").strip().equals("1");
            } catch (RuntimeException e) {
                available = false;
            }
        }
        return available;
    }

    /** Runs {@code script} and returns its standard output; throws with its standard error on failure. */
    static String run(String script) {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("python failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Parses whitespace-separated numbers. */
    static double[] numbers(String text) {
        return Arrays.stream(text.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Formats numbers as a Python list literal with full precision. */
    static String list(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (double v : values) s.append(Double.toString(v)).append(',');
        return s.append(']').toString();
    }
}
