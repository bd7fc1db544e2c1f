package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel used from several threads at once, as Jupyter does: the warm-up evaluates while completion,
 * inspection and completeness requests arrive on the shell and control channels.
 */
class CourseKernelConcurrencyTest {
    private static CourseKernel kernel;

    @BeforeAll
    static void start() throws Exception {
        kernel = new CourseKernel();
        kernel.evalRaw("int seen = 0;");
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    /**
     * Before JShell had one owner this failed in every run: the warm-up's evaluations died with
     * {@code ConcurrentModificationException} ("Exception during analyze") inside JShell's analysis, and the
     * warm-up ended early.
     */
    @Test
    void completionsWhileTheWarmUpEvaluatesAllSucceedAndTheWarmUpRunsToTheEnd() throws Exception {
        CompletableFuture<Integer> warmUp = CompletableFuture.supplyAsync(kernel::warmUp);
        List<String> failures = new ArrayList<>();
        int completions = 0;
        while (!warmUp.isDone()) {
            try {
                var options = kernel.complete("Math.ma", 7);
                if (options == null || !options.getReplacements().contains("max(")) {
                    failures.add("completion of Math.ma gave " + (options == null ? null : options.getReplacements()));
                }
                completions++;
            } catch (Throwable e) {
                failures.add(e.toString());
            }
        }
        assertEquals(CourseKernel.WARM_EVALS, warmUp.get(60, TimeUnit.SECONDS), "the warm-up ended early");
        assertEquals(List.of(), failures, "completions failed");
        assertTrue(completions > 0, "no completion ran beside the warm-up");
        assertEquals(0, kernel.evalRaw("seen"));
    }
}
