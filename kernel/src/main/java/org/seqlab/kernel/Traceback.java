package org.seqlab.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import jdk.jshell.EvalException;

/**
 * An exception from a cell as the learner reads it: the exception and every {@code Caused by}, frames of the
 * learner's code named by cell and line with that line's text, and library frames folded to the few that say
 * where it was thrown and which call of the cell led there.
 *
 * <pre>
 *   java.io.UncheckedIOException: could not save checkpoint /tmp/a/x.ckpt; the previous one is kept
 *       at org.seqlab.train.Checkpoint.save(Checkpoint.java:96)
 *       at org.seqlab.train.Checkpoint.save(Checkpoint.java:53)
 *       at In [6], line 1: Checkpoint.save(Path.of("/tmp/a/x.ckpt"), params, null, 0, 0)
 *   Caused by: java.nio.file.FileAlreadyExistsException: /tmp/a
 *       at java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:94)
 *       ...
 * </pre>
 *
 * Colours are the standard ANSI red and green that Jupyter adapts to light and dark themes ({@link Ansi}).
 */
final class Traceback {
    /** Library frames shown where an exception was thrown, before the rest of that run of frames is folded. */
    static final int THROWN_FRAMES = 3;
    /** Library frames shown at the end of a folded run: the call the learner's code made. */
    static final int CALL_FRAMES = 1;
    private static final String INDENT = "    ";

    private final Function<StackTraceElement, CellSources.Place> rawPlaces;
    private final CellSources sources;

    /**
     * @param sources   where snippets came from
     * @param rawPlaces the cell line of a frame of a snippet's compiled class (see {@link CellSources#place})
     */
    Traceback(CellSources sources, Function<StackTraceElement, CellSources.Place> rawPlaces) {
        this.sources = sources;
        this.rawPlaces = rawPlaces;
    }

