package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParentWatchTest {
    private static long parent() {
        return ProcessHandle.current().parent().orElseThrow().pid();
    }

    @Test
    void theDirectParentIsAlwaysWatched() {
        List<ProcessHandle> parents = ParentWatch.parents(Map.of());
        assertEquals(List.of(parent()), parents.stream().map(ProcessHandle::pid).toList());
    }

    @Test
    void jupytersNamedParentIsWatchedTooButOnlyOnce() {
        long self = ProcessHandle.current().pid();
        assertEquals(List.of(parent(), self),
                ParentWatch.parents(Map.of("JPY_PARENT_PID", Long.toString(self))).stream().map(ProcessHandle::pid).toList());
        assertEquals(1, ParentWatch.parents(Map.of("JPY_PARENT_PID", Long.toString(parent()))).size());
    }

    @Test
    void aMalformedParentPidIsIgnored() {
        assertTrue(ParentWatch.parents(Map.of("JPY_PARENT_PID", "not-a-pid")).size() == 1);
    }
}
