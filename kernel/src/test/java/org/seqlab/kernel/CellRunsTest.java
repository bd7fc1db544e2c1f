package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CellRunsTest {
    private final CellRuns runs = new CellRuns();

    @Test
    void aRunThatReturnsKeepsItsValue() throws Exception {
        assertEquals("fit", runs.recorded(() -> "fit").call());
        CellRuns.Run run = runs.latest();
        assertTrue(run.returned());
        assertEquals("fit", run.value());
        assertNull(run.thrown());
    }

    @Test
    void aRunThatThrowsKeepsTheSnippetsOwnExceptionWithItsCauses() {
        IllegalStateException inner = new IllegalStateException("inner");
        RuntimeException thrown = new RuntimeException("outer", inner);
        assertThrows(InvocationTargetException.class,
                () -> runs.recorded(() -> { throw new InvocationTargetException(thrown); }).call());
        CellRuns.Run run = runs.latest();
        assertTrue(run.ended() && !run.returned());
        assertSame(thrown, run.thrown());
        assertSame(inner, run.thrown().getCause());
    }

    @Test
    void anErrorIsRecordedToo() throws Exception {
        assertThrows(StackOverflowError.class, () -> runs.recorded(() -> { throw new StackOverflowError(); }).call());
        assertTrue(runs.latest().thrown() instanceof StackOverflowError);
        assertTrue(runs.latest().awaitEnd(Duration.ZERO));
    }
}
