package org.seqlab.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cells run in this kernel session, kept so that Jupyter's {@code history_request} finds them: a console's
 * up-arrow (the last inputs, {@code tail}), a range of cells ({@code range}) and a search by glob pattern
 * ({@code search}), with IPython's kernel's semantics.
 *
 * <p>Each entry is {@code (session, line, input)}; {@code line} is the cell's execution count. The inputs live in
 * memory for the kernel's life: a restarted kernel starts a new, empty history. This kernel knows one session,
 * numbered {@link #SESSION}; as in IPython, session 0 in a request means the current one and a negative number an
 * earlier session, of which there are none. Outputs are not kept (IPython's default too), so a request with
 * {@code output} gets {@code (input, null)} pairs.
 */
final class SessionHistory {
    /** The number of this kernel's one session. */
    static final int SESSION = 1;

    /**
     * One cell as run.
     *
     * @param line        its execution count
     * @param raw         the code as the user typed it
     * @param transformed the code JShell ran (IJava's magics rewritten into Java)
     */
    record Entry(int line, String raw, String transformed) {
        /** The entry in the reply's form: {@code [session, line, input]} or {@code [session, line, [input, output]]}. */
        List<Object> toReply(boolean raw, boolean output) {
            String input = raw ? this.raw : transformed;
            return Arrays.asList(SESSION, line, output ? Arrays.asList(input, null) : input);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Keeps a cell's input; called as the cell starts, so it is in the history even if it never ends. */
    synchronized void record(int line, String raw, String transformed) {
        entries.add(new Entry(line, raw, transformed));
    }

    /** The last {@code n} cells, oldest first; none when {@code n <= 0}. */
    synchronized List<Entry> tail(int n) {
        return n <= 0 ? List.of() : List.copyOf(entries.subList(Math.max(0, entries.size() - n), entries.size()));
    }

    /**
     * The cells of {@code session} with {@code start <= line < stop}, oldest first; {@code stop <= 0} means to the
     * end (IPython's "stop = None").
     */
    synchronized List<Entry> range(int session, int start, int stop) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        return entries.stream().filter(e -> e.line() >= start && (stop <= 0 || e.line() < stop)).toList();
    }

    /**
     * The cells whose input matches a glob {@code pattern} (SQLite's GLOB, as IPython uses: {@code *}, {@code ?}
     * and {@code [...]}, case-sensitive, matching the whole input), oldest first. With {@code unique} each input
     * appears once, at its latest run; with {@code n > 0} only the last {@code n} matches are returned.
     *
     * @param raw whether to match the input as typed or as JShell ran it
     */
    synchronized List<Entry> search(String pattern, int n, boolean unique, boolean raw) {
        Pattern glob = glob(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<Entry> found = new ArrayList<>();
        for (Entry e : entries) {
            if (glob.matcher(raw ? e.raw() : e.transformed()).matches()) {
                found.add(e);
            }
        }
        if (unique) {
            Map<String, Entry> latest = new LinkedHashMap<>();
            for (Entry e : found) {
                String key = raw ? e.raw() : e.transformed();
                latest.remove(key);
                latest.put(key, e);
            }
            found = new ArrayList<>(latest.values());
        }
        return n > 0 ? List.copyOf(found.subList(Math.max(0, found.size() - n), found.size())) : List.copyOf(found);
    }

    /** A glob pattern with SQLite's GLOB semantics as a regular expression. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = pattern.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                        break;
                    }
                    String set = pattern.substring(i + 1, close);
                    boolean negated = set.startsWith("^");
                    if (negated) set = set.substring(1);
                    regex.append(negated ? "[^" : "[");
                    for (char s : set.toCharArray()) {
                        if ("\\[]^&".indexOf(s) >= 0) regex.append('\\');
                        regex.append(s);
                    }
                    regex.append(']');
                    i = close;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
