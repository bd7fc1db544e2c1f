package org.seqlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYSeries;
import org.seqlab.Shapes;
import org.seqlab.train.ProgressLine;

/**
 * A time series with a model's forecast over the test range and an error band around the forecast.
 *
 * <pre>
 *   Forecast.of(series, testStart, forecast)                 // band ± 1.96 · RMSE on the test range
 *   Forecast.of(series, testStart, forecast, lower, upper)   // a band the model computed
 * </pre>
 *
 * The series is drawn over its whole length (index t on the x axis), the forecast from {@code testStart}
 * on, and a dashed vertical line marks where the test range begins.
 */
public final class Forecast {
    private Forecast() {}

    /** z of the two-sided 95% interval of a normal distribution. */
    public static final double Z95 = 1.96;

    /**
     * The series and its forecast with a band of ± {@link #Z95} · RMSE, where RMSE is the forecast's root mean
     * squared error over the steps where the series is known: the 95% band if errors are normal with that
     * spread. The title states the RMSE.
     *
     * @param series the observed values x_0 … x_{n−1}
     * @param testStart the first time step of the test range
     * @param forecast the forecast for t = testStart, testStart + 1, …; may run past the end of the series
     */
    public static Chart of(double[] series, int testStart, double[] forecast) {
        check(series, testStart, forecast);
        int overlap = Math.min(forecast.length, series.length - testStart);
        Shapes.require(overlap > 0, "the forecast must overlap the series to estimate its error; "
                + "give lower and upper bounds instead");
        double sum = 0;
        for (int i = 0; i < overlap; i++) {
            double e = series[testStart + i] - forecast[i];
            sum += e * e;
        }
        double rmse = Math.sqrt(sum / overlap);
        double[] lower = new double[forecast.length];
        double[] upper = new double[forecast.length];
        for (int i = 0; i < forecast.length; i++) {
            lower[i] = forecast[i] - Z95 * rmse;
            upper[i] = forecast[i] + Z95 * rmse;
        }
        Chart chart = of(series, testStart, forecast, lower, upper);
        chart.chart().setTitle(String.format(Locale.ROOT, "Forecast on the test range (RMSE %s)", ProgressLine.number(rmse)));
        chart.chart().getSeriesMap().get(BAND).setLabel("± 1.96 · RMSE");
        return chart;
    }

    /**
     * The series and its forecast with a given band (e.g. quantiles the model predicted).
     *
     * @param lower the band's lower edge, as long as {@code forecast}
     * @param upper the band's upper edge, as long as {@code forecast}
     */
    public static Chart of(double[] series, int testStart, double[] forecast, double[] lower, double[] upper) {
        double[] x = new double[Math.max(series.length, testStart + forecast.length)];
        for (int i = 0; i < x.length; i++) x[i] = i;
        Chart chart = of(x, series, testStart, forecast, lower, upper);
        chart.chart().setXAxisTitle("time step t");
        return chart;
    }

    /**
     * The same chart against a time axis of the caller's choosing (decimal years from {@code TimeSeries.years()},
     * say): {@code x[i]} is the time of {@code series[i]}, and of {@code forecast[i − testStart]} where that runs
     * past the series.
     *
     * @param x the time of each step, increasing, at least {@code max(series.length, testStart + forecast.length)} long
     */
    public static Chart of(double[] x, double[] series, int testStart, double[] forecast, double[] lower, double[] upper) {
        check(series, testStart, forecast);
        Shapes.require(lower.length == forecast.length && upper.length == forecast.length,
                "lower and upper must have the forecast's length %d but have %d and %d",
                forecast.length, lower.length, upper.length);
        Shapes.require(x.length >= Math.max(series.length, testStart + forecast.length), "x must give a time for each"
                + " of the %d steps but has %d", Math.max(series.length, testStart + forecast.length), x.length);
        Chart chart = Chart.create("Forecast on the test range", "time", "value");
        Color observed = Style.PALETTE[6];
        Color predicted = Style.color(1);

        double[] fx = new double[forecast.length];
        for (int i = 0; i < fx.length; i++) fx[i] = x[testStart + i];
        double[] px = new double[2 * fx.length];
        double[] py = new double[2 * fx.length];
        for (int i = 0; i < fx.length; i++) {
            px[i] = fx[i];
            py[i] = upper[i];
            px[px.length - 1 - i] = fx[i];
            py[py.length - 1 - i] = lower[i];
        }
        XYSeries band = chart.add(BAND, px, py, Style.faint(predicted, 60));
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setLineStyle(new BasicStroke(0f));
        chart.add("observed", java.util.Arrays.copyOf(x, series.length), series, observed).setLineStyle(new BasicStroke(1.5f));
        chart.add("forecast", fx, forecast, predicted);

        AnnotationLine split = new AnnotationLine(testStart < x.length ? x[testStart] : testStart, true, false);
        chart.chart().addAnnotation(split);
        chart.chart().getStyler().setAnnotationLineColor(new Color(0x888888));
        chart.chart().getStyler().setAnnotationLineStroke(Curves.dashed());
        return chart;
    }

    static final String BAND = "error band";

    private static void check(double[] series, int testStart, double[] forecast) {
        Shapes.require(series.length > 0, "the series is empty");
        Shapes.require(testStart >= 0 && testStart <= series.length,
                "testStart must be in [0, %d] but is %d", series.length, testStart);
        Shapes.require(forecast.length > 0, "the forecast is empty");
    }
}
