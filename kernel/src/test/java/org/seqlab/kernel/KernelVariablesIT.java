package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The learner's variables through JShell's recompilations, over the real {@code jupyter_client}: one scenario of
 * {@code src/test/python/kernel_variables.py} per case, on the installed kernel (with its agent, so classes are
 * redefined in place), on the JDK named by {@code -Dseqlab.kernel.java}.
 */
class KernelVariablesIT {
    private static void scenario(String name) {
        KernelFixture.Installation kernel = KernelFixture.installed();
        Path script = Path.of(System.getProperty("seqlab.kernel.python", "src/test/python"), "kernel_variables.py");
        KernelFixture.Result result = KernelFixture.run(List.of(KernelFixture.PYTHON, script.toString(), name),
                kernel.env(), Duration.ofMinutes(3));
        assertEquals(0, result.status(), () -> "scenario " + name + " failed:\n" + result.output());
    }

    @Test
    void importsInALaterCellKeepEveryEarlierVariable() {
        scenario("imports");
    }

    @Test
    void aVariableComputedByARedefinedMethodKeepsItsValue() {
        scenario("redefined-method");
    }

    @Test
    void aModelBuiltByARedefinedMethodIsKept() {
        scenario("redefined-model-builder");
    }

    @Test
    void aClassWhoseMethodBodyChangesIsRedefinedInPlaceAndItsObjectsKeepTheirState() {
        scenario("redefined-class");
    }

    @Test
    void aVariableWhoseClassChangedShapeIsResetAndTheCellNamesIt() {
        scenario("reshaped-class");
    }

    @Test
    void aVariableWhoseInitializerFailedSaysSoWhereItIsUsed() {
        scenario("failed-initializer");
    }

    @Test
    void aFailedRedeclarationKeepsTheEarlierValueAndSaysSo() {
        scenario("failed-redeclaration");
    }
}
