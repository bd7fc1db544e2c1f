package org.seqlab.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.Map;
import java.util.function.Consumer;
import org.seqlab.display.Notebook;

/**
 * The course kernel's side of the library's display seam: {@link Notebook#show} and its handle's updates
 * become IJava {@code display_data} and {@code update_display_data} messages through the kernel's typed API,
 * so the library's live views need no reflection here. {@link Launcher} installs it before the first cell.
 */
final class NotebookDisplay implements Notebook.Display {
    private final Consumer<DisplayData> show;
    private final Consumer<DisplayData> update;

    /** Sends through {@code show} and {@code update}; tests give their own. */
    NotebookDisplay(Consumer<DisplayData> show, Consumer<DisplayData> update) {
        this.show = show;
        this.update = update;
    }

    /** The display of {@code kernel}: its {@code display} (which notes the cell's display ids) and its IO's update. */
    static NotebookDisplay of(BaseKernel kernel) {
        return new NotebookDisplay(kernel::display, data -> kernel.getIO().display.updateDisplay(data));
    }

    @Override
    public void show(Map<String, String> bundle, String displayId) {
        show.accept(data(bundle, displayId));
    }

    @Override
    public void update(Map<String, String> bundle, String displayId) {
        update.accept(data(bundle, displayId));
    }

    /** The bundle as IJava's display data, each MIME type in the bundle's order, under {@code displayId}. */
    static DisplayData data(Map<String, String> bundle, String displayId) {
        DisplayData data = new DisplayData();
        bundle.forEach(data::putData);
        data.setDisplayId(displayId);
        return data;
    }
}
