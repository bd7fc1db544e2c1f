package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seqlab.display.Notebook;

class NotebookDisplayTest {
    @AfterEach
    void uninstall() {
        Notebook.install(null);
    }

    @Test
    void aLibraryViewIsShownAndThenUpdatedUnderOneDisplayId() {
        List<DisplayData> shown = new ArrayList<>();
        List<DisplayData> updated = new ArrayList<>();
        Notebook.install(new NotebookDisplay(shown::add, updated::add));
        assertTrue(Notebook.inKernel());

        Notebook.Handle handle = Notebook.show("epoch 1 · step 10/100");
        handle.update("epoch 1 · step 20/100");
        handle.update("epoch 1 · step 30/100");

        assertEquals(1, shown.size());
        assertEquals(2, updated.size());
        String id = shown.get(0).getDisplayId();
        assertTrue(id != null && !id.isBlank());
        assertEquals(id, updated.get(0).getDisplayId());
        assertEquals(id, updated.get(1).getDisplayId());
        assertEquals("epoch 1 · step 10/100", shown.get(0).getData(MIMEType.TEXT_PLAIN));
        assertEquals("epoch 1 · step 30/100", updated.get(1).getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void everyTypeOfTheBundleIsSent() {
        var image = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);
        DisplayData data = NotebookDisplay.data(Notebook.bundle(image), "abc");
        assertTrue(data.getData(MIMEType.IMAGE_PNG).toString().startsWith("iVBORw0KGgo"), "base64 PNG");
        assertEquals("<image 4x3>", data.getData(MIMEType.TEXT_PLAIN));
        assertEquals("abc", data.getDisplayId());
    }
}
