package org.seqlab.baselines;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.seqlab.Shapes;
import org.seqlab.data.TimeSeries;
import org.seqlab.plot.Chart;
import org.seqlab.plot.Forecast;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Scores forecasters on one series the same way, so their numbers can sit in one table: a time-ordered split
 * into training {@code [0, trainEnd)}, validation {@code [trainEnd, validationEnd)} and test
 * {@code [validationEnd, N)}, the test range forecast in the series' units, and a prediction interval calibrated
 * on the validation part ({@link ForecastInterval}) whose coverage is then measured on the test range.
 *
 * <pre>
 *   one step:   ŷ_t from y_0 … y_{t−1}, for every t in the test range (a rolling origin: the real past each time)
 *   multi-step: ŷ_{v}, …, ŷ_{N−1} all from y_0 … y_{v−1}, v = validationEnd (recursive: forecasts fed back)
 * </pre>
 *
 * The interval's half-width at horizon h comes from the forecaster's own errors at horizon h on the validation
 * part, from every origin in it (for one step: the validation values forecast one step ahead).
 *
 * <p><b>A transformed scale.</b> With {@link #log()} the forecasters work on {@code ln y} (build them on
 * {@link #modelValues()}); forecasts, intervals and scores are turned back with {@code exp} and reported in the
 * series' units, and the interval is calibrated on the log scale, where errors of a series whose swings grow
 * with its level have one spread: it comes out as a band proportional to the level. The forecast
 * {@code exp(ŷ)} is then a median forecast, not a mean.
 *
 * <pre>
 *   Backtest bt = Backtest.of(air, 84, 120).log().masePeriod(12).level(0.9);
 *   double[] logs = bt.modelValues();
 *   Backtest.Result sn = bt.oneStep("seasonal naive", NaiveForecast.seasonal(logs, 12));
 *   Backtest.Result ar = bt.multiStep("AR(12)", LinearAutoregression.fit(logs, 12, 84));
 *   Backtest.table("Test range", List.of(sn, ar));      // MAE, RMSE (thousands), MASE, coverage
 *   bt.chart(ar, 72);                                   // history from month 72, forecast, interval
 * </pre>
 */
public final class Backtest {
    private final TimeSeries series;
    private final int trainEnd;
    private final int validationEnd;
    private final boolean log;
    private final int masePeriod;
    private final double level;

    private Backtest(TimeSeries series, int trainEnd, int validationEnd, boolean log, int masePeriod, double level) {
        this.series = series;
        this.trainEnd = trainEnd;
        this.validationEnd = validationEnd;
        this.log = log;
        this.masePeriod = masePeriod;
        this.level = level;
    }

    /**
     * A backtest of {@code series} split at {@code trainEnd} and {@code validationEnd}; MASE scaled by the naive
     * forecast (m = 1), 90 % intervals, no transform.
     *
     * @throws IllegalArgumentException unless {@code 1 < trainEnd < validationEnd < N}
     */
    public static Backtest of(TimeSeries series, int trainEnd, int validationEnd) {
        int n = series.length();
        Shapes.require(1 < trainEnd && trainEnd < validationEnd && validationEnd < n, "the split points must satisfy"
                + " 1 < trainEnd < validationEnd < N=%d (every part non-empty) but are %d and %d", n, trainEnd, validationEnd);
        return new Backtest(series, trainEnd, validationEnd, false, 1, 0.9);
    }

    /** Forecasters work on {@code ln y}; results come back in the series' units. Throws if a value is ≤ 0. */
    public Backtest log() {
        series.log();   // checks that every value is positive, naming the first that is not
        return new Backtest(series, trainEnd, validationEnd, true, masePeriod, level);
    }

    /** MASE scaled by the seasonal naive forecast of period m on the training part (12: monthly, yearly pattern). */
    public Backtest masePeriod(int m) {
        ForecastErrors.naiveScale(series.values(), trainEnd, m);
        return new Backtest(series, trainEnd, validationEnd, log, m, level);
    }

    /** The nominal coverage of the intervals, in (0, 1). */
    public Backtest level(double level) {
        Shapes.require(level > 0 && level < 1, "level must be in (0, 1) but is %s", level);
        return new Backtest(series, trainEnd, validationEnd, log, masePeriod, level);
    }

    /** The values forecasters are built on: the series, or its logarithm after {@link #log()}, {@code [N]}. */
    public double[] modelValues() {
        return log ? series.log().values() : series.values().clone();
    }

    /** The split points. */
    public int trainEnd() {
        return trainEnd;
    }

    /** The index of the first test value. */
    public int validationEnd() {
        return validationEnd;
    }

    /** The number of test values. */
    public int testLength() {
        return series.length() - validationEnd;
    }

    /**
     * One forecaster's run over the test range.
     *
     * @param name the model's name in tables and charts
     * @param mode {@code "one step"} or {@code "24 steps"} (one recursive forecast of the test range's first 24 values)
     * @param forecast ŷ over the test range (or its first steps), series' units
     * @param lower the interval's lower edge, series' units
     * @param upper its upper edge
     * @param actual y over the test range, series' units
     * @param errors MAE, RMSE (series' units) and MASE of the forecast
     * @param coverage the fraction of test values inside the interval
     * @param interval the interval as calibrated on the validation part, in model units (log units after {@code log()})
     */
    public record Result(String name, String mode, double[] forecast, double[] lower, double[] upper, double[] actual,
                         ForecastErrors errors, double coverage, ForecastInterval interval) {
        /** The mean width {@code upper − lower} over the test range, series' units. */
        public double meanWidth() {
            double sum = 0;
            for (int k = 0; k < forecast.length; k++) sum += upper[k] - lower[k];
            return sum / forecast.length;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, %s: MAE %.2f, RMSE %.2f, MASE %.3f, %.0f %% interval covers %.0f %%",
                    name, mode, errors.mae(), errors.rmse(), errors.mase(), 100 * interval.level(), 100 * coverage);
        }
    }

    /** Every test value forecast one step ahead from the real values before it; interval from one-step validation errors. */
    public Result oneStep(String name, SeriesForecaster f) {
        double[] y = modelValues();
        double[] errors = new double[validationEnd - trainEnd];
        for (int o = trainEnd; o < validationEnd; o++) errors[o - trainEnd] = y[o] - one(f, o);
        double[] forecast = new double[testLength()];
        for (int t = validationEnd; t < y.length; t++) forecast[t - validationEnd] = one(f, t);
        return result(name, "one step", forecast, ForecastInterval.fromErrors(errors, level));
    }

    /**
     * The whole test range forecast at once from the values before it (recursively, by the forecaster); the interval
     * at horizon h from the forecaster's h-step errors from every origin of the validation part.
     *
     * @throws IllegalArgumentException if the validation part is too short to give enough errors at the longest
     *         horizon for the level (it must be longer than the test range; see {@link ForecastInterval#fromErrors})
     */
    public Result multiStep(String name, SeriesForecaster f) {
        return multiStep(name, f, testLength());
    }

    /**
     * The first {@code steps} values of the test range forecast at once from the values before it, scored on those
     * {@code steps} values; the interval as in {@link #multiStep(String, SeriesForecaster)}.
     */
    public Result multiStep(String name, SeriesForecaster f, int steps) {
        Shapes.require(steps >= 1 && steps <= testLength(), "steps must be in [1, %d] (the test range) but is %d",
                testLength(), steps);
        double[] y = modelValues();
        double[][] errors = new double[steps][];
        for (int h = 0; h < steps; h++) errors[h] = new double[Math.max(0, validationEnd - trainEnd - h)];
        for (int o = trainEnd; o < validationEnd; o++) {
            double[] path = checked(f.forecast(o, Math.min(steps, validationEnd - o)), Math.min(steps, validationEnd - o), o);
            for (int h = 0; h < path.length; h++) errors[h][o - trainEnd] = y[o + h] - path[h];
        }
        double[] forecast = checked(f.forecast(validationEnd, steps), steps, validationEnd);
        return result(name, steps + " steps", forecast, ForecastInterval.fromErrors(errors, level));
    }

    private Result result(String name, String mode, double[] modelForecast, ForecastInterval interval) {
        DoubleUnaryOperator back = log ? Math::exp : v -> v;
        double[] forecast = Arrays.stream(modelForecast).map(back).toArray();
        double[] lower = Arrays.stream(interval.lower(modelForecast)).map(back).toArray();
        double[] upper = Arrays.stream(interval.upper(modelForecast)).map(back).toArray();
        double[] actual = Arrays.copyOfRange(series.values(), validationEnd, validationEnd + forecast.length);
        double scale = ForecastErrors.naiveScale(series.values(), trainEnd, masePeriod);
        return new Result(name, mode, forecast, lower, upper, actual, ForecastErrors.of(actual, forecast, scale),
                ForecastInterval.coverage(actual, lower, upper), interval);
    }

    private static double one(SeriesForecaster f, int from) {
        return checked(f.forecast(from, 1), 1, from)[0];
    }

    private static double[] checked(double[] forecast, int steps, int from) {
        Shapes.require(forecast.length == steps, "asked for %d steps from %d, the forecaster gave %d", steps, from,
                forecast.length);
        return forecast;
    }

    /**
     * One row per result: model, forecast mode, MAE and RMSE in the series' units (the value column's name), MASE,
     * the interval's measured coverage on the test range, its mean width, and the number of test values scored.
     */
    public Table table(String title, List<Result> results) {
        String unit = series.column();
        StringColumn model = StringColumn.create("model");
        StringColumn mode = StringColumn.create("forecast");
        DoubleColumn mae = DoubleColumn.create("MAE (" + unit + ")");
        DoubleColumn rmse = DoubleColumn.create("RMSE (" + unit + ")");
        DoubleColumn mase = DoubleColumn.create("MASE (m = " + masePeriod + ")");
        DoubleColumn coverage = DoubleColumn.create(String.format(Locale.ROOT, "%.0f %% interval coverage", 100 * level));
        DoubleColumn width = DoubleColumn.create("mean interval width");
        tech.tablesaw.api.IntColumn count = tech.tablesaw.api.IntColumn.create("test values");
        for (Result r : results) {
            model.append(r.name());
            mode.append(r.mode());
            mae.append(r.errors().mae());
            rmse.append(r.errors().rmse());
            mase.append(r.errors().mase());
            coverage.append(r.coverage());
            width.append(r.meanWidth());
            count.append(r.errors().count());
        }
        mae.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        rmse.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        mase.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        coverage.setPrintFormatter(NumberColumnFormatter.percent(0));
        width.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return Table.create(title, model, mode, mae, rmse, mase, coverage, width, count);
    }

    /**
     * The series from index {@code historyFrom} to the end of the forecast (x: the year), the result's forecast and its
     * interval; the dashed line marks the test range's start. Title: the model, the mode and the measured coverage.
     */
    public Chart chart(Result r, int historyFrom) {
        Shapes.require(historyFrom >= 0 && historyFrom < validationEnd, "historyFrom must be in [0, %d) but is %d",
                validationEnd, historyFrom);
        int end = validationEnd + r.forecast().length;
        double[] x = Arrays.copyOfRange(series.years(), historyFrom, end);
        double[] y = Arrays.copyOfRange(series.values(), historyFrom, end);
        Chart chart = Forecast.of(x, y, validationEnd - historyFrom, r.forecast(), r.lower(), r.upper());
        chart.chart().setTitle(String.format(Locale.ROOT, "%s, %s: MAE %.1f, %.0f %% in the %.0f %% interval",
                r.name(), r.mode(), r.errors().mae(), 100 * r.coverage(), 100 * level));
        chart.chart().setXAxisTitle("year");
        chart.chart().setYAxisTitle(series.column());
        chart.chart().getSeriesMap().get("error band").setLabel(String.format(Locale.ROOT,
                "%.0f %% interval (width from validation errors)", 100 * level));
        chart.chart().getStyler().setXAxisDecimalPattern("0");
        return chart;
    }
}
