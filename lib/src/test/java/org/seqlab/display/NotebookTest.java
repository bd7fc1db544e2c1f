package org.seqlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotebookTest {
    @AfterEach
    void uninstall() {
        Notebook.install(null);
    }

    /** What a kernel's display was asked to do, in order. */
    static final class Recorder implements Notebook.Display {
        final List<String> calls = new ArrayList<>();

        @Override
        public void show(Map<String, String> bundle, String displayId) {
            calls.add("show " + displayId + " " + bundle.get("text/plain"));
        }

        @Override
        public void update(Map<String, String> bundle, String displayId) {
            calls.add("update " + displayId + " " + bundle.get("text/plain"));
        }
    }

    @Test
    void anInstalledDisplayGetsEachViewAndItsUpdatesUnderOneIdPerView() {
        Recorder kernel = new Recorder();
        Notebook.install(kernel);
        assertTrue(Notebook.inKernel());
        Notebook.Handle a = Notebook.show("a1");
        Notebook.Handle b = Notebook.show(new Displayable() {
            @Override
            public Map<String, String> mimeBundle() {
                return Map.of("text/html", "<b>b1</b>", "text/plain", "b1");
            }
        });
        a.update("a2");
        b.update("b2");
        assertEquals(4, kernel.calls.size());
        String idA = kernel.calls.get(0).split(" ")[1];
        String idB = kernel.calls.get(1).split(" ")[1];
        assertFalse(idA.equals(idB), "each view has its own display id");
        assertEquals(List.of("show " + idA + " a1", "show " + idB + " b1", "update " + idA + " a2",
                "update " + idB + " b2"), kernel.calls);
    }

    @Test
    void outsideAKernelViewsArePrintedAsText() {
        assertNull(StockIJava.display(), "no IJava on a test's class path");
        assertFalse(Notebook.inKernel());
        PrintStream stdout = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Notebook.show("step 1").update("step 2");
        } finally {
            System.setOut(stdout);
        }
        assertEquals("step 1\nstep 2\n", bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
