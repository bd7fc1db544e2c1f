package org.seqlab.data;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A univariate series as shipped in {@code datasets/series/}: one value per period, every period present.
 *
 * <p><b>Gaps are errors.</b> Every model in the course reads a series by position ("12 values back is the same month
 * last year"), so one missing month would shift every later value by one period and every forecast built on it
 * would be silently wrong. The constructor therefore requires consecutive periods — whole months (each date one
 * month after the one before) or whole years — and finite values, and otherwise throws an
 * {@link IllegalArgumentException} naming the first gap or bad value, its index, and what to do. The course does
 * not fill gaps behind the caller's back: filling (interpolation, a seasonal average) is a modelling decision to
 * make visibly and to report, as R did for the three months its Mauna Loa series interpolates.
 *
 * @param name the dataset name ({@code "air-passengers"})
 * @param column the value column's name, which carries the unit ({@code "passengers_thousands"})
 * @param dates the first day of each period, oldest first, {@code [N]}, consecutive months or consecutive years
 * @param values the observations, {@code [N]}, finite
 * @throws IllegalArgumentException if the lengths differ, a period is missing or repeated, or a value is NaN or infinite
 */
public record TimeSeries(String name, String column, List<LocalDate> dates, double[] values) {

    public TimeSeries {
        dates = List.copyOf(dates);
        if (dates.size() != values.length) {
            throw new IllegalArgumentException(name + ": dates and values must have the same length but have "
                    + dates.size() + " and " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + ": the value at " + dates.get(i) + " (index " + i + ") is "
                        + values[i] + "; a series needs a finite value for every period (drop or fill it explicitly)");
            }
        }
        if (dates.size() >= 2) {
            ChronoUnit unit = periodOf(name, dates.get(0), dates.get(1));
            for (int i = 1; i < dates.size(); i++) {
                LocalDate expected = dates.get(i - 1).plus(1, unit);
                if (!dates.get(i).equals(expected)) {
                    long missing = unit.between(expected, dates.get(i));
                    throw new IllegalArgumentException(String.format("%s: the dates must be consecutive %s but %s"
                            + " (index %d) follows %s; expected %s%s. Fill the gap explicitly (and say how) or cut"
                            + " the series there; a model reading values by position would otherwise shift every"
                            + " later value", name, unit.toString().toLowerCase(java.util.Locale.ROOT), dates.get(i), i,
                            dates.get(i - 1), expected,
                            missing > 0 ? " (" + missing + " " + (missing == 1 ? singular(unit) : unit.toString()
                                    .toLowerCase(java.util.Locale.ROOT)) + " missing)" : ""));
                }
            }
        }
    }

    private static String singular(ChronoUnit unit) {
        return unit == ChronoUnit.MONTHS ? "month" : "year";
    }

    private static ChronoUnit periodOf(String name, LocalDate first, LocalDate second) {
        if (first.plusMonths(1).equals(second)) return ChronoUnit.MONTHS;
        if (first.plusYears(1).equals(second)) return ChronoUnit.YEARS;
        throw new IllegalArgumentException(name + ": a series must be monthly or annual (dates one month or one year"
                + " apart) but starts " + first + ", " + second);
    }

    /** The number of observations {@code N}. */
    public int length() {
        return values.length;
    }

    /** Sliding windows of {@code window} observations forecasting the next {@code horizon}; see {@link TimeSeriesWindows}. */
    public TimeSeriesWindows windows(int window, int horizon) {
        return TimeSeriesWindows.of(values, window, horizon);
    }

    /**
     * The natural logarithm of every value, for series whose swings grow with their level (air passengers): on the
     * log scale a seasonal pattern that multiplies the level becomes one that adds to it.
     *
     * @throws IllegalArgumentException if a value is 0 or negative (its logarithm is not a number), naming the first
     */
    public TimeSeries log() {
        double[] logs = new double[values.length];
        for (int i = 0; i < logs.length; i++) {
            if (!(values[i] > 0)) {
                throw new IllegalArgumentException(String.format("%s: log() needs positive values but the value at"
                        + " %s (index %d) is %s; model this series on its own scale (or add an offset and say so)",
                        name, dates.get(i), i, values[i]));
            }
            logs[i] = Math.log(values[i]);
        }
        return new TimeSeries(name, "log_" + column, dates, logs);
    }

    /** The index of {@code date} in {@link #dates()}; throws if the series does not hold it. */
    public int indexOf(LocalDate date) {
        int i = dates.indexOf(date);
        if (i < 0) {
            throw new IllegalArgumentException(name + " runs from " + dates.get(0) + " to " + dates.get(dates.size() - 1)
                    + " and has no period starting " + date);
        }
        return i;
    }

    /** The periods from {@code first} (inclusive) to {@code last} (inclusive), a shorter series of the same name. */
    public TimeSeries between(LocalDate first, LocalDate last) {
        int from = indexOf(first), to = indexOf(last) + 1;
        if (to <= from) throw new IllegalArgumentException(name + ": " + last + " comes before " + first);
        return new TimeSeries(name, column, dates.subList(from, to), java.util.Arrays.copyOfRange(values, from, to));
    }

    /** Each period as a decimal year, {@code 1949.0, 1949.083, …}, for a chart's x axis. */
    public double[] years() {
        double[] x = new double[dates.size()];
        for (int i = 0; i < x.length; i++) x[i] = dates.get(i).getYear() + (dates.get(i).getMonthValue() - 1) / 12.0;
        return x;
    }

    @Override
    public String toString() {
        return "TimeSeries[" + name + ", " + column + ", N=" + values.length + ", " + dates.get(0) + " .. "
                + dates.get(dates.size() - 1) + "]";
    }
}
