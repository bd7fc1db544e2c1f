/**
 * Rich views in a notebook without a dependency on any kernel: objects that show themselves implement
 * {@link org.seqlab.display.Displayable} (a MIME bundle: PNG, HTML, text, built with
 * {@link org.seqlab.display.Mime}), and {@link org.seqlab.display.Notebook} shows a view and redraws it in place.
 *
 * <pre>
 *   Notebook.Handle view = Notebook.show(chart);     // display_data in a notebook, its text on a console
 *   view.update(newChart);                           // update_display_data: the same output redraws
 * </pre>
 *
 * The course kernel renders every {@code Displayable} a cell returns; on a stock IJava,
 * {@code display(x.toImage())} shows the image views. Outside a kernel (plain Java, tests) views print as text.
 */
package org.seqlab.display;
