package org.newsdesk.search;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Full dates a question names: "October 6, 2023", "6 October 2023", "2023-10-06". Partial dates are ignored. */
public final class QueryDates {
    private static final String MONTHS = "(january|february|march|april|may|june|july|august|september|october|november|december"
            + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.?";
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("\\b" + MONTHS + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTHS + ",?\\s+(\\d{4})\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");

    private QueryDates() {
    }

    public static List<LocalDate> find(String text) {
        List<LocalDate> dates = new ArrayList<>();
        for (Found f : spans(text)) {
            if (f.date() != null && !dates.contains(f.date())) {
                dates.add(f.date());
            }
        }
        return dates;
    }

    /**
     * A full date written in a text, where it was written ({@code start} inclusive, {@code end} exclusive), and the
     * date, or null when it names no real day ("February 30, 2023").
     */
    public record Found(LocalDate date, int start, int end) {
    }

    /** Every full date written in a text, invalid ones included (their span is still not a month or a year). */
    public static List<Found> spans(String text) {
        List<Found> found = new ArrayList<>();
        Matcher m = MONTH_DAY_YEAR.matcher(text);
        while (m.find()) {
            found.add(new Found(date(m.group(3), month(m.group(1)), m.group(2)), m.start(), m.end()));
        }
        m = DAY_MONTH_YEAR.matcher(text);
        while (m.find()) {
            found.add(new Found(date(m.group(3), month(m.group(2)), m.group(1)), m.start(), m.end()));
        }
        m = ISO.matcher(text);
        while (m.find()) {
            found.add(new Found(date(m.group(1), Integer.parseInt(m.group(2)), m.group(3)), m.start(), m.end()));
        }
        return found;
    }

    /** The month a name or its abbreviation stands for (1-12), or 0: "March", "mar", "Sept". */
    static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.length() < 3) {
            return 0;
        }
        for (Month month : Month.values()) {
            if (month.name().toLowerCase(Locale.ROOT).startsWith(n.substring(0, 3))) {
                return month.getValue();
            }
        }
        return 0;
    }

    private static LocalDate date(String year, int month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day));
        } catch (DateTimeException | NumberFormatException e) {
            return null; // "February 30, 2023" is not a date: ignore it
        }
    }
}
