package org.seqlab.data;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/** Dates as people write them, for {@link Tasks#dates(int, long)}. */
final class DateFormats {
    private DateFormats() {}

    static final LocalDate FIRST = LocalDate.of(1950, 1, 1);
    static final LocalDate LAST = LocalDate.of(2049, 12, 31);
    /** Every character any format can write. */
    static final String SOURCE_ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,./'-";
    static final String TARGET_ALPHABET = "0123456789-";

    /** The formats; two-digit years mean 1950–2049. */
    static final List<Function<LocalDate, String>> FORMATS = List.of(
            d -> month(d) + " " + d.getDayOfMonth() + ", " + d.getYear(),                 // March 3, 1999
            d -> d.getDayOfMonth() + " " + month(d) + " " + d.getYear(),                  // 3 March 1999
            d -> shortMonth(d) + " " + d.getDayOfMonth() + " " + d.getYear(),             // Mar 3 1999
            d -> d.getDayOfMonth() + " " + shortMonth(d).toLowerCase(Locale.ROOT) + " " + twoDigits(d), // 3 mar 99
            d -> weekday(d) + ", " + month(d).toLowerCase(Locale.ROOT) + " " + d.getDayOfMonth() + ", " + d.getYear(),
            d -> pad(d.getDayOfMonth()) + "." + pad(d.getMonthValue()) + "." + d.getYear(), // 03.03.1999
            d -> d.getMonthValue() + "/" + d.getDayOfMonth() + "/" + d.getYear(),        // 3/3/1999 (US order)
            d -> d.getYear() + " " + month(d).toLowerCase(Locale.ROOT) + " " + d.getDayOfMonth(),
            d -> (month(d) + " " + d.getDayOfMonth() + ", " + d.getYear()).toUpperCase(Locale.ROOT),
            d -> "the " + ordinal(d.getDayOfMonth()) + " of " + month(d).toLowerCase(Locale.ROOT) + ", " + d.getYear(),
            d -> ordinal(d.getDayOfMonth()) + " " + shortMonth(d) + " " + d.getYear(),
            d -> shortMonth(d) + ". " + d.getDayOfMonth() + ", '" + twoDigits(d));

    /** A name for each of {@link #FORMATS}, in the same order: the pattern it writes. */
    static final List<String> NAMES = List.of(
            "Month d, yyyy", "d Month yyyy", "Mon d yyyy", "d mon yy", "weekday, month d, yyyy", "dd.mm.yyyy",
            "m/d/yyyy", "yyyy month d", "MONTH D, YYYY", "the dth of month, yyyy", "dth Mon yyyy", "Mon. d, 'yy");

    /** The name of the format that wrote {@code pair}'s source from its target date, or "other". */
    static String formatOf(Translation pair) {
        LocalDate d;
        try {
            d = LocalDate.parse(pair.target());
        } catch (java.time.format.DateTimeParseException e) {
            return "other";
        }
        for (int f = 0; f < FORMATS.size(); f++) {
            if (FORMATS.get(f).apply(d).equals(pair.source())) return NAMES.get(f);
        }
        return "other";
    }

    static List<Translation> generate(int n, long seed) {
        Random rng = new Random(seed);
        long days = LAST.toEpochDay() - FIRST.toEpochDay() + 1;
        List<Translation> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            LocalDate d = LocalDate.ofEpochDay(FIRST.toEpochDay() + (long) (rng.nextDouble() * days));
            String source = FORMATS.get(rng.nextInt(FORMATS.size())).apply(d);
            out.add(new Translation(source, d.toString()));
        }
        return out;
    }

    private static String month(LocalDate d) {
        return d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static String shortMonth(LocalDate d) {
        return month(d).substring(0, 3);
    }

    private static String weekday(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
    }

    private static String twoDigits(LocalDate d) {
        return pad(d.getYear() % 100);
    }

    private static String pad(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static String ordinal(int day) {
        String suffix = (day % 100 >= 11 && day % 100 <= 13) ? "th"
                : switch (day % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return day + suffix;
    }
}
