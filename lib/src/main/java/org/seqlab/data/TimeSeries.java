package org.seqlab.data;

import java.time.LocalDate;
import java.util.List;

/**
 * A univariate series as shipped in {@code datasets/series/}: one value per period.
 *
 * @param name the dataset name ({@code "air-passengers"})
 * @param column the value column's name, which carries the unit ({@code "passengers_thousands"})
 * @param dates the first day of each period, oldest first, {@code [N]}
 * @param values the observations, {@code [N]}
 */
public record TimeSeries(String name, String column, List<LocalDate> dates, double[] values) {

    /** The number of observations {@code N}. */
    public int length() {
        return values.length;
    }

    /** Sliding windows of {@code window} observations forecasting the next {@code horizon}; see {@link TimeSeriesWindows}. */
    public TimeSeriesWindows windows(int window, int horizon) {
        return TimeSeriesWindows.of(values, window, horizon);
    }

    /** The natural logarithm of every value, for series whose swings grow with their level (air passengers). */
    public TimeSeries log() {
        double[] logs = new double[values.length];
        for (int i = 0; i < logs.length; i++) logs[i] = Math.log(values[i]);
        return new TimeSeries(name, "log_" + column, dates, logs);
    }

    @Override
    public String toString() {
        return "TimeSeries[" + name + ", " + column + ", N=" + values.length + ", " + dates.get(0) + " .. "
                + dates.get(dates.size() - 1) + "]";
    }
}