    /** The lines for an exception thrown by a cell's code, with its causes and suppressed exceptions. */
    List<String> of(Throwable thrown) {
        List<String> out = new ArrayList<>();
        append(out, thrown, null, "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    /**
     * The lines for JShell's report of an exception whose original is unknown: its class, message and frames,
     * which JShell has already numbered by snippet ({@code #12:3}), and its causes where the execution engine
     * passed them on (JShell's own engines do; IJava's does not).
     */
    List<String> of(EvalException e) {
        List<String> out = new ArrayList<>();
        append(out, e, null, "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void append(List<String> out, Throwable t, StackTraceElement[] enclosing, String label, String indent,
                        Set<Throwable> done) {
        if (!done.add(t)) {
            out.add(indent + label + "[the same " + t.getClass().getName() + " again, shown above]");
            return;
        }
        // JShell reports an exception of an execution engine that keeps causes (its own) as EvalExceptions whose
        // frames it has already numbered by snippet; one recorded where it ran has the compiled classes' frames.
        boolean translated = t instanceof EvalException;
        header(out, indent, label, translated ? ((EvalException) t).getExceptionClassName() : t.getClass().getName(),
                t.getMessage());
        StackTraceElement[] frames = t.getStackTrace();
        int shown = cellEnd(frames);
        int unique = frames.length - (enclosing == null ? 0 : commonTail(frames, enclosing));
        frames(out, frames, Math.min(shown, unique), unique < shown, indent,
                translated ? this::translatedPlace : this::rawPlace);
        if (unique < shown) {
            int more = shown - unique;
            out.add(indent + INDENT + "… " + more + (more == 1 ? " more frame" : " more frames") + ", as above");
        }
        for (Throwable suppressed : t.getSuppressed()) {
            append(out, suppressed, frames, "Suppressed: ", indent + INDENT, done);
        }
        if (t.getCause() != null) {
            append(out, t.getCause(), frames, "Caused by: ", indent, done);
        }
    }

    private static void header(List<String> out, String indent, String label, String className, String message) {
        String name = Ansi.error(CellSources.snippetClassName(className));
        if (message == null || message.isEmpty()) {
            out.add(indent + label + name);
            return;
        }
        String[] lines = CellSources.snippetNames(message).split("\n", -1);
        out.add(indent + label + name + ": " + lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.add(indent + lines[i]);
        }
    }

    /**
     * Writes {@code frames[0, end)}: frames of cells one by one, each run of library frames as its first few
     * (or only one, inside the learner's call chain), a fold, and the call the cell made; {@code callerBelow}
     * says that frames shown above (an enclosing exception's) follow, so the last frame is a call too.
     */
    private void frames(List<String> out, StackTraceElement[] frames, int end, boolean callerBelow, String indent,
                        Function<StackTraceElement, Located> locate) {
        boolean thrownHere = true;
        int i = 0;
        while (i < end) {
            Located cell = locate.apply(frames[i]);
            if (cell != null) {
                out.add(indent + INDENT + cell.text());
                i++;
                thrownHere = false;
                continue;
            }
            int j = i;
            while (j < end && locate.apply(frames[j]) == null) {
                j++;
            }
            int head = thrownHere ? THROWN_FRAMES : 1;
            int tail = j < end || callerBelow ? CALL_FRAMES : 0;
            if (j - i <= head + tail + 1) {
                for (int k = i; k < j; k++) {
                    out.add(indent + INDENT + "at " + frames[k]);
                }
            } else {
                for (int k = i; k < i + head; k++) {
                    out.add(indent + INDENT + "at " + frames[k]);
                }
                out.add(indent + INDENT + fold(frames, i + head, j - tail));
                for (int k = j - tail; k < j; k++) {
                    out.add(indent + INDENT + "at " + frames[k]);
                }
            }
            i = j;
            thrownHere = false;
        }
    }

    /** "… 7 more frames in java.base, org.nd4j" for {@code frames[from, to)}. */
    private static String fold(StackTraceElement[] frames, int from, int to) {
        Set<String> where = new LinkedHashSet<>();
        for (int k = from; k < to; k++) {
            where.add(origin(frames[k]));
        }
        List<String> names = new ArrayList<>(where);
        String list = names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + ", …";
        return "… " + (to - from) + " more frames in " + list;
    }

    /** A frame's module ({@code java.base}) or, on the class path, its first two package names ({@code org.nd4j}). */
    static String origin(StackTraceElement frame) {
        if (frame.getModuleName() != null) {
            return frame.getModuleName();
        }
        String[] parts = frame.getClassName().split("\\.");
        return parts.length <= 2 ? String.join(".", parts) : parts[0] + "." + parts[1];
    }

    /** The number of frames down to the last frame of a snippet: below it lie IJava's executor and reflection. */
    private static int cellEnd(StackTraceElement[] frames) {
        for (int i = frames.length - 1; i >= 0; i--) {
            if (CellSources.isSnippetFrame(frames[i])) {
                return i + 1;
            }
        }
        return frames.length;
    }

    /** The number of frames two stacks share at their bottom, as {@link Throwable#printStackTrace()} counts them. */
    private static int commonTail(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int m = frames.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        return frames.length - 1 - m;
    }

    /** A frame of the learner's code and its line of text. */
    private record Located(String text) {}

    private Located rawPlace(StackTraceElement frame) {
        if (!CellSources.isSnippetFrame(frame)) {
            return null;
        }
        return located(frame, rawPlaces.apply(frame));
    }

    /** JShell names a snippet's frames with file {@code #id} and the line within the snippet. */
    private Located translatedPlace(StackTraceElement frame) {
        String file = frame.getFileName();
        if (file == null || !file.startsWith("#")) {
            return null;
        }
        return located(frame, sources.place(file.substring(1), frame.getLineNumber()));
    }

    private static Located located(StackTraceElement frame, CellSources.Place place) {
        String name = name(frame);
        String where = place == null ? "a snippet outside the notebook's cells" : "In [" + place.cell() + "], line " + place.line();
        StringBuilder text = new StringBuilder("at ");
        if (name.isEmpty()) {
            text.append(Ansi.place(where));
        } else {
            text.append(name).append(" (").append(Ansi.place(where)).append(")");
        }
        if (place != null && !place.text().isBlank()) {
            text.append(": ").append(place.text().strip());
        }
        return new Located(text.toString());
    }

    /** What the learner calls the code of a frame: {@code f}, {@code Bad.init}, {@code a lambda in f}, or "" for a cell's own statements. */
    static String name(StackTraceElement frame) {
        String owner = CellSources.snippetClassName(frame.getClassName());
        String method = frame.getMethodName();
        String qualified = owner.isEmpty() ? "" : owner + ".";
        if (method.equals("do_it$") || method.isEmpty()) {
            return "";
        }
        if (method.equals("<clinit>")) {
            return "static initialiser of " + owner;
        }
        if (method.equals("<init>")) {
            return "new " + owner;
        }
        if (method.startsWith("lambda$")) {
            String in = method.substring("lambda$".length(), Math.max("lambda$".length(), method.lastIndexOf('$')));
            in = in.endsWith("$") ? in.substring(0, in.length() - 1) : in;
            return in.isEmpty() || in.equals("do_it") ? "a lambda" : "a lambda in " + qualified + in;
        }
        return qualified + method;
    }
}
