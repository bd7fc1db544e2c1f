package org.seqlab.kernel;

import com.google.gson.GsonBuilder;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course kernel's Jupyter kernelspec ({@code kernel.json}): how Jupyter starts the JVM and what IJava
 * finds in its environment.
 *
 * <p>The JVM runs {@link Launcher} with every jar of {@code libDir} on its class path and the kernel's jar as its
 * Java agent, so the kernel's
 * renderers and the notebook's code share one copy of each library class. {@code IJAVA_CLASSPATH} repeats
 * the library and its dependencies for JShell's compiler; {@code IJAVA_STARTUP_SCRIPTS_PATH} names the
 * course start-up script; {@code OMP_NUM_THREADS} bounds ND4J's native threads.
 *
 * @param java        absolute path of the {@code java} executable that runs the kernel
 * @param javaFeature feature release of that Java (17, 21, ...), which decides a few JVM options
 * @param libDir      absolute path of the folder holding every runtime jar of the kernel
 * @param agentJar    absolute path of the kernel's own jar, loaded with {@code -javaagent} ({@link Agent}), or null
 * @param libraryJars absolute paths of the library's jars for {@code IJAVA_CLASSPATH}
 * @param startup     absolute path of the start-up script
 * @param cdsArchive  absolute path of the class-data sharing archive ({@code .jsa}) or, on Java 25 and later, the
 *                    ahead-of-time cache ({@code .aot}); null for none
 * @param ompThreads  OpenMP threads for ND4J's native code (1 on small machines)
 * @param heap        maximum heap as the JVM writes it, e.g. {@code "2g"}
 * @param datasets    absolute path of the course's {@code datasets/} folder for {@code SEQLAB_DATASETS}, or null
 */
record KernelSpec(Path java, int javaFeature, Path libDir, Path agentJar, List<Path> libraryJars, Path startup,
                  Path cdsArchive, int ompThreads, String heap, Path datasets) {
    /** The kernelspec's name: the folder under {@code kernels/} and the name notebooks record. */
    static final String NAME = "seqlab";
    /** What Jupyter shows in its kernel menu. */
    static final String DISPLAY_NAME = "Java (Seqlab)";

    /** The same kernelspec with a class-data (or ahead-of-time) archive. */
    KernelSpec withArchive(Path archive) {
        return new KernelSpec(java, javaFeature, libDir, agentJar, libraryJars, startup, archive, ompThreads, heap, datasets);
    }

    /** The JVM options, before the class path and main class. */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + heap);
        // One collector thread and a quick start; the arrays live off-heap in ND4J anyway.
        options.add("-XX:+UseSerialGC");
        options.add("-Djava.awt.headless=true");
        options.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        options.add(JavadocSources.OPENS);
        if (agentJar != null) {
            options.add("-javaagent:" + agentJar);
        }
        if (javaFeature >= 22) {
            // JavaCPP loads ND4J's native libraries: Java 24+ warns at the first load unless native access is on.
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        if (javaFeature >= 23) {
            // JavaCPP, Netty and protobuf read memory through sun.misc.Unsafe: Java 24+ warns at the first call.
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (cdsArchive != null && cdsArchive.getFileName().toString().endsWith(".aot")) {
            options.add("-XX:AOTCache=" + cdsArchive);
            // After a rebuild the cache no longer matches the jars: start without it, silently.
            options.add("-Xlog:aot=off,cds=off");
        } else if (cdsArchive != null) {
            options.add("-XX:SharedArchiveFile=" + cdsArchive);
            // After a rebuild the archive no longer matches the jars: start without it, silently.
            options.add("-Xlog:cds=off,cds+dynamic=off");
        }
        return options;
    }

    /** The command line Jupyter runs, with {@code {connection_file}} for Jupyter to fill in. */
    List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(jvmOptions());
        argv.add("-cp");
        argv.add(libDir.resolve("*").toString());
        argv.add(Launcher.class.getName());
        argv.add("{connection_file}");
        return argv;
    }

    /** The environment Jupyter adds for the kernel process. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IJAVA_CLASSPATH", String.join(File.pathSeparator, libraryJars.stream().map(Path::toString).toList()));
        env.put("IJAVA_STARTUP_SCRIPTS_PATH", startup.toString());
        env.put("OMP_NUM_THREADS", Integer.toString(ompThreads));
        if (datasets != null) {
            // Datasets.* finds the course's data from a notebook saved anywhere.
            env.put("SEQLAB_DATASETS", datasets.toString());
        }
        return env;
    }

    /** The {@code kernel.json} text. */
    String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("argv", argv());
        json.put("display_name", DISPLAY_NAME);
        json.put("language", "java");
        json.put("interrupt_mode", "message");
        json.put("env", env());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("debugger", false);
        json.put("metadata", metadata);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n";
    }
}
