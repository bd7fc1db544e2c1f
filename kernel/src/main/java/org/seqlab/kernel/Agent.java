package org.seqlab.kernel;

import java.lang.instrument.Instrumentation;

/**
 * The kernel jar as a Java agent: the kernelspec starts the JVM with {@code -javaagent:seqlab-kernel.jar}, and the
 * JVM hands this class an {@link Instrumentation} before {@link Launcher#main} runs.
 *
 * <p>The kernel uses it for one thing: {@link Instrumentation#redefineClasses} on the classes JShell compiled from
 * earlier cells, when a later cell changes a method or class they use (see {@link CellExecutionControl#redefine}).
 * That is what JShell's own remote mode does through the debugger interface, and it is what keeps a cell's
 * variables when a method it called is redefined. The agent registers no class file transformer: the only
 * classes the kernel rewrites are the cells' own, handed to it by JShell ({@link CellWeaver}).
 *
 * <p>Loaded on the command line, the agent prints nothing on any Java (Java 21 and later warn only about agents
 * attached to a running JVM). Without it (an old kernelspec, a unit test) {@link #instrumentation()} is null and
 * JShell falls back to replacing changed classes, whose variables {@link KeptVariables} then carries over.
 */
public final class Agent {
    private static volatile Instrumentation instrumentation;

    private Agent() {}

    /** Called by the JVM for {@code -javaagent} before the main method. */
    public static void premain(String arguments, Instrumentation inst) {
        instrumentation = inst;
    }

    /** The JVM's instrumentation, or null when the kernel was started without {@code -javaagent}. */
    static Instrumentation instrumentation() {
        Instrumentation inst = instrumentation;
        return inst != null && inst.isRedefineClassesSupported() ? inst : null;
    }
}
