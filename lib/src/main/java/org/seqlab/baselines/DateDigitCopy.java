package org.seqlab.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule a date translator must beat: copy the numbers found in a human-written date into {@code yyyy-mm-dd},
 * without reading a single word.
 *
 * <pre>
 *   numbers  = the runs of digits, in order ("3rd of march, 1999" → 3, 1999)
 *   year     = the 4-digit number; without one, the last number as a two-digit year (50–99 → 19yy, 00–49 → 20yy)
 *   the rest = two numbers: day and month, or month and day when the source has a '/' (US order m/d/yyyy);
 *              one number: the day, and the month is unknown: written 01
 * </pre>
 *
 * So it is exact on purely numeric dates ({@code 03.03.1999}, {@code 3/3/1999}) and, where the month is a word,
 * right only when the month is January — but it still gets the year and the day right, which per-character
 * accuracy credits. Anything it cannot fill (no number at all) is written with {@code 0}s:
 * the output is always 10 characters.
 */
public final class DateDigitCopy {
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private DateDigitCopy() {}

    /** The rule's ISO date for {@code source}, always {@code yyyy-mm-dd}. */
    public static String translate(String source) {
        List<String> numbers = new ArrayList<>();
        Matcher m = DIGITS.matcher(source);
        while (m.find()) numbers.add(m.group());
        int year = -1;
        for (int i = 0; i < numbers.size() && year < 0; i++) {
            if (numbers.get(i).length() == 4) year = Integer.parseInt(numbers.remove(i));
        }
        if (year < 0 && !numbers.isEmpty()) {
            int yy = Integer.parseInt(numbers.remove(numbers.size() - 1)) % 100;
            year = yy >= 50 ? 1900 + yy : 2000 + yy;
        }
        int day = 0;
        int month = 1;
        if (numbers.size() >= 2) {
            boolean us = source.contains("/");
            day = Integer.parseInt(numbers.get(us ? 1 : 0));
            month = Integer.parseInt(numbers.get(us ? 0 : 1));
        } else if (numbers.size() == 1) {
            day = Integer.parseInt(numbers.get(0));
        }
        return String.format("%04d-%02d-%02d", Math.max(year, 0) % 10000, month % 100, day % 100);
    }

    /** {@link #translate(String)} of each source, in order. */
    public static List<String> translate(List<String> sources) {
        return sources.stream().map(DateDigitCopy::translate).toList();
    }
}
