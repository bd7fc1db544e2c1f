package org.seqlab.grader;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start the course kernel: the command and environment of its Jupyter kernelspec ({@code kernel.json}),
 * which the grader runs itself, with its own limits in place of the kernelspec's heap.
 *
 * @param dir  the kernelspec's folder
 * @param argv the command, with {@code {connection_file}} where Jupyter puts the connection file
 * @param env  the variables the kernelspec adds
 */
record KernelLaunch(Path dir, List<String> argv, Map<String, String> env) {
    /** The kernelspec's name. */
    static final String NAME = "seqlab";

    /** Reads {@code dir/kernel.json}. */
    static KernelLaunch read(Path dir) {
        Path file = dir.resolve("kernel.json");
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the kernelspec " + file + ": " + e.getMessage());
        }
        List<String> argv = new ArrayList<>();
        json.getAsJsonArray("argv").forEach(a -> argv.add(a.getAsString()));
        Map<String, String> env = new LinkedHashMap<>();
        JsonElement e = json.get("env");
        if (e != null && e.isJsonObject()) {
            e.getAsJsonObject().entrySet().forEach(v -> env.put(v.getKey(), v.getValue().getAsString()));
        }
        if (argv.isEmpty() || argv.stream().noneMatch(a -> a.contains("{connection_file}"))) {
            throw new IllegalStateException("the kernelspec " + file + " has no {connection_file} in its argv");
        }
        return new KernelLaunch(dir, List.copyOf(argv), Map.copyOf(env));
    }

    /**
     * Finds the course kernel's kernelspec where Jupyter looks: {@code $JUPYTER_PATH}, the user's data folder
     * ({@code $JUPYTER_DATA_DIR}, {@code $XDG_DATA_HOME/jupyter}, {@code ~/.local/share/jupyter}), then
     * {@code /usr/local/share/jupyter} and {@code /usr/share/jupyter}.
     */
    static KernelLaunch find(Map<String, String> environment) {
        List<Path> roots = new ArrayList<>();
        String jupyterPath = environment.get("JUPYTER_PATH");
        if (jupyterPath != null) {
            for (String p : jupyterPath.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    roots.add(Path.of(p));
                }
            }
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        if (environment.get("JUPYTER_DATA_DIR") != null) {
            roots.add(Path.of(environment.get("JUPYTER_DATA_DIR")));
        } else if (environment.get("XDG_DATA_HOME") != null) {
            roots.add(Path.of(environment.get("XDG_DATA_HOME"), "jupyter"));
        } else {
            roots.add(Path.of(home, ".local", "share", "jupyter"));
        }
        roots.add(Path.of("/usr/local/share/jupyter"));
        roots.add(Path.of("/usr/share/jupyter"));
        for (Path root : roots) {
            Path dir = root.resolve("kernels").resolve(NAME);
            if (Files.isRegularFile(dir.resolve("kernel.json"))) {
                return read(dir);
            }
        }
        throw new IllegalStateException("the course kernel is not installed (no kernels/" + NAME + "/kernel.json under "
                + roots + "); run ./course kernel install, or pass --kernel DIR");
    }

    /**
     * The command that starts a kernel for {@code connectionFile} within {@code limits}: the kernelspec's heap
     * replaced by the limit's, and JavaCPP's off-heap memory (ND4J's arrays) bounded too, so that an oversized
     * array fails with an {@code OutOfMemoryError} before the process outgrows its limit.
     */
    List<String> command(Path connectionFile, Limits limits) {
        List<String> command = new ArrayList<>();
        boolean optionsAdded = false;
        for (int k = 0; k < argv.size(); k++) {
            String a = argv.get(k);
            if (a.startsWith("-Xmx")) {
                continue;
            }
            if (!optionsAdded && k > 0) {
                command.add("-Xmx" + (limits.heapBytes() >> 20) + "m");
                command.add("-Dorg.bytedeco.javacpp.maxbytes=" + (limits.memoryBytes() - limits.heapBytes()));
                command.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (limits.memoryBytes() * 9 / 10));
                optionsAdded = true;
            }
            command.add(a.replace("{connection_file}", connectionFile.toString()));
        }
        return command;
    }
}
