package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The installed course kernel's answers to the requests a user meets besides execution (completion, signature
 * help, completeness, history, kernel info, shutdown), checked through the real {@code jupyter_client}: each
 * test runs one scenario of {@code src/test/python/protocol_replies.py}.
 */
class KernelRepliesIT {
    private static void scenario(String name) {
        KernelFixture.Installation kernel = KernelFixture.installed();
        Path script = Path.of(System.getProperty("seqlab.kernel.python", "src/test/python"), "protocol_replies.py");
        KernelFixture.Result result = KernelFixture.run(List.of(KernelFixture.PYTHON, script.toString(), name),
                kernel.env(), Duration.ofMinutes(15));
        assertEquals(0, result.status(), () -> "scenario " + name + " failed:\n" + result.output());
    }

    @Test
    void completionsSentWhileTheKernelWarmsUpAllAnswerAndNothingBreaks() {
        scenario("startup-completion");
    }

    @Test
    void kernelInfoAndInterruptRepliesPassTheMessageSchema() {
        scenario("kernel-info");
    }

    @Test
    void historyAnswersTailRangeAndSearchOverTheSessionsInputs() {
        scenario("history");
    }

    @Test
    void unfinishedBlocksAndTextBlocksAreIncompleteWithAnIndentAndUnfixableCodeIsInvalid() {
        scenario("is-complete");
    }

    @Test
    void inspectShowsSignaturesAndJavadocForJdkAndLibraryMethodsAndClasses() {
        scenario("inspect");
    }

    @Test
    void completionCarriesKindsAndParameterListsCompletesFileNamesInStringsAndNothingInComments() {
        scenario("completion");
    }

    @Test
    void commInfoPassesTheSchemaAndACommToAnUnknownTargetIsClosed() {
        scenario("comm-info");
    }

    @Test
    void shutdownAnswersAtOnceEvenDuringACellAndRestartGivesAFreshKernel() {
        scenario("shutdown");
    }
}
