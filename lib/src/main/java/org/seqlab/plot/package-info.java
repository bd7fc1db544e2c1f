/**
 * Charts for the course notebooks, drawn with XChart as PNG in the house {@link org.seqlab.plot.Style}.
 *
 * <p>Every view is a {@link org.seqlab.plot.View}: the course kernel shows it as a cell's value, any IJava
 * shows it with {@code display(view.toImage())}, and {@code view.save(path)} writes a PNG.
 *
 * <ul>
 *   <li>{@link org.seqlab.plot.Curves}: loss and metric curves from one or several {@code History} runs.</li>
 *   <li>{@link org.seqlab.plot.LiveView}: a training callback that redraws the loss in place while training.</li>
 *   <li>{@link org.seqlab.plot.Traces}: heatmaps and line traces of states and gates; gradient norms over t.</li>
 *   <li>{@link org.seqlab.plot.ActivationText} and {@link org.seqlab.plot.Units}: text coloured by one unit,
 *       and the units that track a feature.</li>
 *   <li>{@link org.seqlab.plot.Forecast}: a series, its forecast on the test range and an error band.</li>
 *   <li>{@link org.seqlab.plot.Bars}: named series as bars over categories, and histograms.</li>
 *   <li>{@link org.seqlab.plot.Chart}: any few named series as lines (the view all of the above return).</li>
 * </ul>
 */
package org.seqlab.plot;
